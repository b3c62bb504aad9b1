"""Extracted records are valid models, though extraction builds most of them unvalidated.

Extractors build their models with ``checker.models.trusted`` where their code guarantees the
values (validation cost a few percent of extraction). Validation is then a property these tests
check, on the seeds and on small invented articles in several languages: an extractor bug that
``trusted`` lets through (a list for a tuple, a bad date string, a weekday in capitals) fails here
rather than in some later stage, or nowhere.
"""

from __future__ import annotations

import copy
import types
from typing import Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from checker.extract.names import KnownPeople
from checker.extract.record import extract_article
from checker.lang import build_language, language_data
from checker.models import Article, ClaimRecord, DateClaim, Document, Participant, Span, trusted
from tests.helpers import LANGUAGES, SEEDS

KNOWN = KnownPeople.load()

# Invented reports: a language code, a publication date (or none) and a text.
INVENTED = {
    "fr-span": ("fr", "2025-02-07",
                "Le directeur général de la police portugaise, Rui Calado, a été reçu jeudi 6 février 2025 à Lyon, "
                "pour une visite de travail de deux jours, par la directrice de la police nationale, Hélène "
                "Marchetti. Les deux parties ont convenu de renforcer l'échange d'informations. Les entretiens ont "
                "porté sur des opérations conjointes. Un mémorandum d'entente sera signé prochainement entre la "
                "France et le Portugal."),
    "en-weekday": ("en", "2025-03-06",
                   "The director of the Irish police, Sean Gallagher, met on Tuesday in London with the director "
                   "general of the Spanish police, Laura Gimeno. The two sides agreed to strengthen intelligence "
                   "sharing and discussed counter-terrorism training. A memorandum of understanding was signed "
                   "between Spain and Ireland."),
    "en-partial": ("en", None,
                   "Police chiefs of Ireland and Spain met on 26 June to review joint operations. The director, "
                   "Niamh Byrne, said the talks in Dublin were useful."),
    "es-range": ("es", None,
                 "El director de la policía italiana, Paolo Ferrante, se reunió del 10 al 12 de marzo de 2025 en "
                 "Madrid con el director general de la Policía Nacional, Jorge Salvatierra. Ambas partes acordaron "
                 "reforzar el intercambio de información. Se firmó un memorando de entendimiento entre España e "
                 "Italia."),
    "ar": ("ar", "2025-03-05",
           "استقبل المدير العام للأمن الوطني، السيد خالد المنصوري، يوم الثلاثاء 4 مارس 2025 بالرباط، مدير الشرطة "
           "البرتغالية، السيد روي كالادو. وتم الاتفاق على تعزيز تبادل الخبرات والمعلومات. وتناولت المباحثات التعاون "
           "الأمني بين المغرب والبرتغال. وتم توقيع مذكرة تفاهم بين البلدين."),
    "de": ("de", None,
           "Der Direktor der österreichischen Polizei, Klaus Brandauer, hat am Mittwoch, 12. März 2025 in Berlin "
           "den Präsidenten des Bundeskriminalamts empfangen. Beide Seiten vereinbarten, den Informationsaustausch "
           "zu verstärken."),
    "it": ("it", "2025-03-15",
           "Il direttore della polizia tunisina, Karim Ben Salah, ha incontrato venerdì 14 marzo a Roma il capo "
           "della polizia italiana. Le due parti hanno concordato di rafforzare lo scambio di informazioni."),
}


def _invented(name: str, languages=LANGUAGES) -> Article:
    code, published, text = INVENTED[name]
    document = Document(id=name, path=f"{name}.txt", text=text, language=code, published=published)
    return extract_article(document, languages, KNOWN)


@pytest.fixture(scope="module")
def extracted() -> list[Article]:
    """The articles of the seeds (languages detected) and of the invented reports."""
    seeds = [Document(id=path.stem, path=path.name, text=path.read_text(encoding="utf-8"))
             for path in sorted(SEEDS.glob("*.txt"))]
    assert seeds
    return [extract_article(d, LANGUAGES, KNOWN) for d in seeds] + [_invented(name) for name in INVENTED]


