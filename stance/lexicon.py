"""Sentence tone: VADER's compound score, adapted to news and diplomatic language.

The base is NLTK's VADER (``nltk.sentiment.vader``) with the lexicon that the
``vaderSentiment`` package ships. On top of it, small data files in
``stance/data/lexicon/`` adapt it to news prose without touching VADER's calibration:

- ``news_sentiment.tsv``: news words VADER lacks (``coercive``, ``reneged``, ``militants``,
  ``ceasefire``, ...), each valued as the VADER word it copies (named in the file);
- ``news_boosters.tsv``: degree adverbs of news prose (``strongly``, ``sharply``);
- ``news_negators.tsv``: extra negation words (``unable``, ``lacks``);
- ``neutral_phrases.tsv``: names and fixed terms whose words carry no tone
  (``United Nations``, ``Security Council``, ``interest rates``, ``stressed that``);
- ``idioms.tsv``: idioms read literally in news (``the bomb``);
- ``characters.tsv``: curly quotes and dashes read as VADER's ASCII (``don’t`` → ``don't``).

Scoring is VADER's (NLTK's rules and constants) with two fixes: a word that occurs twice is
scored in its own context, not in that of its first occurrence; and a negator or booster
reaches back no further than the previous sentiment word, so "don't care, don't care" is
not negated twice. On VADER's own human-rated snippets this scores a higher Pearson r than
VADER alone (``benchmarks/sentiment.py``).

Example::

    >>> sentiment("The minister condemned the coercive measures.") < 0
    True
    >>> sentiment("") == 0.0
    True
"""

from __future__ import annotations

import copy
import importlib.util
import math
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from stance.types import InputError

__all__ = ["NewsLexicon", "load_lexicon", "load_vader", "sentiment", "sentiment_many"]

_VADER_LEXICON = "vader_lexicon.txt"  # inside the vaderSentiment package folder
_VALENCE_RANGE = 4.0  # VADER's ratings run from -4 to 4
_ALPHA = 15.0  # VADER's normalisation constant (VaderConstants.normalize)
_STRIP = string.punctuation
# deletes what VADER's REGEX_REMOVE_PUNCTUATION removes (the ASCII punctuation), faster
_DELETE_PUNCTUATION = str.maketrans("", "", string.punctuation)
_PUNCTUATION = frozenset(string.punctuation)


@dataclass(frozen=True)
class NewsLexicon:
    """The news adaptation read from ``stance/data/lexicon/`` (see the module docstring)."""

    valences: Mapping[str, float]  # word -> valence on VADER's -4..4 scale
    notes: Mapping[str, str]  # word -> where its valence came from
    boosters: Mapping[str, float]  # word -> VADER scalar (+0.293 booster, -0.293 dampener)
    negators: frozenset[str]
    neutral_phrases: tuple[tuple[str, ...], ...]
    idioms: Mapping[str, float]
    characters: Mapping[int, str]  # a str.translate table


