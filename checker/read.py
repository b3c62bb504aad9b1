"""Reading article files into Documents: the first stage of a run.

Every offset the checker reports counts into ``Document.text``, so this module fixes that text
once: decoded (UTF-8 with or without a byte-order mark, UTF-16/32 with one, UTF-16 without one
when its NUL bytes show it, else the encoding that charset-normalizer finds), the byte-order mark
dropped, line endings turned into ``\\n``. A file that cannot be read as an article never stops
the run: it comes back as a ``Skipped`` with a reason a person understands, so no input is
silently dropped. The result depends only on the set of files, not on the order they were given
or found in, so reports stay byte-identical.
"""

from __future__ import annotations

import codecs
import heapq
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from checker.models import Document, Skipped

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

MAX_BYTES = 5 * 1024 * 1024
"""Files above this size are skipped: no news article is that long, a data dump may be."""

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# The legacy code pages of French and Arabic news sites (Western European, Arabic), tried before
# open detection: on a short text the detector cannot tell Western from Central European or
# Baltic code pages apart and would turn "è" into "č".
_LEGACY_ENCODINGS = ("cp1252", "cp1256")
_UTF16_MIN_CHARS = 16  # fewer characters are too little evidence of UTF-16 without a byte-order mark
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)
_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(.*)")
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]|$)")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_SURROGATE = re.compile("[\ud800-\udfff]")

# HTML: what is never article prose, and which elements start a new paragraph.
_HTML_DROP = frozenset({
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg",
    "iframe", "button",
})
_HTML_BLOCKS = frozenset({
    "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section",
    "summary", "table", "td", "th", "tr", "ul",
})


class PathNotFound(Exception):
    """A path named on the command line does not exist: a usage error, raised before any reading."""

    def __init__(self, path: str):
        super().__init__(f"check: no such file or folder: {path}")
        self.path = path


class _NotAnArticle(Exception):
    """Raised while reading one file (or one ``.jsonl`` line); its message is the Skipped reason."""


def read_paths(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES
) -> tuple[list[Document], list[Skipped]]:
    """Read every article file under ``paths`` (files, or folders walked recursively).

    Returns the Documents in path order (then line order inside a ``.jsonl`` file), ids made
    unique, and the Skipped files in path order. Raises PathNotFound before reading anything if a
    path does not exist. Hidden entries (``.git``, ``.DS_Store``) of walked folders are ignored.
    Files larger than ``max_bytes`` are skipped unread.
    """
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for outcome in read_stream(paths, max_bytes=max_bytes):
        (documents if isinstance(outcome, Document) else skipped).append(outcome)
    renamed = unique_ids([d.id for d in documents])
    documents = [d if d.id == new else d.model_copy(update={"id": new}) for d, new in zip(documents, renamed)]
    # Files were read in path order, lines of a .jsonl file in line order: a stable sort keeps it.
    return documents, sorted(skipped, key=lambda s: s.path)


def read_stream(
    paths: Sequence[str | os.PathLike[str]], *, max_bytes: int = MAX_BYTES
) -> Iterator[Document | Skipped]:
    """What ``read_paths`` reads, one file at a time, in the same order, ids as the files give
    them (``unique_ids`` makes them unique once all are known): a run over a large corpus
    extracts each document as it is read and keeps no text it is done with.

    The paths are checked and the folders walked at once (PathNotFound is raised by this call,
    not by the first step of the stream); files are read as the stream is consumed.
    """
    for path in paths:
        if not os.path.exists(path):
            raise PathNotFound(os.fspath(path))
    given = list(map(Path, paths))
    folders = {path for path in given if os.path.isdir(path)}
    candidates, skipped = _walk(folders)
    candidates.extend(path for path in given if path not in folders)
    files = _unique_files(candidates)
    return chain(skipped, chain.from_iterable(_read_file(path, max_bytes) for path in files))


