"""A learned speaker ranker for the sentences the attribution rules leave without a speaker.

News reports views as often as words: "X believes …", "in X's view …", "X has long
maintained …", "X's campaign has argued …", and paraphrase that goes on with the last
speaker. The rules in :mod:`stance.speakers` decide every sentence they have a cue for; for
the others this module scores each candidate speaker — the names and the subject of the
sentence, and the speaker of the sentences before — with a logistic regression over about
twenty generic features each (the mention's kind and position, the words right before and
after it and how often the training articles use them as a reporting cue, quotes, first
person, paragraph breaks, who spoke last), and gives the sentence to the best candidate
when its probability passes a threshold. A verb after a modal ("X would hope") is never
taken, as for the rules' cues.

The weights and the cue rates (``stance/data/speakers/ranker.json``) are learned offline by
``benchmarks/train_attribution.py``; the file holds numbers and generic feature names
(lower-case words such as ``v=believes``), never text from the training articles.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

from ._coref import Entity, Mention, Tok
from .types import InputError, Sentence

__all__ = ["Candidate", "RankerWeights", "Words", "fill", "load_weights"]

_FORMAT = "stance-speaker-ranker"
_VERSION = 1


@dataclass(frozen=True)
class RankerWeights:
    """A logistic regression over string features: ``P = σ(bias + Σ weights[f])``."""

    bias: float
    weights: dict[str, float]
    threshold: float  # the smallest probability that gives a sentence a speaker
    meta: dict[str, Any] = field(default_factory=dict)
    # lower-case word -> the share of its occurrences inside a reporting cue in the
    # training articles (a learned cue lexicon: "believes", "view", "vowed" …)
    cue_rates: dict[str, float] = field(default_factory=dict)

    def rate(self, word: str) -> str:
        """The cue rate of ``word`` as a feature value (a bin)."""
        r = self.cue_rates.get(word)
        if r is None:
            return "0"
        return "1" if r < 0.1 else "2" if r < 0.25 else "3" if r < 0.5 else "4"

    def probability(self, features: Sequence[str]) -> float:
        w = self.weights
        z = self.bias
        for f in features:
            z += w.get(f, 0.0)
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def _parse(data: object, source: str) -> RankerWeights:
    if not isinstance(data, dict):
        raise InputError(source, f"expected a JSON object, found {type(data).__name__}")
    if data.get("format") != _FORMAT or data.get("version") != _VERSION:
        raise InputError(
            source,
            f"expected format {_FORMAT!r} version {_VERSION}, "
            f"found {data.get('format')!r} version {data.get('version')!r}",
        )
    weights = data.get("weights")
    bias = data.get("bias")
    threshold = data.get("threshold")
    if not isinstance(weights, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) for k, v in weights.items()
    ):
        raise InputError(source, "expected 'weights' to map feature names to numbers")
    if not isinstance(bias, int | float) or not isinstance(threshold, int | float):
        raise InputError(source, "expected numbers for 'bias' and 'threshold'")
    if not 0.0 < threshold < 1.0:
        raise InputError(source, f"expected a threshold in (0, 1), found {threshold}")
    rates = data.get("cue_rates", {})
    if not isinstance(rates, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) and 0.0 <= v <= 1.0
        for k, v in rates.items()
    ):
        raise InputError(source, "expected 'cue_rates' to map words to shares in [0, 1]")
    meta = data.get("meta", {})
    return RankerWeights(
        float(bias),
        {k: float(v) for k, v in weights.items()},
        float(threshold),
        meta if isinstance(meta, dict) else {},
        {k: float(v) for k, v in rates.items()},
    )


def load_weights(path: str | Path | None = None) -> RankerWeights:
    """The ranker's weights: the shipped file, or ``path``."""
    if path is None:
        return _default_weights()
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(p), f"cannot read the ranker weights: {exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(str(p), f"not valid JSON: {exc}", exc.lineno) from exc
    return _parse(data, str(p))


@lru_cache(maxsize=1)
def _default_weights() -> RankerWeights:
    res = files("stance") / "data" / "speakers" / "ranker.json"
    return _parse(json.loads(res.read_text(encoding="utf-8")), "stance/data/speakers/ranker.json")


# ---------------------------------------------------------------------------------------
# candidates and features


@dataclass
class Candidate:
    """A possible speaker written in the sentence: tokens ``[start, end)`` of the sentence's
    tokens (quotes hidden), and the entities it refers to (``mention`` when they are made
    only if the candidate wins: an unnamed group or description)."""

    start: int
    end: int
    kind: str
    entities: list[Entity]
    subject: bool = False
    mention: Mention | None = None
    verb: int = -1  # the token of the verb after it (set with the features), -1: none


