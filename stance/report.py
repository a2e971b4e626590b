"""The report: one Jinja2 template rendered to a self-contained HTML file and, by
WeasyPrint, to a PDF.

Article text is untrusted. The template autoescapes everything; the only markup that is
built in Python (cue highlighting, chart SVG, findings) escapes the user's text piece by
piece before wrapping it. WeasyPrint gets a URL fetcher that refuses everything except
``data:`` URLs, and the HTML references no ``http(s)`` URL except the links to articles
that the user's own data holds.

>>> from stance.report import highlight
>>> str(highlight("They <b>oppose</b> sanctions.", cues=("oppose",)))
'They &lt;b&gt;<mark>oppose</mark>&lt;/b&gt; sanctions.'
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from ._io import atomic_write_bytes
from .aggregate import DEAD_ZONE, label_for
from .types import Skipped, Topic

__all__ = [
    "ResultLike",
    "highlight",
    "render_html",
    "result_to_html",
    "write_report",
]

#: Rows of the evidence table in the HTML (paginated by its script) and in the PDF.
HTML_EVIDENCE_LIMIT = 25_000
PDF_EVIDENCE_LIMIT = 300
#: Sentences listed under each (speaker, topic) in the speaker sections, strongest first.
SENTENCES_PER_TOPIC = 8
#: Articles listed in the corpus summary (HTML, PDF).
ARTICLE_LIMIT = 200
PDF_ARTICLE_LIMIT = 40
FORMATS = ("html", "pdf")


class ResultLike(Protocol):
    """What the report reads: :class:`stance.pipeline.Result` or anything shaped like it."""

    @property
    def sentences(self) -> pd.DataFrame: ...
    @property
    def stances(self) -> pd.DataFrame: ...
    @property
    def summary(self) -> pd.DataFrame: ...
    @property
    def entities(self) -> pd.DataFrame: ...
    @property
    def articles(self) -> pd.DataFrame: ...
    @property
    def skipped(self) -> Sequence[Skipped]: ...
    @property
    def topics(self) -> Sequence[Topic]: ...
    @property
    def model_version(self) -> str: ...
    @property
    def evaluation(self) -> Mapping[str, Any] | None: ...
    @property
    def title(self) -> str: ...


# -- small helpers -----------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as display text: '' for None/NaN."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _float(value: Any, default: float = 0.0) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(out) else out


def _signed(value: float, digits: int = 2) -> str:
    """``+0.80`` / ``−0.80`` (a true minus sign), for display."""
    return f"{value:+.{digits}f}".replace("-", "\u2212")


def _safe_url(value: Any) -> str | None:
    """The user's article link, kept only when it is a plain http(s) URL."""
    url = _text(value).strip()
    if re.match(r"^https?://[^\s<>\"']+$", url, flags=re.IGNORECASE):
        return url
    return None


def _terms(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value if _text(v))
    return ()


def highlight(text: str, cues: Iterable[str] = (), terms: Iterable[str] = ()) -> Markup:
    """``text`` escaped, with whole-word occurrences of ``cues`` in ``<mark>``.

    Matches are found in the raw text and every piece is escaped on its own, so markup in
    the text can never be produced or broken by a highlight. ``terms`` (the words that
    made a topic present) get ``<mark class="term">``.
    """
    spans: list[tuple[int, int, str]] = []
    for kind, words in (("cue", cues), ("term", terms)):
        for word in {w.strip() for w in words if w and w.strip()}:
            pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)"
            for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                spans.append((match.start(), match.end(), kind))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0]), s[2]))
    out: list[str] = []
    pos = 0
    for start, end, kind in spans:
        if start < pos:
            continue  # overlaps an earlier highlight
        out.append(str(escape(text[pos:start])))
        piece = str(escape(text[start:end]))
        out.append(
            f"<mark>{piece}</mark>" if kind == "cue" else f'<mark class="term">{piece}</mark>'
        )
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _speakers_of(sentences: pd.DataFrame) -> list[str]:
    names: set[str] = set()
    if "speakers" in sentences.columns:
        for value in sentences["speakers"]:
            names.update(s for s in _terms(value) if s)
    return sorted(names)