def _walk(folders: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """All non-hidden files under ``folders`` (hidden entries are listed as skipped); every real
    folder is listed once, whatever links,
    loops or repeated paths lead to it, so the walk ends and costs what the tree holds.

    Folders are taken in a fixed order (paths without a symbolic link first, then by their parts)
    so that which of several paths to one folder is shown depends only on the tree, never on the
    order of the arguments or of the file system's listing.
    """
    files: list[Path] = []
    skipped: list[Skipped] = []
    pending = [(_is_linked(folder), folder.parts, folder) for folder in folders]
    heapq.heapify(pending)
    listed: set[str] = set()
    while pending:
        linked, _, current = heapq.heappop(pending)
        real = os.path.realpath(current)
        if real in listed:
            continue
        listed.add(real)
        try:
            with os.scandir(current) as entries:
                listing = [(entry.name, *_entry_kind(entry)) for entry in entries]
        except OSError as error:
            reason = f"unreadable folder ({_why(error)})"
            skipped.append(Skipped(path=_shown(current.as_posix()), reason=reason))
            continue
        for name, is_dir, is_link in listing:
            path = current / name
            if name.startswith("."):
                # Hidden entries (".git", ".DS_Store") are no articles, but none vanishes: each
                # is listed, a hidden folder once, without walking it.
                what = "hidden folder, not walked" if is_dir else "hidden file, not read"
                skipped.append(Skipped(path=_shown(path.as_posix()), reason=what))
                continue
            if is_dir:
                heapq.heappush(pending, (linked or is_link, path.parts, path))
            else:
                files.append(path)
    return files, skipped


def _is_linked(path: Path) -> bool:
    return os.path.realpath(path) != os.path.abspath(path)


def _entry_kind(entry: os.DirEntry) -> tuple[bool, bool]:
    """Whether a listed entry is a folder (following links), and whether it is a link. One that
    cannot be examined is taken as a file, so reading it says why, and its folder is not lost."""
    try:
        return entry.is_dir(), entry.is_symlink()
    except OSError:
        return False, False


def _unique_files(candidates: list[Path]) -> list[str]:
    """One path per real file, sorted; the same file reached twice is read once.

    Of the paths to one file, the one without symbolic links wins, then the smallest string: the
    choice depends on the set of paths only, never on the order they were given in.
    """
    chosen: dict[str, tuple[bool, str]] = {}
    for path in candidates:
        shown = path.as_posix()
        real = os.path.realpath(path)
        key = (real != os.path.abspath(path), shown)
        if real not in chosen or key < chosen[real]:
            chosen[real] = key
    return sorted(shown for _, shown in chosen.values())


def unique_ids(ids: Sequence[str]) -> list[str]:
    """The ``ids`` (in path order) made unique: a repeated id gets ``~2``, ``~3``... in path
    order, never one that another document has. It depends on all of them, so a stream of
    documents is renamed once it has been read to the end."""
    taken = set(ids)
    seen: set[str] = set()
    unique = []
    for given in ids:
        new = given
        if given in seen:
            n = 2
            while f"{given}~{n}" in taken:
                n += 1
            new = f"{given}~{n}"
            taken.add(new)
        seen.add(new)
        unique.append(new)
    return unique


def _read_file(path: str, max_bytes: int) -> list[Document | Skipped]:
    """The Documents of one file, or Skipped entries saying why (not) all of it could be read.

    A failure nobody foresaw (a parser library's bug, say) skips this file with its reason too:
    one file must never stop the run.
    """
    shown = _shown(path)
    suffix = Path(path).suffix.lower()
    parse = _PARSERS.get(suffix)
    try:
        if parse is None:
            raise _NotAnArticle(f"not an article file ({_shown(suffix) or 'no extension'})")
        return parse(_read_bytes(path, max_bytes), shown)
    except _NotAnArticle as reason:
        return [Skipped(path=shown, reason=str(reason))]
    except Exception as error:  # noqa: BLE001 - the contract: a file never stops the run
        return [Skipped(path=shown, reason=f"could not be read ({describe_error(error)})")]


def _shown(path: str) -> str:
    """A path as reports can print it: name bytes that are not UTF-8 (which Python keeps as lone
    surrogates) are written ``\\xNN``, since a lone surrogate cannot be encoded on output."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def describe_error(error: BaseException, limit: int = 200) -> str:
    """``Type: message`` on one line and of bounded length, fit for a ``Skipped`` reason: an
    exception's message may span lines or quote a whole article."""
    message = " ".join(str(error).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes; a pipe, a broken link or a huge file is refused before it is read."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _NotAnArticle("not a regular file")
        if info.st_size > max_bytes:
            raise _NotAnArticle(f"file too large ({info.st_size} bytes; the limit is {max_bytes})")
        with open(path, "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        if os.path.islink(path) and not os.path.exists(path):
            raise _NotAnArticle("broken symbolic link") from error
        raise _NotAnArticle(f"unreadable file ({_why(error)})") from error
    if len(data) > max_bytes:  # the file grew since stat
        raise _NotAnArticle(f"file too large (over the limit of {max_bytes} bytes)")
    if not data:
        raise _NotAnArticle("empty file")
    return data


def _why(error: OSError) -> str:
    return error.strerror or str(error)


# --- decoding ---------------------------------------------------------------------------------

def _decode(data: bytes, declared: str | None = None) -> str:
    """``data`` as text, without byte-order mark, with ``\\n`` line endings.

    ``declared`` is an encoding the file itself names (an HTML ``<meta charset>``), tried when
    the bytes are not UTF-8. Raises _NotAnArticle for binary, undecodable or blank data: whatever
    the format, a file of white space holds no article.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise _NotAnArticle(f"undecodable: a {codec} byte-order mark, then invalid {codec}") from error
            break
    else:
        text = _decode_unmarked(data, declared)
    if "\x00" in text:
        raise _NotAnArticle("binary file (contains NUL characters)")
    text = text.removeprefix("\ufeff")
    if _blank(text):
        raise _NotAnArticle("blank file (white space only)")
    return _newlines(text)


def _decode_unmarked(data: bytes, declared: str | None) -> str:
    # Text in a one-byte encoding or in UTF-8 has no NUL byte; binary data nearly always has one.
    # UTF-16 has some too, all on one side of its byte pairs.
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise _NotAnArticle("binary file (contains NUL bytes)")
        return text
    for codec in ("utf-8", declared):
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    # Imported here, on first need: 15 ms of the command's start, and most text is UTF-8.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)).best() or from_bytes(data).best()
    if best is None:
        raise _NotAnArticle("undecodable: not UTF-8, and no other text encoding fits")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 text written without a byte-order mark, or None if it is not that.

    Such text (saved so by some Windows tools) has NUL bytes, the high bytes of spaces, digits
    and Latin letters, on one side of its byte pairs only (odd offsets little-endian, even ones
    big-endian) and there at every few characters; binary data scatters them. The evidence must
    be ample (a few words, at least one NUL in eight pairs) and the decoded text printable, but
    for line breaks and tabs, since a short run of bytes can look like anything.
    """
    if len(data) % 2 or len(data) < 2 * _UTF16_MIN_CHARS:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even == 0 and odd * 8 >= len(data) // 2:
        codec = "utf-16-le"
    elif odd == 0 and even * 8 >= len(data) // 2:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    unprintable = sum(not (c.isprintable() or c in "\t\n\r") for c in text)
    return text if unprintable <= len(text) // 100 else None


def _blank(text: str) -> bool:
    """Whether ``text`` is empty or white space only: ``not text.strip()`` without the copy of
    a whole file or article that ``strip`` makes."""
    return not text or text.isspace()


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- metadata ---------------------------------------------------------------------------------

def _document(path: str, default_id: str, text: str, fields: Mapping[str, object],
              furniture: tuple[tuple[int, int], ...] = ()) -> Document:
    """A Document whose metadata comes from ``fields``; a value of the wrong shape is ignored."""
    raw_id = fields.get("id")
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        raw_id = str(raw_id)
    return Document(
        id=_clean(raw_id) or default_id,
        path=path,
        text=text,
        language=_language(fields.get("language")),
        outlet=_clean(fields.get("outlet")),
        title=_clean(fields.get("title")),
        url=_clean(fields.get("url")),
        published=_published(fields.get("published")),
        furniture=furniture,
    )


def _clean(value: object) -> str | None:
    """A metadata string with its white space collapsed; None for anything else or blank."""
    if not isinstance(value, str):
        return None
    return " ".join(_without_surrogates(value).split()) or None


def _without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which JSON's ``\\ud800`` escapes can produce, and no
    output can encode) replaced by U+FFFD: one character for one, so offsets are kept."""
    return _SURROGATE.sub("\ufffd", text)


def _language(value: object) -> str | None:
    """The primary subtag of a language tag (``fr-FR`` -> ``fr``): the language data's key."""
    primary = (_clean(value) or "").replace("_", "-").split("-")[0].lower()
    return primary if _LANGUAGE_CODE.fullmatch(primary) else None


def _published(value: object) -> str | None:
    """``YYYY-MM-DD`` (a date-time is cut to its date, as written) or ``YYYY-MM``; else None."""
    match = _ISO_PREFIX.match(_clean(value) or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


# --- formats ----------------------------------------------------------------------------------

def _parse_text(data: bytes, path: str) -> list[Document | Skipped]:
    """A ``.txt``/``.md`` file: the whole text, its front matter (if any) marked as furniture.

    The front matter stays in ``text`` so that offsets and line numbers are those of the file.
    """
    text = _decode(data)
    fields, end = _front_matter(text)
    if _blank(text[end:]):
        raise _NotAnArticle("no article text after the front matter")
    return [_document(path, Path(path).stem, text, fields, ((0, end),) if end else ())]


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """The keys of a leading ``---`` block, and the offset just past it (0 when there is none).

    A block counts only if it closes and reads like YAML (``key: value`` lines, comments, indented
    or ``-`` continuation lines): a text that merely opens with a ``---`` rule stays article text.
    """
    first = text.find("\n")
    if first < 0 or text[:first].rstrip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    pos = first + 1
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if line.rstrip() == "---":
            return (fields, min(end + 1, len(text))) if fields else ({}, 0)
        if match := _FRONT_MATTER_KEY.match(line):
            fields[match.group(1).lower()] = _unquote(match.group(2).strip())
        elif line.strip() and not line[0].isspace() and not line.startswith(("#", "-")):
            return {}, 0
        pos = end + 1
    return {}, 0


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _parse_json(data: bytes, path: str) -> list[Document | Skipped]:
    """A ``.json`` file: one article object."""
    value = _json_value(_decode(data), where=True)
    if isinstance(value, list):
        raise _NotAnArticle("JSON value is an array, not an article object (put several articles in a .jsonl file)")
    return [_object_document(value, path, Path(path).stem)]


def _parse_jsonl(data: bytes, path: str) -> list[Document | Skipped]:
    """A ``.jsonl`` file: one article object a line; a bad line is skipped, the others are read."""
    text = _decode(data)
    stem = Path(path).stem
    outcomes: list[Document | Skipped] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _blank(line):
            continue
        try:
            value = _json_value(line, where=False)
            outcomes.append(_object_document(value, path, f"{stem}#{number}"))
        except _NotAnArticle as reason:
            outcomes.append(Skipped(path=path, reason=f"line {number}: {reason}"))
    return outcomes


def _json_value(text: str, where: bool) -> object:
    """The JSON value of ``text``; ``where`` puts the line of a syntax error in the reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        at = f"line {error.lineno} column {error.colno}" if where else f"column {error.colno}"
        raise _NotAnArticle(f"invalid JSON ({at}: {error.msg})") from error
    except RecursionError as error:
        raise _NotAnArticle("invalid JSON (nested too deeply)") from error
    except ValueError as error:  # a number of more digits than Python converts
        raise _NotAnArticle(f"unreadable JSON ({describe_error(error)})") from error


def _object_document(value: object, path: str, default_id: str) -> Document:
    if not isinstance(value, dict):
        raise _NotAnArticle(f"JSON value is {_json_kind(value)}, not an article object")
    text = value.get("text")
    if not isinstance(text, str):
        raise _NotAnArticle('the article object has no string "text"')
    text = _newlines(_without_surrogates(text))
    if _blank(text):
        raise _NotAnArticle('the article "text" is blank')
    return _document(path, default_id, text, value)


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"


def _parse_html(data: bytes, path: str) -> list[Document | Skipped]:
    """An HTML page: its readable text, title, language and publication date.

    The text is rebuilt (one paragraph per block element), so offsets count into that text, not
    into the HTML source; navigation, scripts and other page furniture are left out.
    """
    from selectolax.lexbor import LexborHTMLParser  # imported on first need, as charset_normalizer

    declared = _DECLARED_CHARSET.search(data[:4096])
    tree = LexborHTMLParser(_decode(data, declared.group(1).decode("ascii") if declared else None))
    # The longest <article> (others are often teasers of related articles), else <main>, else <body>.
    articles = sorted(map(_readable_text, tree.css("article")), key=len, reverse=True)
    fallbacks = (n for n in (tree.css_first("main"), tree.body) if n is not None)
    text = next((t for t in chain(articles, map(_readable_text, fallbacks)) if t), "")
    if not text:
        raise _NotAnArticle("HTML page with no readable text")
    fields = {
        "language": (tree.root.attributes.get("lang") if tree.root is not None else None),
        "title": _html_value(tree, ('meta[property="og:title"]', "content"), ("title", None)),
        "outlet": _html_value(tree, ('meta[property="og:site_name"]', "content")),
        "url": _html_value(tree, ('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")),
        "published": next(filter(None, map(_published, (
            _html_value(tree, ('meta[property="article:published_time"]', "content")),
            _html_value(tree, ("time[datetime]", "datetime")),
        ))), None),
    }
    return [_document(path, Path(path).stem, text, fields)]


def _html_value(tree: LexborHTMLParser, *sources: tuple[str, str | None]) -> str | None:
    """The first non-blank value among ``(css selector, attribute)`` sources (None: the text)."""
    for selector, attribute in sources:
        node = tree.css_first(selector)
        if node is not None:
            value = _clean(node.text() if attribute is None else node.attributes.get(attribute))
            if value:
                return value
    return None


class _Paragraphs:
    """Collects the text of an HTML subtree as lines and paragraphs, white space collapsed."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def add(self, text: str) -> None:
        self.pieces.append(text)

    def end_line(self) -> None:
        line = " ".join("".join(self.pieces).split())
        if line:
            self.lines.append(line)
        self.pieces = []

    def end_paragraph(self) -> None:
        self.end_line()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
        self.lines = []

    def text(self) -> str:
        self.end_paragraph()
        return "\n\n".join(self.paragraphs)


def _readable_text(root: LexborNode) -> str:
    """The prose under ``root``; walked with an explicit stack, so deep nesting cannot overflow."""
    out = _Paragraphs()
    pending: list[tuple[LexborNode, bool]] = [(root, False)]
    while pending:
        node, leaving = pending.pop()
        if leaving:
            out.end_paragraph()
        elif node.is_text_node:
            out.add(node.text(deep=False))
        elif node.tag == "br":
            out.end_line()
        elif node.is_element_node and node.tag not in _HTML_DROP:
            if node.tag in _HTML_BLOCKS:
                out.end_paragraph()
                pending.append((node, True))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            pending.extend((child, False) for child in reversed(children))
    return out.text()


_PARSERS: dict[str, Callable[[bytes, str], list[Document | Skipped]]] = {
    ".txt": _parse_text, ".md": _parse_text, ".html": _parse_html, ".htm": _parse_html,
    ".json": _parse_json, ".jsonl": _parse_jsonl,
}