@dataclass(frozen=True)
class Words:
    """Closed word classes the features are written in terms of (from ``speakers``)."""

    skip: frozenset[str]  # adverbs and auxiliaries between a subject and its verb
    cues: frozenset[str]  # the rules' reporting cues
    modals: frozenset[str]
    closed: frozenset[str]  # closed-class words a sentence may start with


class SentenceView(Protocol):
    """What the ranker reads and writes of one sentence (``speakers._Info``)."""

    sentence: Sentence
    toks: list[Tok]
    speakers: list[Entity]
    kind: str
    cue: str | None
    confidence: float
    quoted: float
    blocked: bool
    refused: bool
    first_person: bool
    candidates: list[Candidate]


@dataclass(frozen=True)
class Record:
    """One scored candidate, as the training script sees it."""

    sentence: int
    span: tuple[int, int] | None  # character offsets in the article; None: continuation
    names: tuple[str, ...]  # the name forms of the candidate's entities
    features: tuple[str, ...]


# set by benchmarks/train_attribution.py: candidates are recorded, nothing is changed
RECORDER: list[Record] | None = None


def _word(t: Tok) -> str:
    """A token as a feature: lower-case words as they are; names and numbers by class."""
    if t.cap:
        return "CAP"
    if t.text[:1].isdigit():
        return "NUM"
    return t.low


def _after_verb(t: Tok, words: Words) -> str:
    """The class of the token after a verb: "that", a mark, "to", a name, a number, a
    closed-class word as itself, or any other word."""
    if t.low == "that" or t.low == "to" or t.low in words.closed:
        return t.low
    if not t.text[:1].isalnum():
        return "P" + t.text[:1]
    if t.cap:
        return "CAP"
    if t.text[:1].isdigit():
        return "NUM"
    return "w"


def _bucket(x: int, top: int) -> str:
    return str(x if x < top else top)


