"""Reading article files: formats, decoding, skipped files, walk order. Articles here are invented."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.models import Document, Skipped
from checker.read import MAX_BYTES, PathNotFound, read_paths, read_stream, unique_ids

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SEEDS = Path(__file__).parent.parent / "seeds"

FRENCH = (
    "Le préfet de Lisière a reçu mardi son homologue de Valbrume.\n"
    "Les deux délégations ont évoqué la coopération sécuritaire, l’échange d’expertise "
    "et la formation conjointe des équipes « à l’été prochain ».\n"
    "Ça a été élaboré en présence du maître des requêtes, déjà très engagé.\n"
)
ARABIC = (
    "استقبل المدير العام للأمن في مدينة الضباب، يوم الثلاثاء، نظيره القادم من وادي النسيم.\n"
    "وتناول اللقاء سبل تعزيز التعاون الأمني وتبادل الخبرات والتكوين المشترك بين الجانبين.\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read_one(path: Path, **kwargs) -> Document:
    documents, skipped = read_paths([path], **kwargs)
    assert skipped == [] and len(documents) == 1, (documents, skipped)
    return documents[0]


def skip_reason(path: Path, **kwargs) -> str:
    documents, skipped = read_paths([path], **kwargs)
    assert documents == [] and len(skipped) == 1, (documents, skipped)
    assert skipped[0].path == path.as_posix()
    return skipped[0].reason


# --- formats ----------------------------------------------------------------------------------

def test_txt_is_read_whole_with_its_stem_as_id(tmp_path):
    path = write(tmp_path / "note.v2.txt", FRENCH)
    document = read_one(path)
    assert document == Document(id="note.v2", path=path.as_posix(), text=FRENCH)


def test_markdown_front_matter_gives_metadata_and_is_marked_as_furniture(tmp_path):
    block = (
        "---\n"
        "title: \"Lisière et Valbrume : une rencontre\"\n"
        "outlet: 'Le Courrier Imaginaire'\n"
        "url: https://courrier.example/a?b=1\n"
        "language: fr-BE\n"
        "published: 2031-03-04T18:00:00Z\n"
        "tags:\n"
        "  - sécurité\n"
        "# a comment\n"
        "---\n"
    )
    path = write(tmp_path / "a.md", block + FRENCH)
    document = read_one(path)
    assert document.text == block + FRENCH
    assert document.furniture == ((0, len(block)),)
    start, end = document.furniture[0]
    assert document.text[start:end] == block
    assert (document.id, document.title, document.outlet) == (
        "a", "Lisière et Valbrume : une rencontre", "Le Courrier Imaginaire")
    assert (document.url, document.language, document.published) == (
        "https://courrier.example/a?b=1", "fr", "2031-03-04")


def test_front_matter_id_is_used_and_txt_files_have_front_matter_too(tmp_path):
    block = "---\nid: lisiere-1\npublished: 2031-03\n---\n"
    document = read_one(write(tmp_path / "x.txt", block + "Texte.\n"))
    assert (document.id, document.published, document.furniture) == ("lisiere-1", "2031-03", ((0, len(block)),))


@pytest.mark.parametrize("text", [
    "---\ntitle: jamais fermé\nLe texte commence ici.\n",         # never closed
    "---\n\nUn filet horizontal, puis de la prose : rien à lire.\n---\nSuite.\n",  # not key: value
    "--- \n---\nTexte.\n",                                        # a closed block with no key
])
def test_a_leading_rule_that_is_not_front_matter_stays_article_text(tmp_path, text):
    document = read_one(write(tmp_path / "r.md", text))
    assert (document.text, document.furniture, document.title) == (text, (), None)


def test_front_matter_without_article_text_is_skipped(tmp_path):
    assert skip_reason(write(tmp_path / "f.md", "---\ntitle: seul\n---\n\n")) == \
        "no article text after the front matter"


def test_html_page_gives_readable_article_text_and_metadata():
    document = read_one(FIXTURES / "page.html")
    assert document.text == (
        "Le préfet de Lisière reçoit son homologue de Valbrume\n\n"
        "Le préfet de Lisière, Anselme Tardivel, a reçu mardi son homologue de Valbrume, Ondine Marcaire.\n\n"
        "Les deux responsables ont convenu d’un échange d'expertise.\n"
        "Une nouvelle rencontre est prévue.\n\n"
        "Photo d’illustration"
    )
    assert document.title == "Le préfet de Lisière reçoit son homologue de Valbrume"
    assert (document.language, document.published, document.outlet, document.url) == (
        "fr", "2031-03-04", "Le Quotidien Imaginaire", "https://quotidien.example/lisiere-valbrume")


def test_html_without_article_reads_the_body_and_falls_back_to_title_and_time(tmp_path):
    page = (
        "<html lang='ar'><head><title> عنوان  تجريبي </title></head><body>"
        "<nav>القائمة</nav><div>فقرة أولى</div><div>فقرة <span>ثانية</span></div>"
        "<p><time datetime='2031-05-06'>السادس من ماي</time></p></body></html>"
    )
    document = read_one(write(tmp_path / "p.htm", page))
    assert document.text == "فقرة أولى\n\nفقرة ثانية\n\nالسادس من ماي"
    assert (document.title, document.language, document.published) == ("عنوان تجريبي", "ar", "2031-05-06")


def test_html_declared_charset_is_honoured(tmp_path):
    page = "<html><head><meta charset='windows-1252'></head><body><p>Déjà l’été</p></body></html>"
    assert read_one(write(tmp_path / "c.html", page.encode("cp1252"))).text == "Déjà l’été"


def test_json_article_object(tmp_path):
    article = {"id": "obj-7", "text": "Ligne un\r\nLigne deux\rFin", "outlet": "Le Veilleur",
               "language": "FR", "published": "2031-13-01", "title": 5, "url": None}
    document = read_one(write(tmp_path / "one.json", json.dumps(article)))
    assert document == Document(id="obj-7", path=(tmp_path / "one.json").as_posix(),
                                text="Ligne un\nLigne deux\nFin", outlet="Le Veilleur", language="fr")


def test_json_without_id_uses_the_file_stem_and_accepts_a_numeric_id(tmp_path):
    assert read_one(write(tmp_path / "sans-id.json", '{"text": "Bonjour."}')).id == "sans-id"
    assert read_one(write(tmp_path / "num.json", '{"text": "Bonjour.", "id": 42}')).id == "42"


def test_jsonl_reads_good_lines_and_skips_a_broken_one(tmp_path):
    lines = [
        json.dumps({"id": "premier", "text": "Texte un."}),
        "",
        '{"text": "coupé',
        json.dumps({"text": "Texte trois.", "published": "2031-02-03"}),
        "[1, 2]",
        json.dumps({"text": ""}),
        "   ",
    ]
    path = write(tmp_path / "lot.jsonl", "\r\n".join(lines))
    documents, skipped = read_paths([path])
    assert [(d.id, d.text, d.published) for d in documents] == [
        ("premier", "Texte un.", None), ("lot#4", "Texte trois.", "2031-02-03")]
    assert [s.path for s in skipped] == [path.as_posix()] * 3
    assert [s.reason.split(":")[0] for s in skipped] == ["line 3", "line 5", "line 6"]
    assert skipped[0].reason.startswith("line 3: invalid JSON (column 10: Unterminated string")
    assert skipped[1].reason == "line 5: JSON value is an array, not an article object"
    assert skipped[2].reason == 'line 6: the article "text" is blank'


@pytest.mark.parametrize(("value", "expected"), [
    ("2031-03-04", "2031-03-04"),
    ("2031-03-04T23:59:59-05:00", "2031-03-04"),
    ("2031-03-04 08:00", "2031-03-04"),
    ("2031-03", "2031-03"),
    ("2031-02-30", None),
    ("2031-13", None),
    ("04/03/2031", None),
    ("hier", None),
    ("", None),
])
def test_published_keeps_iso_dates_and_ignores_the_rest(tmp_path, value, expected):
    path = write(tmp_path / "d.json", json.dumps({"text": "Texte.", "published": value}))
    assert read_one(path).published == expected


# --- decoding ---------------------------------------------------------------------------------

def test_bom_is_dropped_and_line_endings_normalised_before_offsets(tmp_path):
    raw = codecs.BOM_UTF8 + FRENCH.replace("\n", "\r\n").encode("utf-8")
    document = read_one(write(tmp_path / "crlf.txt", raw))
    assert document.text == FRENCH
    assert document.text.index("Ça") == FRENCH.index("Ça")
    mac = read_one(write(tmp_path / "cr.txt", FRENCH.replace("\n", "\r")))
    assert mac.text == FRENCH


def test_front_matter_offsets_count_in_the_normalised_text(tmp_path):
    raw = codecs.BOM_UTF8 + b"---\r\ntitle: T\r\n---\r\nCorps.\r\n"
    document = read_one(write(tmp_path / "fm.md", raw))
    assert document.text == "---\ntitle: T\n---\nCorps.\n"
    assert document.furniture == ((0, 17),)


FRENCH_LATIN1 = FRENCH.replace("’", "'")  # latin-1 has no curly apostrophe
SHORT_FRENCH = "Le délégué a été reçu à l’hôtel de ville, où l’accord a été préparé."
SHORT_ARABIC = "وصل الوفد إلى المدينة صباح اليوم."


@pytest.mark.parametrize(("sample", "encoded"), [
    (FRENCH, FRENCH.encode("cp1252")),
    (FRENCH_LATIN1, FRENCH_LATIN1.encode("latin-1")),
    (ARABIC, ARABIC.encode("cp1256")),
    (FRENCH, FRENCH.encode("utf-16")),            # BOM, platform byte order
    (ARABIC, codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be")),
    (ARABIC, codecs.BOM_UTF16_LE + ARABIC.replace("\n", "\r\n").encode("utf-16-le")),
    (FRENCH, FRENCH.encode("utf-32")),
    (SHORT_FRENCH, SHORT_FRENCH.encode("cp1252")),
    (SHORT_ARABIC, SHORT_ARABIC.encode("cp1256")),
], ids=["cp1252", "latin-1", "cp1256", "utf-16", "utf-16-be", "utf-16-le-crlf", "utf-32", "one-line-cp1252",
        "one-line-cp1256"])
def test_legacy_and_utf16_encodings_decode_to_the_utf8_text(tmp_path, sample, encoded):
    assert read_one(write(tmp_path / "utf8.txt", sample)).text == sample
    assert read_one(write(tmp_path / "legacy.txt", encoded)).text == sample


# --- skipped files ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.md", b" \r\n\t\n\xc2\xa0\n", "blank file (white space only)"),
    ("bom-only.txt", codecs.BOM_UTF8 + b"\n", "blank file (white space only)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ("nul16.txt", "a\x00b".encode("utf-16"), "binary file (contains NUL characters)"),
    ("garbled.txt", bytes(range(128, 256)) * 2, "undecodable: not UTF-8, and no other text encoding fits"),
    ("odd16.txt", codecs.BOM_UTF16_LE + b"a\x00b", "undecodable: a utf-16 byte-order mark, then invalid utf-16"),
    ("bad.json", b'{"text": "x",}', "invalid JSON (line 1 column 14: Expecting property name enclosed in double quotes)"),
    ("deep.json", b"[" * 100_000, "invalid JSON (nested too deeply)"),
    ("list.json", b'[{"text": "x"}]', "JSON value is an array, not an article object (put several articles in a .jsonl file)"),
    ("string.json", b'"juste du texte"', "JSON value is a string, not an article object"),
    ("number.json", b"3.5", "JSON value is a number, not an article object"),
    ("null.json", b"null", "JSON value is null, not an article object"),
    ("notext.json", b'{"excerpt": "x", "url": "https://x.example"}', 'the article object has no string "text"'),
    ("listtext.json", b'{"text": ["x"]}', 'the article object has no string "text"'),
    ("blanktext.json", b'{"text": " \\n "}', 'the article "text" is blank'),
    ("empty.html", b"<html><head><title>Titre seul</title></head><body><nav>menu</nav></body></html>",
     "HTML page with no readable text"),
    ("report.pdf", b"%PDF-1.7", "not an article file (.pdf)"),
    ("README", b"texte", "not an article file (no extension)"),
], ids=lambda value: value if isinstance(value, str) and value.isascii() and "." in value[:20] else "")
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, name, content, reason):
    assert skip_reason(write(tmp_path / name, content)) == reason


def test_size_limit_defaults_to_5_mb_and_can_be_lowered(tmp_path):
    assert MAX_BYTES == 5 * 1024 * 1024
    path = write(tmp_path / "big.txt", "x" * 101)
    assert skip_reason(path, max_bytes=100) == "file too large (101 bytes; the limit is 100)"
    assert read_one(path, max_bytes=101).text == "x" * 101


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "secret")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == path.as_posix():
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    assert skip_reason(path) == "unreadable file (Permission denied)"


def test_special_files_and_broken_links_are_skipped(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    documents, skipped = read_paths([tmp_path])
    assert documents == []
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        ("gone.txt", "broken symbolic link"), ("pipe.txt", "not a regular file")]


def test_a_skipped_file_does_not_stop_the_others(tmp_path):
    write(tmp_path / "a.txt", "Texte A.")
    write(tmp_path / "b.txt", b"\x00\x01")
    write(tmp_path / "c.txt", "Texte C.")
    documents, skipped = read_paths([tmp_path])
    assert [d.id for d in documents] == ["a", "c"]
    assert skipped == [Skipped(path=(tmp_path / "b.txt").as_posix(), reason="binary file (contains NUL bytes)")]


# --- paths and walking ------------------------------------------------------------------------

def test_missing_path_raises_before_anything_is_read(tmp_path):
    write(tmp_path / "ok.txt", "Texte.")
    missing = tmp_path / "absent"
    with pytest.raises(PathNotFound) as raised:
        read_paths([tmp_path / "ok.txt", missing])
    assert str(raised.value) == f"check: no such file or folder: {missing}"
    assert raised.value.path == str(missing)


def test_walk_is_sorted_whatever_the_creation_order(tmp_path):
    for name in ["z.txt", "b/y.md", "a.txt", "b/a/x.json", "B.txt", "a b.txt", "b.txt"]:
        content = json.dumps({"text": "T."}) if name.endswith(".json") else "T."
        write(tmp_path / name, content)
    documents, _ = read_paths([tmp_path])
    relative = [Path(d.path).relative_to(tmp_path).as_posix() for d in documents]
    assert relative == ["B.txt", "a b.txt", "a.txt", "b.txt", "b/a/x.json", "b/y.md", "z.txt"]


def test_paths_are_shown_as_given_relative_and_posix(tmp_path, monkeypatch):
    write(tmp_path / "corpus" / "sub" / "n.txt", "T.")
    monkeypatch.chdir(tmp_path)
    documents, _ = read_paths(["./corpus"])
    assert [d.path for d in documents] == ["corpus/sub/n.txt"]


def test_hidden_entries_are_listed_not_read_and_other_types_listed(tmp_path):
    write(tmp_path / ".git" / "HEAD.txt", "ref")
    write(tmp_path / ".brouillon.txt", "caché")
    write(tmp_path / "photo.JPG", b"\xff\xd8")
    write(tmp_path / "Article.TXT", "Visible.")
    documents, skipped = read_paths([tmp_path])
    assert [d.id for d in documents] == ["Article"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [
        (".brouillon.txt", "hidden file, not read"),
        (".git", "hidden folder, not walked"),
        ("photo.JPG", "not an article file (.jpg)"),
    ]


def test_a_hidden_file_named_explicitly_is_read(tmp_path):
    assert read_one(write(tmp_path / ".cache.txt", "Texte.")).id == ".cache"


def test_same_file_reached_twice_is_read_once_whatever_the_order(tmp_path):
    write(tmp_path / "news" / "a.txt", "Texte.")
    (tmp_path / "alias").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news")  # a loop must not hang
    given = [tmp_path / "alias", tmp_path / "news" / "a.txt", tmp_path / "news", tmp_path / "news/a.txt"]
    documents, skipped = read_paths(given)
    assert skipped == []
    assert [d.path for d in documents] == [(tmp_path / "news" / "a.txt").as_posix()]
    assert read_paths(list(reversed(given))) == (documents, skipped)


def test_mutual_folder_links_do_not_hang(tmp_path):
    write(tmp_path / "one" / "a.txt", "A.")
    write(tmp_path / "two" / "b.txt", "B.")
    (tmp_path / "one" / "to-two").symlink_to(tmp_path / "two")
    (tmp_path / "two" / "to-one").symlink_to(tmp_path / "one")
    documents, _ = read_paths([tmp_path / "one"])
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in documents] == ["one/a.txt", "one/to-two/b.txt"]


def test_duplicate_ids_are_made_unique_in_path_order(tmp_path):
    write(tmp_path / "a" / "x.txt", "A.")
    write(tmp_path / "b" / "x.md", "B.")
    write(tmp_path / "c" / "x~2.txt", "C.")
    write(tmp_path / "d" / "lot.jsonl", '{"id": "x", "text": "D."}\n')
    documents, _ = read_paths([tmp_path / "d", tmp_path / "c", tmp_path / "b", tmp_path / "a"])
    assert [(d.id, d.text) for d in documents] == [("x", "A."), ("x~3", "B."), ("x~2", "C."), ("x~4", "D.")]


def test_the_stream_reads_lazily_and_gives_the_ids_unique_ids_renames(tmp_path):
    write(tmp_path / "a" / "x.txt", "A.")
    write(tmp_path / "b" / "x.md", "B.")
    write(tmp_path / "c" / "x~2.txt", "C.")
    write(tmp_path / "d" / ".hidden", "H.")
    stream = read_stream([tmp_path])
    (tmp_path / "c" / "x~2.txt").unlink()  # walked already, read only when the stream gets there
    outcomes = list(stream)
    documents = [o for o in outcomes if isinstance(o, Document)]
    assert [d.id for d in documents] == ["x", "x"]
    reasons = sorted(s.reason for s in outcomes if isinstance(s, Skipped))
    assert reasons[0] == "hidden file, not read" and reasons[1].startswith("unreadable file")
    assert unique_ids(["x", "x", "x~2", "y", "x"]) == ["x", "x~3", "x~2", "y", "x~4"]
    with pytest.raises(PathNotFound):
        read_stream([tmp_path / "missing"])  # at the call, before any file is read


def test_seeds_are_read_byte_for_byte():
    documents, skipped = read_paths([SEEDS])
    assert skipped == []
    assert [Path(d.path).name for d in documents] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(documents) == 5
    for document in documents:
        assert document.text == Path(document.path).read_bytes().decode("utf-8")
        assert document.furniture == ()


# --- properties -------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_skipped_never_an_exception(data):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "any.txt", data)
        documents, skipped = read_paths([path])
    assert len(documents) + len(skipped) == 1
    if documents:
        assert "\r" not in documents[0].text and not documents[0].text.startswith("\ufeff")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300).map(lambda t: t.replace("\r", "")))
def test_crlf_text_reads_back_as_the_lf_text(text):
    with tempfile.TemporaryDirectory() as folder:
        lf = read_paths([write(Path(folder) / "lf.txt", text)])
        crlf = read_paths([write(Path(folder) / "crlf.txt", text.replace("\n", "\r\n"))])
    assert [d.text for d in lf[0]] == [d.text for d in crlf[0]]
    assert [s.reason for s in lf[1]] == [s.reason for s in crlf[1]]
    if lf[0]:
        assert lf[0][0].text == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2009\u3000\u200bax")))
def test_blank_is_what_strip_leaves_empty(text):
    from checker.read import _blank

    assert _blank(text) == (not text.strip())
