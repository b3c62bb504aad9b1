"""Bad input never stops a run, never vanishes, never runs (the robustness issue, parts 1, 2, 3, 5).

Each test drives the real pipeline (``checker.pipeline.analyse``) or the reader on files written
for the occasion: every bad file must come back as a ``Skipped`` with its reason, every good one
as an article, and the run must go on. Articles here are invented, or seeds re-encoded.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from checker import read
from checker.models import Article, Skipped
from checker.pipeline import analyse
from checker.read import read_paths

FIXTURES = Path(__file__).parent / "fixtures" / "robustness"
SEEDS = Path(__file__).parent.parent / "seeds"
INVENTED_FR = (FIXTURES / "invented_fr.txt").read_text(encoding="utf-8")
LIMIT = 150_000  # bytes: the hostile folder's size limit, above its JSON files' sizes
GOOD = "Le ministre a reçu mardi à Lisbonne son homologue, avec qui il a signé un mémorandum d'entente.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def names(items: tuple | list) -> list[str]:
    return [Path(item.path).name for item in items]


def without_path(article: Article) -> dict:
    return article.model_dump(exclude={"path"})


# --- 1. files ---------------------------------------------------------------------------------

BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  \n", "blank file (white space only)"),
    ("bom-only.md", codecs.BOM_UTF8 + b"\r\n ", "blank file (white space only)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file (contains NUL bytes)"),
    ("archive.md", bytes(range(256)) * 4, "binary file (contains NUL bytes)"),
    ("garbled.txt", bytes(range(128, 256)) * 3, "undecodable: not UTF-8, and no other text encoding fits"),
    ("bad-bom.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable: a utf-16 byte-order mark, then invalid utf-16"),
    ("too-large.txt", GOOD.encode("utf-8") * 2000,
     f"file too large ({len(GOOD.encode()) * 2000} bytes; the limit is {LIMIT})"),
    ("syntax.json", b'{"text": "ouvert', "invalid JSON (line 1 column 10: Unterminated string starting at)"),
    ("array.json", b'[{"text": "x"}]',
     "JSON value is an array, not an article object (put several articles in a .jsonl file)"),
    ("number.json", b"42", "JSON value is a number, not an article object"),
    ("null.json", b"null", "JSON value is null, not an article object"),
    ("no-text.json", b'{"title": "Un titre", "url": "https://exemple.invalid/a"}',
     'the article object has no string "text"'),
    ("text-not-string.json", b'{"text": {"fr": "x"}}', 'the article object has no string "text"'),
    ("deep.json", b'{"text": "x", "n": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "invalid JSON (nested too deeply)"),
    ("huge-number.json", b'{"text": "x", "n": ' + b"9" * 5000 + b"}",
     "unreadable JSON (ValueError: Exceeds the limit (4300 digits) for integer string conversion: "
     "value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)"),
    ("furniture.html", (FIXTURES / "furniture_only.html").read_bytes(), "HTML page with no readable text"),
    ("report.pdf", b"%PDF-1.7\n", "not an article file (.pdf)"),
    ("photo.jpeg", b"\xff\xd8\xff\xe0", "not an article file (.jpeg)"),
    ("Makefile", b"all:\n", "not an article file (no extension)"),
]


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> tuple[Path, object]:
    """One folder holding every kind of bad file, a ``.jsonl`` with broken lines and one good
    article; analysed once."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, content, _ in BAD_FILES:
        write(folder / "bad" / name, content)
    write(folder / "mixed.jsonl", (FIXTURES / "mixed.jsonl").read_bytes())
    write(folder / "good.txt", GOOD)
    return folder, analyse([str(folder)], max_bytes=LIMIT)


def test_every_bad_file_is_listed_once_with_its_reason(hostile_folder):
    folder, analysis = hostile_folder
    reasons = {Path(s.path).name: s.reason for s in analysis.skipped if Path(s.path).parent.name == "bad"}
    assert reasons == {name: reason for name, _, reason in BAD_FILES}
    assert len([s for s in analysis.skipped if Path(s.path).parent.name == "bad"]) == len(BAD_FILES)


