"""Topics: definitions read from TOML, and lexicon matching of topics in sentences.

A topic file (``stance/data/topics/default.toml`` holds the defaults) has a top-level
``mode`` (``"add"`` or ``"replace"``: whether its topics join the defaults or replace
them) and one ``[[topics]]`` table per topic with ``name`` and ``target`` and, optionally,
``description``, ``terms``, ``phrases``, ``exclusions``, ``favor_cues``, ``against_cues`` and
``references``. Each of these lists may also hold *composed* entries, inline tables
that stand for every combination of their word lists (``{ verbs = ["revoke", "revoked"],
determiners = ["", "the"], nouns = ["waiver*"] }`` is ``"revoke waiver*"``,
``"revoke the waiver*"``, ``"revoked waiver*"``, ``"revoked the waiver*"``), expanded in
place at load time. See the comments at the top of the default file.

Matching is whole-word and case-insensitive; a term ending in ``*`` matches any word ending;
a space or hyphen inside a phrase matches any run of spaces or hyphens. A term inside an
exclusion (``government-sanctioned``) does not count. A sentence without a term of a topic
still has the topic, marked ``carried``, when it holds one of the topic's references
(``in this area``, ``the measures``) and the topic is named in one of the four sentences
before it (a reference of several words, ``the package``, also reaches a topic named in two
or more earlier sentences of the article, a one-word reference one named in three or more;
a one-word reference right before another topic's term, ``economic`` in ``economic
sanctions``, qualifies that term and carries nothing),
or when it opens with a continuing pronoun (``It``, ``This``, ``They``) right after a
sentence of the same paragraph that has the topic, or (``paragraph_carry``) when the topic
is named up to three sentences earlier in its paragraph and it names no topic of its own.

>>> from stance.types import Sentence
>>> sents = [Sentence("a", 0, 0, 27, "They condemned the terror attack."),
...          Sentence("a", 1, 28, 70, "Turkey will help in this area.")]
>>> [[m.topic for m in ms] for ms in detect_topics(sents, default_topics())]
[['terrorism'], ['terrorism']]
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .articles import read_text_file
from .types import InputError, Sentence, Topic, TopicMatch

__all__ = [
    "PhraseMatcher",
    "compile_pattern",
    "default_topics",
    "detect_topics",
    "load_topics",
    "phrase_matcher",
    "read_topic_file",
]

_DEFAULT_NAME = "stance/data/topics/default.toml"
_LIST_KEYS = (
    "terms",
    "phrases",
    "exclusions",
    "favor_cues",
    "against_cues",
    "references",
)
_KNOWN_KEYS = frozenset(("name", "target", "description", *_LIST_KEYS))
# The word lists of a composed entry, in the order of the words of the phrases it stands for.
_SLOTS = ("verbs", "determiners", "nouns", "after")
_MODES = ("add", "replace")
# How many phrases one composed entry may stand for (a typo in a long list must not make
# the loader build millions of phrases).
_MAX_COMPOSED = 5000
# How many sentences back a reference phrase may reach for its topic.
_REFERENCE_WINDOW = 4
# How many sentences back, within one paragraph, a named topic carries over.
_PARAGRAPH_WINDOW = 3
# How many earlier sentences must name a topic (the article's subject) for a one-word
# reference ("packages", "enforcement") to reach it from anywhere later in the article.
_SUBJECT_MENTIONS = 3
_FIRST_WORD = re.compile(r"^[\W_]*(\w+)")


@dataclass(frozen=True)
class TopicFile:
    """What one topic file holds: its mode, its topics, its continuing pronouns and its pairs
    of topics with opposed targets."""

    mode: str
    topics: tuple[Topic, ...]
    carry_pronouns: tuple[str, ...] = ()
    opposed_targets: tuple[tuple[str, str], ...] = ()


# --------------------------------------------------------------------------- reading


def _line_of(text: str, needle: str, occurrence: int = 0) -> int | None:
    """1-based line of the ``occurrence``-th line starting with ``needle`` (ignoring blanks)."""
    seen = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(needle):
            if seen == occurrence:
                return lineno
            seen += 1
    return None


_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"' + r"|'[^'\n]*'")


def _key_line(text: str, start: int | None, key: str) -> int | None:
    """1-based line of ``key = ...`` in the topic table whose header is on line ``start``."""
    if start is None:
        return None
    lines = text.splitlines()
    for lineno in range(start + 1, len(lines) + 1):
        stripped = lines[lineno - 1].strip()
        if stripped.startswith("[["):
            break
        if re.match(rf"{re.escape(key)}\s*=", stripped):
            return lineno
    return start


def _table_line(text: str, key_line: int | None, number: int) -> int | None:
    """1-based line where the ``number``-th inline table (1-based) of the list that starts
    on ``key_line`` opens; ``key_line`` when it cannot be told."""
    if key_line is None:
        return None
    seen = 0
    depth = 0
    for lineno, line in enumerate(text.splitlines()[key_line - 1 :], start=key_line):
        code = _QUOTED.sub('""', line).split("#", 1)[0]
        for char in code:
            if char == "{":
                if depth == 0:
                    seen += 1
                    if seen == number:
                        return lineno
                depth += 1
            elif char == "}":
                depth = max(0, depth - 1)
            elif char == "]" and depth == 0:
                return key_line
    return key_line


def _string_list(value: Any, source: str, key: str, line: int | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = type(value).__name__
        raise InputError(source, f"'{key}' must be a list of strings, got {got}", line)
    out = tuple(v.strip() for v in value if v.strip())
    return out


def _kind(value: Any) -> str:
    """What arrived, for an error message: a type, or the type of a list's odd element."""
    if isinstance(value, list):
        if not value:
            return "an empty list"
        odd = [v for v in value if not isinstance(v, str)]
        return f"a list holding {type(odd[0]).__name__}" if odd else "a list of strings"
    return type(value).__name__


