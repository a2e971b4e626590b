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
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .types import Article, Sentence

__all__ = ["learn_parameters", "split_sentences", "split_text", "tokenizer"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_FIRST_WORD = re.compile(r"^([^\w]*)(\w)")
_TERMINAL = re.compile(r"""[.!?:;…]["'”’»)\]]*\s*$""")


def _data_text(name: str) -> str:
    return (files("stance") / "data" / "punkt" / name).read_text(encoding="utf-8")


def _load_parameters() -> PunktParameters:
    params = PunktParameters()
    for lineno, raw in enumerate(_data_text("abbreviations.txt").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if " " in line:
            raise ValueError(
                f"stance/data/punkt/abbreviations.txt:{lineno}: one abbreviation a line"
            )
        params.abbrev_types.add(line.lower().rstrip("."))
    learned = json.loads(_data_text("learned.json"))
    params.abbrev_types.update(learned.get("abbrev_types", []))
    params.collocations.update(tuple(pair) for pair in learned.get("collocations", []))
    params.sent_starters.update(learned.get("sent_starters", []))
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
def tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer with the shipped parameters (built once)."""
    return PunktSentenceTokenizer(_load_parameters())


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
            pieces = list(punkt.span_tokenize(block))
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
