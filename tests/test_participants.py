"""The people taking part in the meeting: the seeds, and small invented articles."""

from __future__ import annotations

import random
import time

import pytest

from checker.extract.names import KnownPeople, is_latin, same_person, unify_canonicals
from checker.extract.participants import participants
from tests.helpers import article, seed


def people(text_or_article, lang: str = "fr", known: KnownPeople | None = None):
    source = article(text_or_article, lang) if isinstance(text_or_article, str) else text_or_article
    return participants(source, known)


def summary(found) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.role, p.country) for p in found]


def assert_evidence_quotes(source, found) -> None:
    for participant in found:
        assert participant.evidence
        for span in participant.evidence:
            assert source.text[span.start:span.end] == span.text
        assert any(participant.name.split()[-1] in span.text for span in participant.evidence)


# --------------------------------------------------------------------------------------------
# Seeds


@pytest.mark.parametrize(("prefix", "expected"), [
    ("000", [("Abdelatif Hammouchi", "director_general", "MA"), ("Mikael Wern", "director", "DK")]),
    ("001", [("Abdellatif Hammouchi", "director_general", "MA"), ("Mikael Wern", "director", "DK")]),
    ("002", [("Abdellatif Hammouchi", "director_general", "MA"), ("Frédéric Veaux", "director_general", "FR")]),
    ("003", [("Abdellatif Hammouchi", "director_general", "MA"), ("Francisca Bostyn", "director_general", "BE")]),
])
def test_french_seeds(prefix, expected):
    source = seed(prefix)
    found = people(source)
    assert summary(found) == expected
    assert all(p.canonical == p.name for p in found)
    assert_evidence_quotes(source, found)


def test_french_seed_role_phrases_are_quoted():
    found = people(seed("000"))
    host, guest = found
    assert host.organization == "DGSN-DGST"
    assert guest.organization == "police"
    assert any(span.text.startswith("directeur de la police") for span in guest.evidence)
    # the headline's bare surname is evidence for the full name
    assert sum(span.text == "Hammouchi" for span in host.evidence) >= 1


def test_a_person_merely_mentioned_is_left_out():
    names = [p.name for p in people(seed("003"))]
    assert not any("Colomina" in name for name in names)


def test_arabic_seed():
    source = seed("004")
    found = people(source, "ar")
    assert len(found) == 2
    host, guest = found
    assert host.name in ("عبد اللطيف حموشي", "عبد اللطيف الحموشي")
    assert (host.role, host.organization, host.country) == ("director_general", "DGSN-DGST", "MA")
    assert guest.name == "ميكائيل ويرن"
    assert (guest.role, guest.country) == ("director", "DK")
    assert all(is_latin(p.canonical) for p in found)
    assert same_person(host.canonical, "Abdellatif Hammouchi")
    assert same_person(guest.canonical, "Mikael Wern")
    assert_evidence_quotes(source, found)


def test_one_canonical_per_person_across_the_seeds_of_one_meeting():
    names = [p.canonical for prefix in ("000", "001", "004") for p in people(seed(prefix))]
    mapping = unify_canonicals(names)
    hosts = {mapping[n] for n in names if same_person(n, "Hammouchi")}
    guests = {mapping[n] for n in names if same_person(n, "Wern")}
    assert hosts in ({"Abdellatif Hammouchi"}, {"Abdelatif Hammouchi"})
    assert guests == {"Mikael Wern"}
    shuffled = list(names)
    random.Random(7).shuffle(shuffled)
    assert unify_canonicals(shuffled) == mapping


# --------------------------------------------------------------------------------------------
# Invented French articles

FRENCH = """Sécurité : Jean-Marc Dupuis reçoit la directrice de la police belge

Le directeur général de la police nationale, Jean-Marc Dupuis, a reçu lundi à Rabat Mme Karine Van den Broeck, directrice de la police fédérale belge, qui conduisait une délégation de haut niveau.

Au cours de l'entretien, Dupuis a salué la coopération entre les deux services. Van den Broeck a souligné l'importance des échanges.

En mars, Marc Olivier Tessier, représentant spécial du secrétaire général de l'organisation, avait qualifié le partenariat d'exemplaire.

La cérémonie s'est tenue en présence du roi Gaston Lebrun.
"""


def test_invented_french_article():
    source = article(FRENCH)
    found = people(source)
    assert summary(found) == [
        ("Jean-Marc Dupuis", "director_general", None),
        ("Karine Van den Broeck", "director", "BE"),
    ]
    host = found[0]
    assert [s.text for s in host.evidence].count("Jean-Marc Dupuis") == 2
    assert "Dupuis" in [s.text for s in host.evidence]  # the bare surname joins the full name
    assert_evidence_quotes(source, found)