def _composed(table: dict[str, Any], where: str, source: str) -> list[str]:
    """The phrases a composed entry stands for: one word (or phrase) from each of its lists,
    in the order verbs, determiners, nouns, after; the first list varies slowest, the last
    fastest, and an empty string leaves its place out (verbs ``["revoke"]``, determiners
    ``["", "the"]``, nouns ``["waiver*"]``: ``"revoke waiver*"``, ``"revoke the waiver*"``).
    """
    unknown = sorted(set(table) - set(_SLOTS))
    if unknown:
        expected = ", ".join(_SLOTS)
        raise InputError(
            source, f"{where} has unknown key(s) {', '.join(unknown)}; expected {expected}"
        )
    if "nouns" not in table:
        raise InputError(source, f"{where} is missing the required key 'nouns'")
    slots: list[list[str]] = []
    for slot in _SLOTS:
        words = table.get(slot, [""])
        if not isinstance(words, list) or not words or not all(isinstance(w, str) for w in words):
            raise InputError(
                source,
                f"{where}: '{slot}' must be a non-empty list of strings, got {_kind(words)}",
            )
        words = [w.strip() for w in words]
        if slot == "nouns" and not all(words):
            raise InputError(source, f"{where}: 'nouns' must not hold an empty string")
        slots.append(words)
    count = 1
    for words in slots:
        count *= len(words)
    if count > _MAX_COMPOSED:
        raise InputError(
            source,
            f"{where} stands for {count} phrases; at most {_MAX_COMPOSED} are allowed "
            "(split it or shorten its lists)",
        )
    return [" ".join(w for w in combination if w) for combination in itertools.product(*slots)]


def _entry_list(
    value: Any, source: str, key: str, topic: str, text: str, header: int | None
) -> tuple[str, ...]:
    """A topic's list of words and phrases, its composed entries expanded in place.

    An error names the line of the list's key in the topic table whose header is on line
    ``header`` of ``text`` or, in a composed entry, the line where that entry opens (lines
    are looked up only when there is an error to report).
    """
    if not isinstance(value, list):
        raise InputError(
            source,
            f"topic '{topic}': '{key}' must be a list of strings and composed tables, "
            f"got {_kind(value)}",
            _key_line(text, header, key),
        )
    out: list[str] = []
    tables = 0
    for number, entry in enumerate(value, start=1):
        if isinstance(entry, str):
            out.append(entry.strip())
        elif isinstance(entry, dict):
            tables += 1
            where = f"topic '{topic}': the composed table at entry #{number} of '{key}'"
            try:
                out.extend(_composed(entry, where, source))
            except InputError as exc:
                line = _table_line(text, _key_line(text, header, key), tables)
                raise InputError(exc.source, exc.reason, line) from None
        else:
            raise InputError(
                source,
                f"topic '{topic}': '{key}' must be a list of strings and composed tables, "
                f"got {type(entry).__name__} at entry #{number}",
                _key_line(text, header, key),
            )
    return tuple(v for v in out if v)


