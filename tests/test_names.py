"""Names across spellings and scripts: folding, transliteration, comparison, canonical forms."""

from __future__ import annotations

import random
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.extract.names import (
    KnownPeople,
    fold,
    is_latin,
    same_person,
    skeleton,
    transliterate,
    unify_canonicals,
)
from checker.lang import load_languages

ARABIC = load_languages()["ar"].raw["transliteration"]

# --------------------------------------------------------------------------------------------
# Strategies: invented Latin names made of syllables, and their spelling variants.

CONSONANTS = "bdfklmnprstvz"
VOWELS = "aeiou"
ACCENTS = {"a": "àâä", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "c": "ç", "n": "ñ"}

syllable = st.builds(lambda c, v: c + v, st.sampled_from(CONSONANTS), st.sampled_from(VOWELS))
word = st.lists(syllable, min_size=2, max_size=4).map(lambda parts: "".join(parts).capitalize())
latin_name = st.lists(word, min_size=2, max_size=3).map(" ".join)


@st.composite
def variant(draw, name: str) -> str:
    """The same name with random accents, case and doubled letters: still the same person."""
    out = []
    for char in name:
        lower = char.lower()
        if lower in ACCENTS and draw(st.booleans()):
            accented = draw(st.sampled_from(ACCENTS[lower]))
            char = accented.upper() if char.isupper() else accented
        if char.isalpha() and draw(st.integers(0, 5)) == 0:
            char = char * 2
        out.append(char.upper() if draw(st.integers(0, 7)) == 0 else char)
    return "".join(out)


arabic_letters = sorted(k for k, v in ARABIC["letters"].items()
                        if v and len(k) == 1 and unicodedata.name(k).startswith("ARABIC LETTER"))
arabic_word = st.lists(st.sampled_from(arabic_letters), min_size=2, max_size=7).map("".join)
arabic_name = st.lists(
    st.one_of(arabic_word, arabic_word.map(lambda w: "ال" + w), st.just("عبد")), min_size=1, max_size=4
).map(" ".join)


# --------------------------------------------------------------------------------------------
# fold, transliterate, skeleton


def test_fold_ignores_case_accents_separators_and_doubled_letters():
    assert fold("Abdellatif") == "abdelatif" == fold("ABDELATIF")
    assert fold("Mikaël") == fold("Mikael") == "mikael"
    assert fold("Al-Mansour") == fold("Al Mansour") == fold("al’mansour") == "al mansour"
    assert fold("Jean  Dupont ") == "jean dupont"


def test_fold_keeps_real_spelling_differences():
    assert fold("Frédéric Veaux") != fold("Frederik Veaux")


def test_is_latin():
    assert is_latin("Frédéric Veaux")
    assert is_latin("Piñeiro-Álvarez")
    assert not is_latin("عبد اللطيف حموشي")
    assert not is_latin("")
    assert not is_latin("Jean حموشي")


def test_transliterate_returns_latin_input_unchanged():
    assert transliterate("Mikael Wern") == "Mikael Wern"
    assert transliterate("") == ""


def test_transliterate_joins_the_article_to_a_particle():
    assert fold(transliterate("عبد اللطيف")) == fold("Abdellatif")
    # before a sun letter the article takes the letter's sound
    assert transliterate("عبد الرحيم").lower().startswith("abder")


def test_transliterate_drops_the_article_of_a_family_name():
    assert same_person(transliterate("الحموشي"), "Hammouchi")
    assert same_person(transliterate("عبد اللطيف حموشي"), "Abdellatif Hammouchi")


def test_skeletons_meet_across_scripts_and_spellings():
    assert skeleton("ميكائيل ويرن") == skeleton("Mikael Wern") == skeleton("Mikaël Wern")
    assert skeleton("Abdelatif Hammouchi") == skeleton("Abdellatif Hammouchi") == skeleton("عبد اللطيف الحموشي")
    assert skeleton("Mikael Wern") != skeleton("Michael Werner")


@given(arabic_name)
@settings(max_examples=200, deadline=None)
def test_transliteration_of_arabic_names_is_latin(name):
    latin = transliterate(name)
    assert latin and is_latin(latin)
    assert latin == " ".join(w[:1].upper() + w[1:] for w in latin.split())


# --------------------------------------------------------------------------------------------
# same_person


def test_same_person_on_seed_names():
    assert same_person("Abdelatif Hammouchi", "Abdellatif Hammouchi")
    assert same_person("Hammouchi", "Abdellatif Hammouchi")
    assert same_person("عبد اللطيف حموشي", "Abdellatif Hammouchi")
    assert same_person("الحموشي", "Abdelatif Hammouchi")
    assert same_person("ميكائيل ويرن", "Mikael Wern")
    assert not same_person("Frédéric Veaux", "Francisca Bostyn")
    assert not same_person("Mikael Wern", "Michael Werner")
    assert not same_person("Hammouchi", "Frédéric Veaux")