def _date_range(result: ResultLike) -> tuple[str, str]:
    dates: list[str] = []
    for frame in (result.articles, result.sentences):
        if "date" in frame.columns:
            dates = sorted({_text(d) for d in frame["date"] if _text(d)})
            if dates:
                break
    return (dates[0], dates[-1]) if dates else ("", "")


# -- charts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """One rendered chart: its file stem, caption, SVG (standalone) and PNG bytes."""

    name: str
    title: str
    caption: str
    svg: str
    png: bytes | None


_SVG_DROP = (
    re.compile(r"<\?xml[^>]*\?>\s*"),
    re.compile(r"<!DOCTYPE[^>]*>\s*", flags=re.DOTALL),
    re.compile(r"<metadata>.*?</metadata>\s*", flags=re.DOTALL),
    re.compile(r'\s+xmlns(?::\w+)?="[^"]*"'),
)


def _attr(value: str) -> str:
    return str(escape(value))


def _inline_svg(svg: str, prefix: str, label: str) -> Markup:
    """Make a matplotlib SVG fit for inlining: no prolog or metadata (and so no http(s)
    URL), ids prefixed so that several charts can share a page, responsive size, and the
    heatmap's cell/label gids turned into ``data-speaker``/``data-topic`` attributes."""
    for pattern in _SVG_DROP:
        svg = pattern.sub("", svg)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    plain = sorted(i for i in ids if not re.match(r"^(cell|speaker|topic)-|^note$", i))
    if plain:
        alternation = "|".join(re.escape(i) for i in sorted(plain, key=len, reverse=True))
        svg = re.sub(r'\bid="(' + alternation + r')"', lambda m: f'id="{prefix}-{m[1]}"', svg)
        svg = re.sub(r"#(" + alternation + r")\b", lambda m: f"#{prefix}-{m[1]}", svg)

    def cell(match: re.Match[str]) -> str:
        speaker = bytes.fromhex(match[1]).decode("utf-8")
        topic = bytes.fromhex(match[2]).decode("utf-8")
        return (
            f'<g class="hm-cell js-filter" data-speaker="{_attr(speaker)}" '
            f'data-topic="{_attr(topic)}" tabindex="0" role="button" '
            f'aria-label="{_attr(f"Show the sentences of {speaker} on {topic}")}">'
        )

    def name(match: re.Match[str]) -> str:
        value = bytes.fromhex(match[2]).decode("utf-8")
        return f'<g class="hm-label js-filter" data-{match[1]}="{_attr(value)}">'

    svg = re.sub(r'<g id="cell-([0-9a-f]*)-([0-9a-f]*)">', cell, svg)
    svg = re.sub(r'<g id="(speaker|topic)-([0-9a-f]*)">', name, svg)
    svg = svg.replace('<g id="note">', '<g class="hm-note">')
    svg = re.sub(r'(<a xlink:href="#[^"]*") target="_blank"', r"\1", svg)
    svg = re.sub(
        r'<svg\s+([^>]*?)width="([\d.]+)pt"\s+height="([\d.]+)pt"',
        lambda m: f'<svg {m[1]}class="chart-svg" role="img" aria-label="{_attr(label)}"',
        svg,
        count=1,
    )
    return Markup(svg.strip())


def _figure_bytes(fig: Any, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=150 if fmt == "png" else 72, metadata=metadata)
    return buffer.getvalue()


def _per_topic(stances: pd.DataFrame, topic: str, top: int) -> Callable[[Any], Any]:
    from . import charts

    def draw(ax: Any) -> Any:
        return charts.plot_speaker_stance(stances, topic=topic, ax=ax, top=top)

    return draw