def _parse_topic(raw: Any, index: int, text: str, source: str) -> Topic:
    line = _line_of(text, "[[topics]]", index)
    if not isinstance(raw, dict):
        got = type(raw).__name__
        raise InputError(source, f"each [[topics]] entry must be a table, got {got}", line)
    for key in ("name", "target"):
        if key not in raw:
            raise InputError(
                source, f"topic #{index + 1} is missing the required key '{key}'", line
            )
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise InputError(
                source, f"topic #{index + 1}: '{key}' must be a non-empty string", line
            )
    unknown = sorted(set(raw) - _KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(_KNOWN_KEYS))
        raise InputError(
            source,
            f"topic '{raw['name']}': unknown key(s) {', '.join(unknown)}; expected {known}",
            line,
        )
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise InputError(source, f"topic '{raw['name']}': 'description' must be a string", line)
    lists = {
        key: _entry_list(raw.get(key, []), source, key, raw["name"], text, line)
        for key in _LIST_KEYS
    }
    if not lists["terms"] and not lists["phrases"]:
        raise InputError(
            source, f"topic '{raw['name']}' needs at least one entry in 'terms' or 'phrases'", line
        )
    return Topic(
        name=raw["name"].strip(),
        target=raw["target"].strip(),
        description=" ".join(description.split()),
        **lists,
    )


def _parse_topic_file(text: str, source: str) -> TopicFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(source, f"not valid TOML: {reason}", line) from None
    mode = data.get("mode", "add")
    if mode not in _MODES:
        raise InputError(
            source, f'\'mode\' must be "add" or "replace", got {mode!r}', _line_of(text, "mode")
        )
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise InputError(source, "expected one or more [[topics]] tables, found none")
    topics = tuple(_parse_topic(raw, i, text, source) for i, raw in enumerate(raw_topics))
    names = [t.name for t in topics]
    for name in names:
        if names.count(name) > 1:
            raise InputError(source, f"topic '{name}' is defined more than once")
    pronouns = _string_list(
        data.get("carry_pronouns", []), source, "carry_pronouns", _line_of(text, "carry_pronouns")
    )
    opposed = _opposed_targets(data.get("opposed_targets", []), source, text)
    return TopicFile(
        mode=mode,
        topics=topics,
        carry_pronouns=tuple(p.lower() for p in pronouns),
        opposed_targets=opposed,
    )


def _opposed_targets(value: Any, source: str, text: str) -> tuple[tuple[str, str], ...]:
    """``opposed_targets``: a list of pairs of two different topic names."""
    line = _line_of(text, "opposed_targets")
    if not isinstance(value, list):
        raise InputError(
            source, f"'opposed_targets' must be a list of pairs, got {type(value).__name__}", line
        )
    pairs: list[tuple[str, str]] = []
    for item in value:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(v, str) for v in item)
            or item[0].strip() == item[1].strip()
        ):
            raise InputError(
                source,
                f"'opposed_targets': each entry must be a pair of two different topic names, "
                f"got {item!r}",
                line,
            )
        pairs.append((item[0].strip(), item[1].strip()))
    return tuple(pairs)


def read_topic_file(path: str | Path) -> TopicFile:
    """Read and validate one topic file (without combining it with the defaults)."""
    return _parse_topic_file(read_text_file(Path(path)), str(path))


@lru_cache(maxsize=1)
def _default_file() -> TopicFile:
    text = (files("stance") / "data" / "topics" / "default.toml").read_text(encoding="utf-8")
    return _parse_topic_file(text, _DEFAULT_NAME)


@lru_cache(maxsize=1)
def _default_topics() -> tuple[Topic, ...]:
    return _default_file().topics


def default_topics() -> list[Topic]:
    """The four default topics (sanctions, terrorism, afghanistan, trade), read once."""
    return list(_default_topics())