def test_role_joined_to_the_name_by_a_title_and_a_comma_before_it():
    text = ("Le chef de la police espagnole, M. Pablo Serrano Gil, a rencontré mardi le "
            "coordinateur national, Hugo Lindqvist.")
    assert summary(people(text)) == [("Pablo Serrano Gil", "head", "ES"), ("Hugo Lindqvist", "coordinator", None)]


def test_a_teaser_names_nobody():
    text = "Lire aussi : Paul Lemaire reçoit Sophie Garnier, directrice de la police danoise\n"
    assert people(text) == ()


def test_a_capitalised_thing_after_a_determiner_is_no_person():
    text = "Lors de la visite, le Centre Opérationnel Commun a présenté ses moyens à Paul Lemaire, chef de la police belge."
    assert summary(people(text)) == [("Paul Lemaire", "head", "BE")]


def test_a_bare_surname_counts_only_beside_a_role():
    assert people("Lemaire discute de la coopération à Rabat.") == ()
    found = people("Lemaire, directeur de la police suédoise, a été reçu à Rabat.")
    assert summary(found) == [("Lemaire", "director", "SE")]


def test_the_known_people_list_gives_the_canonical_form():
    known = KnownPeople.from_data({"person": [{"canonical": "Jean-Marc Dupuis-Morel", "names": ["Jean-Marc Dupuis"]}]})
    found = people(FRENCH, known=known)
    assert found[0].canonical == "Jean-Marc Dupuis-Morel"
    assert found[1].canonical == "Karine Van den Broeck"


# --------------------------------------------------------------------------------------------
# Invented Arabic article

ARABIC = """المدير العام للأمن الوطني كريم العلوي ومدير الشرطة الدنماركية يوهان لارسن خلال لقاء بالرباط.

استقبل السيد كريم العلوي، المدير العام للأمن الوطني، اليوم الاثنين بالرباط، السيد يوهان لارسن، مدير الشرطة الدنماركية، الذي يقوم بزيارة عمل إلى المملكة.

وأكد العلوي على أهمية التعاون بين البلدين بحضور الملك فيصل الأول.

اقرأ أيضا: السيد سمير الفاسي يستقبل نظيره
"""


def test_invented_arabic_article():
    source = article(ARABIC, "ar")
    found = people(source, "ar")
    assert summary(found) == [("كريم العلوي", "director_general", "MA"), ("يوهان لارسن", "director", "DK")]
    assert all(is_latin(p.canonical) for p in found)
    host = found[0]
    assert "العلوي" in [s.text for s in host.evidence]  # the later bare family name
    assert_evidence_quotes(source, found)


def test_arabic_names_stop_at_a_conjunction_a_role_or_a_non_name_word():
    text = "التقى السيد سمير بنعيسى والسيد رافائيل كورتيس، رئيس الشرطة الإسبانية، خلال اجتماع عمل."
    assert summary(people(text, "ar")) == [("سمير بنعيسى", None, None), ("رافائيل كورتيس", "head", "ES")]


def test_common_words_beside_a_role_are_no_name():
    text = "والتقى أيضا رئيس شرطة مكافحة الإرهاب البريطانية ونائب رئيس أمن الدولة السعودي."
    assert people(text, "ar") == ()


# --------------------------------------------------------------------------------------------
# Hostile input stays fast


@pytest.mark.parametrize(("text", "lang"), [
    ("Aa Bb " * 20000, "fr"),
    (", ".join(f"Jean{i % 97} Dupont, directeur de la police" for i in range(2000)), "fr"),
    ("(" * 20000 + "M. Jean Dupont" + ")" * 20000, "fr"),
    ("السيد " + "كريم " * 20000, "ar"),
    ("، ".join("المدير العام للأمن الوطني كريم العلوي" for _ in range(1000)), "ar"),
], ids=["capitalised-words", "many-names", "brackets", "arabic-words", "arabic-names"])
def test_hostile_input_is_linear(text, lang):
    started = time.perf_counter()
    people(text, lang)
    assert time.perf_counter() - started < 5


def test_a_capitalised_institution_or_event_is_no_person():
    text = ("The minister received Ola Nordmann, head of the national police, at the Security "
            "Operations Command and discussed the Olympic Games.")
    names = [p.name for p in participants(article(text, "en"))]
    assert names == ["Ola Nordmann"]