def _rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)`` of a data TSV, skipping comments and the header."""
    source = f"stance/data/lexicon/{name}"
    try:
        text = files("stance").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(source, f"cannot read the data file ({error})") from error
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            raise InputError(
                source, f"expected {columns} tab-separated fields, found {len(fields)}", number
            )
        if not header_seen:
            header_seen = True
            continue
        yield number, fields


def _number(source: str, line: int, value: str, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise InputError(source, f"{what} must be a number, got {value!r}", line) from None
    if not math.isfinite(number) or abs(number) > _VALENCE_RANGE:
        raise InputError(
            source, f"{what} must be in [-{_VALENCE_RANGE}, {_VALENCE_RANGE}], got {value}", line
        )
    return number


def _term(source: str, line: int, value: str, seen: set[str]) -> str:
    term = value.strip()
    if not term or term != term.lower():
        raise InputError(source, f"expected a non-empty lower-case entry, got {value!r}", line)
    if term in seen:
        raise InputError(source, f"duplicate entry {term!r}", line)
    seen.add(term)
    return term


def _note(source: str, line: int, value: str) -> str:
    if not value.strip():
        raise InputError(source, "expected a note saying where the entry came from", line)
    return value.strip()


def _character(source: str, line: int, value: str) -> str:
    if value.startswith("U+"):
        try:
            return chr(int(value[2:], 16))
        except ValueError:
            raise InputError(source, f"expected U+XXXX, got {value!r}", line) from None
    if not value:
        raise InputError(source, "expected a replacement, got an empty field", line)
    return value


@lru_cache(maxsize=1)
def load_lexicon() -> NewsLexicon:
    """Read and validate the news adaptation in ``stance/data/lexicon/`` (read once, cached).

    A bad row raises :class:`stance.types.InputError` naming the file and line.
    """
    valences: dict[str, float] = {}
    notes: dict[str, str] = {}
    seen: set[str] = set()
    for line, (word, value, note) in _rows("news_sentiment.tsv", 3):
        source = "stance/data/lexicon/news_sentiment.tsv"
        word = _term(source, line, word, seen)
        valences[word] = _number(source, line, value, "valence")
        notes[word] = _note(source, line, note)

    boosters: dict[str, float] = {}
    seen = set()
    for line, (word, value, note) in _rows("news_boosters.tsv", 3):
        source = "stance/data/lexicon/news_boosters.tsv"
        word = _term(source, line, word, seen)
        boosters[word] = _number(source, line, value, "scalar")
        _note(source, line, note)

    seen = set()
    for line, (word, note) in _rows("news_negators.tsv", 2):
        source = "stance/data/lexicon/news_negators.tsv"
        _term(source, line, word, seen)
        _note(source, line, note)
    negators = frozenset(seen)

    phrases: list[tuple[str, ...]] = []
    seen = set()
    for line, (phrase, note) in _rows("neutral_phrases.tsv", 2):
        source = "stance/data/lexicon/neutral_phrases.tsv"
        phrases.append(tuple(_term(source, line, phrase, seen).split()))
        _note(source, line, note)

    idioms: dict[str, float] = {}
    seen = set()
    for line, (phrase, value, note) in _rows("idioms.tsv", 3):
        source = "stance/data/lexicon/idioms.tsv"
        idioms[" ".join(_term(source, line, phrase, seen).split())] = _number(
            source, line, value, "valence"
        )
        _note(source, line, note)

    characters: dict[int, str] = {}
    for line, (char, replacement, note) in _rows("characters.tsv", 3):
        source = "stance/data/lexicon/characters.tsv"
        code = _character(source, line, char)
        if len(code) != 1 or ord(code) in characters:
            raise InputError(source, f"expected one new character, got {char!r}", line)
        characters[ord(code)] = _character(source, line, replacement)
        _note(source, line, note)

    return NewsLexicon(
        valences=valences,
        notes=notes,
        boosters=boosters,
        negators=negators,
        neutral_phrases=tuple(phrases),
        idioms=idioms,
        characters=characters,
    )


def _vader_folder() -> Path:
    spec = importlib.util.find_spec("vaderSentiment")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        if (Path(location) / _VADER_LEXICON).is_file():
            return Path(location)
    raise InputError(
        "vaderSentiment",
        f"expected the installed vaderSentiment package to hold {_VADER_LEXICON}; "
        f"found it in none of {locations or 'no folder (package not installed)'}",
    )


@lru_cache(maxsize=1)
def load_vader() -> Any:
    """NLTK's VADER with the ``vaderSentiment`` lexicon, unmodified (built once, cached).

    This is the baseline the benchmarks compare :func:`sentiment` with. NLTK refuses an
    absolute lexicon path, so the package folder goes on ``nltk.data.path`` for the load
    and the lexicon is named relative to it.
    """
    folder = str(_vader_folder())
    added = folder not in nltk.data.path
    if added:
        nltk.data.path.insert(0, folder)
    try:
        return SentimentIntensityAnalyzer(lexicon_file=_VADER_LEXICON)
    finally:
        if added:
            nltk.data.path.remove(folder)


@lru_cache(maxsize=4)
def _phrase_index(
    phrases: tuple[tuple[str, ...], ...],
) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in index.items()}


@lru_cache(maxsize=1)
def _news_analyzer() -> Any:
    """A copy of :func:`load_vader` with the news lexicon, boosters, negators and idioms."""
    news = load_lexicon()
    analyzer = copy.copy(load_vader())
    lexicon = {w: v for w, v in analyzer.lexicon.items() if w not in news.boosters}
    lexicon.update(news.valences)
    analyzer.lexicon = lexicon
    constants = VaderConstants()
    # instance attributes: NLTK's class-level lists stay as they are for everyone else
    constants.NEGATE = frozenset(VaderConstants.NEGATE) | news.negators
    constants.BOOSTER_DICT = {**VaderConstants.BOOSTER_DICT, **news.boosters}
    constants.SPECIAL_CASE_IDIOMS = {**VaderConstants.SPECIAL_CASE_IDIOMS, **news.idioms}
    analyzer.constants = constants
    return analyzer


def _neutral_positions(
    lowers: Sequence[str], phrases: Mapping[str, tuple[tuple[str, ...], ...]]
) -> set[int]:
    """Indices of the words (given in lower case) that fall inside a neutral phrase
    (phrases keyed by first word)."""
    plain = [word.strip(_STRIP) for word in lowers]
    covered: set[int] = set()
    if phrases.keys().isdisjoint(plain):  # no word starts a neutral phrase
        return covered
    for start, word in enumerate(plain):
        for phrase in phrases.get(word, ()):
            if tuple(plain[start : start + len(phrase)]) == phrase:
                covered.update(range(start, start + len(phrase)))
    return covered


def _valence(
    analyzer: Any,
    words: Sequence[str],
    lowers: Sequence[str],
    i: int,
    is_cap_diff: bool,
    idiom_pairs: frozenset[tuple[str, str]] | None = None,
) -> float:
    """VADER's valence of ``words[i]`` with its modifiers (NLTK's ``sentiment_valence``).

    ``lowers`` is ``words`` in lower case. One change: the look-back for boosters and
    negators stops at an earlier sentiment word, so a negator governs the next sentiment word
    only ("don't care, don't care" is not negated twice). ``idiom_pairs``: what
    :func:`_idiom_pairs` gives for the analyzer, when known (NLTK's idiom check is skipped
    where no two adjacent words of its window are two adjacent words of an idiom).
    """
    lexicon = analyzer.lexicon
    constants = analyzer.constants
    boosters = constants.BOOSTER_DICT
    word = words[i]
    valence = float(lexicon[lowers[i]])
    if is_cap_diff and word.isupper():
        valence += constants.C_INCR if valence > 0 else -constants.C_INCR
    for start_i in range(3):
        j = i - (start_i + 1)
        if i <= start_i or lowers[j] in lexicon:
            break
        # VaderConstants.scalar_inc_dec, inlined
        scalar = 0.0
        if lowers[j] in boosters:
            scalar = boosters[lowers[j]]
            if valence < 0:
                scalar *= -1
            if words[j].isupper() and is_cap_diff:
                scalar += constants.C_INCR if valence > 0 else -constants.C_INCR
        scalar = float(scalar)
        if start_i == 1 and scalar != 0:
            scalar *= 0.95
        if start_i == 2 and scalar != 0:
            scalar *= 0.9
        valence = _never_check(constants, valence + scalar, words, lowers, start_i, i)
        if start_i == 2 and (
            idiom_pairs is None or not idiom_pairs.isdisjoint(pairwise(words[i - 3 : i + 3]))
        ):
            valence = float(analyzer._idioms_check(valence, words, i))
    if i > 0 and lowers[i - 1] == "least":  # _least_check only acts after "least"
        valence = float(analyzer._least_check(valence, words, i))
    return valence


def _never_check(
    constants: Any,
    valence: float,
    words: Sequence[str],
    lowers: Sequence[str],
    start_i: int,
    i: int,
) -> float:
    """NLTK's ``_never_check`` with ``negated([word])`` read off the lower-cased word."""
    negate = constants.NEGATE
    j = i - (start_i + 1)
    negated = lowers[j] in negate or "n't" in lowers[j]
    if start_i == 0:
        if negated:
            valence = valence * constants.N_SCALAR
    elif start_i == 1:
        if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
            valence = valence * 1.5
        elif negated:
            valence = valence * constants.N_SCALAR
    elif (words[i - 3] == "never" and (words[i - 2] == "so" or words[i - 2] == "this")) or (
        words[i - 1] == "so" or words[i - 1] == "this"
    ):
        valence = valence * 1.25
    elif negated:
        valence = valence * constants.N_SCALAR
    return float(valence)


