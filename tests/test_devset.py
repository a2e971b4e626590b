"""Checks on the project's own labelled sets: the development set (benchmarks/devset) and the
blind test set (benchmarks/testset); see their READMEs.

Every check runs on both sets. The gold files must be well-formed and line up with the
sentences the package produces (so that ``stance evaluate`` matches every gold sentence), every
speaker must be an entity, and the sets must stay independent: no sentence of either is a
training sentence, and the test set shares no sentence and no invented person's name with the
development set or the training sentences. Only the sentence splitter runs on the sets here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from stance.articles import load_articles, sample_paths
from stance.sentences import split_sentences
from stance.topics import load_topics
from stance.types import Article

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SETS = ("devset", "testset")
LABELS = {"FAVOR", "AGAINST", "NONE"}
SENTENCE_KEYS = {"article", "start", "end", "text", "speakers", "stances"}
ENTITY_KEYS = {"article", "name", "aliases", "role", "affiliation"}

Entities = dict[str, dict[str, dict[str, Any]]]


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name}:{number}: expected a JSON object"
        yield number, row


@cache
def _articles(name: str) -> dict[str, Article]:
    return {a.id: a for a in load_articles(sorted((BENCHMARKS / name / "corpus").glob("*.txt")))}


@cache
def _entities(name: str) -> Entities:
    out: Entities = {}
    for number, row in _jsonl(BENCHMARKS / name / "gold" / "entities.jsonl"):
        assert set(row) == ENTITY_KEYS, f"{name} entities.jsonl:{number}: keys {sorted(row)}"
        assert isinstance(row["aliases"], list), f"{name} entities.jsonl:{number}: aliases"
        assert row["name"] not in out.setdefault(row["article"], {}), (
            f"{name} entities.jsonl:{number}: {row['name']!r} listed twice"
        )
        out[row["article"]][row["name"]] = row
    return out


@cache
def _training_texts() -> tuple[str, ...]:
    resource = files("stance").joinpath("data", "training", "stance_train.csv")
    reader = csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"), newline=""))
    return tuple(row["text"] for row in reader)


def _gold_files(name: str) -> list[Path]:
    gold = BENCHMARKS / name / "gold"
    return sorted(p for p in gold.glob("*.jsonl") if p.name != "entities.jsonl")


GOLD_FILES = [
    pytest.param(name, path, id=f"{name}/{path.stem}")
    for name in SETS
    for path in _gold_files(name)
]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _sentences(name: str) -> set[str]:
    return {_normalise(s.text) for a in _articles(name).values() for s in split_sentences(a)}


def _person_names(name: str) -> set[str]:
    """Named people among a set's speakers: an entity with a role whose name is two or more
    capitalised words (``Carl Whitmore``; not ``Analysts`` or ``State Department spokesman``)."""
    return {
        entity["name"]
        for by_name in _entities(name).values()
        for entity in by_name.values()
        if entity["role"] is not None
        and len(entity["name"].split()) >= 2
        and all(word[:1].isupper() for word in entity["name"].split())
    }


def _mentions(text: str, names: set[str]) -> list[str]:
    """The names, or their last words (surnames), that occur in ``text`` as whole words."""
    found = []
    for person in sorted(names):
        for form in {person, person.split()[-1]}:
            if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                found.append(f"{person} ({form})")
    return found


def test_there_are_two_sets_of_different_articles() -> None:
    assert not set(_articles("devset")) & set(_articles("testset"))


@pytest.mark.parametrize("name", SETS)
def test_every_article_has_gold_and_entities(name: str) -> None:
    articles = _articles(name)
    gold = {p.stem for p in _gold_files(name)}
    assert len(articles) >= 8
    assert gold == set(articles)
    assert set(_entities(name)) == set(articles)


@pytest.mark.parametrize(("name", "path"), GOLD_FILES)
def test_gold_lines_up_with_the_splitter(name: str, path: Path) -> None:
    article = _articles(name)[path.stem]
    rows = [row for _, row in _jsonl(path)]
    for number, row in enumerate(rows, start=1):
        assert set(row) == SENTENCE_KEYS, f"{path.name}:{number}: keys {sorted(row)}"
        assert row["article"] == path.stem, f"{path.name}:{number}: article {row['article']!r}"
        assert article.text[row["start"] : row["end"]] == row["text"], f"{path.name}:{number}"
    predicted = [(s.start, s.end, s.text) for s in split_sentences(article)]
    assert [(r["start"], r["end"], r["text"]) for r in rows] == predicted


@pytest.mark.parametrize(("name", "path"), GOLD_FILES)
def test_speakers_are_entities_and_labels_are_known(name: str, path: Path) -> None:
    topics = {t.name for t in load_topics()}
    known = _entities(name)[path.stem]
    used = set()
    for number, row in _jsonl(path):
        assert isinstance(row["speakers"], list), f"{path.name}:{number}: speakers"
        assert len(set(row["speakers"])) == len(row["speakers"]), f"{path.name}:{number}"
        for speaker in row["speakers"]:
            assert speaker in known, f"{path.name}:{number}: {speaker!r} not in entities.jsonl"
            used.add(speaker)
        assert isinstance(row["stances"], dict), f"{path.name}:{number}: stances"
        for topic, label in row["stances"].items():
            assert topic in topics, f"{path.name}:{number}: unknown topic {topic!r}"
            assert label in LABELS, f"{path.name}:{number}: label {label!r}"
    assert used == set(known), f"entities never speaking: {sorted(set(known) - used)}"


@pytest.mark.parametrize("name", SETS)
def test_the_set_covers_every_topic_and_both_stances(name: str) -> None:
    seen = {
        (topic, label)
        for path in _gold_files(name)
        for _, row in _jsonl(path)
        for topic, label in row["stances"].items()
    }
    for topic in (t.name for t in load_topics()):
        assert {(topic, "FAVOR"), (topic, "AGAINST"), (topic, "NONE")} <= seen


@pytest.mark.parametrize("name", SETS)
def test_no_sentence_of_the_set_is_a_training_sentence(name: str) -> None:
    training = {_normalise(text) for text in _training_texts()}
    assert not _sentences(name) & training
    corpus = " ".join(_normalise(a.text) for a in _articles(name).values())
    assert [t for t in training if len(t) > 30 and t in corpus] == []


def test_the_test_set_shares_no_sentence_with_the_dev_set_or_the_samples() -> None:
    test = _sentences("testset")
    assert not test & _sentences("devset")
    others = " ".join(
        _normalise(a.text) for a in [*_articles("devset").values(), *load_articles(sample_paths())]
    )
    assert [s for s in test if len(s) > 30 and s in others] == []


def test_the_test_set_shares_no_person_name_with_the_dev_set_or_the_training_sentences() -> None:
    test_people, dev_people = _person_names("testset"), _person_names("devset")
    assert len(test_people) >= 30, sorted(test_people)
    assert not test_people & dev_people
    dev_text = "\n".join(a.text for a in _articles("devset").values())
    test_text = "\n".join(a.text for a in _articles("testset").values())
    assert _mentions(dev_text, test_people) == []
    assert _mentions(test_text, dev_people) == []
    assert _mentions("\n".join(_training_texts()), test_people) == []


@pytest.mark.shared
@pytest.mark.parametrize("name", SETS)
def test_no_sentence_of_the_set_is_in_the_shared_corpus(shared_dir: Path, name: str) -> None:
    shared = " ".join(
        _normalise(p.read_text(encoding="utf-8")) for p in (shared_dir / "corpus").glob("*.txt")
    )
    assert [s for s in _sentences(name) if len(s) > 30 and s in shared] == []
