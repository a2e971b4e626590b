"""Tokens, noun phrases and the speaker registry of one article.

The pieces ``speakers.attribute`` is built from:

- :func:`tokenize` splits a sentence into word and punctuation tokens with offsets;
- :func:`parse_left` / :func:`parse_right` read the noun phrase that ends (starts) at a
  token, and :func:`interpret` turns its tokens into a :class:`Mention` (a name, a
  pronoun, a description such as "the Danish diplomat", a collective such as
  "U.S. officials", an organisation, or a document such as "a statement");
- :class:`Registry` keeps the article's entities (canonical name = fullest form), links
  name mentions to them and resolves pronouns and descriptions by salience (who spoke or
  was the subject most recently), role, affiliation and number.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter
from typing import NamedTuple

from ._entities import SpeakerLexicon, lexicon, word_classes

__all__ = ["Mention", "Registry", "Tok", "interpret", "parse_left", "parse_right", "tokenize"]

_TOKEN = re.compile(
    # every token's first character (any but white space and "_"), then what follows it
    # by the kind of that character (a look back at it): a search skips to the next such
    # character at once instead of trying each branch at every offset
    r"[^\s_](?:"
    # initialisms: U.S., D.C. (the first two pairs written out, not a repeated group: a
    # word fails them at its second character, before any repeat is set up)
    r"\.(?<=[A-Za-z]\.)[A-Za-z]\.(?:[A-Za-z]\.)*+"
    # words, with inner apostrophes and hyphens (a word run, then runs of marks each
    # followed by a word run: the longest stretch that ends in a word character, found
    # without backtracking; possessive repeats, as nothing after them could use less)
    r"|(?<=[^\W\d_])\w*+(?:[’'\-]+\w+)*+[’']?"
    r"|(?<=\d)(?:[\d,.:]*\d)?"  # a number: the longest run of digits and marks ending in a digit
    r'|(?<=")"*+'  # a run of masked quote characters
    r"|)"  # any other mark alone
)

# the same tokens as ``split`` separators: the pieces alternate the stretch skipped before
# a token (white space, or anything no token takes, such as "_") and the token, so their
# running lengths are the offsets (no match objects, no pairs)
_SPLIT_TOKEN = re.compile("(" + _TOKEN.pattern + ")")
# the same for ASCII text, with ASCII classes (cheaper to test, and the same as the Unicode
# ones on ASCII characters once \x1c-\x1f, white space to Unicode, are added to \s)
_SPLIT_TOKEN_ASCII = re.compile(
    "(" + _TOKEN.pattern.replace(r"[^\s_]", r"[^\s_\x1c-\x1f]", 1) + ")", re.ASCII
)
_FIRST_CHAR = itemgetter(0)
_TEXT, _LOW, _POSS = itemgetter(0), itemgetter(1), itemgetter(5)  # of a Tok
_APOSTROPHE_END = re.compile(r"[’']s?")  # where a possessive ending may close a word
# a full stop right after a letter (the stop first: a fast literal scan)
_STOP_AFTER_LETTER = re.compile(r"\.(?<=[^\W\d_]\.)")

_W = word_classes()
# letters after a name, written in capitals ("KC", "MP"): kept as written
_POST_NOMINALS = frozenset(w.upper() for w in _W["post_nominals"])
DETERMINERS = _W["determiners"]
_INDEFINITE = _W["indefinite"]
_NUMBERS = {
    **dict.fromkeys(_W["number_two"], 2),
    **dict.fromkeys(_W["number_three"], 3),
    **dict.fromkeys(_W["number_four"], 4),
    **dict.fromkeys(_W["number_five"], 5),
}
_POSSESSIVE_DETS = _W["possessive_determiners"]
_OUTSIDE_ROLES = _W["outside_roles"]
_NAME_PREFIXES = tuple(_W["name_prefixes"])


class Tok(NamedTuple):
    """One token of a sentence."""

    text: str  # as written, possessive ending stripped
    low: str
    start: int  # offsets in the sentence
    end: int
    cap: bool  # starts with an upper-case letter
    poss: bool  # carried a possessive ending ('s)


@lru_cache(maxsize=4)
def _abbreviation_stems(abbreviations: frozenset[str]) -> frozenset[str]:
    """Lower-case abbreviations without their full stop ("mr", "gen")."""
    return frozenset(a[:-1].lower() for a in abbreviations if a.endswith("."))


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def tokenize(text: str, abbreviations: frozenset[str]) -> list[Tok]:
    """Word and punctuation tokens; ``Mr.``, ``Gen.`` and initials keep their full stop.

    One pass of one compiled pattern; then a word followed by a full stop takes it when it
    is a listed abbreviation (not glued to a word or apostrophe before it, no word
    character after the stop) or a single capital followed by a space (an initial), and a
    possessive ending is taken off.

    >>> [t.text for t in tokenize("Gen. A. Holm's view, U.S. said.", frozenset({"gen."}))]
    ['Gen.', 'A.', 'Holm', 'view', ',', 'U.S.', 'said', '.']
    """
    new = tuple.__new__
    # texts and offsets through C-level maps (no Python loop): the running lengths of the
    # pieces (gap, token, gap, token, …, the rest) alternate start and end offsets
    parts = (_SPLIT_TOKEN_ASCII if text.isascii() else _SPLIT_TOKEN).split(text)
    offsets = list(accumulate(map(len, parts)))
    words: list[str] = parts[1::2]
    starts: list[int] = offsets[:-1:2]
    ends: list[int] = offsets[1::2]
    toks: list[Tok] = list(
        map(
            new,
            repeat(Tok),
            zip(
                words,
                map(str.lower, words),
                starts,
                ends,
                map(str.isupper, map(_FIRST_CHAR, words)),
                repeat(False),
            ),
        )
    )
    dot = text.find(".")
    if dot >= 0:
        stems = _abbreviation_stems(abbreviations)
        # a sentence's only full stop, closing it, is taken only by an abbreviation right
        # before it (no initial: no space follows): most sentences need no scan
        if (dot < len(text) - 1 or (len(toks) > 1 and toks[-2][1] in stems)) and (
            _take_full_stops(text, toks, stems, starts)
        ):
            ends = [t[3] for t in toks]
    if "'" in text or "’" in text:
        # possessive endings: look only at tokens that end on an apostrophe or "'s"
        for m in _APOSTROPHE_END.finditer(text):
            i = bisect.bisect_left(ends, m.end())
            if i >= len(toks) or toks[i][3] != m.end():
                continue
            t = toks[i]
            w = t[0]
            if len(w) > 2 and w[0].isalpha() and (w[-1] in "’'" or w[-2] in "’'"):
                w = w[:-1] if w[-1] != "s" else w[:-2]
                toks[i] = new(Tok, (w, w.lower(), t[2], t[3], t[4], True))
    return toks


def _take_full_stops(text: str, toks: list[Tok], stems: frozenset[str], starts: list[int]) -> bool:
    """Join an abbreviation or an initial with the full stop after it (in place); whether
    any was joined. ``starts``: the tokens' start offsets."""
    n = len(text)
    merged: list[int] = []
    for m in _STOP_AFTER_LETTER.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        if i == 0 or i >= len(toks) or toks[i][2] != m.start() or toks[i][0] != ".":
            continue
        p = toks[i - 1]
        w = p[0]
        start, end = p[2], p[3]
        first = w[0]
        if end != toks[i][2] or not first.isalpha() or "." in w:
            continue
        after = text[end + 1] if end + 1 < n else ""
        if (
            p[1] in stems
            and not (after and _word_char(after))
            and not (start > 0 and (_word_char(text[start - 1]) or text[start - 1] in "’'"))
        ) or (len(w) == 1 and "A" <= first <= "Z" and after != "" and after.isspace()):
            toks[i - 1] = tuple.__new__(Tok, (w + ".", p[1] + ".", start, end + 1, p[4], False))
            merged.append(i)
    for i in reversed(merged):
        del toks[i]
    return bool(merged)


