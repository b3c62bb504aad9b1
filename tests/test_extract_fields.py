"""Instrument, status, agreed actions and location, on the seeds and on small invented articles."""

from __future__ import annotations

import pytest

from checker.extract.actions import agreed_actions
from checker.extract.countries import meeting_countries
from checker.extract.instrument import memorandum
from checker.extract.location import location
from tests.helpers import article, seed


def assert_evidence_quotes(art, spans):
    assert spans, "a value without evidence"
    for span in spans:
        assert art.text[span.start:span.end] == span.text


@pytest.mark.parametrize(("prefix", "kind", "status"), [
    ("000", "protocol_of_agreement", "to_be_signed"),
    ("001", "memorandum_of_understanding", "to_be_signed"),
    ("002", None, "not_mentioned"),
    ("003", None, "not_mentioned"),
    ("004", "memorandum_of_understanding", "to_be_signed"),
])
def test_seed_instruments(prefix, kind, status):
    art = seed(prefix)
    found = memorandum(art)
    assert (found.kind, found.status) == (kind, status)
    if kind:
        assert_evidence_quotes(art, found.evidence)
        assert found.term in art.text


@pytest.mark.parametrize(("text", "lang", "kind", "status"), [
    ("Les deux ministres ont signé mardi un mémorandum d'entente sur la sécurité.", "fr",
     "memorandum_of_understanding", "signed"),
    ("Un protocole d'accord doit être signé prochainement entre les deux services.", "fr",
     "protocol_of_agreement", "to_be_signed"),
    ("Le mémorandum d'entente n'a pas encore été signé par les deux parties.", "fr",
     "memorandum_of_understanding", "to_be_signed"),
    ("Un projet de convention de coopération est en cours de négociation.", "fr", "agreement", "under_discussion"),
    ("A cette occasion, une convention de coopération a également été signée.", "fr", "agreement", "signed"),
    ("وقع الطرفان يوم الثلاثاء مذكرة تفاهم في مجال الأمن.", "ar", "memorandum_of_understanding", "signed"),
    ("ومن المرتقب التوقيع على اتفاقية للتعاون الأمني.", "ar", "agreement", "to_be_signed"),
    ("فضلا عن التوقيع على مذكرة تفاهم حول التعاون.", "ar", "memorandum_of_understanding", "signed"),
    ("Les deux délégations ont évoqué la coopération régionale.", "fr", None, "not_mentioned"),
    # A bare "accord" / "agreement" is an instrument where the words around it make it one ...
    ("Les deux ministres doivent signer prochainement un accord commun.", "fr", "agreement", "to_be_signed"),
    ("An agreement was signed by the two directors.", "en", "agreement", "signed"),
    # ... and not in "d'accord", "en accord avec", "agreed".
    ("Les deux parties se sont mises d'accord, en accord avec leurs engagements.", "fr", None, "not_mentioned"),
])
def test_instrument_kind_and_status(text, lang, kind, status):
    found = memorandum(article(text, lang))
    assert (found.kind, found.status) == (kind, status)


def test_instrument_in_a_teaser_is_not_read():
    text = ("Le ministre a reçu son homologue à Rabat.\n\n"
            "Lire aussi : un mémorandum d'entente signé avec un autre pays\n")
    assert memorandum(article(text)).kind is None


AGREED = {"exchange_of_expertise", "institutional_legal_framework", "joint_training",
          "operational_cooperation", "sign_memorandum", "technical_assistance"}


@pytest.mark.parametrize(("prefix", "agreed", "discussed"), [
    ("000", AGREED, {"extradition_coordination"}),
    ("001", AGREED, {"extradition_coordination"}),
    ("004", AGREED, {"extradition_coordination"}),
    ("002", {"prepare_visit"}, {"exchange_of_expertise", "joint_operations"}),
    ("003", set(), {"exchange_of_expertise", "intelligence_sharing"}),
])
def test_seed_actions(prefix, agreed, discussed):
    art = seed(prefix)
    found = agreed_actions(art)
    assert {a.action for a in found if a.commitment == "agreed"} == agreed
    assert {a.action for a in found if a.commitment == "discussed"} == discussed
    for action in found:
        assert_evidence_quotes(art, action.evidence)


def commitments(text: str, lang: str = "fr") -> dict[str, str]:
    return {a.action: a.commitment for a in agreed_actions(article(text, lang))}


def test_discussed_is_kept_as_discussed():
    text = ("Les deux parties ont discuté de l'échange de renseignements. "
            "Il a été question de l'extradition des personnes recherchées.")
    assert commitments(text) == {"intelligence_sharing": "discussed", "extradition_coordination": "discussed"}


