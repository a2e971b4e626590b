"""The stance model: a target-aware, calibrated linear classifier over text and lexicon features.

:class:`StanceClassifier` is a scikit-learn estimator. It reads ``(text, topic)`` pairs and
predicts the stance of the text towards the topic's *target* (``FAVOR``, ``AGAINST`` or
``NONE``). Its features are

- TF-IDF word n-grams and character n-grams of the text;
- lexicon features from the topic definition: the topic's favour and against cues found in
  the text, each flipped when it stands in a negation's scope ("will not lift") or after a
  framing verb ("rejected calls for new sanctions", "denied that ..."), and dropped inside a
  hypothetical ("what a car would cost if tariffs were imposed"), their counts and net
  polarity, whether a flip happened, and the sentence's sentiment (``stance.lexicon``, when
  that module is there);
- the judgement the text passes on the target: harm or benefit predicates and bad or good
  evaluative words whose subject is the topic ("the bill risks a needless rift", "pressure
  alone is not a strategy", "lifting the sanctions now would be a mistake"), each signed by
  the subject's own polarity and flipped by negation, summed into one feature;
- two sentence-level context features: the sentence talks about words rather than using
  them ("the term ...", "calling them ..."), and it dates what it tells (a year, "years
  ago"), as background narration does;

all of them once shared across topics and once crossed with the topic (a copy of the block
that only that topic's rows fill), so that one model learns what words mean for each target
and still generalises to a topic it never saw through the shared block and the cue features.
A linear SVM is calibrated with Platt scaling (``CalibratedClassifierCV``, cross-validated),
and ``none_bias`` (log-odds added to ``NONE``) leans the model towards ``NONE`` when the
training data is poorer in ``NONE`` than news is.

:func:`score_stances` scores a batch and uses its context: a carried sentence without a cue
continues the stance of the sentence it was carried from; a sentence that holds two topics
with opposed targets (``opposed_targets`` of the topic file: a trade ban is sanctions FAVOR
and trade AGAINST) weighs its two stances as one position; and, given a group key per match
(the pipeline passes speaker and article), a speaker's sentence without a cue continues the
stance the speaker takes on the topic in the group's other sentences.

Models are saved as JSON (parameters, vocabularies, topics) plus NPZ (weights): no pickle.

>>> clf = load_model()
>>> str(clf.predict([("The minister called for the lifting of sanctions.", "sanctions")])[0])
'AGAINST'
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import tomllib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.utils.validation import check_is_fitted

from .articles import read_text_file
from .topics import (
    PhraseMatcher,
    default_opposed_targets,
    detect_topics,
    load_topics,
    phrase_matcher,
    word_list,
    word_set,
    word_tokens,
)
from .types import LABELS, InputError, Label, Sentence, Topic, TopicMatch, TopicStance

__all__ = [
    "MODEL_VERSION",
    "StanceClassifier",
    "load_model",
    "save_model",
    "score_stances",
    "target_judgements",
    "train_model",
]

MODEL_VERSION = "stance-model/3"
_FORMAT = "stance-model"
_N_LEXICON = 12
# a year, but not a target date ("double trade by 2030", "until 2027"): background dates
_YEAR = re.compile(r"(?<!\bby )(?<!\buntil )(?<!\bBy )(?<!\bUntil )\b(?:1[89]|20)\d\d\b")
_YEAR_HINT = re.compile(r"[12][890]\d\d")  # a cheap pre-check for _YEAR
_LABEL_INDEX: dict[str, int] = {label: k for k, label in enumerate(LABELS)}
_WORD = re.compile(r"[\w'’-]+|[.,;:!?()\"“”]")
_WORD_SPLIT = re.compile("(" + _WORD.pattern + ")")  # the same words, captured
# the same for ASCII text, where an ASCII \w is the same class, and faster
_WORD_SPLIT_ASCII = re.compile(_WORD_SPLIT.pattern, re.ASCII)
_WORD_PATTERN = r"(?u)\b\w[\w'’]*\b"  # the word vectorizer's token pattern
_WORD_TOKEN = re.compile(_WORD_PATTERN)
_CLAUSE_PUNCT = frozenset('.;:!?()"“”')
_POOL_LEAN = 0.2  # least mean score of a group's other stance-takers that moves a NONE row

FloatArray = npt.NDArray[np.float64]
Pairs = Sequence[tuple[str, str]]


# --------------------------------------------------------------------------- scope words


@dataclass(frozen=True)
class ScopeWords:
    """Negators, framing verbs and clause breaks (``stance/data/model/cues.toml``)."""

    negators: tuple[str, ...]
    framers: tuple[str, ...]
    clause_breaks: tuple[str, ...]
    endorsers: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    reversers: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    harms: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    faults: tuple[str, ...] = ()
    merits: tuple[str, ...] = ()
    policy_nouns: tuple[str, ...] = ()
    pointing: tuple[str, ...] = ()
    judgement_stops: tuple[str, ...] = ()
    subject_lead: tuple[str, ...] = ()
    subject_openers: tuple[str, ...] = ()
    reverse_window: int = 2
    negation_window: int = 3
    framing_window: int = 8
    evaluation_window: int = 10


@lru_cache(maxsize=1)
def default_scope_words() -> ScopeWords:
    """The scope words shipped with the package (read once)."""
    text = (files("stance") / "data" / "model" / "cues.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return ScopeWords(
        negators=tuple(data["negators"]),
        framers=tuple(data["framers"]),
        clause_breaks=tuple(data["clause_breaks"]),
        endorsers=tuple(data.get("endorsers", ())),
        fixed=tuple(data.get("fixed", ())),
        reversers=tuple(data.get("reversers", ())),
        conditionals=tuple(data.get("conditionals", ())),
        mentions=tuple(data.get("mentions", ())),
        history=tuple(data.get("history", ())),
        harms=tuple(data.get("harms", ())),
        benefits=tuple(data.get("benefits", ())),
        faults=tuple(data.get("faults", ())),
        merits=tuple(data.get("merits", ())),
        policy_nouns=tuple(data.get("policy_nouns", ())),
        pointing=tuple(data.get("pointing", ())),
        judgement_stops=tuple(data.get("judgement_stops", ())),
        subject_lead=tuple(data.get("subject_lead", ())),
        subject_openers=tuple(data.get("subject_openers", ())),
        reverse_window=int(data.get("reverse_window", 2)),
        negation_window=int(data["negation_window"]),
        framing_window=int(data["framing_window"]),
        evaluation_window=int(data.get("evaluation_window", 10)),
    )


@dataclass(frozen=True)
class _CueLexicon:
    cues: PhraseMatcher
    signs: tuple[int, ...]  # per entry of ``cues``: +1 favour, -1 against, 0 both


@lru_cache(maxsize=256)
def _cue_lexicon(favor: tuple[str, ...], against: tuple[str, ...]) -> _CueLexicon:
    by_key: dict[str, int] = {}
    for entry in favor:
        by_key[" ".join(entry.lower().split())] = 1
    for entry in against:
        key = " ".join(entry.lower().split())
        by_key[key] = by_key.get(key, 0) - 1
    entries = favor + against
    signs = tuple(by_key[" ".join(e.lower().split())] for e in entries)
    return _CueLexicon(cues=phrase_matcher(entries), signs=signs)


class _Words:
    """One text's word starts and lower-cased words (``_WORD``), and its matcher tokens.

    Built (lazily) once per text and shared by the cue and judgement scans of every topic.
    Matchers run on a window ``text[a:b]`` (``a`` a word start, ``b`` a token start) through
    the text's own tokens between ``a`` and ``b``: the same matches as tokenizing the window,
    without a tokenizer cache miss per window.
    """

    __slots__ = (
        "_found",
        "_starts",
        "_tok_starts",
        "_words",
        "sliceable",
        "text",
        "tokenized",
        "toks",
        "word_set",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._words: list[str] = []
        self.tokenized = False
        self.toks: tuple[tuple[int, int, str], ...] = ()
        self._tok_starts: list[int] | None = None
        self.word_set: frozenset[str] = frozenset()
        self._found: dict[PhraseMatcher, list[tuple[int, int, int]]] = {}
        # lower-casing a capital sigma depends on what follows it: a window of such a text
        # is tokenized on its own, as it always was
        self.sliceable = "\u03a3" not in text

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            # separator, word, separator, ..., separator: the running sums of their lengths
            # are where the words start
            text = self.text
            parts = (_WORD_SPLIT_ASCII if text.isascii() else _WORD_SPLIT).split(text)
            self._starts = list(accumulate(map(len, parts)))[0:-1:2]
            self._words = list(map(str.lower, parts[1::2]))
        return self._starts

    @property
    def words(self) -> list[str]:
        if self._starts is None:
            _ = self.starts
        return self._words

    def _tokenize(self) -> None:
        """The text's matcher tokens and set of words (from the matchers' own cache)."""
        self.toks = word_tokens(self.text)
        self.word_set = word_set(self.text)
        self.tokenized = True

    def whole(self, matcher: PhraseMatcher) -> list[tuple[int, int, int]]:
        """``matcher.find(text)``, once per matcher (several topics share matchers): the
        list is shared, not to be changed."""
        found = self._found.get(matcher)
        if found is None:
            found = self._found[matcher] = matcher.find(self.text)
        return found

    def find(self, matcher: PhraseMatcher, text: str, a: int, b: int) -> list[tuple[int, int, int]]:
        """``matcher.find(text[a:b])`` with offsets in ``text``."""
        if not self.sliceable:
            return [(s + a, e + a, i) for s, e, i in matcher.find(text[a:b])]
        if not self.tokenized:
            self._tokenize()
        firsts = matcher.first_words
        if firsts is not None and firsts.isdisjoint(self.word_set):
            return []  # no entry starts with a word of the text
        tok_starts = self._tok_starts
        if tok_starts is None:
            tok_starts = self._tok_starts = [t[0] for t in self.toks]
        lo = bisect.bisect_left(tok_starts, a)
        hi = bisect.bisect_left(tok_starts, b, lo)
        if lo >= hi:
            return []
        toks = self.toks[lo:hi]
        if firsts is not None:
            for tok in toks:
                if tok[2] in firsts:
                    break
            else:
                return []  # no entry starts with a word of the window
        return matcher.find(text, toks)


def cue_polarities(
    text: str, topic: Topic, scope: ScopeWords | None = None
) -> list[tuple[str, int, bool, bool]]:
    """The target-relative cues of ``topic`` in ``text``: (surface, polarity, negated, framed).

    ``polarity`` is +1 (supports the target) or -1 (opposes it) after flips; ``negated`` and
    ``framed`` say whether a negator or a framing verb flipped it; a reversing verb right
    before the cue ("lift the tariffs") flips it too. A framing or endorsing cue
    that governs a later cue is dropped itself ("opposed lifting the sanctions" is one cue,
    favouring them; so is "did not support lifting them").

    >>> from stance.topics import default_topics
    >>> sanctions = default_topics()[0]
    >>> cue_polarities("Ankara will not lift the sanctions.", sanctions)
    [('lift', 1, True, False)]
    """
    prep = _prepare(topic, scope or default_scope_words())
    return [c[:4] for c in _cue_spans(text, prep, _Words(text))]


def target_judgements(
    text: str, topic: Topic, scope: ScopeWords | None = None
) -> list[tuple[str, int, bool, bool]]:
    """Judgements ``text`` passes on ``topic``'s target: (surface, polarity, negated, framed).

    A judgement is a word of ``harms``, ``benefits``, ``faults`` or ``merits``
    (``stance/data/model/cues.toml``) whose subject, the nearest anchor to its left in the
    clause, is the topic (a term, a pointing reference, a policy noun: +1) or one of its cues
    (the cue's polarity). The model sums them into a feature of their own.

    >>> from stance.topics import default_topics
    >>> sanctions = default_topics()[0]
    >>> target_judgements("The bill risks a rift with allies.", sanctions)
    [('risks', -1, False, False)]
    >>> target_judgements("Lifting the sanctions now would be a mistake.", sanctions)
    [('mistake', 1, False, False)]
    """
    prep = _prepare(topic, scope or default_scope_words())
    words = _Words(text)
    return [j[:4] for j in _judgements(text, prep, _cue_spans(text, prep, words), words)]


@dataclass(frozen=True)
class _Prepared:
    """The matchers and word sets :func:`cue_polarities` needs for one topic."""

    lex: _CueLexicon
    names: PhraseMatcher
    references: PhraseMatcher
    negators: PhraseMatcher
    framers: PhraseMatcher
    endorsers: PhraseMatcher
    reversers: PhraseMatcher
    conditionals: PhraseMatcher
    judgements: PhraseMatcher
    judgement_signs: tuple[int, ...]  # per entry of ``judgements``: +1 good, -1 bad
    policy: PhraseMatcher
    pointers: PhraseMatcher  # the references that point back with a determiner ("the ban")
    fixed: frozenset[str]
    negator_words: frozenset[str]  # the one-word negators
    judgement_stops: frozenset[str]
    subject_lead: frozenset[str]
    subject_openers: frozenset[str]
    breaks: frozenset[str]
    generic: frozenset[str]
    scope: ScopeWords


@lru_cache(maxsize=256)
def _prepare(topic: Topic, scope: ScopeWords) -> _Prepared:
    pointing = [[w.lower()] for w in scope.pointing]
    return _Prepared(
        lex=_cue_lexicon(topic.favor_cues, topic.against_cues),
        names=phrase_matcher(topic.terms + topic.phrases),
        references=phrase_matcher(topic.references),
        negators=phrase_matcher(scope.negators),
        framers=phrase_matcher(scope.framers),
        endorsers=phrase_matcher(scope.endorsers),
        reversers=phrase_matcher(scope.reversers),
        conditionals=phrase_matcher(scope.conditionals),
        judgements=phrase_matcher(scope.harms + scope.faults + scope.benefits + scope.merits),
        judgement_signs=(-1,) * (len(scope.harms) + len(scope.faults))
        + (1,) * (len(scope.benefits) + len(scope.merits)),
        policy=phrase_matcher(scope.policy_nouns),
        pointers=phrase_matcher(
            tuple(r for r in topic.references if r.lower().split()[:1] in pointing)
        ),
        judgement_stops=frozenset(scope.judgement_stops),
        subject_lead=frozenset(scope.subject_lead),
        subject_openers=frozenset(scope.subject_openers),
        fixed=frozenset(w.lower() for w in scope.fixed),
        negator_words=frozenset(w.lower() for w in scope.negators if " " not in w),
        breaks=frozenset(scope.clause_breaks),
        generic=frozenset(" ".join(w.lower().split()) for w in scope.framers + scope.endorsers),
        scope=scope,
    )


def _polarities(
    text: str, prep: _Prepared, words: _Words | None = None
) -> list[tuple[str, int, bool, bool, bool]]:
    """Cues of the topic, then judgements of the target: (surface, polarity, negated,
    framed, judgement). ``words``: the text's :class:`_Words`, when already built."""
    if words is None:
        words = _Words(text)
    spans = _cue_spans(text, prep, words)
    cues = [(s, p, n, f, False) for s, p, n, f, _, _ in spans]
    return cues + _judgements(text, prep, spans, words) if prep.judgements.nonempty else cues


_Span = tuple[str, int, bool, bool, int, int]  # surface, polarity, negated, framed, start, end


def _cue_spans(text: str, prep: _Prepared, info: _Words) -> list[_Span]:
    lex = prep.lex
    if not lex.cues.nonempty:
        return []
    found = info.whole(lex.cues)
    if not found:
        return []
    scope = prep.scope
    names = info.whole(prep.names)
    if names:  # a cue inside a longer name of the topic ("Free Trade Agreement") is no cue
        found = [
            f
            for f in found
            if not any(s <= f[0] and f[1] <= e and (e - s) > (f[1] - f[0]) for s, e, _ in names)
        ]
    fixed = prep.fixed
    negators = prep.negators
    framers = prep.framers
    endorsers = prep.endorsers
    reversers = prep.reversers
    conditionals = prep.conditionals
    breaks = prep.breaks
    starts = info.starts
    words = info.words
    out: list[tuple[str, int, bool, bool, int, int]] = []
    dropped: set[int] = set()
    for m_start, m_end, entry in found:
        surface = text[m_start:m_end]
        sign = lex.signs[entry]
        if sign == 0:
            continue
        # words before the cue, back to the clause start
        k = _index_before(starts, m_start)
        if surface.lower() in prep.negator_words and _to_follows(words, k + 2 + surface.count(" ")):
            continue  # "failed to agree on sanctions": a negation of what follows, no cue
        before: list[int] = []
        while k >= 0 and len(before) < scope.framing_window:
            w = words[k]
            if w in _CLAUSE_PUNCT:
                break
            before.append(k)
            if w in breaks:
                break
            if w == "that" and len(before) <= 2 and _ends_anchor(info, prep, starts, k - 1):
                break  # "refuse a deal that sacrifices ...": the verb governs the deal
            k -= 1
        if (
            conditionals.nonempty
            and before
            and info.find(conditionals, text, starts[before[-1]], m_start)
        ):
            continue  # a hypothetical ("if tariffs were imposed") is no position
        negated = False
        framed = False
        if negators.nonempty and before:
            near = before[: scope.negation_window]
            window_start = starts[near[-1]]
            clause_cut = [j for j in near if words[j] in breaks or words[j] == ","]
            if clause_cut:
                window_start = starts[clause_cut[0]]
            negated = (
                bool(info.find(negators, text, window_start, m_start))
                and surface.lower() not in fixed
            )
        if before:
            base = starts[before[-1]]
            hits = info.find(framers, text, base, m_start) if framers.nonempty else []
            framed = bool(hits) and surface.lower() not in fixed  # "rejected the unfair ..."
            if endorsers.nonempty:
                hits.extend(info.find(endorsers, text, base, m_start))
            for h_start, h_end, _ in hits:  # offsets in text
                for idx, prev in enumerate(out):
                    if prev[4] < h_end and h_start < prev[5]:
                        dropped.add(idx)
        reversed_ = False
        if reversers.nonempty and before and surface.lower() not in fixed:
            near = before[: scope.reverse_window]
            hits = info.find(reversers, text, starts[near[-1]], m_start)
            reversed_ = bool(hits)
            for h_start, h_end, _ in hits:  # offsets in text
                for idx, prev in enumerate(out):
                    if prev[4] < h_end and h_start < prev[5]:
                        dropped.add(idx)
        flips = int(negated) + int(framed) + int(reversed_)
        polarity = sign if flips % 2 == 0 else -sign
        out.append((surface, polarity, negated, framed, m_start, m_end))
    kept = [c for i, c in enumerate(out) if i not in dropped]
    if kept and names:
        anchors = names + info.whole(prep.references)
        kept = _anchored(kept, anchors, starts, words, breaks, prep.generic)
    return kept


def _to_follows(words: list[str], k: int) -> bool:
    """Whether "to" follows within three words from word ``k`` in the clause ("failed on
    Monday to agree"): the word before ``k`` then negates what follows, as a negator."""
    for w in words[k : k + 3]:
        if w == "to":
            return True
        if w in _CLAUSE_PUNCT or w == ",":
            return False
    return False


def _ends_anchor(info: _Words, prep: _Prepared, starts: list[int], k: int) -> bool:
    """Whether a term or reference of the topic ends at word ``k`` or the word before it
    (the head of a relative clause: "a deal that sacrifices farmers", "a trade pact that
    ..." judge the deal and the pact themselves)."""
    if k < 0:
        return False
    first = starts[max(k - 1, 0)]
    end = starts[k] + len(info.words[k])
    return any(first < e <= end for _, e, _ in info.whole(prep.names) + info.whole(prep.references))


def _opens_clause(words: list[str], k: int, prep: _Prepared) -> bool:
    """Whether word ``k`` opens its clause, but for articles and the like before it."""
    while k > 0 and words[k - 1] in prep.subject_lead:
        k -= 1
    return k == 0 or words[k - 1] in _CLAUSE_PUNCT or words[k - 1] in prep.subject_openers


def _judgements(
    text: str, prep: _Prepared, cues: list[_Span], info: _Words
) -> list[tuple[str, int, bool, bool, bool]]:
    """Judgements passed on the target, as (surface, polarity, negated, framed, True).

    Words of ``harms``/``faults`` (bad) and ``benefits``/``merits`` (good) whose subject,
    the nearest anchor to their left in the clause, is the topic (a term, a pointing
    reference or a policy noun: +1) or one of its cues (the cue's polarity): "the bill
    risks ..." opposes the target, "lifting the sanctions would be a mistake" favours it.
    """
    found = info.whole(prep.judgements)
    if not found:
        return []
    scope = prep.scope
    starts = info.starts
    words = info.words
    # anchors: (start, end, sign, whether it is a cue)
    anchors: list[tuple[int, int, int, bool]] = [
        (a_start, a_end, 1, False)
        for a_start, a_end, _ in (
            info.whole(prep.names) + info.whole(prep.pointers) + info.whole(prep.policy)
        )
    ]
    # a cue is a subject when it names the topic too ("tariffs" of trade), opens its clause
    # ("Pressure alone is not a strategy") or stands right before a term ("lifting the
    # sanctions", below); "futile" in "they are futile and hurt ..." is a judgement itself
    anchors.extend(
        (c[4], c[5], c[1], True)
        for c in cues
        if _opens_clause(words, _index_before(starts, c[4] + 1), prep)
        or any(a[0] < c[5] and c[4] < a[1] for a in anchors)
    )
    if not anchors:
        return []
    anchors.sort(key=lambda a: (a[1], a[3]))
    ends = [a[1] for a in anchors]
    out: list[tuple[str, int, bool, bool, bool]] = []
    for j_start, j_end, entry in found:
        if any(c[4] < j_end and j_start < c[5] for c in cues):
            continue  # the word is a cue of the topic already
        k = _index_before(starts, j_start + 1)  # the judgement's first word
        if (
            words[k] in prep.negator_words
            and _to_follows(words, k + 1)
            and any(j_start < f[0] <= starts[min(k + 4, len(starts) - 1)] for f in found)
        ):
            continue  # "failed to deter": the negator of the judgement after it
        # the clause back from the judgement, at most evaluation_window words
        first = k
        while first > 0 and k - first < scope.evaluation_window:
            w = words[first - 1]
            if w in _CLAUSE_PUNCT or w in prep.judgement_stops:
                break
            first -= 1
        lower = starts[first]
        a = bisect.bisect_right(ends, j_start) - 1
        if a < 0 or anchors[a][0] < lower:
            continue
        a_start, a_end, sign, is_cue = anchors[a]
        if not is_cue:  # a cue right before the term stands for it ("lifting the sanctions")
            before = [c for c in cues if c[5] <= a_start]
            if before:
                cue = max(before, key=lambda c: c[5])
                gap = _index_before(starts, a_start) - _index_before(starts, cue[5] - 1)
                if gap <= 2 and cue[4] >= lower:
                    sign = cue[1]
        if prep.conditionals.nonempty and info.find(prep.conditionals, text, lower, j_start):
            continue  # a hypothetical is no judgement ("if the sanctions fail", "if talks fail")
        if any(lower <= f[0] and f[1] <= a_start for f in found):
            continue  # the anchor is the object of an earlier judgement ("invite retaliation")
        near = max(_index_before(starts, a_end) + 1, k - scope.negation_window)
        negated = bool(info.find(prep.negators, text, starts[near], j_start)) if k > near else False
        framed = (
            bool(info.find(prep.framers, text, lower, a_start)) if prep.framers.nonempty else False
        )
        lead = _index_before(starts, a_start)
        while lead > 0 and words[lead] in prep.subject_lead:
            lead -= 1
        if lead >= 0 and (words[lead] == "against" or words[lead] in prep.negator_words):
            sign = -sign  # "the backlash against trade", "without sanctions"
        polarity = sign * prep.judgement_signs[entry]
        if negated != framed:
            polarity = -polarity
        out.append((text[j_start:j_end], polarity, negated, framed, True))
    return out


@lru_cache(maxsize=16)
def _context_features(scope: ScopeWords) -> Callable[[str], tuple[float, float]]:
    """Sentence-level features that do not depend on the topic.

    ``mention``: the sentence talks about words ("the term ...", "calling them ...") rather
    than taking a position; ``history``: it dates what it tells (a year, "years ago"), as
    background narration does.
    """
    n_mentions = len(scope.mentions)
    matcher = phrase_matcher(scope.mentions + scope.history)
    # the longest word of each entry, a rare one, must occur before the matcher is worth a call
    first = frozenset(
        max(e.lower().replace("-", " ").split(), key=len)
        for e in scope.mentions + scope.history
        if e.split()
    )

    def features(text: str) -> tuple[float, float]:
        mention = dated = False
        if not first.isdisjoint(word_set(text)):
            for _, _, index in matcher.find(text):
                if index < n_mentions:
                    mention = True
                else:
                    dated = True
        if not dated and ("1" in text or "2" in text) and _YEAR_HINT.search(text):
            dated = _YEAR.search(text) is not None
        return float(mention), float(dated)

    return features


def _anchored(
    cues: list[tuple[str, int, bool, bool, int, int]],
    names: list[tuple[int, int, int]],
    starts: list[int],
    words: list[str],
    breaks: frozenset[str],
    generic: frozenset[str],
) -> list[tuple[str, int, bool, bool, int, int]]:
    """Drop generic attitude cues ("opposed", "supports") whose clause has no anchor.

    Anchors are the topic's terms and references found in the text.
    In "the sanctions got results, unlike the outreach, which was opposed" the opposition is
    to something else. Clauses end at clause punctuation and at clause-break words.
    """
    bounds = [starts[k] for k, w in enumerate(words) if w in _CLAUSE_PUNCT or w in breaks]

    def clause(position: int) -> int:
        return _index_before(bounds, position + 1)

    named = {clause(s) for s, _, _ in names}
    return [c for c in cues if not _is_generic(c[0], generic) or clause(c[4]) in named]


def _is_generic(surface: str, generic: frozenset[str]) -> bool:
    """Whether a cue is a generic attitude word, or a phrase led by one ("support for"
    needs an anchor as "support" does)."""
    words = surface.lower().split()
    return " ".join(words) in generic or (len(words) > 1 and words[0] in generic)


def _index_before(starts: list[int], position: int) -> int:
    """Index of the last word starting before ``position`` (binary search), or -1."""
    return bisect.bisect_left(starts, position) - 1


# --------------------------------------------------------------------------- sentiment


def _sentiment_function() -> Callable[[Sequence[str]], list[float]] | None:
    """``stance.lexicon.sentiment_many`` (or ``sentiment``) when that module is importable."""
    try:
        from . import lexicon  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    many = getattr(lexicon, "sentiment_many", None)
    if callable(many):
        return lambda texts: [float(v) for v in many(list(texts))]
    one = getattr(lexicon, "sentiment", None)
    if callable(one):
        return lambda texts: [float(one(t)) for t in texts]
    return None


# --------------------------------------------------------------------------- inputs


def _as_pairs(X: Any, what: str = "X") -> list[tuple[str, str]]:
    """Normalise ``X`` to a list of (text, topic) pairs, or say what was wrong."""
    if isinstance(X, (str, bytes)):
        raise TypeError(
            f"{what}: a sequence of (text, topic) pairs or a DataFrame with columns "
            f"'text' and 'topic' expected, got a single {type(X).__name__}"
        )
    columns = getattr(X, "columns", None)
    if columns is not None:
        missing = [c for c in ("text", "topic") if c not in columns]
        if missing:
            raise ValueError(
                f"{what}: a DataFrame with columns 'text' and 'topic' expected, "
                f"got columns {list(columns)} (missing {missing})"
            )
        texts = X["text"].tolist()
        topics = X["topic"].tolist()
        raw: Iterable[Any] = zip(texts, topics, strict=True)
    else:
        try:
            raw = list(X)
        except TypeError:
            raise TypeError(
                f"{what}: a sequence of (text, topic) pairs expected, got {type(X).__name__}"
            ) from None
    pairs: list[tuple[str, str]] = []
    for i, item in enumerate(raw):
        if (
            not isinstance(item, (tuple, list))
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], str)
        ):
            raise TypeError(
                f"{what}[{i}]: a (text, topic) pair of strings expected, got {item!r:.80}"
            )
        pairs.append((item[0], item[1]))
    return pairs