_SET_ATTR = object.__setattr__


@dataclass(frozen=True, init=False)
class Mention:
    """A noun phrase that may name a speaker."""

    kind: str  # person, org, media, group, place, pronoun, desc, conj, doc, other
    text: str  # the phrase without a leading determiner
    name: tuple[str, ...] = ()  # name tokens (person/org/group names)
    role: str | None = None
    classes: frozenset[str] = frozenset()
    affiliation: str | None = None
    number: int = 1
    gender: str = "any"
    definite: bool = True
    owner: Mention | None = None  # a document's author, a possessor
    start: int = 0  # token span in the sentence
    end: int = 0

    def __init__(
        self,
        kind: str,
        text: str,
        name: tuple[str, ...] = (),
        role: str | None = None,
        classes: frozenset[str] = frozenset(),
        affiliation: str | None = None,
        number: int = 1,
        gender: str = "any",
        definite: bool = True,
        owner: Mention | None = None,
        start: int = 0,
        end: int = 0,
    ) -> None:
        # The dataclass __init__ of a frozen class sets each field through
        # object.__setattr__; giving the instance its dict whole, built from a display
        # with constant keys, does the same more cheaply than updating the dict with
        # keyword arguments (a sentence makes several mentions).
        _SET_ATTR(
            self,
            "__dict__",
            {
                "kind": kind,
                "text": text,
                "name": name,
                "role": role,
                "classes": classes,
                "affiliation": affiliation,
                "number": number,
                "gender": gender,
                "definite": definite,
                "owner": owner,
                "start": start,
                "end": end,
            },
        )


@dataclass(slots=True)
class Context:
    """What NP parsing needs to know about the sentence and the article."""

    lex: SpeakerLexicon
    lower_vocab: Container[str]  # words seen in lower case in the article
    first: int = 0  # index of the sentence's first word token
    headline: bool = False
    toks: list[Tok] = field(default_factory=list)
    mid_caps: Container[str] = frozenset()  # capitalised words seen inside sentences
    # what parse_right and interpret gave for this sentence's ``toks``, and whether a first
    # word is a common word (all read only the tokens and this context, which do not change:
    # the same call gives the same result)
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)

    def prev_cap_name(self, idx: int) -> bool:
        """Is the token before ``idx`` a capitalised word that is no title or function word?"""
        if idx <= 0 or idx > len(self.toks):
            return False
        t = self.toks[idx - 1]
        return (
            t.cap
            and t.text[:1].isalpha()
            and not t.poss
            and t.low not in self.lex.function_words
            and t.low not in self.lex.titles
            and t.text not in self.lex.nationalities
            and t.low not in self.lex.modifiers
        )