def _make_charts(
    result: ResultLike,
    top_speakers: int,
    cell_url: Callable[[str, str], str | None],
    png: bool,
) -> tuple[list[Chart], list[str]]:
    """Draw every chart the data allows; returns the charts and notes on those left out."""
    import matplotlib
    from matplotlib.figure import Figure

    from . import charts

    summary = result.summary
    stances = result.stances
    speaking = summary.loc[summary["speaker"].fillna("").astype(str) != ""]
    n_speakers = min(len({str(s) for s in speaking["speaker"]}), top_speakers)
    plans: list[tuple[str, str, str, tuple[float, float], Callable[[Any], Any]]] = []
    plans.append(
        (
            "stance_heatmap",
            "Stance by speaker and topic",
            "Mean stance score per speaker and topic (blue = in favour of the topic's target, "
            "red = against), with the number of sentences. Hatched cells have a mean "
            "confidence below 0.5. Click a cell to see its sentences in the evidence table.",
            (7.0, max(2.8, 1.5 + 0.3 * n_speakers)),
            lambda ax: charts.plot_stance_heatmap(
                summary, ax=ax, top=top_speakers, cell_url=cell_url
            ),
        )
    )
    topics_with_speakers = sorted({str(t) for t in speaking["topic"]})
    for topic in topics_with_speakers:
        k = len({str(s) for s in speaking.loc[speaking["topic"] == topic, "speaker"]})
        plans.append(
            (
                f"speaker_stance_{re.sub(r'[^A-Za-z0-9_-]+', '_', topic)}",
                f"Stance on {topic}",
                f"Each speaker's mean stance on {topic} with a 95% bootstrap interval "
                "(1,000 resamples of their sentences).",
                (7.0, 1.2 + 0.38 * min(max(k, 1), top_speakers)),
                _per_topic(stances, topic, top_speakers),
            )
        )
    plans.append(
        (
            "sentiment",
            "Sentiment by speaker",
            "Tone of each speaker's sentences (VADER compound score): box = middle half, "
            "dots = sentences.",
            (7.0, 1.2 + 0.38 * max(n_speakers, 1)),
            lambda ax: charts.plot_sentiment(stances, ax=ax, top=top_speakers),
        )
    )
    plans.append(
        (
            "stance_over_time",
            "Stance over time",
            "Mean stance per week of the speaker-topic pairs with the most sentences.",
            (7.0, 3.6),
            lambda ax: charts.plot_stance_over_time(stances, ax=ax),
        )
    )
    plans.append(
        (
            "agreement",
            "Who agrees with whom",
            "Similarity of speakers' stances across topics (1 = same side on every topic, "
            "\u22121 = opposite sides), speakers ordered by hierarchical clustering.",
            (6.4, 2.0 + 0.32 * max(n_speakers, 2)),
            lambda ax: charts.plot_agreement(summary, ax=ax, top=top_speakers),
        )
    )
    made: list[Chart] = []
    notes: list[str] = []
    with matplotlib.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "stance-report",
            "font.size": 10,
            "font.family": "DejaVu Sans",
        }
    ):
        for name, title, caption, size, draw in plans:
            fig = Figure(figsize=size, layout="constrained")
            ax = fig.add_subplot()
            try:
                draw(ax)
            except ValueError as error:
                reason = str(error).split(": ", 1)[-1]
                notes.append(f"{title}: not drawn \u2014 {reason}.")
                continue
            made.append(
                Chart(
                    name,
                    title,
                    caption,
                    _figure_bytes(fig, "svg").decode("utf-8"),
                    _figure_bytes(fig, "png") if png else None,
                )
            )
    return made, notes


# -- the template context ----------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _speaker_profiles(result: ResultLike) -> dict[str, tuple[str, str]]:
    """speaker -> (role, affiliation): the most frequent values in stances and entities."""
    roles: dict[str, Counter[str]] = {}
    affiliations: dict[str, Counter[str]] = {}
    for frame, key in ((result.stances, "speaker"), (result.entities, "name")):
        if key not in frame.columns:
            continue
        cols = [c for c in (key, "role", "affiliation") if c in frame.columns]
        for row in _records(frame.loc[:, cols]):
            name = _text(row.get(key))
            if not name:
                continue
            if _text(row.get("role")):
                roles.setdefault(name, Counter())[_text(row.get("role"))] += 1
            if _text(row.get("affiliation")):
                affiliations.setdefault(name, Counter())[_text(row.get("affiliation"))] += 1
    names = set(roles) | set(affiliations)
    return {
        n: (
            roles[n].most_common(1)[0][0] if n in roles else "",
            affiliations[n].most_common(1)[0][0] if n in affiliations else "",
        )
        for n in names
    }