def _as_labels(y: Any, n: int) -> list[Label]:
    if isinstance(y, (str, bytes)):
        raise TypeError("y: a sequence of labels expected, got a single string")
    labels = [str(v).strip().upper() for v in y]
    if len(labels) != n:
        raise ValueError(f"y: {n} labels expected (one per pair in X), got {len(labels)}")
    bad = sorted({v for v in labels if v not in LABELS})
    if bad:
        raise ValueError(f"y: labels must be one of {list(LABELS)}, got {bad[:5]}")
    return labels  # type: ignore[return-value]


# --------------------------------------------------------------------------- estimator


class StanceClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Stance of a text towards a topic's target: ``FAVOR``, ``AGAINST`` or ``NONE``.

    Parameters
    ----------
    topics : sequence of Topic, path of a topic file, or None
        Topic definitions whose cues feed the lexicon features (None: the defaults).
        Topics met in ``X`` that are not defined still work, on text features alone.
    C : float
        Inverse regularisation of the linear SVM.
    word_ngram_range, char_ngram_range : tuple of int
        TF-IDF n-gram ranges of words and of characters (within word boundaries);
        ``char_ngram_range=None`` leaves character n-grams out (faster, for long texts).
    min_df : int
        Minimum document frequency of an n-gram.
    lexicon_weight : float
        Scale of the lexicon features next to the (unit-length) TF-IDF blocks.
    use_sentiment : bool
        Add the sentence's sentiment from ``stance.lexicon`` (when present) as a feature.
    calibration_cv : int
        Folds of the Platt calibration.
    class_weight : "balanced" or None
        Class weights of the SVM.
    none_bias : float
        Log-odds added to ``NONE`` after calibration (positive: lean to ``NONE``).
    cueless_none_bias : float
        Further log-odds added to ``NONE`` for a text with no cue of its topic: without a
        clear cue, most news sentences take no position.
    random_state : int
        Seed of the SVM and of the calibration folds.
    """

    def __init__(
        self,
        topics: Sequence[Topic] | str | Path | None = None,
        C: float = 0.2,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] | None = (3, 5),
        min_df: int = 2,
        lexicon_weight: float = 1.0,
        use_sentiment: bool = True,
        calibration_cv: int = 3,
        class_weight: str | None = None,
        none_bias: float = 0.0,
        cueless_none_bias: float = 0.0,
        random_state: int = 0,
    ) -> None:
        self.topics = topics
        self.C = C
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.lexicon_weight = lexicon_weight
        self.use_sentiment = use_sentiment
        self.calibration_cv = calibration_cv
        self.class_weight = class_weight
        self.none_bias = none_bias
        self.cueless_none_bias = cueless_none_bias
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------------------

    def _resolve_topics(self) -> tuple[Topic, ...]:
        if self.topics is None:
            return tuple(load_topics())
        if isinstance(self.topics, (str, Path)):
            return tuple(load_topics(self.topics))
        return tuple(self.topics)

    def fit(self, X: Any, y: Any) -> StanceClassifier:
        """Learn from ``(text, topic)`` pairs (or a DataFrame with text, topic) and labels."""
        pairs = _as_pairs(X)
        labels = _as_labels(y, len(pairs))
        present = sorted(set(labels))
        if len(present) < 2:
            raise ValueError(f"y: at least two different labels expected, got only {present}")
        if not pairs:
            raise ValueError("X: at least one (text, topic) pair expected, got none")
        self.topics_ = self._resolve_topics()
        self.scope_ = default_scope_words()
        texts = [t for t, _ in pairs]
        common: dict[str, Any] = dict(
            min_df=self.min_df, sublinear_tf=True, lowercase=True, dtype=np.float64
        )
        word = TfidfVectorizer(
            analyzer="word",
            ngram_range=tuple(self.word_ngram_range),
            token_pattern=_WORD_PATTERN,
            **common,
        )
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self.char_ngram_range or (3, 5)),
            **common,
        )
        min_df_fallback = min(self.min_df, 1)
        try:
            word.fit(texts)
        except ValueError:  # too few documents for min_df
            word.set_params(min_df=min_df_fallback).fit(texts)
        self.word_vocabulary_ = _vocabulary_list(word.vocabulary_)
        self.word_idf_ = np.asarray(word.idf_, dtype=np.float64)
        self.char_vocabulary_ = []
        self.char_idf_ = np.zeros(0)
        if self.char_ngram_range is not None:
            try:
                char.fit(texts)
            except ValueError:
                char.set_params(min_df=min_df_fallback).fit(texts)
            self.char_vocabulary_ = _vocabulary_list(char.vocabulary_)
            self.char_idf_ = np.asarray(char.idf_, dtype=np.float64)
        self.topic_names_ = sorted({t for _, t in pairs})
        self.sentiment_used_ = bool(self.use_sentiment and _sentiment_function() is not None)
        self._build_transformers()
        design, _ = self._design(pairs)
        self.classes_ = np.array(LABELS)
        y_arr = np.array(labels)
        svm = LinearSVC(
            C=self.C,
            class_weight=self.class_weight,
            random_state=self.random_state,
            max_iter=5000,
        )
        counts = [int((y_arr == c).sum()) for c in present]
        cv = max(2, min(int(self.calibration_cv), min(counts)))
        calibrated = CalibratedClassifierCV(svm, method="sigmoid", cv=cv, ensemble=False)
        calibrated.fit(design, y_arr)
        inner = calibrated.calibrated_classifiers_[0]
        self.fitted_classes_ = [str(c) for c in calibrated.classes_]
        self.coef_ = np.asarray(inner.estimator.coef_, dtype=np.float64)
        self.intercept_ = np.asarray(inner.estimator.intercept_, dtype=np.float64)
        self.calibration_a_ = np.array([float(c.a_) for c in inner.calibrators])
        self.calibration_b_ = np.array([float(c.b_) for c in inner.calibrators])
        self.n_features_in_ = 2  # text and topic
        return self

    def _build_transformers(self) -> None:
        self._word_cv = CountVectorizer(
            analyzer="word",
            ngram_range=tuple(self.word_ngram_range),
            token_pattern=_WORD_PATTERN,
            lowercase=True,
            vocabulary={t: i for i, t in enumerate(self.word_vocabulary_)},
            dtype=np.float64,
        )
        self._char_cv = (
            CountVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngram_range),
                lowercase=True,
                vocabulary={t: i for i, t in enumerate(self.char_vocabulary_)},
                dtype=np.float64,
            )
            if self.char_ngram_range is not None and self.char_vocabulary_
            else None
        )
        self._char_analyzer = self._char_cv.build_analyzer() if self._char_cv else None
        # the two-word terms of the word vocabulary, by their pair of words
        self._word_pairs: dict[tuple[str, ...], int] = {}
        for column, term in enumerate(self.word_vocabulary_):
            words = tuple(term.split(" "))
            if len(words) == 2:
                self._word_pairs[words] = column
        # a word's n-gram columns as int64 bytes: joined at C speed, and nothing the garbage
        # collector tracks, so a cache that grows over a long run adds nothing to scan
        self._char_cache: dict[str, bytes] = {}
        self._topic_index = {name: k for k, name in enumerate(self.topic_names_)}
        self._topic_defs = {t.name: t for t in self.topics_}

    # -- features --------------------------------------------------------------------

    def _char_counts(self, texts: list[str]) -> sp.csr_matrix:
        """Character n-gram counts, word by word with a per-word cache.

        ``char_wb`` n-grams never cross a word boundary, so a text's n-grams are the union of
        its words' n-grams; words repeat, so each word is analysed once per model. The counts
        are the product (texts x words) @ (words x n-grams) over the batch's distinct words
        and texts: each word's n-grams are listed once, and the sparse product adds them up.
        """
        assert self._char_cv is not None
        analyzer = self._char_analyzer
        assert analyzer is not None
        vocabulary = self._char_cv.vocabulary
        cache = self._char_cache
        if len(cache) > 200_000:
            cache.clear()
        rows: dict[str, int] = {}  # the batch's distinct texts
        text_rows: list[int] = []
        all_words: list[str] = []  # the words of each distinct text, one after the other
        text_indptr = [0]
        for text in texts:
            row = rows.get(text)
            if row is None:
                row = rows[text] = len(rows)
                # the pieces between runs of ``\s`` (str.split's whitespace), empty ones left out
                all_words.extend(text.lower().split())
                text_indptr.append(len(all_words))
            text_rows.append(row)
        # the batch's distinct words, numbered by first occurrence
        words = {word: k for k, word in enumerate(dict.fromkeys(all_words))}
        word_ids = list(map(words.__getitem__, all_words))
        known = vocabulary.__contains__
        index = vocabulary.__getitem__
        pieces: list[bytes] = []  # each distinct word's n-gram columns, as int64 bytes
        for word in words:
            found = cache.get(word)
            if found is None:
                columns = list(map(index, filter(known, analyzer(word))))
                found = cache[word] = np.array(columns, dtype=np.int64).tobytes()
            pieces.append(found)
        # the columns joined as bytes, not converted to an array one number at a time
        grams = np.frombuffer(b"".join(pieces), dtype=np.int64)
        word_indptr = np.zeros(len(pieces) + 1, dtype=np.int64)
        np.cumsum(
            np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)), out=word_indptr[1:]
        )
        word_indptr //= grams.itemsize
        by_word = _counts_matrix(word_ids, text_indptr, len(words), canonical=False)
        ngrams = sp.csr_matrix(
            (np.ones(len(grams)), grams, word_indptr),
            shape=(len(words), len(self.char_vocabulary_)),
        )
        # each row's n-grams in order, as summing the duplicates of one list of indices leaves
        # them: transposed twice (a linear bucket pass each) rather than sorted row by row
        counts = sp.csr_matrix(by_word @ ngrams).T.tocsr().T.tocsr()
        return counts if len(rows) == len(texts) else counts[text_rows]

    def _word_counts(self, texts: list[str]) -> sp.csr_matrix:
        """Word n-gram counts, as ``self._word_cv.transform`` gives them, without its overhead.

        Same analysis as the fitted vectorizer (lower-cased, the same token pattern, n-grams
        joined by a space), with plain dictionary look-ups.
        """
        vocabulary = self._word_cv.vocabulary
        low, high = self.word_ngram_range
        known = vocabulary.__contains__
        index = vocabulary.__getitem__
        join = " ".join
        # two-word n-grams looked up as pairs of words (a word holds no space): no string
        # to build and hash for each pair of the text
        pairs = self._word_pairs
        known_pair = pairs.__contains__
        pair_index = pairs.__getitem__

        def add(text: str, indices: list[int]) -> None:
            lowered = text.lower()
            if len(lowered) == len(text) and "’" not in text and "''" not in lowered:
                # then the pattern finds the words the topic matchers have (cached)
                tokens = word_list(text)
            else:
                tokens = _WORD_TOKEN.findall(lowered)
            for n in range(low, high + 1):
                if n == 1:
                    grams: Iterable[str] = tokens
                elif n == 2:
                    indices.extend(map(pair_index, filter(known_pair, pairwise(tokens))))
                    continue
                else:
                    grams = (join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
                indices.extend(map(index, filter(known, grams)))

        return _counts_once(texts, add, len(self.word_vocabulary_))

    def _tfidf(
        self, cv: CountVectorizer | None, idf: FloatArray, texts: list[str]
    ) -> sp.csr_matrix:
        if cv is None:
            counts = self._char_counts(texts)
        elif cv is self._word_cv:
            counts = self._word_counts(texts)
        else:
            counts = cv.transform(texts).tocsr()
        return _tfidf_of_counts(counts, idf)

    def _lexicon(
        self,
        pairs: Sequence[tuple[str, str]],
        topics: dict[str, Topic] | None = None,
        sentiments: Sequence[float] | None = None,
    ) -> tuple[FloatArray, list[tuple[str, ...]]]:
        defs = dict(self._topic_defs)
        if topics:
            for name, topic in topics.items():
                defs.setdefault(name, topic)
        rows: list[list[float]] = []
        cues: list[tuple[str, ...]] = []
        wanted = {name for _, name in pairs}
        prepared = {
            name: _prepare(definition, self.scope_)
            for name, definition in defs.items()
            if name in wanted
        }
        context = _context_features(self.scope_)
        seen_text: dict[str, tuple[tuple[float, float], _Words]] = {}
        for text, name in pairs:
            known = seen_text.get(text)
            if known is None:
                known = seen_text[text] = (context(text), _Words(text))
            ctx, words = known
            prep = prepared.get(name)
            found = _polarities(text, prep, words) if prep is not None else []
            if not found:  # no cue and no judgement: the row the sums below give for none
                rows.append([0.0] * 8 + [1.0, ctx[0], ctx[1]] + [0.0] * (_N_LEXICON - 11))
                cues.append(())
                continue
            fav = sum(1 for _, p, _, _, judgement in found if p > 0 and not judgement)
            ag = sum(1 for _, p, _, _, judgement in found if p < 0 and not judgement)
            judged = sum(p for _, p, _, _, j in found if j)
            row = [
                float(fav),
                float(ag),
                (fav - ag) / (fav + ag + 1.0),
                float(any(n for _, _, n, _, _ in found)),
                float(any(f for _, _, _, f, _ in found)),
                float(fav > 0 and ag == 0),
                float(ag > 0 and fav == 0),
                0.0,
                1.0,
                ctx[0],
                ctx[1],
                judged / (abs(judged) + 1.0),
            ]
            row.extend([0.0] * (_N_LEXICON - len(row)))
            rows.append(row)
            seen: dict[str, None] = {}
            for surface, _, _, _, _ in found:
                seen.setdefault(surface, None)
            cues.append(tuple(seen))
        feats = np.array(rows, dtype=np.float64).reshape(len(pairs), _N_LEXICON)
        if self.sentiment_used_:
            if sentiments is not None:
                if len(sentiments) != len(pairs):
                    raise ValueError(
                        f"sentiments: {len(pairs)} values expected, got {len(sentiments)}"
                    )
                feats[:, 7] = np.asarray(sentiments, dtype=np.float64)
            else:
                fn = _sentiment_function()
                if fn is not None:
                    feats[:, 7] = fn([t for t, _ in pairs])
        return feats * float(self.lexicon_weight), cues

    def _design(
        self,
        pairs: Sequence[tuple[str, str]],
        topics: dict[str, Topic] | None = None,
        sentiments: Sequence[float] | None = None,
    ) -> tuple[sp.csr_matrix, list[tuple[str, ...]]]:
        texts = [t for t, _ in pairs]
        lexicon, cues = self._lexicon(pairs, topics, sentiments)
        topic_rows = [self._topic_index.get(t, -1) for _, t in pairs]
        counts = [(self._word_counts(texts), self.word_idf_)]
        if self._char_cv is not None:
            counts.append((self._char_counts(texts), self.char_idf_))
        design = _crossed_design(counts, lexicon, topic_rows, len(self.topic_names_))
        if design is None:  # the plain construction (see _crossed_design)
            blocks = [_tfidf_of_counts(c, idf) for c, idf in counts]
            blocks.append(sp.csr_matrix(lexicon))
            design = _cross(sp.hstack(blocks, format="csr"), topic_rows, len(self.topic_names_))
        return design, cues

    # -- prediction ------------------------------------------------------------------

    def _proba_from_design(self, design: sp.csr_matrix) -> FloatArray:
        decision = np.asarray(design @ self.coef_.T) + self.intercept_
        a, b = self.calibration_a_, self.calibration_b_
        if len(self.fitted_classes_) == 2:
            p1 = 1.0 / (1.0 + np.exp(a[0] * decision[:, 0] + b[0]))
            fitted = np.column_stack([1.0 - p1, p1])
        else:
            fitted = 1.0 / (1.0 + np.exp(decision * a + b))
            total = fitted.sum(axis=1, keepdims=True)
            uniform = np.full_like(fitted, 1.0 / fitted.shape[1])
            fitted = np.where(total > 0, fitted / np.where(total > 0, total, 1.0), uniform)
        proba = np.zeros((design.shape[0], len(LABELS)))
        for k, label in enumerate(self.fitted_classes_):
            proba[:, _LABEL_INDEX[label]] = fitted[:, k]
        bias = np.full(design.shape[0], float(self.none_bias))
        if self.cueless_none_bias:
            first = len(self.word_vocabulary_) + len(self.char_vocabulary_)
            n_cues = np.asarray(design[:, first : first + 2].sum(axis=1)).ravel()
            bias += np.where(n_cues == 0, float(self.cueless_none_bias), 0.0)
        if bias.any():
            proba[:, _LABEL_INDEX["NONE"]] *= np.exp(bias)
            proba /= proba.sum(axis=1, keepdims=True)
        return proba

    def _check(self) -> None:
        check_is_fitted(self, ["coef_", "calibration_a_"])
        if not hasattr(self, "_word_cv") or not hasattr(self, "_word_pairs"):
            self._build_transformers()

    def predict_proba(self, X: Any) -> FloatArray:
        """Calibrated probabilities, columns in ``classes_`` order (AGAINST, FAVOR, NONE)."""
        self._check()
        pairs = _as_pairs(X)
        if not pairs:
            return np.zeros((0, len(LABELS)))
        design, _ = self._design(pairs)
        return self._proba_from_design(design)

    def predict(self, X: Any) -> npt.NDArray[np.str_]:
        """The most probable label of each ``(text, topic)`` pair."""
        proba = self.predict_proba(X)
        return (
            np.asarray(self.classes_[np.argmax(proba, axis=1)])
            if len(proba)
            else np.array([], dtype=str)
        )

    def decision_scores(self, X: Any) -> FloatArray:
        """P(FAVOR) - P(AGAINST) of each pair, in [-1, 1]."""
        proba = self.predict_proba(X)
        return proba[:, 1] - proba[:, 0]


def _counts_once(
    texts: list[str], add: Callable[[str, list[int]], None], n_columns: int
) -> sp.csr_matrix:
    """The counts matrix of ``texts``, ``add(text, indices)`` appending a text's column
    indices; a text that comes again (the same sentence with another topic) is analysed
    once."""
    indices: list[int] = []
    indptr = [0]
    done: dict[str, tuple[int, int]] = {}  # text -> its span of indices
    for text in texts:
        span = done.get(text)
        if span is not None:
            indices.extend(indices[span[0] : span[1]])
        else:
            first = len(indices)
            add(text, indices)
            done[text] = (first, len(indices))
        indptr.append(len(indices))
    return _counts_matrix(indices, indptr, n_columns)


def _counts_matrix(
    indices: list[int], indptr: list[int], n_columns: int, *, canonical: bool = True
) -> sp.csr_matrix:
    """A CSR count matrix from column indices per row (repeated indices are summed, unless
    not ``canonical``: then they stay as they are, each entry 1)."""
    counts = sp.csr_matrix(
        (
            np.ones(len(indices)),
            np.fromiter(indices, dtype=np.int64, count=len(indices)),
            np.fromiter(indptr, dtype=np.int64, count=len(indptr)),
        ),
        shape=(len(indptr) - 1, n_columns),
    )
    if canonical:
        counts.sum_duplicates()
    return counts


def _vocabulary_list(vocabulary: dict[str, int]) -> list[str]:
    out = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        out[index] = term
    return out


def _tfidf_of_counts(counts: sp.csr_matrix, idf: FloatArray) -> sp.csr_matrix:
    """Sublinear TF-IDF of ``counts`` (changed in place), each row scaled to unit length."""
    counts.data = np.log(counts.data) + 1.0
    counts = counts.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ counts)


def _tfidf_values(counts: sp.csr_matrix, idf: FloatArray) -> FloatArray:
    """:func:`_tfidf_of_counts` of canonical ``counts``, value for value, in the order of
    ``counts`` (the same operations on the same numbers: each row's squares summed by
    ``np.add.reduceat`` as scipy's row sum does, then each value times the row's inverse
    norm)."""
    indptr = counts.indptr
    values: FloatArray = (np.log(counts.data) + 1.0) * idf[counts.indices]
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths))
    nonempty = np.flatnonzero(lengths)
    if len(nonempty):
        sums[nonempty] = np.add.reduceat(values * values, indptr[nonempty])
    norms = np.sqrt(sums)
    norms[norms == 0] = 1.0
    scaled: FloatArray = np.repeat(1.0 / norms, lengths) * values
    return scaled


def _crossed_design(
    counts: Sequence[tuple[sp.csr_matrix, FloatArray]],
    lexicon: FloatArray,
    topic_rows: list[int],
    n_topics: int,
) -> sp.csr_matrix | None:
    """The design matrix straight from the blocks' counts and the lexicon features: entry
    for entry and in the same order, ``_cross(hstack([tfidf blocks..., lexicon]))`` as
    ``StanceClassifier._design`` builds it when this returns None (products with it then
    sum in the same order).

    That construction lists a TF-IDF row's entries in reverse (the product with the
    diagonal of inverse norms does) and a lexicon row's in column order, and ``_cross``
    appends to each row of a known topic its reverse, shifted to the topic's block. Here
    every block's values go straight to their places. None when the counts are not
    canonical or a value is zero (the sparse operations would drop it).
    """
    n_rows = lexicon.shape[0]
    rows = np.asarray(topic_rows, dtype=np.int64)
    # each block: (values, column indices, indptr, lengths, column offset, reversed in the row)
    blocks: list[tuple[FloatArray, Any, Any, Any, int, bool]] = []
    offset = 0
    for matrix, idf in counts:
        if not matrix.has_canonical_format or matrix.shape[0] != n_rows:
            return None
        values = _tfidf_values(matrix, idf)
        if not values.all():
            return None
        indptr = matrix.indptr.astype(np.int64)
        blocks.append((values, matrix.indices, indptr, np.diff(indptr), offset, True))
        offset += matrix.shape[1]
    present = lexicon != 0
    lengths = present.sum(axis=1).astype(np.int64)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    blocks.append((lexicon[present], np.nonzero(present)[1], indptr, lengths, offset, False))
    n_columns = offset + lexicon.shape[1]
    base = sum(b[3] for b in blocks)
    if int(base.sum()) == 0:
        return None
    crossed = rows >= 0
    every = bool(crossed.all())
    out_indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.where(crossed, 2 * base, base), out=out_indptr[1:])
    total = int(out_indptr[-1])
    data = np.empty(total, dtype=np.float64)
    indices = np.empty(total, dtype=np.int64)
    shift = (rows + 1) * n_columns
    before = out_indptr[:-1].copy()  # where the block starts in each row's first part
    # the second part (a row's reverse) lists the blocks in reverse order: the last first
    second = out_indptr[:-1] + base
    seconds = []
    for block in reversed(blocks):
        seconds.append(second)
        second = second + block[3]
    for (values, cols, indptr, lengths, offset, reverse), second in zip(
        blocks, reversed(seconds), strict=True
    ):
        j = np.arange(len(values), dtype=np.int64)
        starts = indptr[:-1]
        if reverse:
            first_at = np.repeat(before + lengths - 1 + starts, lengths) - j
            second_at = np.repeat(second - starts, lengths) + j
        else:
            first_at = np.repeat(before - starts, lengths) + j
            second_at = np.repeat(second + lengths - 1 + starts, lengths) - j
        columns = cols.astype(np.int64) + offset
        data[first_at] = values
        indices[first_at] = columns
        moved = columns + np.repeat(shift, lengths)
        if every:
            data[second_at] = values
            indices[second_at] = moved
        else:
            keep = np.repeat(crossed, lengths)
            data[second_at[keep]] = values[keep]
            indices[second_at[keep]] = moved[keep]
        before = before + lengths
    return sp.csr_matrix((data, indices, out_indptr), shape=(n_rows, n_columns * (n_topics + 1)))


def _cross(base: sp.csr_matrix, topic_rows: list[int], n_topics: int) -> sp.csr_matrix:
    """``[base | block of topic 0 | ... | block of topic n-1]``, each row filling its own block.

    A row whose topic is unknown (-1) fills the shared block only.

    Built directly from ``base``'s arrays. Entry for entry and in the same order within each
    row, this is the matrix ``hstack([base] + [diags(rows == k) @ base for k ...])`` gives
    (:func:`_cross_reference`; the sparse product lists a row's entries in reverse and drops
    zeros), so that products with it sum in the same order.
    """
    rows = np.asarray(topic_rows, dtype=np.int64)
    if base.nnz == 0 or not base.data.all():  # explicit zeros: the product drops them
        return _cross_reference(base, topic_rows, n_topics)
    n_rows, n_columns = base.shape
    nnz = base.nnz
    indptr = base.indptr.astype(np.int64)
    lengths = np.diff(indptr)
    # every row reversed, rows in reverse order: row i is at nnz - indptr[i + 1] ...
    reversed_indices = base.indices[::-1].astype(np.int64)
    shift = np.repeat((rows[::-1] + 1) * n_columns, lengths[::-1])
    sources_indices = np.concatenate([base.indices.astype(np.int64), reversed_indices + shift])
    sources_data = np.concatenate([base.data, base.data[::-1]])
    # output segments, row by row: the row, then (if it has a topic) its reversed copy
    crossed = rows >= 0
    seg_start = np.empty((n_rows, 2), dtype=np.int64)
    seg_start[:, 0] = indptr[:-1]
    seg_start[:, 1] = 2 * nnz - indptr[1:]
    seg_length = np.empty((n_rows, 2), dtype=np.int64)
    seg_length[:, 0] = lengths
    seg_length[:, 1] = np.where(crossed, lengths, 0)
    seg_start = seg_start.ravel()
    seg_length = seg_length.ravel()
    out_indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(seg_length.reshape(n_rows, 2).sum(axis=1), out=out_indptr[1:])
    seg_out = np.zeros(len(seg_length), dtype=np.int64)
    np.cumsum(seg_length[:-1], out=seg_out[1:])
    gather = np.repeat(seg_start - seg_out, seg_length) + np.arange(
        int(out_indptr[-1]), dtype=np.int64
    )
    return sp.csr_matrix(
        (sources_data[gather], sources_indices[gather], out_indptr),
        shape=(n_rows, n_columns * (n_topics + 1)),
    )


def _cross_reference(base: sp.csr_matrix, topic_rows: list[int], n_topics: int) -> sp.csr_matrix:
    """:func:`_cross` the slow, obvious way (tests check they agree entry for entry)."""
    rows = np.asarray(topic_rows, dtype=np.int64)
    blocks = [base]
    for k in range(n_topics):
        mask = (rows == k).astype(np.float64)
        blocks.append(sp.csr_matrix(sp.diags(mask) @ base))
    return sp.csr_matrix(sp.hstack(blocks, format="csr"))


# --------------------------------------------------------------------------- scoring


def score_stances(
    model: StanceClassifier,
    texts: Sequence[str],
    matches: Sequence[TopicMatch],
    *,
    topics: Sequence[Topic] | None = None,
    sentiments: Sequence[float] | None = None,
    inherit: float = 0.5,
    groups: Sequence[Hashable | None] | None = None,
    pool: float = 0.75,
    opposed: Sequence[tuple[str, str]] | None = None,
    couple: float = 0.5,
    reports: Sequence[bool] | None = None,
    report_weight: float = 0.7,
) -> list[TopicStance]:
    """Stance of each ``texts[i]`` towards the target of ``matches[i].topic``, in one batch.

    One transform and one probability computation for the whole batch. ``score`` is
    P(FAVOR) - P(AGAINST), ``confidence`` the largest probability, ``cues`` the cue words
    found, ``terms`` the match's terms. ``topics`` supplies cue lexicons for topics the model
    was not trained with; ``sentiments`` (one per text) saves recomputing the sentiment.

    With ``inherit`` > 0 (the default), a carried match (``match.carried``) that shows no cue
    of its own and is scored ``NONE`` continues the stance of the nearest earlier direct
    match of its topic in the batch (the sentence it was carried from, given in text order):
    its probabilities move to that match's by the fraction ``inherit``.

    ``groups`` (one key per match, or ``None``) says whose words each text reports: the
    pipeline passes one key per speaker and article, and ``None`` for narration. With
    ``pool`` > 0, a text scored ``NONE`` that shows no cue of its own and does not talk
    about words continues the stance its group takes on the same topic elsewhere in the
    batch (a speaker's argument runs over several sentences): when at least two other texts
    of the group take a stance on the topic and their mean score leans one way (by at least
    0.2), its probabilities move by the fraction ``pool`` towards the mean of those that
    take the winning side. Narration (``None``) is never pooled.

    ``opposed`` (pairs of topic names; ``None``: ``opposed_targets`` of the default topic
    file) names topics whose targets pull against each other: where one sentence (the
    same text, matches side by side, as the pipeline passes them) holds both, the two stances
    are weighed as one position (a trade ban: sanctions FAVOR, trade AGAINST), each row
    moving by the fraction ``couple`` to their joint reading, before pooling.

    ``reports`` (one flag per match) marks texts that report events without taking a side
    (the pipeline marks the headline of a news piece when no one speaks in it: "Ministers
    widen export curbs"); their probabilities move by the fraction ``report_weight``
    towards NONE, last, so that only a text the model is very sure of keeps a side.

    >>> from stance.types import TopicMatch
    >>> [s.stance for s in score_stances(load_model(),
    ...     ["She said Washington must impose tougher sanctions."], [TopicMatch("sanctions")])]
    ['FAVOR']
    """
    if isinstance(texts, str):
        raise TypeError("texts: a sequence of strings expected, got a single string")
    if len(texts) != len(matches):
        raise ValueError(
            f"texts and matches must be aligned: got {len(texts)} texts and {len(matches)} matches"
        )
    if not texts:
        return []
    model._check()
    pairs = [(t, m.topic) for t, m in zip(texts, matches, strict=True)]
    extra = {t.name: t for t in topics} if topics else None
    design, cues = model._design(pairs, extra, sentiments)
    proba = model._proba_from_design(design)
    if inherit > 0:
        proba = _inherit(proba, matches, cues, float(inherit))
    if couple > 0:
        pairs_opposed = default_opposed_targets() if opposed is None else tuple(opposed)
        if pairs_opposed:
            proba = _couple(proba, texts, matches, pairs_opposed, float(couple))
    if groups is not None:
        if len(groups) != len(matches):
            raise ValueError(
                f"groups must be aligned with matches: got {len(groups)} keys "
                f"and {len(matches)} matches"
            )
        if pool > 0:
            mention = _context_features(model.scope_)
            proba = _pool(
                proba, matches, cues, groups, lambda i: mention(texts[i])[0] > 0, float(pool)
            )
    if reports is not None:
        if len(reports) != len(matches):
            raise ValueError(
                f"reports must be aligned with matches: got {len(reports)} flags "
                f"and {len(matches)} matches"
            )
        rows = [i for i, flag in enumerate(reports) if flag]
        if rows and report_weight > 0:
            proba = proba.copy()
            proba[rows] *= 1.0 - float(report_weight)
            proba[rows, _LABEL_INDEX["NONE"]] += float(report_weight)
    best = np.argmax(proba, axis=1)
    # whole columns at once; the same values, element for element, as row by row
    scores = np.clip(proba[:, 1] - proba[:, 0], -1.0, 1.0).tolist()
    confidences = proba[np.arange(len(best)), best].tolist()
    out: list[TopicStance] = []
    for i, (match, k) in enumerate(zip(matches, best.tolist(), strict=True)):
        out.append(
            TopicStance(
                topic=match.topic,
                stance=LABELS[k],
                score=scores[i],
                confidence=confidences[i],
                cues=cues[i],
                terms=match.terms,
                carried=match.carried,
            )
        )
    return out


def _couple(
    proba: FloatArray,
    texts: Sequence[str],
    matches: Sequence[TopicMatch],
    opposed: Sequence[tuple[str, str]],
    weight: float,
) -> FloatArray:
    """The two stances of a sentence on topics with opposed targets, weighed together.

    A sentence's matches come one after another with the same text. Where it holds both
    topics of an ``opposed`` pair, FAVOR of one is AGAINST of the other, so the two rows are
    two readings of one position: its probabilities are their product (the second row's
    FAVOR and AGAINST swapped), normalised, and each row moves to it by ``weight`` (its own
    side of it: the second row swapped back). Both rows are read before either moves.
    """
    present = {m.topic for m in matches}
    pairs = {(a, b) for a, b in opposed if a in present and b in present}
    if not pairs:
        return proba
    swap = [_LABEL_INDEX["FAVOR"], _LABEL_INDEX["AGAINST"], _LABEL_INDEX["NONE"]]
    out = proba.copy()
    start = 0
    n = len(texts)
    while start < n:
        end = start + 1
        while end < n and texts[end] == texts[start]:
            end += 1
        if end - start > 1:
            rows = {matches[i].topic: i for i in range(start, end)}
            for a, b in pairs:
                i, j = rows.get(a), rows.get(b)
                if i is None or j is None:
                    continue
                joint = proba[i] * proba[j][swap]
                total = float(joint.sum())
                if total <= 0:
                    continue
                joint = joint / total
                out[i] = weight * joint + (1.0 - weight) * proba[i]
                out[j] = weight * joint[swap] + (1.0 - weight) * proba[j]
        start = end
    return out


def _inherit(
    proba: FloatArray,
    matches: Sequence[TopicMatch],
    cues: Sequence[tuple[str, ...]],
    weight: float,
) -> FloatArray:
    """Carried, cue-less ``NONE`` rows take on the stance of their topic's last direct row."""
    out = proba.copy()
    last: dict[str, int] = {}
    none = _LABEL_INDEX["NONE"]
    for i, match in enumerate(matches):
        if not match.carried:
            last[match.topic] = i
            continue
        source = last.get(match.topic)
        if source is None or cues[i] or int(np.argmax(proba[i])) != none:
            continue
        if int(np.argmax(proba[source])) == none:
            continue
        out[i] = weight * proba[source] + (1.0 - weight) * proba[i]
    return out


def _pool(
    proba: FloatArray,
    matches: Sequence[TopicMatch],
    cues: Sequence[tuple[str, ...]],
    groups: Sequence[Hashable | None],
    mentions: Callable[[int], bool],
    weight: float,
) -> FloatArray:
    """Cue-less ``NONE`` rows take on the stance their group takes on the topic elsewhere.

    A group is one key of ``groups`` and one topic. A row qualifies when it is scored
    ``NONE``, has no cue and does not talk about words (``mentions``); at least two other
    rows of its group must take a stance, with a mean score (P(FAVOR) - P(AGAINST)) of at
    least ``_POOL_LEAN`` one way. The row's probabilities then move, by ``weight``, to the
    mean of those rows that take the winning side. Rows are judged on the scores before
    pooling, so one pooled row never moves another.
    """
    none = _LABEL_INDEX["NONE"]
    favor = _LABEL_INDEX["FAVOR"]
    against = _LABEL_INDEX["AGAINST"]
    best = np.argmax(proba, axis=1)
    members: dict[tuple[Hashable, str], list[int]] = {}
    for i, (key, match) in enumerate(zip(groups, matches, strict=True)):
        if key is not None:
            members.setdefault((key, match.topic), []).append(i)
    out = proba.copy()
    for rows in members.values():
        if len(rows) < 3:
            continue
        taking = [j for j in rows if best[j] != none]
        if len(taking) < 2:
            continue
        for i in rows:
            if best[i] != none or cues[i]:
                continue
            others = [j for j in taking if j != i]
            if len(others) < 2:
                continue
            net = float((proba[others, favor] - proba[others, against]).sum())
            if abs(net) < _POOL_LEAN * len(others) or mentions(i):
                continue
            side = [j for j in others if (best[j] == favor) == (net > 0)]
            out[i] = weight * proba[side].mean(axis=0) + (1.0 - weight) * proba[i]
    return out


# --------------------------------------------------------------------------- persistence

_ARRAYS = ("word_idf_", "char_idf_", "coef_", "intercept_", "calibration_a_", "calibration_b_")


def _json_params(model: StanceClassifier) -> dict[str, Any]:
    params: dict[str, Any] = dict(model.get_params())
    params["topics"] = None  # the fitted topics travel in "topics" below
    params["word_ngram_range"] = list(params["word_ngram_range"])
    if params["char_ngram_range"] is not None:
        params["char_ngram_range"] = list(params["char_ngram_range"])
    return params


def save_model(model: StanceClassifier, path: str | Path) -> Path:
    """Write a fitted model as ``path`` (JSON) and ``path`` with suffix ``.npz`` (weights).

    Returns the JSON path. No pickle: JSON holds the parameters, vocabularies, topics and
    scope words, NPZ the arrays.
    """
    check_is_fitted(model, ["coef_", "calibration_a_"])
    json_path = Path(path)
    if json_path.suffix != ".json":
        json_path = json_path.with_suffix(".json")
    npz_path = json_path.with_suffix(".npz")
    meta = {
        "format": _FORMAT,
        "version": MODEL_VERSION,
        "params": _json_params(model),
        "classes": list(LABELS),
        "fitted_classes": list(model.fitted_classes_),
        "topic_names": list(model.topic_names_),
        "topics": [asdict(t) for t in model.topics_],
        "scope": asdict(model.scope_),
        "sentiment_used": bool(model.sentiment_used_),
        "word_vocabulary": model.word_vocabulary_,
        "char_vocabulary": model.char_vocabulary_,
        "weights": npz_path.name,
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_npz = npz_path.with_name(npz_path.name + ".tmp.npz")
    arrays: dict[str, Any] = {
        name: np.asarray(getattr(model, name), dtype=np.float32) for name in _ARRAYS
    }
    np.savez_compressed(tmp_npz, **arrays)
    tmp_npz.replace(npz_path)
    tmp_json = json_path.with_name(json_path.name + ".tmp")
    tmp_json.write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), "utf-8")
    tmp_json.replace(json_path)
    return json_path


def _topic_from_dict(raw: dict[str, Any]) -> Topic:
    fields: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.items()}
    return Topic(**fields)