def _is_title_at(toks: list[Tok], i: int, lex: SpeakerLexicon, stop: int) -> int:
    """Length (in tokens) of the longest title starting at token ``i`` (0 when none)."""
    if toks[i].low not in lex.title_first_words:
        return 0
    best = 0
    titles = lex.titles
    key = ""
    for n in range(1, min(lex.max_title_words, stop - i) + 1):
        key = toks[i + n - 1].low if n == 1 else f"{key} {toks[i + n - 1].low}"
        if key in titles:
            best = n
    return best


def _np_word(tok: Tok, ctx: Context, idx: int) -> bool:
    """Can this token sit inside a noun phrase that names a speaker?"""
    lex = ctx.lex
    low = tok[1]
    if not tok[0][:1].isalpha() or low.endswith(("n't", "n’t")):
        return False
    if tok[4]:
        if low in lex.cap_function_words:
            # a month that is a surname ("Anna May") follows a first name; an organisation's
            # head that is also a function word ("Human Rights Watch") follows its name
            return (low in _MONTH_NAMES or low in lex.organisations) and ctx.prev_cap_name(idx)
        if low in lex.cue_frames and (idx == ctx.first or (ctx.headline and idx > ctx.first)):
            return False  # "Stated Stone: …", "Smith Says …"
        if idx != ctx.first:
            return True
        # the first word is asked about again and again (by each phrase read from it)
        key = ("initial", tok)
        memo = ctx.memo
        common = memo.get(key)
        if common is None:
            common = memo[key] = _sentence_initial_common(tok, ctx)
        return not common
    return low in lex.np_lower_words or low.startswith(_NAME_PREFIXES)


def _sentence_initial_common(tok: Tok, ctx: Context) -> bool:
    """Is the capitalised first word of a sentence a common word rather than a name?"""
    lex = ctx.lex
    low = tok.low
    if low in lex.titles or low in lex.modifiers or low in lex.nationalities_lower:
        return False
    if low in lex.collectives or low in lex.organisations or low in lex.documents:
        return False
    if low in lex.places:
        return False  # "Beijing reacted …", "Turkey said …": a listed place is a name
    if "." in tok.text or tok.text.isupper():
        return False
    idx = ctx.first
    nxt = ctx.toks[idx + 1] if idx + 1 < len(ctx.toks) else None
    if (
        tok.text not in ctx.mid_caps
        and nxt is not None
        and not nxt.cap
        and nxt.text[:1].isalpha()
        and nxt.low not in lex.cue_frames
        and nxt.low not in lex.connectors
        and not tok.poss
    ):
        return True  # "Trucks would be checked": a common word, capitalised to start
    if (
        low.endswith(("ing", "ly"))
        and nxt is not None
        and low not in ctx.lower_vocab
        and (nxt.low in lex.cue_frames or (nxt.text == "," and tok.text in ctx.mid_caps))
    ):
        return False  # "Stelling said …", "Donnelly, however, …": a surname
    if (
        low.endswith(("ing", "ly"))
        and nxt is not None
        and nxt.cap
        and not tok.poss
        and low not in ctx.lower_vocab
        and nxt.text in ctx.mid_caps
        and nxt.low not in lex.places
        and nxt.low not in lex.nationalities_lower
        and nxt.low not in lex.titles
        and _np_word(nxt, ctx, idx + 1)
        and _named_subject(ctx, idx + 2)
    ):
        return False  # "Fleming Aas, a spokesman, said …": a first name before a surname
    return low in ctx.lower_vocab or low.endswith("ing") or low.endswith("ly")


def _named_subject(ctx: Context, k: int) -> bool:
    """Does a cue follow token ``k`` at once ("… said"), or after an apposition closed by
    a comma ("…, a spokesman, said")?"""
    toks = ctx.toks
    if k >= len(toks):
        return False
    if toks[k].low in ctx.lex.cue_frames:
        return True
    if toks[k].text != ",":
        return False
    return any(
        toks[p].text == "," and toks[p + 1].low in ctx.lex.cue_frames
        for p in range(k + 2, len(toks) - 1)
    )


_MONTH_NAMES = _W["surname_months"]
_GENERIC_OK = re.compile(r"^[a-z][a-z\-]+$")


def parse_left(toks: list[Tok], end: int, ctx: Context, limit: int = 9) -> tuple[int, int] | None:
    """The noun phrase ending just before token ``end``: ``(start, end)`` or None.

    Lower-case words outside the word lists are allowed only in front of a collective,
    organisation or document head ("human rights groups", "the foreign ministry")."""
    lex = ctx.lex
    j = end - 1
    if j < 0:
        return None
    head = toks[j]
    if (
        head.low in lex.pronouns
        and not head.poss
        and (j == 0 or toks[j - 1].low not in DETERMINERS)
    ):
        return (j, end)
    if not _np_word(head, ctx, j):
        return None
    generic_ok = not head.cap and (
        head.low in lex.collectives or head.low in lex.organisations or head.low in lex.documents
    )
    i = j
    while i - 1 >= 0 and end - (i - 1) <= limit:
        t = toks[i - 1]
        if t.low in DETERMINERS and (not t.cap or i - 1 == ctx.first):
            i -= 1
            while (
                i - 1 >= 0
                and toks[i - 1].low in DETERMINERS
                and (not toks[i - 1].cap or i - 1 == ctx.first)
            ):
                i -= 1
            break
        if (
            t.low == "and"
            and i - 2 >= 0
            and toks[i].cap
            and toks[i - 2].cap
            and not toks[i - 2].poss
        ):
            i -= 1
            continue
        if _np_word(t, ctx, i - 1):
            if t.low in lex.connectors and not toks[i].cap:
                break
            i -= 1
            continue
        if (
            generic_ok
            and (
                _GENERIC_OK.match(t.text)
                # "Counter-terrorism police said": a capitalised first word, hyphens and all
                or (t.cap and i - 1 == ctx.first and t.text.replace("-", "").isalpha())
            )
            and t.low not in lex.function_words
            and (t.low not in lex.cue_frames)
        ):
            i -= 1
            continue
        break
    # a leading connector is not part of the phrase
    while i < j and toks[i].low in lex.connectors and not toks[i].cap:
        i += 1
    return (i, end)