def _verb(label: str) -> str:
    return {"FAVOR": "supports", "AGAINST": "opposes"}.get(label, "takes no side on")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _short_target(target: str) -> str:
    """A topic's target without its parenthetical notes, for prose."""
    return re.sub(r"\s*\([^)]*\)", "", target).strip()


def _names(names: Sequence[str], link: Callable[[str], Markup], cap: int = 4) -> Markup:
    shown = Markup(", ").join(link(n) for n in names[:cap])
    if len(names) > cap:
        return Markup("{} and {} more").format(shown, len(names) - cap)
    return shown


def _findings(
    summary: pd.DataFrame,
    stances: pd.DataFrame,
    targets: Mapping[str, str],
    anchors: Mapping[str, str],
) -> list[Markup]:
    """Key findings, each a sentence written from the data, with links to the evidence."""
    out: list[Markup] = []
    rows = _records(summary.loc[summary["speaker"].fillna("").astype(str) != ""])

    def who(name: str) -> Markup:
        anchor = anchors.get(name)
        href = f"#{anchor}" if anchor else "#evidence"
        return Markup('<a class="js-filter" href="{}" data-speaker="{}">{}</a>').format(
            href, name, name
        )

    def topic_link(topic: str) -> Markup:
        return Markup('<a class="js-filter topic" href="#evidence" data-topic="{}">{}</a>').format(
            topic, topic
        )

    positions = []
    for row in rows:
        mean = _float(row.get("mean_score"))
        label = _text(row.get("label")) or label_for(mean)
        if label in {"FAVOR", "AGAINST"}:
            n = int(_float(row.get("n")))
            positions.append(
                (n * abs(mean), n, mean, label, _text(row["speaker"]), _text(row["topic"]))
            )
    positions.sort(key=lambda p: (-p[0], p[4], p[5]))
    for _, n, mean, label, speaker, topic in positions[:6]:
        target = _short_target(targets.get(topic, "")) or topic
        where = Markup("") if target == topic else Markup(" ({})").format(topic_link(topic))
        out.append(
            Markup('{} {} <span class="target">{}</span>{}: {}, mean {}.').format(
                who(speaker),
                _verb(label),
                target if target != topic else topic_link(topic),
                where,
                _plural(n, "sentence"),
                _signed(mean),
            )
        )
    by_topic: dict[str, dict[str, list[str]]] = {}
    for _, _, _, label, speaker, topic in sorted(positions, key=lambda p: (p[5], p[4])):
        by_topic.setdefault(topic, {}).setdefault(label, []).append(speaker)
    for topic, sides in sorted(by_topic.items()):
        if sides.get("FAVOR") and sides.get("AGAINST"):
            favour, against = _names(sides["FAVOR"], who), _names(sides["AGAINST"], who)
            out.append(
                Markup("Speakers split on {}: {} in favour of {}; {} against.").format(
                    topic_link(topic),
                    favour,
                    _short_target(targets.get(topic, "")) or topic,
                    against,
                )
            )
    speaking = stances.loc[stances["speaker"].fillna("").astype(str) != ""]
    if not speaking.empty:
        per = speaking.drop_duplicates(subset=["article", "sentence", "speaker"])
        counts = per.groupby("speaker").size().sort_values(ascending=False, kind="stable")
        top_name = str(counts.index[0])
        n_articles = per.loc[per["speaker"] == top_name, "article"].nunique()
        out.append(
            Markup("{} is quoted most on these topics: {} in {}.").format(
                who(top_name),
                _plural(int(counts.iloc[0]), "sentence"),
                _plural(int(n_articles), "article"),
            )
        )
    if not stances.empty:
        per_topic = stances.drop_duplicates(subset=["article", "sentence", "topic"])
        counts = per_topic.groupby("topic").size().sort_values(ascending=False, kind="stable")
        topic = str(counts.index[0])
        out.append(
            Markup("The most discussed topic is {}: {}.").format(
                topic_link(topic), _plural(int(counts.iloc[0]), "sentence")
            )
        )
    if not positions:
        out.append(
            Markup(
                "No speaker takes a clear position (mean score beyond \u00b1{}) on any topic."
            ).format(f"{DEAD_ZONE:g}")
        )
    return out


