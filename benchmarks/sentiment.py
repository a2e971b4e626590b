"""Correlation of stance.lexicon.sentiment with VADER's human-rated snippets.

Usage::

    python benchmarks/sentiment.py --data ../shared/vader/tweets_GroundTruth.txt

The data file is VADER's ground truth (Hutto & Gilbert 2014), UTF-8 (the ASCII files are
UTF-8 too), one rated snippet a line: an id, the raters' average (from -4 to +4) and the
snippet, separated by tabs. Prints one JSON line: ``n``, ``r`` (Pearson, for
``stance.lexicon.sentiment``) and ``vader_r`` (NLTK's VADER with the vaderSentiment lexicon,
unmodified), both computed in the same run on the same snippets, and the seconds each took.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from stance.lexicon import load_vader, sentiment_many


def read_ground_truth(path: Path) -> tuple[list[float], list[str]]:
    """Ratings and texts of a VADER ground-truth file; a malformed line is an error."""
    ratings: list[float] = []
    texts: list[str] = []
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SystemExit(f"{path}: expected UTF-8 text ({error})") from None
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        if len(fields) != 3:
            raise SystemExit(f"{path}:{number}: expected id<TAB>rating<TAB>text")
        try:
            ratings.append(float(fields[1]))
        except ValueError:
            raise SystemExit(
                f"{path}:{number}: rating must be a number, got {fields[1]!r}"
            ) from None
        texts.append(fields[2])
    if len(texts) < 3:
        raise SystemExit(f"{path}: expected at least 3 rated snippets, found {len(texts)}")
    return ratings, texts


def pearson(x: list[float], y: list[float]) -> float:
    return float(np.corrcoef(np.asarray(x), np.asarray(y))[0, 1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a *_GroundTruth.txt file")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: no such file", file=sys.stderr)
        return 2
    ratings, texts = read_ground_truth(args.data)

    start = time.perf_counter()
    ours = sentiment_many(texts)
    ours_seconds = time.perf_counter() - start

    vader = load_vader()
    start = time.perf_counter()
    baseline = [float(vader.polarity_scores(text)["compound"]) for text in texts]
    vader_seconds = time.perf_counter() - start

    print(
        json.dumps(
            {
                "data": args.data.name,
                "n": len(texts),
                "r": round(pearson(ours, ratings), 4),
                "vader_r": round(pearson(baseline, ratings), 4),
                "seconds": round(ours_seconds, 2),
                "vader_seconds": round(vader_seconds, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