def parse_right(
    toks: list[Tok], start: int, ctx: Context, limit: int = 9
) -> tuple[int, int] | None:
    """The noun phrase starting at token ``start`` (after an inverted cue or "according to")."""
    if toks is not ctx.toks:
        return _parse_right(toks, start, ctx, limit)
    key = ("right", start, limit)
    memo = ctx.memo
    if key in memo:
        return memo[key]  # type: ignore[return-value]
    span = memo[key] = _parse_right(toks, start, ctx, limit)
    return span


def _parse_right(toks: list[Tok], start: int, ctx: Context, limit: int) -> tuple[int, int] | None:
    lex = ctx.lex
    i = start
    n = len(toks)
    if i >= n:
        return None
    if toks[i].low in lex.pronouns and not toks[i].poss:
        nxt = toks[i + 1] if i + 1 < n else None
        if not (toks[i].low in DETERMINERS and nxt is not None and nxt.text[:1].isalpha()):
            return (i, i + 1)
    j = i
    if toks[j].low in DETERMINERS:
        j += 1
        while j < n and toks[j].low in DETERMINERS:
            j += 1
    k = j
    while k < n and k - i < limit:
        t = toks[k]
        if _np_word(t, ctx, k):
            if t.low in lex.connectors and not t.cap and not (k + 1 < n and toks[k + 1].cap):
                break
            k += 1
            if t.poss and not (k < n and (toks[k].cap or toks[k].low in lex.titles)):
                break
            continue
        if t.low == "and" and k > j and toks[k - 1].cap and k + 1 < n and toks[k + 1].cap:
            k += 1
            continue
        break
    # do not end on a connector
    while k > j and toks[k - 1].low in lex.connectors and not toks[k - 1].cap:
        k -= 1
    if k == j:
        return None
    return (i, k)


# What ``_interpret`` gave for a phrase, across sentences and articles: it reads only the
# phrase's tokens, the text they span and the lexicon, and uses the span's token indices
# only as the mention's ``start``/``end`` (a phrase seen again elsewhere gets a copy with its
# own). Key: the text the phrase spans, and each token's fields, its offsets taken within
# that text (a sentence's tokens may be read in lower case or hidden behind a quote mark, so
# all of them count). Bounded: emptied when full, so memory stays flat on long runs.
_PHRASES: dict[tuple[object, ...], tuple[Mention, int, int]] = {}
_PHRASES_MAX = 4096
_phrases_lex: list[SpeakerLexicon] = []  # the lexicon the cached mentions were read with


def interpret(toks: list[Tok], span: tuple[int, int], ctx: Context, text: str) -> Mention:
    """What the noun phrase ``toks[span]`` refers to (see :class:`Mention`)."""
    i, j = span
    # the sentence's own memo first (the same span asked about again)
    memo = ctx.memo if toks is ctx.toks else None
    mkey = (i, j, text)
    if memo is not None and mkey in memo:
        return memo[mkey]  # type: ignore[return-value]
    if not 0 <= i < j <= len(toks):
        return _interpret(toks, span, ctx, text)
    if not _phrases_lex or _phrases_lex[0] is not ctx.lex:
        _PHRASES.clear()
        _phrases_lex[:] = [ctx.lex]
    key: tuple[object, ...]
    if j - i == 1:
        t = toks[i]
        key = (text[t[2] : t[3]], t[0], t[1], t[4], t[5])
    else:
        words = toks[i:j]
        s0 = words[0][2]
        key = (
            text[s0 : words[-1][3]],
            *[(t[0], t[1], t[4], t[5], t[2] - s0, t[3] - s0) for t in words],
        )
    hit = _PHRASES.get(key)
    if hit is None:
        m = _interpret(toks, span, ctx, text)
        if len(_PHRASES) >= _PHRASES_MAX:
            _PHRASES.clear()
        _PHRASES[key] = (m, i, j)
    else:
        m, i0, j0 = hit
        if i != i0 or j != j0:
            m = _moved(m, i0, j0, i, j)
    if memo is not None:
        memo[mkey] = m
    return m


def _moved(m: Mention, i0: int, j0: int, i: int, j: int) -> Mention:
    """A copy of ``m``, read from tokens ``i0:j0``, for the same phrase at ``i:j`` (an owner
    read from the same tokens moves with it). A mention asked about at the span it was read
    from is given as it is: mentions never change, so they may be shared."""
    fields = m.__dict__.copy()
    fields["start"] = i
    fields["end"] = j
    owner = fields["owner"]
    if owner is not None and owner.start == i0 and owner.end == j0:
        fields["owner"] = _moved(owner, i0, j0, i, j)
    new: Mention = object.__new__(Mention)
    _SET_ATTR(new, "__dict__", fields)
    return new


