"""The learned speaker ranker: the shipped weights' format, loading and errors, and what
the ranker adds to the rules (small texts written for these tests)."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from stance import _ranker
from stance._ranker import RankerWeights, load_weights
from stance.articles import article_from_text
from stance.sentences import split_sentences
from stance.speakers import attribute
from stance.types import InputError

_SHIPPED = files("stance") / "data" / "speakers" / "ranker.json"
# a feature name: a prefix, "=", and a lower-case word, punctuation, or a class (CAP, NUM)
_FEATURE = re.compile(r"^[a-z0-9_]+(?:=(?:[a-z0-9’'\-.]+|[A-Z]{3}|[^\w\s]{1,3})(?:_[^\s]+)?)?$")


def _raw() -> dict[str, object]:
    data = json.loads(_SHIPPED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_shipped_weights_load() -> None:
    w = load_weights()
    assert isinstance(w, RankerWeights)
    assert 0.0 < w.threshold < 1.0
    assert len(w.weights) >= 20
    assert all(0.0 <= r <= 1.0 for r in w.cue_rates.values())
    assert w.meta["trained_by"] == "benchmarks/train_attribution.py"


def test_shipped_weights_hold_generic_feature_names_only() -> None:
    data = _raw()
    weights = data["weights"]
    rates = data["cue_rates"]
    assert isinstance(weights, dict) and isinstance(rates, dict)
    for name in weights:
        assert _FEATURE.match(name), name
        assert not re.search(r"[A-Z][a-z]", name), name  # no capitalised words (names)
    for word in rates:
        assert re.fullmatch(r"[a-z][a-z’'\-]*", word), word


def test_probability_is_a_logistic_regression() -> None:
    w = RankerWeights(bias=-1.0, weights={"a": 2.0, "b": 0.5}, threshold=0.5)
    assert w.probability([]) == pytest.approx(1 / (1 + 2.718281828**1.0), rel=1e-6)
    assert w.probability(["a", "b", "unknown"]) == pytest.approx(1 / (1 + 2.718281828**-1.5))
    assert RankerWeights(-100.0, {}, 0.5).probability(["x"]) == 0.0


def test_cue_rate_bins() -> None:
    w = RankerWeights(0.0, {}, 0.5, cue_rates={"noted": 0.6, "view": 0.3, "plan": 0.05})
    assert [w.rate(x) for x in ("noted", "view", "plan", "table")] == ["4", "3", "1", "0"]


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("[]", "expected a JSON object, found list"),
        ('{"format": "other", "version": 1}', "expected format 'stance-speaker-ranker'"),
        (
            '{"format": "stance-speaker-ranker", "version": 1, "bias": 0, "threshold": 0.5,'
            ' "weights": {"a": "x"}}',
            "expected 'weights' to map feature names to numbers",
        ),
        (
            '{"format": "stance-speaker-ranker", "version": 1, "bias": 0, "threshold": 1.5,'
            ' "weights": {}}',
            r"expected a threshold in \(0, 1\), found 1.5",
        ),
        (
            '{"format": "stance-speaker-ranker", "version": 1, "bias": 0, "threshold": 0.5,'
            ' "weights": {}, "cue_rates": {"said": 2}}',
            "expected 'cue_rates' to map words to shares",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_weights_file(tmp_path: Path, content: str, match: str) -> None:
    path = tmp_path / "ranker.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match) as info:
        load_weights(path)
    assert str(path) in str(info.value)


def test_weights_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(_raw()), encoding="utf-8")
    assert load_weights(path) == load_weights()


def test_missing_weights_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the ranker weights"):
        load_weights(tmp_path / "none.json")


def _attribute(text: str) -> list[tuple[str, ...]]:
    article = article_from_text(text, id="r")
    return [a.speakers for a in attribute(article, split_sentences(article)).attributions]


def test_ranker_only_adds_to_the_rules() -> None:
    text = (
        "Harbour trade grows\n\n"
        'Ana Ruiz, the port director, said trade was up. "We are busy," she said.\n\n'
        "Senator Tom Berg sees the tax plan as a gift to the rich."
    )
    with_ranker = _attribute(text)
    _ranker.RECORDER = []  # recording: candidates are noted, no sentence is changed
    try:
        rules_only = _attribute(text)
        records = list(_ranker.RECORDER)
    finally:
        _ranker.RECORDER = None
    assert rules_only[:3] == with_ranker[:3] == [(), ("Ana Ruiz",), ("Ana Ruiz",)]
    assert rules_only[3] == ()
    assert with_ranker[3] == ("Tom Berg",)
    assert {r.sentence for r in records} == {3}
    assert any(r.names == ("Tom Berg",) and "subj" in r.features for r in records)
