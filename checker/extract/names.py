"""Person names across spellings and scripts: fold, transliterate, compare, pick one canonical form.

Articles about one meeting write one person as "Karim Benali", "Karim Bennali" or in Arabic script;
the rules must see one person and still notice a misspelling. Everything here is a pure function of
the names given and of data: the Arabic letter table and name grammar come from ``ar.toml``
(``[transliteration]``), the Latin sound rules and the user's list of known people from
``people.toml``. No person and no language fact is written in this code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType

from rapidfuzz.distance import Indel

from checker import compiled
from checker.lang import DATA_DIR, language_data

PEOPLE_FILE = DATA_DIR / "people.toml"
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_SEPARATORS = re.compile(r"[\W_]+")
_DOUBLED = re.compile(r"(\w)\1+")
_WORD_BREAK = re.compile(r"[\s\-‐‑]+")
# Two spellings of one word of a name: consonant skeletons this close, or folded forms this close.
_SKELETON_RATIO = 0.75
_FOLD_RATIO = 0.75
_MAX_WORDS = 8
# Every function below is pure, and a corpus repeats the same few hundred names thousands of times
# (grouping compares each pair of articles' people): results are cached, sizes bounded so that a
# corpus of many distinct names cannot grow them without limit.
_NAMES_CACHED = 1 << 16
_PAIRS_CACHED = 1 << 16


# --------------------------------------------------------------------------------------------
# Data


@cache
def _matching() -> MappingProxyType:
    """The ``[matching]`` section of the shipped people file: particles, vowels, sound rules."""
    with PEOPLE_FILE.open("rb") as handle:
        section = tomllib.load(handle).get("matching", {})
    return MappingProxyType({
        "particles": frozenset(section.get("particles", ())),
        "vowels": compiled.compile(f"[{re.escape(section.get('vowels', ''))}]") if section.get("vowels") else None,
        "sounds": tuple((compiled.compile(pattern), repl) for pattern, repl in section.get("sounds", ())),
    })


@cache
def _arabic() -> MappingProxyType:
    """The Arabic ``[transliteration]`` data, with defaults so a partial user file still works.
    Read from the shipped data as read (``language_data``), not from the built languages: the
    process that groups the articles extracts none, and building every language's pattern
    tables for this one section would cost it more than all its comparisons of names."""
    data = language_data(())  # the shipped data, as the pipeline's languages are built from it
    raw = dict(data["ar"][0].get("transliteration", {})) if "ar" in data else {}
    return MappingProxyType({
        "letters": raw.get("letters", {}),
        "initial": raw.get("initial", {}),
        "words": raw.get("words", {}),
        "article": raw.get("article", ""),
        "article_latin": raw.get("article_latin", ""),
        "sun_letters": frozenset(raw.get("sun_letters", "")),
        "joining": frozenset(raw.get("joining", ())),
        "vowels": frozenset(raw.get("vowels", "")),
        "epenthesis": raw.get("epenthesis", ""),
        "spelling_variants": str.maketrans(raw.get("spelling_variants", {})),
    })


# --------------------------------------------------------------------------------------------
# Folding and transliteration


@lru_cache(maxsize=_NAMES_CACHED)
def script(name: str) -> str | None:
    """``Latn`` or ``Arab`` when ``name`` has letters and every one is of that script, else
    ``None``."""
    letters = [unicodedata.name(c, "") for c in name if c.isalpha()]
    for code, prefix in (("Latn", "LATIN"), ("Arab", "ARABIC")):
        if letters and all(letter.startswith(prefix) for letter in letters):
            return code
    return None


def is_latin(name: str) -> bool:
    """Whether ``name`` has letters and every one of them is a Latin letter (accents included)."""
    return script(name) == "Latn"


@lru_cache(maxsize=_NAMES_CACHED)
def spelling(name: str) -> tuple[str, ...]:
    """The words in which two spellings of a name in one script are compared: case-folded, a
    hyphen a word break as a space is; in Arabic without vowel marks or the elongation stroke,
    the letters a writer spells either way made one (``spelling_variants``) and the article on
    a word set aside (an outlet's habit, not a spelling). Unlike ``fold``, accents and doubled
    letters stay: they are what two spellings of one name differ by."""
    data = _arabic()
    folded = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", name)).casefold()
    words = _WORD_BREAK.split(folded.translate(data["spelling_variants"]))
    return tuple(_split_article(word, data)[1] for word in words if word)


def _has_arabic(name: str) -> bool:
    return bool(_ARABIC.search(name))


@lru_cache(maxsize=_NAMES_CACHED)
def fold(name: str) -> str:
    """The comparison form of a spelling: case-folded, no accents, hyphens and apostrophes as
    spaces, doubled letters single ("Bennani" -> "benani"), so that only real differences
    of spelling remain."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _ARABIC_MARKS.sub("", bare).casefold()
    words = _SEPARATORS.sub(" ", bare).split()
    return " ".join(_DOUBLED.sub(r"\1", word) for word in words)


def _latin_letters(word: str, data: Mapping) -> str:
    """Letter-by-letter Latin form of one Arabic word (no article), with a vowel between two
    opening consonants, since Arabic leaves short vowels unwritten ("كريم" -> "karim")."""
    chunks = []
    for i, letter in enumerate(word):
        table = data["initial"] if i == 0 and letter in data["initial"] else data["letters"]
        chunk = table.get(letter, letter if letter.isascii() else "")
        if chunk:
            chunks.append(chunk)
    vowels = data["vowels"]

    def is_consonant(chunk: str) -> bool:
        return not set(chunk) <= vowels

    if len(chunks) >= 2 and is_consonant(chunks[0]) and is_consonant(chunks[1]):
        chunks.insert(1, data["epenthesis"])
    text = "".join(chunks)
    return re.sub(f"([{''.join(sorted(vowels))}])\\1+", r"\1", text) if vowels else text


def _split_article(word: str, data: Mapping) -> tuple[bool, str]:
    article = data["article"]
    if article and word.startswith(article) and len(word) > len(article) + 1:
        return True, word[len(article):]
    return False, word


def _arabic_word(word: str, data: Mapping, joined_to: str = "") -> str:
    """One Arabic word in Latin letters, fused to ``joined_to`` (a particle's Latin form) if given:
    the article between them takes the sound of a following sun letter ("Abderrahim")."""
    has_article, stem = _split_article(word, data)
    settled = data["words"].get(word)
    if settled or not joined_to:
        return joined_to + (settled or _latin_letters(stem, data))
    latin = _latin_letters(stem, data)
    if not has_article:
        return joined_to + latin
    article = data["article_latin"]
    if article and stem[:1] in data["sun_letters"]:
        article = article[:-1] + latin[:1]
    return joined_to + article + latin


@lru_cache(maxsize=_NAMES_CACHED)
def transliterate(name: str) -> str:
    """A readable Latin form of an Arabic-script name, title-cased; Latin input comes back as is.

    General rules only (letter table, article, particles joined to their word): the exact
    spelling matters less than landing close enough to the usual Latin one for ``same_person``.
    """
    if not _has_arabic(name):
        return name
    data = _arabic()
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name))
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if not _has_arabic(word):
            out.append(word)
            i += 1
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in data["joining"] and nxt and _split_article(nxt, data)[0]:
            out.append(_arabic_word(nxt, data, joined_to=_latin_letters(word, data)))
            i += 2
            continue
        out.append(_arabic_word(word, data))
        i += 1
    return " ".join(w[:1].upper() + w[1:] for w in out if w)