def _figure(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _text(value)
    return f"{value:.3f}" if isinstance(value, float) else f"{value:,}"


def _evaluation(evaluation: Mapping[str, Any]) -> dict[str, Any]:
    """Evaluation figures as template rows: scalars, lists, and tables (a mapping of
    scalars is a two-column table; a mapping of mappings has one column per inner key)."""
    scalars: list[tuple[str, str]] = []
    lists: list[tuple[str, str]] = []
    tables: list[dict[str, Any]] = []
    for key, value in evaluation.items():
        name = str(key).replace("_", " ")
        if isinstance(value, Mapping):
            inner = [v for v in value.values() if isinstance(v, Mapping)]
            if inner and len(inner) == len(value):
                columns = list(dict.fromkeys(str(k) for v in inner for k in v))
                rows = [[str(k), *(_figure(v.get(c)) for c in columns)] for k, v in value.items()]
                tables.append({"name": name, "columns": ["", *columns], "rows": rows})
            else:
                rows = [[str(k), _figure(v)] for k, v in value.items()]
                tables.append({"name": name, "columns": [], "rows": rows})
        elif isinstance(value, list | tuple):
            lists.append((name, ", ".join(str(v) for v in value) or "none"))
        else:
            scalars.append((name, _figure(value)))
    return {"scalars": scalars, "lists": lists, "tables": tables}


def _stance_row(row: Mapping[str, Any]) -> dict[str, Any]:
    score = _float(row.get("score"))
    confidence = _float(row.get("confidence"))
    text = _text(row.get("text"))
    return {
        "speaker": _text(row.get("speaker")),
        "topic": _text(row.get("topic")),
        "stance": _text(row.get("stance")) or label_for(score),
        "score": score,
        "score_text": _signed(score),
        "confidence": confidence,
        "confidence_text": f"{confidence:.2f}",
        "html": highlight(text, _terms(row.get("cues")), _terms(row.get("terms"))),
        "article": _text(row.get("article")),
        "title": _text(row.get("title")) or _text(row.get("article")),
        "date": _text(row.get("date")),
        "sentence": int(_float(row.get("sentence"))),
        "url": None,
    }


def _context(
    result: ResultLike,
    *,
    generated: datetime | None,
    top_speakers: int,
    evidence_limit: int,
    charts: Sequence[Chart],
    chart_notes: Sequence[str],
    anchors: Mapping[str, str],
    topic_anchors: Mapping[tuple[str, str], str],
    medium: str,
) -> dict[str, Any]:
    sentences, stances, summary = result.sentences, result.stances, result.summary
    articles = result.articles
    topics = list(result.topics)
    targets = {t.name: t.target for t in topics}
    profiles = _speaker_profiles(result)
    urls = {_text(a["id"]): _safe_url(a.get("url")) for a in _records(articles)}
    first, last = _date_range(result)
    speakers_all = _speakers_of(sentences) or sorted(
        {s for s in (_text(v) for v in stances["speaker"]) if s}
    )

    # corpus summary
    article_rows = []
    article_limit = PDF_ARTICLE_LIMIT if medium == "print" else ARTICLE_LIMIT
    for row in _records(articles.head(article_limit)):
        article_rows.append(
            {
                "id": _text(row.get("id")),
                "title": _text(row.get("title")) or _text(row.get("id")),
                "date": _text(row.get("date")),
                "source": _text(row.get("source")),
                "url": _safe_url(row.get("url")),
                "n_sentences": int(_float(row.get("n_sentences"))),
            }
        )

    # evidence, ordered by date, article, sentence; speakers before narration in the PDF
    ordered = stances.assign(_narr=stances["speaker"].fillna("").astype(str) == "")
    ordered = ordered.assign(_date=ordered["date"].map(_text))
    keys = ["_date", "article", "sentence", "_narr", "speaker", "topic"]
    if medium == "print":
        keys = ["_narr", *keys[:3], "speaker", "topic"]
    ordered = ordered.sort_values(keys, kind="stable")
    total = len(ordered)
    evidence = []
    for row in _records(ordered.head(evidence_limit)):
        item = _stance_row(row)
        item["url"] = urls.get(item["article"])
        item["anchor"] = anchors.get(item["speaker"])
        evidence.append(item)

    # speaker sections
    speaking = stances.loc[stances["speaker"].fillna("").astype(str) != ""]
    counts = (
        speaking.drop_duplicates(subset=["article", "sentence", "speaker"])
        .groupby("speaker")
        .size()
    )
    order = sorted(counts.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))
    sections = []
    summary_rows = {(_text(r["speaker"]), _text(r["topic"])): r for r in _records(summary)}
    for name, n in order[:top_speakers]:
        name = str(name)
        role, affiliation = profiles.get(name, ("", ""))
        mine = speaking.loc[speaking["speaker"] == name]
        blocks = []
        for topic in sorted({str(t) for t in mine["topic"]}):
            rows = mine.loc[mine["topic"] == topic]
            srow = summary_rows.get((name, topic), {})
            mean = _float(srow.get("mean_score"), _float(rows["score"].mean()))
            label = _text(srow.get("label")) or label_for(mean)
            strongest = rows.assign(_strength=-rows["score"].abs()).sort_values(
                "_strength", kind="stable"
            )
            items = [_stance_row(r) for r in _records(strongest.head(SENTENCES_PER_TOPIC))]
            for item in items:
                item["url"] = urls.get(item["article"])
            blocks.append(
                {
                    "topic": topic,
                    "target": targets.get(topic, ""),
                    "anchor": topic_anchors.get((name, topic), ""),
                    "label": label,
                    "mean_text": _signed(mean),
                    "n": len(rows),
                    "n_favor": int((rows["stance"] == "FAVOR").sum()),
                    "n_against": int((rows["stance"] == "AGAINST").sum()),
                    "n_none": int((rows["stance"] == "NONE").sum()),
                    "sentences": items,
                    "more": max(len(rows) - len(items), 0),
                }
            )
        sections.append(
            {
                "name": name,
                "anchor": anchors[name],
                "role": role,
                "affiliation": affiliation,
                "n": int(n),
                "n_articles": int(mine["article"].nunique()),
                "topics": blocks,
            }
        )

    # methods
    topic_rows = [
        {
            "name": t.name,
            "target": t.target,
            "description": t.description,
            "terms": ", ".join([*t.terms, *t.phrases][:30]),
            "n_terms": len(t.terms) + len(t.phrases),
            "n_cues": len(t.favor_cues) + len(t.against_cues),
        }
        for t in topics
    ]
    evaluation = _evaluation(result.evaluation) if result.evaluation else None

    n_speaking = len(speaking.drop_duplicates(subset=["article", "sentence"]))
    return {
        "title": result.title or "Stance report",
        "generated": generated.strftime("%Y-%m-%d %H:%M") if generated else "",
        "medium": medium,
        "stats": {
            "articles": len(articles),
            "sentences": len(sentences),
            "speakers": len(speakers_all),
            "topics": len(topics) or int(stances["topic"].nunique()),
            "speaker_sentences": n_speaking,
            "stance_rows": total,
            "date_from": first,
            "date_to": last,
        },
        "articles": article_rows,
        "articles_more": max(len(articles) - len(article_rows), 0),
        "findings": _findings(summary, stances, targets, anchors),
        "charts": [
            {
                "name": c.name,
                "title": c.title,
                "caption": c.caption,
                "svg": _inline_svg(c.svg, f"c{k}", c.title),
            }
            for k, c in enumerate(charts)
        ],
        "chart_notes": list(chart_notes),
        "speakers": sections,
        "speakers_more": max(len(order) - len(sections), 0),
        "evidence": evidence,
        "evidence_total": total,
        "evidence_limited": total > len(evidence),
        "skipped": [
            {"source": s.source, "line": s.line, "reason": s.reason} for s in result.skipped
        ],
        "model_version": result.model_version or "unknown",
        "topics": topic_rows,
        "evaluation": evaluation,
    }


