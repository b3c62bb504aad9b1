"""Every language data file loads, and every pattern entry matches the example it carries."""

from __future__ import annotations

import re

import pytest

from checker.lang import (
    PATTERN_TABLES,
    LanguageDataError,
    build_language,
    expand_pattern,
    load_languages,
)

LANGUAGES = load_languages()
ENTRIES = [
    pytest.param(lang, name, entry, id=f"{code}-{name}-{i}")
    for code, lang in LANGUAGES.items()
    for name in PATTERN_TABLES
    for i, entry in enumerate(lang.table(name).entries)
]


def test_french_and_arabic_ship():
    assert {"fr", "ar"} <= set(LANGUAGES)


@pytest.mark.parametrize(("lang", "table", "entry"), ENTRIES)
def test_entry_matches_its_example(lang, table, entry):
    assert lang.table(table).entry_regex(entry).search(entry.example), (
        f"{lang.code} [[{table}]] {entry.pattern!r} does not match its example {entry.example!r}"
    )


@pytest.mark.parametrize(("lang", "table", "entry"), ENTRIES)
def test_table_gives_the_entry_label_on_its_example(lang, table, entry):
    """Scanning the example with the whole table finds this entry's label somewhere in it."""
    labels = {e.label for e, _ in lang.table(table).finditer(entry.example)}
    assert entry.label in labels


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_months_and_weekdays_are_complete(code):
    lang = LANGUAGES[code]
    assert set(lang.months.values()) == set(range(1, 13))
    assert set(lang.weekdays.values()) == {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def test_pattern_conveniences():
    regex = re.compile(expand_pattern("mémorandum d'entente"))
    assert regex.fullmatch("mémorandum d’entente")
    assert regex.fullmatch("mémorandum  d'entente")
    assert regex.fullmatch("mémorandum\nd'entente")
    assert re.compile(expand_pattern("vice ?directeur")).fullmatch("vicedirecteur")


def test_bad_entry_names_file_and_table():
    with pytest.raises(LanguageDataError, match=r"\[\[actions\]\] entry 1"):
        build_language({"language": {"code": "xx"}, "actions": [{"pattern": "(", "example": "x"}]}, "xx.toml")
    with pytest.raises(LanguageDataError, match="needs 'pattern' and 'example'"):
        build_language({"language": {"code": "xx"}, "titles": [{"pattern": "Dr"}]}, "xx.toml")


def test_user_file_extends_a_language(tmp_path):
    extra = tmp_path / "fr-extra.toml"
    extra.write_text(
        '[language]\ncode = "fr"\n\n[[instruments]]\npattern = "charte de partenariat"\n'
        'kind = "charter"\nexample = "une charte de partenariat"\n',
        encoding="utf-8",
    )
    extended = load_languages((str(extra),))["fr"]
    found = extended.table("instruments").search("ils ont adopté une charte de partenariat")
    assert found and found[0].label == "charter"
    assert extended.table("instruments").search("un mémorandum d'entente")[0].label == "memorandum_of_understanding"
