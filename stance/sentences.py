"""Sentence segmentation with exact character offsets.

NLTK's Punkt does the splitting, with parameters shipped in ``stance/data/punkt/``: a news
abbreviation list written by us and the statistics ``PunktTrainer`` learned from our own
prose (``benchmarks/train_punkt.py`` rebuilds them). Nothing is downloaded.

Layout rules on top of Punkt, as a careful reader splits news:

- a blank line ends a paragraph; a single line break ends a sentence too, unless the line
  is hard-wrapped prose (it does not end a sentence and the next line starts in lower case);
- a "sentence" that starts in lower case after a stray full stop is glued to the one before;
- the article's headline span (when it has one) is one sentence of its own.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from .types import Article, Sentence

__all__ = ["learn_parameters", "split_sentences", "split_text", "tokenizer"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_FIRST_WORD = re.compile(r"^([^\w]*)(\w)")
_OTHER_WHITESPACE = string.whitespace.replace(" ", "")
_TERMINAL = re.compile(r"""[.!?:;…]["'”’»)\]]*\s*$""")
_BREAK_MEMO = 50_000  # break-test answers kept (see _Punkt)


def _data_text(name: str) -> str:
    return (files("stance") / "data" / "punkt" / name).read_text(encoding="utf-8")


def _direct(pattern: Any) -> Any:
    """The compiled pattern inside one of NLTK's ``redos.TimedPattern`` wrappers.

    NLTK runs each of its regular expressions under a ReDoS timeout; for Punkt's own fixed
    patterns that guard costs several times the match itself (a few microseconds a call,
    many calls a sentence). The same engine and pattern without the timeout gives the same
    matches. A plain compiled pattern (older NLTK) is returned as it is.
    """
    return getattr(pattern, "_rx", pattern)


class _LanguageVars(PunktLanguageVars):  # type: ignore[misc]
    """NLTK's English Punkt variables, their patterns run directly (see :func:`_direct`)."""

    re_boundary_realignment = _direct(PunktLanguageVars.re_boundary_realignment)

    def __init__(self) -> None:
        # the base class caches its compiled patterns in these slots; fill them unwrapped
        self._re_word_tokenizer = _direct(PunktLanguageVars._word_tokenizer_re(self))
        self._re_period_context = _direct(PunktLanguageVars.period_context_re(self))