def _anchors(
    result: ResultLike, top_speakers: int
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    stances = result.stances
    speaking = stances.loc[stances["speaker"].fillna("").astype(str) != ""]
    counts = (
        speaking.drop_duplicates(subset=["article", "sentence", "speaker"])
        .groupby("speaker")
        .size()
    )
    order = sorted(counts.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))[:top_speakers]
    anchors = {str(name): f"speaker-{k + 1}" for k, (name, _) in enumerate(order)}
    topic_names = sorted({str(t) for t in speaking["topic"]})
    topic_anchors = {
        (name, topic): f"{anchor}-t{j + 1}"
        for name, anchor in anchors.items()
        for j, topic in enumerate(topic_names)
    }
    return anchors, topic_anchors


# -- rendering ---------------------------------------------------------------------------


def _template_file(name: str) -> str:
    return files("stance").joinpath("data", "templates", name).read_text(encoding="utf-8")


def _environment() -> Environment:
    env = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["thousands"] = lambda n: f"{int(n):,}"
    return env


def _render(
    result: ResultLike,
    *,
    generated: datetime | None,
    top_speakers: int,
    charts: Sequence[Chart],
    chart_notes: Sequence[str],
    medium: str,
) -> str:
    anchors, topic_anchors = _anchors(result, top_speakers)
    limit = PDF_EVIDENCE_LIMIT if medium == "print" else HTML_EVIDENCE_LIMIT
    context = _context(
        result,
        generated=generated,
        top_speakers=top_speakers,
        evidence_limit=limit,
        charts=charts,
        chart_notes=chart_notes,
        anchors=anchors,
        topic_anchors=topic_anchors,
        medium=medium,
    )
    context["css"] = Markup(_template_file("report.css"))
    context["evidence_limit"] = limit
    context["per_topic"] = SENTENCES_PER_TOPIC
    context["dead_zone"] = f"{DEAD_ZONE:g}"
    template = _environment().from_string(_template_file("report.html.j2"))
    return template.render(**context)


