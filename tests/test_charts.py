"""Charts, checked through the Axes they return (no image comparison)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.patches import Rectangle

from stance import charts

SUMMARY = pd.DataFrame(
    {
        "speaker": ["Ana Ruiz", "Ana Ruiz", "Ben Okafor", "Ben Okafor", "Chen Wei", ""],
        "topic": ["trade", "sanctions", "trade", "sanctions", "trade", "trade"],
        "n": [4, 2, 3, 1, 1, 9],
        "mean_score": [0.5, -0.5, -0.6, 0.0, 0.3, 0.0],
        "mean_confidence": [0.8, 0.7, 0.9, 0.3, 0.6, 0.5],
        "n_favor": [3, 0, 0, 0, 1, 0],
        "n_against": [0, 2, 3, 0, 0, 0],
        "n_none": [1, 0, 0, 1, 0, 9],
        "label": ["FAVOR", "AGAINST", "AGAINST", "NONE", "FAVOR", "NONE"],
    }
)


def _stances(rows: list[tuple[str, str, float, str, str, int]]) -> pd.DataFrame:
    """(speaker, topic, score, date, article, sentence) -> a stances-shaped frame."""
    return pd.DataFrame(
        [
            {
                "article": article,
                "sentence": sentence,
                "date": date,
                "speaker": speaker,
                "topic": topic,
                "score": score,
                "sentiment": score / 2,
                "stance": "FAVOR" if score > 0.1 else "AGAINST" if score < -0.1 else "NONE",
            }
            for speaker, topic, score, date, article, sentence in rows
        ]
    )


STANCES = _stances(
    [
        ("Ana Ruiz", "trade", 0.6, "2024-05-06", "a1", 1),
        ("Ana Ruiz", "trade", 0.4, "2024-05-06", "a1", 2),
        ("Ana Ruiz", "trade", 0.8, "2024-05-20", "a2", 1),
        ("Ana Ruiz", "sanctions", -0.5, "2024-05-20", "a2", 1),
        ("Ben Okafor", "trade", -0.7, "2024-05-06", "a1", 4),
        ("Ben Okafor", "trade", -0.5, "2024-05-21", "a2", 3),
        ("Chen Wei", "trade", 0.3, "2024-05-21", "a2", 5),
        ("", "trade", 0.0, "2024-05-06", "a1", 0),
    ]
)


def _cells(ax: Axes) -> dict[tuple[str, ...], Rectangle]:
    return {
        charts.decode_gid(p.get_gid()): p
        for p in ax.patches
        if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("cell-")
    }


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return bool(np.allclose(a, b, atol=1e-6))


# -- heatmap ---------------------------------------------------------------------------


def test_heatmap_draws_one_cell_per_speaker_topic_on_the_given_axes() -> None:
    _, ax = plt.subplots()
    out = charts.plot_stance_heatmap(SUMMARY, ax=ax)
    assert out is ax
    assert ax.get_title() == "Stance by speaker and topic"
    cells = _cells(ax)
    assert set(cells) == {
        ("Ana Ruiz", "trade"),
        ("Ana Ruiz", "sanctions"),
        ("Ben Okafor", "trade"),
        ("Ben Okafor", "sanctions"),
        ("Chen Wei", "trade"),
    }  # narration ("") left out
    # rows by sentence count, columns by name; Chen Wei's sanctions cell is empty
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana Ruiz", "Ben Okafor", "Chen Wei"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["sanctions", "trade"]
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == 3 * 2


def test_heatmap_colours_are_centred_on_zero() -> None:
    ax = charts.plot_stance_heatmap(SUMMARY, cbar=False)
    cells = _cells(ax)
    cmap = plt.get_cmap(charts.DIVERGING_CMAP)
    assert _close(cells[("Ben Okafor", "sanctions")].get_facecolor(), cmap(0.5))  # score 0
    assert _close(cells[("Ana Ruiz", "trade")].get_facecolor(), cmap(0.75))  # +0.5
    assert _close(cells[("Ana Ruiz", "sanctions")].get_facecolor(), cmap(0.25))  # -0.5
    norm = charts.stance_norm()
    assert (norm.vmin, norm.vcenter, norm.vmax) == (-1.0, 0.0, 1.0)


def test_heatmap_annotates_n_and_hatches_low_confidence() -> None:
    ax = charts.plot_stance_heatmap(SUMMARY, min_confidence=0.5, cbar=False)
    notes = [t.get_text() for t in ax.texts]
    assert "+0.50\nn=4" in notes and "\u22120.60\nn=3" in notes
    hatched = {k for k, p in _cells(ax).items() if p.get_hatch()}
    assert hatched == {("Ben Okafor", "sanctions")}  # mean confidence 0.3
    assert any("confidence below 0.5" in t for t in notes)


def test_heatmap_keeps_the_top_speakers() -> None:
    ax = charts.plot_stance_heatmap(SUMMARY, top=2, cbar=False)
    assert {k[0] for k in _cells(ax)} == {"Ana Ruiz", "Ben Okafor"}


def test_heatmap_uses_current_axes_by_default_and_adds_a_colourbar() -> None:
    fig = plt.figure()
    ax = charts.plot_stance_heatmap(SUMMARY)
    assert ax is fig.axes[0]
    assert len(fig.axes) == 2  # the heatmap and its colour bar


def test_heatmap_does_not_read_dollars_as_mathtext() -> None:
    summary = SUMMARY.assign(speaker=SUMMARY["speaker"].replace("Chen Wei", "$5 bn $ fund"))
    _, ax = plt.subplots()
    charts.plot_stance_heatmap(summary, ax=ax)
    ax.figure.canvas.draw()  # mathtext would fail or swallow the dollars
    assert r"\$5 bn \$ fund" in [t.get_text() for t in ax.get_yticklabels()]


@pytest.mark.parametrize(
    ("frame", "error", "message"),
    [
        (SUMMARY.drop(columns=["mean_confidence"]), ValueError, "missing \\['mean_confidence'\\]"),
        (SUMMARY.loc[SUMMARY["speaker"] == ""], ValueError, "no speaker rows"),
        ([1, 2, 3], TypeError, "expected a pandas DataFrame, got list"),
    ],
)
def test_heatmap_says_what_it_expected(frame: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        charts.plot_stance_heatmap(frame)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "gid_of",
    [("Ana Ruiz", "trade"), ("Zoë Ålund-Nø", "sanctions & trade"), ("A-B", "c-d")],
)
def test_cell_gid_round_trip(gid_of: tuple[str, str]) -> None:
    gid = charts.cell_gid(*gid_of)
    assert gid.replace("-", "").isalnum()
    assert charts.decode_gid(gid) == gid_of


# -- speaker stance with bootstrap interval ---------------------------------------------


def test_speaker_stance_draws_a_point_and_interval_per_speaker() -> None:
    _, ax = plt.subplots()
    out = charts.plot_speaker_stance(STANCES, topic="trade", ax=ax, n_boot=200)
    assert out is ax
    assert ax.get_title() == "Stance on trade"
    points = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert len(points.get_offsets()) == 3  # Ana, Ben, Chen; narration left out
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Ben Okafor (n=2)", "Chen Wei (n=1)", "Ana Ruiz (n=3)"]  # by mean
    means = [float(x) for x, _ in points.get_offsets()]
    assert means == pytest.approx([-0.6, 0.3, 0.6])
    bars = next(c for c in ax.collections if isinstance(c, LineCollection))
    for (x0, _), (x1, _) in (seg for seg in bars.get_segments()):
        assert -1 <= x0 <= x1 <= 1
    ana = bars.get_segments()[2]
    assert ana[0][0] <= 0.6 <= ana[1][0] and ana[0][0] < ana[1][0]
    chen = bars.get_segments()[1]
    assert chen[0][0] == chen[1][0] == pytest.approx(0.3)  # one sentence: no interval


def test_speaker_stance_is_reproducible_with_a_seed() -> None:
    def bars() -> list[list[float]]:
        _, ax = plt.subplots()
        charts.plot_speaker_stance(STANCES, topic="trade", ax=ax, random_state=3)
        lines = next(c for c in ax.collections if isinstance(c, LineCollection))
        return [[float(v) for v in s[:, 0]] for s in lines.get_segments()]

    assert bars() == bars()


def test_speaker_stance_colours_points_by_mean_around_zero() -> None:
    ax = charts.plot_speaker_stance(STANCES, topic="trade", n_boot=50)
    points = next(c for c in ax.collections if isinstance(c, PathCollection))
    cmap = plt.get_cmap(charts.DIVERGING_CMAP)
    ben = points.get_facecolors()[0]
    assert _close(tuple(ben), cmap(charts.stance_norm()(-0.6)))
    assert ben[0] > ben[2]  # red side for a negative mean


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"topic": "afghanistan"}, "no speaker sentences on topic 'afghanistan'.*'trade'"),
        ({"topic": "trade", "n_boot": 0}, "n_boot must be a positive integer"),
    ],
)
def test_speaker_stance_rejects(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        charts.plot_speaker_stance(STANCES, **kwargs)  # type: ignore[arg-type]


# -- sentiment ---------------------------------------------------------------------------


def test_sentiment_from_stances_counts_each_sentence_once_per_speaker() -> None:
    doubled = pd.concat([STANCES, STANCES.assign(topic="sanctions")])
    _, ax = plt.subplots()
    out = charts.plot_sentiment(doubled, ax=ax)
    assert out is ax
    assert ax.get_title() == "Sentiment by speaker"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == ["Ana Ruiz (n=3)", "Ben Okafor (n=2)", "Chen Wei (n=1)"]
    assert labels[0].startswith("Ben Okafor")  # lowest median first
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in dots) == 6


def test_sentiment_from_sentences_explodes_speakers() -> None:
    sentences = pd.DataFrame(
        {
            "speakers": [("Ana Ruiz",), ("Ana Ruiz", "Ben Okafor"), (), ("Ben Okafor",)],
            "sentiment": [0.5, -0.2, 0.0, -0.6],
        }
    )
    ax = charts.plot_sentiment(sentences)
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == [
        "Ana Ruiz (n=2)",
        "Ben Okafor (n=2)",
    ]


def test_sentiment_names_the_columns_it_needs() -> None:
    with pytest.raises(ValueError, match=r"'speaker' column.*'speakers' column"):
        charts.plot_sentiment(pd.DataFrame({"text": ["x"], "sentiment": [0.1]}))


# -- over time ---------------------------------------------------------------------------


def test_over_time_draws_a_line_per_speaker_and_topic() -> None:
    _, ax = plt.subplots()
    out = charts.plot_stance_over_time(STANCES, ax=ax, freq="W")
    assert out is ax
    assert ax.get_title() == "Stance over time (per week)"
    assert len(ax.lines) - 1 == 4  # 4 speaker-topic pairs, plus the zero line
    ana_trade = next(line for line in ax.lines if line.get_label() == "Ana Ruiz \u2014 trade")
    assert list(ana_trade.get_ydata()) == pytest.approx([0.5, 0.8])  # weekly means
    assert ax.get_legend() is not None


def test_over_time_keeps_the_top_pairs() -> None:
    ax = charts.plot_stance_over_time(STANCES, top=2)
    assert len(ax.lines) - 1 == 2


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (["2024-05-06"] * 8, "at least two distinct dates; got 1 \\(2024-05-06\\)"),
        ([None] * 8, "got 0 \\(no dated sentences\\)"),
    ],
)
def test_over_time_needs_two_dates(dates: list[str | None], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        charts.plot_stance_over_time(STANCES.assign(date=dates))


# -- agreement ---------------------------------------------------------------------------


def test_agreement_is_a_clustered_similarity_matrix() -> None:
    summary = pd.DataFrame(
        {
            "speaker": ["A", "A", "B", "B", "C", "C", "D", "D"],
            "topic": ["trade", "sanctions"] * 4,
            "n": [2] * 8,
            "mean_score": [0.8, -0.6, -0.7, 0.5, 0.7, -0.5, -0.9, 0.6],
        }
    )
    _, ax = plt.subplots()
    out = charts.plot_agreement(summary, ax=ax, cbar=False)
    assert out is ax
    assert ax.get_title().startswith("Who agrees with whom")
    order = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.get_text() for t in ax.get_xticklabels()] == order
    # allies sit together: {A, C} and {B, D} are each adjacent
    pos = {name: k for k, name in enumerate(order)}
    assert abs(pos["A"] - pos["C"]) == 1 and abs(pos["B"] - pos["D"]) == 1
    cells = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(cells) == 16
    cmap = plt.get_cmap(charts.DIVERGING_CMAP)
    diagonal = [p for p in cells if p.get_x() == p.get_y()]
    assert all(_close(p.get_facecolor(), cmap(1.0)) for p in diagonal)
    a_b = next(p for p in cells if (p.get_y(), p.get_x()) == (pos["A"], pos["B"]))
    assert a_b.get_facecolor()[0] > a_b.get_facecolor()[2]  # opposite sides: red


def test_agreement_needs_two_speakers() -> None:
    one = SUMMARY.loc[SUMMARY["speaker"] == "Ana Ruiz"]
    with pytest.raises(ValueError, match="at least two speakers with a stance; got 1"):
        charts.plot_agreement(one)


def test_no_chart_calls_show(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("plt.show() called")

    monkeypatch.setattr(plt, "show", refuse)
    charts.plot_stance_heatmap(SUMMARY)
    charts.plot_speaker_stance(STANCES, topic="trade", n_boot=20)
    charts.plot_sentiment(STANCES)
    charts.plot_stance_over_time(STANCES)
    charts.plot_agreement(SUMMARY)


def test_sentiment_draws_a_sample_of_dots_for_big_corpora() -> None:
    many = pd.DataFrame(
        {
            "article": [f"a{k // 20}" for k in range(500)],
            "sentence": [k % 20 for k in range(500)],
            "speaker": ["Ana Ruiz"] * 500,
            "sentiment": np.linspace(-1, 1, 500),
        }
    )
    ax = charts.plot_sentiment(many, max_points=120)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana Ruiz (n=500)"]
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in dots) == 120