# --------------------------------------------------------------------------------------------
# Skeletons and comparison


def name_particles() -> frozenset[str]:
    """Words that may link the parts of a name ("de", "van", "bin"), case-folded."""
    return _matching()["particles"]


@lru_cache(maxsize=_NAMES_CACHED)
def _word_skeleton(word: str) -> str:
    """The consonant skeleton of one folded word (the sound rules, then no vowels): asked once
    per word, as the same given names and surnames recur across many names."""
    rules = _matching()
    for pattern, repl in rules["sounds"]:
        word = pattern.sub(repl, word)
    if rules["vowels"] is not None:
        word = rules["vowels"].sub("", word)
    return _DOUBLED.sub(r"\1", word)


@lru_cache(maxsize=_NAMES_CACHED)
def _words(name: str) -> tuple[str, ...]:
    """The folded words of a name, particles left out (all kept if nothing else is left)."""
    words = fold(transliterate(name)).split()
    particles = _matching()["particles"]
    kept = tuple(w for w in words if w not in particles)
    return kept or tuple(words)


@lru_cache(maxsize=_NAMES_CACHED)
def skeleton(name: str) -> str:
    """The consonant skeleton of a name, for comparing across spellings and scripts:
    "نادية فونتين", "Nadia Fontaine" and "Nadia Fontainé" all give "nd fntn"."""
    return " ".join(_word_skeleton(w) or w for w in _words(name))