def load_model(path: str | Path | None = None) -> StanceClassifier:
    """Read a model written by :func:`save_model`; ``None`` reads the default model.

    The default model is cached: repeated calls return the same object.
    """
    if path is None:
        return _default_model()
    return _load(Path(path))


@lru_cache(maxsize=1)
def _default_model() -> StanceClassifier:
    base = files("stance") / "data" / "model"
    meta_text = (base / "model.json").read_text(encoding="utf-8")
    with (base / "model.npz").open("rb") as fh:
        arrays = dict(np.load(io.BytesIO(fh.read())))
    return _from_parts(meta_text, arrays, "stance/data/model/model.json")


def _load(json_path: Path) -> StanceClassifier:
    source = str(json_path)
    if json_path.suffix != ".json":
        json_path = json_path.with_suffix(".json")
    try:
        meta_text = json_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(source, f"cannot read model: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(source, "a model JSON file expected, got non-UTF-8 bytes") from None
    try:
        meta = json.loads(meta_text)
        npz_path = json_path.with_name(str(meta.get("weights", json_path.stem + ".npz")))
    except (json.JSONDecodeError, AttributeError):
        npz_path = json_path.with_suffix(".npz")
    try:
        with np.load(npz_path) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise InputError(str(npz_path), f"cannot read model weights: {exc}") from None
    return _from_parts(meta_text, arrays, source)


def _from_parts(meta_text: str, arrays: dict[str, Any], source: str) -> StanceClassifier:
    try:
        meta = json.loads(meta_text)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
        raise InputError(source, f"a '{_FORMAT}' JSON file expected, got something else")
    if meta.get("version") != MODEL_VERSION:
        raise InputError(
            source, f"model version {MODEL_VERSION!r} expected, got {meta.get('version')!r}"
        )
    missing = [name for name in _ARRAYS if name not in arrays]
    if missing:
        raise InputError(source, f"model weights lack {missing}")
    params = dict(meta["params"])
    params["word_ngram_range"] = tuple(params["word_ngram_range"])
    if params["char_ngram_range"] is not None:
        params["char_ngram_range"] = tuple(params["char_ngram_range"])
    topics = tuple(_topic_from_dict(t) for t in meta["topics"])
    params["topics"] = list(topics)
    model = StanceClassifier(**params)
    model.topics_ = topics
    scope: dict[str, Any] = {
        k: (tuple(v) if isinstance(v, list) else v) for k, v in meta["scope"].items()
    }
    model.scope_ = ScopeWords(**scope)
    model.classes_ = np.array(meta["classes"])
    model.fitted_classes_ = list(meta["fitted_classes"])
    model.topic_names_ = list(meta["topic_names"])
    model.sentiment_used_ = bool(meta["sentiment_used"])
    model.word_vocabulary_ = list(meta["word_vocabulary"])
    model.char_vocabulary_ = list(meta["char_vocabulary"])
    for name in _ARRAYS:
        setattr(model, name, np.asarray(arrays[name], dtype=np.float64))
    model.n_features_in_ = 2
    model._build_transformers()
    return model


# --------------------------------------------------------------------------- training data


@dataclass(frozen=True)
class TrainingRow:
    """One labelled sentence of a training file."""

    text: str
    topic: str  # "" when the sentence has no topic
    stance: Label
    line: int


def read_training_file(
    path: str | Path, topics: Sequence[Topic] | None = None
) -> list[TrainingRow]:
    """Read a CSV or JSONL training file with ``text``, ``topic`` and ``stance``.

    An empty ``topic`` marks a sentence with no topic (its stance must be NONE or empty).
    A bad row raises :class:`~stance.types.InputError` naming the file and line.
    """
    source = str(path)
    p = Path(path)
    text = read_text_file(p).removeprefix("\ufeff")  # a BOM is harmless in a label file
    known = {t.name for t in topics} if topics is not None else None
    records: list[tuple[int, dict[str, Any]]] = []
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        for lineno, raw_line in enumerate(text.splitlines(), start=1):
            if not raw_line.strip():
                continue
            try:
                obj = json.loads(raw_line)
            except json.JSONDecodeError as exc:
                raise InputError(source, f"not valid JSON: {exc.msg}", lineno) from None
            if not isinstance(obj, dict):
                raise InputError(
                    source, f"a JSON object expected, got {type(obj).__name__}", lineno
                )
            records.append((lineno, obj))
    elif p.suffix.lower() in (".csv", ".tsv"):
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter="," if p.suffix.lower() == ".csv" else "\t"
        )
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(source, "empty training file: a header row expected") from None
        header = [h.strip().lower() for h in header]
        missing = [c for c in ("text", "topic", "stance") if c not in header]
        if missing:
            raise InputError(
                source, f"columns text, topic, stance expected; header lacks {missing}", 1
            )
        start = reader.line_num + 1
        try:
            for row in reader:
                if not any(cell.strip() for cell in row):
                    start = reader.line_num + 1
                    continue
                if len(row) != len(header):
                    raise InputError(
                        source, f"{len(header)} fields expected, got {len(row)}", start
                    )
                records.append((start, dict(zip(header, row, strict=True))))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(source, f"malformed CSV: {exc}", reader.line_num) from None
    else:
        raise InputError(source, f"a .csv or .jsonl training file expected, got '{p.suffix}'")
    rows: list[TrainingRow] = []
    for lineno, rec in records:
        for key in ("text", "topic", "stance"):
            if key not in rec:
                raise InputError(source, f"missing field '{key}'", lineno)
        text_value = rec["text"]
        if not isinstance(text_value, str) or not text_value.strip():
            raise InputError(source, "'text' must be a non-empty string", lineno)
        topic = "" if rec["topic"] is None else str(rec["topic"]).strip()
        stance = "" if rec["stance"] is None else str(rec["stance"]).strip().upper()
        if not topic:
            if stance not in ("", "NONE"):
                raise InputError(
                    source, f"a sentence with no topic must have stance NONE, got {stance}", lineno
                )
            stance = "NONE"
        elif stance not in LABELS:
            raise InputError(
                source, f"stance must be FAVOR, AGAINST or NONE, got {rec['stance']!r}", lineno
            )
        if topic and known is not None and topic not in known:
            raise InputError(
                source,
                f"unknown topic {topic!r}; expected one of {sorted(known)} or empty",
                lineno,
            )
        rows.append(TrainingRow(text=text_value.strip(), topic=topic, stance=stance, line=lineno))  # type: ignore[arg-type]
    if not rows:
        raise InputError(source, "no training rows found")
    return rows