@lru_cache(maxsize=4)
def _marks(punctuation: tuple[str, ...]) -> tuple[frozenset[str], int, bool]:
    """The marks, the longest one's length, and whether all marks are ASCII punctuation."""
    marks = frozenset(punctuation)
    plain = all(ch in _PUNCTUATION for mark in marks for ch in mark)
    return marks, max(len(mark) for mark in marks), plain


def _words(
    text: str, constants: Any, found: tuple[frozenset[str], int, bool] | None = None
) -> list[str]:
    """VADER's tokens (``SentiText.words_and_emoticons``) without its per-call tables.

    A whitespace token of two or more characters loses one leading or trailing mark of
    ``PUNC_LIST`` when what remains is a word of the text with its punctuation removed
    (such a word has no punctuation, so at most one mark can match). ``found``: what
    ``_marks`` gives for ``constants.PUNC_LIST``, when already looked up.
    """
    marks, longest, plain = found or _marks(tuple(constants.PUNC_LIST))
    if plain:
        return _plain_words(text, marks)
    known: set[str] | None = None  # built on need
    words: list[str] = []
    for token in text.split():
        if len(token) < 2:
            continue
        if token[0] in _STRIP or token[-1] in _STRIP:
            if known is None:
                known = {w for w in text.translate(_DELETE_PUNCTUATION).split() if len(w) > 1}
            # a token with a mark at an end has punctuation, so it is no known word itself
            if token not in known:
                for size in range(1, min(longest, len(token) - 1) + 1):
                    if token[:size] in marks and token[size:] in known:
                        token = token[size:]
                        break
                    if token[-size:] in marks and token[:-size] in known:
                        token = token[:-size]
                        break
        words.append(token)
    return words