class _Token(PunktToken):  # type: ignore[misc]
    """NLTK's ``PunktToken`` with its patterns run directly (see :func:`_direct`)."""

    _RE_ELLIPSIS = _direct(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _direct(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _direct(PunktToken._RE_INITIAL)
    _RE_ALPHA = _direct(PunktToken._RE_ALPHA)

    def __init__(self, tok: str, parastart: Any = None, linestart: Any = None) -> None:
        # PunktToken.__init__ without its setattr loops (the tokenizer passes only these)
        self.tok = tok
        # a number starts with a digit, a sign or a decimal mark: a word needs no pattern
        low = tok.lower()
        self.type = low if tok[:1].isalpha() else self._RE_NUMERIC.sub("##number##", low)
        self.period_final = tok.endswith(".")
        self.parastart = parastart
        self.linestart = linestart
        self.sentbreak = None
        self.abbr = None
        self.ellipsis = None


class _Punkt(PunktSentenceTokenizer):  # type: ignore[misc]
    """NLTK's Punkt sentence tokenizer with two of its steps done with less overhead and
    the same result: the break test on a candidate's context, and the search for the last
    space before a candidate.

    The break test depends only on the context (a word, its full stop and the next word:
    "said. The") and the fixed parameters, and contexts recur ("said. The", "U.S.
    officials"): its answers are kept, up to ``_BREAK_MEMO`` contexts (then forgotten at
    once, so memory stays flat over a long run).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._breaks: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        """Whether a token of ``text`` other than its last ends a sentence (NLTK's test:
        both annotation passes, over a list instead of chained generators)."""
        known = self._breaks.get(text)
        if known is not None:
            return known
        found = False
        toks = list(self._tokenize_words(text))
        for tok in toks:
            self._first_pass_annotation(tok)
        for k in range(len(toks) - 1):
            tok = toks[k]
            self._second_pass_annotation(tok, toks[k + 1])
            if tok.sentbreak:
                found = True
                break
        if len(self._breaks) >= _BREAK_MEMO:
            self._breaks.clear()
        self._breaks[text] = found
        return found

    def span_tokenize(
        self, text: str, realign_boundaries: bool = True
    ) -> Iterator[tuple[int, int]]:
        """NLTK's ``span_tokenize``: its candidate search, break test and realignment of
        closing punctuation, in one loop over lists instead of chained generators."""
        if not realign_boundaries:
            yield from super().span_tokenize(text, realign_boundaries)
            return
        yield from self._spans(text)

    def _spans(self, text: str) -> list[tuple[int, int]]:
        slices: list[tuple[int, int]] = []
        last_break = 0
        breaks = self.text_contains_sentbreak
        last_space = self._get_last_whitespace_index
        previous: Any = None
        prev_start = prev_stop = 0
        # NLTK's _match_potential_end_contexts: each candidate with the word before it,
        # a candidate whose word overlaps the next candidate's word dropped
        for match in [*self._lang_vars.period_context_re().finditer(text), None]:
            if match is not None:
                start = match.start()
                index = last_space(text[prev_stop:start])
                index = index + prev_stop + 1 if index else prev_start
                if previous is None or prev_stop > index:
                    previous, prev_start, prev_stop = match, index, start
                    continue
            elif previous is None:
                break
            context = text[prev_start:prev_stop] + previous.group() + previous.group("after_tok")
            if breaks(context):
                slices.append((last_break, previous.end()))
                # the next sentence starts after white space, or at the punctuation after
                if previous.group("next_tok"):
                    last_break = previous.start("next_tok")
                else:
                    last_break = previous.end()
            if match is not None:
                previous, prev_start, prev_stop = match, index, start
        slices.append((last_break, len(text.rstrip())))
        # NLTK's _realign_boundaries: closing punctuation after a break joins the sentence
        realignment = self._lang_vars.re_boundary_realignment.match
        out: list[tuple[int, int]] = []
        realign = 0
        last = len(slices) - 1
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k < last:
                next_start, next_stop = slices[k + 1]
                m = realignment(text[next_start:next_stop])
                if m:
                    out.append((start, next_start + len(m.group(0).rstrip())))
                    realign = m.end()
                    continue
                realign = 0
            if start < stop:
                out.append((start, stop))
        return out

    def _get_last_whitespace_index(self, text: str) -> int:
        """Index of the last ASCII white space in ``text`` (0 when none), as NLTK's loop
        finds it: the last space, then any other white space after it."""
        space = text.rfind(" ")
        tail = text[space + 1 :]
        last = space
        for char in _OTHER_WHITESPACE:
            if char in tail:
                last = max(last, space + 1 + tail.rfind(char))
        return max(last, 0)


class _OrthoContext(dict[str, int]):
    """Punkt's orthographic contexts: an unseen word has none (0), and looking it up does
    not add it (NLTK's ``defaultdict`` would, growing with every new word of a corpus)."""

    def __missing__(self, key: str) -> int:
        return 0


def _word_lines(name: str) -> list[str]:
    """The words of a one-word-a-line data file (``#`` starts a comment), lower case, without
    a final dot; a line holding two words is an error naming the file and line."""
    words = []
    for lineno, raw in enumerate(_data_text(name).splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if " " in line:
            raise ValueError(f"stance/data/punkt/{name}:{lineno}: one word a line, got {line!r}")
        words.append(line.lower().rstrip("."))
    return words


def _load_parameters() -> PunktParameters:
    params = PunktParameters()
    params.ortho_context = _OrthoContext()
    params.abbrev_types.update(_word_lines("abbreviations.txt"))
    learned = json.loads(_data_text("learned.json"))
    params.abbrev_types.update(learned.get("abbrev_types", []))
    params.collocations.update(tuple(pair) for pair in learned.get("collocations", []))
    params.sent_starters.update(learned.get("sent_starters", []))
    # "U.S. President …": initials that name whose president it is do not end the sentence
    initials = _word_lines("initials.txt")
    params.collocations.update(
        (a, word) for word in _word_lines("after_initialisms.txt") for a in initials
    )
    for word, flags in learned.get("ortho_context", {}).items():
        params.ortho_context[word] = int(flags)
    return params


def learn_parameters(text: str) -> dict[str, object]:
    """Learn Punkt statistics from ``text`` with NLTK's ``PunktTrainer``, as JSON-ready data.

    Only what the text supports strongly is kept: the shipped abbreviation list stays the
    main source of abbreviations.
    """
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.train(text, finalize=True)
    learned = trainer.get_params()
    return {
        "abbrev_types": sorted(learned.abbrev_types),
        "collocations": sorted([a, b] for a, b in learned.collocations),
        "sent_starters": sorted(learned.sent_starters),
        "ortho_context": dict(sorted(learned.ortho_context.items())),
    }


@lru_cache(maxsize=1)
def tokenizer() -> _Punkt:
    """The Punkt tokenizer with the shipped parameters (built once)."""
    return _Punkt(_load_parameters(), lang_vars=_LanguageVars(), token_cls=_Token)


def _blocks(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, paragraph) for each block of text Punkt should see."""
    paragraph = 0
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        stop = brk.start() if brk else len(text)
        lines = [(m.start() + pos, m.end() + pos) for m in _LINE.finditer(text[pos:stop])]
        lines = [(s, e) for s, e in lines if text[s:e].strip()]
        if lines:
            block_start, block_end = lines[0]
            for s, e in lines[1:]:
                nxt = text[s:e].lstrip()
                wrapped = not _TERMINAL.search(text[block_start:block_end]) and nxt[:1].islower()
                if wrapped:
                    block_end = e
                else:
                    yield block_start, block_end, paragraph
                    block_start, block_end = s, e
            yield block_start, block_end, paragraph
            paragraph += 1
        if brk is None:
            break
        pos = brk.end()


def _continues(piece: str) -> bool:
    """True when a Punkt piece cannot start a sentence: it opens in lower case
    (after dashes or ellipses, not after a quote mark) or holds no word at all."""
    first = _FIRST_WORD.search(piece)
    if first is None:
        return True
    lead, letter = first.groups()
    return letter.islower() and lead.strip("-–—…. ") == ""


def split_text(text: str, *, headline: tuple[int, int] | None = None) -> list[tuple[int, int, int]]:
    """Split ``text`` into ``(start, end, paragraph)`` spans, in order.

    >>> t = "Mr. Smith went to Washington. He said: hello.\\n\\nA new paragraph."
    >>> [t[s:e] for s, e, _ in split_text(t)]
    ['Mr. Smith went to Washington.', 'He said: hello.', 'A new paragraph.']
    """
    punkt = tokenizer()
    spans: list[tuple[int, int, int]] = []
    for b_start, b_end, paragraph in _blocks(text):
        block = text[b_start:b_end]
        if headline is not None and headline[0] <= b_start and b_end <= headline[1]:
            pieces = [(0, len(block))]
        else:
            pieces = punkt._spans(block)
        for s, e in pieces:
            start, end = b_start + s, b_start + e
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            glue = bool(spans) and spans[-1][1] >= b_start and _continues(text[start:end])
            if glue:
                spans[-1] = (spans[-1][0], end, paragraph)
            else:
                spans.append((start, end, paragraph))
    return spans


def split_sentences(article: Article) -> list[Sentence]:
    """Split an article into sentences whose offsets index ``article.text``.

    >>> from stance.types import Article
    >>> a = Article(id="a", text="Talks end\\n\\nDr. Lee said talks ended. They will resume.")
    >>> [s.text for s in split_sentences(a)]
    ['Talks end', 'Dr. Lee said talks ended.', 'They will resume.']
    """
    text = article.text
    out: list[Sentence] = []
    for index, (start, end, paragraph) in enumerate(split_text(text, headline=article.headline)):
        is_headline = article.headline is not None and (
            article.headline[0] <= start and end <= article.headline[1]
        )
        out.append(
            Sentence(
                article=article.id,
                index=index,
                start=start,
                end=end,
                text=text[start:end],
                paragraph=paragraph,
                headline=is_headline,
            )
        )
    return out