def _interpret(toks: list[Tok], span: tuple[int, int], ctx: Context, text: str) -> Mention:
    lex = ctx.lex
    i, j = span
    words = toks[i:j]
    head = words[-1]
    if len(words) == 1 and head.low in lex.pronouns:
        gender, grammatical_number = lex.pronouns[head.low]
        return Mention(
            "pronoun",
            head.text,
            gender=gender,
            number=2 if grammatical_number == "pl" else 1,
            start=i,
            end=j,
        )
    # determiners
    k = 0
    det: str | None = None
    number = 1
    the = False
    while k < len(words) - 1 and words[k].low in DETERMINERS:
        det = words[k].low
        the = the or det in _W["definite"] or det in _POSSESSIVE_DETS
        number = max(number, _NUMBERS.get(words[k].low, 1))
        k += 1
    body = words[k:]
    if not body:
        return Mention("other", head.text, start=i, end=j)
    body_text = text[body[0].start : body[-1].end]
    definite = det is None or det not in _INDEFINITE
    if det in _W["quantifiers"] or (det in _INDEFINITE and head.low in lex.collectives):
        definite = False
    # conjoined names: "Strand and Holm", "supporters of Strand and Holm"
    if "and" in map(_LOW, body):
        return Mention("conj", body_text, start=i, end=j)
    # "supporters of X": a group named by its description
    if (
        len(body) > 2
        and not body[0].cap
        and body[0].low in lex.collectives
        and body[1].low in lex.connectors
    ):
        return Mention(
            "group", body_text, name=(body_text,), number=2, definite=definite, start=i, end=j
        )
    if head.cap:
        while len(body) > 2 and body[-1].text in _POST_NOMINALS:
            body = body[:-1]  # "Sebastian Kettleby KC": letters after a name are not the name
        return _name_mention(body, ctx, text, det, i, j)
    # lower-case head
    low = head.low
    affiliation = None
    for t in body[:-1]:
        if t.text in lex.nationalities:
            affiliation = lex.nationalities[t.text]
    if low in lex.documents:
        owner = None
        caps = [t for t in body[:-1] if t.cap and t.text not in lex.nationalities]
        if caps:
            owner = _name_mention(caps, ctx, text, None, i, j)
        if det in _POSSESSIVE_DETS:
            owner = Mention(
                "pronoun",
                det,
                gender="m"
                if det in _W["male_possessive"]
                else "f"
                if det in _W["female_possessive"]
                else "any",
                number=2 if det == "their" else 1,
            )
        return Mention("doc", body_text, owner=owner, definite=definite, start=i, end=j)
    title_len = 0
    longest = min(len(body), lex.max_title_words) if low in lex.title_last_words else 0
    for n in range(longest, 0, -1):
        key = " ".join(map(_LOW, body[-n:]))
        if key in lex.titles:
            title_len = n
            break
    if title_len:
        title = lex.titles[" ".join(map(_LOW, body[-title_len:]))]
        if any(t.cap and t.poss for t in body[:-title_len]):
            # "Cameron's spokesman": someone new, named by the description
            return Mention(
                "group",
                body_text,
                name=(body_text,),
                role=title.role,
                classes=title.classes,
                affiliation=affiliation,
                start=i,
                end=j,
                definite=True,
                number=1,
            )
        return Mention(
            "desc",
            body_text,
            role=title.role,
            classes=title.classes,
            affiliation=affiliation,
            number=number,
            definite=definite,
            gender=_gender(title.classes),
            start=i,
            end=j,
        )
    if low in lex.collectives or (low.endswith("s") and low[:-1] in lex.titles):
        singular = low[:-1] if low[:-1] in lex.titles else low
        classes = lex.titles[singular].classes if singular in lex.titles else frozenset({low})
        if the and number > 1:
            return Mention(
                "desc",
                body_text,
                classes=classes,
                affiliation=affiliation,
                number=number,
                start=i,
                end=j,
            )
        return Mention(
            "group",
            body_text,
            name=(body_text,),
            classes=classes,
            affiliation=affiliation,
            number=2,
            definite=definite,
            start=i,
            end=j,
        )
    if low in lex.organisations and lex.organisations[low] == "org":
        return Mention(
            "org",
            body_text,
            name=(body_text,),
            affiliation=affiliation,
            definite=definite,
            start=i,
            end=j,
        )
    return Mention("other", body_text, start=i, end=j)


def _gender(classes: frozenset[str]) -> str:
    if "male" in classes:
        return "m"
    if "female" in classes:
        return "f"
    return "any"


