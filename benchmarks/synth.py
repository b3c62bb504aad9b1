"""Synthetic corpora for the benchmark: the seeds rewritten into many events, with invented values.

The seeds are the only real articles the project ships; a monitoring desk sees thousands of
articles a day about many meetings, a few of which (a summit, a minister's visit) draw hundreds of
reports. This module turns the seeds into such a corpus without hard-coding anything they say:
it runs the checker on them once to learn where their people, meeting place and dates are written
(the evidence spans), then, for every synthetic event, substitutes invented people (one host from
a small pool, as a desk follows a few officials, and a new counterpart), another known place and
another date (weekday words follow the date) into copies of the seeds of one seed event.

Invented people are made in Arabic script from a small letter set and given the Latin form the
checker's own transliteration reads, so Arabic and French reports of one event name one person;
a seed's second Latin spelling of a person (a misspelling) becomes a second spelling of the
invented one. Output is JSONL shards, each under the reader's per-file size limit.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from checker.extract.names import same_person, skeleton, transliterate
from checker.lang import load_languages
from checker.pipeline import analyse

CORPUS_VERSION = 2  # bumped whenever the corpus a seed gives changes (a kept corpus is then rewritten)
SHARD_ARTICLES = 500  # about 2 MB of text a shard: well under the reader's 5 MB limit per file
_CONSONANTS = "بتدرزسفكلمنقج"
_VOWELS = "اوي"
_FIRST_DAY = date(2023, 1, 2)
_ARTICLES_A_DAY = 10  # events spread over total / 10 days, at least a year: a desk's steady flow
_PUBLISHED_SHARE = 0.8  # the share of records whose metadata gives a publication date
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OUTLETS = tuple(f"outlet-{i:02d}" for i in range(40))


# --------------------------------------------------------------------------------------------
# Invented people


@dataclass(frozen=True)
class Person:
    arabic: tuple[str, str]
    latin: tuple[str, str]
    variant: str  # the Latin given name spelled another way (a letter doubled)


def _arabic_word(rng: random.Random) -> str:
    letters = [rng.choice(_CONSONANTS), rng.choice(_VOWELS), rng.choice(_CONSONANTS)]
    if rng.random() < 0.5:
        letters += [rng.choice(_VOWELS), rng.choice(_CONSONANTS)]
    return "".join(letters)


def _doubled(word: str) -> str:
    """``word`` with its first consonant after a vowel written twice ("Karim" -> "Karrim")."""
    for i in range(1, len(word)):
        if word[i].lower() not in "aeiouy" and word[i - 1].lower() in "aeiouy":
            return word[:i] + word[i] + word[i:]
    return word + word[-1]


class People:
    """Invented people, no two with the same full name skeleton."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._taken: set[str] = set()

    def new(self) -> Person:
        while True:
            arabic = (_arabic_word(self._rng), _arabic_word(self._rng))
            latin = tuple(transliterate(w) for w in arabic)
            full = f"{latin[0]} {latin[1]}"
            key = skeleton(full)  # surnames alone would run out: people may share one, as in life
            if key in self._taken or min(map(len, latin)) < 4 or not same_person(full, " ".join(arabic)):
                continue
            self._taken.add(key)
            return Person(arabic, latin, _doubled(latin[0]))


# --------------------------------------------------------------------------------------------
# Templates: a seed with the places its people, place and dates are written


@dataclass
class Template:
    text: str
    language: str
    regex: re.Pattern
    slots: dict[str, str]  # literal form written in the seed -> slot name
    reference: date  # the date the seed's own dates are read relative to
    family: int  # index of the seed event this seed reports

    @cached_property
    def matches(self) -> list[re.Match]:
        """Where the slots are: found once, filled for every article."""
        return list(self.regex.finditer(self.text))


@dataclass
class _Slots:
    literals: dict[str, str] = field(default_factory=dict)

    def add(self, form: str, slot: str) -> None:
        form = " ".join(form.split())
        if form and form not in self.literals:
            self.literals[form] = slot


def _name_slots(article, roles: dict[str, str], slots: _Slots) -> None:
    """Every written form of each person (full name, surname alone, other spelling) as a slot."""
    for person in article.record.participants:
        role = roles.get(person.canonical)
        if role is None:
            continue
        forms = {person.name} | {e.text for e in person.evidence if same_person(e.text, person.canonical)}
        for form in sorted(forms, key=len, reverse=True):
            script = "latin" if form.isascii() or not re.search(r"[\u0600-\u06FF]", form) else "arabic"
            words = form.split()
            if len(words) >= 2:
                spelled_as_canonical = script == "arabic" or form == person.canonical
                slots.add(form, f"{role}.{script}.{'full' if spelled_as_canonical else 'variant'}")
            else:
                slots.add(form, f"{role}.{script}.last")


def _place_regex(language, label: str | None) -> str | None:
    if label is None:
        return None
    patterns = [e.pattern for e in language.table("places").entries if e.label == label]
    return "|".join(f"(?:{p})" for p in patterns) or None


