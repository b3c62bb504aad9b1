"""English and Spanish language data, end to end: small invented articles go through language
detection and every extractor, and each comes out as a reader of the article would say.

The articles, names and dates here are made up; none comes from a seed or the dev corpus.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.actions import agreed_actions
from checker.extract.dates import event_date, publication_date
from checker.extract.instrument import memorandum
from checker.extract.language import detect_language
from checker.extract.location import location
from checker.lang import load_languages
from checker.models import WEEKDAYS, DateClaim
from tests.helpers import article

LANGS = load_languages()


def dates_of(text: str, lang: str, published: str | None = None) -> DateClaim:
    doc = article(text, lang, published)
    claim = event_date(doc, publication_date(doc))
    for span in claim.evidence:
        assert doc.text[span.start:span.end] == span.text
    return claim


def quoted(claim: DateClaim) -> list[str]:
    return [span.text for span in claim.evidence]


def actions_of(text: str, lang: str, commitment: str = "agreed") -> set[str]:
    """The labels of the actions ``text`` reports with ``commitment``."""
    return {a.action for a in agreed_actions(article(text, lang)) if a.commitment == commitment}


# --- language detection ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code"), [
    ("The director of the national police received on Tuesday his counterpart, who is on a working "
     "visit to the country. The two officials discussed ways to strengthen their cooperation.", "en"),
    ("El director de la policía nacional recibió el martes a su homólogo, que se encuentra de visita "
     "de trabajo en el país. Los dos responsables abordaron las vías para reforzar su cooperación.", "es"),
    ("Le directeur de la police nationale a reçu mardi son homologue, qui effectue une visite de "
     "travail dans le pays. Les deux responsables ont évoqué les moyens de renforcer leur coopération.", "fr"),
    ("Ambos países acordaron reforzar la cooperación en materia de seguridad y el intercambio de "
     "información entre sus servicios.", "es"),
    ("Both countries agreed to reinforce security cooperation and the exchange of information between "
     "their services.", "en"),
])
def test_language_is_detected_from_stop_words(text, code):
    assert detect_language(text, LANGS) == code


def test_stop_word_lists_are_mostly_disjoint():
    """Shared words score for both languages; Spanish lists the few it shares with French, so a
    Spanish text cannot lose to French on them, and English shares none with either."""
    en, es, fr = (LANGS[c].stopwords for c in ("en", "es", "fr"))
    assert not en & es and not en & fr
    assert es & fr <= {"de", "la", "que", "en", "a", "un", "entre"}


# --- dates: English -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "published", "value", "basis", "quote"), [
    ("The director general received his counterpart on March 5, 2024 in the capital.", None,
     "2024-03-05", "explicit", "March 5, 2024"),
    ("The director general received his counterpart on 7th March 2024.", None,
     "2024-03-07", "explicit", "7th March 2024"),
    ("The meeting was held on the 5th of March, 2024.", None, "2024-03-05", "explicit", "5th of March, 2024"),
    ("The director general received, on Tuesday, March 5, his counterpart.", "2024-03-07",
     "2024-03-05", "explicit", "Tuesday, March 5"),
    ("The visit took place from June 26 to 28, 2024.", None, "2024-06-26", "explicit", "June 26 to 28, 2024"),
    ("The officials met on Dec. 30 in the capital.", "2025-01-02", "2024-12-30", "explicit", "Dec. 30"),
    ("The director general received his counterpart on Tuesday.", "2024-03-07",
     "2024-03-05", "weekday+publication-date", "Tuesday"),
    ("The director general received his counterpart last Tuesday.", "2024-03-05",
     "2024-02-27", "weekday+publication-date", "last Tuesday"),
    ("The director general received his counterpart yesterday.", "2024-03-07",
     "2024-03-06", "weekday+publication-date", "yesterday"),
    # "since Tuesday" starts the reported visit; "in January" and "last year" are other events
    ("He has been on a working visit since Tuesday.", "2024-03-07", "2024-03-05", "weekday+publication-date",
     "Tuesday"),
    ("In January, he attended the meeting of 12 January 2024 in Dubai. He met his counterpart on Monday.",
     "2024-03-07", "2024-03-04", "weekday+publication-date", "Monday"),
    # a visit announced for next week is not the event
    ("The director general will receive his counterpart next Tuesday.", "2024-03-07",
     "2024-03-07", "publication-date", None),
])
def test_english_event_dates(text, published, value, basis, quote):
    claim = dates_of(text, "en", published)
    assert (claim.value, claim.basis) == (value, basis)
    assert quoted(claim) == ([quote] if quote else [])


def test_english_month_first_without_year_is_partial():
    claim = dates_of("The two officials met on March 5 in the capital.", "en")
    assert (claim.basis, claim.day, claim.month, claim.year) == ("partial", 5, 3, None)


def test_english_byline_gives_the_publication_date():
    doc = article("Security talks in the capital\nPublished on March 7, 2024 at 10:30\n\n"
                  "The director general received his counterpart on Tuesday.", "en")
    pub = publication_date(doc)
    assert (pub.value, pub.basis, quoted(pub)) == ("2024-03-07", "explicit", ["March 7, 2024"])
    assert event_date(doc, pub).value == "2024-03-05"


def test_english_month_first_needs_a_day_of_one_or_two_digits():
    """"May 2024" names no day; "March 15 000 officers" is not a 15 March of year 000."""
    assert dates_of("The officials met in May 2024 to review cooperation.", "en").basis == "none"
    assert dates_of("The force counts 300 officers since March 2019.", "en").basis == "none"


# --- dates: Spanish -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "published", "value", "basis", "quote"), [
    ("El director general recibió el 5 de marzo de 2024 a su homólogo.", None,
     "2024-03-05", "explicit", "5 de marzo de 2024"),
    ("El director general recibió el martes 5 de marzo del 2024 a su homólogo.", None,
     "2024-03-05", "explicit", "martes 5 de marzo del 2024"),
    ("La reunión se celebró el 1.º de junio de 2023 en la capital.", None, "2023-06-01", "explicit",
     "1.º de junio de 2023"),
    ("La reunión se celebró del 26 al 28 de junio de 2024.", None, "2024-06-26", "explicit",
     "26 al 28 de junio de 2024"),
    ("El director general recibió el pasado 5 de marzo a su homólogo.", "2025-01-10",
     "2024-03-05", "explicit", "pasado 5 de marzo"),
    ("El director general recibió ayer, martes, a su homólogo.", "2024-03-06",
     "2024-03-05", "weekday+publication-date", "ayer, martes"),
    ("El director general recibió este miércoles a su homólogo.", "2024-03-08",
     "2024-03-06", "weekday+publication-date", "miércoles"),
    ("El director general recibió hoy a su homólogo.", "2024-03-06", "2024-03-06", "weekday+publication-date",
     "hoy"),
    ("El director se reunió el martes por la mañana con su homólogo.", "2024-03-07",
     "2024-03-05", "weekday+publication-date", "martes"),
    ("El director general recibió el martes pasado a su homólogo.", "2024-03-05",
     "2024-02-27", "weekday+publication-date", "martes pasado"),
    # other events: "hace un año", "en enero"; a coming visit is not the event
    ("Hace un año, el director visitó Madrid el 3 de febrero de 2023 con su equipo. "
     "El martes recibió a su homólogo.",
     "2024-03-07", "2024-03-05", "weekday+publication-date", "martes"),
    ("En enero, participó en la reunión del 12 de enero de 2024 en Doha. El lunes recibió a su homólogo.",
     "2024-03-07", "2024-03-04", "weekday+publication-date", "lunes"),
    ("El director general recibirá el próximo martes a su homólogo.", "2024-03-06",
     "2024-03-06", "publication-date", None),
])
def test_spanish_event_dates(text, published, value, basis, quote):
    claim = dates_of(text, "es", published)
    assert (claim.value, claim.basis) == (value, basis)
    assert quoted(claim) == ([quote] if quote else [])


def test_spanish_day_and_month_without_year_is_partial():
    claim = dates_of("El director general recibió, el miércoles 23 de abril, a su homólogo.", "es")
    assert (claim.basis, claim.day, claim.month, claim.weekday) == ("partial", 23, 4, "wednesday")


def test_spanish_dates_do_not_read_month_first():
    """Only a language that says ``month_first`` reads "<month> 5": in Spanish the number after a
    month is a count."""
    assert dates_of("En marzo 5 agentes se reunieron con su homólogo.", "es").basis == "none"


# --- dates: properties ----------------------------------------------------------------------------

def names_of(mapping, value) -> list[str]:
    return sorted(name for name, v in mapping.items() if v == value)


def render(day: date, lang: str, data: st.DataObject) -> str:
    """``day`` written one of the ways the language writes a full date."""
    language = LANGS[lang]
    month = data.draw(st.sampled_from(names_of(language.months, day.month)))
    weekday = data.draw(st.sampled_from(names_of(language.weekdays, WEEKDAYS[day.weekday()])))
    d, y = day.day, day.year
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d, "th")
    if lang == "en":
        forms = [f"{month} {d}, {y}", f"{weekday}, {month} {d}, {y}", f"{d} {month} {y}",
                 f"the {d}{suffix} of {month}, {y}", f"{d}{suffix} {month} {y}", f"{month} {d}{suffix}, {y}"]
    else:
        forms = [f"{d} de {month} de {y}", f"el {weekday} {d} de {month} de {y}", f"{d} de {month} del {y}",
                 f"el {weekday}, {d} de {month} de {y}"]
    return data.draw(st.sampled_from(forms))


SENTENCES = {
    "en": "The director general received, {}, his counterpart in the capital.",
    "es": "El director general recibió, {}, a su homólogo en la capital.",
}


@settings(max_examples=150, deadline=None)
@given(day=st.dates(date(1990, 1, 1), date(2060, 12, 31)), lang=st.sampled_from(["en", "es"]), data=st.data())
def test_rendered_date_parses_back_to_itself(day, lang, data):
    claim = dates_of(SENTENCES[lang].format(render(day, lang, data)), lang)
    assert (claim.value, claim.basis) == (day.isoformat(), "explicit")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200) | st.text("0123456789 ,.-ofdeltheMarchmarzo", max_size=60),
       lang=st.sampled_from(["en", "es"]),
       published=st.one_of(st.none(), st.sampled_from(["2024-03-07", "2024-03", "9999-12-31"])))
def test_arbitrary_text_never_raises(text, lang, published):
    assert isinstance(dates_of(text, lang, published), DateClaim)


# --- instrument and status ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "kind", "status"), [
    ("On this occasion, a memorandum of understanding on security cooperation was signed.", "en",
     "memorandum_of_understanding", "signed"),
    ("The two directors signed an MoU on counter-terrorism.", "en", "memorandum_of_understanding", "signed"),
    ("The two sides will sign a memorandum of understanding soon.", "en", "memorandum_of_understanding",
     "to_be_signed"),
    ("The memorandum of understanding has not yet been signed.", "en", "memorandum_of_understanding",
     "to_be_signed"),
    ("They stressed the importance of accelerating the signing of a protocol of agreement.", "en",
     "protocol_of_agreement", "to_be_signed"),
    ("A draft framework agreement is under negotiation.", "en", "agreement", "under_discussion"),
    ("The ministers reviewed the bilateral agreement on police cooperation.", "en", "agreement",
     "under_discussion"),
    ("Both parties adopted a joint action plan.", "en", "action_plan", "under_discussion"),
    ("Los dos directores firmaron un memorando de entendimiento en materia de seguridad.", "es",
     "memorandum_of_understanding", "signed"),
    ("El memorándum de entendimiento fue firmado por ambos responsables.", "es",
     "memorandum_of_understanding", "signed"),
    ("Está previsto firmar un protocolo de acuerdo en los próximos meses.", "es", "protocol_of_agreement",
     "to_be_signed"),
    ("El convenio de cooperación se firmará durante la próxima visita.", "es", "agreement", "to_be_signed"),
    ("El acuerdo marco todavía no ha sido firmado.", "es", "agreement", "to_be_signed"),
    ("Un proyecto de memorando de entendimiento está en fase de negociación.", "es",
     "memorandum_of_understanding", "under_discussion"),
    ("Ambas partes aprobaron una hoja de ruta.", "es", "roadmap", "under_discussion"),
])
def test_instrument_kind_and_status(text, lang, kind, status):
    doc = article(text, lang)
    found = memorandum(doc)
    assert (found.kind, found.status) == (kind, status)
    assert found.term and found.term in text
    for span in found.evidence:
        assert doc.text[span.start:span.end] == span.text


@pytest.mark.parametrize(("text", "lang"), [
    ("According to the statement, the two sides agreed on the importance of cooperation.", "en"),
    ("De acuerdo con el comunicado, ambas partes se reunieron en la capital.", "es"),
])
def test_no_instrument_in_ordinary_agreement_words(text, lang):
    assert memorandum(article(text, lang)).status == "not_mentioned"


# --- agreed actions -------------------------------------------------------------------------------

def test_english_agreed_actions_and_the_sentence_after():
    text = ("The two sides agreed to establish an institutional and legal framework for their cooperation. "
            "This includes the exchange of intelligence, joint training programmes and technical assistance. "
            "They also discussed joint operations and extradition.")
    assert actions_of(text, "en") == {
        "institutional_legal_framework", "intelligence_sharing", "joint_training", "technical_assistance"}
    assert actions_of(text, "en", "discussed") == {"joint_operations", "extradition_coordination"}


def test_english_discussed_actions_are_not_agreed():
    text = "The officials discussed operational cooperation and the exchange of expertise."
    assert actions_of(text, "en") == set()
    assert actions_of(text, "en", "discussed") == {"operational_cooperation", "exchange_of_expertise"}


def test_english_decided_visit_and_signing():
    text = ("It was decided to prepare an upcoming visit and to speed up the signing of a memorandum of "
            "understanding.")
    assert actions_of(text, "en") == {"prepare_visit", "sign_memorandum"}


def test_spanish_agreed_actions():
    text = ("Ambas partes acordaron reforzar la cooperación operativa y el intercambio de información. "
            "Asimismo, se comprometieron a ejecutar operaciones conjuntas y a coordinar la extradición "
            "de personas buscadas. También abordaron la formación policial conjunta.")
    assert actions_of(text, "es") == {
        "operational_cooperation", "intelligence_sharing", "joint_operations", "extradition_coordination"}
    assert actions_of(text, "es", "discussed") == {"joint_training"}


def test_spanish_discussed_actions_are_not_agreed():
    text = "Los dos responsables analizaron la asistencia técnica y el intercambio de experiencias."
    assert actions_of(text, "es") == set()
    assert actions_of(text, "es", "discussed") == {"technical_assistance", "exchange_of_expertise"}


# --- location -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "place", "quote"), [
    ("The director general received his counterpart on Tuesday in Rabat.", "en", "Rabat", "Rabat"),
    ("The two officials held talks in The Hague.", "en", "The Hague", "The Hague"),
    ("He paid a working visit to London, where he met his counterpart.", "en", "London", "London"),
    # the embassy's city is not where the meeting was
    ("He met representatives of the Danish embassy in Rabat. The meeting took place in Casablanca.", "en",
     "Casablanca", "Casablanca"),
    ("El director general recibió el miércoles en Rabat a su homólogo.", "es", "Rabat", "Rabat"),
    ("La reunión tuvo lugar en Bruselas.", "es", "Brussels", "Bruselas"),
    ("Se reunió con el personal de la embajada de España en Rabat. La reunión se celebró en Tánger.", "es",
     "Tangier", "Tánger"),
])
def test_location(text, lang, place, quote):
    found = location(article(text, lang))
    assert found.value == place
    assert [span.text for span in found.evidence] == [quote]


def test_a_place_outside_a_meeting_sentence_is_not_the_venue():
    assert location(article("The capital of the country is Rabat, in the west.", "en")).value is None
    assert location(article("El director nació en Sevilla.", "es")).value is None


# --- furniture and organisations ------------------------------------------------------------------

def test_teasers_and_comment_forms_are_furniture():
    text = ("The director general received his counterpart on Tuesday in Rabat.\n"
            "Read also: Officials signed a memorandum of understanding on 3 May 2021\n"
            "Leave a Reply\nA reader wrote on Friday about the joint operations.")
    doc = article(text, "en", "2024-03-07")
    assert memorandum(doc).status == "not_mentioned"
    assert event_date(doc, publication_date(doc)).value == "2024-03-05"
    spanish = article("El director recibió el martes a su homólogo.\nNoticias relacionadas\n"
                      "Se firmó un memorando de entendimiento.", "es")
    assert memorandum(spanish).status == "not_mentioned"


@pytest.mark.parametrize(("text", "lang", "label", "country"), [
    ("el director general de la Policía Nacional, Juan Ejemplo", "es", "Policía Nacional", "ES"),
    ("la Policía Nacional francesa", "es", "police", None),
    ("la Policía Nacional de Colombia", "es", "police", None),
    ("el jefe de la Guardia Civil", "es", "Guardia Civil", "ES"),
    ("the Director General of the Security Service", "en", "MI5", "GB"),
    ("the security services of both countries", "en", None, None),
    ("the headquarters of New Scotland Yard", "en", "Metropolitan Police", "GB"),
])
def test_organisations_and_their_country(text, lang, label, country):
    found = LANGS[lang].table("organizations").search(text)
    if label is None:
        assert found is None
    else:
        assert (found[0].label, found[0].get("country")) == (label, country)


@pytest.mark.parametrize(("text", "lang", "code"), [
    ("the US delegation", "en", "US"),
    ("the UAE delegation", "en", "AE"),
    ("la delegación de EE.UU.", "es", "US"),
    ("el reino alauí", "es", "MA"),
])
def test_country_abbreviations(text, lang, code):
    found = LANGS[lang].table("countries").search(text)
    assert found and found[0].label == code


def test_pronoun_us_is_no_country():
    assert LANGS["en"].table("countries").search("he told us about the meeting") is None