def _name_mention(
    body: list[Tok], ctx: Context, text: str, det: str | None, i: int, j: int
) -> Mention:
    """A phrase whose head is capitalised: titles and affiliation in front, then the name."""
    lex = ctx.lex
    # the last title in the phrase separates the prefix from the name
    last_title_end = 0
    role: str | None = None
    classes: frozenset[str] = frozenset()
    affiliation: str | None = None
    title_first = lex.title_first_words
    k = 0
    while k < len(body):
        n = _is_title_at(body, k, lex, len(body)) if body[k][1] in title_first else 0
        if n and k + n < len(body):
            title = lex.titles[" ".join(map(_LOW, body[k : k + n]))]
            if title.role:
                role = title.role if role is None or "male" in classes else f"{role} {title.role}"
                if role and role.split()[0] in {"Mr", "Mrs", "Ms"}:
                    role = title.role
            classes = classes | title.classes
            last_title_end = k + n
            k += n
            continue
        k += 1
    if last_title_end == 0 and _is_title_at(body, 0, lex, len(body)) == len(body):
        # a capitalised title alone ("Minister vows …"): a description
        title = lex.titles[" ".join(map(_LOW, body))]
        return Mention(
            "desc",
            text[body[0].start : body[-1].end],
            role=title.role,
            classes=title.classes,
            start=i,
            end=j,
        )
    prefix = body[:last_title_end]
    name_toks = body[last_title_end:]
    # lower-case words in front of the name are not part of it
    while len(name_toks) > 1 and not name_toks[0].cap:
        prefix = [*prefix, name_toks[0]]
        name_toks = name_toks[1:]
    # strip nationality adjectives, modifiers and possessors from the front of the name
    owner_toks: list[Tok] = []
    while len(name_toks) > 1:
        t = name_toks[0]
        if (t.text in lex.nationalities or t.low in lex.modifiers) and not (
            len(name_toks) == 2 and name_toks[-1].low in lex.organisations
        ):
            # "Turkish Foreign Minister X" -> X; but "European Union" stays whole
            prefix = [*prefix, t]
            name_toks = name_toks[1:]
        elif any(map(_POSS, name_toks[:-1])):
            cut = next(idx for idx, x in enumerate(name_toks) if x.poss) + 1
            owner_toks = name_toks[:cut]
            prefix = [*prefix, *owner_toks]
            name_toks = name_toks[cut:]
        else:
            break
    for t in prefix:
        if t.text in lex.nationalities:
            affiliation = lex.nationalities[t.text]
    if owner_toks and affiliation is None:
        affiliation = text[owner_toks[0].start : owner_toks[-1].end]
    # a name may not end on a lower-case title ("Holm campaign manager")
    while name_toks and not name_toks[-1].cap:
        if name_toks[-1].low in lex.collectives or name_toks[-1].low in lex.organisations:
            break
        name_toks = name_toks[:-1]
    if not name_toks:
        return Mention("other", text[body[0].start : body[-1].end], start=i, end=j)
    name_text = text[name_toks[0].start : name_toks[-1].end]
    name = tuple(map(_TEXT, name_toks))
    low = name_text.lower()
    last = name_toks[-1].low
    kind = "person"
    if low in lex.places or (len(name) == 1 and name[0] in lex.nationalities):
        kind = "place"
    elif (
        len(name) == 1
        and last.endswith("s")
        and (name[0][:-1] in lex.nationalities or name[0][:-2] in lex.nationalities)
    ):
        kind = "group"
        affiliation = lex.nationalities.get(name[0][:-1], lex.nationalities.get(name[0][:-2]))
    elif not name_toks[-1].cap and last in lex.collectives:
        kind = "group"
    elif (
        low in lex.organisations
        or last in lex.organisations
        or any(lex.organisations.get(t.low) == "org" for t in name_toks[1:])
        or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1 and name[0].isalpha())
    ) or (det in _W["definite"] and len(name) == 1 and not prefix):
        kind = "org"
    if kind == "org" and lex.organisations.get(last) == "media":
        kind = "media"
    return Mention(
        kind,
        name_text,
        name=name,
        role=role,
        classes=classes,
        affiliation=affiliation,
        gender=_gender(classes),
        start=i,
        end=j,
    )


@dataclass(eq=False, slots=True)
class Entity:
    """A speaker candidate while an article is being read (equal only to itself: each
    has its own ``id`` within the article)."""

    id: int
    kind: str
    forms: list[tuple[str, ...]] = field(default_factory=list)
    surface: list[str] = field(default_factory=list)
    role: str | None = None
    classes: frozenset[str] = frozenset()
    affiliation: str | None = None
    gender: str = "any"
    spoke: int = -100
    subject: int = -100
    mentioned: int = -100
    first_seen: int = 10**9
    introduced: int = 10**9  # the sentence of the first mention anywhere in the article
    folded_forms: set[str] = field(default_factory=set)  # the forms, joined, lower case
    # organisation heads an apposition gave it ("Acme, a shipping company": "company")
    heads: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        best = max(self.forms, key=lambda f: (len(f), len(" ".join(f))))
        return " ".join(best) if self.kind in {"person", "org", "media"} else best[0]


def _only(found: Iterable[Entity]) -> Entity | None:
    """The one entity ``found`` gives (once for each of its forms that matched, in a row);
    None when it gives none or more than one. (One generator over the entities and their
    forms costs less than a test of each entity's forms with ``any``.)"""
    one = None
    for e in found:
        if one is None:
            one = e
        elif e is not one:
            return None
    return one


def _initials(name: tuple[str, ...]) -> str:
    return "".join(w[0] for w in name if w[:1].isupper())


