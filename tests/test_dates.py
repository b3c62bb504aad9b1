"""Publication and event dates: every basis in French and Arabic, the seeds, and properties."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checker.extract.dates as dates_module
from checker.extract.dates import event_date, publication_date
from checker.extract.text import ArticleText
from checker.lang import load_languages
from checker.models import WEEKDAYS, DateClaim, Document

LANGS = load_languages()
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def art(text: str, lang: str = "fr", published: str | None = None) -> ArticleText:
    document = Document(id="t", path="t.txt", text=text, published=published)
    return ArticleText(document, LANGS[lang], tuple(LANGS.values()))


def dates_of(text: str, lang: str = "fr", published: str | None = None) -> tuple[DateClaim, DateClaim]:
    article = art(text, lang, published)
    pub = publication_date(article)
    return pub, event_date(article, pub)


def full(value: str, basis: str = "explicit") -> DateClaim:
    """A claim with only ``value``, ``basis`` and derived fields, for comparing without evidence."""
    day = date.fromisoformat(value)
    return DateClaim(value=value, year=day.year, month=day.month, day=day.day, basis=basis)


def same(claim: DateClaim, expected: DateClaim) -> bool:
    return claim.model_copy(update={"evidence": ()}) == expected


def quotes(article: ArticleText, claim: DateClaim) -> list[str]:
    for span in claim.evidence:
        assert article.text[span.start:span.end] == span.text
    return [span.text for span in claim.evidence]


def names_of(mapping, value):
    return sorted(name for name, v in mapping.items() if v == value)


# --- the seeds ------------------------------------------------------------------------------------

def seed(prefix: str) -> ArticleText:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return art(path.read_text(encoding="utf-8"), "ar" if prefix == "004" else "fr")


def test_seed_000_bare_weekday_without_publication_date():
    article = seed("000")
    pub = publication_date(article)
    event = event_date(article, pub)
    assert pub.basis == "none"
    assert (event.basis, event.weekday, event.value) == ("relative-only", "tuesday", None)
    assert quotes(article, event) == ["aujourd’hui, mardi"]


def test_seed_001_header_date_and_dated_meeting():
    article = seed("001")
    pub = publication_date(article)
    event = event_date(article, pub)
    assert (pub.value, pub.basis) == ("2026-01-27", "explicit")
    assert quotes(article, pub) == ["2026-01-27"]
    assert (event.value, event.basis, event.weekday) == ("2026-01-27", "explicit", "tuesday")
    assert quotes(article, event) == ["mardi 27 janvier"]


def test_seed_002_bare_weekday():
    article = seed("002")
    event = event_date(article, publication_date(article))
    assert (event.basis, event.weekday) == ("relative-only", "tuesday")
    assert quotes(article, event) == ["mardi"]


def test_seed_003_arabic_dateline_glued_to_words_and_no_event_date():
    article = seed("003")
    pub = publication_date(article)
    event = event_date(article, pub)
    assert (pub.value, pub.basis) == ("2024-11-27", "explicit")
    assert quotes(article, pub) == ["27 نوفمبر 2024"]
    # "En septembre", "En mai", "En octobre" are other events, and name no day anyway.
    assert (event.value, event.basis) == ("2024-11-27", "publication-date")
    assert event.evidence == pub.evidence


def test_seed_004_day_and_current_month_without_publication_date():
    article = seed("004")
    pub = publication_date(article)
    event = event_date(article, pub)
    assert pub.basis == "none"
    assert (event.basis, event.day, event.month, event.year, event.value, event.weekday) == (
        "partial", 27, 1, None, None, "tuesday")
    assert quotes(article, event) == ["الثلاثاء 27 يناير الجاري"]


# --- publication date -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "value", "quoted"), [
    (" date 2026-01-27 Politique\n\nTitre\n\nTexte.", "fr", "2026-01-27", "2026-01-27"),
    ("Titre de l'article\nPar La Rédaction\nLe 27/01/2026 à 12h33\n\nLe directeur a reçu mardi son homologue.", "fr",
     "2026-01-27", "27/01/2026"),
    ("Titre\nPublié le mardi 27 janvier 2026\n\nLe texte.", "fr", "2026-01-27", "mardi 27 janvier 2026"),
    ("euromagreb27 نوفمبر 2024آخر تحديث :\nالنص", "ar", "2024-11-27", "27 نوفمبر 2024"),
    ("عنوان\nآخر تحديث: ٢٧ يناير ٢٠٢٦\nالنص", "ar", "2026-01-27", "٢٧ يناير ٢٠٢٦"),
    ("Titre\nRabat, le 1er décembre 2025\nLe texte.", "fr", "2025-12-01", "1er décembre 2025"),
])
def test_publication_date_from_header_lines(text, lang, value, quoted):
    article = art(text, lang)
    pub = publication_date(article)
    assert (pub.value, pub.basis) == (value, "explicit")
    assert quotes(article, pub) == [quoted]


def test_month_only_header_gives_a_partial_publication_date():
    article = art(" date 2023-12 Le directeur a tenu deux séances de travail jeudi et vendredi.")
    pub = publication_date(article)
    assert (pub.basis, pub.value, pub.year, pub.month) == ("partial", None, 2023, 12)
    assert quotes(article, pub) == ["2023-12"]


def test_metadata_wins_and_is_quoted_from_front_matter():
    text = "---\npublished: 2026-01-28\n---\nLe 27/01/2026 à 12h33\nLe directeur a reçu mardi son homologue."
    article = art(text, published="2026-01-28")
    pub = publication_date(article)
    assert (pub.value, pub.basis) == ("2026-01-28", "explicit")
    assert quotes(article, pub) == ["2026-01-28"]
    partial = publication_date(art("Texte sans date.", published="2024-05"))
    assert same(partial, DateClaim(year=2024, month=5, basis="partial"))


@pytest.mark.parametrize("text", [
    # A long line is prose or a teaser, not a byline, even near the top.
    "Lire aussi : la réunion du 12 mars 2025 entre les deux directeurs a porté sur la coopération"
    " sécuritaire régionale et bien d'autres sujets encore",
    # Related articles after the end of the article carry their own dates.
    "Le directeur a reçu son homologue.\nYou may also like\nLe 12/03/2025 à 10h00\nAutre article.",
    # A title without a year is no publication date.
    "Le 27 janvier, rencontre à Rabat\nLe directeur a reçu son homologue.",
    # Nor is a day that does not exist, nor a count after a month.
    "Publié le 31 février 2026\nLe directeur a reçu son homologue.",
    "Publié le 29 février 2025\nLe directeur a reçu son homologue.",
    "Rabat, 5 mars 1500\nLe directeur a reçu son homologue.",
    # Prose that uses a cue word is no byline.
    "Le 3 janvier 2026, un décret a été publié au bulletin officiel avec les noms des nouveaux responsables.",
])
def test_no_publication_date_from_teasers_related_articles_or_yearless_titles(text):
    assert publication_date(art(text)).basis == "none"


# --- event date: every basis, in French and Arabic ------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "published", "expected"), [
    # explicit: day, month and year stated
    ("Le directeur a reçu, le 27 janvier 2026, son homologue.", "fr", None, full("2026-01-27")),
    ("Une réunion s'est tenue le 27/01/2026 à Rabat.", "fr", None, full("2026-01-27")),
    ("Une réunion s'est tenue le 2026-01-27 à Rabat.", "fr", None, full("2026-01-27")),
    ("استقبل المدير يوم 27 يناير 2026 نظيره.", "ar", None, full("2026-01-27")),
    ("عقد اجتماع في 5 دجنبر 2025 بالرباط.", "ar", None, full("2025-12-05")),
    ("استقبل المدير يوم ۲۷ يوليوز ۲۰۲۵ نظيره.", "ar", None, full("2025-07-27")),
    ("Il effectue du 26 au 28 juin 2024 une visite de travail.", "fr", None,
     full("2024-06-26").model_copy(update={"end": "2024-06-28", "end_day": 28})),
    ("قام بزيارة في الفترة من 26 إلى 28 يونيو 2024.", "ar", None, full("2024-06-26").model_copy(update={"end": "2024-06-28", "end_day": 28})),
    # explicit: the year taken from the publication date
    ("Une réunion s'est tenue, ce mardi 27 janvier, à Rabat.", "fr", "2026-01-27",
     full("2026-01-27").model_copy(update={"weekday": "tuesday"})),
    ("احتضنت الرباط يوم الثلاثاء 27 يناير الجاري اجتماعا.", "ar", "2026-01-28",
     full("2026-01-27").model_copy(update={"weekday": "tuesday"})),
    ("La convention a été signée le 24 janvier à Rabat.", "fr", "2023-05",
     full("2023-01-24")),
    ("Le directeur a reçu, le 30 décembre, son homologue.", "fr", "2026-01-02", full("2025-12-30")),
    # a weekday that disagrees with the day: the stated day stays, the rules see the conflict
    ("Une réunion s'est tenue ce lundi 27 janvier à Rabat.", "fr", "2026-01-27",
     full("2026-01-27").model_copy(update={"weekday": "monday"})),
    # weekday + publication date
    ("Le directeur a reçu mardi à Rabat son homologue.", "fr", "2026-01-29",
     full("2026-01-27", "weekday+publication-date").model_copy(update={"weekday": "tuesday"})),
    ("Le directeur a reçu mardi à Rabat son homologue.", "fr", "2026-01-27",
     full("2026-01-27", "weekday+publication-date").model_copy(update={"weekday": "tuesday"})),
    ("Le directeur a reçu mardi dernier son homologue.", "fr", "2026-01-27",
     full("2026-01-20", "weekday+publication-date").model_copy(update={"weekday": "tuesday"})),
    ("Le directeur a reçu aujourd'hui son homologue.", "fr", "2026-01-27",
     full("2026-01-27", "weekday+publication-date")),
    ("Le directeur a reçu hier son homologue.", "fr", "2026-01-28",
     full("2026-01-27", "weekday+publication-date")),
    ("استقبل المدير يوم الثلاثاء بالرباط نظيره.", "ar", "2026-01-31",
     full("2026-01-27", "weekday+publication-date").model_copy(update={"weekday": "tuesday"})),
    ("استقبل المدير اليوم نظيره.", "ar", "2026-01-27", full("2026-01-27", "weekday+publication-date")),
    ("استقبل المدير أمس الثلاثاء نظيره.", "ar", "2026-01-28",
     full("2026-01-27", "weekday+publication-date").model_copy(update={"weekday": "tuesday"})),
    # partial: no year and nothing to take it from
    ("Une réunion s'est tenue le 27 janvier à Rabat.", "fr", None,
     DateClaim(day=27, month=1, basis="partial")),
    ("Il a reçu, ce mercredi 23 avril, son homologue.", "fr", None,
     DateClaim(day=23, month=4, weekday="wednesday", basis="partial")),
    ("جرت الزيارة من 26 إلى 28 يونيو.", "ar", None, DateClaim(day=26, month=6, end_day=28, basis="partial")),
    ("ابتداءً من يوم الثلاثاء ٠٥ مارس الجاري، زيارة عمل.", "ar", None,
     DateClaim(day=5, month=3, weekday="tuesday", basis="partial")),
    # publication date only
    ("Le directeur a reçu son homologue à Rabat.", "fr", "2026-01-27", full("2026-01-27", "publication-date")),
    ("استقبل المدير نظيره بالرباط.", "ar", "2026-01-27", full("2026-01-27", "publication-date")),
    # relative only
    ("Le directeur a reçu jeudi son homologue.", "fr", None, DateClaim(weekday="thursday", basis="relative-only")),
    ("Le directeur a reçu aujourd'hui son homologue.", "fr", None, DateClaim(basis="relative-only")),
    ("استقبل المدير اليوم الأربعاء نظيره.", "ar", None, DateClaim(weekday="wednesday", basis="relative-only")),
    ("استقبل المدير اليوم نظيره.", "ar", None, DateClaim(basis="relative-only")),
    ("Le directeur a reçu jeudi son homologue.", "fr", "2024-03",
     DateClaim(weekday="thursday", basis="relative-only")),
    # none
    ("Le directeur a reçu son homologue.", "fr", None, DateClaim()),
    ("استقبل المدير نظيره.", "ar", None, DateClaim()),
    ("Le directeur a reçu son homologue.", "fr", "2024-03", DateClaim()),
])
def test_event_date_basis(text, lang, published, expected):
    article = art(text, lang, published)
    claim = event_date(article, publication_date(article))
    assert same(claim, expected), claim
    # Metadata given apart from the text has no quote; every other claim quotes the article.
    assert quotes(article, claim) or claim.basis in ("none", "publication-date")


def test_evidence_of_a_weekday_joined_to_a_relative_day():
    article = art("Le directeur a reçu aujourd’hui, ce mardi, son homologue.", published="2026-01-27")
    assert quotes(article, event_date(article, publication_date(article))) == ["aujourd’hui, ce mardi"]


def test_year_from_the_same_day_given_in_full_elsewhere():
    text = ("Les deux responsables, mardi 24 janvier 2023, à Rabat © DR\n"
            "Le directeur a reçu, mardi 24 janvier, son homologue.")
    article = art(text)
    claim = event_date(article, publication_date(article))
    assert (claim.value, claim.basis, claim.weekday) == ("2023-01-24", "explicit", "tuesday")
    assert quotes(article, claim) == ["mardi 24 janvier", "mardi 24 janvier 2023"]


@pytest.mark.parametrize(("text", "lang", "published", "value", "basis"), [
    # a date after an other-event cue belongs to that event
    ("En septembre, il a participé à la réunion du 12 septembre 2025 à Dubaï. Il a reçu mardi son homologue.",
     "fr", "2026-01-29", "2026-01-27", "weekday+publication-date"),
    ("في شتنبر الماضي شارك في اجتماع 12 شتنبر 2025 بدبي. واستقبل يوم الثلاثاء نظيره.",
     "ar", "2026-01-29", "2026-01-27", "weekday+publication-date"),
    # "depuis mardi" starts the reported visit: not another event
    ("Il effectue, depuis mardi, une visite de travail.", "fr", "2026-01-29", "2026-01-27", "weekday+publication-date"),
    # a date after publication is a coming event
    ("La signature est prévue le 15 mars 2026. Le directeur a reçu hier son homologue.",
     "fr", "2026-01-28", "2026-01-27", "weekday+publication-date"),
    ("La visite aura lieu mardi prochain.", "fr", "2026-01-28", "2026-01-28", "publication-date"),
    # the byline is the publication date, not the event's
    ("Titre\nLe 28/01/2026 à 12h33\nLe directeur a reçu mardi son homologue.", "fr", None, "2026-01-27",
     "weekday+publication-date"),
    # the meeting sentence wins over an earlier date of something else
    ("Le 3 janvier 2026, un décret a été publié. Une réunion s'est tenue le 27 janvier 2026 à Rabat.",
     "fr", "2026-01-28", "2026-01-27", "explicit"),
    # a date more than a month before publication loses to a recent one
    ("Le mémorandum du 3 mars 2019 a été évoqué lors de la réunion. Il a reçu mardi son homologue.",
     "fr", "2026-01-29", "2026-01-27", "weekday+publication-date"),
])
def test_dates_of_other_events_are_not_the_event_date(text, lang, published, value, basis):
    article = art(text, lang, published)
    claim = event_date(article, publication_date(article))
    assert (claim.value, claim.basis) == (value, basis)


def test_no_month_or_weekday_name_in_code():
    """Language knowledge lives in the data files: the module names no month nor weekday."""
    source = Path(dates_module.__file__).read_text(encoding="utf-8").casefold()
    for lang in LANGS.values():
        for name in [*lang.months, *lang.weekdays]:
            if len(name) > 3:
                assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", source), name


# --- properties -----------------------------------------------------------------------------------

def render(day: date, lang: str, data: st.DataObject) -> str:
    """``day`` written one of the ways the language writes a full date."""
    language = LANGS[lang]
    month = data.draw(st.sampled_from(names_of(language.months, day.month)))
    weekday = data.draw(st.sampled_from(names_of(language.weekdays, WEEKDAYS[day.weekday()])))
    d, y = str(day.day), str(day.year)
    forms = [
        f"{d} {month} {y}",
        f"{weekday} {d} {month} {y}",
        f"{day:%d/%m/%Y}",
        day.isoformat(),
    ]
    if lang == "fr":
        forms += [f"le {d} {month} {y}", f"le {weekday} {d} {month} {y}", f"le {day:%d/%m/%Y}"]
    else:
        forms += [f"يوم {weekday} {d} {month} {y}", f"{weekday}، {d} {month} {y}"]
    text = data.draw(st.sampled_from(forms))
    if lang == "ar":
        text = text.translate(data.draw(st.sampled_from([EASTERN, PERSIAN, str.maketrans("", "")])))
    return text


SENTENCES = {
    "fr": "Le directeur général a reçu, {}, son homologue à Rabat.",
    "ar": "استقبل المدير العام، {}، نظيره بالرباط.",
}


@settings(max_examples=150, deadline=None)
@given(day=st.dates(date(1990, 1, 1), date(2060, 12, 31)), lang=st.sampled_from(["fr", "ar"]), data=st.data())
def test_rendered_date_parses_back_to_itself(day, lang, data):
    article = art(SENTENCES[lang].format(render(day, lang, data)), lang)
    claim = event_date(article, publication_date(article))
    assert (claim.value, claim.basis) == (day.isoformat(), "explicit")


@settings(max_examples=100, deadline=None)
@given(published=st.dates(date(1990, 1, 1), date(2060, 12, 31)), weekday=st.sampled_from(WEEKDAYS),
       lang=st.sampled_from(["fr", "ar"]), data=st.data())
def test_weekday_lands_within_the_six_days_before_publication(published, weekday, lang, data):
    name = data.draw(st.sampled_from(names_of(LANGS[lang].weekdays, weekday)))
    article = art(SENTENCES[lang].format(name), lang, published.isoformat())
    claim = event_date(article, publication_date(article))
    found = date.fromisoformat(claim.value)
    assert claim.basis == "weekday+publication-date"
    assert published - timedelta(days=6) <= found <= published
    assert WEEKDAYS[found.weekday()] == weekday == claim.weekday


FRAGMENTS = st.sampled_from([
    "Le directeur a reçu", " mardi ", " aujourd’hui, ", " le 27 janvier 2026", " 27/01/2026 ", "\n",
    " date 2026-01 ", "Le 27/01/2026 à 12h33", " du 26 au 28 juin", " En septembre, ", "استقبل",
    " يوم الثلاثاء ", " ٢٧ يناير الجاري", "آخر تحديث", " أمس ", " 31 février ", " 99/99/9999 ", ". ",
    " 29 février 2025", " 29 février ", " 5 mars 1500 agents", "Publié le 31 février 2026",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(FRAGMENTS, max_size=12), lang=st.sampled_from(["fr", "ar"]),
       published=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2060, 12, 31)).map(date.isoformat)))
def test_every_evidence_span_quotes_the_text(parts, lang, published):
    article = art("".join(parts), lang, published)
    pub = publication_date(article)
    event = event_date(article, pub)
    for claim in (pub, event):
        for span in claim.evidence:
            assert article.text[span.start:span.end] == span.text
            assert span.line == article.text.count("\n", 0, span.start) + 1


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300) | st.text("0123456789/-. ٢٧يناير", max_size=60),
       lang=st.sampled_from(["fr", "ar"]),
       published=st.one_of(st.none(), st.sampled_from(["9999-12-31", "0001-01-01", "2026-13", "2026-02", "x"])))
def test_arbitrary_text_never_raises(text, lang, published):
    article = art(text, lang, published)
    pub = publication_date(article)
    assert isinstance(event_date(article, pub), DateClaim)


def test_partial_date_takes_the_year_the_text_points_to():
    text = ("Le ministre a reçu mercredi 10 septembre son homologue.\n"
            "La coopération s'inscrit dans la préparation de l'exposition de 2025.")
    claim = event_date(art(text), DateClaim())
    assert (claim.value, claim.basis) == ("2025-09-10", "partial")
    assert any(span.text == "2025" for span in claim.evidence)


def test_partial_date_keeps_no_year_when_the_weekday_fits_none_mentioned():
    text = "Le ministre a reçu mercredi 10 septembre son homologue, en vue des Jeux de 2030."
    claim = event_date(art(text), DateClaim())
    assert (claim.value, claim.day, claim.month, claim.basis) == (None, 10, 9, "partial")


def test_an_unanchored_relative_day_yields_to_a_stated_date():
    text = "Le ministre a reçu hier son homologue, le 4 mars 2025, à Rabat."
    claim = event_date(art(text), DateClaim())
    assert (claim.value, claim.basis) == ("2025-03-04", "explicit")


@pytest.mark.parametrize(("text", "lang"), [
    ("Le ministre a reçu il y a trois jours son homologue.", "fr"),
    ("The minister received his counterpart three days ago.", "en"),
    ("El ministro recibió hace tres días a su homólogo.", "es"),
    ("استقبل الوزير قبل ثلاثة أيام نظيره.", "ar"),
])
def test_days_ago_anchor_on_the_publication_date(text, lang):
    published = DateClaim(value="2025-03-07", year=2025, month=3, day=7, basis="explicit")
    claim = event_date(art(text, lang), published)
    assert (claim.value, claim.basis) == ("2025-03-04", "weekday+publication-date")
