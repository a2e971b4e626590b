"""Speaker attribution on PolNeAR (Newell, Margolin & Ruths, LREC 2018), as ../shared/README.md
defines the benchmark.

    python benchmarks/polnear.py --split ../shared/polnear/dev

Runs ``stance.speakers.attribute`` on ``DIR/text/*.txt`` (sentences from
``stance.sentences.split_sentences``) and scores it against the first ``.ann`` file of each
article in ``DIR/attributions/`` (by name). Each gold attribution is located at the predicted
sentence holding the middle character of its Content span.

- named_source_accuracy: over attributions whose Source text holds a capitalised word that
  is not a determiner or pronoun, the share where some predicted speaker of that sentence
  shares a word of three or more letters with the Source text (case- and accent-insensitive);
- detection_recall: share of gold attributions whose sentence has a predicted speaker;
- detection_precision: share of sentences with a predicted speaker that overlap some gold
  Content span; detection_f1 their harmonic mean.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from stance.articles import article_from_text
from stance.sentences import split_sentences
from stance.speakers import attribute

_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "many",
        "several",
        "any",
        "each",
        "every",
        "both",
        "all",
        "no",
        "another",
        "other",
        "one",
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "it",
        "they",
        "them",
        "who",
        "which",
        "what",
        "whose",
        "whom",
    ]
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldAttribution:
    source: str
    content: tuple[int, int]  # overall [start, end) of the Content span(s)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Span:
    """A text-bound annotation (``T`` line) of a brat standoff file."""

    label: str
    pieces: tuple[tuple[int, int], ...]
    text: str


def read_brat(path: Path) -> tuple[dict[str, Span], list[dict[str, str]]]:
    """The spans (``T`` lines, by id) and the relations (``E`` lines: role -> span id) of a
    brat standoff file."""
    spans: dict[str, Span] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            label, _, offsets = fields[1].partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[fields[0]] = Span(label, tuple(pieces), fields[2])
        elif line.startswith("E") and len(fields) >= 2:
            args = dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg)
            relations.append(args)
        # other lines are notes, attributes, or the rest of a span text that held a newline
    return spans, relations


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations (``E`` lines) of a brat standoff file, with Source text and
    Content span."""
    spans, relations = read_brat(path)
    out: list[GoldAttribution] = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        pieces = content.pieces
        out.append(
            GoldAttribution(
                source=source.text if source else "",
                content=(min(s for s, _ in pieces), max(e for _, e in pieces)),
            )
        )
    return out


def is_named(source: str) -> bool:
    return any(w[0].isupper() and w.lower() not in _NOT_NAMES for w in _WORD.findall(source))


def shares_word(speakers: tuple[str, ...], source: str) -> bool:
    gold = {w for w in _WORD.findall(_fold(source)) if len(w) >= 3}
    return any(w in gold for name in speakers for w in _WORD.findall(_fold(name)) if len(w) >= 3)


def score(split: Path, limit: int | None = None) -> dict[str, float | int]:
    """The metrics over the split's articles (the first ``limit`` by name, when given)."""
    texts = sorted((split / "text").glob("*.txt"))[:limit]
    ann_dir = split / "attributions"
    if not texts:
        raise SystemExit(f"error: no .txt files in {split / 'text'}")
    named = named_ok = 0
    gold_total = gold_found = 0
    pred_total = pred_ok = 0
    n_articles = 0
    for path in texts:
        anns = sorted(ann_dir.glob(f"{path.stem}*.ann"))
        if not anns:
            continue
        gold = read_ann(anns[0])
        text = path.read_text(encoding="utf-8")
        article = article_from_text(text, id=path.stem)
        sentences = split_sentences(article)
        if not sentences:
            continue
        n_articles += 1
        result = attribute(article, sentences)
        starts = [s.start for s in sentences]
        for g in gold:
            middle = (g.content[0] + g.content[1]) // 2
            idx = bisect.bisect_right(starts, middle) - 1
            if idx < 0 or middle >= sentences[idx].end:
                idx = -1
            speakers = result.attributions[idx].speakers if idx >= 0 else ()
            gold_total += 1
            gold_found += bool(speakers)
            if is_named(g.source):
                named += 1
                named_ok += shares_word(speakers, g.source)
        contents = sorted(g.content for g in gold)
        content_starts = [c[0] for c in contents]
        for s, att in zip(sentences, result.attributions, strict=True):
            if not att.speakers:
                continue
            pred_total += 1
            # any content span overlapping [s.start, s.end)
            hi = bisect.bisect_left(content_starts, s.end)
            pred_ok += any(c[1] > s.start for c in contents[:hi])
    precision = pred_ok / pred_total if pred_total else 0.0
    recall = gold_found / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "named_source_accuracy": round(named_ok / named, 4) if named else 0.0,
        "detection_precision": round(precision, 4),
        "detection_recall": round(recall, 4),
        "detection_f1": round(f1, 4),
        "n": gold_total,
        "n_named": named,
        "n_articles": n_articles,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        type=Path,
        required=True,
        help="a PolNeAR split folder holding text/ and attributions/",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="score only the first N articles (by file name), for quick development runs",
    )
    args = parser.parse_args(argv)
    if not (args.split / "text").is_dir() or not (args.split / "attributions").is_dir():
        print(f"error: {args.split} must hold text/ and attributions/", file=sys.stderr)
        return 2
    print(json.dumps(score(args.split, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
