"""The metrics of ANNOTATION.md: attribution accuracy, topic F1, stance F_avg and
speaker-topic agreement, overall and per article.

Predicted sentences are matched to the gold sentence they overlap most; when several
predicted sentences fall on one gold sentence, their speakers and topics are pooled (for a
topic predicted more than once, the prediction with the largest ``|score|`` counts).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .articles import read_text_file
from .types import InputError

__all__ = [
    "Scores",
    "evaluate",
    "load_gold",
    "load_predictions",
    "names_match",
    "normalize_name",
]

Record = Mapping[str, Any]


def normalize_name(name: str) -> str:
    """Case- and accent-insensitive form; hyphens read as spaces; a final ``s`` ignored.

    >>> normalize_name("Saint-Exupéry"), normalize_name("the diplomats")
    ('saint exupery', 'the diplomat')
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("-", " ").replace("’", "'").replace(".", " ")
    words = [w.strip(",;:'\"") for w in plain.split()]
    words = [w for w in words if w]
    if words and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _drop_article(norm: str) -> str:
    for lead in ("the ", "a ", "an "):
        if norm.startswith(lead):
            return norm[len(lead) :]
    return norm


def names_match(predicted: str, gold: str, aliases: Iterable[str] = ()) -> bool:
    """ANNOTATION.md's rule: equal to the canonical name or an alias, or the same last word."""
    p = _drop_article(normalize_name(predicted))
    if not p:
        return False
    forms = {_drop_article(normalize_name(x)) for x in (gold, *aliases)}
    if p in forms:
        return True
    g = _drop_article(normalize_name(gold))
    return bool(g) and p.split()[-1] == g.split()[-1]


@dataclass(frozen=True)
class GoldSentence:
    article: str
    start: int
    end: int
    text: str
    speakers: tuple[str, ...]
    stances: Mapping[str, str]


