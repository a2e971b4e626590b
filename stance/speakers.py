"""Speaker attribution: who is speaking in each sentence of an article.

``attribute(article, sentences)`` gives one :class:`~stance.types.Attribution` per sentence
(aligned with ``sentences``) and the article's speaker :class:`~stance.types.Entity` list,
following ``ANNOTATION.md``:

- reporting cues (``stance/data/speakers/verbs.txt``) with the speaker before them
  ("X said", "X, a former negotiator, said", "X — who … — told", "X is calling for",
  "officials who spoke with the paper said", "60 percent of voters say"), after them
  (", said X", ", said another volunteer, X", "according to X", "first reported by X")
  or as a headline's subject ("X warns …", "… - X", "X: …", "X on Y: …"); a dateline
  ("OSLO (AP) — ") is skipped, and a closing "…, the agency reported." names who reports
  a sentence whose other cues are participles;
- direct quotes (``“…,” X said``) give every sentence inside the quote to X, including
  quotes that run over several sentences or paragraphs;
- pronouns, role descriptions ("the Danish diplomat", "the two diplomats") and
  organisation heads ("the fund") are resolved by salience, role, affiliation and number;
- a sentence without a cue that goes on with the speaker of the sentence before it in the
  same paragraph belongs to that speaker (``kind="continuation"``); narration is ``()``;
- unnamed and collective sources ("U.S. officials", "the foreign ministry") are speakers
  named by their description without a leading article.
- a sentence the rules leave without a speaker goes to a learned ranker
  (``stance/_ranker.py``, weights in ``stance/data/speakers/ranker.json``): the names and
  the subject written in it, and the previous speaker, are scored by a logistic regression,
  and the best one speaks when it is likely enough ("X sees the plan as …", "In X's view, …").

No model is downloaded: names are capitalised spans, titles and nationality adjectives
come from word lists shipped in ``stance/data/speakers/``.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from operator import attrgetter, itemgetter
from pathlib import Path

from ._coref import (
    DETERMINERS,
    Context,
    Entity,
    Mention,
    Registry,
    Tok,
    interpret,
    parse_left,
    parse_right,
    tokenize,
)
from ._entities import SpeakerLexicon, lexicon, time_words, word_classes
from ._interviews import InterviewReader, find_interview
from ._quotes import QuoteRegion, find_quotes, mask_quotes
from ._ranker import Candidate, Words
from ._ranker import fill as _rank_unattributed
from .types import Article, ArticleSpeakers, Attribution, EntityKind, InputError, Sentence
from .types import Entity as EntityRecord

__all__ = ["attribute", "canonicalize_across", "load_aliases"]

# a capitalised word after a word or comma and a space (the space first: a fast literal scan)
_MID_CAP = re.compile(r" (?<=[\w,;’'”)] )([A-Z][\w’'\-]*)")
# a word in lower case (its first letter matched before the look back: a faster scan)
_LOWER_WORD = re.compile(r"[a-z](?<![\w’'.-][a-z])[a-z’'\-]*")
# (what _MidCaps and _LowerVocab answer for one word at a time, without the scans above)
_LOWER_RUN = re.compile(r"[a-z][a-z’'\-]*")  # what _LOWER_WORD matches, alone
_LOWER_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz’'-")
_WORD_MARKS = frozenset("’'.-")  # beside the word characters, what no lower word follows
_CAP_RUN = re.compile(r"[A-Z][\w’'\-]*")  # what _MID_CAP's group matches, alone
_CAP_RUN_MARKS = frozenset("’'-")  # beside the word characters, what a capitalised word holds
_BEFORE_MID_CAP = frozenset(",;’'”)")  # beside the word characters, before the space
_W = word_classes()
_SKIP_LEFT = _W["skip_left"]
_MODALS = _W["modals"]
_CLAUSE_VERBS = _W["clause_verbs"]
_PASSIVE = _W["passive"]
_NOUN_BEFORE = DETERMINERS | _W["noun_before"]
_AFTER_INVERTED = frozenset({",", ".", "(", ";", ":", '"', "!", "?", "—", "–", "-"})
_CLAUSE_PUNCT = frozenset({"—", "–", ":", "--"})
_PAIRED_DASHES = frozenset({"—", "–", "-"})
_OF = _W["owner_prepositions"]
_BEFORE_WHO = frozenset({",", "—", "–", "-", "("})
_COMMA_QUOTE = (",”", ',"', ",’", ",'")  # a quotation closed by its comma
# a dateline: "OSLO, May 3 (AP) — ", "Oslo (AFP) - " (capitalised place, optional date and
# agency, then a dash)
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’\- ]*[A-Z.](?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?"
    r"(?:,?\s[A-Z][a-z]{2,4}\.?\s\d{1,2})?(?:\s?\([A-Za-z .\-]{2,30}\))?"
    r"|[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2}\s?\([A-Za-z .\-]{2,30}\))\s?[-–—]{1,2}\s"
)
_SENTENCE_END = frozenset({".", "!", "?", '"', "”", ")"})
_INVERSION_BEFORE = frozenset({",", '"', "—", "–", "--", ":", ";"})
_COORD = _W["coordinators"]
_PROPORTIONS = _W["proportions"]
_PREPOSITIONS = (_W["intro"] - _W["coordinators"]) | _W["postmodifier_prepositions"]
_INTRO = _W["intro"]
_TIME_LEAD = _W["time_lead"]
_SUBORDINATORS = _W["subordinators"]
_FIRST_PERSON = frozenset(_W["first_person"])
_DASH_NAME = re.compile(r"\s[-–—]\s*((?:[A-Z][\w’'.\-]*\s?){1,4})\s*$")
_COLON_NAME = re.compile(r"^\s*((?:[A-Z][\w’'.\-]*\s?){1,4}):\s")
# a quotation's signature at the end of its sentence: "― Ana Ruiz", "— Tom Berg."
_SIGNATURE = re.compile(
    r"(?:^|\s|(?<=[”\"’]))\s*([―—–]|-)\s*((?:[A-Z][\w’'.\-]*\s?){1,4}?)\s*\.?\s*$"
)
_CLOSING_QUOTES = ("”", '"', "’", "'")
_DASHES = frozenset("―—–-")
# "X on the rent rules: …" (a headline giving X's view on a subject)
_ON_COLON_NAME = re.compile(r"^\s*((?:[A-Z][\w’'.\-]*\s){1,4})on\s[^:]{1,80}:\s")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_YEAR_FIRST = frozenset("12")  # the first digit of every year ``_YEAR`` takes
# an interview's question and answer labels ("Q: …", "A: …")
_QA_LABEL = re.compile(
    r"^\s*("
    + "|".join(
        sorted(
            map(re.escape, _W["question_labels"] | _W["answer_labels"]),
            key=lambda w: (-len(w), w),
        )
    )
    + r")\s?:\s",
    re.IGNORECASE,
)
# a transcript's speaker label in capitals ("SOLVANG: …", "MARCUS DELAHUNT: …")
_CAPS_LABEL = re.compile(r"^\s*[\"“]?([A-Z][A-Z’'\-]+(?: [A-Z][A-Z’'\-]+){0,3}):\s")
_CAPS_WORD = re.compile(r"[A-Z]+")
# number words ("three", "dozens") of the closed classes
_NUMBER_WORDS: frozenset[str] = frozenset().union(
    *(_W[c] for c in ("number_two", "number_three", "number_four", "number_five"))
)
_LOW = itemgetter(1)  # of a Tok
_NAME_KEY = itemgetter(0, 4, 5)  # a Tok's text, cap and poss
_CAP = itemgetter(4)  # of a Tok
_START = itemgetter(2)  # of a Tok
_SALIENCE_MARKS = attrgetter("mentioned", "first_seen")  # of an Entity


# ---------------------------------------------------------------------------------------
# per-sentence records


@dataclass(slots=True)
class _Cue:
    start: int  # character offsets in the sentence
    end: int
    form: str
    speakers: list[Entity]
    direct_before: bool = False  # speaker stated before the quote it introduces


@dataclass(slots=True)
class _Info:
    sentence: Sentence
    toks: list[Tok]
    ctx: Context
    cues: list[_Cue] = field(default_factory=list)
    speakers: list[Entity] = field(default_factory=list)
    kind: str = "none"
    cue: str | None = None
    confidence: float = 0.0
    blocked: bool = False  # narration that breaks a continuation
    quoted: float = 0.0  # share of the sentence inside quote marks
    subject: Entity | None = None  # the main clause's subject, when it is an entity
    subject_mention: Mention | None = None  # the main clause's subject phrase
    masked: str = ""  # the sentence with quoted text hidden
    names: list[Mention] = field(default_factory=list)  # names outside quotes
    sentence_colon: bool = False  # part of what a "X said:" lead-in introduced
    lows: list[str] = field(default_factory=list)  # the tokens' lower-case forms
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # of ``names``, in chars
    refused: bool = False  # "declined to comment" and the like
    first_person: bool = False  # first person outside quotes (set for the ranker only)
    # entity id -> (mentioned, first_seen) before this sentence's names were read
    earlier: dict[int, tuple[int, int]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)  # for the ranker


class _Registry(Registry):
    """The article's entities, and who issued the documents it quotes."""

    def __init__(self) -> None:
        super().__init__()
        # a document's head word ("statement") -> who issued it ("a joint statement
        # that X and Y signed"), for a later "the statement said"
        self.documents: dict[str, list[Entity]] = {}
        # sentence index -> head word of the document that is its subject ("The letter
        # moved on to …"), for an "it said" in the next sentence
        self.doc_subjects: dict[int, str] = {}
        # a document's head word -> the sentence its issuers were read in ("A study
        # released by a group of economists found …": the economists, in that sentence)
        self.doc_sentence: dict[str, int] = {}
        # headline descriptions no entity matched when the headline was read
        # (sentence, mention, cue form, the mention's text as written)
        self.pending_headlines: list[tuple[int, Mention, str, str]] = []

    def most_salient_person(self, sentence: int) -> list[Entity]:
        """The person the article has made most salient by ``sentence``, of either gender
        (whom an interview's "A: …" answers come from), when anyone is salient enough."""
        function_words = lexicon().function_words
        pool = [
            e
            for e in self.entities
            if e.first_seen <= sentence
            and e.kind == "person"
            # not the "Q" of "Q&A: …", nor the "No." opening an answer
            and any(
                len(" ".join(f)) > 2 and " ".join(f).rstrip(".").lower() not in function_words
                for f in e.forms
            )
        ]
        if not pool:
            return []
        best = max(pool, key=lambda e: self.salience(e, sentence))
        return [best] if self.salience(best, sentence) >= -2.5 else []


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what ``\w`` matches


