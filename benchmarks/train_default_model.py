"""Rebuild the default stance model shipped in ``stance/data/model/``.

Usage::

    python benchmarks/train_default_model.py [--data stance/data/training/stance_train.csv]
                                             [--out stance/data/model/model.json] [--cv 5]
                                             [--cv-first N]

Trains :class:`stance.model.StanceClassifier` with the default topics on the training corpus
(columns text, topic, stance; an empty topic marks a sentence with no topic) and writes
``model.json`` + ``model.npz``. With ``--cv K`` it first prints the K-fold cross-validated
F_avg (mean F1 of FAVOR and AGAINST) of the same parameters as one JSON line. With
``--cv-first N`` the folds cover only the first N rows of the file, and the later rows join
every training fold: how much rows added later help on the rows that were there before.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from stance.model import (
    StanceClassifier,
    load_model,
    read_training_file,
    save_model,
    training_pairs,
)
from stance.topics import load_topics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "stance" / "data" / "training" / "stance_train.csv"
DEFAULT_OUT = ROOT / "stance" / "data" / "model" / "model.json"
# The parameters of the shipped model.
PARAMS: dict[str, object] = {
    "C": 0.2,
    "lexicon_weight": 0.5,
    "none_bias": 0.0,
    "use_sentiment": False,
    "random_state": 0,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cv", type=int, default=0)
    parser.add_argument("--cv-first", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)

    topics = load_topics()
    rows = read_training_file(args.data, topics)
    pairs, labels = training_pairs(rows, topics)
    if args.cv:
        first = args.cv_first or len(rows)
        scored, scored_labels = training_pairs(rows[:first], topics)
        always, always_labels = training_pairs(rows[first:], topics) if rows[first:] else ([], [])
        y = np.array(scored_labels)
        strata = np.array([f"{t}|{lab}" for (_, t), lab in zip(scored, scored_labels, strict=True)])
        predicted = np.empty(len(y), dtype=object)
        folds = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=0)
        for train, test in folds.split(np.zeros(len(y)), strata):
            model = StanceClassifier(topics=topics, **PARAMS)  # type: ignore[arg-type]
            model.fit([scored[i] for i in train] + always, [*y[train], *always_labels])
            predicted[test] = model.predict([scored[i] for i in test])
        f_favor, f_against = f1_score(
            y, list(predicted), labels=["FAVOR", "AGAINST"], average=None, zero_division=0.0
        )
        print(
            json.dumps(
                {
                    "cv": args.cv,
                    "n": len(y),
                    "n_always_trained": len(always),
                    "f_favor": round(float(f_favor), 4),
                    "f_against": round(float(f_against), 4),
                    "f_avg": round(float(f_favor + f_against) / 2, 4),
                }
            )
        )
    model = StanceClassifier(topics=topics, **PARAMS).fit(pairs, labels)  # type: ignore[arg-type]
    path = save_model(model, args.out)
    started = time.perf_counter()
    load_model(path)
    print(
        json.dumps(
            {
                "model": str(path),
                "pairs": len(pairs),
                "load_seconds": round(time.perf_counter() - started, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
