"""The one place where the stages meet.

``analyze()`` runs load -> segment -> attribute -> topics -> stance and sentiment ->
aggregate, and returns a :class:`Result` whose tables are pandas DataFrames (columns in
``docs/architecture.md``). ``iter_results()`` is the streaming form used for big corpora:
articles are scored in batches (one TF-IDF transform and one ``predict_proba`` per batch).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import lexicon, speakers
from . import model as model_mod
from . import topics as topics_mod
from ._entities import word_classes
from ._io import atomic_open
from .aggregate import SummaryAccumulator
from .articles import Input, load_articles
from .sentences import split_sentences
from .types import (
    Article,
    ArticleResult,
    ArticleSpeakers,
    Entity,
    ScoredSentence,
    Sentence,
    Skipped,
    Topic,
    TopicMatch,
    TopicStance,
)

if TYPE_CHECKING:
    from .model import StanceClassifier

__all__ = ["Analyzer", "Result", "analyze", "iter_results", "record_for"]

SENTENCE_COLUMNS = [
    "article", "title", "date", "sentence", "start", "end", "paragraph", "headline", "text",
    "speakers", "attribution_kind", "cue", "attribution_confidence", "sentiment", "topics",
]  # fmt: skip
STANCE_COLUMNS = [
    "article", "title", "date", "sentence", "start", "end", "text", "speaker", "role",
    "affiliation", "topic", "stance", "score", "confidence", "cues", "terms", "sentiment",
    "attribution_kind",
]  # fmt: skip
ENTITY_COLUMNS = ["article", "name", "aliases", "role", "affiliation", "kind"]
ARTICLE_COLUMNS = ["id", "title", "date", "source", "url", "origin", "n_sentences"]

TopicsArg = str | Path | Sequence[Topic] | None


_LABEL = re.compile(r"^\s*([\w\-]+)\s*:")
# a quotation opening (not an apostrophe): at the start or after a space, bracket or dash
_QUOTE_OPEN = re.compile(r"(?:^|[\s(\[—–-])['‘\"“]")


def _opinion_piece(article: Article, sentences: Sequence[Sentence]) -> bool:
    """Is the article labelled an opinion piece ("Opinion: …" in its title or headline)?"""
    heads = [article.title or ""] + [s.text for s in sentences[:1] if s.headline]
    for head in heads:
        label = _LABEL.match(head)
        if label is not None and label.group(1).lower() in word_classes()["opinion_labels"]:
            return True
    return False


def _resolve_topics(topics: TopicsArg) -> list[Topic]:
    if topics is None or isinstance(topics, str | Path):
        return topics_mod.load_topics(topics)
    return list(topics)


@dataclass
class Analyzer:
    """Everything needed to score articles: topics, the stance model and name aliases.

    Build it once and reuse it (it is what each worker process receives). ``pool`` is the
    speaker-pooling weight handed to :func:`stance.model.score_stances` (``None``: its
    default; ``benchmarks/choose_pool.py`` compares weights on the development set).
    """

    topics: list[Topic]
    model: StanceClassifier
    aliases: Mapping[str, str] | None = None
    pool: float | None = None
    # pairs of topics with opposed targets (``opposed_targets`` of the topic file); None: the
    # default file's
    opposed: tuple[tuple[str, str], ...] | None = None

    @classmethod
    def create(
        cls,
        topics: TopicsArg = None,
        model: StanceClassifier | str | Path | None = None,
        aliases: Mapping[str, str] | str | Path | None = None,
        *,
        pool: float | None = None,
    ) -> Analyzer:
        resolved = _resolve_topics(topics)
        opposed = (
            topics_mod.load_opposed_targets(topics)
            if topics is None or isinstance(topics, str | Path)
            else None
        )
        if model is None or isinstance(model, str | Path):
            model = model_mod.load_model(model)
        if isinstance(aliases, str | Path):
            aliases = speakers.load_aliases(aliases)
        return cls(topics=resolved, model=model, aliases=aliases, pool=pool, opposed=opposed)

    def score_batch(self, articles: Sequence[Article]) -> list[ArticleResult]:
        """Score a batch of articles with one model call for all their topic mentions."""
        prepared = []
        flat_texts: list[str] = []
        flat_matches: list[TopicMatch] = []
        flat_groups: list[tuple[int, tuple[str, ...]] | None] = []
        flat_sentences: list[int] = []  # for each topic mention, its sentence in all_texts
        flat_reports: list[bool] = []  # for each topic mention: does its text only report?
        all_texts: list[str] = []
        for number, article in enumerate(articles):
            sentences = split_sentences(article)
            found = speakers.attribute(article, sentences, aliases=self.aliases)
            matches = topics_mod.detect_topics(sentences, self.topics)
            attributions = found.attributions
            if not len(sentences) == len(attributions) == len(matches):
                raise ValueError(
                    f"article {article.id!r}: {len(sentences)} sentences, but "
                    f"{len(attributions)} attributions and {len(matches)} topic lists"
                )
            texts = [s.text for s in sentences]
            first = len(all_texts)
            opinion = _opinion_piece(article, sentences)
            for k, sentence_matches in enumerate(matches):
                if not sentence_matches:
                    continue
                speakers_of = attributions[k].speakers
                # one group a speaker (or set of speakers) in one article; narration none
                group = (number, speakers_of) if speakers_of else None
                # a news headline no one speaks in (nor quotes) reports events; an opinion
                # piece's argues
                report = (
                    sentences[k].headline
                    and not speakers_of
                    and not opinion
                    and _QUOTE_OPEN.search(texts[k]) is None
                )
                text = texts[k]
                for match in sentence_matches:
                    flat_texts.append(text)
                    flat_matches.append(match)
                    flat_groups.append(group)
                    flat_sentences.append(first + k)
                    flat_reports.append(report)
            all_texts.extend(texts)
            prepared.append((article, sentences, found, matches))
        all_tones = lexicon.sentiment_many(all_texts)
        pooling: dict[str, Any] = {} if self.pool is None else {"pool": self.pool}
        stances = model_mod.score_stances(
            self.model,
            flat_texts,
            flat_matches,
            topics=self.topics,
            sentiments=[all_tones[k] for k in flat_sentences],
            groups=flat_groups,
            opposed=self.opposed,
            reports=flat_reports,
            **pooling,
        )
        out = []
        taken = 0  # stances handed out so far
        k = 0  # the sentence's place in all_texts
        for article, sentences, found, matches in prepared:
            scored = []
            for sentence, attribution, sentence_matches in zip(
                sentences, found.attributions, matches, strict=True
            ):
                these: tuple[TopicStance, ...] = ()
                if sentence_matches:
                    these = tuple(stances[taken : taken + len(sentence_matches)])
                    taken += len(sentence_matches)
                scored.append(ScoredSentence(sentence, attribution, these, all_tones[k]))
                k += 1
            out.append(ArticleResult(article, tuple(scored), found.entities))
        if taken != len(stances):
            raise ValueError(
                f"score_stances returned {len(stances)} stances for {taken} topic matches"
            )
        return out


def unify_names(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """One person, one canonical name across the articles of a run.

    "Strand" in one article becomes "Olav Strand" when another article of the run names him
    in full (``speakers.canonicalize_across``). The streaming ``score`` path, which never
    holds the whole run, keeps each article's own canonical names.
    """
    found = [
        ArticleSpeakers(tuple(s.attribution for s in r.sentences), r.entities) for r in results
    ]
    unified = speakers.canonicalize_across(found)
    out = []
    for result, before, after in zip(results, found, unified, strict=True):
        if after is before:
            out.append(result)
            continue
        sentences = tuple(
            replace(scored, attribution=attribution)
            for scored, attribution in zip(result.sentences, after.attributions, strict=True)
        )
        out.append(ArticleResult(result.article, sentences, after.entities))
    return out


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def iter_results(
    inputs: Iterable[Input] | Input | None = None,
    *,
    analyzer: Analyzer | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    batch_size: int = 32,
    jobs: int = 1,
    dask: str | None = None,
    articles: Iterable[Article] | None = None,
) -> Iterator[ArticleResult]:
    """Stream scored articles, in input order, reading the inputs lazily.

    ``jobs`` worker processes (or a Dask cluster, ``dask="local"`` or an address) score
    batches of ``batch_size`` articles; the output is the same for any ``jobs``. Pass
    ``articles`` to score an already-loaded stream instead of ``inputs``.
    """
    from .parallel import score_batches

    analyzer = analyzer or Analyzer.create()
    stream = articles if articles is not None else load_articles(inputs, on_skip=on_skip)
    yield from score_batches(analyzer, _batched(stream, batch_size), jobs=jobs, dask=dask)


def _entity_index(entities: Iterable[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def record_for(scored: ScoredSentence, entities: Mapping[str, Entity]) -> dict[str, Any]:
    """One prediction record (ANNOTATION.md's format, plus cues, attribution and entities)."""
    s, a = scored.sentence, scored.attribution
    found = [(name, entities.get(name)) for name in a.speakers]
    return {
        "article": s.article,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "speakers": list(a.speakers),
        "topics": {
            t.topic: {
                "stance": t.stance,
                "score": round(float(t.score), 4),
                "confidence": round(float(t.confidence), 4),
                "cues": list(t.cues),
                "terms": list(t.terms),
            }
            for t in scored.stances
        },
        "sentiment": round(float(scored.sentiment), 4),
        "attribution": {
            "kind": a.kind,
            "cue": a.cue,
            "confidence": round(float(a.confidence), 4),
        },
        "entities": [
            {
                "name": name,
                "role": entity.role if entity is not None else None,
                "affiliation": entity.affiliation if entity is not None else None,
            }
            for name, entity in found
        ],
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_STRING: Callable[[str], str] = json.encoder.encode_basestring  # a JSON string, as _ENCODE
_INFINITY = float("inf")


def json_line(record: Mapping[str, Any]) -> str:
    """One JSONL line: ``json.dumps(record, ensure_ascii=False)`` and a newline."""
    return _ENCODE(record) + "\n"


def _json(value: Any) -> str:
    """``_ENCODE(value)``, directly for the strings, None and numbers of a record."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if value is None:
        return "null"
    if kind is float:
        if value != value:
            return "NaN"
        if value == _INFINITY:
            return "Infinity"
        if value == -_INFINITY:
            return "-Infinity"
        return float.__repr__(value)
    if kind is int:
        return int.__repr__(value)
    return _ENCODE(value)


def _rounded(value: Any) -> str:
    """``_json(round(float(value), 4))``, the text of a record's rounded number.

    Between -1e11 and 1e11 that is the number written with four decimals (the same correctly
    rounded digits ``round`` finds) less its trailing zeros: a decimal of at most 15
    significant digits is the shortest text of the float nearest to it, which ``repr``
    writes. One conversion instead of ``round``'s two and ``repr``'s one.
    """
    number = float(value)
    if -1e11 < number < 1e11:
        text = f"{number:.4f}"
        text = text.rstrip("0")
        return text + "0" if text[-1] == "." else text
    return _json(round(number, 4))  # NaN, infinities and huge numbers


def _json_strings(values: Iterable[Any]) -> str:
    return "[" + ", ".join(map(_json, values)) + "]"


def _strings(values: Sequence[Any]) -> str:
    """:func:`_json_strings` of a tuple or list, at C speed when its items are strings."""
    if not values:
        return "[]"
    try:
        return "[" + ", ".join(map(_STRING, values)) + "]"
    except TypeError:  # an item that is no string
        return _json_strings(values)


_STANCE = '{"stance": %s, "score": %s, "confidence": %s, "cues": %s, "terms": %s}'
_LINE = (
    '{"article": %s, "start": %s, "end": %s, "text": %s, "speakers": %s, "topics": {%s}, '
    '"sentiment": %s, "attribution": {"kind": %s, "cue": %s, "confidence": %s}, '
    '"entities": [%s]}\n'
)


def record_line(scored: ScoredSentence, entities: Mapping[str, Entity]) -> str:
    """``json_line(record_for(scored, entities))``, written without building the record.

    The strings, integers and finite rounded numbers of the record are written inline; any
    other value goes through :func:`_json`.
    """
    s, a = scored.sentence, scored.attribution
    topics = ""
    if scored.stances:
        found: dict[Any, str] = {}  # as the record's dict: the first place, the last value
        for t in scored.stances:
            stance = t.stance
            found[t.topic] = _STANCE % (
                _STRING(stance) if type(stance) is str else _json(stance),
                _rounded(t.score),
                _rounded(t.confidence),
                _strings(t.cues),
                _strings(t.terms),
            )
        topics = ", ".join([_json_key(k) + ": " + v for k, v in found.items()])
    speakers = "[]"
    named = ""
    if a.speakers:
        speakers = _strings(a.speakers)
        people = []
        for name in a.speakers:
            entity = entities.get(name)
            role = entity.role if entity is not None else None
            affiliation = entity.affiliation if entity is not None else None
            people.append(
                f'{{"name": {_json(name)}, "role": {_json(role)}, '
                f'"affiliation": {_json(affiliation)}}}'
            )
        named = ", ".join(people)
    article, start, end, text = s.article, s.start, s.end, s.text
    kind, cue = a.kind, a.cue
    return _LINE % (
        _STRING(article) if type(article) is str else _json(article),
        int.__repr__(start) if type(start) is int else _json(start),
        int.__repr__(end) if type(end) is int else _json(end),
        _STRING(text) if type(text) is str else _json(text),
        speakers,
        topics,
        _rounded(scored.sentiment),
        _STRING(kind) if type(kind) is str else _json(kind),
        _STRING(cue) if type(cue) is str else "null" if cue is None else _json(cue),
        _rounded(a.confidence),
        named,
    )


def _json_key(key: Any) -> str:
    """A dict key as ``_ENCODE`` writes it (a key that is no string goes through it)."""
    if type(key) is str:
        return _STRING(key)
    return _ENCODE({key: 0})[1:-4]


def record_lines(result: ArticleResult) -> str:
    """The JSONL lines of one scored article: ``json_line`` of each of its records."""
    index = _entity_index(result.entities)
    return "".join([record_line(scored, index) for scored in result.sentences])


def records(results: Iterable[ArticleResult]) -> Iterator[dict[str, Any]]:
    for result in results:
        index = _entity_index(result.entities)
        for scored in result.sentences:
            yield record_for(scored, index)


@dataclass
class Result:
    """What ``analyze()`` returns: scored articles and their tables."""

    results: list[ArticleResult]
    skipped: list[Skipped] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    model_version: str = ""
    title: str = "Stance report"
    evaluation: dict[str, Any] | None = None

    # -- tables -------------------------------------------------------------------------
    @cached_property
    def sentences(self) -> pd.DataFrame:
        rows = []
        for r in self.results:
            for sc in r.sentences:
                s, a = sc.sentence, sc.attribution
                rows.append(
                    {
                        "article": s.article,
                        "title": r.article.title,
                        "date": r.article.date,
                        "sentence": s.index,
                        "start": s.start,
                        "end": s.end,
                        "paragraph": s.paragraph,
                        "headline": s.headline,
                        "text": s.text,
                        "speakers": a.speakers,
                        "attribution_kind": a.kind,
                        "cue": a.cue,
                        "attribution_confidence": a.confidence,
                        "sentiment": sc.sentiment,
                        "topics": tuple(t.topic for t in sc.stances),
                    }
                )
        return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)

    @cached_property
    def stances(self) -> pd.DataFrame:
        rows = []
        for r in self.results:
            index = _entity_index(r.entities)
            for sc in r.sentences:
                s, a = sc.sentence, sc.attribution
                for t in sc.stances:
                    for speaker in a.speakers or ("",):
                        entity = index.get(speaker)
                        rows.append(
                            {
                                "article": s.article,
                                "title": r.article.title,
                                "date": r.article.date,
                                "sentence": s.index,
                                "start": s.start,
                                "end": s.end,
                                "text": s.text,
                                "speaker": speaker,
                                "role": entity.role if entity else None,
                                "affiliation": entity.affiliation if entity else None,
                                "topic": t.topic,
                                "stance": t.stance,
                                "score": t.score,
                                "confidence": t.confidence,
                                "cues": t.cues,
                                "terms": t.terms,
                                "sentiment": sc.sentiment,
                                "attribution_kind": a.kind,
                            }
                        )
        return pd.DataFrame(rows, columns=STANCE_COLUMNS)

    @cached_property
    def summary(self) -> pd.DataFrame:
        acc = SummaryAccumulator()
        acc.add_rows(self.stances.to_dict("records"))
        return acc.frame()

    @cached_property
    def entities(self) -> pd.DataFrame:
        rows = [
            {
                "article": r.article.id,
                "name": e.name,
                "aliases": e.aliases,
                "role": e.role,
                "affiliation": e.affiliation,
                "kind": e.kind,
            }
            for r in self.results
            for e in r.entities
        ]
        return pd.DataFrame(rows, columns=ENTITY_COLUMNS)

    @cached_property
    def articles(self) -> pd.DataFrame:
        rows = [
            {
                "id": r.article.id,
                "title": r.article.title,
                "date": r.article.date,
                "source": r.article.source,
                "url": r.article.url,
                "origin": r.article.origin,
                "n_sentences": len(r.sentences),
            }
            for r in self.results
        ]
        return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)

    # -- output -------------------------------------------------------------------------
    def records(self) -> Iterator[dict[str, Any]]:
        """Prediction records, one per sentence, in text order."""
        return records(self.results)

    def to_jsonl(self, path: str | Path) -> Path:
        """Write the prediction JSONL atomically."""
        with atomic_open(path) as handle:
            for result in self.results:
                handle.write(record_lines(result))
        return Path(path)

    def to_csv(self, path: str | Path) -> Path:
        """Write one row per sentence (speakers and topics flattened) atomically."""
        with atomic_open(path, newline="") as handle:
            write_csv(self.records(), handle)
        return Path(path)

    def report(
        self,
        out_dir: str | Path = "reports/stance",
        formats: Sequence[str] = ("html", "pdf"),
        **kwargs: Any,
    ) -> dict[str, Path]:
        """Write the report (HTML and/or PDF, charts, ``sentences.jsonl``) into ``out_dir``."""
        from .report import write_report

        out = Path(out_dir)
        written = write_report(self, out, formats=tuple(formats), **kwargs)
        written["jsonl"] = self.to_jsonl(out / "sentences.jsonl")
        return written

    def _repr_html_(self) -> str:
        from .report import result_to_html

        return result_to_html(self)

    def __repr__(self) -> str:
        n_sent = sum(len(r.sentences) for r in self.results)
        return (
            f"<stance.Result: {len(self.results)} articles, {n_sent} sentences, "
            f"{len(self.summary)} speaker-topic cells, {len(self.skipped)} skipped>"
        )


CSV_COLUMNS = [
    "article", "start", "end", "text", "speakers", "topics", "stances", "scores",
    "confidences", "sentiment", "attribution_kind", "cue", "roles", "affiliations",
]  # fmt: skip


def csv_row(rec: Mapping[str, Any]) -> list[Any]:
    """One prediction record flattened to the values of :data:`CSV_COLUMNS`, in order."""
    topics = rec["topics"]
    return [
        rec["article"],
        rec["start"],
        rec["end"],
        rec["text"],
        "|".join(rec["speakers"]),
        "|".join(topics),
        "|".join(v["stance"] for v in topics.values()),
        "|".join(str(v["score"]) for v in topics.values()),
        "|".join(str(v["confidence"]) for v in topics.values()),
        rec["sentiment"],
        rec["attribution"]["kind"],
        rec["attribution"]["cue"] or "",
        "|".join(e["role"] or "" for e in rec["entities"]),
        "|".join(e["affiliation"] or "" for e in rec["entities"]),
    ]


def write_csv(rows: Iterable[Mapping[str, Any]], handle: Any, *, header: bool = True) -> None:
    """Flatten prediction records to CSV (lists joined with ``|``)."""
    import csv

    writer = csv.writer(handle)
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(rec) for rec in rows)


def analyze(
    inputs: Iterable[Input] | Input | None = None,
    *,
    topics: TopicsArg = None,
    model: StanceClassifier | str | Path | None = None,
    aliases: Mapping[str, str] | str | Path | None = None,
    title: str = "Stance report",
    on_skip: Callable[[Skipped], None] | None = None,
    jobs: int = 1,
    dask: str | None = None,
) -> Result:
    """Analyse articles: who said what, about which topic, with what stance.

    ``inputs``: paths (``.txt``, folders, ``.jsonl``/``.csv`` corpora), ``"-"`` for stdin,
    raw article texts, or :class:`~stance.types.Article` objects; ``None`` for the bundled
    sample corpus. ``topics``: a topic TOML path or a list of topics (default: the four
    default topics). Unusable inputs are skipped and listed in ``result.skipped``.
    ``jobs``/``dask``: score on several processes or a Dask cluster (same output).

    >>> result = analyze(["Trade talks\\n\\nThe minister said tariffs hurt trade."])
    >>> list(result.sentences.columns[:4])
    ['article', 'title', 'date', 'sentence']
    """
    analyzer = Analyzer.create(topics, model, aliases)
    skipped: list[Skipped] = []

    def skip(item: Skipped) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    results = unify_names(
        list(iter_results(inputs, analyzer=analyzer, on_skip=skip, jobs=jobs, dask=dask))
    )
    return Result(
        results=results,
        skipped=skipped,
        topics=analyzer.topics,
        model_version=getattr(model_mod, "MODEL_VERSION", ""),
        title=title,
    )