def _plain_words(text: str, marks: frozenset[str]) -> list[str]:
    """:func:`_words` when every mark is ASCII punctuation.

    What remains of a token that loses a mark is then a piece of two or more characters
    without punctuation, so the mark is the token's whole trailing (or, when the token
    does not end in punctuation, leading) run of punctuation.
    """
    words: list[str] = []
    append = words.append
    for token in text.split():
        if len(token) < 2:
            continue
        if token[-1] in _STRIP:
            word = token.rstrip(_STRIP)
            if len(word) > 1 and token[len(word) :] in marks and _PUNCTUATION.isdisjoint(word):
                token = word
        elif token[0] in _STRIP:
            word = token.lstrip(_STRIP)
            if (
                len(word) > 1
                and token[: len(token) - len(word)] in marks
                and _PUNCTUATION.isdisjoint(word)
            ):
                token = word
        append(token)
    return words


def _cap_differential(words: Sequence[str]) -> bool:
    """VADER's ``allcap_differential``: some, but not all, words are in capitals."""
    capitals = sum(map(str.isupper, words))
    return 0 < len(words) - capitals < len(words)


_REPLACERS: dict[int, tuple[NewsLexicon, Callable[[str], str]]] = {}


def _replacer(news: NewsLexicon) -> Callable[[str], str]:
    """``text.translate(news.characters)``, faster: text without any of the mapped
    characters comes back as it is (ASCII text at once, when they are all non-ASCII), other
    text has one pattern of the mapped characters substituted."""
    found = _REPLACERS.get(id(news))
    if found is not None and found[0] is news:
        return found[1]
    table = {chr(code): value for code, value in news.characters.items()}
    if not table:
        replace: Callable[[str], str] = str
    else:
        pattern = re.compile("[" + "".join(map(re.escape, table)) + "]")
        ascii_unmapped = all(ord(char) > 127 for char in table)

        def by_table(match: re.Match[str]) -> str:
            return table[match.group()]

        def replace(text: str) -> str:
            if ascii_unmapped and text.isascii():
                return text
            return pattern.sub(by_table, text)

    if len(_REPLACERS) > 8:
        _REPLACERS.clear()
    _REPLACERS[id(news)] = (news, replace)
    return replace