def _check(result: Any) -> None:
    missing = [
        name
        for name in (
            "sentences",
            "stances",
            "summary",
            "entities",
            "articles",
            "skipped",
            "topics",
            "model_version",
            "evaluation",
            "title",
        )
        if not hasattr(result, name)
    ]
    if missing:
        raise TypeError(
            "expected a stance Result (or an object with its attributes); "
            f"{type(result).__name__} lacks {missing}"
        )


def _charts_for(
    result: ResultLike, top_speakers: int, *, png: bool = False
) -> tuple[list[Chart], list[str]]:
    _, topic_anchors = _anchors(result, top_speakers)

    def cell_url(speaker: str, topic: str) -> str | None:
        anchor = topic_anchors.get((speaker, topic))
        return f"#{anchor}" if anchor else None

    return _make_charts(result, top_speakers, cell_url, png)


def render_html(
    result: ResultLike,
    *,
    generated: datetime | None = None,
    top_speakers: int = 20,
    medium: str = "screen",
) -> str:
    """The report as one self-contained HTML string.

    ``medium="print"`` renders the variant the PDF is made from (the evidence table
    limited to its first rows, with a note). ``generated`` is the date printed in the
    report (default: none, so that output is reproducible).
    """
    _check(result)
    if medium not in {"screen", "print"}:
        raise ValueError(f"medium must be 'screen' or 'print', got {medium!r}")
    charts, notes = _charts_for(result, top_speakers)
    return _render(
        result,
        generated=generated,
        top_speakers=top_speakers,
        charts=charts,
        chart_notes=notes,
        medium=medium,
    )


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything but ``data:`` URLs."""
    from weasyprint import urls

    def refuse(url: str) -> None:
        if not url.startswith("data:"):
            raise ValueError(f"the report loads no external resource; refused {url[:80]!r}")

    if hasattr(urls, "URLFetcher"):

        class DataOnlyFetcher(urls.URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                refuse(url)
                return super().fetch(url, headers)

        return DataOnlyFetcher(allowed_protocols={"data"})

    def fetch(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
        refuse(url)
        return urls.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)

    return fetch


def html_to_pdf(html: str) -> bytes:
    """Render report HTML to PDF bytes with WeasyPrint (only ``data:`` URLs are fetched)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = HTML(string=html, url_fetcher=_fetcher()).write_pdf()
    if not isinstance(pdf, bytes):
        raise RuntimeError(f"WeasyPrint returned {type(pdf).__name__}, expected PDF bytes")
    return pdf


