"""Checks on the bundled stance training corpus (stance/data/training/stance_train.csv).

The corpus is written by the project (see stance/data/training/README.md). These tests keep
it well-formed, balanced enough to train on, consistent with the borderline rules of
ANNOTATION.md, and free of text taken from the shared articles.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

HEADER = ["text", "topic", "stance", "source"]
TOPICS = {"sanctions", "terrorism", "afghanistan", "trade"}
STANCES = {"FAVOR", "AGAINST", "NONE"}
WINDOW = 40

# Minimum rows per (topic, stance); "" is the no-topic class (always NONE).
MIN_COUNTS = {
    ("sanctions", "FAVOR"): 60,
    ("sanctions", "AGAINST"): 60,
    ("sanctions", "NONE"): 80,
    ("terrorism", "FAVOR"): 40,
    ("terrorism", "AGAINST"): 60,
    ("terrorism", "NONE"): 60,
    ("afghanistan", "FAVOR"): 50,
    ("afghanistan", "AGAINST"): 50,
    ("afghanistan", "NONE"): 70,
    ("trade", "FAVOR"): 60,
    ("trade", "AGAINST"): 60,
    ("trade", "NONE"): 70,
    ("", "NONE"): 150,
}


def _read_text() -> str:
    resource = files("stance").joinpath("data", "training", "stance_train.csv")
    return resource.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_read_text(), newline=""), strict=True))


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_header_is_exact() -> None:
    first = next(csv.reader(io.StringIO(_read_text(), newline="")))
    assert first == HEADER


def test_at_least_a_thousand_rows(rows: list[dict[str, str]]) -> None:
    assert len(rows) >= 1000


def test_every_row_has_allowed_values(rows: list[dict[str, str]]) -> None:
    for line, row in enumerate(rows, start=2):
        assert set(row) == set(HEADER), f"line {line}: columns {sorted(row)}"
        assert row["topic"] in TOPICS | {""}, f"line {line}: topic {row['topic']!r}"
        assert row["stance"] in STANCES, f"line {line}: stance {row['stance']!r}"
        assert row["source"] == "written", f"line {line}: source {row['source']!r}"
        if row["topic"] == "":
            assert row["stance"] == "NONE", f"line {line}: no topic but stance {row['stance']}"


def test_no_empty_or_padded_text(rows: list[dict[str, str]]) -> None:
    for line, row in enumerate(rows, start=2):
        text = row["text"]
        assert text.strip(), f"line {line}: empty text"
        assert text == text.strip(), f"line {line}: leading or trailing space"
        assert "\n" not in text and "\r" not in text, f"line {line}: line break in text"
        assert "{" not in text and "}" not in text, f"line {line}: unfilled template slot"


def test_no_duplicate_text_topic_pairs(rows: list[dict[str, str]]) -> None:
    pairs = Counter((row["text"], row["topic"]) for row in rows)
    repeated = [pair for pair, n in pairs.items() if n > 1]
    assert repeated == []


def test_no_topic_rows_do_not_share_text_with_topic_rows(rows: list[dict[str, str]]) -> None:
    by_text: dict[str, set[str]] = {}
    for row in rows:
        by_text.setdefault(row["text"], set()).add(row["topic"])
    mixed = [text for text, topics in by_text.items() if "" in topics and len(topics) > 1]
    assert mixed == []


@pytest.mark.parametrize(("topic", "stance"), sorted(MIN_COUNTS))
def test_minimum_count_per_topic_and_stance(
    rows: list[dict[str, str]], topic: str, stance: str
) -> None:
    counts = Counter((row["topic"], row["stance"]) for row in rows)
    assert counts[(topic, stance)] >= MIN_COUNTS[(topic, stance)]


def test_none_is_the_largest_class(rows: list[dict[str, str]]) -> None:
    counts = Counter(row["stance"] for row in rows)
    assert counts["NONE"] > counts["FAVOR"]
    assert counts["NONE"] > counts["AGAINST"]
    assert 0.3 <= counts["NONE"] / len(rows) <= 0.55


def test_two_topic_sentences_follow_the_trade_ban_rule(rows: list[dict[str, str]]) -> None:
    """A punitive ban or embargo is sanctions FAVOR and trade AGAINST (and the reverse)."""
    labels: dict[str, dict[str, str]] = {}
    for row in rows:
        labels.setdefault(row["text"], {})[row["topic"]] = row["stance"]
    both = {t: lab for t, lab in labels.items() if {"sanctions", "trade"} <= set(lab)}
    assert len(both) >= 10
    flipped = {"FAVOR": "AGAINST", "AGAINST": "FAVOR", "NONE": "NONE"}
    for text, lab in both.items():
        assert lab["trade"] == flipped[lab["sanctions"]], text
    assert sum(len(lab) > 1 for lab in labels.values()) >= 25


@pytest.mark.parametrize(
    "phrase",
    [
        "government-sanctioned",
        "state-sanctioned",
        "trade union",
        "trafficking",
        "illegal",
        "roadmap",
        "ties",
        "relations",
        "cooperation",
    ],
)
def test_hard_negatives_appear_without_a_topic(rows: list[dict[str, str]], phrase: str) -> None:
    assert any(row["topic"] == "" and phrase in row["text"].casefold() for row in rows)


@pytest.mark.parametrize(
    ("phrase", "wrong_topic"),
    [
        ("government-sanctioned", "sanctions"),
        ("state-sanctioned", "sanctions"),
        ("trade union", "trade"),
        ("trade-off", "trade"),
    ],
)
def test_false_friends_never_carry_the_topic(
    rows: list[dict[str, str]], phrase: str, wrong_topic: str
) -> None:
    wrong = [
        r["text"] for r in rows if phrase in r["text"].casefold() and r["topic"] == wrong_topic
    ]
    assert wrong == []


@pytest.mark.shared
def test_no_text_is_taken_from_the_shared_articles_or_guide(
    rows: list[dict[str, str]], shared_dir: Path
) -> None:
    windows: set[str] = set()
    sources = [*sorted((shared_dir / "corpus").glob("*.txt")), shared_dir / "ANNOTATION.md"]
    for path in sources:
        article = _normalise(path.read_text(encoding="utf-8"))
        windows.update(article[i : i + WINDOW] for i in range(len(article) - WINDOW + 1))
    assert len(sources) > 1, f"no articles found in {shared_dir / 'corpus'}"
    copied = []
    for row in rows:
        text = _normalise(row["text"])
        if any(text[i : i + WINDOW] in windows for i in range(max(1, len(text) - WINDOW + 1))):
            copied.append(row["text"])
    assert copied == []