def test_agreed_list_in_the_next_sentence_counts():
    text = ("وتم الاتفاق على وضع إطار مؤسساتي وقانوني للتعاون. "
            "ويشمل هذا الإطار تبادل الخبرات والمساعدة التقنية.\n"
            "وناقش الطرفان تبادل المعلومات.")
    assert commitments(text, "ar") == {
        "institutional_legal_framework": "agreed", "exchange_of_expertise": "agreed",
        "technical_assistance": "agreed", "intelligence_sharing": "discussed"}


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # Background with no word of what the sides did: nothing.
    ("La coopération opérationnelle entre les deux pays est ancienne.", "fr", {}),
    ("Spain and Morocco have long shared intelligence.", "en", {}),
    # Agreement wins over an earlier discussion of the same field.
    ("Les entretiens ont porté sur l'assistance technique. Les deux parties ont convenu de "
     "renforcer l'assistance technique.", "fr", {"technical_assistance": "agreed"}),
    ("The talks focused on operational cooperation.", "en", {"operational_cooperation": "discussed"}),
    ("Los dos responsables acordaron reforzar la cooperación operativa.", "es",
     {"operational_cooperation": "agreed"}),
    ("Le due parti hanno concordato di rafforzare la cooperazione operativa.", "it",
     {"operational_cooperation": "agreed"}),
])
def test_commitment_follows_the_sentence(text, lang, expected):
    assert commitments(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "codes"), [
    ("Le directeur a reçu ses homologues espagnols à Rabat. Le Maroc et la France coopèrent depuis "
     "longtemps.", "fr", ["ES"]),
    ("استقبل المدير العام نظراءه الإسبان. وتربط المغرب وفرنسا علاقات قديمة.", "ar", ["ES"]),
    ("The minister received a Saudi delegation and Moroccan officials.", "en", ["MA", "SA"]),
    ("Morocco and France have a long history.", "en", []),
])
def test_meeting_countries_come_from_sentences_about_the_meeting(text, lang, codes):
    art = article(text, lang)
    found = meeting_countries(art)
    assert [c.code for c in found] == codes
    for country in found:
        assert_evidence_quotes(art, country.evidence)


@pytest.mark.parametrize(("prefix", "place"), [
    ("000", "Rabat"), ("001", "Rabat"), ("002", "Rabat"), ("003", None), ("004", "Rabat"),
])
def test_seed_locations(prefix, place):
    art = seed(prefix)
    found = location(art)
    assert found.value == place
    if place:
        assert_evidence_quotes(art, found.evidence)


@pytest.mark.parametrize(("text", "lang", "place"), [
    ("Le directeur a été reçu lundi à Londres par son homologue.", "fr", "London"),
    ("استقبل المدير العام يوم الاثنين في مدريد نظيره.", "ar", "Madrid"),
    ("Le ministre a reçu à Zanzibar City une délégation.", "fr", "Zanzibar City"),
    # An embassy's city, or a city named outside any sentence about the meeting, is not the venue.
    ("Le ministre a reçu des représentants de l'ambassade du Danemark à Rabat.", "fr", None),
    ("RABAT\nLa coopération entre les deux pays est ancienne.", "fr", None),
])
def test_location_needs_a_meeting_and_a_cue(text, lang, place):
    assert location(article(text, lang)).value == place


def test_a_word_ending_like_a_blocked_word_does_not_block_the_venue():
    # "semaine à" ends with the letters of "née à" (born in), which must not count inside a word.
    text = "Une délégation est arrivée cette semaine à Rabat pour une visite de travail."
    assert location(article(text)).value == "Rabat"


def test_a_known_place_named_by_the_meeting_sentence_is_the_venue_when_none_is_cued():
    text = ("Le directeur a effectué une visite au siège de la police londonienne, "
            "où il a rencontré son homologue.")
    found = location(article(text))
    assert found.value == "London" and found.evidence[0].text == "londonienne"


def test_a_closing_marker_above_the_article_is_a_header_below_it_the_end():
    from checker.extract.text import furniture_ranges
    from tests.helpers import LANGUAGES

    body = "Le ministre a reçu son homologue à Rabat pour une séance de travail. " * 4
    text = f"Temps de lecture : 2 minutes\n{body}\nTemps de lecture : 2 minutes\nUn autre article, jeudi 7 mars.\n"
    ranges = furniture_ranges(text, LANGUAGES["fr"])
    first_line_end = text.index("\n")
    assert ranges[0] == (0, first_line_end)
    tail_start = text.index("Temps de lecture", first_line_end)
    assert ranges[-1] == (tail_start, len(text))