def _literal_places(languages) -> dict[str, dict[str, str]]:
    """Place label -> language -> a plain written form, for the places every language names plainly."""
    forms: dict[str, dict[str, str]] = {}
    for code, language in languages.items():
        for entry in language.table("places").entries:
            plain = entry.pattern.replace("(?:ال)?", "ال")
            if re.fullmatch(r"[^\\()\[\]|?*+{}.^$]+", plain):
                forms.setdefault(entry.label, {}).setdefault(code, plain)
    return forms


def _date_regex(languages) -> str:
    months = sorted({m for lang in languages.values() for m in lang.months}, key=len, reverse=True)
    weekdays = sorted({w for lang in languages.values() for w in lang.weekdays}, key=len, reverse=True)
    month_alt = "|".join(re.escape(m) for m in months)
    return (
        r"(?P<iso>(?<!\d)\d{4}-\d{2}-\d{2}(?!\d))"
        r"|(?P<dmy>(?<!\d)\d{1,2}/\d{1,2}/\d{4}(?!\d))"
        rf"|(?P<dm>(?<!\d)(?P<day>\d{{1,2}})(?P<sep>\s+)(?P<month>{month_alt})(?!\w)(?P<year>\s+\d{{4}}(?!\d))?)"
        rf"|(?P<weekday>(?<!\w)(?:{'|'.join(re.escape(w) for w in weekdays)})(?!\w))"
    )


def _reference(event, articles) -> date:
    """The day a seed event's articles write their dates relative to (its date, else an article's)."""
    values = [event.date] + [a.record.event_date.value or a.record.publication_date.value
                             for a in articles if a.id in event.articles]
    return next((date.fromisoformat(v) for v in values if v), date(2026, 1, 1))


def load_templates(seeds: Path) -> tuple[list[Template], list[int]]:
    """The seeds as templates, and how many seeds each seed event (family) has."""
    analysis = analyse([str(seeds)])
    languages = load_languages()
    canonicals = Counter(p.canonical for a in analysis.articles for p in {q.canonical: q for q in a.record.participants}.values())
    host = canonicals.most_common(1)[0][0]
    family_of = {aid: i for i, event in enumerate(analysis.events) for aid in event.articles}
    references = [_reference(event, analysis.articles) for event in analysis.events]
    date_pattern = _date_regex(languages)
    templates = []
    for article in analysis.articles:
        path = Path(article.path)
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        roles = {p.canonical: ("host" if p.canonical == host else "guest") for p in article.record.participants}
        slots = _Slots()
        _name_slots(article, roles, slots)
        language = languages[article.language]
        place = _place_regex(language, article.record.location.value)
        literal = "|".join(re.escape(f) for f in sorted(slots.literals, key=len, reverse=True))
        alternatives = [f"(?P<name>{literal})" if literal else None,
                        f"(?P<place>{place})" if place else None, date_pattern]
        regex = re.compile("|".join(a for a in alternatives if a), re.IGNORECASE)
        templates.append(Template(text, article.language, regex, slots.literals,
                                  references[family_of[article.id]], family_of[article.id]))
    families = [sum(t.family == i for t in templates) for i in range(len(analysis.events))]
    return templates, families


# --------------------------------------------------------------------------------------------
# Events and articles


@dataclass(frozen=True)
class SyntheticEvent:
    index: int
    family: int
    host: Person
    guest: Person
    day: date
    place: str
    size: int


def event_sizes(total: int, rng: random.Random) -> list[int]:
    """Sizes summing to ``total``: mostly a handful of reports, a heavy tail up to 500."""
    sizes, left = [], total
    while left > 0:
        size = min(500, int(2 / rng.random() ** (1 / 1.2)))  # Pareto tail: P(size > s) ~ s^-1.2
        sizes.append(min(size, left))
        left -= sizes[-1]
    return sizes


def _weekday_names(language) -> dict[str, str]:
    names: dict[str, str] = {}
    for word, day in language.weekdays.items():
        names.setdefault(day, word)
    return names


def _month_names(language) -> dict[int, str]:
    names: dict[int, str] = {}
    for word, month in language.months.items():
        if "." not in word:
            names.setdefault(month, word)
    return names