@dataclass
class _Counts:
    n: int = 0
    attribution_ok: int = 0
    topic_tp: int = 0
    topic_fp: int = 0
    topic_fn: int = 0
    stance: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    agree_ok: int = 0
    agree_n: int = 0

    def add(self, other: _Counts) -> None:
        self.n += other.n
        self.attribution_ok += other.attribution_ok
        self.topic_tp += other.topic_tp
        self.topic_fp += other.topic_fp
        self.topic_fn += other.topic_fn
        self.stance.update(other.stance)
        self.agree_ok += other.agree_ok
        self.agree_n += other.agree_n


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """Evaluation figures; ``to_dict()`` gives the JSON that ``stance evaluate --json`` prints."""

    attribution_accuracy: float
    topic_precision: float
    topic_recall: float
    topic_f1: float
    f1_favor: float
    f1_against: float
    stance_f_avg: float
    agreement_ok: int
    agreement_n: int
    n_sentences: int
    per_article: Mapping[str, Mapping[str, Any]]
    missing_articles: tuple[str, ...] = ()

    @property
    def speaker_topic_agreement(self) -> str:
        return f"{self.agreement_ok}/{self.agreement_n}"

    @classmethod
    def _from_counts(
        cls,
        c: _Counts,
        per_article: Mapping[str, Mapping[str, Any]] | None = None,
        missing: tuple[str, ...] = (),
    ) -> Scores:
        tp, fp, fn = c.topic_tp, c.topic_fp, c.topic_fn
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)

        def f1_of(label: str) -> float:
            hit = c.stance[(label, label)]
            predicted = sum(v for (_, p), v in c.stance.items() if p == label)
            gold = sum(v for (g, _), v in c.stance.items() if g == label)
            return _f1(_ratio(hit, predicted), _ratio(hit, gold))

        favor, against = f1_of("FAVOR"), f1_of("AGAINST")
        return cls(
            attribution_accuracy=_ratio(c.attribution_ok, c.n),
            topic_precision=precision,
            topic_recall=recall,
            topic_f1=_f1(precision, recall),
            f1_favor=favor,
            f1_against=against,
            stance_f_avg=(favor + against) / 2,
            agreement_ok=c.agree_ok,
            agreement_n=c.agree_n,
            n_sentences=c.n,
            per_article=per_article or {},
            missing_articles=missing,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "attribution_accuracy": self.attribution_accuracy,
            "topic_f1": self.topic_f1,
            "topic_precision": self.topic_precision,
            "topic_recall": self.topic_recall,
            "stance_f_avg": self.stance_f_avg,
            "f1_favor": self.f1_favor,
            "f1_against": self.f1_against,
            "speaker_topic_agreement": self.speaker_topic_agreement,
            "n_sentences": self.n_sentences,
            "attribution_by_article": {
                k: v["attribution_accuracy"] for k, v in self.per_article.items()
            },
            "per_article": {k: dict(v) for k, v in self.per_article.items()},
            "missing_articles": list(self.missing_articles),
        }

    def format(self) -> str:
        """A plain-text table: the overall figures, then one line per article."""
        lines = [
            f"attribution accuracy   {self.attribution_accuracy:.3f}   "
            f"({self.n_sentences} gold sentences)",
            f"topic F1               {self.topic_f1:.3f}   (P {self.topic_precision:.3f}, "
            f"R {self.topic_recall:.3f})",
            f"stance F_avg           {self.stance_f_avg:.3f}   (F1 FAVOR {self.f1_favor:.3f}, "
            f"F1 AGAINST {self.f1_against:.3f})",
            f"speaker-topic agreement {self.speaker_topic_agreement}",
            "",
            f"{'article':<48} {'n':>3} {'attrib':>6} {'topicF1':>7} {'F_avg':>6} {'agree':>6}",
        ]
        for name, a in self.per_article.items():
            lines.append(
                f"{name[:48]:<48} {a['n_sentences']:>3} {a['attribution_accuracy']:>6.3f} "
                f"{a['topic_f1']:>7.3f} {a['stance_f_avg']:>6.3f} "
                f"{a['speaker_topic_agreement']:>6}"
            )
        for name in self.missing_articles:
            lines.append(f"{name[:48]:<48} (no predictions for this gold article; not scored)")
        return "\n".join(lines)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line_no, line in enumerate(read_text_file(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"malformed JSON: {exc.msg}", line_no) from None
        if not isinstance(row, dict):
            raise InputError(str(path), "expected a JSON object per line", line_no)
        rows.append(row)
    return rows


def load_gold(
    gold_dir: str | Path,
) -> tuple[dict[str, list[GoldSentence]], dict[str, dict[str, tuple[str, ...]]]]:
    """Read ``*.jsonl`` gold sentences and ``entities.jsonl`` (name -> aliases per article)."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InputError(str(folder), "gold folder not found")
    sentences: dict[str, list[GoldSentence]] = defaultdict(list)
    aliases: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for path in sorted(folder.glob("*.jsonl")):
        rows = _read_jsonl(path)
        if path.name == "entities.jsonl":
            for row in rows:
                aliases[row["article"]][row["name"]] = tuple(row.get("aliases") or ())
            continue
        for line_no, row in enumerate(rows, start=1):
            try:
                sentences[row["article"]].append(
                    GoldSentence(
                        article=row["article"],
                        start=int(row["start"]),
                        end=int(row["end"]),
                        text=row.get("text", ""),
                        speakers=tuple(row["speakers"]),
                        stances=dict(row.get("stances") or {}),
                    )
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(str(path), f"gold row lacks or mangles {exc}", line_no) from None
    if not sentences:
        raise InputError(str(folder), "no gold *.jsonl files")
    return dict(sentences), dict(aliases)


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Read a prediction JSONL written by ``stance score``."""
    rows = _read_jsonl(Path(path))
    for line_no, row in enumerate(rows, start=1):
        missing = {"article", "start", "end", "speakers", "topics"} - row.keys()
        if missing:
            raise InputError(str(path), f"prediction lacks {sorted(missing)}", line_no)
    return rows


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _speakers_equal(
    predicted: Sequence[str], gold: Sequence[str], aliases: Mapping[str, tuple[str, ...]]
) -> bool:
    pred = list(dict.fromkeys(predicted))
    if len(pred) != len(set(gold)):
        return False
    unused = list(pred)
    for g in dict.fromkeys(gold):
        hit = next((p for p in unused if names_match(p, g, aliases.get(g, ()))), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def _score_article(
    gold: Sequence[GoldSentence],
    predictions: Sequence[Record],
    aliases: Mapping[str, tuple[str, ...]],
) -> _Counts:
    pooled_speakers: list[list[str]] = [[] for _ in gold]
    pooled_topics: list[dict[str, Record]] = [{} for _ in gold]
    for pred in predictions:
        p0, p1 = int(pred["start"]), int(pred["end"])
        best, best_overlap = -1, 0
        for i, g in enumerate(gold):
            ov = _overlap(p0, p1, g.start, g.end)
            if ov > best_overlap:
                best, best_overlap = i, ov
        if best < 0:
            continue
        pooled_speakers[best].extend(pred.get("speakers") or [])
        for topic, info in (pred.get("topics") or {}).items():
            known = pooled_topics[best].get(topic)
            if known is None or abs(float(info.get("score", 0))) > abs(
                float(known.get("score", 0))
            ):
                pooled_topics[best][topic] = info

    c = _Counts()
    # (gold speaker, topic) -> gold labels; and predicted scores for the matching speaker
    for g, speakers, topics in zip(gold, pooled_speakers, pooled_topics, strict=True):
        c.n += 1
        c.attribution_ok += _speakers_equal(speakers, g.speakers, aliases)
        gold_topics, pred_topics = set(g.stances), set(topics)
        c.topic_tp += len(gold_topics & pred_topics)
        c.topic_fp += len(pred_topics - gold_topics)
        c.topic_fn += len(gold_topics - pred_topics)
        for topic, label in g.stances.items():
            predicted = str(topics[topic].get("stance", "NONE")) if topic in topics else "NONE"
            c.stance[(label, predicted)] += 1

    # speaker-topic agreement: the sign of the predicted aggregate for that speaker and topic
    gold_labels: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for g in gold:
        for speaker in g.speakers:
            for topic, label in g.stances.items():
                gold_labels[(speaker, topic)][label] += 1
    for (speaker, topic), labels in gold_labels.items():
        favor, against = labels["FAVOR"], labels["AGAINST"]
        if favor == against:
            continue  # no non-NONE majority (or none at all)
        scores = [
            float(info.get("score", 0.0))
            for pred in predictions
            if any(
                names_match(p, speaker, aliases.get(speaker, ()))
                for p in pred.get("speakers") or []
            )
            for t, info in (pred.get("topics") or {}).items()
            if t == topic
        ]
        mean = sum(scores) / len(scores) if scores else 0.0
        c.agree_n += 1
        c.agree_ok += (mean > 0) if favor > against else (mean < 0)
    return c


def evaluate(gold_dir: str | Path, predictions: Iterable[Record]) -> Scores:
    """Score predictions (records in the prediction format) against a gold folder.

    Gold articles without any prediction are listed in ``missing_articles``, not scored.
    """
    gold, aliases = load_gold(gold_dir)
    by_article: dict[str, list[Record]] = defaultdict(list)
    for pred in predictions:
        by_article[str(pred["article"])].append(pred)
    total = _Counts()
    per_article: dict[str, Mapping[str, Any]] = {}
    missing = []
    for article in sorted(gold):
        if article not in by_article:
            missing.append(article)
            continue
        counts = _score_article(gold[article], by_article[article], aliases.get(article, {}))
        total.add(counts)
        scores = Scores._from_counts(counts)
        per_article[article] = {
            "n_sentences": counts.n,
            "attribution_accuracy": scores.attribution_accuracy,
            "topic_f1": scores.topic_f1,
            "stance_f_avg": scores.stance_f_avg,
            "speaker_topic_agreement": scores.speaker_topic_agreement,
        }
    if not per_article:
        raise InputError(
            str(gold_dir),
            "no gold article has predictions (article ids are file names without .txt)",
        )
    return Scores._from_counts(total, per_article, tuple(missing))
