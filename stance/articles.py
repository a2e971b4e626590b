"""Reading articles: text files, folders, JSONL and CSV corpora, standard input.

Every input that cannot be used becomes one :class:`~stance.types.Skipped` record (file and
line named) handed to ``on_skip``; the other inputs are still read. Reading is lazy: a
corpus of any size streams through :func:`load_articles` one article at a time.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from .types import Article, InputError, Skipped

__all__ = ["article_from_text", "load_articles", "read_text_file", "sample_paths"]

OnSkip = Callable[[Skipped], None]
Input = str | Path | Article

TEXT_SUFFIXES = {".txt", ".text"}
CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
METADATA_NAME = "metadata.csv"
_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_HEADLINE = re.compile(r"\A[ \t]*([^\n]+?)[ \t]*\r?\n[ \t\r]*\n")

csv.field_size_limit(2**31 - 1)


def sample_paths() -> list[Path]:
    """The bundled sample articles (``stance/data/sample/*.txt``)."""
    root = files("stance") / "data" / "sample"
    with as_file(root) as folder:
        return sorted(Path(folder).glob("*.txt"))


def _date_from_name(name: str) -> str | None:
    m = _DATE_IN_NAME.search(name)
    return "-".join(m.groups()) if m else None


def article_from_text(
    text: str,
    *,
    id: str,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    origin: str = "",
    detect_headline: bool = True,
) -> Article:
    """Build an :class:`Article`; a first line followed by a blank line is the headline.

    >>> a = article_from_text("Talks stall\\n\\nThe talks stalled.", id="x")
    >>> a.title, a.headline
    ('Talks stall', (0, 11))
    """
    headline: tuple[int, int] | None = None
    if detect_headline:
        m = _HEADLINE.match(text)
        if m and len(m.group(1)) <= 300:
            headline = (m.start(1), m.end(1))
            title = title or m.group(1)
    return Article(
        id=id,
        text=text,
        title=title,
        date=date or _date_from_name(id),
        source=source,
        url=url,
        origin=origin or id,
        headline=headline,
    )


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputError(origin, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(origin, "binary file (NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            origin, f"not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})", line
        ) from None


def read_text_file(path: Path) -> str:
    """Read a file as UTF-8 text, or raise :class:`InputError` naming it."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(origin, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(origin, "is a folder, expected a file") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    return _decode(data, origin)


def _metadata(folder: Path, on_skip: OnSkip) -> dict[str, dict[str, str]]:
    path = folder / METADATA_NAME
    if not path.is_file():
        return {}
    out: dict[str, dict[str, str]] = {}
    try:
        rows = list(_csv_rows(path, read_text_file(path)))
    except InputError as exc:
        on_skip(Skipped(exc.source, exc.reason, exc.line))
        return {}
    for line, row in rows:
        if isinstance(row, InputError):
            on_skip(Skipped(row.source, row.reason, row.line))
            continue
        key = (row.get("id") or "").strip()
        if not key:
            on_skip(Skipped(str(path), "metadata row without an id", line))
            continue
        out[key] = {k: v for k, v in row.items() if v}
    return out


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, str] | InputError]]:
    """Yield ``(line, row)`` for each CSV row; a broken row comes as an InputError value."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise InputError(str(path), "CSV without a header row", 1)
    width = len(reader.fieldnames)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, InputError(str(path), f"malformed CSV: {exc}", reader.line_num)
            return
        start, line = line + 1, reader.line_num
        extra = row.pop(None, None)
        if extra is not None or any(v is None for v in row.values()):
            found = (
                width + len(extra)
                if extra is not None
                else sum(v is not None for v in row.values())
            )
            yield start, InputError(str(path), f"row has {found} fields, header has {width}", start)
            continue
        yield start, {k: (v or "") for k, v in row.items()}


def _record_article(
    record: dict[str, Any], origin: str, path: Path, line: int, seen_index: int
) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(str(path), "record without a non-empty 'text'", line)
    rid = record.get("id")
    if rid is None or str(rid).strip() == "":
        rid = f"{path.stem}-{seen_index}"

    def opt(key: str) -> str | None:
        value = record.get(key)
        return str(value).strip() if value not in (None, "") else None

    return article_from_text(
        text,
        id=str(rid).strip(),
        title=opt("title"),
        date=opt("date"),
        source=opt("source"),
        url=opt("url"),
        origin=origin,
        detect_headline=False,
    )


def _jsonl_articles(path: Path, on_skip: OnSkip) -> Iterator[Article]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    n = 0
    with handle:
        for line_no, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
                if not isinstance(record, dict):
                    raise InputError(str(path), "expected a JSON object per line", line_no)
                n += 1
                yield _record_article(record, f"{path}:{line_no}", path, line_no, n)
            except UnicodeDecodeError:
                on_skip(Skipped(str(path), "not UTF-8", line_no))
            except json.JSONDecodeError as exc:
                on_skip(Skipped(str(path), f"malformed JSON: {exc.msg}", line_no))
            except InputError as exc:
                on_skip(Skipped(exc.source, exc.reason, exc.line))
    if n == 0:
        raise InputError(str(path), "no articles in this file")


def _csv_articles(path: Path, on_skip: OnSkip) -> Iterator[Article]:
    text = read_text_file(path)
    reader_fields = next(csv.reader(io.StringIO(text)), [])
    if "text" not in reader_fields:
        raise InputError(str(path), f"CSV needs a 'text' column; found {reader_fields}", 1)
    n = 0
    for line, row in _csv_rows(path, text):
        if isinstance(row, InputError):
            on_skip(Skipped(row.source, row.reason, row.line))
            continue
        try:
            n += 1
            yield _record_article(row, f"{path}:{line}", path, line, n)
        except InputError as exc:
            on_skip(Skipped(exc.source, exc.reason, exc.line))
    if n == 0:
        raise InputError(str(path), "no articles in this file")


def _text_article(path: Path, meta: dict[str, str] | None = None) -> Article:
    text = read_text_file(path)
    meta = meta or {}
    return article_from_text(
        text,
        id=path.stem,
        title=meta.get("title"),
        date=meta.get("date"),
        source=meta.get("source"),
        url=meta.get("url"),
        origin=str(path),
    )


def _from_path(path: Path, on_skip: OnSkip) -> Iterator[Article]:
    if path.is_dir():
        found = False
        metas: dict[Path, dict[str, dict[str, str]]] = {}
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            suffix = child.suffix.lower()
            if child.name == METADATA_NAME or child.name.startswith("."):
                continue
            if suffix not in TEXT_SUFFIXES | CORPUS_SUFFIXES:
                continue
            found = True
            if child.parent not in metas:
                metas[child.parent] = _metadata(child.parent, on_skip)
            yield from _guarded(child, on_skip, metas[child.parent].get(child.stem))
        if not found:
            raise InputError(str(path), "folder holds no .txt, .jsonl or .csv files")
        return
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from _jsonl_articles(path, on_skip)
    elif suffix == ".csv":
        yield from _csv_articles(path, on_skip)
    elif not path.exists():
        raise InputError(str(path), "no such file or folder")
    else:
        yield _text_article(path, _metadata(path.parent, on_skip).get(path.stem))


def _guarded(path: Path, on_skip: OnSkip, meta: dict[str, str] | None = None) -> Iterator[Article]:
    try:
        if path.suffix.lower() in TEXT_SUFFIXES:
            if meta is None:
                meta = _metadata(path.parent, on_skip).get(path.stem)
            yield _text_article(path, meta)
        else:
            yield from _from_path(path, on_skip)
    except InputError as exc:
        on_skip(Skipped(exc.source, exc.reason, exc.line))


def _looks_like_text(value: str) -> bool:
    return "\n" in value or len(value) > 400


def load_articles(
    inputs: Iterable[Input] | Input | None = None, *, on_skip: OnSkip | None = None
) -> Iterator[Article]:
    """Yield the articles behind ``inputs``, lazily and in order.

    ``inputs`` may hold paths (``.txt`` files, folders searched recursively, ``.jsonl`` and
    ``.csv`` corpora with ``id`` and ``text`` and optional ``title``, ``date``, ``source``,
    ``url``), ``"-"`` for one article on standard input, raw article texts (a string with a
    line break), or :class:`Article` objects. ``None`` means the bundled sample corpus.

    Unusable inputs are reported to ``on_skip`` (default: raise the :class:`InputError`)
    and the others are still read. Article ids are made unique with a ``~N`` suffix.
    """
    if inputs is None:
        inputs = list(sample_paths())
    elif isinstance(inputs, str | Path | Article):
        inputs = [inputs]

    def raise_skip(skipped: Skipped) -> None:
        raise InputError(skipped.source, skipped.reason, skipped.line)

    report = on_skip or raise_skip
    seen: dict[str, int] = {}
    n_text = 0
    for item in inputs:
        batch: Iterable[Article]
        if isinstance(item, Article):
            batch = [item]
        elif isinstance(item, str) and item == "-":
            batch = _stdin_article(report)
        elif isinstance(item, str) and _looks_like_text(item):
            n_text += 1
            batch = [article_from_text(item, id=f"text-{n_text}", origin=f"<text {n_text}>")]
        else:
            batch = _guarded(Path(item), report)
        for article in batch:
            count = seen.get(article.id, 0) + 1
            seen[article.id] = count
            if count > 1:
                article = Article(**{**article.__dict__, "id": f"{article.id}~{count}"})
            yield article


def _stdin_article(on_skip: OnSkip) -> Iterator[Article]:
    try:
        text = _decode(sys.stdin.buffer.read(), "<stdin>")
    except InputError as exc:
        on_skip(Skipped(exc.source, exc.reason, exc.line))
        return
    yield article_from_text(text, id="stdin", origin="<stdin>")