class Generator:
    """Articles of synthetic events, rendered from the templates."""

    def __init__(self, seeds: Path, seed: int = 0):
        self.rng = random.Random(seed)
        self.templates, self.families = load_templates(seeds)
        self.languages = load_languages()
        self.places = {label: forms for label, forms in _literal_places(self.languages).items()
                       if {t.language for t in self.templates} <= set(forms)}
        self.people = People(self.rng)
        # Per language: (month number -> the name to write, written name -> month number).
        self.month_names = {code: (_month_names(lang), lang.months) for code, lang in self.languages.items()}
        self.hosts = [self.people.new() for _ in range(8)]

    def events(self, total: int) -> Iterator[SyntheticEvent]:
        sizes = event_sizes(total, self.rng)
        days = max(365, total // _ARTICLES_A_DAY)
        hosts = self.hosts + [self.people.new() for _ in range(len(sizes) // 100)]
        weights = [1 / (rank + 1) for rank in range(len(hosts))]
        for index, size in enumerate(sizes):
            yield SyntheticEvent(
                index=index,
                family=self.rng.randrange(len(self.families)),
                host=self.rng.choices(hosts, weights)[0],
                guest=self.people.new(),
                day=_FIRST_DAY + timedelta(days=self.rng.randrange(days)),
                place=self.rng.choice(sorted(self.places)),
                size=size,
            )

    def render(self, template: Template, event: SyntheticEvent) -> str:
        language = self.languages[template.language]
        weekdays = _weekday_names(language)
        shift = event.day - template.reference

        def person(slot: str) -> str:
            role, script, kind = slot.split(".")
            who = event.host if role == "host" else event.guest
            words = who.arabic if script == "arabic" else who.latin
            if kind == "last":
                return words[1]
            if kind == "variant":
                return f"{who.variant} {who.latin[1]}"
            return f"{words[0]} {words[1]}"

        def moved(day: int, month: int, year: int | None) -> date:
            try:
                return date(year or template.reference.year, month, day) + shift
            except ValueError:
                return event.day

        def replace(match: re.Match) -> str:
            kind = match.lastgroup
            found = match.group(0)
            if kind == "name":
                return person(template.slots[" ".join(found.split())])
            if kind == "place":
                return self.places[event.place][template.language]
            if kind == "iso":
                return moved(int(found[8:10]), int(found[5:7]), int(found[:4])).isoformat()
            if kind == "dmy":
                d, m, y = map(int, found.split("/"))
                return moved(d, m, y).strftime("%d/%m/%Y") if 1 <= m <= 12 else found
            if kind in ("dm", "day", "sep", "month", "year"):
                written = match.group("month").casefold()
                # The template's language first: a French article may carry an Arabic date line.
                codes = [template.language, *sorted(self.month_names)]
                months = next(self.month_names[c] for c in codes if written in self.month_names[c][1])
                new = moved(int(match.group("day")), months[1][written], int(match.group("year") or 0) or None)
                year = f" {new.year}" if match.group("year") else ""
                return f"{new.day}{match.group('sep')}{months[0][new.month]}{year}"
            if kind == "weekday" and found.casefold() in language.weekdays:
                return weekdays[_WEEKDAY_NAMES[event.day.weekday()]]
            return found

        text = template.text
        parts, last = [], 0
        for match in template.matches:
            parts += [text[last:match.start()], replace(match)]
            last = match.end()
        parts.append(text[last:])
        return "".join(parts)

    def articles(self, total: int) -> Iterator[tuple[dict, str]]:
        """``total`` article objects (JSONL records) with their language, event after event."""
        for event in self.events(total):
            family = [t for t in self.templates if t.family == event.family]
            for i in range(event.size):
                template = self.rng.choice(family)
                outlet = self.rng.choice(_OUTLETS)
                # Each outlet's copy ends its own way (a signature with a dispatch number), so
                # that no two texts are the same: real coverage rarely repeats a text byte for
                # byte, and a run must not be timed on caches that only copies would fill.
                signature = f"\n\n{outlet}, dépêche n° {self.rng.randrange(10**6):06d}\n"
                record = {"id": f"ev{event.index:05d}-{i:03d}", "text": self.render(template, event) + signature,
                          "outlet": outlet}
                if self.rng.random() < _PUBLISHED_SHARE:
                    record["published"] = (event.day + timedelta(days=self.rng.randrange(3))).isoformat()
                yield record, template.language


ORDERS = ("events", "mixed")
"""How a corpus lists its articles: each event's reports together, as they are made, or all of
them shuffled, as a day's feed interleaves meetings and languages. The articles are the same."""


def write_corpus(folder: Path, total: int, seeds: Path, seed: int = 0, order: str = "events") -> dict[str, object]:
    """Write ``total`` synthetic articles to JSONL shards in ``folder``, in ``order`` (one of
    ``ORDERS``); say what was written."""
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    folder.mkdir(parents=True, exist_ok=True)
    articles: Iterable[tuple[dict, str]] = Generator(seeds, seed).articles(total)
    if order == "mixed":
        articles = list(articles)
        random.Random(seed).shuffle(articles)
    handle, written, events = None, 0, set()
    languages: Counter = Counter()
    try:
        for record, language in articles:
            if written % SHARD_ARTICLES == 0:
                if handle:
                    handle.close()
                handle = (folder / f"part-{written // SHARD_ARTICLES:05d}.jsonl").open("w", encoding="utf-8")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            events.add(record["id"].split("-")[0])
            languages[language] += 1
            written += 1
    finally:
        if handle:
            handle.close()
    return {"articles": written, "events": len(events), "languages": dict(languages), "version": CORPUS_VERSION,
            "order": order}


__all__: Sequence[str] = ("Generator", "write_corpus")