class Registry:
    """The entities of one article and the salience of each, as sentences are read."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_last: dict[str, list[Entity]] = {}
        self._by_key: dict[str, Entity] = {}
        self._by_head: dict[str, Entity] = {}  # a group's head noun -> the group

    # names ---------------------------------------------------------------------------
    def link(self, m: Mention, sentence: int, *, create: bool = True) -> Entity | None:
        """The entity a name, group or organisation mention refers to (created if new)."""
        if m.kind == "group" or (m.kind == "org" and len(m.name) == 1 and " " in m.name[0]):
            key = m.text.lower()
            head = key.split()[-1]
            ent = self._by_key.get(key)
            if ent is None and (not create or not m.definite):
                # "one official" after "U.S. officials": the group already introduced
                ent = self._by_head.get(head)
            if ent is None and m.definite and " " not in key:
                ent = self.described_as(key)  # "the group" after "X, a rebel group"
            if ent is None:
                if not create:
                    return None
                ent = self._new(m.kind, (m.text,), sentence)
                self._by_key[key] = ent
                self._by_head.setdefault(head, ent)
            self._update(ent, m, sentence)
            return ent
        name = m.name
        if not name:
            return None
        last = name[-1].lower()
        if m.kind == "org" and len(name) == 1 and name[0].islower():
            # "the ministry said" after "the defence ministry": the one named with its head;
            # "the company said" after "Acme, a shipping company": the one described so
            found = self.recent_company(last, self._by_head.get(last) or self.described_as(last))
            if found is not None:
                self._update(found, m, sentence)
                return found
        candidates = self._by_last.get(last, [])
        ent = None
        full = " ".join(name).lower()
        for c in candidates:
            if full in c.folded_forms:
                ent = c
                break
        if ent is None and candidates:
            compatible = [c for c in candidates if _compatible(name, c)]
            if compatible:
                ent = max(compatible, key=lambda c: max(c.mentioned, c.spoke))
        if ent is None and len(name) == 1 and name[0].isupper():
            for c in self.entities:
                if any(_initials(f) == name[0] and len(f) > 1 for f in c.forms):
                    ent = c
                    break
        if ent is None and len(name) > 1:
            # a new full name whose acronym was seen first ("GTC" … "Global Trade Council")
            acro = _initials(name)
            ent = self._by_last.get(acro.lower(), [None])[0] if len(acro) > 1 else None
        if ent is None and m.kind == "person":
            ent = self._by_first_word(name) or self._by_first_surname(name)
        if ent is None and m.kind in {"person", "org"}:
            ent = self._short_company_name(name)
        if ent is None:
            if not create:
                return None
            ent = self._new(m.kind, name, sentence)
        elif name not in ent.forms:
            ent.forms.append(name)
            ent.folded_forms.add(full)
            self._by_last.setdefault(last, [])
            if ent not in self._by_last[last]:
                self._by_last[last].append(ent)
        self._update(ent, m, sentence)
        return ent

    def _by_first_word(self, name: tuple[str, ...]) -> Entity | None:
        """The one person introduced with a role whose full name starts with the single word
        ``name`` ("Ahn" for "Fisheries Minister Ahn Mi-rae": family name first)."""
        if len(name) != 1:
            return None
        first = name[0].lower()
        return _only(
            e
            for e in self.entities
            if e.kind == "person"
            and e.role is not None  # introduced with a title: "Fisheries Minister Ahn Mi-rae"
            for f in e.forms
            if len(f) > 1 and f[0].lower() == first
        )

    def _short_company_name(self, name: tuple[str, ...]) -> Entity | None:
        """The one organisation whose name of three or more words (or two, when known to be
        an organisation) starts with the single word ``name`` ("Gulfstar" for "Gulfstar
        Energy Trading"): a company called by its first word. Never a person's: a name
        with a title, a gender or a pronoun is no company."""
        if len(name) != 1 or not name[0][:1].isupper() or name[0].lower() in _places():
            return None
        first = name[0].lower()
        return _only(
            e
            for e in self.entities
            if (
                e.kind == "org"
                or (e.kind == "person" and e.role is None and e.gender == "any" and not e.classes)
            )
            for f in e.forms
            if len(f) >= (2 if e.kind == "org" else 3) and f[0].lower() == first
        )

    def _by_first_surname(self, name: tuple[str, ...]) -> Entity | None:
        """The one person whose full name of three or more words has the single word ``name``
        as its second-last word ("Rivas" for "Marta Rivas Olmedo": two surnames, the first
        of them used alone)."""
        if len(name) != 1 or not name[0][:1].isupper():
            return None
        word = name[0].lower()
        return _only(
            e
            for e in self.entities
            if e.kind == "person"
            for f in e.forms
            if len(f) > 2 and f[-2].lower() == word
        )

    def described_as(self, head: str) -> Entity | None:
        """The named entity an apposition described with the organisation head ``head``
        ("company"), the most recently mentioned first."""
        found = [e for e in self.entities if head in e.heads]
        if not found:
            return None
        return max(found, key=lambda e: (max(e.mentioned, e.spoke), e.introduced))

    def recent_company(self, head: str, found: Entity | None) -> Entity | None:
        """The organisation "the company" (a head of ``company_heads``) refers to: of the
        named organisations that were a sentence's subject or spoke, the most recent one,
        unless ``found`` (the one described with the head, if any) was named since. Names that
        end in another organisation head ("Foreign Ministry") are no company."""
        if head not in _W["company_heads"]:
            return found
        heads = lexicon().organisations
        pool = [
            e
            for e in self.entities
            if e.kind == "org"
            and max(e.subject, e.spoke) >= 0
            and all(
                f[-1].split()[-1].lower() not in heads
                or f[-1].split()[-1].lower() in _W["company_heads"]
                for f in e.forms
            )
        ]
        if not pool:
            return found
        best = max(pool, key=lambda e: (max(e.subject, e.spoke), e.introduced))
        if found is None or max(best.subject, best.spoke) > max(
            found.subject, found.spoke, found.mentioned
        ):
            return best
        return found

    def _new(self, kind: str, name: tuple[str, ...], sentence: int) -> Entity:
        ent = Entity(
            len(self.entities),
            kind,
            [name],
            first_seen=sentence,
            introduced=sentence,
            folded_forms={" ".join(name).lower()},
        )
        self.entities.append(ent)
        self._by_last.setdefault(name[-1].lower(), []).append(ent)
        return ent

    def _update(self, ent: Entity, m: Mention, sentence: int) -> None:
        if m.role and (ent.role is None or len(m.role) > len(ent.role)):
            ent.role = m.role
        if m.classes:
            ent.classes = ent.classes | m.classes
        if m.affiliation and ent.affiliation is None:
            ent.affiliation = m.affiliation
        if m.gender != "any":
            ent.gender = m.gender
        if ent.kind == "person" and m.kind in {"org", "media"} and len(m.name) > 1:
            ent.kind = m.kind
        if sentence > ent.mentioned:
            ent.mentioned = sentence
        if sentence < ent.first_seen:
            ent.first_seen = sentence
        if sentence < ent.introduced:
            ent.introduced = sentence

    def add_surface(self, ent: Entity, text: str) -> None:
        if text not in ent.surface:
            ent.surface.append(text)

    # salience ------------------------------------------------------------------------
    @staticmethod
    def salience(ent: Entity, sentence: int) -> float:
        return max(
            3.0 - 0.7 * (sentence - ent.spoke),
            2.5 - 0.7 * (sentence - ent.subject),
            1.0 - 0.7 * (sentence - ent.mentioned),
        )

    def _seen(self, sentence: int) -> list[Entity]:
        return [e for e in self.entities if e.first_seen <= sentence]

    def resolve_pronoun(self, m: Mention, sentence: int) -> list[Entity]:
        """Entities a pronoun refers to, by salience, gender and number."""
        if m.text.lower() == "it":
            pool = [e for e in self._seen(sentence) if e.kind in {"org", "media"}]
            if not pool:
                # a one-word name in no list, never given a role or a gender ("Nordbank")
                pool = [
                    e
                    for e in self._seen(sentence)
                    if e.kind == "person"
                    and e.gender == "any"
                    and e.role is None
                    and all(len(f) == 1 for f in e.forms)
                ]
        elif m.number > 1:
            pool = [e for e in self._seen(sentence) if e.kind == "group"]
            if not pool:
                # "they" for an organisation's people ("the campaign … they said")
                pool = [e for e in self._seen(sentence) if e.kind in {"org", "media"}]
        else:
            pool = [
                e
                for e in self._seen(sentence)
                if e.kind == "person" and (m.gender == "any" or e.gender in {"any", m.gender})
            ]
        if not pool:
            return []
        best = max(pool, key=lambda e: self.salience(e, sentence))
        if self.salience(best, sentence) < -2.5:
            return []
        return [best]

    def resolve_description(
        self, m: Mention, sentence: int, *, anywhere: bool = False
    ) -> list[Entity]:
        """Entities a description ("the Danish diplomat", "the two diplomats") refers to:
        people whose role shares a class with it, of the same affiliation (or none known),
        the most salient first. ``anywhere``: look at the whole article (for a headline),
        the first introduced first."""
        seen = list(self.entities) if anywhere else self._seen(sentence)
        # "the home secretary" is no envoy: a class other than "official" must match
        classes = m.classes - {"male", "female"}
        if classes - {"official"}:
            classes = classes - {"official"}
        matching = [e for e in seen if e.kind == "person" and e.classes & classes]
        pool = [e for e in matching if m.affiliation is None or e.affiliation == m.affiliation]
        if not pool and m.affiliation is not None:
            pool = [e for e in matching if e.affiliation is None]
        if anywhere:
            return sorted(pool, key=lambda e: e.introduced)[: m.number]
        if not pool and m.classes == {"official"}:
            pool = [e for e in seen if e.kind == "person" and e.role]
        if not pool and m.definite and m.number == 1 and m.classes.isdisjoint(_OUTSIDE_ROLES):
            # "the chief executive" right after a speaker whose role the article never gave
            pool = [
                e
                for e in self._seen(sentence)
                if e.kind == "person" and e.role is None and sentence - max(e.spoke, e.subject) <= 2
            ]
        pool.sort(key=lambda e: self.salience(e, sentence), reverse=True)
        if m.number == 1:
            recent = [e for e in pool if self.salience(e, sentence) > -3.0]
            if not recent and m.definite and len(pool) == 1 and pool[0].role is not None:
                # "the minister said" late in the piece: the one minister it named
                recent = pool
            pool = recent
        return pool[: m.number]


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return lexicon().places


def _compatible(name: tuple[str, ...], ent: Entity) -> bool:
    """May ``name`` be another form of ``ent``'s name? Same last word, and one is a
    suffix of the other (or one of them is a single word). A place name alone is not a
    short form of a longer name that ends with it ("Pakistan" is not "Tehreek-e-Taliban
    Pakistan")."""
    if len(name) == 1 and name[0].lower() in _places():
        return any(len(f) == 1 for f in ent.forms)
    for f in ent.forms:
        if len(f) == 1 or len(name) == 1:
            return True
        short, long_ = (name, f) if len(name) <= len(f) else (f, name)
        if tuple(w.lower() for w in long_[-len(short) :]) == tuple(w.lower() for w in short):
            return True
    return False