def training_pairs(
    rows: Sequence[TrainingRow], topics: Sequence[Topic]
) -> tuple[list[tuple[str, str]], list[Label]]:
    """(text, topic) pairs and labels from training rows.

    A sentence with no topic becomes a ``NONE`` example of each topic the lexicon finds in it
    (what the model will be asked about it), and is left out when none is found.
    """
    pairs: list[tuple[str, str]] = []
    labels: list[Label] = []
    untopical = [r for r in rows if not r.topic]
    found = detect_topics(
        [
            Sentence("train", i, 0, len(r.text), r.text, paragraph=i)
            for i, r in enumerate(untopical)
        ],
        topics,
    )
    false_topics = {id(r): [m.topic for m in ms] for r, ms in zip(untopical, found, strict=True)}
    for r in rows:
        if r.topic:
            pairs.append((r.text, r.topic))
            labels.append(r.stance)
        else:
            for name in false_topics[id(r)]:
                pairs.append((r.text, name))
                labels.append("NONE")
    return pairs, labels


def train_model(
    data_path: str | Path, topics_path: str | Path | None = None, **params: Any
) -> StanceClassifier:
    """Train a :class:`StanceClassifier` on a user's CSV/JSONL (columns text, topic, stance).

    ``topics_path`` is a topic file (added to or replacing the defaults, per its mode) whose
    cues feed the model; extra keyword arguments are estimator parameters.
    """
    topics = load_topics(topics_path)
    rows = read_training_file(data_path, topics)
    pairs, labels = training_pairs(rows, topics)
    if len(set(labels)) < 2:
        raise InputError(
            str(data_path),
            f"at least two different stances expected, got only {sorted(set(labels))}",
        )
    return StanceClassifier(topics=topics, **params).fit(pairs, labels)
