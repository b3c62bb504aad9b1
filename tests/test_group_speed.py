"""What grouping spares itself must not change what it finds: two names are compared only when
they share a key (``match_keys``), and a block leaves out the pairs of an undated report whose
sides or city rule out one meeting, copies of one text naming the same people excepted."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract.names import match_keys, same_person
from checker.group import OPEN_BLOCK, group_events
from tests.test_group import HOST, WIRE, groups, make
from tests.test_names import arabic_name, latin_name, variant

NAMES = [
    "Karim Benali", "Karim Ben Ali", "Benali", "Jon Mc Tavish", "Jon McTavish", "A. Moreau", "Alain Moreau",
    "Alain Moret", "Luisa Ortega Vidal", "Ortega Vidal", "Luisa Ortega", "Luisa Ortega Ruiz", "Nadia Fontaine",
    "نادية فونتين", "Anders Holm", "Andreas Holmer", "كريم بنعلي", "Pedro de la Torre", "Salim Al-Amin",
    "Ali Ben Salah", "",
]


def _share_a_key(a: str, b: str) -> bool:
    keys_a, keys_b = match_keys(a), match_keys(b)
    return keys_a is None or keys_b is None or not keys_a.isdisjoint(keys_b)


def test_names_that_can_be_one_person_share_a_key():
    for a, b in itertools.product(NAMES, repeat=2):
        if same_person(a, b):
            assert _share_a_key(a, b), (a, b)


def test_a_name_with_an_initial_has_no_keys():
    assert match_keys("A. Moreau") is None
    assert match_keys("Alain Moreau") is not None


@given(st.data(), latin_name)
@settings(max_examples=200, deadline=None)
def test_spellings_of_one_person_share_a_key(data, name):
    other = data.draw(variant(name))
    assert _share_a_key(name, other)
    assert _share_a_key(other.split()[-1], name)


@given(arabic_name)
@settings(max_examples=100, deadline=None)
def test_a_name_shares_a_key_with_itself(name):
    if same_person(name, name):
        assert _share_a_key(name, name)


def test_an_undated_copy_in_another_city_joins_its_meeting():
    """The copy's city and sides rule out one meeting with the dated report, but the two are one
    text naming the same people: the pair must not be left out with the others those rule out."""
    nordmann = [HOST, ("Ola Nordmann", "NO")]
    articles = [make("a", nordmann, "2025-03-04", place="Rabat", sides=("MA", "NO"),
                     text=WIRE.format(day="le 4 mars", city="Rabat")),
                make("b", nordmann, place="Oslo", sides=("SE",), text=WIRE.format(day="le 4 mars", city="Oslo"))]
    assert groups(articles) == [["a", "b"]]


def _invented_surname(n: int) -> str:
    syllables = [c + v for c in "bdfklmnprstvz" for v in "aeiou"]
    return "".join(syllables[(n // len(syllables) ** k) % len(syllables)] for k in range(3)).capitalize()


def test_the_host_of_many_meetings_still_links_the_copies_of_one_of_them():
    """Past ``OPEN_BLOCK`` articles naming the host, his block pairs only the articles whose
    dates can meet: an undated copy naming the same people as a dated report still joins it."""
    others = [make(f"m{n:03}", [HOST, (f"Ola {_invented_surname(n)}", "NO")], f"2024-{1 + n % 12:02}-{1 + n % 28:02}")
              for n in range(OPEN_BLOCK + 20)]
    nordmann = [HOST, ("Ola Nordmann", "NO")]
    copies = [make("x", nordmann, "2025-03-04", place="Rabat", text=WIRE.format(day="le 4 mars", city="Rabat")),
              make("y", nordmann, place="Oslo", text=WIRE.format(day="le 4 mars", city="Oslo"))]
    _, events = group_events(others + copies)
    assert ("x", "y") in {e.articles for e in events}


def test_copies_sharing_one_record_count_as_many_spellings():
    """Copies share one record object (``checker.packing``), whose names are read once: each
    article holding it still counts, so the spelling two copies write wins over a third's."""
    copy = make("a", [HOST, ("Ola Nordman", "NO")], "2025-03-04")
    articles = [copy, copy.model_copy(update={"id": "b", "path": "b.txt"}),
                make("c", [HOST, ("Ola Nordmann", "NO")], "2025-03-04")]
    grouped, events = group_events(articles)
    assert [e.articles for e in events] == [("a", "b", "c")]
    assert {p.canonical for a in grouped for p in a.record.participants} == {HOST[0], "Ola Nordman"}