def test_same_person_on_invented_names():
    assert same_person("Karim Benali", "Karim Ben Ali")  # a name split differently
    assert same_person("Jon Mc Tavish", "Jon McTavish")
    assert same_person("A. Moreau", "Alain Moreau")  # an initial
    assert same_person("Luisa Ortega Vidal", "Ortega Vidal")  # the tail of a name
    assert same_person("Luisa Ortega", "Luisa Ortega Vidal")  # its head
    assert same_person("Nadia Fontaine", "نادية فونتين")
    assert not same_person("Luisa Ortega Vidal", "Luisa Ortega Ruiz")  # one surname differs
    assert not same_person("Luisa", "Luisa Ortega Vidal")  # a given name alone is nobody
    assert not same_person("Alain Moreau", "Alain Moret")
    assert not same_person("", "Alain Moreau")


@given(st.text(max_size=30), st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_same_person_is_symmetric_on_any_text(a, b):
    assert same_person(a, b) == same_person(b, a)


@given(latin_name, latin_name)
@settings(max_examples=200, deadline=None)
def test_same_person_is_symmetric_on_names(a, b):
    assert same_person(a, b) == same_person(b, a)


@given(st.data(), latin_name)
@settings(max_examples=200, deadline=None)
def test_same_person_ignores_case_accents_and_doubled_letters(data, name):
    other = data.draw(variant(name))
    assert same_person(name, other)
    assert same_person(other, name)
    surname = other.split()[-1]
    assert same_person(surname, name)


@given(word, word, word)
@settings(max_examples=200, deadline=None)
def test_different_surnames_are_different_people(given_name, surname_a, surname_b):
    assume(skeleton(surname_a) != skeleton(surname_b))
    assert not same_person(f"{given_name} {surname_a}", f"{given_name} {surname_b}")
    assert not same_person(surname_a, f"{given_name} {surname_b}")


# --------------------------------------------------------------------------------------------
# Known people and canonical forms


def test_shipped_people_file_names_nobody():
    assert KnownPeople.load().people == ()


def test_known_people_lookup_and_user_file(tmp_path):
    extra = tmp_path / "people.toml"
    extra.write_text(
        '[[person]]\ncanonical = "Jane Example"\nnames = ["Jeanne Exemple", "جين إكزامبل"]\n',
        encoding="utf-8",
    )
    known = KnownPeople.load([extra])
    assert known.lookup("Jeanne Exemple") == "Jane Example"
    assert known.lookup("JANE EXAMPLE") == "Jane Example"
    assert known.lookup("جين إكزامبل") == "Jane Example"
    assert known.lookup("Exemple") == "Jane Example"  # a surname matches a single known person
    assert known.lookup("Paul Martin") is None


def test_unify_gives_one_latin_form_per_person():
    names = ["Abdelatif Hammouchi", "Mikael Wern", "Abdellatif Hammouchi", "Mikael Wern",
             "عبد اللطيف الحموشي", "ميكائيل ويرن", "Hammouchi"]
    mapping = unify_canonicals(names)
    assert {mapping[n] for n in names if same_person(n, "Hammouchi")} == {"Abdellatif Hammouchi"}
    assert {mapping["Mikael Wern"], mapping["ميكائيل ويرن"]} == {"Mikael Wern"}


def test_unify_prefers_the_most_frequent_spelling_then_the_longest():
    assert set(unify_canonicals(["Karim Benali", "Karim Benali", "Karim Bennali"]).values()) == {"Karim Benali"}
    assert set(unify_canonicals(["Karim Benali", "Karim Bennali"]).values()) == {"Karim Bennali"}
    assert set(unify_canonicals(["Benali", "Benali", "Karim Benali"]).values()) == {"Karim Benali"}


def test_unify_transliterates_a_person_named_only_in_arabic():
    mapping = unify_canonicals(["نادية فونتين", "Karim Benali"])
    assert mapping["نادية فونتين"] == transliterate("نادية فونتين")
    assert mapping["Karim Benali"] == "Karim Benali"


def test_unify_does_not_chain_two_people_through_a_bare_surname():
    mapping = unify_canonicals(["Luisa Ortega Vidal", "Luisa Ortega Ruiz", "Luisa Ortega"])
    assert mapping["Luisa Ortega Vidal"] != mapping["Luisa Ortega Ruiz"]


def test_unify_lets_the_known_people_list_win():
    known = KnownPeople.from_data({"person": [{"canonical": "Karim Ben Ali", "names": ["Karim Benali"]}]})
    mapping = unify_canonicals(["Karim Benali", "Karim Benali", "كريم بنعلي"], known)
    assert set(mapping.values()) == {"Karim Ben Ali"}


@given(st.lists(st.tuples(latin_name, st.integers(0, 3)), min_size=1, max_size=5), st.randoms())
@settings(max_examples=100, deadline=None)
def test_unify_does_not_depend_on_input_order(people, rnd: random.Random):
    names = [name for name, copies in people for _ in range(copies + 1)]
    names += [name.split()[-1] for name, _ in people]
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert unify_canonicals(names) == unify_canonicals(shuffled)


@given(st.data(), latin_name)
@settings(max_examples=100, deadline=None)
def test_unify_maps_spellings_of_one_person_to_one_canonical(data, name):
    spellings = [name] + [data.draw(variant(name)) for _ in range(3)]
    mapping = unify_canonicals(spellings)
    assert len(set(mapping.values())) == 1
    assert mapping[name] in spellings


def test_the_accented_spelling_wins_over_a_more_frequent_unaccented_one():
    mapping = unify_canonicals(["Lucía Álvarez", "Lucia Alvarez", "Lucia Alvarez"])
    assert set(mapping.values()) == {"Lucía Álvarez"}
