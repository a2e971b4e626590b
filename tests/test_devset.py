"""Checks on the project's own development set (benchmarks/devset, see its README).

The gold files must be well-formed and line up with the sentences the package produces (so
that ``stance evaluate`` matches every gold sentence), every speaker must be an entity, and
the set must stay independent: no sentence of it is a training sentence.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from stance.articles import load_articles
from stance.sentences import split_sentences
from stance.topics import load_topics
from stance.types import Article

DEVSET = Path(__file__).resolve().parent.parent / "benchmarks" / "devset"
CORPUS = DEVSET / "corpus"
GOLD = DEVSET / "gold"
LABELS = {"FAVOR", "AGAINST", "NONE"}
SENTENCE_KEYS = {"article", "start", "end", "text", "speakers", "stances"}
ENTITY_KEYS = {"article", "name", "aliases", "role", "affiliation"}


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name}:{number}: expected a JSON object"
        yield number, row


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {a.id: a for a in load_articles(sorted(CORPUS.glob("*.txt")))}


@pytest.fixture(scope="module")
def entities() -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for number, row in _jsonl(GOLD / "entities.jsonl"):
        assert set(row) == ENTITY_KEYS, f"entities.jsonl:{number}: keys {sorted(row)}"
        assert isinstance(row["aliases"], list), f"entities.jsonl:{number}: aliases"
        assert row["name"] not in out.setdefault(row["article"], {}), (
            f"entities.jsonl:{number}: {row['name']!r} listed twice"
        )
        out[row["article"]][row["name"]] = row
    return out


def _gold_files() -> list[Path]:
    return sorted(p for p in GOLD.glob("*.jsonl") if p.name != "entities.jsonl")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_every_article_has_gold_and_entities(
    articles: dict[str, Article], entities: dict[str, dict[str, dict[str, Any]]]
) -> None:
    gold = {p.stem for p in _gold_files()}
    assert len(articles) >= 8
    assert gold == set(articles)
    assert set(entities) == set(articles)


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_gold_lines_up_with_the_splitter(path: Path, articles: dict[str, Article]) -> None:
    article = articles[path.stem]
    rows = [row for _, row in _jsonl(path)]
    for number, row in enumerate(rows, start=1):
        assert set(row) == SENTENCE_KEYS, f"{path.name}:{number}: keys {sorted(row)}"
        assert row["article"] == path.stem, f"{path.name}:{number}: article {row['article']!r}"
        assert article.text[row["start"] : row["end"]] == row["text"], f"{path.name}:{number}"
    predicted = [(s.start, s.end, s.text) for s in split_sentences(article)]
    assert [(r["start"], r["end"], r["text"]) for r in rows] == predicted


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.stem)
def test_speakers_are_entities_and_labels_are_known(
    path: Path, entities: dict[str, dict[str, dict[str, Any]]]
) -> None:
    topics = {t.name for t in load_topics()}
    known = entities[path.stem]
    used = set()
    for number, row in _jsonl(path):
        assert isinstance(row["speakers"], list), f"{path.name}:{number}: speakers"
        assert len(set(row["speakers"])) == len(row["speakers"]), f"{path.name}:{number}"
        for name in row["speakers"]:
            assert name in known, f"{path.name}:{number}: {name!r} not in entities.jsonl"
            used.add(name)
        assert isinstance(row["stances"], dict), f"{path.name}:{number}: stances"
        for topic, label in row["stances"].items():
            assert topic in topics, f"{path.name}:{number}: unknown topic {topic!r}"
            assert label in LABELS, f"{path.name}:{number}: label {label!r}"
    assert used == set(known), f"entities never speaking: {sorted(set(known) - used)}"


def test_the_set_covers_every_topic_and_both_stances() -> None:
    seen = {
        (topic, label)
        for path in _gold_files()
        for _, row in _jsonl(path)
        for topic, label in row["stances"].items()
    }
    for topic in (t.name for t in load_topics()):
        assert {(topic, "FAVOR"), (topic, "AGAINST"), (topic, "NONE")} <= seen


def test_no_dev_sentence_is_a_training_sentence(articles: dict[str, Article]) -> None:
    resource = files("stance").joinpath("data", "training", "stance_train.csv")
    reader = csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline=""))
    training = {_normalise(row["text"]) for row in reader}
    dev = {_normalise(s.text) for a in articles.values() for s in split_sentences(a)}
    assert not dev & training
    corpus = " ".join(_normalise(a.text) for a in articles.values())
    assert [t for t in training if len(t) > 30 and t in corpus] == []


@pytest.mark.shared
def test_no_dev_sentence_is_in_the_shared_corpus(
    shared_dir: Path, articles: dict[str, Article]
) -> None:
    shared = " ".join(
        _normalise(p.read_text(encoding="utf-8")) for p in (shared_dir / "corpus").glob("*.txt")
    )
    dev = [_normalise(s.text) for a in articles.values() for s in split_sentences(a)]
    assert [s for s in dev if len(s) > 30 and s in shared] == []
