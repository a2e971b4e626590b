"""The HTML + PDF report, on a small Result-like object built here (no pipeline run).

Regenerate the golden file with ``STANCE_REGEN_GOLDEN=1 pytest tests/test_report.py``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from stance import report
from stance.types import Skipped, Topic

GOLDEN = Path(__file__).parent / "golden" / "report_tiny.html"
GENERATED = datetime(2025, 3, 14, 9, 30)

TOPICS = [
    Topic(
        name="trade",
        target="expanding trade and economic ties",
        description="trade, tariffs, exports and imports",
        terms=("trade", "tariff*", "export*"),
        favor_cues=("expand",),
        against_cues=("curb",),
    ),
    Topic(
        name="sanctions",
        target="imposing or keeping sanctions",
        description="sanctions and embargoes",
        terms=("sanction*", "embargo"),
        favor_cues=("tighten",),
        against_cues=("lift",),
    ),
]

# (article, sentence, speakers, text, [(topic, stance, score, confidence, cues, terms)], sentiment)
SENTENCES: list[tuple[str, int, tuple[str, ...], str, list[tuple[Any, ...]], float]] = [
    (
        "harbour-talks",
        0,
        (),
        "Ministers meet in Velmora to talk about grain exports",
        [("trade", "NONE", 0.02, 0.71, (), ("exports",))],
        0.0,
    ),
    (
        "harbour-talks",
        1,
        ("Lena Marsh",),
        "Trade Minister Lena Marsh said Norland wants to expand grain exports to the east.",
        [("trade", "FAVOR", 0.78, 0.86, ("expand",), ("exports",))],
        0.42,
    ),
    (
        "harbour-talks",
        2,
        ("Lena Marsh",),
        "She added that new tariffs would only hurt farmers on both sides.",
        [("trade", "FAVOR", 0.55, 0.64, ("hurt",), ("tariffs",))],
        -0.53,
    ),
    (
        "harbour-talks",
        3,
        ("Omar Haddad",),
        "Senator Omar Haddad told reporters the sanctions on Velmoran shipping must stay.",
        [
            ("sanctions", "FAVOR", 0.66, 0.74, ("must stay",), ("sanctions",)),
            ("trade", "AGAINST", -0.31, 0.45, (), ("shipping",)),
        ],
        -0.1,
    ),
    ("harbour-talks", 4, (), "Talks are expected to resume next week.", [], 0.0),
    (
        "port-sanctions",
        0,
        ("Priya Natarajan",),
        "\u201cLifting the embargo is the only way forward,\u201d said Priya Natarajan, "
        "a foreign ministry spokeswoman.",
        [("sanctions", "AGAINST", -0.81, 0.9, ("Lifting",), ("embargo",))],
        0.1,
    ),
    (
        "port-sanctions",
        1,
        ("Omar Haddad",),
        "Haddad said he would push to tighten the sanctions further.",
        [("sanctions", "FAVOR", 0.72, 0.8, ("tighten",), ("sanctions",))],
        0.0,
    ),
    (
        "port-sanctions",
        2,
        ("Priya Natarajan",),
        "Natarajan said trade between the two ports had fallen by a third.",
        [("trade", "NONE", -0.05, 0.58, (), ("trade",))],
        -0.2,
    ),
]

ARTICLES = [
    {
        "id": "harbour-talks",
        "title": "Norland and Velmora resume grain talks",
        "date": "2025-03-03",
        "source": "Harbour Post",
        "url": "https://example.org/harbour-talks",
        "origin": "tiny.jsonl:1",
    },
    {
        "id": "port-sanctions",
        "title": "Shipping embargo splits officials",
        "date": "2025-03-12",
        "source": "Coastal Wire",
        "url": "javascript:alert(1)",
        "origin": "tiny.jsonl:2",
    },
]

ENTITIES = [
    ("harbour-talks", "Lena Marsh", ("Marsh", "She"), "Trade Minister", "Norland"),
    ("harbour-talks", "Omar Haddad", ("Haddad",), "Senator", "Velmora"),
    (
        "port-sanctions",
        "Priya Natarajan",
        ("Natarajan",),
        "spokeswoman",
        "Velmoran foreign ministry",
    ),
    ("port-sanctions", "Omar Haddad", ("Haddad",), "Senator", "Velmora"),
]


@dataclass
class TinyResult:
    """A Result-like object: the attributes ``report.ResultLike`` asks for."""

    sentences: pd.DataFrame
    stances: pd.DataFrame
    summary: pd.DataFrame
    entities: pd.DataFrame
    articles: pd.DataFrame
    skipped: list[Skipped] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    model_version: str = "tiny-test-model 0.0"
    evaluation: dict[str, Any] | None = None
    title: str = "Tiny corpus"


def _label(score: float) -> str:
    return "FAVOR" if score > 0.1 else "AGAINST" if score < -0.1 else "NONE"


def build_tiny_result(texts: dict[tuple[str, int], str] | None = None) -> TinyResult:
    """The tiny result; ``texts`` replaces sentence texts by (article, sentence)."""
    texts = texts or {}
    articles = {a["id"]: a for a in ARTICLES}
    roles = {(e[0], e[1]): e for e in ENTITIES}
    sentence_rows, stance_rows = [], []
    offsets: dict[str, int] = {}
    for article, index, speakers, text, found, tone in SENTENCES:
        text = texts.get((article, index), text)
        start = offsets.get(article, 0)
        offsets[article] = start + len(text) + 1
        meta = articles[article]
        sentence_rows.append(
            {
                "article": article,
                "title": meta["title"],
                "date": meta["date"],
                "sentence": index,
                "start": start,
                "end": start + len(text),
                "paragraph": index,
                "headline": index == 0 and not speakers,
                "text": text,
                "speakers": speakers,
                "attribution_kind": "indirect" if speakers else "none",
                "cue": "said" if speakers else None,
                "attribution_confidence": 0.9,
                "sentiment": tone,
                "topics": tuple(f[0] for f in found),
            }
        )
        for topic, stance, score, confidence, cues, terms in found:
            for speaker in speakers or ("",):
                entity = roles.get((article, speaker))
                stance_rows.append(
                    {
                        "article": article,
                        "title": meta["title"],
                        "date": meta["date"],
                        "sentence": index,
                        "start": start,
                        "end": start + len(text),
                        "text": text,
                        "speaker": speaker,
                        "role": entity[3] if entity else None,
                        "affiliation": entity[4] if entity else None,
                        "topic": topic,
                        "stance": stance,
                        "score": score,
                        "confidence": confidence,
                        "cues": cues,
                        "terms": terms,
                        "sentiment": tone,
                        "attribution_kind": "indirect" if speaker else "none",
                    }
                )
    stances = pd.DataFrame(stance_rows)
    speaking = stances.loc[stances["speaker"] != ""]
    summary = (
        speaking.groupby(["speaker", "topic"], sort=True)
        .agg(
            n=("score", "size"),
            mean_score=("score", "mean"),
            mean_confidence=("confidence", "mean"),
            n_favor=("stance", lambda s: int((s == "FAVOR").sum())),
            n_against=("stance", lambda s: int((s == "AGAINST").sum())),
            n_none=("stance", lambda s: int((s == "NONE").sum())),
        )
        .reset_index()
    )
    summary["label"] = summary["mean_score"].map(_label)
    entities = pd.DataFrame(
        [
            {"article": a, "name": n, "aliases": al, "role": r, "affiliation": af, "kind": "person"}
            for a, n, al, r, af in ENTITIES
        ]
    )
    article_frame = pd.DataFrame(
        [{**a, "n_sentences": sum(1 for s in SENTENCES if s[0] == a["id"])} for a in ARTICLES]
    )
    return TinyResult(
        sentences=pd.DataFrame(sentence_rows),
        stances=stances,
        summary=summary,
        entities=entities,
        articles=article_frame,
        skipped=[
            Skipped("broken.jsonl", "line is not valid JSON", line=3),
            Skipped("empty.txt", "the file is empty"),
        ],
        topics=list(TOPICS),
    )


@pytest.fixture
def tiny_result() -> TinyResult:
    return build_tiny_result()


@pytest.fixture(scope="module")
def tiny_html() -> str:
    """The tiny report's HTML, rendered once for the tests that only read it."""
    return report.render_html(build_tiny_result(), generated=GENERATED)