def test_good_articles_next_to_bad_files_are_analysed(hostile_folder):
    _, analysis = hostile_folder
    assert sorted(a.id for a in analysis.articles) == ["bon-1", "bon-2", "good"]
    good = next(a for a in analysis.articles if a.id == "good")
    assert good.record.location.value == "Lisbon"
    assert good.record.memorandum.kind == "memorandum_of_understanding"


def test_jsonl_good_lines_are_read_and_each_bad_one_named_by_its_line(hostile_folder):
    _, analysis = hostile_folder
    lines = [s.reason for s in analysis.skipped if s.path.endswith("mixed.jsonl")]
    assert lines == [
        "line 2: invalid JSON (column 25: Unterminated string starting at)",
        "line 3: JSON value is an array, not an article object",
        'line 4: the article object has no string "text"',
        "line 7: JSON value is a string, not an article object",
        'line 8: the article "text" is blank',
    ]
    languages = {a.id: a.language for a in analysis.articles}
    assert (languages["bon-1"], languages["bon-2"]) == ("fr", "ar")


def test_every_input_is_accounted_for(hostile_folder):
    """Nothing vanishes: each file is an article or a skipped entry (a .jsonl file both)."""
    folder, analysis = hostile_folder
    files = {p.as_posix() for p in folder.rglob("*") if p.is_file()}
    accounted = {a.path for a in analysis.articles} | {s.path for s in analysis.skipped}
    assert accounted == files


def test_size_limit_is_a_parameter_of_reader_and_pipeline(tmp_path):
    path = write(tmp_path / "a.txt", GOOD)
    size = len(GOOD.encode("utf-8"))
    assert analyse([str(path)], max_bytes=size).articles[0].id == "a"
    lowered = analyse([str(path)], max_bytes=size - 1)
    assert lowered.articles == ()
    reason = f"file too large ({size} bytes; the limit is {size - 1})"
    assert lowered.skipped == (Skipped(path=path.as_posix(), reason=reason),)
    assert read_paths([path], max_bytes=size - 1)[1] == list(lowered.skipped)


def test_json_lone_surrogates_become_replacement_characters(tmp_path):
    """``\\ud800`` is valid JSON but no output can encode it: the reader swaps it for U+FFFD,
    one character for one, so offsets after it are unchanged."""
    path = write(tmp_path / "s.json", '{"text": "avant \\ud800 apr\\u00e8s \\udfff", "title": "t\\udc80"}')
    document = read_paths([path])[0][0]
    assert document.text == "avant \ufffd après \ufffd"
    assert document.title == "t\ufffd"
    analysis = analyse([str(path)])
    json.dumps([a.model_dump() for a in analysis.articles], ensure_ascii=False).encode("utf-8")


def test_an_unforeseen_reader_failure_skips_that_file_only(tmp_path, monkeypatch):
    def broken(data: bytes, path: str):
        raise RuntimeError("parser exploded\non two lines")

    monkeypatch.setitem(read._PARSERS, ".html", broken)
    write(tmp_path / "page.html", "<p>Texte</p>")
    write(tmp_path / "note.txt", GOOD)
    documents, skipped = read_paths([tmp_path])
    assert [d.id for d in documents] == ["note"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("page.html", "could not be read (RuntimeError: parser exploded on two lines)")]


# --- 2. encodings -----------------------------------------------------------------------------

def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _latin1(text: str) -> str:
    """French text made representable in latin-1: it has no curly apostrophe."""
    return text.replace("’", "'")


def _no_bom(codec: str):
    return lambda text: text.encode(codec)