def _type_problems(value, annotation, where: str) -> list[str]:
    """How ``value`` differs from the declared ``annotation``, exactly: a subclass (a bool for an
    int), a list for a tuple or a dict for a model is a difference, though validation accepts it."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        arms = [arm for arm in args if arm is not type(None)]
        return [] if value is None and len(arms) < len(args) else _type_problems(value, *arms, where)
    if origin is Literal:
        return [] if type(value) is str and value in args else [f"{where}: {value!r} is none of {args}"]
    if origin is tuple:
        if type(value) is not tuple:
            return [f"{where}: a {type(value).__name__}, not a tuple"]
        return [problem for i, item in enumerate(value) for problem in _type_problems(item, args[0], f"{where}[{i}]")]
    if type(value) is not annotation:
        return [f"{where}: a {type(value).__name__}, not a {annotation.__name__}"]
    return _model_problems(value, where) if isinstance(value, BaseModel) else []


def _model_problems(model: BaseModel, where: str) -> list[str]:
    """The fields of ``model`` that differ from their declarations, nested models included; and
    whether it holds every field in declaration order, and nothing else, as ``trusted`` requires."""
    fields = type(model).model_fields
    problems = [] if list(model.__dict__) == list(fields) else [f"{where}: fields {list(model.__dict__)}"]
    for name, field in fields.items():
        if name in model.__dict__:
            problems += _type_problems(model.__dict__[name], field.annotation, f"{where}.{name}")
    return problems


def problems(article: Article) -> list[str]:
    """Everything validation would have refused or changed in ``article``: its record validated
    from its dump must be itself, and every value must be of its declared type."""
    try:
        round_trip = ClaimRecord.model_validate(article.record.model_dump())
    except ValidationError as error:
        return [f"{article.id}: {error}"]
    found = [] if round_trip == article.record else [f"{article.id}: the record changes when validated"]
    return found + _model_problems(article, article.id)


def test_every_extracted_record_is_what_validation_makes_of_it(extracted):
    for article in extracted:
        assert problems(article) == []
        assert Article.model_validate({**article.model_dump(), "wording": article.wording}) == article


def test_the_invented_reports_reach_every_model_extraction_builds_unvalidated(extracted):
    """Else the test above would check those models on the seeds alone."""
    records = [a.record for a in extracted if a.id in INVENTED]
    assert {a.language for a in extracted if a.id in INVENTED} == {"fr", "en", "es", "ar", "de", "it"}
    assert {p.country for r in records for p in r.participants} >= {None, "PT", "IE", "ES", "IT", "MA"}
    assert {a.commitment for r in records for a in r.agreed_actions} == {"agreed", "discussed"}
    assert {c.code for r in records for c in r.countries} >= {"FR", "PT", "ES", "IE", "MA"}
    assert {r.event_date.basis for r in records} >= {"explicit", "weekday+publication-date", "partial"}
    assert {r.event_date.weekday for r in records} >= {None, "tuesday", "thursday"}
    assert any(r.event_date.end for r in records)
    assert any(r.publication_date.value for r in records)


def _span() -> Span:
    return Span(start=0, end=3, line=1, text="abc")


@pytest.mark.parametrize("flaw", [
    {"publication_date": trusted(DateClaim, {**DateClaim().model_dump(), "value": "2025-3-4"})},
    {"event_date": trusted(DateClaim, {**DateClaim().model_dump(), "weekday": "Monday"})},
    {"event_date": trusted(DateClaim, {**DateClaim().model_dump(), "day": True})},
    {"participants": (trusted(Participant, {"name": "A B", "canonical": "A B", "role": None, "organization": None,
                                            "country": "pt", "evidence": (_span(),)}),)},
    {"participants": (trusted(Participant, {"name": "A B", "canonical": "A B", "role": None, "organization": None,
                                            "country": None, "evidence": [_span()]}),)},
    {"countries": [], "agreed_actions": ()},
])
@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # dumping a list for a tuple: expected here
def test_a_record_that_validation_would_refuse_or_change_is_caught(extracted, flaw):
    article = extracted[0]
    record = article.record.model_copy(update=flaw)
    assert problems(article.model_copy(update={"record": record}))


def _with_data(code: str, change) -> dict:
    """The shipped languages, with a copy of ``code``'s data changed by ``change``."""
    data = copy.deepcopy(language_data()[code][0])
    change(data)
    return {**LANGUAGES, code: build_language(data, f"{code}-changed")}


def test_a_data_file_weekday_that_is_none_is_refused_not_trusted():
    languages = _with_data("fr", lambda data: data["dates"]["weekdays"].update(jeudi="Thursday"))
    with pytest.raises(ValidationError, match="weekday"):
        _invented("fr-span", languages)


def test_a_data_file_country_that_is_no_code_is_refused_not_trusted():
    def lower_portugal(data):
        next(row for row in data["countries"] if row["code"] == "PT")["code"] = "pt"

    with pytest.raises(ValidationError, match="country"):
        _invented("fr-span", _with_data("fr", lower_portugal))
