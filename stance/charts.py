"""Charts of speakers' stances, one function each, in the style of seaborn.

Every function takes a pandas DataFrame from :class:`stance.pipeline.Result`
(``result.summary`` or ``result.stances``), draws on ``ax`` (or the current axes) and
returns the axes. None calls ``plt.show()``; the caller decides what to do with the
figure.

Stance scores live in [-1, 1] (P(FAVOR) - P(AGAINST)). They are drawn with a
colour-blind-safe diverging palette (ColorBrewer ``RdBu``: red = AGAINST, blue = FAVOR)
whose white midpoint is pinned to 0 by a :class:`~matplotlib.colors.TwoSlopeNorm`.

Heatmap cells and their tick labels carry a ``gid`` (``cell-<speaker hex>-<topic hex>``,
``speaker-<hex>``, ``topic-<hex>``: the UTF-8 bytes of the name in hexadecimal) so that
the SVG the report embeds can be linked back to the evidence behind each cell.

>>> import pandas as pd
>>> summary = pd.DataFrame({"speaker": ["A", "B"], "topic": ["trade", "trade"],
...                         "n": [2, 1], "mean_score": [0.6, -0.4],
...                         "mean_confidence": [0.8, 0.4]})
>>> ax = plot_stance_heatmap(summary)
>>> ax.get_title()
'Stance by speaker and topic'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Colormap, TwoSlopeNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .aggregate import over_time

__all__ = [
    "DIVERGING_CMAP",
    "cell_gid",
    "decode_gid",
    "plot_agreement",
    "plot_sentiment",
    "plot_speaker_stance",
    "plot_stance_heatmap",
    "plot_stance_over_time",
    "stance_norm",
]

#: ColorBrewer's red-blue diverging scheme; colour-blind safe (colorbrewer2.org).
DIVERGING_CMAP = "RdBu"
#: Okabe & Ito (2008) qualitative palette, safe for the common colour-vision deficiencies.
_QUALITATIVE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_NEUTRAL = "#f0f0f0"  # a cell with no data
_PERIOD_NAMES = {
    "D": "day",
    "W": "week",
    "M": "month",
    "MS": "month",
    "ME": "month",
    "Q": "quarter",
    "QE": "quarter",
    "Y": "year",
    "YE": "year",
    "A": "year",
}


def stance_norm() -> TwoSlopeNorm:
    """The colour normalisation of every stance chart: -1 .. 0 .. 1, white at 0."""
    return TwoSlopeNorm(vmin=-1.0, vcenter=0.0, vmax=1.0)


def _cmap(cmap: str | Colormap | None) -> Colormap:
    return plt.get_cmap(cmap or DIVERGING_CMAP)


def _hex(name: str) -> str:
    return name.encode("utf-8").hex()


def cell_gid(speaker: str, topic: str) -> str:
    """The ``gid`` of the heatmap cell of ``speaker`` and ``topic``."""
    return f"cell-{_hex(speaker)}-{_hex(topic)}"


def decode_gid(gid: str) -> tuple[str, ...]:
    """Inverse of the chart gids: ``cell-…-…`` → (speaker, topic), ``speaker-…`` → (speaker,)."""
    kind, _, rest = gid.partition("-")
    if kind not in {"cell", "speaker", "topic"} or not rest:
        raise ValueError(
            f"expected a gid 'cell-<hex>-<hex>', 'speaker-<hex>' or 'topic-<hex>'; got {gid!r}"
        )
    return tuple(bytes.fromhex(part).decode("utf-8") for part in rest.split("-"))


def _label(text: str) -> str:
    """Text for a matplotlib label: a ``$`` in user data must not start mathtext."""
    return text.replace("$", r"\$")


def _require(data: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"{what}: expected columns {list(columns)}; missing {missing} "
            f"(got {list(data.columns)})"
        )


def _axes(ax: Axes | None) -> Axes:
    return ax if ax is not None else plt.gca()


def _speakers_only(stances: pd.DataFrame) -> pd.DataFrame:
    speaker = stances["speaker"].fillna("").astype(str)
    return stances.loc[speaker != ""]


def _top_speakers(frame: pd.DataFrame, top: int | None, weight: str | None = None) -> list[str]:
    """Speakers ordered by sentence count (or summed ``weight``), most first, then by name."""
    if weight is None:
        counts = frame.groupby("speaker").size()
    else:
        counts = frame.groupby("speaker")[weight].sum()
    ordered = sorted(counts.items(), key=lambda kv: (-float(kv[1]), str(kv[0])))
    names = [str(name) for name, _ in ordered]
    return names if top is None else names[: max(int(top), 0)]


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    r, g, b, _ = rgba
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.5 else "white"


def _draw_matrix(
    ax: Axes,
    values: np.ndarray[Any, np.dtype[np.float64]],
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    cmap: Colormap,
    annotations: Sequence[Sequence[str]] | None,
    hatched: np.ndarray[Any, np.dtype[np.bool_]] | None,
    gid: Callable[[str, str], str | None],
    url: Callable[[str, str], str | None] | None,
) -> ScalarMappable:
    """Draw ``values`` (rows x cols, NaN = no data) as one Rectangle per cell."""
    norm = stance_norm()
    for i, row in enumerate(rows):
        for j, col in enumerate(cols):
            value = float(values[i, j])
            empty = bool(np.isnan(value))
            face = _NEUTRAL if empty else cmap(norm(value))
            rect = Rectangle(
                (j, i),
                1.0,
                1.0,
                facecolor=face,
                edgecolor="white",
                linewidth=1.0,
                hatch="///" if hatched is not None and bool(hatched[i, j]) else None,
            )
            if not empty:
                rect.set_gid(gid(row, col))
                if url is not None:
                    rect.set_url(url(row, col))
            ax.add_patch(rect)
            if annotations is not None and annotations[i][j]:
                colour = "black" if empty else _text_colour(cmap(norm(value)))
                note = ax.text(
                    j + 0.5,
                    i + 0.5,
                    annotations[i][j],
                    ha="center",
                    va="center",
                    fontsize="small",
                    color=colour,
                    parse_math=False,
                )
                note.set_gid("note")
                if hatched is not None and bool(hatched[i, j]):
                    note.set_bbox({"facecolor": face, "edgecolor": "none", "pad": 1.0})
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)
    ax.set_xticks(np.arange(len(cols)) + 0.5)
    ax.set_yticks(np.arange(len(rows)) + 0.5)
    ax.set_xticklabels([_label(c) for c in cols])
    ax.set_yticklabels([_label(r) for r in rows])
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    mappable = ScalarMappable(norm=norm, cmap=cmap)
    mappable.set_array(np.array([]))
    return mappable


def plot_stance_heatmap(
    summary: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int | None = 20,
    min_confidence: float = 0.5,
    annot: bool = True,
    cbar: bool = True,
    cmap: str | Colormap | None = None,
    cell_url: Callable[[str, str], str | None] | None = None,
) -> Axes:
    """Speaker x topic heatmap of the mean stance score.

    Each cell is coloured by ``mean_score`` (diverging, white at 0) and annotated with the
    score and the number of sentences ``n``; cells whose ``mean_confidence`` is below
    ``min_confidence`` are hatched. Rows are the ``top`` speakers by sentence count
    (``None`` keeps all). ``cell_url(speaker, topic)`` gives each cell a link in SVG output.

    ``summary`` needs the columns ``speaker, topic, n, mean_score, mean_confidence``
    (``result.summary``). Rows with an empty speaker (narration) are ignored.
    """
    _require(
        summary, ["speaker", "topic", "n", "mean_score", "mean_confidence"], "plot_stance_heatmap"
    )
    ax = _axes(ax)
    data = _speakers_only(summary)
    if data.empty:
        raise ValueError("plot_stance_heatmap: the summary holds no speaker rows to plot")
    speakers = _top_speakers(data, top, weight="n")
    topics = sorted({str(t) for t in data["topic"]})
    data = data.loc[data["speaker"].isin(speakers)]
    index = {
        (str(s), str(t)): k
        for k, (s, t) in enumerate(zip(data["speaker"], data["topic"], strict=True))
    }
    values = np.full((len(speakers), len(topics)), np.nan)
    low = np.zeros((len(speakers), len(topics)), dtype=bool)
    notes = [["" for _ in topics] for _ in speakers]
    scores = data["mean_score"].to_numpy(dtype=float)
    confidences = data["mean_confidence"].to_numpy(dtype=float)
    counts = data["n"].to_numpy()
    for i, speaker in enumerate(speakers):
        for j, topic in enumerate(topics):
            k = index.get((speaker, topic))
            if k is None:
                continue
            values[i, j] = scores[k]
            low[i, j] = bool(confidences[k] < min_confidence)
            if annot:
                notes[i][j] = f"{scores[k]:+.2f}\nn={int(counts[k])}".replace("-", "\u2212")
    colormap = _cmap(cmap)
    mappable = _draw_matrix(
        ax,
        values,
        speakers,
        topics,
        cmap=colormap,
        annotations=notes if annot else None,
        hatched=low,
        gid=cell_gid,
        url=cell_url,
    )
    ax.xaxis.tick_top()
    for tick, speaker in zip(ax.yaxis.get_major_ticks(), speakers, strict=True):
        tick.label1.set_gid(f"speaker-{_hex(speaker)}")
    for tick, topic in zip(ax.xaxis.get_major_ticks(), topics, strict=True):
        tick.label2.set_gid(f"topic-{_hex(topic)}")
    ax.set_title("Stance by speaker and topic")
    ax.set_xlabel("")
    ax.set_ylabel("")
    if bool(low.any()):
        ax.text(
            0.0,
            -0.02,
            f"hatched: mean confidence below {min_confidence:g}",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=7,
            parse_math=False,
        )
    if cbar:
        colorbar = ax.figure.colorbar(mappable, ax=ax, fraction=0.05, pad=0.03)
        colorbar.set_label("mean stance score")
    return ax


def _bootstrap_ci(
    values: np.ndarray[Any, np.dtype[np.float64]],
    n_boot: int,
    rng: np.random.Generator,
    level: float = 0.95,
) -> tuple[float, float]:
    if values.size < 2:
        v = float(values[0])
        return v, v
    samples = rng.choice(values, size=(n_boot, values.size), replace=True).mean(axis=1)
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(samples, [tail, 100.0 - tail])
    return float(low), float(high)


def plot_speaker_stance(
    stances: pd.DataFrame,
    *,
    topic: str,
    ax: Axes | None = None,
    n_boot: int = 1000,
    random_state: int | None = 0,
    top: int | None = 20,
    cmap: str | Colormap | None = None,
) -> Axes:
    """Each speaker's mean stance on ``topic`` with a 95% percentile bootstrap interval.

    ``stances`` is ``result.stances`` (columns ``speaker, topic, score``). Narration
    (empty speaker) is left out. One point per speaker, coloured by the mean score, with
    a horizontal bar for the interval (``n_boot`` resamples of the speaker's sentences;
    a speaker with one sentence has no bar). Speakers are sorted by their mean.
    """
    _require(stances, ["speaker", "topic", "score"], "plot_speaker_stance")
    if n_boot < 1:
        raise ValueError(f"plot_speaker_stance: n_boot must be a positive integer, got {n_boot}")
    ax = _axes(ax)
    data = _speakers_only(stances)
    data = data.loc[data["topic"].astype(str) == topic]
    if data.empty:
        known = sorted({str(t) for t in stances["topic"]})
        raise ValueError(
            f"plot_speaker_stance: no speaker sentences on topic {topic!r}; topics present: {known}"
        )
    speakers = _top_speakers(data, top)
    rng = np.random.default_rng(random_state)
    rows: list[tuple[str, float, float, float, int]] = []
    for speaker in speakers:
        scores = data.loc[data["speaker"] == speaker, "score"].to_numpy(dtype=float)
        low, high = _bootstrap_ci(scores, n_boot, rng)
        rows.append((speaker, float(scores.mean()), low, high, int(scores.size)))
    rows.sort(key=lambda r: (r[1], r[0]))
    colormap = _cmap(cmap)
    norm = stance_norm()
    y = np.arange(len(rows))
    means = np.array([r[1] for r in rows])
    lows = np.array([r[2] for r in rows])
    highs = np.array([r[3] for r in rows])
    ax.axvline(0.0, color="#777777", linewidth=0.8, zorder=0)
    ax.hlines(y, lows, highs, color="#555555", linewidth=1.5, zorder=1)
    ax.scatter(means, y, c=[colormap(norm(m)) for m in means], edgecolors="#333333", s=50, zorder=2)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{_label(r[0])} (n={r[4]})" for r in rows])
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("mean stance score, 95% bootstrap interval")
    ax.set_title(f"Stance on {_label(topic)}")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return ax


def _sentiment_by_speaker(data: pd.DataFrame) -> pd.DataFrame:
    if "speaker" in data.columns:
        _require(data, ["speaker", "sentiment"], "plot_sentiment")
        frame = _speakers_only(data)
        keys = [c for c in ("article", "sentence", "speaker") if c in frame.columns]
        if len(keys) == 3:
            frame = frame.drop_duplicates(subset=keys)
        return frame.loc[:, ["speaker", "sentiment"]]
    if "speakers" in data.columns:
        _require(data, ["speakers", "sentiment"], "plot_sentiment")
        frame = data.loc[:, ["speakers", "sentiment"]].explode("speakers")
        frame = frame.rename(columns={"speakers": "speaker"})
        frame = frame.loc[frame["speaker"].notna()]
        return _speakers_only(frame)
    raise ValueError(
        "plot_sentiment: expected result.stances (a 'speaker' column) or result.sentences "
        f"(a 'speakers' column); got columns {list(data.columns)}"
    )


def plot_sentiment(
    stances_or_sentences: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int | None = 20,
    max_points: int = 200,
    cmap: str | Colormap | None = None,
) -> Axes:
    """Distribution of sentence sentiment per speaker: a box per speaker and its sentences.

    The box and the ``n`` in each label cover every sentence; at most ``max_points`` dots
    (a seeded random sample) are drawn per speaker, so big corpora stay light.

    Accepts ``result.stances`` (one row per sentence, speaker and topic; each sentence is
    counted once per speaker) or ``result.sentences`` (the ``speakers`` tuples are
    exploded). Narration is left out. Speakers are sorted by median sentiment.
    """
    ax = _axes(ax)
    frame = _sentiment_by_speaker(stances_or_sentences)
    frame = frame.loc[frame["sentiment"].notna()]
    if frame.empty:
        raise ValueError("plot_sentiment: no speaker sentences with a sentiment to plot")
    speakers = _top_speakers(frame, top)
    groups = [frame.loc[frame["speaker"] == s, "sentiment"].to_numpy(dtype=float) for s in speakers]
    order = sorted(range(len(speakers)), key=lambda k: (float(np.median(groups[k])), speakers[k]))
    speakers = [speakers[k] for k in order]
    groups = [groups[k] for k in order]
    colormap = _cmap(cmap)
    norm = stance_norm()
    ax.axvline(0.0, color="#777777", linewidth=0.8, zorder=0)
    ax.boxplot(
        groups,
        positions=np.arange(len(groups)),
        orientation="horizontal",
        widths=0.6,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "#eeeeee", "edgecolor": "#555555"},
        medianprops={"color": "#222222"},
        whiskerprops={"color": "#555555"},
        capprops={"color": "#555555"},
    )
    rng = np.random.default_rng(0)
    for k, values in enumerate(groups):
        if values.size > max_points:  # the box summarises them all; draw a sample
            values = rng.choice(values, size=max_points, replace=False)
        jitter = rng.uniform(-0.18, 0.18, size=values.size)
        ax.scatter(
            values,
            k + jitter,
            s=14,
            c=[colormap(norm(v)) for v in values],
            edgecolors="#333333",
            linewidths=0.4,
            zorder=3,
        )
    ax.set_yticks(np.arange(len(speakers)))
    ax.set_yticklabels([f"{_label(s)} (n={g.size})" for s, g in zip(speakers, groups, strict=True)])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("sentence sentiment (VADER compound)")
    ax.set_title("Sentiment by speaker")
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    return ax


def plot_stance_over_time(
    stances: pd.DataFrame,
    *,
    ax: Axes | None = None,
    freq: str = "W",
    top: int | None = 8,
) -> Axes:
    """Mean stance per period (``freq``, a pandas period alias) per speaker and topic.

    One line per (speaker, topic) pair, the ``top`` pairs by sentence count; colour
    tells the topic, the marker the speaker. Needs the ``date`` column to hold at least
    two distinct dates, and raises :class:`ValueError` otherwise.
    """
    _require(stances, ["speaker", "topic", "score", "date"], "plot_stance_over_time")
    ax = _axes(ax)
    data = _speakers_only(stances)
    dates = pd.to_datetime(data["date"], errors="coerce")
    data = data.assign(_date=dates).loc[dates.notna()]
    distinct = sorted({d.date().isoformat() for d in data["_date"]})
    if len(distinct) < 2:
        raise ValueError(
            "plot_stance_over_time: needs speaker sentences on at least two distinct dates; "
            f"got {len(distinct)} ({', '.join(distinct) or 'no dated sentences'})"
        )
    table = over_time(data.drop(columns=["_date"]), freq)
    pairs = table.groupby(["speaker", "topic"], as_index=False).agg(n=("n", "sum"))
    pairs = pairs.sort_values(["n", "speaker", "topic"], ascending=[False, True, True])
    if top is not None:
        pairs = pairs.head(max(int(top), 0))
    topics = sorted({str(t) for t in pairs["topic"]})
    speakers = sorted({str(s) for s in pairs["speaker"]})
    colour = {t: _QUALITATIVE[k % len(_QUALITATIVE)] for k, t in enumerate(topics)}
    marker = {s: _MARKERS[k % len(_MARKERS)] for k, s in enumerate(speakers)}
    for speaker, topic in zip(pairs["speaker"], pairs["topic"], strict=True):
        rows = table.loc[(table["speaker"] == speaker) & (table["topic"] == topic)]
        rows = rows.sort_values("period")
        ax.plot(
            rows["period"].to_numpy(),
            rows["mean_score"].to_numpy(dtype=float),
            color=colour[str(topic)],
            marker=marker[str(speaker)],
            linewidth=1.5,
            label=_label(f"{speaker} \u2014 {topic}"),
        )
    ax.axhline(0.0, color="#777777", linewidth=0.8, zorder=0)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("mean stance score")
    ax.set_title(f"Stance over time (per {_PERIOD_NAMES.get(freq.upper(), freq)})")
    handles = [Line2D([], [], color=colour[t], linewidth=2, label=_label(t)) for t in topics]
    handles += [
        Line2D([], [], color="#555555", marker=marker[s], linestyle="none", label=_label(s))
        for s in speakers
    ]
    ax.legend(
        handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False
    )
    ax.figure.autofmt_xdate()
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    return ax


def _agreement_matrix(summary: pd.DataFrame, speakers: list[str]) -> np.ndarray[Any, Any]:
    table = summary.pivot_table(
        index="speaker", columns="topic", values="mean_score", aggfunc="mean"
    )
    table = table.reindex(index=speakers).fillna(0.0)
    vectors = table.to_numpy(dtype=float)
    norms = np.linalg.norm(vectors, axis=1)
    safe = np.where(norms > 0, norms, 1.0)
    unit = vectors / safe[:, None]
    similarity: np.ndarray[Any, Any] = unit @ unit.T
    similarity[norms == 0, :] = 0.0
    similarity[:, norms == 0] = 0.0
    np.fill_diagonal(similarity, 1.0)
    clipped: np.ndarray[Any, Any] = np.clip(similarity, -1.0, 1.0)
    return clipped


def plot_agreement(
    summary: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int | None = 20,
    annot: bool | None = None,
    cbar: bool = True,
    cmap: str | Colormap | None = None,
) -> Axes:
    """Who agrees with whom: cosine similarity of speakers' topic stance vectors.

    Each speaker is a vector of mean scores over the topics (0 where they said nothing
    on a topic); cell (a, b) is the cosine similarity of a and b, from -1 (opposite
    sides) to 1 (same side). Speakers are ordered by average-linkage hierarchical
    clustering (scipy, optimal leaf ordering) so that allies sit together. Needs at
    least two speakers. With more than six speakers the columns are numbered and each
    row label ends with its number.
    """
    _require(summary, ["speaker", "topic", "n", "mean_score"], "plot_agreement")
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    ax = _axes(ax)
    data = _speakers_only(summary)
    speakers = _top_speakers(data, top, weight="n")
    if len(speakers) < 2:
        raise ValueError(
            f"plot_agreement: needs at least two speakers with a stance; got {len(speakers)}"
        )
    similarity = _agreement_matrix(data, speakers)
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    distance = (distance + distance.T) / 2.0
    if len(speakers) > 2:
        tree = linkage(squareform(distance, checks=False), method="average", optimal_ordering=True)
        order = [int(k) for k in leaves_list(tree)]
    else:
        order = [0, 1]
    names = [speakers[k] for k in order]
    matrix = similarity[np.ix_(order, order)].astype(float)
    show = len(names) <= 12 if annot is None else annot
    notes = None
    if show:
        notes = [
            [f"{matrix[i, j]:+.1f}".replace("-", "\u2212") for j in range(len(names))]
            for i in range(len(names))
        ]
    colormap = _cmap(cmap)
    numbered = len(names) > 6
    rows = [f"{name}  {k + 1}" for k, name in enumerate(names)] if numbered else names
    cols = [str(k + 1) for k in range(len(names))] if numbered else names
    mappable = _draw_matrix(
        ax,
        matrix,
        rows,
        cols,
        cmap=colormap,
        annotations=notes,
        hatched=None,
        gid=lambda a, b: None,
        url=None,
    )
    if not numbered:
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    if numbered:
        ax.tick_params(axis="x", labelsize=6)
    ax.set_title("Who agrees with whom (similarity of topic stances)")
    if cbar:
        colorbar = ax.figure.colorbar(mappable, ax=ax, fraction=0.05, pad=0.03)
        colorbar.set_label("similarity")
    return ax