def _normalise(html: str) -> str:
    """The HTML with inline SVG charts replaced by a placeholder (matplotlib's SVG varies
    between versions and fonts; charts are tested in test_charts.py), and the static
    stylesheet by its length (it is the CSS file, verbatim)."""
    html = re.sub(r"<svg\b.*?</svg>", "<svg><!-- chart --></svg>", html, flags=re.DOTALL)
    return re.sub(
        r"<style>\n(.*?)</style>",
        lambda m: "<style>/* report.css inlined here */</style>",
        html,
        count=1,
        flags=re.DOTALL,
    )


def test_html_matches_golden_file(tiny_html: str) -> None:
    html = _normalise(tiny_html)
    if os.environ.get("STANCE_REGEN_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, encoding="utf-8")
    assert GOLDEN.is_file(), f"{GOLDEN} is missing: run with STANCE_REGEN_GOLDEN=1 to write it"
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_report_holds_every_section(tiny_html: str) -> None:
    html = tiny_html
    css = (Path(report.__file__).parent / "data" / "templates" / "report.css").read_text("utf-8")
    assert css in html  # inlined verbatim
    for anchor in ("summary", "findings", "charts", "speakers", "evidence", "skipped", "methods"):
        assert f'<section id="{anchor}">' in html
        assert f'href="#{anchor}"' in html  # table of contents
    assert '<span class="date">2025-03-03</span> <span class="date">– 2025-03-12</span>' in html
    assert "2025-03-14 09:30" in html
    assert "Trade Minister, Norland" in html
    assert "broken.jsonl:3" in html and "line is not valid JSON" in html
    assert "expanding trade and economic ties" in html
    assert "tiny-test-model 0.0" in html


@pytest.mark.parametrize(
    ("fragment", "why"),
    [
        (
            'Priya Natarajan</a> opposes <span class="target">imposing or keeping sanctions</span>',
            "the strongest AGAINST position",
        ),
        ("1 sentence, mean \u22120.81.", "its count and mean, with a true minus sign"),
        (
            'Omar Haddad</a> supports <span class="target">imposing or keeping sanctions</span>',
            "a FAVOR position",
        ),
        ("Speakers split on <a", "sanctions has both sides"),
    ],
)
def test_key_findings_are_written_from_the_data(tiny_html: str, fragment: str, why: str) -> None:
    findings = tiny_html.split('<section id="findings">', 1)[1].split("</section>", 1)[0]
    assert fragment in findings, why


def test_cue_words_are_marked(tiny_html: str) -> None:
    html = tiny_html
    assert "wants to <mark>expand</mark> grain" in html
    assert '<mark class="term">sanctions</mark>' in html


def test_heatmap_cells_carry_speaker_and_topic(tiny_result: TinyResult, tiny_html: str) -> None:
    html = tiny_html
    cells = re.findall(
        r'<g class="hm-cell js-filter" data-speaker="([^"]*)" data-topic="([^"]*)"', html
    )
    assert sorted(cells) == sorted(
        zip(tiny_result.summary["speaker"], tiny_result.summary["topic"], strict=True)
    )


def test_evidence_rows_carry_filters(tiny_result: TinyResult, tiny_html: str) -> None:
    html = tiny_html
    rows = re.findall(r'<tr data-speaker="([^"]*)" data-topic="([^"]*)"', html)
    assert len(rows) == len(tiny_result.stances)
    assert ("", "trade") in rows  # narration is kept


EVIL = '<script>alert("x")</script> <img src=x onerror=alert(1)> </td> {{ 7*7 }} & more'


def test_untrusted_text_shows_as_text() -> None:
    result = build_tiny_result({("harbour-talks", 1): EVIL, ("port-sanctions", 0): EVIL})
    result.title = "<b>Title</b> {{ 7*7 }}"
    html = report.render_html(result, generated=GENERATED)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "{{ 7*7 }}" in html and "49" not in re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/td&gt;" in html
    assert "&lt;b&gt;Title&lt;/b&gt;" in html
    # exactly one script element: the report's own
    assert html.count("<script") == 1


def test_highlight_escapes_each_piece() -> None:
    out = str(report.highlight("Tom & Jerry <i>amp</i> said amp", cues=("amp",)))
    assert out == "Tom &amp; Jerry &lt;i&gt;<mark>amp</mark>&lt;/i&gt; said <mark>amp</mark>"


def test_no_http_url_beyond_the_users_links(tiny_html: str) -> None:
    html = tiny_html
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    assert urls == {"https://example.org/harbour-talks"}
    assert 'href="javascript:' not in html  # a non-http(s) article url is not a link
    assert "<link" not in html and " src=" not in html


def test_result_to_html_is_a_compact_escaped_table(tiny_result: TinyResult) -> None:
    tiny_result.title = "<i>x</i>"
    html = report.result_to_html(tiny_result)
    assert html.startswith('<div class="stance-result">')
    assert "&lt;i&gt;x&lt;/i&gt;" in html
    assert html.count("<tr>") == 1 + len(tiny_result.summary)
    assert "2 articles, 8 sentences, 3 speakers" in html


def test_write_report_writes_html_pdf_and_charts(tiny_result: TinyResult, tmp_path: Path) -> None:
    written = report.write_report(tiny_result, tmp_path / "out", generated=GENERATED)
    assert written["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert written["pdf"].read_bytes().startswith(b"%PDF")
    charts = sorted(p.name for p in (tmp_path / "out" / "charts").iterdir())
    assert "stance_heatmap.svg" in charts and "stance_heatmap.png" in charts
    assert "stance_over_time.svg" in charts  # two dates
    assert not [p for p in (tmp_path / "out").rglob("*.tmp")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"formats": ("docx",)}, "formats must be some of"),
        ({"formats": ()}, "formats must be some of"),
        ({"top_speakers": 0}, "top_speakers must be a positive integer"),
    ],
)
def test_write_report_rejects_bad_arguments(
    tiny_result: TinyResult, tmp_path: Path, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        report.write_report(tiny_result, tmp_path, **kwargs)


def test_write_report_rejects_what_is_not_a_result(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expected a stance Result"):
        report.write_report(object(), tmp_path)  # type: ignore[arg-type]


def test_failed_write_leaves_the_earlier_report(
    tiny_result: TinyResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = b"<!DOCTYPE html><p>the earlier report</p>"
    (tmp_path / "report.html").write_bytes(earlier)
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "report.html":
            raise OSError("disk full (injected)")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="injected"):
        report.write_report(tiny_result, tmp_path, formats=("html",), generated=GENERATED)
    assert (tmp_path / "report.html").read_bytes() == earlier
    assert not list(tmp_path.rglob("*.tmp"))
    assert not (tmp_path / "report.pdf").exists()  # not asked for


def test_failed_pdf_render_changes_nothing(
    tiny_result: TinyResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "charts").mkdir()
    before = {
        tmp_path / "report.html": b"<p>earlier html</p>",
        tmp_path / "report.pdf": b"%PDF-1.7 earlier",
        tmp_path / "charts" / "stance_heatmap.svg": b"<svg/>",
    }
    for path, data in before.items():
        path.write_bytes(data)

    def broken(html: str) -> bytes:
        raise RuntimeError("renderer crashed (injected)")

    monkeypatch.setattr(report, "html_to_pdf", broken)
    with pytest.raises(RuntimeError, match="injected"):
        report.write_report(tiny_result, tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_pdf_fetcher_refuses_everything_but_data_urls() -> None:
    fetcher = report._fetcher()
    for url in ("https://example.org/x.png", "file:///etc/passwd", "ftp://example.org/a"):
        with pytest.raises(ValueError, match="refused"):
            (fetcher.fetch if hasattr(fetcher, "fetch") else fetcher)(url)
    fetched = (fetcher.fetch if hasattr(fetcher, "fetch") else fetcher)("data:text/plain,hi")
    assert fetched is not None


def test_print_variant_limits_the_evidence_table(
    tiny_result: TinyResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "PDF_EVIDENCE_LIMIT", 3)
    html = report.render_html(tiny_result, medium="print")
    assert len(re.findall(r"<tr data-speaker=", html)) == 3
    assert "lists 3 of 8 rows, speakers first" in html
    assert "<script" not in html
    assert re.findall(r'<tr data-speaker="([^"]*)"', html).count("") == 0


def test_methods_show_evaluation_figures() -> None:
    result = build_tiny_result()
    result.evaluation = {
        "attribution_accuracy": 0.8125,
        "speaker_topic_agreement": "5/6",
        "n_sentences": 1234,
        "attribution_by_article": {"harbour-talks": 0.75},
        "per_article": {"harbour-talks": {"n_sentences": 5, "topic_f1": 0.5}},
        "missing_articles": ["gone-article"],
    }
    methods = report.render_html(result).split('<section id="methods">', 1)[1]
    assert '<th scope="row">attribution accuracy</th><td class="num">0.812</td>' in methods
    assert "5/6" in methods and "1,234" in methods
    assert "<strong>missing articles:</strong> gone-article" in methods
    assert '<th scope="col" class="num">topic f1</th>' in methods
    assert '<td class="num" data-label="topic f1">0.500</td>' in methods


def test_an_empty_result_still_renders() -> None:
    full = build_tiny_result()
    empty = TinyResult(
        sentences=full.sentences.iloc[0:0],
        stances=full.stances.iloc[0:0],
        summary=full.summary.iloc[0:0],
        entities=full.entities.iloc[0:0],
        articles=full.articles.iloc[0:0],
        topics=list(TOPICS),
    )
    html = report.render_html(empty)
    assert "No topic was found in any sentence." in html
    assert "No speaker takes a clear position" in html
    assert "Stance by speaker and topic: not drawn \u2014 the summary holds no speaker rows" in html
    assert "None: every input was read." in html
    assert report.result_to_html(empty).count("<tr>") == 1
