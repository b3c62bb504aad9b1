"""Languages with a small data file (Italian, German) and languages with none still get a record."""

from __future__ import annotations

from checker.extract.dates import event_date, publication_date
from checker.extract.language import detect_language
from checker.extract.record import extract_article
from checker.extract.names import KnownPeople
from checker.models import Document
from tests.helpers import LANGUAGES, article

ITALIAN = ("Il ministro ha ricevuto martedì 4 marzo 2025 a Roma il suo omologo, con il quale ha "
           "discusso della cooperazione tra i due paesi e delle sfide comuni.")
GERMAN = ("Der Minister hat am Dienstag, 4. März 2025 in Berlin seinen Amtskollegen empfangen, mit dem "
          "er über die Zusammenarbeit zwischen den beiden Ländern sprach.")


def test_italian_and_german_are_detected():
    assert detect_language(ITALIAN, LANGUAGES) == "it"
    assert detect_language(GERMAN, LANGUAGES) == "de"


def test_italian_and_german_dates_are_read():
    for text, code in ((ITALIAN, "it"), (GERMAN, "de")):
        art = article(text, code)
        claim = event_date(art, publication_date(art))
        assert (claim.value, claim.weekday, claim.basis) == ("2025-03-04", "tuesday", "explicit"), code


def test_a_language_without_data_gets_neutral_extraction():
    text = ("Ministern tog emot sin kollega Ola Nordmann den 2025-03-04 i Stockholm och de talade om "
            "samarbetet mellan länderna.")
    document = Document(id="sv", path="sv.txt", text=text)
    found = extract_article(document, LANGUAGES, KnownPeople.load())
    assert found.language == "und"
    assert found.record.event_date.value == "2025-03-04"
    assert found.record.event_date.evidence[0].text == "2025-03-04"