def _mention_features(
    info: SentenceView,
    cand: Candidate,
    words: Words,
    w: RankerWeights,
    n_cands: int,
    recent: dict[int, int],
    prev: list[Entity],
) -> list[str]:
    """Features of a candidate written in the sentence: its kind and place, the words
    around it (names and numbers as classes), their cue rates, quotes, first person, and
    when its entity last spoke (``recent``: entity id -> sentence) or whether it is the
    previous speaker (``prev``)."""
    toks = info.toks
    n = len(toks)
    a, b = cand.start, cand.end
    i = info.sentence.index
    skip = words.skip
    f = ["m", "k=" + cand.kind, "nc=" + _bucket(n_cands, 3)]
    if cand.subject:
        f.append("subj")
        f.append("ks=" + cand.kind)
    if a <= 1:
        f.append("first")
    f.append("pos=" + _bucket(4 * a // max(1, n), 3))
    last = toks[b - 1] if b > 0 else None
    if last is not None and last.poss:
        f.append("poss")
        if b < n:
            f.append("pn=" + _word(toks[b]))
            f.append("pcr=" + w.rate(toks[b].low))
    if b < n:
        nxt = toks[b]
        f.append("v1=" + _word(nxt))
        c = b
        if nxt.text == "," and cand.subject:
            # "X, the state's governor, has long argued": the verb after the apposition
            c = next((p + 1 for p in range(b + 1, min(n, b + 14)) if toks[p].text == ","), b)
            if c > b:
                f.append("appos")
        start_c = c
        while c < n and (toks[c].low in skip or toks[c].low.endswith("ly")):
            c += 1
        if c < n:
            cand.verb = c
            v = _word(toks[c])
            f.append("v=" + v)
            if c + 1 < n:
                f.append("vv=" + v + "_" + _word(toks[c + 1]))
            cr = w.rate(toks[c].low)
            f.append("cr=" + cr)
            f.append("kcr=" + cand.kind + cr)
            if cand.subject:
                f.append("sv=" + v)
                f.append("scr=" + cr)
            if toks[c].low in words.cues:
                f.append("vcue")
            if c > start_c:
                f.append("aux")
                if any(t.low in words.modals for t in toks[start_c:c]):
                    f.append("mod")
            for t in toks[c + 1 : c + 4]:
                if t.low == "that" or t.text in {":", '"'}:
                    f.append("cl")
                    break
            # what follows the verb, with its cue rate: "declared that" is a report,
            # "declared war" an event
            f.append("ro=" + cr + "_" + (_after_verb(toks[c + 1], words) if c + 1 < n else "end"))
    else:
        f.append("end")
    if a > 0:
        f.append("b1=" + _word(toks[a - 1]))
        f.append("bcr=" + w.rate(toks[a - 1].low))
        if a > 1:
            f.append("b2=" + _word(toks[a - 2]) + "_" + _word(toks[a - 1]))
    else:
        f.append("start")
    if info.quoted > 0.3:
        f.append("q")
    if info.first_person:
        f.append("fp")
    if info.blocked:
        f.append("blk")
    ents = cand.entities
    if cand.kind in {"pronoun", "desc"} and ents:
        f.append("pe=" + ents[0].kind)
    if ents:
        gap = min((i - recent[e.id] for e in ents if e.id in recent), default=99)
        f.append("rec=" + _bucket(gap, 4) if gap < 99 else "rec=none")
        if any(e in prev for e in ents):
            f.append("isprev")
    else:
        f.append("rec=new")
    return f


def _continuation_features(
    info: SentenceView,
    prev_info: SentenceView,
    gap: int,
    n_cands: int,
    subj_other: bool,
    words: Words,
) -> list[str]:
    """Features of "the speaker of ``prev_info`` goes on": distance in sentences and
    paragraphs, how that sentence was attributed, quotes, first person, another subject."""
    s = info.sentence
    para = s.paragraph - prev_info.sentence.paragraph
    f = [
        "c",
        "c_para=" + _bucket(para, 2),
        "c_gap=" + _bucket(gap, 3),
        "c_kind=" + prev_info.kind,
        "c_nc=" + _bucket(n_cands, 3),
    ]
    if info.quoted > 0.5:
        f.append("c_q")
    if info.first_person:
        f.append("c_fp")
    if info.blocked:
        f.append("c_blk")
    if subj_other:
        f.append("c_other")
    toks = info.toks
    if toks:
        w0 = toks[0].low
        f.append("c_w0=" + (w0 if w0 in words.closed else "other"))
    if s.paragraph != prev_info.sentence.paragraph and info.quoted > 0.3:
        f.append("c_newpara_q")
    return f


def fill(
    infos: Sequence[SentenceView],
    words: Words,
    create: Callable[[Mention, int], list[Entity]],
    weights: RankerWeights | None = None,
) -> None:
    """Give the sentences the rules left without a speaker to the best candidate whose
    probability passes the threshold (in reading order, so that a sentence given a speaker
    here may be continued by the next)."""
    recording = RECORDER
    w = weights if weights is not None else _default_weights()
    recent: dict[int, int] = {}
    prev_info: SentenceView | None = None
    for info in infos:
        s = info.sentence
        i = s.index
        if s.headline:
            prev_info = None  # a headline neither continues nor is continued
        if info.speakers:
            prev_info = None if s.headline else info
            for e in info.speakers:
                recent[e.id] = i
            continue
        if info.refused:
            continue
        cands = info.candidates
        prev = prev_info.speakers if prev_info is not None else []
        scored: list[tuple[list[str], Candidate | None]] = []
        n_cands = len(cands)
        for c in cands:
            feats = _mention_features(info, c, words, w, n_cands, recent, prev)
            if s.headline:
                feats = ["hl", *("hl_" + f for f in feats if f.startswith(("k=", "v=", "subj")))]
            scored.append((feats, c))
        if prev_info is not None:
            subj_other = any(x.subject and not any(e in prev for e in x.entities) for x in cands)
            gap = i - prev_info.sentence.index
            scored.append(
                (_continuation_features(info, prev_info, gap, n_cands, subj_other, words), None)
            )
        if not scored:
            continue
        if recording is not None:
            for feats, cand in scored:
                span: tuple[int, int] | None = None
                ents = prev
                if cand is not None:
                    toks = info.toks
                    span = (s.start + toks[cand.start].start, s.start + toks[cand.end - 1].end)
                    ents = cand.entities
                names = tuple(" ".join(f) for e in ents for f in e.forms)
                if cand is not None and not ents and cand.mention is not None:
                    names = (cand.mention.text,)
                recording.append(Record(i, span, names, tuple(feats)))
            continue
        best_p = -1.0
        best: Candidate | None = None
        for feats, cand in scored:
            if "mod" in feats:
                continue  # "X would hope …": not a report, as for the rules' cues
            p = w.probability(feats)
            if p > best_p:
                best_p, best = p, cand
        if best_p < w.threshold:
            continue
        if best is None:
            assert prev_info is not None
            speakers = list(prev_info.speakers)
            kind = "continuation"
            cue = None
        else:
            speakers = list(best.entities)
            if not speakers and best.mention is not None:
                speakers = create(best.mention, i)
            kind = "headline" if s.headline else "indirect"
            cue = info.toks[best.verb].low if best.verb >= 0 else None
        if not speakers:
            continue
        info.speakers = speakers
        info.kind = kind
        info.cue = cue
        info.confidence = round(0.9 * best_p, 3)
        prev_info = None if s.headline else info
        for e in speakers:
            recent[e.id] = i
