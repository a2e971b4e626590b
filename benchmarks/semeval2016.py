"""SemEval-2016 Task 6 (subtask A) with the package's own StanceClassifier.

Usage::

    python benchmarks/semeval2016.py --train TRAIN.txt --test TEST.txt
    python benchmarks/semeval2016.py --data TRAIN.txt --split 0.2

Files are tab-separated ``ID, Target, Tweet, Stance`` with a header row (extra columns, as
in the trial file, are ignored), CRLF line ends, cp1252 (UTF-8 is accepted too); the
trailing ``#SemST`` of each tweet is stripped. The five targets are the topics of
``benchmarks/semeval2016_topics.toml``, read with :func:`stance.topics.load_topics`.

``--split F`` makes a stratified (by target and stance) split of one file with a fixed seed
and scores on the held-out share F. Prints one JSON line: ``f_favor``, ``f_against``,
``f_avg`` (the official metric: F1 of FAVOR and of AGAINST over all targets pooled, and
their mean) and ``n`` (tweets scored).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

from stance.model import StanceClassifier
from stance.topics import load_topics

TOPICS_FILE = Path(__file__).with_name("semeval2016_topics.toml")
_SEMST = re.compile(r"\s*#SemST\s*$")
_LABELS = {"FAVOR", "AGAINST", "NONE"}


def read_semeval(path: Path) -> list[tuple[str, str, str]]:
    """(target, tweet, stance) rows of a SemEval-2016 Task 6 file."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header = [h.strip().lower() for h in lines[0].lstrip("\ufeff").split("\t")]
    try:
        i_target, i_tweet, i_stance = (header.index(c) for c in ("target", "tweet", "stance"))
    except ValueError:
        sys.exit(f"{path}:1: header with ID, Target, Tweet, Stance expected, got {header}")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) <= max(i_target, i_tweet, i_stance):
            sys.exit(f"{path}:{lineno}: {len(header)} tab-separated fields expected")
        stance = cells[i_stance].strip().upper()
        if stance not in _LABELS:
            sys.exit(f"{path}:{lineno}: stance FAVOR/AGAINST/NONE expected, got {stance!r}")
        tweet = _SEMST.sub("", cells[i_tweet]).strip()
        rows.append((cells[i_target].strip(), tweet, stance))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path)
    parser.add_argument("--test", type=Path)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--split", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--C", type=float, default=None)
    args = parser.parse_args(argv)

    topics = load_topics(TOPICS_FILE)
    by_target = {t.target.lower(): t.name for t in topics}

    def pairs(rows: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
        unknown = sorted({t for t, _, _ in rows if t.lower() not in by_target})
        if unknown:
            sys.exit(f"targets {unknown} are not in {TOPICS_FILE.name}")
        return [(tw, by_target[t.lower()]) for t, tw, _ in rows], [s for _, _, s in rows]

    if args.train and args.test:
        train_rows, test_rows = read_semeval(args.train), read_semeval(args.test)
    elif args.data:
        rows = read_semeval(args.data)
        strata = [f"{t}|{s}" for t, _, s in rows]
        train_rows, test_rows = train_test_split(
            rows, test_size=args.split, random_state=args.seed, stratify=strata
        )
    else:
        parser.error("give --train and --test, or --data (with --split)")

    X_train, y_train = pairs(train_rows)
    X_test, y_test = pairs(test_rows)
    params = {} if args.C is None else {"C": args.C}
    started = time.perf_counter()
    model = StanceClassifier(topics=topics, **params).fit(X_train, y_train)
    predicted = list(model.predict(X_test))
    f_favor, f_against = f1_score(
        y_test, predicted, labels=["FAVOR", "AGAINST"], average=None, zero_division=0.0
    )
    print(
        json.dumps(
            {
                "f_favor": round(float(f_favor), 4),
                "f_against": round(float(f_against), 4),
                "f_avg": round(float(f_favor + f_against) / 2, 4),
                "n": len(y_test),
                "n_train": len(y_train),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