@dataclass(frozen=True)
class _Word:
    folded: str
    skeleton: str

    @property
    def initial(self) -> bool:
        return len(self.folded) == 1


@lru_cache(maxsize=_NAMES_CACHED)
def _parse(name: str) -> tuple[_Word, ...]:
    return tuple(_Word(w, _word_skeleton(w) or w) for w in _words(name))


def _strong(a: _Word, b: _Word) -> bool:
    if a.initial or b.initial:
        return a.folded[0] == b.folded[0]
    return a.folded == b.folded or a.skeleton == b.skeleton


def _weak(a: _Word, b: _Word) -> bool:
    return _strong(a, b) or (
        Indel.normalized_similarity(a.skeleton, b.skeleton) >= _SKELETON_RATIO
        or Indel.normalized_similarity(a.folded, b.folded) >= _FOLD_RATIO
    )


def _alignments(short: Sequence[_Word], long: Sequence[_Word]) -> Iterable[tuple[int, ...]]:
    """Every way of matching ``short``'s words, in order, to distinct words of ``long``."""
    def walk(i: int, start: int, taken: tuple[int, ...]):
        if i == len(short):
            yield taken
            return
        for j in range(start, len(long) - (len(short) - i) + 1):
            if _weak(short[i], long[j]):
                yield from walk(i + 1, j + 1, taken + (j,))
    yield from walk(0, 0, ())


def _aligned(short: Sequence[_Word], long: Sequence[_Word], positions: tuple[int, ...]) -> bool:
    """Whether one alignment makes one person: the surname is spelled the same (or two other
    words are), and the shorter form is the longer one's head or its tail."""
    pairs = [(short[i], long[j]) for i, j in enumerate(positions)]
    strong = [_strong(a, b) for a, b in pairs]
    if len(short) == 1:
        return positions[0] > 0 and strong[0] and not short[0].initial
    if positions[-1] == 0:
        return False
    if not (positions[0] == 0 or positions[-1] == len(long) - 1):
        return False
    surname_ok = strong[-1] or sum(strong[:-1]) >= 2
    if len(short) == len(long) and sum(strong) < len(short) - 1:
        return False
    return surname_ok and all(_weak(a, b) for a, b in pairs)


@lru_cache(maxsize=_NAMES_CACHED)
def _joined(name: str) -> str:
    """The letters of a name without its word breaks ("Mc Donald" and "McDonald" meet)."""
    return _DOUBLED.sub(r"\1", fold(transliterate(name)).replace(" ", ""))


@lru_cache(maxsize=_PAIRS_CACHED)
def same_person(a: str, b: str) -> bool:
    """Whether two names, as written, can be one person.

    Case, accents, doubled letters and script do not matter; a surname alone or a shorter form
    ("Benali", "Ortega Vidal") matches the full name; a different surname does not, even when
    the given names are close ("Anders Holm" is not "Andreas Holmer").
    """
    wa, wb = _parse(a), _parse(b)
    if not wa or not wb:
        return False
    if max(len(wa), len(wb)) > _MAX_WORDS:  # no name is that long: compare as wholes
        return [w.skeleton for w in wa] == [w.skeleton for w in wb]
    if _joined(a) == _joined(b):
        return True  # the same letters split differently: "Mc Donald", "Mcdonald"
    keys_a, keys_b = match_keys(a), match_keys(b)
    if keys_a is not None and keys_b is not None and keys_a.isdisjoint(keys_b):
        return False  # no word spelled alike: most names compared are plainly two people
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == len(long) == 1:
        return _strong(short[0], long[0]) and not (short[0].initial or long[0].initial)
    return any(_aligned(short, long, p) for p in _alignments(short, long))


@lru_cache(maxsize=_NAMES_CACHED)
def match_keys(name: str) -> frozenset[str] | None:
    """Keys that any two names ``same_person`` can call one person share at least one of, so that
    whoever compares many names need compare only those that share a key: the skeleton of each
    word and the letters without word breaks (``same_person`` accepts two names only when a word
    of each is spelled alike, hence of one skeleton, or when they are the same letters split
    differently). ``None`` for a name with an initial, which matches any word that starts with
    its letter: no key stands for that."""
    words = _parse(name)
    if any(word.initial for word in words):
        return None
    return frozenset((*(word.skeleton for word in words), _joined(name)))


