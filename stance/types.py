"""Immutable records handed from one pipeline stage to the next.

Records flow one way::

    Article -> Sentence -> Attribution (+ Entity) -> TopicMatch -> TopicStance
            -> ScoredSentence -> ArticleResult -> Result (pandas, in ``pipeline``)

Stages never mutate a record; they build new ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Label = Literal["FAVOR", "AGAINST", "NONE"]
LABELS: tuple[Label, ...] = ("AGAINST", "FAVOR", "NONE")

AttributionKind = Literal["direct", "indirect", "continuation", "headline", "none"]
EntityKind = Literal["person", "group", "organisation"]


class StanceError(Exception):
    """Base class of every error the library raises for a user's input."""


class InputError(StanceError):
    """An input (article file, corpus line, topic file) could not be used.

    ``str(error)`` is one line naming the file (and line) and what is wrong.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Skipped:
    """An input that was not processed, and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Article:
    """One news text, exactly as read (offsets index into ``text``)."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str | None = None  # outlet
    url: str | None = None
    origin: str = ""  # where it was read from: "path", "path:line" or "<stdin>"
    headline: tuple[int, int] | None = None  # [start, end) of a headline inside ``text``


@dataclass(frozen=True)
class Sentence:
    """A span ``text == article.text[start:end]`` of an article."""

    article: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    headline: bool = False


@dataclass(frozen=True)
class Entity:
    """A speaker as the article presents them."""

    name: str  # canonical: the fullest form of the name in the article
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    kind: EntityKind = "person"


@dataclass(frozen=True)
class Attribution:
    """Who a sentence belongs to; ``speakers == ()`` is narration."""

    speakers: tuple[str, ...] = ()
    kind: AttributionKind = "none"
    cue: str | None = None  # the reporting verb or marker ("said", "according to", ":")
    confidence: float = 1.0


@dataclass(frozen=True)
class ArticleSpeakers:
    """Output of ``speakers.attribute``: one attribution per sentence, and the entities."""

    attributions: tuple[Attribution, ...]
    entities: tuple[Entity, ...]


@dataclass(frozen=True)
class Topic:
    """A topic definition as read from a topic TOML file."""

    name: str
    target: str
    description: str = ""
    terms: tuple[str, ...] = ()  # single words, inflections listed or patterned
    phrases: tuple[str, ...] = ()  # multi-word expressions
    exclusions: tuple[str, ...] = ()  # expressions that look like the topic but are not
    favor_cues: tuple[str, ...] = ()  # words/phrases that support the target
    against_cues: tuple[str, ...] = ()  # words/phrases that oppose the target
    references: tuple[str, ...] = ()  # anaphoric phrases that carry the topic over


@dataclass(frozen=True)
class TopicMatch:
    """A topic found in one sentence."""

    topic: str
    terms: tuple[str, ...] = ()  # the matched surface strings
    carried: bool = False  # present by reference to an earlier sentence


@dataclass(frozen=True)
class TopicStance:
    """The speaker's stance towards one topic's target in one sentence."""

    topic: str
    stance: Label
    score: float  # P(FAVOR) - P(AGAINST), in [-1, 1]
    confidence: float  # the largest class probability
    cues: tuple[str, ...] = ()  # words that drove the stance (for highlighting)
    terms: tuple[str, ...] = ()  # words that made the topic present
    carried: bool = False


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    attribution: Attribution
    stances: tuple[TopicStance, ...] = ()
    sentiment: float = 0.0


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    sentences: tuple[ScoredSentence, ...]
    entities: tuple[Entity, ...] = field(default_factory=tuple)