class _Tables(NamedTuple):
    """What every sentence's score looks up once for the analyzer and news lexicon."""

    replace: Callable[[str], str]
    marks: tuple[frozenset[str], int, bool]
    neutral: Mapping[str, tuple[tuple[str, ...], ...]]
    idiom_pairs: frozenset[tuple[str, str]] | None


def _tables(analyzer: Any, news: NewsLexicon) -> _Tables:
    return _Tables(
        _replacer(news),
        _marks(tuple(analyzer.constants.PUNC_LIST)),
        _phrase_index(news.neutral_phrases),
        _idiom_pairs(analyzer),
    )


def _idiom_pairs(analyzer: Any) -> frozenset[tuple[str, str]] | None:
    """The pairs of adjacent words in the idioms and the booster phrases that NLTK's
    ``_idioms_check`` looks up: it changes a valence only where some two adjacent words of
    its window (three words before the word, two after) are one of these pairs. None when
    the analyzer's ``_idioms_check`` is not NLTK's own."""
    if getattr(type(analyzer), "_idioms_check", None) is not (
        SentimentIntensityAnalyzer._idioms_check
    ):
        return None
    constants = analyzer.constants
    pairs: set[tuple[str, str]] = set()
    for key in (*constants.SPECIAL_CASE_IDIOMS, *constants.BOOSTER_DICT):
        parts = key.split(" ")
        pairs.update(pairwise(parts))
    return frozenset(pairs)


def _score(analyzer: Any, news: NewsLexicon, text: str, tables: _Tables | None = None) -> float:
    """The compound score of ``text``; ``tables``: :func:`_tables` of the same analyzer and
    news lexicon, when already built (a batch builds them once)."""
    if tables is None:
        tables = _tables(analyzer, news)
    text = tables.replace(text)
    constants = analyzer.constants
    lexicon = analyzer.lexicon
    words = _words(text, constants, tables.marks)
    lowers = list(map(str.lower, words))
    # Only words of the lexicon can score; a sentence without any scores 0 (VADER's sum).
    scoring = [i for i, lower in enumerate(lowers) if lower in lexicon]
    if not scoring:
        return 0.0
    boosters = constants.BOOSTER_DICT
    is_cap_diff = _cap_differential(words)
    neutral = _neutral_positions(lowers, tables.neutral)
    sentiments = [0.0] * len(words)
    last = len(words) - 1
    for i in scoring:  # the word's own position, also when it repeats
        lower = lowers[i]
        is_kind_of = lower == "kind" and i < last and lowers[i + 1] == "of"
        if i in neutral or is_kind_of or lower in boosters:
            continue
        sentiments[i] = _valence(analyzer, words, lowers, i, is_cap_diff, tables.idiom_pairs)
    if "but" in lowers:  # NLTK's _but_check
        bi = lowers.index("but")
        sentiments = [
            s * 0.5 if k < bi else s * 1.5 if k > bi else s for k, s in enumerate(sentiments)
        ]
    total = float(sum(sentiments))
    if total == 0.0:
        return 0.0
    emphasis = float(analyzer._punctuation_emphasis(total, text))
    total = total + emphasis if total > 0 else total - emphasis
    return total / math.sqrt(total * total + _ALPHA)


def sentiment(text: str) -> float:
    """The tone of ``text`` in [-1, 1]: VADER's compound score with the news lexicon.

    Empty or blank text scores ``0.0``. The score is not rounded.

    >>> sentiment("Both sides welcomed the ceasefire.") > 0
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"sentiment() expects a str, got {type(text).__name__}")
    if not text.strip():
        return 0.0
    return _score(_news_analyzer(), load_lexicon(), text)


def sentiment_many(texts: Sequence[str]) -> list[float]:
    """:func:`sentiment` of each text, in order (the analyzer is built once).

    >>> sentiment_many(["", "a futile attempt"])[0]
    0.0
    """
    if isinstance(texts, str):
        raise TypeError("sentiment_many() expects a sequence of str, got a single str")
    analyzer = _news_analyzer()
    news = load_lexicon()
    scores: list[float] = []
    tables = _tables(analyzer, news)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(
                f"sentiment_many() expects str items, got {type(text).__name__} at {position}"
            )
        scores.append(_score(analyzer, news, text, tables) if text.strip() else 0.0)
    return scores