# --------------------------------------------------------------------------------------------
# Known people and canonical forms


@dataclass(frozen=True)
class KnownPeople:
    """People whose name forms only a list can tie together: ``people.toml`` and user files."""

    people: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_data(cls, data: Mapping) -> KnownPeople:
        people = []
        for row in data.get("person", ()):
            canonical = str(row["canonical"])
            people.append((canonical, (canonical, *map(str, row.get("names", ())))))
        return cls(tuple(people))

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> KnownPeople:
        """The shipped list extended by the user's files of the same shape."""
        people: list[tuple[str, tuple[str, ...]]] = []
        for path in (PEOPLE_FILE, *map(Path, extra)):
            with Path(path).open("rb") as handle:
                people.extend(cls.from_data(tomllib.load(handle)).people)
        return cls(tuple(people))

    @cached_property
    def _exact(self) -> dict[str, str]:
        """Each folded form -> the canonical of the first person listing it."""
        exact: dict[str, str] = {}
        for canonical, forms in self.people:
            for form in forms:
                exact.setdefault(fold(transliterate(form)), canonical)
        return exact

    def lookup(self, name: str) -> str | None:
        """The canonical form of ``name`` if the list has that person (exact form first)."""
        if not self.people:
            return None
        exact = self._exact.get(fold(transliterate(name)))
        if exact is not None:
            return exact
        matches = {c for c, forms in self.people if any(same_person(name, f) for f in forms)}
        return matches.pop() if len(matches) == 1 else None


@cache
def _shipped_people() -> KnownPeople:
    return KnownPeople.load()


def _informative_first(name: str) -> tuple:
    return (-len(_words(name)), -len(name), name)


def _clusters(names: Iterable[str]) -> list[list[str]]:
    """People among distinct names, most complete forms first; a name joins a person only if it
    matches every form already there, and only if it matches one person, so a bare surname
    cannot chain two different people together."""
    clusters: list[list[str]] = []
    for name in sorted(set(names), key=_informative_first):
        fits = [c for c in clusters if all(same_person(name, member) for member in c)]
        if len(fits) == 1:
            fits[0].append(name)
        else:
            clusters.append([name])
    return clusters


def _preferred(forms: Iterable[str], counts: Counter) -> str:
    """The form written with diacritics, if any (outlets drop accents, they rarely invent them:
    "Álvarez" over "Alvarez"); then the most frequent; ties go to the longest, then to the
    first alphabetically."""
    return min(forms, key=lambda f: (not _has_diacritics(f), -counts[f], -len(f), f))


@lru_cache(maxsize=_NAMES_CACHED)
def _has_diacritics(name: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", name))


def unify_canonicals(names: Sequence[str], known: KnownPeople | None = None) -> dict[str, str]:
    """One canonical Latin form per person among the names the articles of one event give.

    The known-people list wins when it has the person; otherwise the most frequent Latin
    spelling of a full name (a bare surname only when nothing fuller is written); a person
    written only in Arabic script gets its transliteration. The result does not depend on the
    order of ``names``.
    """
    known = _shipped_people() if known is None else known
    written = Counter(names)  # an event's articles write the same few names again and again
    counts: Counter = Counter()
    for name, n in written.items():
        if name and name.strip():
            counts[" ".join(name.split())] += n
    mapping: dict[str, str] = {}
    for cluster in _clusters(counts):
        canonical = next((c for c in map(known.lookup, sorted(cluster)) if c), None)
        if canonical is None:
            latin = [n for n in cluster if is_latin(n)]
            full = [n for n in latin if len(_words(n)) >= 2] or latin
            if full:
                canonical = _preferred(full, counts)
            else:
                widest = max(len(_words(n)) for n in cluster)
                fullest = [n for n in cluster if len(_words(n)) == widest]
                canonical = transliterate(_preferred(fullest, counts))
        for name in cluster:
            mapping[name] = canonical
    for name in written:
        mapping.setdefault(name, mapping.get(" ".join(name.split()), name))
    return mapping


__all__ = [
    "KnownPeople", "fold", "is_latin", "match_keys", "name_particles", "same_person", "script", "skeleton",
    "spelling", "transliterate", "unify_canonicals",
]
