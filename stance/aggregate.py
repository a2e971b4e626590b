"""Aggregation: speaker x topic, and over time across articles.

Works on the long ``stances`` table (one row per sentence, speaker and topic; see
``docs/architecture.md``). :class:`SummaryAccumulator` builds the same summary
incrementally, so a streamed corpus never needs all its rows in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["SUMMARY_COLUMNS", "SummaryAccumulator", "label_for", "over_time", "summarize"]

SUMMARY_COLUMNS = [
    "speaker",
    "topic",
    "n",
    "mean_score",
    "mean_confidence",
    "n_favor",
    "n_against",
    "n_none",
    "label",
]
DEAD_ZONE = 0.1  # |mean score| below this reads as no clear position


def label_for(mean_score: float, dead_zone: float = DEAD_ZONE) -> str:
    """FAVOR / AGAINST / NONE for an aggregate score.

    >>> label_for(-0.8), label_for(0.05)
    ('AGAINST', 'NONE')
    """
    if mean_score > dead_zone:
        return "FAVOR"
    if mean_score < -dead_zone:
        return "AGAINST"
    return "NONE"


@dataclass
class _Cell:
    n: int = 0
    score: float = 0.0
    confidence: float = 0.0
    labels: dict[str, int] = field(default_factory=lambda: {"FAVOR": 0, "AGAINST": 0, "NONE": 0})


@dataclass
class SummaryAccumulator:
    """Incremental speaker x topic summary; ``add`` rows, then ``frame()``."""

    cells: dict[tuple[str, str], _Cell] = field(default_factory=dict)

    def add(self, speaker: str, topic: str, stance: str, score: float, confidence: float) -> None:
        if not speaker:
            return
        cell = self.cells.setdefault((speaker, topic), _Cell())
        cell.n += 1
        cell.score += score
        cell.confidence += confidence
        cell.labels[stance] = cell.labels.get(stance, 0) + 1

    def add_rows(self, rows: Iterable[Mapping[Any, Any]]) -> None:
        for r in rows:
            self.add(r["speaker"], r["topic"], r["stance"], r["score"], r["confidence"])

    def frame(self) -> pd.DataFrame:
        rows = []
        for (speaker, topic), c in self.cells.items():
            mean = c.score / c.n
            rows.append(
                {
                    "speaker": speaker,
                    "topic": topic,
                    "n": c.n,
                    "mean_score": mean,
                    "mean_confidence": c.confidence / c.n,
                    "n_favor": c.labels.get("FAVOR", 0),
                    "n_against": c.labels.get("AGAINST", 0),
                    "n_none": c.labels.get("NONE", 0),
                    "label": label_for(mean),
                }
            )
        frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
        return frame.sort_values(
            ["n", "speaker", "topic"], ascending=[False, True, True]
        ).reset_index(drop=True)


def summarize(stances: pd.DataFrame) -> pd.DataFrame:
    """Per speaker and topic: sentence count, mean score and confidence, label counts.

    Narration rows (``speaker == ""``) are left out.

    >>> df = pd.DataFrame({"speaker": ["A", "A", ""], "topic": ["trade"] * 3,
    ...     "stance": ["FAVOR", "NONE", "AGAINST"], "score": [0.8, 0.0, -0.9],
    ...     "confidence": [0.9, 0.6, 0.9]})
    >>> summarize(df)[["speaker", "n", "mean_score", "n_favor", "label"]].to_dict("records")
    [{'speaker': 'A', 'n': 2, 'mean_score': 0.4, 'n_favor': 1, 'label': 'FAVOR'}]
    """
    acc = SummaryAccumulator()
    acc.add_rows(stances.to_dict("records"))
    return acc.frame()


def over_time(stances: pd.DataFrame, freq: str = "W") -> pd.DataFrame:
    """Mean score per speaker, topic and period (``freq`` as in pandas, e.g. "D", "W", "M").

    Rows without a date are left out. Columns: ``speaker, topic, period, n, mean_score``.
    """
    columns = ["speaker", "topic", "period", "n", "mean_score"]
    if stances.empty or "date" not in stances:
        return pd.DataFrame(columns=columns)
    df = stances[(stances["speaker"] != "") & stances["date"].notna()].copy()
    if df.empty:
        return pd.DataFrame(columns=columns)
    df["period"] = pd.to_datetime(df["date"], errors="coerce").dt.to_period(freq).dt.start_time
    df = df[df["period"].notna()]
    out = (
        df.groupby(["speaker", "topic", "period"], as_index=False)
        .agg(n=("score", "size"), mean_score=("score", "mean"))
        .sort_values(["period", "speaker", "topic"])
        .reset_index(drop=True)
    )
    return out[columns]