def default_carry_pronouns() -> tuple[str, ...]:
    """Sentence-initial words that continue the previous sentence (from the default file)."""
    return _default_file().carry_pronouns


def default_opposed_targets() -> tuple[tuple[str, str], ...]:
    """Pairs of topics whose targets are opposed (from the default file)."""
    return _default_file().opposed_targets


def load_topics(path: str | Path | None = None) -> list[Topic]:
    """Topics to detect: the defaults, or a user file added to or replacing them.

    With ``path=None`` the four default topics. Otherwise the file's ``mode`` decides:
    ``"add"`` (the default) puts its topics after the defaults, a topic named like a default
    replacing it; ``"replace"`` uses the file's topics alone. A syntax error, a missing key
    or a wrong type raises :class:`~stance.types.InputError` naming the file and line.

    >>> [t.name for t in load_topics()]
    ['sanctions', 'terrorism', 'afghanistan', 'trade']
    """
    if path is None:
        return default_topics()
    return _with_defaults(read_topic_file(path))


def _with_defaults(user: TopicFile) -> list[Topic]:
    """A user file's topics after (or, in ``"replace"`` mode, instead of) the defaults."""
    if user.mode == "replace":
        return list(user.topics)
    own = {t.name for t in user.topics}
    return [t for t in _default_topics() if t.name not in own] + list(user.topics)