class _LowerVocab:
    """The words ``_LOWER_WORD`` finds in a text, as a container asked about one word at a
    time. Only a few words an article are ever asked about (capitalised first words of
    sentences), so each is looked for with ``str.find`` when first asked (and remembered)
    instead of every lower-case word of the article being collected."""

    __slots__ = ("_seen", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._seen: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        """Is ``word`` a whole match of ``_LOWER_WORD`` somewhere: written with no word
        character or mark right before it, and no letter or mark of a lower word right
        after it?"""
        if _LOWER_RUN.fullmatch(word) is None:
            return False
        text = self._text
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            before = text[at - 1] if at else " "
            if not (_word_char(before) or before in _WORD_MARKS) and (
                end == len(text) or text[end] not in _LOWER_RUN_CHARS
            ):
                return True
            at = text.find(word, at + 1)
        return False


class _MidCaps(_LowerVocab):
    """The words ``_MID_CAP`` finds in a text, asked about one at a time (as above)."""

    __slots__ = ()

    def _find(self, word: str) -> bool:
        """Is ``word`` a whole capitalised word after a word character (or a comma, …) and
        a space, with no word character or inner mark right after it?"""
        if _CAP_RUN.fullmatch(word) is None:
            return False
        text = self._text
        at = text.find(word, 2)
        while at >= 0:
            end = at + len(word)
            before = text[at - 2]
            if (
                text[at - 1] == " "
                and (_word_char(before) or before in _BEFORE_MID_CAP)
                and (end == len(text) or not (_word_char(text[end]) or text[end] in _CAP_RUN_MARKS))
            ):
                return True
            at = text.find(word, at + 1)
        return False


def _document_issuers(info: _Info, reg: _Registry, i: int) -> None:
    """Record who issued a document the sentence introduces: "a joint statement issued
    after talks between X and Y", "a letter signed by X" (the names after the
    preposition, up to the next semicolon)."""
    lex = info.ctx.lex
    lows = info.lows
    if lex.documents.isdisjoint(lows) or _W["issued_by"].isdisjoint(lows):
        return
    toks = info.toks
    for p, low in enumerate(lows):
        if low not in lex.documents or not any(
            w in _W["indefinite"] for w in lows[max(0, p - 3) : p]
        ):
            continue
        q = next(
            (q for q in range(p + 1, min(len(lows), p + 6)) if lows[q] in _W["issued_by"]),
            None,
        )
        if q is None:
            continue
        stop = next((t.start for t in toks[q:] if t.text == ";"), len(info.sentence.text))
        ents: list[Entity] = []
        listed = _mention_at(info, parse_right(toks, q + 1, info.ctx), info.sentence.text)
        if listed is not None and listed.kind == "conj":  # "signed by X and Y"
            ents = _resolve(listed, info, reg, i, info.sentence.text, [])
        for m, (a, _) in zip(info.names, info.name_spans, strict=True):
            if toks[q].end <= a < stop and m.kind in {"person", "org"}:
                ent = reg.link(m, i)
                if ent is not None and ent not in ents:
                    ents.append(ent)
        if (
            not ents
            and listed is not None
            and listed.kind == "org"
            and listed.text.islower()
            and listed.end + 1 < len(toks)
            and toks[listed.end].low in _W["owner_prepositions"]
        ):
            # "by a group of economists": the economists
            listed = _mention_at(
                info, parse_right(toks, listed.end + 1, info.ctx), info.sentence.text
            )
        if not ents and listed is not None and listed.kind in {"group", "desc"}:
            # "a study released on Monday by economists": an unnamed source
            ents = _resolve(listed, info, reg, i, info.sentence.text, [])
        if ents:
            reg.documents[low] = ents
            reg.doc_sentence[low] = i


def _document_authors(info: _Info, reg: _Registry, i: int) -> None:
    """Record who wrote a document the article already named, where the text says so:
    "The memo, which the paper has read, went out on May 2 from the mission's chief,
    Ambassador X, to …" (the first person named after "by", else the first organisation;
    "seen by", "obtained by" name readers, not authors)."""
    lex = info.ctx.lex
    lows = info.lows
    if lex.documents.isdisjoint(lows) or _W["authoring_participles"].isdisjoint(lows):
        return
    toks = info.toks
    text = info.sentence.text
    for p, low in enumerate(lows):
        if low not in lex.documents or not any(
            w in _W["definite"] for w in lows[max(0, p - 3) : p]
        ):
            continue
        q = next(
            (
                q
                for q in range(p + 2, min(len(lows), p + 16))
                if lows[q] == "by"
                and any(w in _W["authoring_participles"] for w in lows[max(p, q - 5) : q])
                and lows[q - 1] not in _W["viewing_participles"]
            ),
            None,
        )
        if q is None:
            continue
        stop = next((t.start for t in toks[q:] if t.text == ";"), len(text))
        found = [
            m
            for m, (a, _) in zip(info.names, info.name_spans, strict=True)
            if toks[q].end <= a < stop and m.kind in {"person", "org"}
        ]
        people = [m for m in found if m.kind == "person"]
        best = people[0] if people else found[0] if found else None
        ent = reg.link(best, i) if best is not None else None
        if ent is not None:
            reg.documents[low] = [ent]


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    lex = lexicon()
    words = {t for key in lex.titles for t in key.split() if t.endswith(".")}
    words |= _W["abbreviations"]
    return frozenset(words)


def _lower_initial(
    toks: list[Tok], lex: SpeakerLexicon, first: int | None = None, clauses: bool = True
) -> list[Tok]:
    """A sentence's first word (or the first after a dash or colon) read in lower case
    when it is a listed common word ("Diplomats said …", "WASHINGTON — Supporters of …").
    ``first``: the first word's index when known; ``clauses``: whether the sentence may
    hold a dash or colon at all."""
    starts = [_first_word(toks) if first is None else first]
    if clauses:
        starts += [n + 1 for n, t in enumerate(toks[:-1]) if t.text in _CLAUSE_PUNCT]
    for k in starts:
        if k >= len(toks):
            continue
        t = toks[k]
        if not t.cap:
            continue
        low = t.low
        if not t.text.isupper() and (
            low in lex.collectives
            or low in lex.documents
            or low in DETERMINERS
            or (low in lex.titles and not low.endswith("."))
            or (low.endswith("s") and low[:-1] in lex.titles)
        ):
            toks = [*toks[:k], t._replace(cap=False), *toks[k + 1 :]]
    return toks


# a live blog's time glued to the heading after it: "9:52PMAna Ruiz Says …"
_CLOCK_GLUED = re.compile(r"\d[:.]\d\d ?[AaPp]\.?[Mm]\.?(?: ?[A-Z][a-z])")
_CLOCK_PREFIX = re.compile(r"[AaPp]\.?[Mm]\.?(?=[A-Z][a-z]|$)")
_CLOCK_TIME = re.compile(r"\d{1,2}[:.]\d\d")


def _unglue_clock(toks: list[Tok]) -> list[Tok]:
    """After a time ("9:52"), "PM" is the clock's: taken off a name it is glued to ("PMAna")
    and no title before a name ("PM Ana Ruiz")."""
    out = list(toks)
    for i in range(1, len(out)):
        t = out[i]
        cut = _CLOCK_PREFIX.match(t.text)
        if cut is not None and _CLOCK_TIME.fullmatch(out[i - 1].text):
            word = t.text[cut.end() :]
            if word:
                out[i] = Tok(word, word.lower(), t.start + cut.end(), t.end, True, t.poss)
            else:  # "9:52 PM Ana Ruiz said": the clock's "PM" is no title
                out[i] = t._replace(text=t.low, cap=False)
    return out


def _hide_quoted(toks: list[Tok], masked: str) -> list[Tok]:
    """The tokens outside quotes; each quoted stretch becomes one ``"`` token."""
    out: list[Tok] = []
    # whether each token is hidden, then the runs between changes (a few a sentence)
    hidden = list(map('"'.__eq__, map(masked.__getitem__, map(_START, toks))))
    n = len(toks)
    k = 0
    while k < n:
        inside = hidden[k]
        try:
            e = hidden.index(not inside, k)
        except ValueError:
            e = n
        if inside:
            out.append(Tok('"', '"', toks[k].start, toks[e - 1].end, False, False))
        else:
            out.extend(toks[k:e])
        k = e
    return out


def _title_case(toks: list[Tok]) -> bool:
    """A headline written in title case inside the body ("Ana Ruiz Says The Plan Is
    Dead"): five words or more, nearly all capitalised."""
    n = upper = 0
    most_lower = 0.2 * len(toks)  # more lower-case words than this: not title case
    for t in toks:
        c = t.text[:1]
        if c.isalpha():
            n += 1
            if c.isupper():
                upper += 1
            elif n - upper > most_lower:
                return False
    if n < 5:
        return False
    return upper >= 0.85 * n


def _first_word(toks: list[Tok], after: int = 0) -> int:
    """The first word of a sentence (after a dateline ending at offset ``after``, if any)."""
    for idx, t in enumerate(toks):
        if t.text[:1].isalpha() and t.start >= after:
            return idx
    return 0


def _mention_at(info: _Info, span: tuple[int, int] | None, text: str) -> Mention | None:
    if span is None or span[0] >= span[1]:
        return None
    m = interpret(info.toks, span, info.ctx, text)
    if _role_of_place(info.toks, span, m):
        # "the governor of Texas", "the mayor of Molde": a description, placed by its name
        desc = _strip_leading(text[info.toks[span[0]].start : info.toks[span[1] - 1].end])
        return replace(m, kind="desc", text=desc, name=(), affiliation=m.affiliation or m.text)
    if m.kind == "org" and len(m.name) == 1 and span[1] - span[0] > 1:
        return _plural_owner_name(info, span, m, text)
    return m


def _role_of_place(toks: list[Tok], span: tuple[int, int], m: Mention) -> bool:
    """Is ``m`` a title, "of" or "for" and a place or field ("the governor of Vestland", "the
    minister for Europe"), read as a name?"""
    return (
        m.kind in {"person", "place"}
        and m.role is not None
        and 0 < len(m.name) <= 2
        and span[1] - len(m.name) - 1 > span[0]
        and toks[span[1] - len(m.name) - 1].low in _W["title_place_links"]
        and toks[span[1] - 1].text == m.name[-1]
    )


def _plural_owner_name(info: _Info, span: tuple[int, int], m: Mention, text: str) -> Mention:
    """ "the Molde Teachers' Association": a capitalised plural possessive before an
    organisation's head is part of its name, not its owner."""
    toks = info.toks
    head = span[1] - 1
    prev = toks[head - 1]
    if not (
        toks[head].text == m.name[0]
        and prev.poss
        and prev.cap
        and prev.text.endswith("s")
        and text[prev.end - 1] in "'’"
    ):
        return m
    start = head - 1
    while start > span[0] and toks[start - 1].cap and not toks[start - 1].poss:
        start -= 1
    name = text[toks[start].start : toks[head].end]
    return replace(m, text=name, name=tuple(name.split()))


# ---------------------------------------------------------------------------------------
# entities


def _name_spans(toks: list[Tok], ctx: Context) -> list[tuple[int, int]]:
    """Maximal noun-phrase runs holding a capitalised word (for the name pre-pass)."""
    spans: list[tuple[int, int]] = []
    i = 0  # phrases found so far end before token ``i``
    for k in itertools.compress(itertools.count(), map(_CAP, toks)):
        if k < i or not toks[k][0][:1].isalpha():
            continue
        span = parse_right(toks, k, ctx)
        if span is not None and span[1] > k:
            spans.append(span)
            i = span[1]
    return spans


def _apposition_role(
    toks: list[Tok], end: int, lex: SpeakerLexicon
) -> tuple[str | None, frozenset[str], str | None]:
    """Role, classes and affiliation from ", a former Chilean foreign minister, …"."""
    n = len(toks)
    if end >= n or toks[end].text != "," or end + 1 >= n:
        return None, frozenset(), None
    opener = toks[end + 1]
    if (
        opener.low not in _W["apposition_openers"]
        and not (opener.cap and opener.poss)
        and opener.low not in lex.titles
        and opener.low not in lex.modifiers
    ):
        return None, frozenset(), None
    role: str | None = None
    classes: frozenset[str] = frozenset()
    affiliation: str | None = None
    k = end + 1
    while k < n and k < end + 14 and toks[k].text not in {",", ".", '"', ";"}:
        t = toks[k]
        if affiliation is None and t.text in lex.nationalities:
            affiliation = lex.nationalities[t.text]
        elif affiliation is None and t.poss and t.low in lex.places:
            affiliation = t.text  # "Norway’s special envoy"
        if role is not None and t.low in _W["postmodifier_prepositions"]:
            break  # "president of the union": the title is the head before "of"
        longest = min(lex.max_title_words, n - k) if t.low in lex.title_first_words else 0
        sizes = range(longest, 0, -1)
        for size in sizes:
            key = " ".join(x.low for x in toks[k : k + size])
            title = lex.titles.get(key)
            if title is not None and title.role:
                # the last title before a preposition is the head: "chief trade negotiator"
                role, classes = title.role, title.classes
                k += size - 1
                break
        if role is not None and k + 1 < n and toks[k + 1].low in lex.cue_frames:
            # "Under questioning from X, the director said …": a subject, no apposition
            return None, frozenset(), None
        k += 1
    return role, classes, affiliation


_APPOSITION_STOPS = frozenset({",", ".", ";", ":", '"', "(", ")"})


def _apposition_heads(toks: list[Tok], span: tuple[int, int], lex: SpeakerLexicon) -> set[str]:
    """Organisation heads in the description set off by commas right after or before a
    name ("Acme, a shipping company, …", "One of the firms named, Acme, …"): "company",
    "firm" (plurals made singular)."""
    stops = _APPOSITION_STOPS
    words: list[Tok] = []
    n = len(toks)
    if span[1] < n and toks[span[1]].text == "," and _opens_apposition(toks, span[1] + 1):
        for t in toks[span[1] + 1 : span[1] + 11]:
            if t.text in stops:
                break
            words.append(t)
    if span[0] >= 2 and toks[span[0] - 1].text == ",":
        for t in reversed(toks[max(0, span[0] - 11) : span[0] - 1]):
            if t.text in stops:
                break
            words.append(t)
    heads: set[str] = set()
    for t in words:
        if t.cap:
            continue
        low = t.low
        for form in (low, low[:-1], low[:-3] + "y"):
            if form and lex.organisations.get(form) == "org":
                heads.add(form)
                break
    return heads


def _opens_apposition(toks: list[Tok], k: int) -> bool:
    """May the words from token ``k`` (after a name and a comma) be an apposition? They open
    with a determiner ("Acme, a shipping company") or a capital ("Acme, Britain's largest
    retailer"), not with a verb ("Acme, asked whether the company …")."""
    return k < len(toks) and (toks[k].cap or toks[k].low in _W["apposition_openers"])


def _described_before(
    toks: list[Tok], start: int, ctx: Context, text: str
) -> tuple[str | None, frozenset[str], str | None]:
    """Role, classes and affiliation from a description the name is in apposition to:
    "A ministry spokeswoman, Ana Ruiz, …", "The minister of trade, Mr. Lee, …"."""
    if start < 2 or toks[start - 1].text != ",":
        return None, frozenset(), None
    span = parse_left(toks, start - 1, ctx)
    if span is None:
        return None, frozenset(), None
    m = interpret(toks, span, ctx, text)
    if _role_of_place(toks, span, m):
        # "The minister for Europe, X, …": a title placed by its name
        return m.role, m.classes, m.affiliation
    if m.kind != "desc" or not m.role:
        return None, frozenset(), None
    return m.role, m.classes, m.affiliation


# ---------------------------------------------------------------------------------------
# cues


def _skip_adverbials(toks: list[Tok], k: int) -> int:
    """Step left from token ``k`` over adverbs, auxiliaries, negation and a short time
    phrase ("also", "has", "didn't", "later", "in 2010", "on Monday")."""
    tw = time_words()
    j = k
    while j > 0:
        t = toks[j - 1]
        low = t.low
        if not t.cap and (
            low in _SKIP_LEFT
            or low.endswith(("n't", "n’t"))
            or (low.endswith("ly") and len(low) > 4)
        ):
            j -= 1
        elif low in tw or (t.text[:1] in _YEAR_FIRST and _YEAR.match(t.text)):
            # a time phrase: "in 2010", "on Monday", "last week", "this month"
            p = j - 1
            while p > 0 and (toks[p - 1].low in tw or toks[p - 1].text.isdigit()):
                p -= 1
            if p > 0 and toks[p - 1].low in _TIME_LEAD:
                j = p - 1
            else:
                break
        else:
            break
    return j


def _skip_parenthesis(toks: list[Tok], j: int) -> int:
    """Step left over a parenthesis (or a stretch between two dashes: "X — who … — said")
    that ends just before token ``j``."""
    if j > 3 and toks[j - 1].text == "-" and toks[j - 2].text == "-":
        # "X -- co-editor of a book -- said": a dash typed as two hyphens
        for p in range(j - 3, 0, -1):
            if toks[p].text == "-" and toks[p - 1].text == "-":
                return p - 1
            if toks[p].text in {'"', ";", ":"} or toks[p].text.startswith('"'):
                break
        return j
    if j > 1 and toks[j - 1].text in _PAIRED_DASHES:
        for p in range(j - 2, 0, -1):
            if toks[p].text == toks[j - 1].text:
                return p
            if toks[p].text in {'"', ";", ":"} or toks[p].text.startswith('"'):
                break
        return j
    if j > 0 and toks[j - 1].text == ")":
        depth = 0
        for p in range(j - 1, -1, -1):
            if toks[p].text == ")":
                depth += 1
            elif toks[p].text == "(":
                depth -= 1
                if depth == 0:
                    return p
    return j


def _left_speaker(
    info: _Info, k: int, text: str, skipped: int | None = None
) -> tuple[Mention | None, bool]:
    """The mention that is the subject of the cue starting at token ``k``.

    Returns ``(mention, found_np)``: ``found_np`` is True when a noun phrase sits right
    before the cue, even when it cannot speak ("the truck story suggests"). ``skipped``:
    ``_skip_adverbials(info.toks, k)``, when known."""
    toks = info.toks
    j = _skip_adverbials(toks, k) if skipped is None else skipped
    while (
        j > 2
        and toks[j - 1].text == ","
        and toks[j - 2].low in _W["parenthetical_adverbs"]
        and toks[j - 3].text == ","
    ):
        j = _skip_adverbials(toks, j - 3)  # "X did, however, urge …"
    if (
        j > 1
        and j < len(toks)
        and toks[j].low in _W["relative"]
        and toks[j - 1].text in _BEFORE_WHO
    ):
        # "… lined up with Tom Berg, who has said …": the phrase right before "who"
        span = parse_left(toks, j - 1, info.ctx)
        if (
            span is not None
            and span[0] > 1
            and toks[span[0] - 1].low in _W["postmodifier_prepositions"]
        ):
            # "A nurse from Tromso, who wanted no name printed, said": the placed source
            a = _determiner_before(toks, span[0] - 1)
            placed = _placed_source(info, a, j - 1, text) if a >= 0 else None
            if placed is not None:
                return placed, True
        m = _mention_at(info, span, text)
        if m is None or m.kind == "other":
            a = _determiner_before(toks, j - 1)
            m = _plain_source(info, a, text, end=j - 1) if a >= 0 else None
        if m is not None and m.kind in {"person", "org", "media", "conj", "group"}:
            return m, True
    j = _skip_parenthesis(toks, j)
    if j > 1 and toks[j - 1].text == "," and toks[j - 2].text == ")":
        comma = j - 1
        j = _skip_parenthesis(toks, j - 1)  # "Gov. X (R-Ohio), said"
        if any(t.text == "," for t in toks[max(0, j - 12) : j]):
            # "X, the Harbour Board's chair (HBC), said": an apposition
            m = _apposition_speaker(info, comma, text)
            if m is not None:
                return m, True
    if j > 0 and toks[j - 1].text == ",":
        m = _apposition_speaker(info, j - 1, text)
        return m, m is not None
    for of in range(j - 2, max(1, j - 6), -1):
        if toks[of].low in _W["owner_prepositions"]:
            if all(t.text.replace("-", "").isalpha() for t in toks[of + 1 : j]):
                owned = _role_of_owner(info, of, j, text)
                if owned is not None:
                    return owned, True  # "A friend of the accused said": the friend
            break
    span = parse_left(toks, j, info.ctx)
    m = _mention_at(info, span, text)
    if m is None:
        group = (
            _postmodified_group(info, j, text)
            or _proportion_group(info, j, text)
            or _partitive_group(info, j, text)
        )
        return group, group is not None
    if m.kind == "pronoun" and m.text.lower() == "them":
        m = _partitive_group(info, j, text) or m  # "most of them said"
    if m.kind == "conj" and span is not None:
        group = _group_in_places(info, span, text)
        if group is not None:
            return group, True
        m = _name_list(info, span, m, text)
    if span is not None and m.kind in {"org", "media"} and span[0] >= 2:
        # "Ana Ruiz of the Lund Institute said": the person speaks for the organisation
        prep = span[0] - 1
        if toks[prep].low in _W["postmodifier_prepositions"]:
            person = _mention_at(info, parse_left(toks, prep, info.ctx), text)
            if person is not None and person.kind == "person":
                return replace(person, affiliation=person.affiliation or m.text), True
    if (
        span is not None
        and m.kind in {"person", "place"}
        and len(m.name) <= 1
        and span[0] >= 2
        and toks[span[0] - 1].low in _W["postmodifier_prepositions"]
        and toks[span[0] - 1].low not in _W["owner_prepositions"]
    ):
        # "The port authority in Molde said", "Officials in Molde said": the organisation
        # or group, placed by a town name
        head = _mention_at(info, parse_left(toks, span[0] - 1, info.ctx), text)
        if head is not None and (head.kind == "org" or (head.kind == "group" and head.number > 1)):
            return head, True
    if m.kind == "place" and span is not None and span[0] > 1:
        first = _clause_start(toks, span[0])
        placed = _placed_source(info, first, j, text) if first is not None else None
        if placed is not None:
            return placed, True
    if m.kind in {"other", "place"} or (
        m.kind in {"group", "desc", "doc"}
        and m.start > 0
        and toks[m.start - 1].low in _W["postmodifier_prepositions"]
    ):
        # "Some 60 percent of drivers in the region say": the share is the subject;
        # "Fishing groups in both towns said": the group before the preposition
        group = (
            _proportion_group(info, j, text)
            or _partitive_group(info, j, text)
            or _postmodified_group(info, j, text)
        )
        if group is not None:
            return group, True
    if m.kind == "other":
        return None, True
    return m, True


def _role_of_owner(info: _Info, of: int, end: int, text: str) -> Mention | None:
    """``The brother of the accused``, ``the director of the agency``, ``a friend of Ana
    Ruiz``: a role word (``titles.txt``) after a determiner opening the clause and before
    "of" names the speaker, described by the whole phrase up to token ``end``."""
    toks = info.toks
    lex = info.ctx.lex
    h = of - 1
    head = toks[h]
    if head.cap or head.low not in lex.titles or head.low in _W["partitives"]:
        return None
    # "secretary of state": a title of three or more words, through "of"
    long_size = next(
        (
            size
            for size in range(3, lex.max_title_words + 1)
            if " ".join(t.low for t in toks[h : h + size]) in lex.titles
        ),
        0,
    )
    a = h
    while a > 0 and h - a < 2 and toks[a - 1].low in lex.modifiers:
        a -= 1  # "a former friend of …"
    det = a - 1
    if det < 0 or toks[det].low not in DETERMINERS or toks[det].poss:
        return None
    if not (
        det == info.ctx.first
        or det == 0
        or toks[det - 1].text == ","
        or toks[det - 1].low in _W["subject_leads"]
    ):
        return None
    if long_size:
        # "the chief of staff told us": one title, a description of someone
        if h + long_size != end:
            return None
        long_title = lex.titles[" ".join(t.low for t in toks[h:end])]
        return Mention(
            "desc",
            text[toks[a].start : toks[end - 1].end],
            role=long_title.role,
            classes=long_title.classes,
            definite=toks[det].low not in _W["indefinite"],
            start=det,
            end=end,
        )
    if any(t.low in DETERMINERS for t in toks[of + 2 : end]) or any(
        t.low in lex.cue_frames for t in toks[of + 1 : end - 1]
    ):
        return None
    title = lex.titles[head.low]
    if toks[end - 1].cap and "bystander" not in title.classes:
        return None  # "the governor of Vestland": the holder of a place's role
    phrase = text[toks[a].start : toks[end - 1].end]
    # someone new, named by the description (as "Cameron's spokesman")
    return Mention(
        "group",
        phrase,
        name=(phrase,),
        role=title.role,
        classes=title.classes,
        definite=True,
        number=1,
        start=det,
        end=end,
    )


def _comma_items_left(info: _Info, start: int) -> Iterator[tuple[int, int]]:
    """The phrases before token ``start`` that are each followed by a comma, right to left
    ("Molde, Lund and Alta": ``Molde`` before the pair starting at ``Lund``)."""
    toks = info.toks
    while start >= 2 and toks[start - 1].text == ",":
        item = parse_left(toks, start - 1, info.ctx)
        if item is None:
            return
        yield item
        start = item[0]


def _group_in_places(info: _Info, span: tuple[int, int], text: str) -> Mention | None:
    """``Most farmers in Molde, Lund and Alta said``: a group placed by a list of places
    (the coordinated pair at ``span`` ends the list) speaks, named without the places."""
    toks = info.toks
    start = span[0]
    for item in _comma_items_left(info, start):
        # "mayors of Molde": a preposition inside the phrase starts the list
        inner = [p for p in range(item[0] + 1, item[1]) if toks[p].low in _POSTMODIFIERS]
        if inner:
            item = (inner[-1] + 1, item[1])
        named = _mention_at(info, item, text)
        if named is None or named.kind not in {"person", "place"} or len(named.name) > 2:
            return None
        start = item[0]
        if inner:
            break
    prep = start - 1
    if prep < 1 or toks[prep].low not in _POSTMODIFIERS:
        return None
    for t in toks[start : span[1]]:
        if t.text[:1].isalpha() and not t.cap and t.low not in _W["coordinators"]:
            return None  # "in Molde and the towns around it": not a list of places
    head = _mention_at(info, parse_left(toks, prep, info.ctx), text)
    if head is None or head.kind != "group" or head.number < 2:
        return None
    if toks[prep].low == "of":
        # "The mayors of Molde, Lund and Alta said": named with the places
        name = _strip_leading(text[toks[head.start].start : toks[span[1] - 1].end])
        return Mention("group", name, name=(name,), number=2, start=head.start, end=span[1])
    return head


def _name_list(info: _Info, span: tuple[int, int], m: Mention, text: str) -> Mention:
    """``Ana Ruiz, Tom Berg and Ivo Dahl said``: names before a coordinated pair, each
    followed by a comma, from the start of the clause, join the pair."""
    toks = info.toks
    start = span[0]
    for item in _comma_items_left(info, start):
        named = _mention_at(info, item, text)
        if named is None or named.kind not in {"person", "place"}:
            break
        before = toks[item[0] - 1].text if item[0] > 0 else ""
        if item[0] > info.ctx.first and before != "," and before not in _CLAUSE_PUNCT:
            break  # "…, said X, Y and Z": not a list that opens the clause
        start = item[0]
        if before != ",":
            return replace(m, text=text[toks[start].start : toks[span[1] - 1].end], start=start)
    return m


def _postmodified_group(info: _Info, j: int, text: str) -> Mention | None:
    """``Officials from both delegations said``: a collective noun with a short
    prepositional phrase after it, right before token ``j``."""
    toks = info.toks
    lex = info.ctx.lex
    for c in range(j - 2, max(-1, j - 8), -1):
        t = toks[c]
        if not t.text[:1].isalpha():
            return None
        if t.low in lex.collectives and (
            toks[c + 1].low in _W["postmodifier_prepositions"]
            or toks[c + 1].low in _W["source_postmodifiers"]  # "people familiar with …"
        ):
            head = parse_left(toks, c + 1, info.ctx)
            if head is None:
                return None
            phrase = text[toks[head[0]].start : toks[j - 1].end]
            words = phrase.split()
            while len(words) > 1 and words[0].lower() in DETERMINERS:
                words = words[1:]
            name = " ".join(words)
            return Mention("group", name, name=(name,), number=2, start=head[0], end=j)
    return None


_PHRASE_STOP = frozenset({",", ";", ":", "(", ")", "—", "–", "."})


def _proportion_group(info: _Info, j: int, text: str) -> Mention | None:
    """``Nearly half said …``, ``About 60 percent of voters in the state say …``: a share
    of people, from the start of the clause to the cue at token ``j``, speaks as a group."""
    toks = info.toks
    p = j - 1
    while p >= 0 and j - p <= 14:
        t = toks[p]
        if t.text in _PHRASE_STOP or t.text.startswith('"') or t.low in _COORD:
            break
        if t.low in _SUBORDINATORS or t.low in _W["relative"] or t.low in _CLAUSE_VERBS:
            return None
        p -= 1
    else:
        if p >= 0:
            return None
    start = p + 1
    if start >= j:
        return None
    head = toks[start : min(j, start + 4)]
    if not any(t.low in _PROPORTIONS or t.text.endswith("%") for t in head) and not any(
        # "Roughly 3 in 10 say", "nine of 10 drivers said"
        t.low in {"in", "of"} and 0 < p - start < j - start - 1 and toks[p + 1].text.isdigit()
        for p, t in enumerate(toks[start:j], start)
    ):
        return None
    if any(t.low in info.ctx.lex.pronouns for t in toks[start:j]):
        return None
    words = text[toks[start].start : toks[j - 1].end].split()
    while len(words) > 1 and words[0].lower() in _W["skip_left"] | DETERMINERS:
        words = words[1:]
    name = " ".join(words)
    return Mention("group", name, name=(name,), number=2, start=start, end=j)


def _partitive_group(info: _Info, j: int, text: str) -> Mention | None:
    """``Some of the sailors said``, ``Many of its members say``: a part of a group, opening
    the clause before the cue at token ``j``, speaks for the group, named by the lower-case
    words after "of" and their determiner ("sailors")."""
    toks = info.toks
    lex = info.ctx.lex
    if (
        j >= 3
        and toks[j - 1].low == "them"
        and toks[j - 2].low == "of"
        and toks[j - 3].low in _W["partitives"]
    ):
        # "most of them said" (a partitive): they said
        return Mention("pronoun", "they", number=2, start=j - 3, end=j)
    if j >= 2 and toks[j - 2].low == "those" and toks[j - 1].low.endswith("ed"):
        # "those surveyed say", "those polled said": a group named by the phrase
        name = text[toks[j - 2].start : toks[j - 1].end]
        return Mention("group", name, name=(name,), number=2, start=j - 2, end=j)
    a = j
    while (
        a > 0
        and j - a < 4
        and toks[a - 1].text.isalpha()
        and (not toks[a - 1].cap or toks[a - 1].text in lex.nationalities)
        and toks[a - 1].low not in DETERMINERS
        and toks[a - 1].low not in lex.pronouns
        and toks[a - 1].low not in _W["postmodifier_prepositions"]
    ):
        a -= 1
    if a == j:
        return None
    head = toks[j - 1].low
    if head not in lex.collectives and not (head.endswith("s") and not head.endswith("ss")):
        return None
    d = a
    while d > 0 and a - d < 2 and toks[d - 1].low in DETERMINERS and not toks[d - 1].cap:
        d -= 1
    if d < 2 or toks[d - 1].low != "of" or toks[d - 2].low not in _W["partitives"]:
        return None
    q = d - 2
    if not (
        q == info.ctx.first
        or toks[q - 1].text in _PHRASE_STOP
        or toks[q - 1].text.startswith('"')
        or toks[q - 1].low in _COORD
    ):
        return None
    name = text[toks[a].start : toks[j - 1].end]
    return Mention("group", name, name=(name,), number=2, start=q, end=j)


def _apposition_speaker(info: _Info, comma: int, text: str) -> Mention | None:
    """``X, <apposition>, said``: the speaker before a (possibly long) apposition.

    Walks back over up to four commas. A name before an apposition wins; a name that is
    itself the apposition ("The minister, Mr. X, said") comes next; then any description."""
    toks = info.toks
    lead = _group_before_clause(info, comma, text)
    if lead is not None:
        return lead
    right = comma
    # "… with X, now the leader, who said": a relative clause belongs to X, wherever X is
    relative = comma + 1 < len(toks) and toks[comma + 1].low in _W["relative"]
    appositive: Mention | None = None
    fallback: Mention | None = None
    for _ in range(4):
        left = right - 1
        while left >= 0 and toks[left].text not in {",", '"', "(", ";", ":"}:
            if toks[left].text == ")":
                # "Rep. X (D-Md.), chair of …": step over the parenthesis (if it opens)
                left = min(left, _skip_parenthesis(toks, left + 1))
            left -= 1
        segment = toks[left + 1 : right]
        if any(t.low in _CLAUSE_VERBS for t in segment) and not any(
            t.low in _W["relative_clause_words"] for t in segment
        ):
            break  # "…, orders keep falling, warned X": a clause, not an apposition
        if left < 0 or toks[left].text != ",":
            # no earlier comma: the phrase runs from the clause start
            inner = parse_right(toks, left + 1, info.ctx) if right - (left + 1) > 0 else None
            if inner is not None and inner[1] == right:
                m = _mention_at(info, inner, text)
                if m is not None and m.kind == "place":
                    return m  # "China, which has mediated, urged …": the country speaks
                if m is not None and _can_speak(m):
                    if m.kind in {"person", "org", "media", "conj"}:
                        return m
                    fallback = fallback or m
            elif right - (left + 1) > 2 and appositive is None:
                # "A friend of the accused, who cannot be named, said"
                of = next(
                    (p for p in range(right - 2, left + 1, -1) if toks[p].low in _OF),
                    None,
                )
                owned = _role_of_owner(info, of, right, text) if of is not None else None
                if owned is not None:
                    return owned
                # "A resident of Lund, who wanted no name printed, said"
                placed = _placed_source(info, left + 1, right, text)
                if placed is not None:
                    return placed
            break
        inner = parse_right(toks, left + 1, info.ctx)
        if (
            inner is not None
            and appositive is None
            and (
                inner[1] == right
                # "…, Ana Ruiz of the Lund Institute in Oslo, said"
                or (inner[1] < right and toks[inner[1]].low in _W["postmodifier_prepositions"])
            )
        ):
            m = _mention_at(info, inner, text)
            if m is not None and m.kind in {"org", "media", "person"}:
                m = _person_of(info, inner, text) or m
            if m is not None and m.kind in {"person", "conj"}:
                appositive = m
        m = _mention_at(info, parse_left(toks, _skip_parenthesis(toks, left), info.ctx), text)
        if m is not None and not relative and _after_preposition(info, m.start):
            m = None  # "X, at a rally in Columbus, Ohio, said": a place, not the speaker
        if m is not None and (
            m.kind in {"person", "org", "media", "conj"} or (m.kind == "group" and m.number > 1)
        ):
            if appositive is not None:
                q = left - 1
                while q >= 0 and toks[q].text not in {",", '"', "(", ";", ":"}:
                    q -= 1
                if m.start > q + 1:
                    # "One pastor backing X, Ana Ruiz of …, said": X sits inside a phrase
                    return appositive
            return m
        if m is not None and _can_speak(m) and fallback is None:
            fallback = m
        right = left
    return appositive or fallback


def _group_before_clause(info: _Info, comma: int, text: str) -> Mention | None:
    """``Some farmers who have watched the quay decline …, said``: the sentence opens with
    a group, then a relative clause, a source's postmodifier ("familiar with …") or a
    participle ("interviewed at …") that runs up to the comma before the cue."""
    toks = info.toks
    if comma + 1 >= len(toks) or "inv" not in info.ctx.lex.cue_frames.get(toks[comma + 1].low, ()):
        return None  # "Voters who are angry …, worried …": a list of states, not a report
    first = _body_start(info)
    while first < comma and toks[first].low in _W["subject_leads"]:
        first += 1
    if first < comma and toks[first].text == ",":
        first += 1
    lex = info.ctx.lex
    # a group ("Farmers who …"), or one unnamed source ("An official involved in …")
    single = (
        first < comma
        and toks[first].low in _W["indefinite"]
        and toks[first].low not in _W["quantifiers"]
    )
    one = False
    for c in range(first, min(comma - 1, first + 6)):
        t = toks[c]
        if not t.text[:1].isalpha():
            return None
        after = toks[c + 1].low
        if (
            after in _W["relative"]
            or after in _W["source_postmodifiers"]
            or after in _W["asked_participles"]
        ):
            if t.low in lex.collectives:
                break
            if single and t.low in lex.titles:
                one = True
                break
    else:
        return None
    if any(t.text in {";", ":", '"', "—", "–"} for t in toks[c + 1 : comma]):
        return None
    name = _strip_leading(text[toks[first].start : toks[c].end])
    return Mention("group", name, name=(name,), number=1 if one else 2, start=first, end=c + 1)


def _placed_source(info: _Info, start: int, end: int, text: str) -> Mention | None:
    """An unnamed source placed by a preposition and a place, tokens ``[start, end)``:
    "Western diplomats in Islamabad" (a group: named without the place), "an official in
    Oslo", "a resident of Lund" (one person: named with it)."""
    toks = info.toks
    place = _mention_at(info, parse_left(toks, end, info.ctx), text)
    if place is None or place.kind not in {"place", "person", "org"} or place.start <= start + 1:
        return None
    if place.kind == "person" and place.role is not None:
        return None  # "the question from moderator Ivo Dahl, who …": a titled person
    prep = place.start - 1
    head_span = parse_left(toks, prep, info.ctx)
    head = _mention_at(info, head_span, text) if head_span and head_span[0] == start else None
    if head is not None and head.kind == "org" and toks[prep].low == "to":
        # "Norway's mission to the UN": the organisation, named with its place
        name = _strip_leading(text[toks[start].start : toks[end - 1].end])
        return Mention("org", name, name=(name,), start=start, end=end)
    if toks[prep].low not in _W["postmodifier_prepositions"]:
        return None
    if head is None or head.kind not in {"group", "desc"}:
        head = _plain_source(info, start, text, end=prep)
    if head is None or head.kind not in {"group", "desc"} or head.start != start:
        return None
    if head.number > 1:
        return Mention("group", head.text, name=(head.text,), number=2, start=start, end=end)
    words = text[toks[start].start : toks[end - 1].end].split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    name = " ".join(words)
    return Mention("group", name, name=(name,), definite=False, start=start, end=end)


def _body_start(info: _Info) -> int:
    """The sentence's first token, after its dateline if it has one ("OSLO, May 3 (AP) — …",
    "Oslo (AFP) – …": the clause starts after the dash)."""
    text = info.sentence.text
    if "-" not in text and "–" not in text and "—" not in text:
        return info.ctx.first  # a dateline ends with a dash
    dateline = _DATELINE.match(text)
    if dateline is None:
        return info.ctx.first
    return next((n for n, t in enumerate(info.toks) if t.start >= dateline.end()), len(info.toks))


def _opens_sentence(info: _Info, start: int) -> bool:
    """Does the phrase at token ``start`` open the sentence (after a dateline, if any)?"""
    return start == _body_start(info)


def _determiner_before(toks: list[Tok], end: int) -> int:
    """The nearest determiner among the four tokens before token ``end`` (-1: none)."""
    return next((p for p in range(end - 1, max(-1, end - 5), -1) if toks[p].low in DETERMINERS), -1)


def _clause_start(toks: list[Tok], k: int) -> int | None:
    """The first token of the clause that holds token ``k``, when it starts the sentence or
    follows a dash or colon (None after a comma or quote: the phrase may be an object)."""
    p = k
    while p > 0 and toks[p - 1].text[:1].isalnum():
        p -= 1
    if p == 0 or toks[p - 1].text in _CLAUSE_PUNCT:
        return p
    return None


def _after_preposition(info: _Info, start: int) -> bool:
    """Is the phrase at token ``start`` the object of a preposition ("in Lund"), or the
    second part of one ("in Lund, Sweden")?"""
    toks = info.toks
    if start > 0 and toks[start - 1].low in _PREPOSITIONS:
        return True
    if start > 1 and toks[start - 1].text == ",":
        span = parse_left(toks, start - 1, info.ctx)
        return span is not None and span[0] > 0 and toks[span[0] - 1].low in _PREPOSITIONS
    return False


def _inverted_apposition(info: _Info, span: tuple[int, int], text: str) -> Mention | None:
    """``…," said another delegate, Ana Ruiz.``: a person named right after the phrase
    that follows an inverted cue, closing the sentence or the clause."""
    toks = info.toks
    n = len(toks)
    if span[1] + 1 >= n or toks[span[1]].text != ",":
        return None
    inner = parse_right(toks, span[1] + 1, info.ctx)
    if inner is None or (inner[1] < n and toks[inner[1]].text not in {",", ".", ";", "!", "?"}):
        return None
    m = _mention_at(info, inner, text)
    return m if m is not None and m.kind == "person" else None


def _plain_source(info: _Info, a: int, text: str, end: int | None = None) -> Mention | None:
    """The source named by a determiner and lower-case words outside the role lists at
    token ``a``, where the place leaves no doubt that it speaks (after a closing quote and
    an inverted cue: ``"…," said a dock worker from the quay.``, ``asked the boy, who …``;
    after "according to"): a person named after it ("the mechanic, Ola Berg", "the
    brother known as Tomas Vik"), else an unnamed source named by the description ("a
    dock worker", "one shipping firm", "the town's archive"). ``end``: the phrase must end
    right there (before its cue)."""
    toks = info.toks
    n = len(toks) if end is None else end
    lex = info.ctx.lex
    if a >= n or toks[a].low not in DETERMINERS or toks[a].low in lex.pronouns:
        return None
    b = a + 1
    while (
        b < n
        and b - a <= 4
        and toks[b].text.isalpha()
        and (
            not toks[b].cap
            or (toks[b].text in lex.nationalities and b + 1 < n)
            or _capital_modifier(toks, b, n)  # "a Lund party strategist"
        )
    ):
        low = toks[b].low
        if low in _W["postmodifier_prepositions"] or low in _W["relative"] or low in _COORD:
            break
        if low == "known" or low in _TIME_LEAD or low in _W["source_postmodifiers"]:
            break  # "one source familiar with ferry plans": the source
        b += 1
    if b == a + 1:
        return None
    head = toks[b - 1]
    if head.poss or head.low in lex.documents or head.low in DETERMINERS:
        return None
    if b < n and toks[b].low == "known" and b + 1 < n and toks[b + 1].low == "as":
        named = _mention_at(info, parse_right(toks, b + 2, info.ctx), text)
        if named is not None and named.kind == "person":
            return named
    if b < n and end is not None:
        return None
    if not (
        b >= n
        or toks[b].text[:1] in _AFTER_INVERTED
        or toks[b].low in _W["relative"]
        or toks[b].low in _W["postmodifier_prepositions"]
        or toks[b].low in _SUBORDINATORS
        or toks[b].low in _TIME_LEAD
        or toks[b].low == "known"
        or toks[b].low in _W["source_postmodifiers"]
    ):
        return None
    named = _inverted_apposition(info, (a, b), text)
    if named is not None:
        return named  # "said the veteran mechanic, Ola Berg."
    m = _mention_at(info, (a, b), text)
    if m is not None and m.kind in {"person", "place", "conj"} and not head.cap:
        # "one Lund party strategist": capitals inside a lower-case description
        words = text[toks[a].start : head.end].split()
        while len(words) > 1 and words[0].lower() in DETERMINERS:
            words = words[1:]
        m = Mention("other", " ".join(words), start=a, end=b)
    if m is None or m.kind not in {"other", "desc", "group", "org"} or not m.text:
        return None
    if m.kind != "other":
        return m
    if head.low in time_words():
        return None
    plural = head.low.endswith("s") and not head.low.endswith("ss")
    return Mention(
        "group",
        m.text,
        name=(m.text,),
        number=2 if plural else 1,
        definite=toks[a].low == "the",
        start=m.start,
        end=m.end,
    )


def _capital_modifier(toks: list[Tok], b: int, n: int) -> bool:
    """Is the capitalised token ``b`` a modifier inside a lower-case description (a place
    or party before its head: "a Lund party strategist"), a lower-case head word following
    within two tokens?"""
    for c in range(b + 1, min(n, b + 3)):
        t = toks[c]
        if not t.text.isalpha():
            return False
        if not t.cap:
            low = t.low
            return not (
                low in _W["postmodifier_prepositions"] or low in _W["relative"] or low in _COORD
            )
    return False


def _described_name(info: _Info, a: int, text: str) -> Mention | None:
    """``said veteran harbour pilot Ivo Dahl``, ``according to longtime radio host Ivo
    Dahl``: a person named right after up to five lower-case words outside the role lists
    (a description written as a title), at token ``a``, closing the clause."""
    toks = info.toks
    n = len(toks)
    b = a
    if (
        b + 2 < n
        and toks[b].cap
        and toks[b].text.isalpha()
        and toks[b].low not in info.ctx.lex.function_words
        and toks[b + 1].text.isalpha()
        and not toks[b + 1].cap
    ):
        b += 1  # "said Lund resident Ivo Dahl": a place or party before the description
    lead = b
    while (
        b < n
        and b - a < 5
        and toks[b].text.isalpha()
        and not toks[b].cap
        and toks[b].low not in DETERMINERS
        and toks[b].low not in _INTRO
        and toks[b].low not in _SUBORDINATORS
        and toks[b].low not in _W["relative"]
        and toks[b].low not in info.ctx.lex.cue_frames
    ):
        b += 1
    if b == lead or b >= n or not toks[b].cap:
        return None
    span = parse_right(toks, b, info.ctx)
    if span is None or (span[1] < n and toks[span[1]].text[:1] not in _AFTER_INVERTED):
        return None
    m = _mention_at(info, span, text)
    return m if m is not None and m.kind == "person" else None


def _owned_body(info: _Info, span: tuple[int, int]) -> tuple[int, int]:
    """``Iran's health ministry``, ``the council's press officer``: a phrase ending on a
    possessive, extended over up to three lower-case words to an organisation, title or
    collective head, when one follows."""
    toks = info.toks
    lex = info.ctx.lex
    for h in range(span[1], min(len(toks), span[1] + 3)):
        t = toks[h]
        if t.cap or not t.text.isalpha():
            break
        head = t.low in lex.organisations or t.low in lex.titles or t.low in lex.collectives
        if head and (h + 1 >= len(toks) or toks[h + 1].text in {",", ".", ";"}):
            return (span[0], h + 1)
    return span


def _modified_name(info: _Info, a: int, text: str) -> Mention | None:
    """``according to the independent Harbour Council``, ``according to the farmer-backed
    Soil Forum``: a determiner, up to three lower-case modifiers outside the word lists
    (hyphenated ones too), then a name of a person or an organisation closing the clause, at
    token ``a``."""
    toks = info.toks
    n = len(toks)
    if a >= n or toks[a].low not in _W["definite"]:
        return None
    b = a + 1
    while (
        b < n
        and b - a <= 3
        and not toks[b].cap
        and toks[b].text.replace("-", "").isalpha()
        and toks[b].low not in DETERMINERS
        and toks[b].low not in _INTRO
        and toks[b].low not in _W["relative"]
        and toks[b].low not in info.ctx.lex.cue_frames
    ):
        b += 1
    if b == a + 1 or b >= n or not toks[b].cap:
        return None
    span = parse_right(toks, b, info.ctx)
    if span is None or (span[1] < n and toks[span[1]].text[:1] not in _AFTER_INVERTED):
        return None
    m = _mention_at(info, span, text)
    return m if m is not None and m.kind in {"person", "org", "media"} else None


def _parenthetical_place(info: _Info, m: Mention, k_end: int) -> bool:
    """``…, China said.``, ``The blockade, Chile said, was …``, ``…, Iran said on
    Monday.``: a place right after a comma and right before its cue, the cue closing the
    sentence or set off by a comma, speaks as a country."""
    toks = info.toks
    n = len(toks)
    if m.start == 0 or toks[m.start - 1].text != ",":
        return False
    p = k_end
    if p < n and toks[p].low in _W["time_lead"] and toks[p].low not in _W["clause_openers"]:
        # "…, China said on Monday."
        p += 1
        while p < n and p - k_end <= 4 and toks[p].text.isalnum():
            p += 1
    return p >= n or toks[p].text in {".", ",", ";"}


def _quoted_subject(info: _Info, k: int, text: str) -> Mention | None:
    """``"…," the moderator said.``: right after a closing quote, a determiner and
    lower-case words outside the role lists before the cue at token ``k`` are its speaker."""
    toks = info.toks
    lex = info.ctx.lex
    j = _skip_adverbials(toks, k)
    a = j - 1
    while a > 0 and j - a <= 5 and toks[a].low not in DETERMINERS:
        if not toks[a].text.isalpha() or (toks[a].cap and toks[a].text not in lex.nationalities):
            return None
        a -= 1
    if a < 1 or toks[a].low not in DETERMINERS or not toks[a - 1].text.startswith('"'):
        return None
    return _plain_source(info, a, text, end=j)


def _person_of(info: _Info, span: tuple[int, int], text: str) -> Mention | None:
    """``Ana Ruiz of the Lund Institute`` read as one phrase: the person before the
    preposition, with the organisation as affiliation (None when there is no person)."""
    toks = info.toks
    for p in range(span[0] + 1, span[1] - 1):
        if toks[p].low in _W["postmodifier_prepositions"] and not toks[p].cap:
            person = _mention_at(info, (span[0], p), text)
            if person is None or person.kind != "person":
                return None
            org = _mention_at(info, (p + 1, span[1]), text)
            if org is not None and org.kind in {"org", "media"}:
                return replace(person, affiliation=person.affiliation or org.text)
            return person
    return None


def _closing_report(info: _Info, k: int, k_end: int) -> bool:
    """Is the cue at tokens ``[k, k_end)`` a reporting clause that closes the sentence
    after a comma ("…, the agency reported.")? It then names who reports all of it."""
    toks = info.toks
    tw = time_words()
    for t in toks[k_end:]:
        if (
            t.text not in _SENTENCE_END
            and not t.text.startswith('"')
            and not (t.low in tw or t.text.isdigit())
        ):
            return False
    j = _skip_adverbials(toks, k)
    span = parse_left(toks, j, info.ctx)
    return span is not None and span[0] > 0 and toks[span[0] - 1].text == ","


def _appositive_person(info: _Info, m: Mention) -> Mention | None:
    """``Norway's envoy, Ivo Dahl, …``: the person named between commas right after a
    description or organisation ``m``."""
    toks = info.toks
    end = m.end
    if m.end > 0 and toks[m.end - 1].poss:
        # "Norway's deputy envoy, Ivo Dahl, …" (read as the possessor "Norway's")
        while (
            end < len(toks) and end - m.end < 5 and toks[end].text.isalpha() and not toks[end].cap
        ):
            end += 1
        if end == m.end:
            return None
    elif m.kind not in {"desc", "group", "org"}:
        return None
    if end + 2 >= len(toks) or toks[end].text != ",":
        return None
    span = parse_right(toks, end + 1, info.ctx)
    if span is None or span[1] >= len(toks) or toks[span[1]].text != ",":
        return None
    named = _mention_at(info, span, info.sentence.text)
    return named if named is not None and named.kind == "person" else None


def _member_subject(info: _Info, group: Mention) -> Mention | None:
    """``X is one of the few economists who …``, ``X was among the lawmakers who …``: the
    clause's subject X, when the group before "who" follows "one of" or "among" and a
    copula right after X."""
    toks = info.toks
    subj = info.subject_mention
    p = group.start
    if p > 0 and toks[p - 1].low in DETERMINERS and toks[p - 1].low not in _W["membership"]:
        p -= 1
    if p > 0 and toks[p - 1].low == "of" and p > 1 and toks[p - 2].low in _W["membership"]:
        p -= 2
    elif p > 0 and toks[p - 1].low in _W["membership"] - _W["membership_with_of"]:
        p -= 1
    else:
        return None
    if p == 0 or toks[p - 1].low not in _PASSIVE:
        return None
    if subj is None or not _can_speak(subj) or _skip_adverbials(toks, p - 1) != subj.end:
        return None
    return subj


def _relative_who(toks: list[Tok], k: int) -> int | None:
    """``One official who relayed the exchange said``: the index of "who" when a short
    relative clause, without commas or quotes, sits between a noun phrase and the cue."""
    relative = _W["relative"]
    if relative.isdisjoint(map(_LOW, toks[max(0, k - 9) : k])):
        return None  # no "who" in reach (most cues)
    for p in range(k - 1, max(-1, k - 10), -1):
        t = toks[p]
        if t.text in {",", '"', ";", ":", "."} or t.text.startswith('"'):
            return None
        if t.low in relative:
            return p
    return None


def _can_speak(m: Mention) -> bool:
    return m.kind in {"person", "org", "group", "pronoun", "desc", "conj", "doc", "media"}


def _resolve(
    m: Mention, info: _Info, reg: Registry, i: int, text: str, last: list[Entity]
) -> list[Entity]:
    """Entities a speaker mention refers to (may create unnamed-source entities)."""
    if m.kind in {"person", "org", "media"}:
        ent = reg.link(m, i)
        return [ent] if ent else []
    if m.kind == "group" and m.number == 1:
        named = _named_later(_titled(m, info.ctx.lex), reg, i)
        if named:
            return named  # "Norway's trade minister said …" before "Trade Minister Ola Berg"
        ent = reg.link(m, i)
        if ent is not None:
            ent.kind = "person"
        return [ent] if ent else []
    if m.kind == "group":
        if not m.definite:
            existing = reg.link(m, i, create=False)
            if existing is not None:
                return [existing]
        ent = reg.link(m, i)
        return [ent] if ent else []
    if m.kind == "conj":
        out: list[Entity] = []
        toks = info.toks
        for part in _conj_parts(toks, m.start, m.end):
            sub = interpret(toks, part, info.ctx, text)
            if sub.kind == "place" and sub.name and _opens_sentence(info, m.start):
                sub = replace(sub, kind="org")  # "Spain, Chile and Peru told"
            if sub.kind in {"person", "org", "media"}:
                ent = reg.link(sub, i)
                if ent and ent not in out:
                    out.append(ent)
        return out
    if m.kind == "pronoun":
        low = m.text.lower()
        if low in _W["non_third_person"]:
            return []
        if low == "they" and len(last) > 1:
            return list(last)
        if low == "it" and isinstance(reg, _Registry) and i - 1 in reg.doc_subjects:
            # "The letter moved on to X. '…,' it said.": the document's issuers
            issuers = reg.documents.get(reg.doc_subjects[i - 1])
            if issuers:
                return list(issuers)
        found = _resolve_pronoun(m, info, reg, i)
        if len(found) == 1 and m.gender in {"m", "f"} and found[0].gender == "any":
            found[0].gender = m.gender  # "she said" tells us who is a she
        if len(found) == 1 and low == "it" and found[0].kind == "person":
            found[0].kind = "org"  # "Nordbank … It now says": "it" tells us it is no person
        return found
    if m.kind == "desc":
        if info.sentence.headline:
            return reg.resolve_description(m, i, anywhere=True)
        found = reg.resolve_description(m, i)
        if found and m.classes == {"official"} and not _qualifier_fits(m, found[0], info):
            found = []  # "the compliance officer" is not the finance director
        if found and m.definite and m.number == 1 and m.text.islower():
            # "One diplomat said …" (joining "EU diplomats"), then "the diplomat said": the
            # group that spoke last, rather than a named diplomat who spoke before it
            joined = reg.link(Mention("group", m.text + "s", name=(m.text + "s",)), i, create=False)
            if joined is not None and joined.spoke > max(found[0].spoke, found[0].subject):
                return [joined]
        if found and (m.definite or m.number > 1):
            return found
        if m.definite and m.number == 1:
            named = _named_later(m, reg, i)
            if named:
                return named  # "the home secretary said …" before her name is given
        if m.number > 1:
            if found:
                return found
            # "The two engineers said …" with nobody to match: an unnamed group
            ent = reg.link(Mention("group", m.text, name=(m.text,), number=m.number), i)
            return [ent] if ent else []
        # an unnamed source: "a senior official", "the spokesman" with nobody to match
        group = Mention(
            "group",
            m.text,
            name=(m.text,),
            classes=m.classes,
            affiliation=m.affiliation,
            definite=m.definite,
        )
        plural = reg.link(replace(group, text=m.text + "s"), i, create=False)
        if plural is not None and not m.definite:
            return [plural]
        ent = reg.link(replace(group, kind="group"), i)
        if ent is not None:
            ent.kind = "person"
            return [ent]
        return []
    if m.kind == "doc":
        if m.owner is not None:
            return _resolve(m.owner, info, reg, i, text, last)
        if m.definite and isinstance(reg, _Registry) and m.end > m.start:
            # "the statement said" after "a statement signed by X and Y": X and Y
            issuers = reg.documents.get(info.lows[m.end - 1])
            if issuers:
                return list(issuers)
        if isinstance(reg, _Registry) and m.end > m.start:
            head = info.lows[m.end - 1]
            if reg.doc_sentence.get(head) == i:
                return list(reg.documents[head])  # "a study released by X found …": X
        self_speaking = m.end > m.start and (
            info.lows[m.end - 1] in _W["self_speaking_documents"]
            or _viewed_by(info.toks, m.end + 1)  # "records seen by the paper"
        )
        if last and not self_speaking and info.lows[m.end - 1] not in _W["evidence_documents"]:
            return list(last)  # "The records show …" are nobody's words
        if m.definite and not self_speaking:
            return []
        # "according to a fresh survey", "the indictment alleges": the document is the only
        # source named
        ent = reg.link(Mention("org", m.text, name=(m.text,)), i)
        return [ent] if ent else []
    return []


def _qualifier_fits(m: Mention, ent: Entity, info: _Info) -> bool:
    """Does a plain official's description ("the compliance officer") fit the role of
    ``ent``: every lower-case word before the title (in the phrase or right before it)
    that is no modifier ("former"), determiner or nationality appears in the role?"""
    lex = info.ctx.lex
    toks = info.toks
    words = m.text.lower().split()[:-1]
    before: list[str] = []
    p = m.start - 1
    while p >= 0 and m.start - p <= 3 and toks[p].text.isalpha() and not toks[p].cap:
        if toks[p].low in DETERMINERS:
            words += before  # "the former compliance officer": words outside the phrase
            break
        before.append(toks[p].low)
        p -= 1
    qualifiers = [
        w
        for w in words
        if w.isalpha()
        and w not in lex.modifiers
        and w not in DETERMINERS
        and w not in lex.nationalities_lower
    ]
    role = (ent.role or "").lower()
    return all(q in role for q in qualifiers)


def _resolve_pronoun(m: Mention, info: _Info, reg: Registry, i: int) -> list[Entity]:
    """``reg.resolve_pronoun``, with the names this sentence gives only after the pronoun
    not yet salient ("He said the rebels had …": "he" is not "the rebels")."""
    at = info.toks[m.start].start if m.start < len(info.toks) else 0
    before_pronoun = {
        id(ent)
        for ment, (a, _) in zip(info.names, info.name_spans, strict=True)
        if a < at
        for ent in [reg.link(ment, i, create=False)]
        if ent is not None
    }
    saved: list[tuple[Entity, int, int]] = []
    for e in reg.entities:
        old = info.earlier.get(id(e))
        if old is not None and id(e) not in before_pronoun:
            saved.append((e, e.mentioned, e.first_seen))
            e.mentioned, e.first_seen = old
    try:
        return reg.resolve_pronoun(m, i)
    finally:
        for e, mentioned, first_seen in saved:
            e.mentioned, e.first_seen = mentioned, first_seen


def _titled(m: Mention, lex: SpeakerLexicon) -> Mention:
    """A description ("Norway's defence minister") given the role and classes of the title
    its last words make, when it has none."""
    if m.role is not None:
        return m
    words = m.text.lower().split()
    for n in (3, 2, 1):
        title = lex.titles.get(" ".join(words[-n:])) if len(words) >= n else None
        if title is not None and title.role:
            return replace(m, role=title.role, classes=title.classes)
    return m


def _named_later(m: Mention, reg: Registry, i: int) -> list[Entity]:
    """The person a role description opening the story ("Britain's home secretary") names
    before the article gives the name: the first one introduced after sentence ``i`` whose
    role matches (by a title or an apposition), when nobody before matches. A person
    introduced later without such a role is never taken for the description: the role
    stays an unnamed source."""
    if not m.role or not m.classes - {"male", "female", "official"}:
        return []
    roles = m.classes - {"male", "female", "official"}
    if any(e.classes & roles for e in reg.resolve_description(m, i)):
        return []  # somebody read before holds that role
    later = [e for e in reg.resolve_description(m, i, anywhere=True) if e.introduced > i]
    return later[:1]


# non-ASCII letters that match ASCII ones ignoring case (dotless i, long s, Kelvin sign,
# dotted capital I)
_CASE_FOLDING = re.compile("[\u0131\u017f\u212a\u0130]")
_APOSTROPHES = re.compile(r"['’]")


def _refusal(masked: str, lex: SpeakerLexicon, lows: list[str]) -> re.Match[str] | None:
    """The first phrase in the text (quotes hidden) that only looks like reporting
    ("declined to comment"), if any. The full pattern runs only when the tokens (``lows``:
    the lower-case tokens of ``masked``) hold the first two words of such a phrase."""
    firsts = lex.noncue_first_set
    if (not masked.isascii() and _CASE_FOLDING.search(masked) is not None) or (
        ("'" in masked or "’" in masked)
        and _APOSTROPHES.search("".join(lows)) is not None  # a token holds one
        and any(
            part in firsts
            for low in lows
            if "'" in low or "’" in low
            for part in _APOSTROPHES.split(low)
        )
    ):
        return lex.noncue_re.search(masked)  # a word glued to an apostrophe
    if firsts.isdisjoint(lows):
        return None
    hits = [k for k, low in enumerate(lows) if low in firsts]
    pairs = lex.noncue_first_pairs
    n = len(lows)
    if pairs is not None and not any(
        k + 1 < n and (lows[k], lows[k + 1].rstrip(".")) in pairs for k in hits
    ):
        return None
    return lex.noncue_re.search(masked)


def _cue_spans(
    toks: list[Tok], lex: SpeakerLexicon, lows: list[str] | None = None
) -> list[tuple[int, int, str]]:
    """Reporting cues among the tokens: ``(first token, token after, form)``, longest
    form first where forms overlap. ``lows``: the tokens' lower-case forms, when known."""
    out: list[tuple[int, int, str]] = []
    n = len(toks)
    sizes = lex.cue_sizes  # its keys are the first words of the cue forms
    if lows is None:
        lows = list(map(_LOW, toks))
    if sizes.keys().isdisjoint(lows):
        return out
    frames = lex.cue_frames
    nxt = 0  # cues found so far end before token ``nxt``
    for k in itertools.compress(itertools.count(), map(sizes.__contains__, lows)):
        if k < nxt:
            continue
        low = lows[k]
        # only the lengths some cue form starting with this word has (tokens hold no space)
        for size in sizes[low]:
            if size > n - k:
                continue
            form = low if size == 1 else " ".join(lows[k : k + size])
            if form in frames:
                out.append((k, k + size, form))
                nxt = k + size
                break
    return out


def _amount_at(toks: list[Tok], k: int) -> bool:
    """Does a number or a sum ("27", "two", "$2 billion", "€40m") start at token ``k``?"""
    if k >= len(toks):
        return False
    t = toks[k]
    if t.text in _CURRENCY_SIGNS and k + 1 < len(toks):
        t = toks[k + 1]
    return t.text[:1].isdigit() or t.low in _NUMBER_WORDS


_CURRENCY_SIGNS = frozenset("$€£¥")


def _reports_results(toks: list[Tok], k: int, k_end: int) -> bool:
    """Is the cue at ``k`` "reported" with a company's results as its object ("reported
    third-quarter earnings of 12 cents", "reports a net loss")?"""
    if not toks[k].low.startswith("report") or k_end != k + 1:
        return False
    for t in toks[k_end : k_end + 5]:
        if t.low in _W["reported_results"]:
            return True
        if not (t.low in DETERMINERS or "-" in t.low or t.text[:1].isdigit() or t.low.isalpha()):
            return False
        if t.low in _W["clause_openers"] or t.low in _W["subordinators"]:
            return False
    return False


def _find_cues(info: _Info, masked: str, reg: Registry, i: int, last: list[Entity]) -> None:
    lex = info.ctx.lex
    toks = info.toks
    text = info.sentence.text
    for k, k_end, form in _cue_spans(toks, lex, info.lows):
        cstart, cend = toks[k].start, toks[k_end - 1].end
        frames = lex.cue_frames[form]
        if form in _W["act_before_number"] and _amount_at(toks, k_end):
            # "The ministry added 27 firms to its list", "Donors pledged $2 billion": an act
            continue
        if _reports_results(toks, k, k_end):
            continue  # "it reported higher earnings": accounts, not words
        first = toks[k]
        if first.cap and not (info.ctx.headline or k == info.ctx.first):
            continue
        prev = toks[k - 1].low if k > 0 else ""
        # "X is calling for …", "X has been urging …": a progressive, not a passive
        progressive = prev in _PASSIVE and form.split()[0].endswith("ing")
        k_left = k - 1 if progressive else k
        j_mod = _skip_adverbials(toks, k_left)
        k_mod = k_left  # ``j_mod`` is where the adverbials before ``k_mod`` start
        modal = not _MODALS.isdisjoint(map(_LOW, toks[max(0, j_mod - 1) : k]))
        if modal != ("modal" in frames):
            # "they can't blame", "he will say": not a report of what was said; but "she
            # will seek to …" states an intent, which "seek" alone does not
            continue
        if progressive and j_mod > 0 and toks[j_mod - 1].low in _PASSIVE:
            k_left = j_mod - 1  # "has been urging"
        elif "modal" in frames:
            k_left = next(p for p in range(k - 1, -1, -1) if toks[p].low in _MODALS)
        before = toks[j_mod - 1].low if j_mod > 0 else ""
        if (
            not progressive
            and (before in _PASSIVE or before == "as")
            and k_end < len(toks)
            and toks[k_end].low == "by"
        ):
            _passive_agent(info, k, k_end, form, reg, i, last)
            continue
        if (
            (prev in _PASSIVE and not progressive)
            or prev in _NOUN_BEFORE
            or (k > 0 and toks[k - 1].poss)
        ):
            continue
        if prev in lex.documents and _in_opening_phrase(info, k):
            continue  # "In a note put online on May 3, X said …": the note was put online
        if _inside_relative_clause(toks, k, k_end, lex):
            continue  # "X, who has denied the charges, did not attend": an aside
        participle = form.endswith("ing")
        if (
            participle
            and k > 0
            and (
                toks[k - 1].text == ","
                or (
                    toks[k - 1].text.startswith('"')
                    and text[:cstart].rstrip().endswith(_COMMA_QUOTE)
                )
                # "X deflected questions before saying …"
                or (toks[k - 1].low in _INTRO and toks[k - 1].low not in _COORD and k > 2)
            )
        ):
            # "…, arguing that …": the participle goes with the clause's speaker
            if info.cues:
                info.cues.append(_Cue(cstart, cend, form, list(info.cues[-1].speakers)))
            elif info.subject_mention is not None and info.subject_mention.kind in {
                "person",
                "desc",
                "pronoun",
                "group",
                "org",
            }:
                # "X endorsed Y, saying …": the participle reports the subject's words
                # ("Norway's envoy, Ivo Dahl, went further, saying …": Ivo Dahl)
                subj_m = _appositive_person(info, info.subject_mention) or info.subject_mention
                ents = _resolve(subj_m, info, reg, i, text, last)
                if ents:
                    info.cues.append(_Cue(cstart, cend, form, ents))
            continue
        if info.sentence.headline and "head" not in frames and "prep" not in frames:
            continue
        if "clause" in frames and not _clause_follows(toks, k, k_end):
            # "…, the paper reported": what was reported came first
            j = k
            span = parse_left(toks, j, info.ctx)
            if (
                span is None
                or span[0] == 0
                or not (toks[span[0] - 1].text == "," or toks[span[0] - 1].text.startswith('"'))
                or any(t.low in DETERMINERS for t in toks[k_end:])
            ):
                continue
        # "While not all X says is true, Y said …": the main clause's cue wins
        main_after_sub = bool(info.cues) and _opening_subclause(info, info.cues[-1].end, k)
        if info.cues and not main_after_sub and not _new_clause(toks, info.cues[-1].end, k):
            if not (
                all(c.form.split()[0].endswith("ing") for c in info.cues)
                and _closing_report(info, k, k_end)
            ):
                continue  # a report inside the report: the outer speaker keeps the sentence
            # "Officials were urging …, the agency reported.": the closing clause reports
            # everything before it (a plain "X said …, the paper reported" stays with X)
            info.cues.clear()
        mention: Mention | None = None
        found_np = False
        if "prep" in frames:
            span = parse_right(toks, k_end, info.ctx)
            if (
                span is not None
                and (
                    toks[span[1] - 1].low in _W["statistics"]
                    or (
                        toks[span[1] - 1].poss
                        and any(  # "the group's figures", "Peru's customs figures"
                            t.low in _W["statistics"] for t in toks[span[1] : span[1] + 3]
                        )
                    )
                )
            ):
                # "according to numbers published by the agency", "according to the group's
                # figures": figures, not anyone's words
                continue
            if span is not None and toks[span[1] - 1].poss:
                span = _owned_body(info, span)  # "according to Iran's health ministry"
            mention = _mention_at(info, span, text)
            if mention is not None and mention.kind == "doc" and mention.owner is None:
                after = span[1] if span else k_end
                if after < len(toks) and toks[after].low in _W["document_owner_prepositions"]:
                    mention = _mention_at(info, parse_right(toks, after + 1, info.ctx), text)
                    if mention is None or mention.kind == "other":
                        mention = _plain_source(info, after + 1, text)
            elif mention is None or mention.kind == "other":
                mention = (
                    _plain_source(info, k_end, text)
                    or _described_name(info, k_end, text)
                    or _modified_name(info, k_end, text)
                    or mention
                )
            if (
                mention is not None
                and mention.kind == "doc"
                and toks[mention.end - 1].low in _W["statistics"]
            ):
                continue  # "according to customs data": figures, not anyone's words
        elif "doc" in frames:
            # "a slide from X's presentation shows …": only documents speak this way
            if info.cues:
                continue
            mention, _ = _left_speaker(info, k, text)
            if mention is None or mention.kind != "doc":
                mention = info.subject_mention
            if mention is None or mention.kind != "doc":
                continue
            mention = _outer_document(info, mention, text)
            if mention.owner is None:
                owner = _first_person_between(info, mention.end, k, text)
                if owner is not None:
                    mention = owner
        else:
            if "subj" in frames or "head" in frames:
                j_left = j_mod if k_left == k_mod else _skip_adverbials(toks, k_left)
                mention, found_np = _left_speaker(info, k_left, text, j_left)
                if found_np and "by" in info.lows:
                    read = _read_document(info, k_left, text)
                    if read is not None:
                        mention = read  # "Emails seen by the paper suggest …": the emails
                if mention is None or mention.kind == "other":
                    quoted = _quoted_subject(info, k_left, text)
                    if quoted is not None:
                        mention, found_np = quoted, True
                subj = info.subject_mention
                if (
                    mention is not None
                    and mention.kind == "doc"
                    and mention.owner is None
                    and subj is not None
                    and subj.kind in {"person", "org", "media", "group", "desc", "pronoun"}
                    and subj.end <= mention.start
                ):
                    mention = subj  # "X issued a statement saying …": X's statement
                if (
                    (mention is None or mention.kind in {"other", "place"})
                    and subj is not None
                    and subj.kind == "doc"
                    and subj.end < k_left
                    and subj.start <= info.ctx.first + 1
                    and toks[subj.end].low.endswith(("ed", "en"))
                ):
                    # "A suit brought by farmers last May alleges …": the suit
                    mention, found_np = subj, True
                w = _relative_who(toks, j_left)
                if w is not None and w > 0 and (mention is None or mention.start > w):
                    # "Officials who talked to the paper said": the noun before "who"
                    subject, subject_np = _left_speaker(info, w, text)
                    if subject is not None and _can_speak(subject):
                        mention, found_np = subject, subject_np
                        # "X is one of the few economists who argue …": X argues
                        mention = _member_subject(info, subject) or mention
            if mention is None and "inv" in frames and not found_np and not participle:
                j = k
                while j > 0 and toks[j - 1].low in _SKIP_LEFT:
                    j -= 1
                if (
                    j == 0
                    or toks[j - 1].text[:1] in _INVERSION_BEFORE
                    or toks[j - 1].text.startswith('"')
                ):
                    span = parse_right(toks, k_end, info.ctx)
                    if span is None:
                        # "said another volunteer, NAME": a description outside the lists
                        comma = next(
                            (
                                c
                                for c in range(k_end + 1, min(len(toks), k_end + 5))
                                if toks[c].text == ","
                            ),
                            None,
                        )
                        if comma is not None and all(
                            t.text.isalpha() and not t.cap for t in toks[k_end:comma]
                        ):
                            mention = _inverted_apposition(info, (k_end, comma), text)
                    elif (
                        span[1] >= len(toks)
                        or toks[span[1]].text[:1] in _AFTER_INVERTED
                        or toks[span[1]].low in _W["relative"]  # "said one source who …"
                        or (  # '"…," said Ana Ruiz as she left.'
                            toks[j - 1].text.startswith('"') and toks[span[1]].low in _SUBORDINATORS
                        )
                        or (  # '"…," said Ana Ruiz in a statement.'
                            toks[j - 1].text.startswith('"')
                            and toks[span[1]].low in _W["postmodifier_prepositions"]
                            and info.sentence.text.rstrip().endswith(".")
                        )
                    ):
                        mention = _mention_at(info, span, text)
                        named = _inverted_apposition(info, span, text)
                        if named is not None and (mention is None or mention.kind != "person"):
                            mention = named
                    if (
                        (mention is None or mention.kind == "other")
                        and j > 0
                        and toks[j - 1].text.startswith('"')
                    ):
                        # '"…," said a dock worker.': a description outside the lists
                        mention = _plain_source(info, k_end, text) or mention
                    elif (
                        (mention is None or mention.kind == "other")
                        and j > 0
                        and toks[j - 1].text == ","
                    ):
                        # "…, said one source at the quay.": a listed role or group
                        plain = _plain_source(info, k_end, text)
                        if plain is not None and (
                            toks[plain.end - 1].low in lex.titles
                            or toks[plain.end - 1].low in lex.collectives
                        ):
                            mention = plain
                    if mention is None or mention.kind == "other":
                        # "…, said veteran harbour pilot Ivo Dahl."
                        mention = _described_name(info, k_end, text) or mention
            if mention is None and not found_np:
                j = k
                while j > 0 and toks[j - 1].low in _SKIP_LEFT:
                    j -= 1
                coordinated = j > 0 and toks[j - 1].low in _COORD
                if coordinated and info.cues:
                    info.cues.append(_Cue(cstart, cend, form, list(info.cues[-1].speakers)))
                    continue
                subj = info.subject_mention
                if (
                    subj is not None
                    and _can_speak(subj)
                    and subj.end <= k
                    and any(t.low in _W["contrast"] for t in toks[subj.end : k])
                    and not any(t.text in {";", ":"} for t in toks[subj.end : k])
                ):
                    ents = _resolve(subj, info, reg, i, text, last)
                    if ents:
                        info.cues.append(_Cue(cstart, cend, form, ents))
                        continue
                j = j_mod if k == k_mod else _skip_adverbials(toks, k)
                if j > 0 and toks[j - 1].low in _W["relative"]:
                    mention, found_np = _left_speaker(info, j - 1, text)
                else:
                    w = _relative_who(toks, k)
                    if w is not None:
                        mention, found_np = _left_speaker(info, w, text)
        if (
            mention is not None
            and mention.kind == "pronoun"
            and mention.start > 0
            and toks[mention.start - 1].low in _SUBORDINATORS
            and toks[mention.start - 1].low not in _W["reporting_subordinators"]
        ):
            continue  # "the point where they believe …": not a report
        if (
            mention is not None
            and mention.kind == "place"
            and mention.name
            and (
                (
                    mention.end <= k
                    and (
                        _opens_sentence(info, mention.start)
                        or _parenthetical_place(info, mention, k_end)
                    )
                )
                or (  # "according to Iran," (not "according to Iran's ministry")
                    "prep" in frames
                    and mention.start == k_end
                    and not toks[mention.end - 1].poss
                    and (mention.end >= len(toks) or toks[mention.end].text in {",", ".", ";"})
                )
            )
        ):
            # "China urged restraint", "Beijing reacted angrily": the country speaks
            mention = replace(mention, kind="org")
        if mention is not None and "plural" in frames:
            if mention.text.lower() in _PROPORTIONS or mention.text.lower() in lex.collectives:
                # "Three-quarters support …", "…, pensioners support …"
                mention = replace(mention, kind="group", number=2)
            if (mention.number < 2 and mention.kind not in {"conj", "group"}) or (
                k_end < len(toks) and toks[k_end].low in _W["plural_cue_nouns"]
            ):
                continue  # "Ana Ruiz support among …", "the farmers support group": nouns
        if mention is None or not _can_speak(mention):
            if found_np and not info.cues and (mention is None or mention.kind != "place"):
                info.blocked = True
            continue
        ents = _resolve(mention, info, reg, i, text, last)
        surface = text[toks[mention.start].start : toks[mention.end - 1].end]
        if not ents:
            if info.sentence.headline and mention.kind == "desc" and isinstance(reg, _Registry):
                # the body may name it
                reg.pending_headlines.append((i, mention, form, surface))
            continue
        for e in ents:
            reg.add_surface(e, surface)
        if main_after_sub:
            info.cues.clear()
        info.cues.append(_Cue(cstart, cend, form, ents))


def _stance_copula(info: _Info, reg: Registry, i: int, last: list[Entity]) -> None:
    """``Farmers' groups were less enthusiastic.``: a subject, "was/were" and an adjective
    of view (``stance_adjectives``) report the subject's view."""
    toks = info.toks
    k = next((n for n, t in enumerate(toks) if t.low in _PASSIVE), None)
    if k is None or k + 1 >= len(toks):
        return
    span = parse_left(toks, k, info.ctx)
    subj = _mention_at(info, span, info.sentence.text)
    if subj is None or not _can_speak(subj) or subj.kind == "doc":
        return
    if not _opens_sentence(info, subj.start):
        return
    k += 1
    while k < len(toks) and (
        toks[k].low in _SKIP_LEFT
        or toks[k].low in _W["degree_words"]
        or (toks[k].low.endswith("ly") and len(toks[k].low) > 4)
    ):
        k += 1
    if k >= len(toks) or toks[k].low not in _W["stance_adjectives"]:
        return
    ents = _resolve(subj, info, reg, i, info.sentence.text, last)
    if ents:
        info.cues.append(_Cue(toks[subj.end].start, toks[k].end, toks[k].low, ents))
        info.subject_mention = subj


def _passive_agent(
    info: _Info, k: int, k_end: int, form: str, reg: Registry, i: int, last: list[Entity]
) -> None:
    """``The plan was first reported by the Daily Ledger``, ``… was criticised by unions``:
    the agent after "by" is the source."""
    span = parse_right(info.toks, k_end + 1, info.ctx)
    mention = _mention_at(info, span, info.sentence.text)
    if mention is None or mention.kind not in {"person", "org", "media", "group"}:
        return
    ents = _resolve(mention, info, reg, i, info.sentence.text, last)
    if ents:
        toks = info.toks
        info.cues.append(_Cue(toks[k].start, toks[k_end - 1].end, form, ents))


def _first_person_between(info: _Info, start: int, end: int, text: str) -> Mention | None:
    """The first person named in tokens ``[start, end)``, or an organisation after "from",
    "by" or "of" (a document's author)."""
    toks = info.toks
    p = start
    while p < end:
        if toks[p].cap:
            span = parse_right(toks, p, info.ctx)
            if span is not None and span[1] <= end:
                m = interpret(toks, span, info.ctx, text)
                q = span[0] - 1
                while q > start and toks[q].low in DETERMINERS:
                    q -= 1
                if _viewed_by(toks, q):
                    p = span[1]  # "documents seen by the paper": it read them, no author
                    continue
                if m.kind == "person" or (
                    m.kind in {"org", "media"}
                    and q >= start
                    and toks[q].low in _W["document_owner_prepositions"]
                ):
                    return m  # "a slide from Ana Ruiz's talk", "a survey by the institute"
                p = span[1]
                continue
        p += 1
    return None


def _read_document(info: _Info, k: int, text: str) -> Mention | None:
    """The document before "seen by X" when X is the subject of the cue at token ``k``
    ("Emails seen by the paper suggest …")."""
    toks = info.toks
    span = parse_left(toks, _skip_adverbials(toks, k), info.ctx)
    if span is None or not _viewed_by(toks, span[0] - 1):
        return None
    read = _mention_at(info, parse_left(toks, span[0] - 2, info.ctx), text)
    return read if read is not None and read.kind == "doc" else None


def _in_opening_phrase(info: _Info, k: int) -> bool:
    """Is token ``k`` inside a phrase that opens the sentence with a preposition and
    closes with a comma ("In a note put online on May 3, …")?"""
    toks = info.toks
    first = info.ctx.first
    return (
        first < k
        and toks[first].low in _INTRO
        and not any(t.text == "," for t in toks[first:k])
        and any(t.text == "," for t in toks[k + 1 : k + 8])
    )


def _inside_relative_clause(toks: list[Tok], k: int, k_end: int, lex: SpeakerLexicon) -> bool:
    """Is the cue at tokens ``[k, k_end)`` inside a relative clause set off by commas
    after the subject (", who has denied the charges,") with a main clause without a cue
    going on after it ("…, did not attend")?"""
    if _W["relative"].isdisjoint(map(_LOW, toks[max(1, k - 7) : k])):
        return False  # no "who" where the search below could stop (most cues)
    w = k - 1
    while w > 0 and k - w <= 6 and toks[w].text != ",":
        if toks[w].low in _W["relative"]:
            break
        w -= 1
    if w <= 0 or toks[w].low not in _W["relative"] or toks[w - 1].text != ",":
        return False
    close = next((c for c in range(k_end, min(len(toks), k_end + 10)) if toks[c].text == ","), None)
    return (
        close is not None
        and close + 2 < len(toks)
        and toks[close + 1].text.isalpha()
        and not any(t.low in lex.cue_frames for t in toks[close + 1 :])
    )


def _viewed_by(toks: list[Tok], q: int) -> bool:
    """Is token ``q`` the "by" of "seen by", "reviewed by", "obtained by" (who read a
    document, not who wrote it)?"""
    return (
        0 < q < len(toks) and toks[q].low == "by" and toks[q - 1].low in _W["viewing_participles"]
    )


def _opening_subclause(info: _Info, after: int, k: int) -> bool:
    """Does the sentence open with a subordinate clause ("While …", "Although …") that
    holds the character offset ``after`` and ends with a comma before token ``k``, with a
    subject between that comma and ``k``?"""
    toks = info.toks
    first = info.ctx.first
    if first >= len(toks) or toks[first].low not in _SUBORDINATORS:
        return False
    for p in range(k - 1, first, -1):
        if toks[p].text == ",":
            return toks[p].start >= after and k - p > 1
        if toks[p].text in {";", ":", "(", ")"} or toks[p].text.startswith('"'):
            return False
    return False


def _new_clause(toks: list[Tok], after: int, k: int) -> bool:
    """Is there a coordinated new clause (", and …", "; …", ", while …") between the
    character offset ``after`` and token ``k``?"""
    between = [t for t in toks[:k] if t.start >= after]
    for a, b in itertools.pairwise(between):
        if a.text == ";" or (a.text == "," and b.low in _W["new_clause"]):
            return True
    return False


def _clause_follows(toks: list[Tok], k: int, k_end: int) -> bool:
    """For cues such as "declared": a clause, colon or quote follows, or the cue comes
    after what was said ("…, he declared")."""
    if k > 0 and (toks[k - 1].text in _INVERSION_BEFORE or toks[k - 1].text.startswith('"')):
        return True
    for t in toks[k_end : k_end + 5]:
        if t.text == ":" or t.text.startswith('"') or t.low in _CLAUSE_VERBS:
            return True
        if t.low in _W["clause_openers"]:
            return True
        if t.text in {".", ";"}:
            return False
    return False


def _conj_parts(toks: list[Tok], start: int, end: int) -> list[tuple[int, int]]:
    """The token spans of the members of a conjoined phrase ("X, Y and the Z"), determiners
    left out."""
    parts: list[list[int]] = [[]]
    for k in range(start, end):
        t = toks[k]
        if t.low == "and" or t.text == ",":
            parts.append([])
        elif t.low not in DETERMINERS:
            parts[-1].append(k)
    return [(part[0], part[0] + len(part)) for part in parts if part]


def _caps_labels(sentences: Sequence[Sentence]) -> frozenset[str]:
    """The capitalised labels ("SOLVANG") that open two or more paragraphs: a transcript's
    speaker labels (section labels such as "UPDATE" aside)."""
    seen: Counter[str] = Counter()
    paragraph = -1
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph = s.paragraph
            hit = _CAPS_LABEL.match(s.text)
            if hit is not None:
                seen[hit.group(1)] += 1
    return frozenset(k for k, n in seen.items() if n >= 2)


def _caps_label_speaker(
    info: _Info, reg: _Registry, label: str, labels: frozenset[str]
) -> list[Entity]:
    """The person a capitalised label names: a person of the article with that surname (or
    full name), or, when the label opens several paragraphs, a new person of that name.
    Section labels ("UPDATE:", "EDITOR'S NOTE:") and places or organisations are not
    speakers."""
    words = label.split()
    if any(w.lower() in _W["section_labels"] for w in words) or len(label) < 3:
        return []
    if label.lower() in lexicon().places:
        return []  # "KENYA: …" heads a wire roundup's item
    name = tuple(_CAPS_WORD.sub(lambda m: m.group().capitalize(), w) for w in words)
    m = Mention("person", " ".join(name), name=name)
    ent = reg.link(m, info.sentence.index, create=False)
    if ent is not None and label not in labels and all(len(f) < 2 for f in ent.forms):
        ent = None  # one label, and nobody of the article named in full by it
    if ent is None and label in labels:
        ent = reg.link(m, info.sentence.index)
    if ent is None or ent.kind != "person":
        return []
    return [ent]


def _transcript_speaker(
    info: _Info, reg: _Registry, text: str, labels: frozenset[str] = frozenset()
) -> list[Entity]:
    """A paragraph opening "NAME: …" (an interview transcript) belongs to NAME, also in
    capitals ("SOLVANG: …", see :func:`_caps_label_speaker`; ``labels``: the capitalised
    labels that open several paragraphs); one opening "A: …" (an answer) to the person the
    interview is with (the most salient one), and one opening "Q: …" (the interviewer's
    question) is narration."""
    label = _QA_LABEL.match(text)
    if label is not None:
        word = label.group(1).lower()
        if word in _W["question_labels"]:
            info.blocked = True
            return []
        return reg.most_salient_person(info.sentence.index)
    caps = _CAPS_LABEL.match(text)
    if caps is not None:
        return _caps_label_speaker(info, reg, caps.group(1), labels)
    hit = _COLON_NAME.match(text)
    if hit is None or hit.group(1).split()[0].lower() in _W["section_labels"]:
        return []  # "Verdict: False.", "Update: …" label a part of the piece
    idx0 = next((n for n, t in enumerate(info.toks) if t.start >= hit.start(1)), None)
    if idx0 is None:
        return []
    span = parse_right(info.toks, idx0, info.ctx)
    if span is None or info.toks[span[1] - 1].end != hit.end(1) - len(hit.group(1)) + len(
        hit.group(1).rstrip()
    ):
        return []
    m = interpret(info.toks, span, info.ctx, text)
    if m.kind != "person":
        return []
    ent = reg.link(m, info.sentence.index)
    return [ent] if ent else []


def _transcript_turn(
    info: _Info, infos: list[_Info], reg: _Registry, labels: frozenset[str], turn: int
) -> int:
    """The paragraph of the transcript turn the sentence is in ("HOLM: Senator Vik says we
    should wait …" and the rest of that paragraph), or ``turn`` unchanged: a label that opens
    several paragraphs and names a person opens a turn."""
    s = info.sentence
    i = s.index
    if i > 0 and infos[i - 1].sentence.paragraph == s.paragraph:
        return turn
    hit = _CAPS_LABEL.match(s.text)
    if hit is None or hit.group(1) not in labels:
        return turn
    if not _caps_label_speaker(info, reg, hit.group(1), labels):
        return turn
    return s.paragraph


def _signed_quote(info: _Info, before: _Info | None, reg: Registry, i: int) -> None:
    """A quotation signed with a dash and a name ("“…” ― Ana Ruiz", the name maybe a
    sentence of its own): the name is the speaker of the quotation (a cue after it); a
    signature standing alone is no report itself."""
    text = info.sentence.text
    hit = _SIGNATURE.search(text) if _DASHES.intersection(text) else None
    if hit is None:
        return
    lead = text[: hit.start()].strip()
    # the signature alone, maybe after the quotation's closing mark ("”― Ana Ruiz")
    alone = all(c in _CLOSING_QUOTES for c in lead)
    if alone:
        # the signature alone: the quotation closes the sentence before
        if before is None or not (lead or before.sentence.text.rstrip().endswith(_CLOSING_QUOTES)):
            return
    elif not text[: hit.start()].rstrip().endswith(_CLOSING_QUOTES) or hit.group(1) == "-":
        return
    toks = info.toks
    a = next((n for n, t in enumerate(toks) if t.start >= hit.start(2)), None)
    if a is None:
        return
    m = _mention_at(info, parse_right(toks, a, info.ctx), text)
    name_end = hit.start(2) + len(hit.group(2).rstrip(". "))  # "― Ana Ruiz." ends a sentence
    if m is None or m.kind != "person" or toks[m.end - 1].end < name_end:
        return
    ent = reg.link(m, i)
    if ent is None:
        return
    if alone and before is not None:
        # the signature alone reports nothing: the quotation before it has the speaker
        end = len(before.sentence.text)
        before.cues.append(_Cue(end, end, hit.group(1), [ent]))
        info.blocked = True
    else:
        info.cues.append(_Cue(hit.start(), len(text), hit.group(1), [ent]))


def _headline(
    info: _Info, reg: Registry, text: str, body_names: frozenset[str] = frozenset()
) -> list[Entity]:
    """A headline's speaker from "… - X", "X: …" or "X on Y: …", also after a label such as
    "EXCLUSIVE – " (the cue path covers "X says …"). ``body_names``: the last words (lower
    case) of the names the body of the article uses; "X on Y: …" needs X among them."""
    label = _DATELINE.match(text)
    skip = label.end() if label is not None else 0
    for pattern in (_DASH_NAME, _COLON_NAME, _ON_COLON_NAME):
        hit = pattern.search(text)
        offset = 0
        if hit is None and skip and pattern is not _DASH_NAME:
            hit = pattern.search(text[skip:])
            offset = skip
        if hit is None or hit.group(1).split()[0].lower() in DETERMINERS:
            continue  # "The Latest: …" is a label, not a speaker
        if pattern is _COLON_NAME and hit.group(1).split()[0].lower() in _W["section_labels"]:
            continue  # "Opinion: …", "Profile: …" name the kind of piece
        lo, hi = hit.start(1) + offset, hit.end(1) + offset
        sub_toks = [t for t in info.toks if lo <= t.start < hi]
        if not sub_toks:
            continue
        idx0 = info.toks.index(sub_toks[0])
        span = parse_right(info.toks, idx0, info.ctx)
        if span is None:
            continue
        m = interpret(info.toks, span, info.ctx, text)
        if m.kind in {"person", "org", "media"}:
            if pattern is _ON_COLON_NAME and (not m.name or m.name[-1].lower() not in body_names):
                continue  # "X on …:" may open a topic ("Rate Cuts on the Horizon: …")
            ent = reg.link(m, info.sentence.index, create=False)
            if ent is None:
                ent = reg.link(m, info.sentence.index)
            return [ent] if ent else []
    return []


# ---------------------------------------------------------------------------------------
# main


def attribute(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    aliases: Mapping[str, str] | None = None,
) -> ArticleSpeakers:
    """Attribute each sentence to its speakers; list the article's speaker entities.

    >>> from stance.types import Article, Sentence
    >>> text = 'Talks resumed on Monday. "We are ready," said Anna Berg, the envoy.'
    >>> art = Article(id="a", text=text)
    >>> sents = [Sentence("a", 0, 0, 24, text[0:24]), Sentence("a", 1, 25, 68, text[25:68])]
    >>> result = attribute(art, sents)
    >>> [a.speakers for a in result.attributions]
    [(), ('Anna Berg',)]
    """
    lex = lexicon()
    text = article.text
    quotes = find_quotes(text)
    quote_starts = [q.open_mark for q in quotes]
    lower_vocab = _LowerVocab(text)
    mid_caps = _MidCaps(text)
    abbrevs = _abbreviations()
    reg = _Registry()
    infos: list[_Info] = []
    seen_names: dict[tuple[tuple[str, bool, bool], ...], Mention] = {}  # same words, same reading
    caps_labels = _caps_labels(sentences) if ":" in text else frozenset()
    labelled: tuple[int, list[Entity]] | None = None  # a transcript paragraph's label speaker
    # --- Q/A interview transcripts (stance/_interviews.py) ---
    qa_found = find_interview(sentences)
    qa_reader = InterviewReader(qa_found, reg) if qa_found is not None else None
    turn = -1  # the paragraph of a transcript turn opened by a capitalised label ("SMITH: …")

    # pass 1: tokens, and every name written in the article (fullest forms, roles)
    for s in sentences:
        masked = mask_quotes(s.text, s.start, quotes, quote_starts)
        all_toks = tokenize(s.text, abbrevs)
        if _CLOCK_GLUED.search(s.text):
            all_toks = _unglue_clock(all_toks)
        quoted = 0 if masked is s.text else masked.count('"') - s.text.count('"')
        clauses = "—" in s.text or "–" in s.text or ":" in s.text
        hidden = _hide_quoted(all_toks, masked) if quoted else all_toks
        dateline = _DATELINE.match(s.text) if s.paragraph <= 1 else None
        first = _first_word(hidden, dateline.end() if dateline else 0)
        toks = _lower_initial(hidden, lex, first, clauses)
        # a title-case line in the body is read like a headline ("Ana Ruiz Says …")
        titled = s.headline or _title_case(hidden)
        ctx = Context(
            lex,
            lower_vocab,
            first=first,
            headline=titled,
            toks=toks,
            mid_caps=mid_caps,
        )
        info = _Info(s, toks, ctx, masked=masked, lows=list(map(_LOW, toks)))
        info.quoted = max(0, quoted) / max(1, len(s.text.strip()))
        infos.append(info)
        if quoted:
            full_first = _first_word(all_toks, dateline.end() if dateline else 0)
            full = _lower_initial(all_toks, lex, full_first, clauses)
            fctx = Context(
                lex,
                lower_vocab,
                first=full_first,
                headline=titled,
                toks=full,
                mid_caps=mid_caps,
            )
        else:
            full, fctx, full_first = toks, ctx, first
        qa = _QA_LABEL.match(s.text)
        if qa is None and caps_labels:
            qa = _CAPS_LABEL.match(s.text)
            if qa is not None and qa.group(1) not in caps_labels:
                qa = None
        if qa is None and ":" in s.text:
            qa = _COLON_NAME.match(s.text)  # "Profile: …" labels the piece, names nobody
            if qa is not None and qa.group(1).split()[0].lower() not in _W["section_labels"]:
                qa = None
        for span in _name_spans(full, fctx):
            if dateline is not None and full[span[0]].start < dateline.end():
                continue  # "NAIROBI — …": the place the story was filed from
            if qa is not None and full[span[0]].start < qa.end():
                continue  # "Q: …", "A: …", "HOLM: …": an interview's labels
            key = tuple(map(_NAME_KEY, full[span[0] : span[1]]))
            m = seen_names.get(key) or interpret(full, span, fctx, s.text)
            seen_names[key] = m
            if m.kind == "conj":
                # "President X and Prime Minister Y": each named person, with the title
                for part in _conj_parts(full, span[0], span[1]):
                    sub = interpret(full, part, fctx, s.text)
                    if sub.kind == "person" and len(sub.name) > 1:
                        reg.link(sub, s.index)
                continue
            of_title = _role_of_place(full, span, m) or (
                m.kind in {"person", "place"}
                and len(m.name) <= 2
                and span[0] >= 2
                and full[span[0] - 1].low == "of"
                and full[span[0] - 2].low in lex.title_last_words
            )
            if of_title:
                # "the governor of Vestland": the title is not the name's
                m = replace(m, role=None, classes=frozenset())
            if m.kind in {"person", "org", "media"}:
                if not quoted or masked[full[span[0]].start] != '"':
                    info.names.append(m)
                    info.name_spans.append((full[span[0]].start, full[span[1] - 1].end))
                ent = reg.link(m, s.index)
                if ent is not None:
                    ent.heads |= _apposition_heads(full, span, lex)
                if ent is not None and ent.kind == "person" and not of_title:
                    role, classes, affiliation = _apposition_role(full, span[1], lex)
                    if role is None:
                        role, classes, affiliation = _described_before(full, span[0], fctx, s.text)
                    if role and ent.role is None:
                        ent.role = role
                    ent.classes = ent.classes | classes
                    if affiliation and ent.affiliation is None:
                        ent.affiliation = affiliation
    for ent in reg.entities:
        ent.mentioned = ent.spoke = ent.subject = -100
        ent.first_seen = 10**9

    # pass 2: cues and references, in reading order
    body_names = frozenset(
        m.name[-1].lower()
        for inf in infos
        if not inf.sentence.headline
        for m in inf.names
        if m.name
    )
    last: list[Entity] = []
    for info in infos:
        s = info.sentence
        i = s.index
        masked = info.masked
        # names in this sentence become salient; the main clause's subject more so
        if info.names:
            before = list(map(_SALIENCE_MARKS, reg.entities))
            name_ents = [reg.link(m, i) for m in info.names]
            # a link changes only the entity it returns, and no earlier link was made with
            # sentence ``i``: the entities mentioned in ``i`` so far are its names' ones
            info.earlier = {
                id(e): before[e.id] for e in name_ents if e is not None and e.id < len(before)
            }
        else:
            name_ents = []
        info.subject = _main_subject(info, reg, i, s.text)
        if info.subject is not None and _owns_its(info, info.subject):
            info.subject.kind = "org"  # "Acme Tiles cut its forecast": no person
        subj_m = info.subject_mention
        if subj_m is not None and subj_m.kind == "doc" and subj_m.owner is None:
            reg.doc_subjects[i] = info.lows[subj_m.end - 1]
        _document_issuers(info, reg, i)
        _document_authors(info, reg, i)
        hit = _refusal(masked, lex, info.lows)
        if hit is not None:
            _find_cues(info, masked, reg, i, last)
            # "X said talks were expected to resume": a report that holds the phrase stays
            info.cues = [c for c in info.cues if c.end <= hit.start()]
            if not info.cues:
                info.blocked = True
                info.refused = True
        else:
            _find_cues(info, masked, reg, i, last)
        if info.cues and not s.headline and _background_clause(info):
            info.cues = []  # "The protest came after the agency said …": background
        for cue in info.cues:
            _outlet_relays(info, cue, reg, i, last)
        if not info.cues and not info.refused and not s.headline:
            _signed_quote(info, infos[i - 1] if i > 0 else None, reg, i)
        if not info.cues and not info.refused and not s.headline:
            _stance_copula(info, reg, i, last)
        speakers: list[Entity] = []
        by_label = ""  # "direct": a transcript's label; "continuation": the rest of its paragraph
        if info.cues and not s.headline and caps_labels:
            turn = _transcript_turn(info, infos, reg, caps_labels, turn)
            if turn == s.paragraph:
                info.cues = []  # a transcript turn: the label's speaker's words, whoever they name
        # --- Q/A interview transcripts (stance/_interviews.py): a question's or answer's
        # speaker says its whole paragraph, nested quotes included; the introduction's
        # account of the interview and editor's notes are narration
        qa_turn = (
            qa_reader.speakers(
                s,
                partial(_transcript_speaker, info, reg, s.text, caps_labels),
                [e for c in info.cues for e in c.speakers],
                [info.subject] if info.subject is not None else [],
                [(a, b, e) for (a, b), e in zip(info.name_spans, name_ents, strict=False) if e],
            )
            if qa_reader is not None
            else None
        )
        if qa_turn is not None:
            speakers, by_label = qa_turn
            info.cues = []
            if not speakers:
                info.blocked = info.refused = True  # narration, for the later passes too
        # --- end of the interview hook
        elif s.headline:
            speakers = _headline(info, reg, s.text, body_names)
        elif not info.cues and (i == 0 or infos[i - 1].sentence.paragraph != s.paragraph):
            speakers = _transcript_speaker(info, reg, s.text, caps_labels)
            labelled = (s.paragraph, speakers) if speakers else None
            by_label = "direct"
        elif not info.cues and labelled is not None and labelled[0] == s.paragraph:
            # the rest of a transcript's labelled paragraph: the label's speaker goes on
            speakers = list(labelled[1])
            by_label = "continuation"
        for cue in info.cues:
            for e in cue.speakers:
                if e not in speakers:
                    speakers.append(e)
        if speakers:
            info.speakers = speakers
            info.kind = (
                "headline" if s.headline else ("direct" if info.quoted > 0.3 else "indirect")
            )
            info.cue = info.cues[0].form if info.cues else ("-" if s.headline else None)
            info.confidence = 0.9
            if by_label:
                info.kind = by_label
                info.cue = ":" if by_label == "direct" else None
            for e in speakers:
                e.spoke = i
                if e.kind == "person" and info.cue in _W["testimony_cues"]:
                    e.classes = e.classes | {"witness"}  # "X testified …": "the witness" next
            if not s.headline:
                last = speakers
        elif last and not s.headline and _inside_open_quote(s, quotes, quote_starts):
            # a quote running on from an earlier sentence: its speaker is still speaking
            # (so "he said" after a long quote is still that speaker)
            for e in last:
                e.spoke = i
        if (
            not speakers
            and not info.refused
            and not _narration_verb(info)
            and not _background_clause(info)
        ):
            # ("Ministers failed to agree …", "X clash over …" tell of events: no candidates)
            info.candidates = _candidates(info, name_ents, reg, i)
            info.first_person = _first_person(info)
        if not speakers and info.subject is None and not s.headline:
            info.subject = _unnamed_subject(info, reg, i, last)
        if info.subject is not None:
            info.subject.subject = max(info.subject.subject, i)
        if info.blocked and not speakers:
            last = []

    if qa_reader is not None:  # --- Q/A interviews: a headline quoting the interviewee
        for info in infos:
            if info.sentence.headline and not info.speakers:
                info.speakers = qa_reader.headline_speakers(info.sentence)
                if info.speakers:
                    info.kind, info.cue, info.confidence = "headline", ":", 0.8
    for k, m, form, surface in reg.pending_headlines:
        # "Interior minister says …" over "…, the interior minister said." and her name
        found = reg.resolve_description(m, k, anywhere=True)
        if m.number == 1:
            found = found[:1]  # one person, even when several hold the role
        if found and not infos[k].speakers:
            for e in found:
                reg.add_surface(e, surface)
            infos[k].speakers = found
            infos[k].kind = "headline"
            infos[k].cue = form
            infos[k].confidence = 0.8
    _quote_speakers(infos, quotes)
    _continuations(infos)
    _rank_unattributed(
        infos,
        _rank_words(),
        lambda m, k: _resolve(m, infos[k], reg, k, infos[k].sentence.text, []),
    )

    _country_voices(infos, lex)
    _court_voices(infos)

    # entities: those that speak, with their canonical names
    speaking: list[Entity] = []
    for info in infos:
        for e in info.speakers:
            if e not in speaking:
                speaking.append(e)
    names = _canonical_names(speaking, aliases)
    narration = Attribution()  # no speakers, kind "none": one record for every such sentence
    attributions = tuple(
        Attribution(
            speakers=tuple(dict.fromkeys([names[e.id] for e in info.speakers])),
            kind=info.kind,  # type: ignore[arg-type]
            cue=info.cue,
            confidence=round(info.confidence, 3),
        )
        if info.speakers
        else narration
        for info in infos
    )
    entities = _entity_records(speaking, names)
    return ArticleSpeakers(attributions=attributions, entities=entities)


def _court_voices(infos: list[_Info]) -> None:
    """A court that rules ("The High Court upheld …", "Court rejects …") speaks through its
    judge: the one judge who speaks in the article (no one, when several do)."""
    judges: list[Entity] = []
    for info in infos:
        for e in info.speakers:
            if e.kind == "person" and "judge" in e.classes and e not in judges:
                judges.append(e)
    if len(judges) != 1:
        return
    for info in infos:
        if info.speakers and all(
            e.kind != "person" and e.name.split()[-1].lower() in _W["court_words"]
            for e in info.speakers
        ):
            info.speakers = list(judges)


def _country_of(ent: Entity, lex: SpeakerLexicon) -> str | None:
    """The country an entity names ("U.S." → "United States"), or None."""
    if ent.kind == "group" or len(ent.forms) != 1 or len(ent.forms[0]) > 3:
        return None
    name = " ".join(ent.forms[0])
    country = lex.nationalities.get(name, name)
    return country if country.lower() in lex.places else None


def _serves(person: Entity, country: str, lex: SpeakerLexicon) -> bool | None:
    """Does ``person`` represent ``country``? True or False where the article says (an
    affiliation, or "Norway's envoy" as written), None when it does not say."""
    if person.affiliation is not None:
        aff = person.affiliation
        return lex.nationalities.get(aff, aff) == country
    for surface in person.surface:
        first = _POSSESSIVE_END.sub("", surface.split(" ", 1)[0])
        if lex.nationalities.get(first, first) == country or surface.startswith(country):
            return True
    return None


def _country_voices(infos: list[_Info], lex: SpeakerLexicon) -> None:
    """A country that speaks ("Norway urged …", "The United States accused …") speaks through
    the person who represents it in the article: one speaking minister, leader, ambassador
    or envoy of that country (by affiliation, or introduced with no affiliation within the
    next few sentences after the country's first statement in the body)."""
    people: list[Entity] = []
    for info in infos:
        for e in info.speakers:
            if e.kind == "person" and e not in people and e.classes & _REPRESENTATIVES:
                people.append(e)
    if not people:
        return
    countries: dict[int, str | None] = {}  # entity id -> the country it names
    for info in infos:
        for e in info.speakers:
            if e.id not in countries:
                countries[e.id] = _country_of(e, lex)
    voices: dict[str, Entity | None] = {}
    body = [info for info in infos if not info.sentence.headline]
    first_body = body[0].sentence.index if body else 0
    for info in infos:
        for e in info.speakers:
            country = countries[e.id]
            if country is None or country in voices:
                continue
            said = [p for p in people if _serves(p, country, lex)]
            if not said:
                at = max(info.sentence.index, first_body)
                said = [
                    p
                    for p in people
                    if _serves(p, country, lex) is None and at < p.introduced <= at + 3
                ]
            voices[country] = said[0] if len(said) == 1 else None
    chosen = [v for v in voices.values() if v is not None]
    for country, voice in voices.items():
        if voice is not None and chosen.count(voice) > 1:
            voices[country] = None  # one person speaks for one country
    if not any(voices.values()):
        return
    for info in infos:
        if not any(countries[e.id] for e in info.speakers):
            continue
        out: list[Entity] = []
        for e in info.speakers:
            country = countries[e.id]
            voice = voices.get(country) if country is not None else None
            person = voice or e
            if person not in out:
                out.append(person)
        info.speakers = out


_REPRESENTATIVES = frozenset(_W["representative_classes"])
_POSTMODIFIERS = _W["postmodifier_prepositions"]
_POSSESSIVE_END = re.compile(r"[’']s?$")


@lru_cache(maxsize=1)
def _rank_words() -> Words:
    """The word classes the learned ranker's features use."""
    lex = lexicon()
    return Words(
        skip=_SKIP_LEFT | _MODALS | _PASSIVE,
        cues=frozenset(lex.cue_frames),
        modals=_MODALS,
        closed=_COORD | _INTRO | DETERMINERS | _W["relative"] | frozenset(lex.pronouns),
    )


def _candidates(
    info: _Info, name_ents: Sequence[Entity | None], reg: Registry, i: int
) -> list[Candidate]:
    """The possible speakers written in a sentence the rules found no speaker for: its
    names (outside quotes) and the subject of its main clause (a pronoun, a description or
    a group) — for the learned ranker."""
    toks = info.toks
    subj = info.subject_mention
    out: list[Candidate] = []
    if info.names:
        at = {t.start: n for n, t in enumerate(toks)}
        ends = {t.end: n for n, t in enumerate(toks)}
    for m, (a, b), ent in zip(info.names, info.name_spans, name_ents, strict=True):
        start, last = at.get(a), ends.get(b)
        if ent is None or start is None or last is None:
            continue
        q = start - 1
        while q > 0 and toks[q].low in DETERMINERS:
            q -= 1
        if _viewed_by(toks, q):
            continue  # "data analysed by the Ledger show …": the paper read them
        is_subj = subj is not None and subj.start <= start < subj.end
        out.append(Candidate(start, last + 1, m.kind, [ent], is_subj))
    if subj is not None and subj.kind in {"pronoun", "desc", "group"} and subj.end > subj.start:
        ents: list[Entity] = []
        lazy: Mention | None = None
        if subj.kind == "pronoun":
            if subj.text.lower() not in _W["non_third_person"]:
                ents = reg.resolve_pronoun(subj, i)
                if subj.number > 1 and any(e.kind != "group" for e in ents):
                    ents = []  # "they" for an organisation needs a reporting cue
        elif subj.kind == "desc" and (subj.definite or subj.number > 1):
            ents = reg.resolve_description(subj, i)
        else:
            existing = reg.link(subj, i, create=False) if subj.kind == "group" else None
            ents = [existing] if existing is not None else []
            lazy = subj
        if ents or lazy is not None:
            out.append(Candidate(subj.start, subj.end, subj.kind, ents, True, lazy))
    return out


def _narration_verb(info: _Info) -> bool:
    """Is the verb right after the main clause's subject one that tells of an event, never
    of words ("EU ministers split over …", "Niger declared three days of mourning")?"""
    subj = info.subject_mention
    toks = info.toks
    if subj is None or subj.end <= subj.start or subj.end >= len(toks):
        return False
    k = subj.end
    while k < len(toks) and (
        toks[k].low in _SKIP_LEFT or (toks[k].low.endswith("ly") and len(toks[k].low) > 4)
    ):
        k += 1
    if k < len(toks) and toks[k].low in _TIME_LEAD:
        # "chose on Friday to wait": a short time phrase between subject and verb
        tw = time_words()
        p = k + 1
        while p < len(toks) and (toks[p].low in tw or toks[p].text.isdigit()):
            p += 1
        if p > k + 1:
            k = p
    if k >= len(toks):
        return False
    low = toks[k].low
    if low in _W["narration_verbs"]:
        return True
    if low in _W["spending_verbs"]:
        # "Few envoys have spent as long with the rebels as X", but not "X spent the
        # week attacking Y"
        return not any(t.low.endswith("ing") and not t.cap for t in toks[k + 1 : k + 15])
    # "declared three days of mourning", "announced 40 new posts": an act
    frames = info.ctx.lex.cue_frames.get(low)
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    return (
        frames is not None
        and ("clause" in frames or low in _W["act_before_number"])
        and (
            nxt.isdigit()
            or nxt in _NUMBER_WORDS
            or (low in _W["act_before_number"] and _amount_at(toks, k + 1))
        )
        and not _clause_follows(toks, k, k + 1)
    )


def _main_subject(info: _Info, reg: Registry, i: int, text: str) -> Entity | None:
    """The entity that is the subject of the sentence's main clause, if any (the phrase
    itself goes to ``info.subject_mention``)."""
    toks = info.toks
    k = _body_start(info)
    if k < len(toks) and (
        toks[k].low in _INTRO or toks[k].low.endswith("ing") or _participle_intro(info, k)
    ):
        for p in range(k, min(len(toks), k + 30)):
            if toks[p].text == ",":
                k = p + 1
                break
        else:
            return None
    span = parse_right(toks, k, info.ctx)
    m = _mention_at(info, span, text)
    if span is None or m is None:
        return None
    if (
        m.kind in {"desc", "other", "group"}
        and span[1] + 1 < len(toks)
        and toks[span[1]].text == ","
    ):
        # "A representative of the delegation, Ana Ruiz, attended …"
        inner = parse_right(toks, span[1] + 1, info.ctx)
        if inner is not None and inner[1] < len(toks) and toks[inner[1]].text == ",":
            named = interpret(toks, inner, info.ctx, text)
            if named.kind == "person":
                m = named
    if (
        m.kind == "group"
        and m.end < len(toks) - 1
        and toks[m.end].low in _W["postmodifier_prepositions"]
    ):
        # "Scholars at the Lund Institute modelled …": the group is named with its place
        inner = parse_right(toks, m.end + 1, info.ctx)
        org = _mention_at(info, inner, text)
        if inner is not None and org is not None and org.kind in {"org", "media"}:
            phrase = text[toks[m.start].start : toks[inner[1] - 1].end]
            m = replace(m, text=phrase, name=(phrase,), end=inner[1])
    info.subject_mention = m
    if m.kind in {"person", "org", "media", "group"}:
        return reg.link(m, i, create=False)
    return None


def _outer_document(info: _Info, m: Mention, text: str) -> Mention:
    """The document a document phrase is the object of ("a Ledger analysis of shipping
    records": the analysis, the Ledger's), or the phrase itself."""
    toks = info.toks
    if m.start < 2 or toks[m.start - 1].low not in _W["owner_prepositions"]:
        return m
    outer = _mention_at(info, parse_left(toks, m.start - 1, info.ctx), text)
    return outer if outer is not None and outer.kind == "doc" else m


def _background_clause(info: _Info) -> bool:
    """Does the sentence tell when an event came, with every cue inside that time clause
    ("The hearing came a week after a report by the agency found …", "The warning follows
    reports that …")? The cue is background, not what the sentence reports."""
    toks = info.toks
    lex_pronouns = info.ctx.lex.pronouns
    a = _body_start(info)
    if _W["background_verbs"].isdisjoint(info.lows[a + 1 : a + 6]):
        return False  # no verb of the kind in reach (most sentences)
    k = next(
        (k for k in range(a + 1, min(len(toks), a + 6)) if toks[k].low in _W["background_verbs"]),
        None,
    )
    if k is None or any(t.text in {",", ";", ":"} or t.low in lex_pronouns for t in toks[a:k]):
        return False
    j = next(
        (j for j in range(k + 1, min(len(toks), k + 6)) if toks[j].low in _W["background_links"]),
        None,
    )
    return j is not None and all(c.start >= toks[j].end for c in info.cues)


def _outlet_relays(info: _Info, cue: _Cue, reg: Registry, i: int, last: list[Entity]) -> None:
    """A press service or news agency that relays what people said or discussed ("The
    president's press office said President X and Prime Minister Y had discussed …",
    "It said the leader had urged …"): the people are the speakers (ANNOTATION.md:
    an outlet cited as the source of a report is not the speaker)."""
    if not cue.speakers or not all(_is_outlet(e) for e in cue.speakers):
        return
    toks = info.toks
    k = next((n for n, t in enumerate(toks) if t.start >= cue.end), None)
    if k is None:
        return
    if toks[k].low in _W["clause_openers"]:
        k += 1
    m = _mention_at(info, parse_right(toks, k, info.ctx), info.sentence.text)
    if m is None or m.kind not in {"person", "conj", "desc"} or m.end >= len(toks):
        return
    v = m.end
    while v < len(toks) and toks[v].low in _SKIP_LEFT:
        v += 1  # "had discussed", "also stressed"
    if v >= len(toks) or not (
        toks[v].low in info.ctx.lex.cue_frames or toks[v].low in _W["talk_verbs"]
    ):
        return
    found = _resolve(m, info, reg, i, info.sentence.text, last)
    if found and all(e.kind == "person" for e in found):
        cue.speakers = found


def _is_outlet(ent: Entity) -> bool:
    """A news outlet or a press service ("the presidential press service", "Xinhua")."""
    return ent.kind == "media" or not _W["outlet_words"].isdisjoint(
        " ".join(map(" ".join, ent.forms)).lower().split()
    )


def _unnamed_subject(info: _Info, reg: Registry, i: int, last: list[Entity]) -> Entity | None:
    """The unnamed person a sentence that reports no words opens with ("A NATO diplomat who
    had read the memo vouched for it."), so that "the diplomat said …" next refers to that
    person, not to a named diplomat of earlier sentences."""
    m = info.subject_mention
    if m is None or m.kind != "desc" or m.definite or m.number != 1:
        return None
    if m.start > _body_start(info):
        return None
    found = _resolve(m, info, reg, i, info.sentence.text, last)
    return found[0] if len(found) == 1 else None


def _owns_its(info: _Info, ent: Entity) -> bool:
    """Is the main clause's subject, a name no title, gender or pronoun told to be a
    person's, followed in its clause by "its" ("Veltron Marine cut its fleet")?"""
    subj = info.subject_mention
    if (
        ent.kind != "person"
        or ent.role is not None
        or ent.gender != "any"
        or ent.classes
        or subj is None
        or subj.kind != "person"
    ):
        return False
    # "its" right after the verb (an adverb or auxiliary may come between)
    for t in info.toks[subj.end + 1 : subj.end + 4]:
        if t.low == "its":
            return True
        if not t.low.isalpha() or t.cap or t.low in DETERMINERS:
            return False
    return False


def _participle_intro(info: _Info, k: int) -> bool:
    """Does the clause open with a question put to its subject ("Asked whether …, X said",
    "Pressed on the plan, X …")?"""
    toks = info.toks
    return (
        toks[k].low in _W["question_participles"]
        and k + 1 < len(toks)
        and toks[k + 1].text[:1].isalpha()
        and not toks[k + 1].cap
    )


def _inside_open_quote(s: Sentence, quotes: list[QuoteRegion], quote_starts: list[int]) -> bool:
    """Does the sentence open inside a quote opened in an earlier sentence, and stay
    mostly inside it? A sentence opening with a quote mark after the earlier quote
    closed starts a quote of its own (perhaps somebody else's); only a quote the previous
    paragraph left open, reopened at this paragraph's start, runs on."""
    n = bisect.bisect_left(quote_starts, s.start) - 1
    if n < 0:
        return False
    q = quotes[n]
    if q.end <= s.start:
        # a quote running on into this paragraph starts again at its opening mark
        if q.runs_on and n + 1 < len(quotes) and quotes[n + 1].open_mark < s.start + 3:
            q = quotes[n + 1]
        else:
            return False
    return min(s.end, q.end) - s.start >= 0.5 * len(s.text)


def _quote_speakers(infos: list[_Info], quotes: list[QuoteRegion]) -> None:
    """Give sentences inside a quote the speaker of that quote."""
    if not quotes or not infos:
        return
    starts = [inf.sentence.start for inf in infos]

    def at(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    run_speakers: list[Entity] = []
    prev_close: int | None = None
    for q in quotes:
        close = q.close_mark if q.close_mark is not None else q.end
        a, b = at(q.open_mark), at(max(q.open_mark, close - 1))
        speakers: list[Entity] = []
        cue_form: str | None = None
        # a cue after the quote, in the sentence where it closes
        end_info = infos[b]
        for cue in end_info.cues:
            if cue.start + end_info.sentence.start >= close - 1:
                speakers, cue_form = cue.speakers, cue.form
                break
        if not speakers and b > a:
            # '“…” ― Ana Ruiz' with the closing mark split off into the signature's sentence:
            # the signature's cue sits at the end of the sentence before
            prev = infos[b - 1]
            for cue in prev.cues:
                if cue.start == cue.end == len(prev.sentence.text) and not cue.form.isalpha():
                    speakers, cue_form = cue.speakers, cue.form
        if not speakers:
            start_info = infos[a]
            for cue in start_info.cues:
                if cue.end + start_info.sentence.start <= q.open_mark:
                    speakers, cue_form = cue.speakers, cue.form
        if not speakers and b + 1 < len(infos) and not infos[b].cues:
            # '“When did you know?” Senator X asked.': the cue closes a short next sentence
            nxt = infos[b + 1]
            if (
                nxt.cues
                and nxt.sentence.paragraph == infos[b].sentence.paragraph
                and nxt.sentence.start - close <= 2
                and len(nxt.toks) <= 8
                and nxt.quoted == 0.0
            ):
                speakers, cue_form = nxt.cues[0].speakers, nxt.cues[0].form
        # a quote that opens a paragraph right after a quote by the same speaker runs on
        if not speakers and prev_close is not None and run_speakers:
            gap_infos = infos[at(prev_close) : a + 1]
            if all(not inf.cues or inf.speakers == run_speakers for inf in gap_infos):
                speakers = run_speakers
                cue_form = cue_form or "quote"
        if not speakers:
            prev_close = None
            run_speakers = []
            continue
        run_speakers = speakers
        prev_close = close
        for idx in range(a, b + 1):
            inf = infos[idx]
            if inf.speakers or inf.sentence.headline:
                continue
            s = inf.sentence
            inside = min(s.end, q.end) - max(s.start, q.start)
            if inside <= 0 or inside < 0.3 * len(s.text):
                continue
            inf.speakers = list(speakers)
            inf.kind = "direct"
            inf.cue = cue_form
            inf.confidence = 0.85
            inf.blocked = False


def _starts_with_time(info: _Info) -> bool:
    toks = info.toks
    k = info.ctx.first
    tw = time_words()
    for p in range(k, min(len(toks), k + 6)):
        t = toks[p]
        if t.text == ",":
            return p > k
        if t.low in tw or _YEAR.match(t.text):
            return True
    return False


def _first_person(info: _Info) -> bool:
    """Does the sentence speak in the first person outside quotes ("We are ready")?"""
    if _FIRST_PERSON.isdisjoint(info.lows):
        return False
    return any(
        t.low in _FIRST_PERSON and not (len(t.text) > 1 and t.text.isupper()) for t in info.toks
    )


_QUOTED_RUN = re.compile(r'"{2,}')


def _scare_quote_only(info: _Info) -> bool:
    """Is the only speech of a sentence a quote of three words or fewer that its cue takes
    as an object ('X called the plan "a disaster."', 'X denounced the "vanity project"')?
    Such a sentence reports a label, not a view the next sentence may go on with."""
    if not info.quoted or not info.cues or info.kind != "indirect":
        return False
    text = info.sentence.text
    runs = list(_QUOTED_RUN.finditer(info.masked))
    if not runs or any(len(text[r.start() : r.end()].split()) > 3 for r in runs):
        return False
    cue_end = info.cues[0].end
    first_quote = runs[0].start()
    if first_quote < cue_end:
        return False  # the quote comes before its cue: what was said
    between = [t for t in info.toks if cue_end <= t.start < first_quote]
    return not any(
        t.low in _CLAUSE_VERBS or t.low in _W["clause_openers"] or t.text == ":" for t in between
    )


def _continuations(infos: list[_Info]) -> None:
    """Paraphrase and unattributed quotes that go on with the previous speaker."""
    prev: _Info | None = None
    for idx, info in enumerate(infos):
        s = info.sentence
        if s.headline:
            prev = None
            continue
        if info.speakers:
            prev = None if _scare_quote_only(info) else info
            continue
        if (
            prev is not None
            and prev.sentence.text.rstrip().endswith(":")
            and s.paragraph - prev.sentence.paragraph <= 1
            and not info.cues
        ):
            # "X wrote:" and then what X wrote, quote marks or not
            info.speakers = list(prev.speakers)
            info.kind = "direct"
            info.cue = ":"
            info.confidence = 0.7
            info.blocked = False
            info.sentence_colon = True
            prev = info
            continue
        if (
            prev is not None
            and prev.sentence_colon
            and (prev.sentence.paragraph == s.paragraph and not info.cues)
        ):
            info.speakers = list(prev.speakers)
            info.kind = "direct"
            info.cue = ":"
            info.confidence = 0.7
            info.sentence_colon = True
            prev = info
            continue
        if prev is None or info.blocked:
            prev = None if info.blocked else prev
            continue
        same_paragraph = prev.sentence.paragraph == s.paragraph
        other_subject = info.subject is not None and info.subject not in prev.speakers
        after_quote = prev.kind == "direct" and not _first_person(info)
        if same_paragraph and not other_subject and not after_quote and not _starts_with_time(info):
            info.speakers = list(prev.speakers)
            info.kind = "continuation"
            info.cue = None
            info.confidence = 0.6
            prev = info
            continue
        if not same_paragraph and info.quoted > 0.5 and not other_subject:
            info.speakers = list(prev.speakers)
            info.kind = "continuation"
            info.confidence = 0.6
            prev = info
            continue
        if not same_paragraph and not other_subject and idx + 1 < len(infos):
            nxt = infos[idx + 1]
            if (
                nxt.sentence.paragraph == s.paragraph
                and nxt.kind in {"indirect", "direct"}
                and nxt.speakers == prev.speakers
                and nxt.cues
            ):
                info.speakers = list(prev.speakers)
                info.kind = "continuation"
                info.confidence = 0.6
                prev = info
                continue
        prev = None


# ---------------------------------------------------------------------------------------
# names


def _canonical_names(
    entities: Sequence[Entity], aliases: Mapping[str, str] | None
) -> dict[int, str]:
    folded = {k.casefold(): v for k, v in (aliases or {}).items()}
    out: dict[int, str] = {}
    for e in entities:
        name = e.name
        if e.kind == "group" or (e.kind == "person" and len(e.forms) == 1 and " " in e.forms[0][0]):
            name = _strip_leading(name)
        mapped = folded.get(name.casefold())
        if mapped is None:
            for form in e.forms:
                mapped = folded.get(" ".join(form).casefold())
                if mapped:
                    break
        out[e.id] = mapped or name
    return out


def _strip_leading(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _entity_records(
    entities: Sequence[Entity], names: Mapping[int, str]
) -> tuple[EntityRecord, ...]:
    records: dict[str, EntityRecord] = {}
    for e in entities:
        name = names[e.id]
        forms = [" ".join(f) for f in e.forms] + e.surface
        aliases = tuple(dict.fromkeys(f for f in forms if f != name))
        kind: EntityKind = (
            "person" if e.kind == "person" else "group" if e.kind == "group" else "organisation"
        )
        rec = EntityRecord(
            name=name, aliases=aliases, role=e.role, affiliation=e.affiliation, kind=kind
        )
        if name in records:
            old = records[name]
            rec = replace(old, aliases=tuple(dict.fromkeys(old.aliases + aliases)))
        records[name] = rec
    return tuple(records.values())


def canonicalize_across(results: Sequence[ArticleSpeakers]) -> list[ArticleSpeakers]:
    """Give one person one canonical name across the articles of a run.

    A name that is the last part of a fuller name used in another article ("Strand",
    "Olav Strand") takes the fuller one, when only one fuller name ends that way.

    >>> a = ArticleSpeakers((Attribution(("Strand",)),), (EntityRecord("Strand"),))
    >>> b = ArticleSpeakers((Attribution(("Olav Strand",)),), (EntityRecord("Olav Strand"),))
    >>> canonicalize_across([a, b])[0].attributions[0].speakers
    ('Olav Strand',)
    """
    # distinct person names, grouped by their last word (case-folded)
    persons: dict[str, dict[str, tuple[str, ...]]] = {}
    for res in results:
        for ent in res.entities:
            if ent.kind == "person" and ent.name.split():
                words = tuple(ent.name.casefold().split())
                persons.setdefault(words[-1], {})[ent.name] = words
    mapping: dict[str, str] = {}
    for names in persons.values():
        if len(names) < 2:
            continue
        for name, words in names.items():
            # fuller names whose last words are this name's words ("Olav Strand" for "Strand")
            fuller = {
                other: w
                for other, w in names.items()
                if len(w) > len(words) and w[-len(words) :] == words
            }
            longest = [
                other
                for other, w in fuller.items()
                if not any(len(v) > len(w) and v[-len(w) :] == w for v in fuller.values())
            ]
            if len(longest) == 1:
                mapping[name] = longest[0]
    if not mapping:
        return list(results)
    out: list[ArticleSpeakers] = []
    for res in results:
        # only the article's people are renamed (an organisation may share a surname)
        local = {
            e.name: mapping[e.name]
            for e in res.entities
            if e.kind == "person" and e.name in mapping
        }
        if not local:
            out.append(res)
            continue
        atts = tuple(
            replace(a, speakers=tuple(dict.fromkeys(local.get(s, s) for s in a.speakers)))
            if any(s in local for s in a.speakers)
            else a
            for a in res.attributions
        )
        ents: dict[str, EntityRecord] = {}
        for ent in res.entities:
            new = local.get(ent.name, ent.name)
            rec = (
                ent
                if new == ent.name
                else replace(ent, name=new, aliases=tuple(dict.fromkeys((*ent.aliases, ent.name))))
            )
            if new in ents:
                old = ents[new]
                merged = (*old.aliases, *rec.aliases, *((ent.name,) if ent.name != new else ()))
                rec = replace(old, aliases=tuple(dict.fromkeys(a for a in merged if a != new)))
            ents[new] = rec
        out.append(ArticleSpeakers(atts, tuple(ents.values())))
    return out


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read an aliases file: spelling -> canonical name.

    TOML: ``"Ana Ruis" = "Ana Ruiz"`` or ``"Ana Ruiz" = ["Ana Ruis", "A. Ruiz"]``
    (optionally under an ``[aliases]`` table). CSV/TSV: two columns, spelling and canonical
    name (a header row ``spelling,canonical`` is allowed). A bad line raises
    :class:`~stance.types.InputError` naming the file and line.
    """
    p = Path(path)
    source = str(p)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(source, "no such aliases file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read the aliases file: {exc}") from exc
    out: dict[str, str] = {}
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            raise InputError(source, f"not valid TOML: {exc}", line) from exc
        table = data.get("aliases", data)
        if not isinstance(table, dict):
            raise InputError(source, "expected a table of spelling = canonical name")
        for key, value in table.items():
            if isinstance(value, str) and value.strip():
                out[key] = value.strip()
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                for v in value:
                    out[v] = key
            else:
                line = _toml_line(raw, key)
                raise InputError(
                    source,
                    f"expected a canonical name (string) or a list of spellings for {key!r}, "
                    f"found {type(value).__name__}",
                    line,
                )
        return out
    delimiter = "\t" if p.suffix.lower() == ".tsv" or ("\t" in raw and "," not in raw) else ","
    for lineno, row in enumerate(csv.reader(raw.splitlines(), delimiter=delimiter), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 2:
            raise InputError(
                source, f"expected 2 columns (spelling, canonical), found {len(row)}", lineno
            )
        spelling, canonical = row[0].strip(), row[1].strip()
        if lineno == 1 and spelling.lower() == "spelling" and canonical.lower() == "canonical":
            continue
        if not spelling or not canonical:
            raise InputError(source, "empty spelling or canonical name", lineno)
        out[spelling] = canonical
    return out


def _toml_line(raw: str, key: str) -> int | None:
    for lineno, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((key, f'"{key}"', f"'{key}'")):
            return lineno
    return None
