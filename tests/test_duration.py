"""A meeting's stated length makes its date a span: "une visite de deux jours", "two-day visit"."""

from __future__ import annotations

import pytest

from checker.extract.dates import event_date, publication_date
from checker.extract.duration import with_duration
from checker.lang import load_languages
from tests.helpers import article

LANGUAGES = load_languages()


def dated(text: str, lang: str, published: str | None = None):
    art = article(text, lang, published=published)
    claim = with_duration(art, event_date(art, publication_date(art)))
    for span in claim.evidence:
        assert art.document.text[span.start:span.end] == span.text
    return claim


@pytest.mark.parametrize(("text", "lang", "first", "last"), [
    ("Le ministre a entamé le 30 juin 2025 une visite de travail de deux jours à Oslo.", "fr",
     "2025-06-30", "2025-07-01"),
    ("The director began on 4 March 2025 a two-day visit to Oslo.", "en", "2025-03-04", "2025-03-05"),
    ("El director inició el 4 de marzo de 2025 una visita de trabajo de tres días a Oslo.", "es",
     "2025-03-04", "2025-03-06"),
    ("بدأ المدير يوم 4 مارس 2025 زيارة رسمية إلى أوسلو، وهي الزيارة التي امتدت ليومين.", "ar",
     "2025-03-04", "2025-03-05"),
])
def test_a_stated_length_makes_a_span_from_the_date(text, lang, first, last):
    claim = dated(text, lang)
    assert (claim.value, claim.end) == (first, last)
    assert len(claim.evidence) == 2


def test_a_span_the_article_gives_is_kept_as_written():
    claim = dated("Le ministre a effectué du 3 au 6 mars 2025 une visite de deux jours à Oslo.", "fr")
    assert (claim.value, claim.end) == ("2025-03-03", "2025-03-06")


def test_a_length_outside_the_meeting_sentences_is_not_read():
    text = ("Le ministre a reçu le 4 mars 2025 son homologue à Rabat. "
            "Le festival de la ville dure deux jours chaque année.")
    claim = dated(text, "fr")
    assert (claim.value, claim.end) == ("2025-03-04", None)


def test_a_day_without_year_gets_a_last_day_only_within_its_month():
    inside = dated("Le ministre a entamé le 4 mars une visite de deux jours à Oslo.", "fr")
    assert (inside.value, inside.day, inside.end_day) == (None, 4, 5)
    across = dated("Le ministre a entamé le 31 mars une visite de deux jours à Oslo.", "fr")
    assert (across.day, across.end_day) == (31, None)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_duration_entry_gives_a_length_of_two_days_or_more(code):
    for entry in LANGUAGES[code].table("durations").entries:
        assert isinstance(entry.get("days"), int) and entry.get("days") >= 2, entry.pattern