# (case id, seeds or texts by file name, how to encode a text)
ENCODINGS = [
    ("utf-8-bom", ["000", "001", "002", "003", "004"], lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf-8-crlf", ["000", "004"], lambda t: t.replace("\n", "\r\n").encode("utf-8")),
    ("utf-16", ["000", "001", "002", "003", "004"], lambda t: t.encode("utf-16")),
    ("utf-16-be-bom", ["001", "004"], lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("utf-16-le-no-bom", ["000", "003", "004"], _no_bom("utf-16-le")),
    ("utf-16-be-no-bom", ["002", "004"], _no_bom("utf-16-be")),
    ("cp1252", ["000", "001", "002", "invented"], lambda t: t.encode("cp1252")),
    ("cp1256", ["004"], lambda t: t.encode("cp1256")),
    ("cp1256-crlf", ["004"], lambda t: t.replace("\n", "\r\n").encode("cp1256")),
    ("latin-1", ["000-latin1", "001-latin1", "002-latin1", "invented"], lambda t: t.encode("latin-1")),
]


def _text(key: str) -> str:
    if key == "invented":
        return INVENTED_FR
    if key.endswith("-latin1"):
        return _latin1(_seed(key[:3]))
    return _seed(key)


@pytest.mark.parametrize(("case", "keys", "encode"), ENCODINGS, ids=[case for case, _, _ in ENCODINGS])
def test_re_encoded_articles_give_the_records_of_their_utf8_version(tmp_path, case, keys, encode):
    for key in keys:
        write(tmp_path / "utf8" / f"{key}.txt", _text(key))
        write(tmp_path / case / f"{key}.txt", encode(_text(key)))
    reference = analyse([str(tmp_path / "utf8")])
    encoded = analyse([str(tmp_path / case)])
    assert reference.skipped == encoded.skipped == ()
    assert len(reference.articles) == len(keys)
    assert [without_path(a) for a in encoded.articles] == [without_path(a) for a in reference.articles]
    # Not empty records compared equal: every article yields some claim.
    assert all(a.record.participants or a.record.memorandum.term for a in encoded.articles)


def test_latin1_and_cp1252_are_told_from_central_european_code_pages(tmp_path):
    """A short French text in a Western code page must not come back with "è" read as "č"."""
    short = "Réunion à Genève : élèves, forêt, garçon, cœur."
    assert read_paths([write(tmp_path / "a.txt", short.encode("cp1252"))])[0][0].text == short
    assert read_paths([write(tmp_path / "b.txt", short.replace("œ", "oe").encode("latin-1"))])[0][0].text == (
        short.replace("œ", "oe"))


def test_utf16_without_bom_needs_ample_evidence(tmp_path):
    """Two bytes can look like anything: short or scattered NUL bytes stay binary."""
    documents, skipped = read_paths([
        write(tmp_path / "short.txt", "court".encode("utf-16-le")),
        write(tmp_path / "odd.txt", "assez long pour juger".encode("utf-16-le") + b"x"),
        write(tmp_path / "ok.txt", "assez long pour juger".encode("utf-16-le")),
    ])
    assert [d.text for d in documents] == ["assez long pour juger"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("odd.txt", "binary file (contains NUL bytes)"), ("short.txt", "binary file (contains NUL bytes)")]


# --- 3. walking -------------------------------------------------------------------------------

def test_symlink_loops_end_and_each_file_is_read_once(tmp_path):
    write(tmp_path / "root" / "a.txt", GOOD)
    write(tmp_path / "root" / "sub" / "b.txt", GOOD)
    (tmp_path / "root" / "sub" / "up").symlink_to(tmp_path / "root")  # a loop back up
    (tmp_path / "root" / "self.txt").symlink_to(tmp_path / "root" / "self.txt")  # a link to itself
    documents, skipped = read_paths([tmp_path / "root"])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in documents] == ["root/a.txt", "root/sub/b.txt"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("self.txt", "broken symbolic link")]


def test_folders_linked_to_each_other_are_walked_once_each(tmp_path):
    """Nine folders each linking to all the others: a walk that follows every path not
    revisiting an ancestor would list 9! (362,880) folder paths; each real folder is listed once."""
    folders = [tmp_path / f"f{i}" for i in range(9)]
    for i, folder in enumerate(folders):
        write(folder / f"article{i}.txt", GOOD)
    for folder in folders:
        for other in folders:
            if other != folder:
                (folder / f"to-{other.name}").symlink_to(other)
    listed = []
    real_scandir = os.scandir

    def counting_scandir(path):
        listed.append(path)
        return real_scandir(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read.os, "scandir", counting_scandir)
        documents, skipped = read_paths([tmp_path])
    assert skipped == []
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in documents] == [
        f"f{i}/article{i}.txt" for i in range(9)]
    assert len(listed) == 10