def load_opposed_targets(path: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """Pairs of topics whose targets are opposed, for the topics :func:`load_topics` gives.

    With ``path=None`` the default file's pairs; otherwise the file's ``mode`` decides, as
    for its topics: ``"add"`` keeps the default pairs and adds the file's, ``"replace"`` uses
    the file's alone. A pair naming a topic the file and the defaults do not define raises
    :class:`~stance.types.InputError` naming the file.

    >>> load_opposed_targets()
    (('sanctions', 'trade'),)
    """
    if path is None:
        return default_opposed_targets()
    user = read_topic_file(path)
    names = {t.name for t in _with_defaults(user)}
    pairs = list(user.opposed_targets)
    if user.mode != "replace":
        pairs = [p for p in default_opposed_targets() if p not in pairs] + pairs
    for pair in user.opposed_targets:
        unknown = [name for name in pair if name not in names]
        if unknown:
            raise InputError(
                str(path),
                f"'opposed_targets' names {unknown[0]!r}, which is not a topic; "
                f"expected one of {sorted(names)}",
            )
    return tuple(p for p in pairs if p[0] in names and p[1] in names)


# --------------------------------------------------------------------------- matching


def _expression(entry: str) -> str:
    """Regex for one lexicon entry: case-folded, whole-word; ``*`` suffix, flexible gaps."""
    entry = entry.strip().lower()
    wildcard = entry.endswith("*")
    if wildcard:
        entry = entry[:-1]
    parts = [p for p in re.split(r"[\s\-]+", entry) if p]
    body = r"[\s\-‐‑–]+".join(re.escape(p) for p in parts)
    if wildcard:
        body += r"\w*"
    return body


@lru_cache(maxsize=4096)
def compile_pattern(entries: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive, whole-word alternation of ``entries`` (longest first), or None."""
    exprs = sorted({_expression(e) for e in entries if e.strip("* ")}, key=len, reverse=True)
    if not exprs:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(exprs) + r")(?!\w)", re.IGNORECASE)


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# the same words, captured: splitting on it gives separator, word, separator, ..., separator
_TOKEN_SPLIT = re.compile(r"(\w+(?:['’]\w+)*)")
# the same for ASCII text (no "’" in it), where an ASCII \w is the same class, and faster
_TOKEN_SPLIT_ASCII = re.compile(r"(\w+(?:'\w+)*)", re.ASCII)
_SOFT_GAP = re.compile(r"[\s\-‐‑–]+")

_Tokens = tuple[tuple[int, int, str], ...]
_NO_WORDS: frozenset[str] = frozenset()
# a text's tokens, its set of words and the list of its words
_Index = tuple[_Tokens, frozenset[str], list[str]]


def _tokens(text: str) -> _Tokens:
    """(start, end, lower-cased word) of each word of ``text``; apostrophes stay inside."""
    return _tokens_and_words(text)[0]


def _tokens_and_words(text: str) -> tuple[_Tokens, list[str]]:
    """:func:`_tokens` of ``text`` and the list of its words."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # lower-casing changed a length: offsets must come from text
        toks = tuple(
            (m.start(), m.end(), m.group(0).lower().replace("’", "'"))
            for m in _TOKEN.finditer(text)
        )
        return toks, [word for _, _, word in toks]
    # the running sums of the pieces' lengths are where each word starts and ends
    parts = (_TOKEN_SPLIT_ASCII if low.isascii() else _TOKEN_SPLIT).split(low)
    bounds = list(itertools.accumulate(map(len, parts)))
    words = parts[1::2]
    return tuple(zip(bounds[0::2], bounds[1::2], words, strict=False)), words


@lru_cache(maxsize=8192)
def _index(text: str) -> _Index:
    """The tokens of ``text``, the set of its words and the list.

    Cached: the topic detector and the stance model's matchers look at the same sentences.
    """
    toks, words = _tokens_and_words(text)
    return toks, frozenset(words), words


def word_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, lower-cased word)`` of each word of ``text``, as the matchers see them
    (cached; shared with the matchers)."""
    return _index(text)[0]


def word_set(text: str) -> frozenset[str]:
    """The lower-cased words of ``text`` (cached; shared with the matchers)."""
    return _index(text)[1]


def word_list(text: str) -> list[str]:
    """The lower-cased words of ``text`` in order, as :func:`word_tokens` has them (cached;
    shared with the matchers: not to be changed)."""
    return _index(text)[2]


class PhraseMatcher:
    """Whole-word, case-insensitive matching of many words and phrases at once.

    Equivalent to :func:`compile_pattern` but works on word tokens, with dictionary look-ups
    only for words that start an entry, which is much faster than a regex alternation of
    hundreds of entries. Inside a phrase a space or hyphen matches any run of spaces or
    hyphens; other separators ("9/11") must be as written. A trailing ``*`` matches any
    word ending.
    """

    def __init__(self, entries: Sequence[str]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[tuple[str, ...], int] = {}
        self._wild: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        self._wild1: list[tuple[str, int]] = []  # single-word wildcards: (prefix, index)
        self._lengths: dict[str, list[int]] = {}  # first word -> entry lengths, longest first
        self._gaps: dict[int, tuple[str, ...]] = {}
        # the first two words of the entries of two or more words, and the first words of
        # two-word wildcards ("impose tariff*"), whose second word is only a prefix
        self._pairs: set[tuple[str, ...]] = set()
        self._loose_pairs: set[str] = set()
        for index, raw in enumerate(self.entries):
            entry = raw.strip().lower().replace("’", "'")
            wildcard = entry.endswith("*")
            entry = entry.rstrip("*").strip()
            found = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(entry)]
            if not found:
                continue
            words = tuple(w for _, _, w in found)
            gaps = tuple(entry[found[k][1] : found[k + 1][0]] for k in range(len(found) - 1))
            self._gaps.setdefault(index, gaps)
            if wildcard and len(words) == 1:
                self._wild1.append((words[0], index))
                continue
            if wildcard:
                self._wild.setdefault(words[:-1], []).append((words[-1], index))
            else:
                self._exact.setdefault(words, index)
            lengths = self._lengths.setdefault(words[0], [])
            if len(words) not in lengths:
                lengths.append(len(words))
                lengths.sort(reverse=True)
            if wildcard and len(words) == 2:
                self._loose_pairs.add(words[0])
            elif len(words) >= 2:
                self._pairs.add(words[:2])
        self._firsts: frozenset[str] = frozenset(self._lengths)
        # one-word entries (their first index), and the words that start longer entries
        self._single: dict[str, int] = {w[0]: i for w, i in self._exact.items() if len(w) == 1}
        self._multi: frozenset[str] = frozenset(w for w, n in self._lengths.items() if n[0] > 1)
        # the second words of the entries of two or more words, by first word: ``_pairs``
        # without building a pair to look up
        seconds: dict[str, set[str]] = {}
        for first, second in self._pairs:
            seconds.setdefault(first, set()).add(second)
        self._seconds: dict[str, frozenset[str]] = {
            w: frozenset(found) for w, found in seconds.items()
        }
        # the first words that start entries of two or more words only (no one-word entry,
        # no two-word wildcard), with their second words: such a word starts no match in a
        # text that has none of its second words ("the" of "the sanctions")
        self._only_multi: dict[str, frozenset[str]] = {
            w: found
            for w, found in self._seconds.items()
            if w not in self._single and w not in self._loose_pairs
        }
        # whether there is any entry to match: ``bool(matcher)``, as an attribute for the hot
        # paths (an attribute costs no call)
        self.nonempty = bool(self._exact or self._wild or self._wild1)

    def __bool__(self) -> bool:
        return self.nonempty

    @property
    def first_words(self) -> frozenset[str] | None:
        """The words an entry can start with; None when a one-word entry ends in ``*`` (it
        can start with any word that has its prefix)."""
        return None if self._wild1 else self._firsts

    def _gaps_ok(
        self, text: str, toks: Sequence[tuple[int, int, str]], i: int, n: int, index: int
    ) -> bool:
        gaps = self._gaps[index]
        for k in range(n - 1):
            gap = text[toks[i + k][1] : toks[i + k + 1][0]]
            want = gaps[k]
            if gap == want:
                continue
            if not (_SOFT_GAP.fullmatch(gap) and _SOFT_GAP.fullmatch(want)):
                return False
        return True

    def _at(self, text: str, toks: Sequence[tuple[int, int, str]], i: int) -> tuple[int, int]:
        """(length, entry index) of the longest entry starting at token ``i``, or (0, -1)."""
        word = toks[i][2]
        lengths = self._lengths.get(word, ())
        if (
            len(lengths) > 0
            and lengths[0] > 1
            and i + 1 < len(toks)
            and (word, toks[i + 1][2]) not in self._pairs
            and word not in self._loose_pairs
        ):
            # no entry of two or more words starts with these two words: one-word entries only
            lengths = lengths[-1:] if lengths[-1] == 1 else ()
        for n in lengths:
            if n == 1:  # one word: no gaps to check
                index = self._exact.get((word,))
                if index is not None:
                    return 1, index
                key: tuple[str, ...] = (word,)
            else:
                if i + n > len(toks):
                    continue
                key = tuple([t[2] for t in toks[i : i + n]])
                index = self._exact.get(key)
                if index is not None and self._gaps_ok(text, toks, i, n, index):
                    return n, index
            for prefix, windex in self._wild.get(key[:-1], ()):
                if key[-1].startswith(prefix) and self._gaps_ok(text, toks, i, n, windex):
                    return n, windex
        for prefix, windex in self._wild1:
            if word.startswith(prefix):
                return 1, windex
        return 0, -1

    def find(
        self, text: str, toks: Sequence[tuple[int, int, str]] | None = None
    ) -> list[tuple[int, int, int]]:
        """Non-overlapping ``(start, end, entry index)`` matches, left to right, longest first.

        ``toks`` (the text's tokens) is for a piece of text that is not worth caching;
        without it the text's tokens and word positions come from a cache.
        """
        out: list[tuple[int, int, int]] = []
        if toks is None:
            toks, words, in_order = _index(text)
            if self._wild1:
                candidates: Iterable[int] = range(len(toks))
            else:
                common = self._firsts & words
                if not common:
                    return out
                only_multi = self._only_multi
                if not only_multi.keys().isdisjoint(common):
                    common = frozenset(
                        w
                        for w in common
                        if w not in only_multi or not only_multi[w].isdisjoint(words)
                    )
                    if not common:
                        return out
                # the positions of the words that start an entry, in order (no Python loop)
                candidates = itertools.compress(
                    itertools.count(), map(common.__contains__, in_order)
                )
        else:
            candidates = range(len(toks))
        after = 0
        last = len(toks) - 1
        multi = self._multi
        seconds = self._seconds.get
        loose = self._loose_pairs
        single = self._single
        for i in candidates:
            if i < after:
                continue
            word = toks[i][2]
            if (
                word in multi
                and i < last
                and (word in loose or toks[i + 1][2] in seconds(word, _NO_WORDS))
            ):
                n, index = self._at(text, toks, i)
                if not n:
                    continue
            else:
                # no entry of two or more words can start here: a one-word entry or none
                index = single.get(word, -1)
                if index >= 0:
                    n = 1
                elif self._wild1:
                    n, index = self._at(text, toks, i)
                    if not n:
                        continue
                else:
                    continue
            out.append((toks[i][0], toks[i + n - 1][1], index))
            after = i + n
        return out


@lru_cache(maxsize=4096)
def phrase_matcher(entries: tuple[str, ...]) -> PhraseMatcher:
    """A cached :class:`PhraseMatcher` of ``entries``."""
    return PhraseMatcher(entries)


@dataclass(frozen=True)
class _Matcher:
    terms: PhraseMatcher
    exclusions: PhraseMatcher
    references: PhraseMatcher


@lru_cache(maxsize=256)
def _matcher(topic: Topic) -> _Matcher:
    return _Matcher(
        terms=phrase_matcher(topic.terms + topic.phrases),
        exclusions=phrase_matcher(topic.exclusions),
        references=phrase_matcher(topic.references),
    )


@lru_cache(maxsize=256)
def _term_firsts(matchers: tuple[_Matcher, ...]) -> frozenset[str] | None:
    """The words a term of any of ``matchers`` can start with (None: some term can start
    with any word); a sentence with none of them names no topic directly."""
    firsts: frozenset[str] = frozenset()
    for matcher in matchers:
        words = matcher.terms.first_words
        if words is None:
            return None
        firsts |= words
    return firsts


def _direct_terms(text: str, matcher: _Matcher) -> tuple[str, ...]:
    if not matcher.terms.nonempty:
        return ()
    found = matcher.terms.find(text)
    if not found:
        return ()
    if matcher.exclusions.nonempty:
        blocked = [(s, e) for s, e, _ in matcher.exclusions.find(text)]
        if blocked:
            found = [f for f in found if not any(f[0] < e and s < f[1] for s, e in blocked)]
    seen: dict[str, None] = {}
    for start, end, _ in found:
        seen.setdefault(text[start:end], None)
    return tuple(seen)


def _term_spans(text: str, matchers: Sequence[_Matcher]) -> list[tuple[int, int]]:
    """``(start, end)`` of each term of ``matchers`` found in ``text``."""
    return [(start, end) for m in matchers for start, end, _ in m.terms.find(text)]


def _modifies(text: str, ref: tuple[int, int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the one-word reference at ``ref`` stands right before a term span."""
    if _SOFT_GAP.search(text, ref[0], ref[1]):
        return False
    return any(ref[1] < start and not text[ref[1] : start].strip() for start, _ in spans)


_Setup = tuple[
    list[tuple[Topic, _Matcher]],  # each topic with its matchers
    list[tuple[Topic, _Matcher]],  # the topics that have references
    frozenset[str] | None,  # _term_firsts of all the matchers
    list[tuple[Topic, _Matcher, frozenset[str] | None]],  # with their terms' first words
    dict[str, int],  # topic name -> place in the list
]
# the set-up of the topic lists detect_topics has seen lately, by the identity of their topics
# (hashing a topic hashes all its terms: too slow to do for every article)
_SETUPS: dict[tuple[int, ...], tuple[tuple[Topic, ...], _Setup]] = {}


def _setup(topics: Sequence[Topic]) -> _Setup:
    """The matchers and tables :func:`detect_topics` needs for ``topics``."""
    key = tuple(map(id, topics))
    known = _SETUPS.get(key)
    if known is not None and all(a is b for a, b in zip(known[0], topics, strict=True)):
        return known[1]
    matchers = [(t, _matcher(t)) for t in topics]
    setup: _Setup = (
        matchers,
        [(t, m) for t, m in matchers if m.references.nonempty],
        _term_firsts(tuple(m for _, m in matchers)),
        [(t, m, m.terms.first_words) for t, m in matchers],
        {t.name: k for k, t in enumerate(topics)},
    )
    if len(_SETUPS) >= 16:
        _SETUPS.clear()
    _SETUPS[key] = (tuple(topics), setup)  # the topics held: their ids stay theirs
    return setup


def detect_topics(
    sentences: Sequence[Sentence],
    topics: Sequence[Topic],
    *,
    carry_pronouns: Sequence[str] | None = None,
    paragraph_carry: bool = True,
) -> list[tuple[TopicMatch, ...]]:
    """The topics present in each sentence, aligned with ``sentences``.

    Direct matches hold the matched surface strings in ``terms``. Carried matches
    (``carried=True``) hold the reference phrase or pronoun that carried the topic.
    ``carry_pronouns`` defaults to the list in the default topic file; pass ``()`` to carry
    topics over by reference phrases only. With ``paragraph_carry`` (the default) a topic
    named in a sentence also holds for the next three sentences of its paragraph: news
    paragraphs stay on one subject, and their later sentences often refer to it only
    implicitly. A sentence
    that names a topic of its own has moved on and inherits nothing from its paragraph.
    """
    if isinstance(sentences, (str, bytes)):
        raise TypeError("a sequence of Sentence records expected, got a string")
    pronouns = frozenset(
        p.lower() for p in (default_carry_pronouns() if carry_pronouns is None else carry_pronouns)
    )
    matchers, with_references, firsts, with_firsts, order = _setup(topics)
    results: list[tuple[TopicMatch, ...]] = []
    named: list[frozenset[str]] = []  # per sentence, the topics it names (not carried)
    mentions: dict[str, int] = {}  # topic -> how many sentences before sentence i name it
    frequent: set[str] = set()  # the topics named in two or more sentences before sentence i
    for i, sentence in enumerate(sentences):
        text = sentence.text
        found: dict[str, TopicMatch] = {}
        present = None if firsts is None else firsts.intersection(_index(text)[1])
        for topic, matcher, words in with_firsts:
            if present is not None and words is not None and words.isdisjoint(present):
                continue  # none of its terms starts with a word of the sentence
            terms = _direct_terms(text, matcher)
            if terms:
                found[topic.name] = TopicMatch(topic=topic.name, terms=terms)
        named.append(frozenset(found))
        # A reference reaches the topics named (not carried: a reference does not reach
        # through another reference) up to _REFERENCE_WINDOW sentences back, across
        # paragraph breaks (news paragraphs are often one or two sentences long).
        nearby = frozenset().union(*named[max(0, i - _REFERENCE_WINDOW) : i])
        # A reference of several words ("the package", "the curbs") reaches further, to a
        # subject of the article: a topic named in at least two earlier sentences; a
        # one-word reference reaches a topic named in _SUBJECT_MENTIONS earlier sentences.
        if i:
            for name in named[i - 1]:
                mentions[name] = count = mentions.get(name, 0) + 1
                if count == 2:
                    frequent.add(name)
        for topic, matcher in with_references:
            if topic.name in found or (topic.name not in nearby and topic.name not in frequent):
                continue
            refs = matcher.references.find(text)
            if topic.name not in nearby and mentions.get(topic.name, 0) < _SUBJECT_MENTIONS:
                refs = [r for r in refs if _SOFT_GAP.search(text, r[0], r[1])]
            if refs and named[i]:
                # a word right before another topic's term modifies that term ("economic"
                # in "economic sanctions"): it refers to nothing earlier
                spans = _term_spans(text, [m for t, m in matchers if t.name in named[i]])
                refs = [r for r in refs if not _modifies(text, r, spans)]
            if refs:
                found[topic.name] = TopicMatch(
                    topic=topic.name, terms=(text[refs[0][0] : refs[0][1]],), carried=True
                )
        if pronouns and i > 0 and not sentence.headline:
            first = _FIRST_WORD.match(text)
            previous = sentences[i - 1]
            if (
                first is not None
                and first.group(1).lower() in pronouns
                and previous.paragraph == sentence.paragraph
                and not previous.headline
            ):
                for match in results[i - 1]:
                    if match.topic not in found:
                        found[match.topic] = TopicMatch(
                            topic=match.topic, terms=(first.group(1),), carried=True
                        )
        if paragraph_carry and not found:
            j = i - 1
            while (
                j >= max(0, i - _PARAGRAPH_WINDOW)
                and sentences[j].paragraph == sentence.paragraph
                and not sentence.headline
            ):
                for match in results[j]:
                    if match.topic not in found and not match.carried:
                        found[match.topic] = TopicMatch(
                            topic=match.topic, terms=match.terms[:1], carried=True
                        )
                j -= 1
        if len(found) > 1:
            results.append(tuple(sorted(found.values(), key=lambda m: order[m.topic])))
        else:
            results.append(tuple(found.values()))
    return results