def write_report(
    result: ResultLike,
    out_dir: str | Path,
    formats: Sequence[str] = FORMATS,
    *,
    generated: datetime | None = None,
    top_speakers: int = 20,
) -> dict[str, Path]:
    """Write ``report.html``, ``report.pdf`` and ``charts/*.svg|png`` into ``out_dir``.

    Everything is rendered in memory first, then each file is written atomically (a temp
    file in the same folder, then a rename), so a failed run leaves an earlier report as
    it was. Returns the paths written, keyed ``html``, ``pdf`` and ``chart:<name>``.
    """
    _check(result)
    wanted = tuple(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(f"formats must be some of {list(FORMATS)}; got {list(formats)}")
    if top_speakers < 1:
        raise ValueError(f"top_speakers must be a positive integer, got {top_speakers}")
    charts, notes = _charts_for(result, top_speakers, png=True)
    outputs: dict[str, bytes] = {}
    html = _render(
        result,
        generated=generated,
        top_speakers=top_speakers,
        charts=charts,
        chart_notes=notes,
        medium="screen",
    )
    if "pdf" in wanted:
        printable = _render(
            result,
            generated=generated,
            top_speakers=top_speakers,
            charts=charts,
            chart_notes=notes,
            medium="print",
        )
        outputs["pdf"] = html_to_pdf(printable)
    if "html" in wanted:
        outputs["html"] = html.encode("utf-8")

    out = Path(out_dir)
    written: dict[str, Path] = {}
    for chart in charts:
        written[f"chart:{chart.name}"] = atomic_write_bytes(
            out / "charts" / f"{chart.name}.svg", chart.svg.encode("utf-8")
        )
        if chart.png is not None:
            atomic_write_bytes(out / "charts" / f"{chart.name}.png", chart.png)
    for fmt in ("pdf", "html"):
        if fmt in outputs:
            written[fmt] = atomic_write_bytes(out / f"report.{fmt}", outputs[fmt])
    return written


def result_to_html(result: ResultLike) -> str:
    """A compact HTML summary of a result, for Jupyter (``Result._repr_html_``)."""
    sentences, summary = result.sentences, result.summary
    first, last = _date_range(result)
    n_speakers = len(_speakers_of(sentences))
    head = Markup("<p><strong>{}</strong>: {}, {}, {}; {}{}</p>").format(
        result.title or "Stance result",
        _plural(len(result.articles), "article"),
        _plural(len(sentences), "sentence"),
        _plural(n_speakers, "speaker"),
        _plural(len(result.skipped), "skipped input"),
        f"; {first} to {last}" if first else "",
    )
    rows = []
    shown = summary.loc[summary["speaker"].fillna("").astype(str) != ""]
    shown = shown.sort_values(["n", "speaker", "topic"], ascending=[False, True, True])
    for row in _records(shown.head(15)):
        rows.append(
            Markup(
                '<tr><td>{}</td><td>{}</td><td style="text-align:right">{}</td>'
                '<td style="text-align:right">{}</td><td>{}</td></tr>'
            ).format(
                _text(row.get("speaker")),
                _text(row.get("topic")),
                int(_float(row.get("n"))),
                _signed(_float(row.get("mean_score"))),
                _text(row.get("label")),
            )
        )
    table = Markup(
        "<table><thead><tr><th>speaker</th><th>topic</th><th>n</th><th>mean score</th>"
        "<th>label</th></tr></thead><tbody>{}</tbody></table>"
    ).format(Markup("").join(rows))
    more = len(shown) - min(len(shown), 15)
    tail = (
        Markup("<p>\u2026 and {} more speaker-topic rows in <code>.summary</code></p>").format(more)
        if more
        else Markup("")
    )
    return str(Markup('<div class="stance-result">{}{}{}</div>').format(head, table, tail))
