"""The attribution tokenizer (``stance._coref.tokenize``): tokens and their offsets; and the
article vocabularies its noun-phrase reading looks words up in."""

from __future__ import annotations

import pytest

from stance import speakers
from stance._coref import tokenize
from stance.speakers import _abbreviations

CASES = [
    (
        "Gen. A. Holm said the U.S.A. would act.",
        [
            ("Gen.", 0, 4),
            ("A.", 5, 7),
            ("Holm", 8, 12),
            ("said", 13, 17),
            ("the", 18, 21),
            ("U.S.A.", 22, 28),
            ("would", 29, 34),
            ("act", 35, 38),
            (".", 38, 39),
        ],
    ),
    # a lower-case initialism, and one at the end of a word run
    ("The a.b. test, e.g. this", [("The", 0, 3), ("a.b.", 4, 8), ("test", 9, 13), (",", 13, 14)]),
    # an underscore no token takes: skipped like white space, offsets still right
    ("snake_case and __init__ stay", [("snake_case", 0, 10), ("and", 11, 14), ("init__", 17, 23)]),
    # numbers with marks inside, and a file separator (white space to Unicode) between words
    (
        "Sales rose 1,200.50 points\x1cto 3:15 today.",
        [("Sales", 0, 5), ("rose", 6, 10), ("1,200.50", 11, 19), ("points", 20, 26)],
    ),
    # a curly possessive: the ending is taken off, the offsets keep it
    ("Holm’s aide said", [("Holm", 0, 6), ("aide", 7, 11), ("said", 12, 16)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_tokens_and_offsets(text: str, expected: list[tuple[str, int, int]]) -> None:
    toks = tokenize(text, _abbreviations())
    assert [(t.text, t.start, t.end) for t in toks][: len(expected)] == expected
    for t in toks:
        assert text[t.start : t.end].startswith(t.text)  # a possessive ending stays outside


@pytest.mark.parametrize("text", [text for text, _ in CASES])
def test_ascii_and_unicode_texts_give_the_same_tokens(text: str) -> None:
    """ASCII text is read with ASCII character classes (a faster pattern): the tokens of its
    words are those the Unicode pattern gives when a non-ASCII word follows."""
    ascii_toks = tokenize(text, _abbreviations())
    unicode_toks = tokenize(text + " café", _abbreviations())
    assert text.isascii() or "’" in text
    assert unicode_toks[: len(ascii_toks)] == ascii_toks
    assert unicode_toks[-1].text == "café"


VOCAB_TEXTS = [
    "Officials said the plan, which officials drafted, was dead.",
    "The e-mail’s author, a co-founder, wrote: “Trucks wait.” (trucks) x.trucks _trucks",
    "Ana Berg, Head of Ports; Berg’s team. Ports) Ports-Day Ports_2 Berg",
    "It rained.\n\nOfficials, however, met (officials) at 9 a.m. Monday",
]


@pytest.mark.parametrize("text", VOCAB_TEXTS)
def test_article_vocabularies_answer_as_their_scans(text: str) -> None:
    """``_LowerVocab`` and ``_MidCaps`` look one word up at a time; they answer as the
    scans of the whole text with ``_LOWER_WORD`` and ``_MID_CAP`` would."""
    lower = frozenset(speakers._LOWER_WORD.findall(text))
    caps = frozenset(speakers._MID_CAP.findall(text))
    words = set(text.split()) | {w.strip(",.;:()“”") for w in text.split()}
    words |= {w.lower() for w in words} | {w[:-1] for w in words} | {"", "s", "trucks"}
    lazy_lower = speakers._LowerVocab(text)
    lazy_caps = speakers._MidCaps(text)
    for word in sorted(words):
        assert (word in lazy_lower) == (word in lower), word
        assert (word in lazy_caps) == (word in caps), word


# the same phrase read in two sentences, at different places: the second reading (from the
# cache of phrases) is the first one with its own token span
PHRASES = [
    (
        "Foreign Minister Anna Berglund said so.",
        "On Monday, Foreign Minister Anna Berglund said so.",
    ),
    ("On Monday the Danish envoy said so.", "Later that day the Danish envoy said so."),
    ("Berglund's statement said so.", "Yesterday Berglund's statement said so."),
]


@pytest.mark.parametrize(("first", "second"), PHRASES)
def test_phrase_read_again_elsewhere(first: str, second: str) -> None:
    from dataclasses import replace

    from stance._coref import Context, interpret, parse_left
    from stance._entities import lexicon

    def read(text: str) -> tuple[object, tuple[int, int]]:
        toks = tokenize(text, _abbreviations())
        said = next(k for k, t in enumerate(toks) if t.low == "said")
        ctx = Context(lexicon(), frozenset(), toks=toks)
        span = parse_left(toks, said, ctx)
        assert span is not None
        return interpret(toks, span, ctx, text), span

    m1, span1 = read(first)
    m2, span2 = read(second)
    assert span1 != span2
    assert (m2.start, m2.end) == span2
    assert replace(m2, start=m1.start, end=m1.end, owner=None) == replace(m1, owner=None)
    if m1.owner is not None and m2.owner is not None and m1.owner.end:
        assert (m2.owner.start, m2.owner.end) == span2
