"""Choose the speaker-pooling weight of the stance model on a development set.

Usage::

    python benchmarks/choose_pool.py --gold benchmarks/devset/gold benchmarks/devset/corpus

Runs the pipeline on the articles (paths as for ``stance evaluate``: files or folders) once
per pooling weight (``pool`` of ``stance.model.score_stances``: 0 turns pooling off, 1 moves a
cue-less ``NONE`` row all the way to its speaker's stance on the topic), scores each run against
the gold folder exactly as ``stance evaluate`` does, and prints one JSON line: the figures per
weight (attribution accuracy, topic F1, stance F_avg, F1 FAVOR and AGAINST, speaker-topic
agreement) and ``chosen``, the weight with the best stance F_avg (ties go to the smaller
weight: less pooling). Attribution and topics do not depend on the weight; they are printed
so that one line holds the dev set's figures.

Choose on the project's own development set (``benchmarks/devset``), never on the gold
folder the package is reported against.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from stance.evaluate import evaluate
from stance.pipeline import Analyzer, iter_results, records
from stance.types import StanceError

WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
TIE = 1e-9  # F_avg values closer than this are a tie


def figures(analyzer: Analyzer, paths: list[str], gold: Path) -> dict[str, Any]:
    """The evaluation of one run (what ``stance evaluate --json`` reports), rounded."""
    skipped: list[str] = []
    predictions = list(
        records(iter_results(paths, analyzer=analyzer, on_skip=lambda s: skipped.append(str(s))))
    )
    if skipped:
        raise SystemExit("inputs not read: " + "; ".join(skipped))
    scores = evaluate(gold, predictions)
    if scores.missing_articles:
        raise SystemExit(f"{gold}: no predictions for {', '.join(scores.missing_articles)}")
    return {
        "attribution_accuracy": round(scores.attribution_accuracy, 4),
        "topic_f1": round(scores.topic_f1, 4),
        "stance_f_avg": round(scores.stance_f_avg, 4),
        "f1_favor": round(scores.f1_favor, 4),
        "f1_against": round(scores.f1_against, 4),
        "speaker_topic_agreement": scores.speaker_topic_agreement,
        "n_sentences": scores.n_sentences,
        "_f_avg": scores.stance_f_avg,  # unrounded, for the choice; dropped before printing
    }


def choose(rows: list[dict[str, Any]]) -> float:
    """The weight with the best F_avg; a tie goes to the smaller weight."""
    best = max(row["_f_avg"] for row in rows)
    return float(min(row["pool"] for row in rows if row["_f_avg"] >= best - TIE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="development articles (files or folders)")
    parser.add_argument("--gold", type=Path, required=True, help="the development gold folder")
    parser.add_argument(
        "--weights",
        type=float,
        nargs="+",
        default=list(WEIGHTS),
        help="pooling weights to compare (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if any(not 0.0 <= w <= 1.0 for w in args.weights):
        parser.error(f"--weights: each weight must be in [0, 1], got {args.weights}")
    base = Analyzer.create()
    rows = []
    try:
        for weight in sorted(set(args.weights)):
            row = {"pool": weight, **figures(replace(base, pool=weight), args.paths, args.gold)}
            rows.append(row)
    except StanceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    chosen = choose(rows)
    print(
        json.dumps(
            {
                "gold": str(args.gold),
                "weights": [{k: v for k, v in row.items() if k != "_f_avg"} for row in rows],
                "chosen": chosen,
                "rule": "best stance_f_avg; ties to the smaller weight",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
