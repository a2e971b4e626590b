"""ANNOTATION.md's metrics on small hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stance.evaluate import evaluate, load_predictions, names_match, normalize_name
from stance.types import InputError

GOLD = [
    {"article": "a", "start": 0, "end": 30, "text": "x", "speakers": ["Dana Okafor"],
     "stances": {"trade": "FAVOR"}},
    {"article": "a", "start": 31, "end": 60, "text": "y", "speakers": [],
     "stances": {"sanctions": "NONE"}},
    {"article": "a", "start": 61, "end": 90, "text": "z", "speakers": ["Dana Okafor", "Lev Brandt"],
     "stances": {"sanctions": "AGAINST", "trade": "FAVOR"}},
    {"article": "a", "start": 91, "end": 120, "text": "w", "speakers": ["U.S. officials"],
     "stances": {}},
]  # fmt: skip
ENTITIES = [
    {"article": "a", "name": "Dana Okafor", "aliases": ["the trade minister"], "role": "Minister",
     "affiliation": "Nigeria"},
]  # fmt: skip


def _gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in GOLD) + "\n")
    (folder / "entities.jsonl").write_text("\n".join(json.dumps(r) for r in ENTITIES) + "\n")
    return folder


def _pred(start: int, end: int, speakers: list[str], topics: dict[str, Any]) -> dict[str, Any]:
    return {"article": "a", "start": start, "end": end, "text": "", "speakers": speakers,
            "topics": topics, "sentiment": 0.0}  # fmt: skip


def _t(stance: str, score: float) -> dict[str, Any]:
    return {"stance": stance, "score": score, "confidence": 0.9}


@pytest.mark.parametrize(
    ("predicted", "gold", "aliases", "ok"),
    [
        ("Jean Marc Ortiz", "Jean-Marc Ortiz", (), True),
        ("diplomats", "diplomat", (), True),
        ("Okafor", "Dana Okafor", (), True),
        ("the trade minister", "Dana Okafor", ("the trade minister",), True),
        ("JOSÉ Núñez", "Jose Nunez", (), True),
        ("Lev Brandt", "Dana Okafor", (), False),
        ("", "Dana Okafor", (), False),
    ],
)
def test_names_match(predicted: str, gold: str, aliases: tuple[str, ...], ok: bool) -> None:
    assert names_match(predicted, gold, aliases) is ok


def test_normalize_name() -> None:
    assert normalize_name("U.S. Officials") == "u s official"


def test_perfect_predictions(tmp_path: Path) -> None:
    preds = [
        _pred(0, 30, ["Okafor"], {"trade": _t("FAVOR", 0.7)}),
        _pred(31, 60, [], {"sanctions": _t("NONE", 0.0)}),
        _pred(61, 90, ["Lev Brandt", "Dana Okafor"],
              {"sanctions": _t("AGAINST", -0.8), "trade": _t("FAVOR", 0.5)}),
        _pred(91, 120, ["U.S. officials"], {}),
    ]  # fmt: skip
    s = evaluate(_gold_dir(tmp_path), preds)
    assert s.attribution_accuracy == 1.0
    assert (s.topic_precision, s.topic_recall, s.topic_f1) == (1.0, 1.0, 1.0)
    assert (s.f1_favor, s.f1_against, s.stance_f_avg) == (1.0, 1.0, 1.0)
    # (Okafor, trade) FAVOR, (Okafor, sanctions) AGAINST, (Brandt, sanctions), (Brandt, trade)
    assert s.speaker_topic_agreement == "4/4"
    d = s.to_dict()
    assert set(d) >= {
        "attribution_accuracy", "topic_f1", "topic_precision", "topic_recall", "stance_f_avg",
        "f1_favor", "f1_against", "speaker_topic_agreement", "attribution_by_article",
    }  # fmt: skip
    assert d["attribution_by_article"] == {"a": 1.0}


def test_partial_predictions_and_split_sentences(tmp_path: Path) -> None:
    preds = [
        # gold sentence 0 split in two predicted sentences: speakers pooled
        _pred(0, 14, [], {}),
        _pred(15, 30, ["Dana Okafor"], {"trade": _t("AGAINST", -0.4)}),
        # narration predicted with a speaker; an extra topic
        _pred(31, 60, ["Lev Brandt"], {"sanctions": _t("NONE", 0.0), "trade": _t("NONE", 0.0)}),
        # one of two speakers missed; sanctions topic missed (counts as NONE)
        _pred(61, 90, ["Dana Okafor"], {"trade": _t("FAVOR", 0.6)}),
        # sentence 3 not predicted at all
    ]
    s = evaluate(_gold_dir(tmp_path), preds)
    assert s.attribution_accuracy == pytest.approx(1 / 4)
    # topics: gold {0:trade, 1:sanctions, 2:sanctions, 2:trade}; predicted {0:trade, 1:sanctions,
    # 1:trade, 2:trade} -> tp 3, fp 1, fn 1
    assert s.topic_precision == pytest.approx(3 / 4)
    assert s.topic_recall == pytest.approx(3 / 4)
    # FAVOR: gold 2 (s0, s2 trade), predicted FAVOR 1 (s2 trade, correct) -> P 1, R 1/2
    assert s.f1_favor == pytest.approx(2 * 1 * 0.5 / 1.5)
    # AGAINST: gold 1 (s2 sanctions) predicted NONE; predicted AGAINST on s0 (wrong) -> 0
    assert s.f1_against == 0.0
    assert s.stance_f_avg == pytest.approx(s.f1_favor / 2)
    # Okafor trade: mean(-0.4, 0.6) = 0.1 > 0 ok; Okafor sanctions: none predicted -> wrong;
    # Brandt sanctions/trade: Brandt is predicted only on s1 (scores 0.0) -> both wrong
    assert s.speaker_topic_agreement == "1/4"


def test_gold_articles_without_predictions_are_listed(tmp_path: Path) -> None:
    folder = _gold_dir(tmp_path)
    (folder / "b.jsonl").write_text(json.dumps({**GOLD[0], "article": "b"}) + "\n")
    s = evaluate(folder, [_pred(0, 30, ["Okafor"], {"trade": _t("FAVOR", 0.7)})])
    assert s.missing_articles == ("b",)
    assert "b" not in s.per_article


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gold folder not found"):
        evaluate(tmp_path / "none", [])
    with pytest.raises(InputError, match="no gold article has predictions"):
        evaluate(_gold_dir(tmp_path), [{**_pred(0, 1, [], {}), "article": "zzz"}])
    bad = tmp_path / "p.jsonl"
    bad.write_text('{"article": "a", "start": 0}\n')
    with pytest.raises(InputError, match=r"p.jsonl:1: prediction lacks"):
        load_predictions(bad)