def test_which_path_is_shown_does_not_depend_on_argument_order(tmp_path):
    write(tmp_path / "real" / "deep" / "a.txt", GOOD)
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "shortcut").symlink_to(tmp_path / "real" / "deep")
    given = [tmp_path / "alias", tmp_path / "real", tmp_path / "real" / "deep" / "a.txt"]
    first = read_paths(given)
    assert [d.path for d in first[0]] == [(tmp_path / "real" / "deep" / "a.txt").as_posix()]
    assert read_paths(list(reversed(given))) == first
    assert read_paths([tmp_path / "alias"])[0][0].path in {
        (tmp_path / "alias" / "deep" / "a.txt").as_posix(), (tmp_path / "alias" / "shortcut" / "a.txt").as_posix()}


def test_an_unreadable_folder_is_listed_and_the_walk_goes_on(tmp_path, monkeypatch):
    write(tmp_path / "open" / "a.txt", GOOD)
    write(tmp_path / "locked" / "b.txt", GOOD)
    real_scandir = os.scandir

    def refusing(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(read.os, "scandir", refusing)
    analysis = analyse([str(tmp_path)])
    assert [a.id for a in analysis.articles] == ["a"]
    assert analysis.skipped == (
        Skipped(path=(tmp_path / "locked").as_posix(), reason="unreadable folder (Permission denied)"),)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads whatever the permissions say")
def test_permissions_deny_a_folder_and_a_file(tmp_path):
    write(tmp_path / "a.txt", GOOD)
    locked_file = write(tmp_path / "b.txt", GOOD)
    locked_folder = tmp_path / "c"
    write(locked_folder / "d.txt", GOOD)
    locked_file.chmod(0)
    locked_folder.chmod(0)
    try:
        documents, skipped = read_paths([tmp_path])
    finally:
        locked_folder.chmod(0o755)
        locked_file.chmod(0o644)
    assert [d.id for d in documents] == ["a"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("b.txt", "unreadable file (Permission denied)"), ("c", "unreadable folder (Permission denied)")]


def test_an_entry_that_cannot_be_examined_is_reported_not_its_whole_folder(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", GOOD)
    write(tmp_path / "b.txt", GOOD)
    real_scandir = os.scandir

    class Unexaminable:
        def __init__(self, entry):
            self.name, self._entry = entry.name, entry

        def is_dir(self):
            if self.name == "b.txt":
                raise PermissionError(13, "Permission denied")
            return self._entry.is_dir()

        def is_symlink(self):
            return self._entry.is_symlink()

    @contextlib.contextmanager
    def wrapped(path):
        with real_scandir(path) as entries:
            yield [Unexaminable(e) for e in entries]

    monkeypatch.setattr(read.os, "scandir", wrapped)
    documents, skipped = read_paths([tmp_path])
    assert [d.id for d in documents] == ["a", "b"]  # b examined again when read: it is readable
    assert skipped == []


def test_forty_levels_deep(tmp_path):
    deep = tmp_path.joinpath(*(f"niveau {i}" for i in range(40)))
    write(deep / "article.txt", GOOD)
    analysis = analyse([str(tmp_path)])
    assert [a.path for a in analysis.articles] == [(deep / "article.txt").as_posix()]
    assert analysis.skipped == ()


def test_names_with_spaces_and_other_letters(tmp_path):
    write(tmp_path / "dossier été" / "article à lire.txt", GOOD)
    write(tmp_path / "مقالات" / "مقال الثلاثاء.txt", "وصل الوفد إلى المدينة صباح اليوم.")
    write(tmp_path / "Ελληνικά" / "ΆΡΘΡΟ 1.MD", GOOD)
    analysis = analyse([str(tmp_path)])
    assert sorted(a.id for a in analysis.articles) == sorted(["article à lire", "مقال الثلاثاء", "ΆΡΘΡΟ 1"])
    assert analysis.skipped == ()


def test_file_names_that_are_not_utf8_are_shown_escaped_and_the_report_prints(tmp_path):
    """A name of Latin-1 bytes decodes to lone surrogates, which no output can encode: the
    reader shows those bytes as ``\\xNN`` and the whole JSON report still prints."""
    from checker.cli import main

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    with open(os.path.join(folder, b"r\xe9sum\xe9.pdf"), "wb") as handle:
        handle.write(b"%PDF")
    analysis = analyse([str(tmp_path)])
    assert [a.id for a in analysis.articles] == ["caf\\xe9"]
    assert analysis.articles[0].path == f"{tmp_path.as_posix()}/caf\\xe9.txt"
    assert [s.path for s in analysis.skipped] == [f"{tmp_path.as_posix()}/r\\xe9sum\\xe9.pdf"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main([str(tmp_path), "--format", "json", "--fail-on", "never"])
    assert status == 0
    report = json.loads(out.getvalue())
    assert [a["id"] for a in report["articles"]] == ["caf\\xe9"]


def test_a_path_given_twice_is_read_once(tmp_path, monkeypatch):
    path = write(tmp_path / "corpus" / "a.txt", GOOD)
    monkeypatch.chdir(tmp_path)
    given = ["corpus", "./corpus", "corpus/a.txt", str(path), "corpus/../corpus/a.txt", "corpus"]
    analysis = analyse(given)
    assert [a.id for a in analysis.articles] == ["a"]
    assert analysis.skipped == ()
    assert analyse(list(reversed(given))) == analysis


# --- 5. faults --------------------------------------------------------------------------------

@pytest.fixture
def seeds_with_one_failing(monkeypatch):
    """The seeds, with the participant extractor raising for seed 002 only."""
    from checker.extract import record

    real = record.participants

    def failing_for_002(article, known):
        if article.document.id.startswith("002_"):
            raise KeyError("an unforeseen\nproblem " + "x" * 500)
        return real(article, known)

    monkeypatch.setattr(record, "participants", failing_for_002)


def test_an_extraction_error_skips_that_article_with_its_reason(seeds_with_one_failing):
    analysis = analyse([str(SEEDS)])
    assert [a.id[:3] for a in analysis.articles] == ["000", "001", "003", "004"]
    assert len(analysis.skipped) == 1
    skipped = analysis.skipped[0]
    assert Path(skipped.path).name.startswith("002_")
    assert skipped.reason.startswith(f"extraction failed for article {Path(skipped.path).stem} (KeyError: ")
    assert "\n" not in skipped.reason and len(skipped.reason) < 300
    assert sum(len(e.articles) for e in analysis.events) == 4


def test_the_summary_counts_the_article_that_failed(seeds_with_one_failing, monkeypatch):
    from checker.cli import main

    monkeypatch.chdir(SEEDS.parent)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["seeds/", "--format", "json", "--fail-on", "never"])
    report = json.loads(out.getvalue())
    assert len(report["articles"]) == 4
    assert [s["reason"].split(" (")[0] for s in report["skipped"]] == [
        f"extraction failed for article {next(SEEDS.glob('002_*.txt')).stem}"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["seeds/", "--fail-on", "never"])
    assert "(4 articles, 1 skipped)" in out.getvalue()
