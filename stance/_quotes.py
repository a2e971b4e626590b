"""Direct-quote regions of an article: where quoted speech starts and ends.

Only double quotation marks delimit speech here: curly ``“ ”``, straight ``"``, guillemets
and the doubled apostrophes some wire texts use (``''``, ````). Single marks are left alone:
they are apostrophes far more often than quotes, and nested quotes belong to the outer
speaker anyway. A quote left open at the end of a paragraph stays open when the next
paragraph opens with a quote mark (the newspaper convention for a quote running over
several paragraphs); otherwise it is closed there. Unbalanced marks never raise.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import islice

__all__ = ["QuoteRegion", "find_quotes", "mask_quotes"]

# each branch a literal (no character class): the search then skips at once to the next
# possible first character instead of trying the branches at every offset
_MARK = re.compile(r"''|``|\"|“|”|„|«|»")
_OPENERS = frozenset({"“", "„", "«", "``"})
_CLOSERS = frozenset({"”", "»"})
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


_SET_ATTR = object.__setattr__


@dataclass(frozen=True, init=False)
class QuoteRegion:
    """Quoted text ``[start, end)`` (marks excluded) and the mark offsets around it."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset just after the closing mark, None when left open
    runs_on: bool = False  # left open at a paragraph end, continued by the next paragraph

    def __init__(
        self, start: int, end: int, open_mark: int, close_mark: int | None, runs_on: bool = False
    ) -> None:
        # the dataclass __init__ of a frozen class sets each field through
        # object.__setattr__; the instance dict given whole does the same more cheaply
        _SET_ATTR(
            self,
            "__dict__",
            {
                "start": start,
                "end": end,
                "open_mark": open_mark,
                "close_mark": close_mark,
                "runs_on": runs_on,
            },
        )


def _paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in _PARAGRAPH.finditer(text)]


def find_quotes(text: str) -> list[QuoteRegion]:
    """Quote regions in text order (linear in the length of the text).

    >>> [(r.start, r.end) for r in find_quotes('He said, "Yes." Then left.')]
    [(10, 14)]
    """
    para_starts = _paragraph_starts(text)
    para_set = frozenset(para_starts)
    breaks = iter(para_starts)
    next_break = next(breaks, None)
    regions: list[QuoteRegion] = []
    open_at: int | None = None  # offset of the opening mark
    open_len = 0
    for m in _MARK.finditer(text):
        pos, mark = m.start(), m[0]
        # paragraph breaks passed since the last mark
        while next_break is not None and next_break <= pos:
            if open_at is not None:
                starts_with_quote = bool(_MARK.match(text, next_break))
                if not starts_with_quote:
                    end = next_break
                    while end > open_at + open_len and text[end - 1].isspace():
                        end -= 1
                    regions.append(QuoteRegion(open_at + open_len, end, open_at, None))
                    open_at = None
                else:
                    # a quote running on: close this paragraph's part, reopen at the next
                    end = next_break
                    while end > open_at + open_len and text[end - 1].isspace():
                        end -= 1
                    regions.append(QuoteRegion(open_at + open_len, end, open_at, None, True))
                    open_at = None
            next_break = next(breaks, None)
        if open_at is None:
            if mark in _CLOSERS and not (pos == 0 or pos in para_set):
                continue  # a stray closing mark (not at a paragraph start): ignore it
            open_at, open_len = pos, len(mark)
        else:
            # an opening mark typed right after a comma or stop, before a space, closes: “…,“
            end_mark = pos + len(mark)
            closes = text[pos - 1] in ",.?!" and (end_mark >= len(text) or text[end_mark].isspace())
            if mark in _OPENERS and pos > open_at + open_len and not closes:
                # two openers in a row: the first was never closed; restart here
                end = pos
                while end > open_at + open_len and text[end - 1].isspace():
                    end -= 1
                regions.append(QuoteRegion(open_at + open_len, end, open_at, None))
                open_at, open_len = pos, len(mark)
                continue
            regions.append(QuoteRegion(open_at + open_len, pos, open_at, pos + len(mark)))
            open_at = None
    if open_at is not None:
        # no closing mark follows: the quote ends with its paragraph
        while next_break is not None and next_break <= open_at:
            next_break = next(breaks, None)
        end = next_break if next_break is not None else len(text)
        while end > open_at + open_len and text[end - 1].isspace():
            end -= 1
        regions.append(QuoteRegion(open_at + open_len, end, open_at, None))
    return [r for r in regions if r.end > r.start]


def mask_quotes(
    text: str, offset: int, regions: list[QuoteRegion], starts: list[int] | None = None
) -> str:
    """``text`` (which starts at ``offset`` in the article) with quoted characters and the
    quote marks themselves replaced by ``"`` placeholders of equal length. A quote left
    open (an unbalanced mark) is not hidden. ``regions`` are in text order (as
    :func:`find_quotes` gives them) and ``starts`` their ``open_mark`` offsets (computed
    when not given); only the regions overlapping the text are visited.

    >>> t = 'He said, "Yes." Then left.'
    >>> masked = mask_quotes(t, 0, find_quotes(t))
    >>> masked.replace(chr(34), "#")
    'He said, ###### Then left.'
    """
    end = offset + len(text)
    if starts is None:
        starts = [r.open_mark for r in regions]
    # regions are disjoint and ordered: start from the last one opening before ``offset``
    after = bisect.bisect_right(starts, offset)  # the first region opening after it
    if after == len(starts) or starts[after] >= end:
        # none opens inside the text: most sentences hold no quote, or the one before
        # ends before the text
        if after == 0:
            return text
        r = regions[after - 1]
        if r.close_mark is None and not r.runs_on:
            return text
        if (r.close_mark if r.close_mark is not None else r.end) <= offset:
            return text
    idx = max(0, after - 1)
    pieces: list[str] = []
    pos = offset
    for r in islice(regions, idx, None):
        if r.open_mark >= end:
            break
        if r.close_mark is None and not r.runs_on:
            continue  # an unbalanced mark: too unsure to hide what follows it
        hi = r.close_mark if r.close_mark is not None else r.end
        lo = max(r.open_mark, pos)
        hi = min(hi, end)
        if hi <= lo:
            continue
        pieces.append(text[pos - offset : lo - offset])
        pieces.append('"' * (hi - lo))
        pos = hi
    if not pieces:
        return text
    pieces.append(text[pos - offset :])
    return "".join(pieces)
