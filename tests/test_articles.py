"""Reading inputs: every format, and every kind of bad input reported and survived."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stance.articles import article_from_text, load_articles, sample_paths
from stance.types import Article, InputError, Skipped

HEADLINED = (
    "Port strike ends\n\nDock workers in Rotterdam returned to work on Friday, the union said.\n"
)


def _load(inputs: object) -> tuple[list[Article], list[Skipped]]:
    skipped: list[Skipped] = []
    return list(load_articles(inputs, on_skip=skipped.append)), skipped  # type: ignore[arg-type]


def test_txt_file_headline_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "port-strike-2024-03-08.txt"
    path.write_text(HEADLINED, encoding="utf-8")
    (article,), skipped = _load(path)
    assert skipped == []
    assert article.id == "port-strike-2024-03-08"
    assert article.title == "Port strike ends"
    assert article.headline == (0, 16)
    assert article.text == HEADLINED  # exactly as read
    assert article.date == "2024-03-08"  # from the file name


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("One line only, no blank line after it.", None),
        ("First line\nsecond line\n\nthird", None),
        ("Title here\n\nBody.", (0, 10)),
        ("  Indented title  \n \nBody.", (2, 16)),
    ],
)
def test_headline_detection(text: str, headline: tuple[int, int] | None) -> None:
    assert article_from_text(text, id="a").headline == headline


def test_folder_recursive_with_metadata(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("A\n\nThe minister said so.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("B\n\nThe senator said no.", encoding="utf-8")
    (tmp_path / "sub" / "notes.bin").write_bytes(b"\x00\x01")  # ignored: not an input type
    (tmp_path / "metadata.csv").write_text("id,title,date,source\na,Alpha,2025-01-02,Wire\n")
    articles, skipped = _load(tmp_path)
    assert [a.id for a in articles] == ["a", "b"]
    assert (articles[0].title, articles[0].date, articles[0].source) == (
        "Alpha",
        "2025-01-02",
        "Wire",
    )
    assert skipped == []


def test_jsonl_and_csv_corpora(tmp_path: Path) -> None:
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "text": "Officials said talks would resume.", "date": "2025-02-01"})
        + "\n\n"
        + json.dumps(
            {"id": "j2", "text": "Analysts said tariffs hurt.", "url": "https://x.example/2"}
        )
        + "\n",
        encoding="utf-8",
    )
    csv_path = tmp_path / "d.csv"
    csv_path.write_text('id,text,title\nc1,"He said: ""no"", twice.",T1\n', encoding="utf-8")
    articles, skipped = _load([jsonl, csv_path])
    assert [a.id for a in articles] == ["j1", "j2", "c1"]
    assert articles[0].date == "2025-02-01"
    assert articles[1].url == "https://x.example/2"
    assert articles[2].text == 'He said: "no", twice.'
    assert articles[2].title == "T1"
    assert skipped == []


BAD_CASES = [
    ("missing.txt", None, "no such file or folder", None),
    ("empty.txt", b"", "empty file", None),
    ("blank.txt", b"  \n\n ", "empty file", None),
    ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file", None),
    ("latin1.txt", "Caf\u00e9 talks\n\nOk.".encode("latin-1"), "not UTF-8", 1),
    (
        "broken.jsonl",
        b'{"id": "ok", "text": "Fine text."}\n{"id": "x", "text": \n',
        "malformed JSON",
        2,
    ),
    (
        "notext.jsonl",
        b'{"id": "ok", "text": "Fine text."}\n{"id": "x"}\n',
        "without a non-empty 'text'",
        2,
    ),
    ("array.jsonl", b'{"id": "ok", "text": "Fine text."}\n[1, 2]\n', "JSON object", 2),
    ("rows.csv", b'id,text\nok,"Fine text."\nx,a,b\n', "row has 3 fields, header has 2", 3),
    ("nocol.csv", b"id,body\n1,hello\n", "needs a 'text' column", 1),
]


@pytest.mark.parametrize(("name", "data", "reason", "line"), BAD_CASES)
def test_bad_input_is_named_and_the_rest_survives(
    tmp_path: Path, name: str, data: bytes | None, reason: str, line: int | None
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good one\n\nThe minister said the talks went well.", encoding="utf-8")
    bad = tmp_path / name
    if data is not None:
        bad.write_bytes(data)
    articles, skipped = _load([bad, good])
    assert "good" in [a.id for a in articles]
    assert len(skipped) == 1, skipped
    (s,) = skipped
    assert s.source == str(bad)
    assert reason in s.reason
    assert s.line == line
    assert str(s).startswith(f"{bad}:{line}:" if line else f"{bad}:")
    assert "\n" not in str(s)


def test_without_on_skip_an_input_error_is_raised(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(load_articles(tmp_path / "nope.txt"))


def test_raw_texts_articles_and_duplicate_ids() -> None:
    a = Article(id="same", text="One.")
    b = Article(id="same", text="Two.")
    articles = list(load_articles([a, b, "Headline\n\nBody text."]))
    assert [x.id for x in articles] == ["same", "same~2", "text-1"]
    assert articles[2].title == "Headline"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Stdin news\n\nShe said yes."), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    (article,) = list(load_articles("-"))
    assert article.id == "stdin"
    assert article.title == "Stdin news"


def test_sample_corpus_ships_with_the_package() -> None:
    paths = sample_paths()
    assert 6 <= len(paths) <= 10
    articles = list(load_articles(None))
    assert len(articles) == len(paths)
    assert all(a.title and a.date for a in articles)
    assert len({a.date for a in articles}) >= 2
