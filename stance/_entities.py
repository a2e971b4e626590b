"""Speaker word lists (``stance/data/speakers/``), tokens and noun phrases for attribution.

Each file is validated when first read; a bad line raises :class:`~stance.types.InputError`
naming ``file:line`` and what is wrong. Everything is built once (``lru_cache``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .types import InputError

__all__ = ["SpeakerLexicon", "lexicon"]

_FRAMES = frozenset({"subj", "inv", "prep", "head", "clause", "doc", "plural", "modal"})
_GENDERS = frozenset({"m", "f", "n", "any"})
_NUMBERS = frozenset({"sg", "pl"})
_ORG_KINDS = frozenset({"org", "media"})


@dataclass(frozen=True)
class Title:
    role: str | None
    classes: frozenset[str]


@dataclass(frozen=True)
class SpeakerLexicon:
    cue_frames: dict[str, frozenset[str]]  # lower-case cue form -> frames
    # first word of the cue forms -> their lengths in words, longest first
    cue_sizes: dict[str, tuple[int, ...]]
    noncue_re: re.Pattern[str]
    titles: dict[str, Title]  # lower-case title -> Title
    max_title_words: int
    title_first_words: frozenset[str]  # first words of the titles (lower case)
    title_last_words: frozenset[str]  # last words of the titles (lower case)
    modifiers: frozenset[str]
    nationalities: dict[str, str]  # adjective as written -> country
    nationalities_lower: dict[str, str]
    places: frozenset[str]  # lower case
    pronouns: dict[str, tuple[str, str]]  # pronoun -> (gender, number)
    function_words: frozenset[str]
    collectives: frozenset[str]
    organisations: dict[str, str]  # lower-case head -> kind
    documents: frozenset[str]
    connectors: frozenset[str]
    noncue_first_words: tuple[str, ...] = ()  # lower-case first words of the noncue phrases
    noncue_first_set: frozenset[str] = frozenset()
    # function words that are no title or modifier (a capitalised one ends a name)
    cap_function_words: frozenset[str] = frozenset()
    # lower-case words a speaker's noun phrase may hold (titles, modifiers, heads, …)
    np_lower_words: frozenset[str] = frozenset()
    # first two words of each noncue phrase; None when some phrase is a single word
    noncue_first_pairs: frozenset[tuple[str, str]] | None = None


def _rows(name: str) -> Iterator[tuple[int, str]]:
    path = files("stance") / "data" / "speakers" / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"stance/data/speakers/{name}", f"cannot read the word list: {exc}"
        ) from exc
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield lineno, line


def _fail(name: str, line: int, reason: str) -> InputError:
    return InputError(f"stance/data/speakers/{name}", reason, line)


def _fields(name: str, lineno: int, line: str, n: int) -> list[str]:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != n:
        raise _fail(name, lineno, f"expected {n} fields separated by '|', found {len(parts)}")
    if not parts[0]:
        raise _fail(name, lineno, "the first field is empty")
    return parts


def _words(name: str) -> frozenset[str]:
    out: set[str] = set()
    for lineno, line in _rows(name):
        if "|" in line:
            raise _fail(name, lineno, f"expected one entry a line, found '|' in {line!r}")
        key = line.lower()
        if key in out:
            raise _fail(name, lineno, f"duplicate entry {line!r}")
        out.add(key)
    return frozenset(out)


def _cues() -> dict[str, frozenset[str]]:
    name = "verbs.txt"
    out: dict[str, frozenset[str]] = {}
    for lineno, line in _rows(name):
        forms_text, frames_text = _fields(name, lineno, line, 2)
        frames = frozenset(frames_text.split())
        bad = frames - _FRAMES
        if not frames or bad:
            raise _fail(
                name, lineno, f"frames must be among {sorted(_FRAMES)}, found {frames_text!r}"
            )
        for form in (f.replace("_", " ") for f in forms_text.lower().split()):
            if form in out:
                raise _fail(name, lineno, f"cue form {form!r} is listed twice")
            out[form] = frames
    return out


def _titles() -> dict[str, Title]:
    name = "titles.txt"
    out: dict[str, Title] = {}
    for lineno, line in _rows(name):
        title, role, classes = _fields(name, lineno, line, 3)
        key = title.lower()
        if key in out:
            raise _fail(name, lineno, f"duplicate title {title!r}")
        out[key] = Title(
            role or None, frozenset(c.strip() for c in classes.split(",") if c.strip())
        )
    return out


def _pairs(name: str, allowed: frozenset[str] | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    for lineno, line in _rows(name):
        key, value = _fields(name, lineno, line, 2)
        if not value:
            raise _fail(name, lineno, "the second field is empty")
        if allowed is not None and value not in allowed:
            raise _fail(name, lineno, f"expected one of {sorted(allowed)}, found {value!r}")
        if key in out:
            raise _fail(name, lineno, f"duplicate entry {key!r}")
        out[key] = value
    return out


def _pronouns() -> dict[str, tuple[str, str]]:
    name = "pronouns.txt"
    out: dict[str, tuple[str, str]] = {}
    for lineno, line in _rows(name):
        word, gender, number = _fields(name, lineno, line, 3)
        if gender not in _GENDERS:
            raise _fail(name, lineno, f"gender must be one of {sorted(_GENDERS)}, found {gender!r}")
        if number not in _NUMBERS:
            raise _fail(name, lineno, f"number must be one of {sorted(_NUMBERS)}, found {number!r}")
        out[word.lower()] = (gender, number)
    return out


def _cue_sizes(cues: dict[str, frozenset[str]]) -> dict[str, tuple[int, ...]]:
    """First word of each cue form -> the forms' lengths in words, longest first."""
    sizes: dict[str, set[int]] = {}
    for c in cues:
        words = c.split(" ")
        sizes.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(found, reverse=True)) for w, found in sizes.items()}


def _alternation(forms: list[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)


@lru_cache(maxsize=1)
def lexicon() -> SpeakerLexicon:
    """All speaker word lists, validated and compiled once."""
    cues = _cues()
    noncues = sorted(_words("noncues.txt"))
    titles = _titles()
    nationalities = _pairs("nationalities.txt")
    function_words = _words("function_words.txt")
    modifiers = _words("modifiers.txt")
    collectives = _words("collectives.txt")
    organisations = _pairs("organisations.txt", _ORG_KINDS)
    documents = _words("documents.txt")
    connectors = _words("connectors.txt")
    return SpeakerLexicon(
        cue_frames=cues,
        cue_sizes=_cue_sizes(cues),
        noncue_re=re.compile(rf"(?<![\w-])(?:{_alternation(noncues)})(?![\w-])", re.I),
        titles=titles,
        max_title_words=max(len(t.split()) for t in titles),
        title_first_words=frozenset(t.split(" ")[0] for t in titles),
        title_last_words=frozenset(t.split(" ")[-1] for t in titles),
        modifiers=modifiers,
        nationalities=nationalities,
        nationalities_lower={k.lower(): v for k, v in nationalities.items()},
        places=_words("places.txt"),
        pronouns=_pronouns(),
        function_words=function_words,
        collectives=collectives,
        organisations=organisations,
        documents=documents,
        connectors=connectors,
        noncue_first_words=tuple(sorted({n.split()[0] for n in noncues})),
        noncue_first_set=frozenset(n.split()[0] for n in noncues),
        cap_function_words=function_words - set(titles) - modifiers,
        np_lower_words=frozenset(titles).union(
            modifiers, collectives, organisations, documents, connectors
        ),
        noncue_first_pairs=(
            frozenset((n.split()[0], n.split()[1]) for n in noncues)
            if all(len(n.split()) > 1 for n in noncues)
            else None
        ),
    )


_WORD_CLASSES: tuple[str, ...] = (
    "determiners",
    "indefinite",
    "quantifiers",
    "definite",
    "possessive_determiners",
    "male_possessive",
    "female_possessive",
    "number_two",
    "number_three",
    "number_four",
    "number_five",
    "noun_before",
    "skip_left",
    "modals",
    "clause_verbs",
    "passive",
    "coordinators",
    "contrast",
    "new_clause",
    "intro",
    "time_lead",
    "subordinators",
    "first_person",
    "non_third_person",
    "relative",
    "document_owner_prepositions",
    "clause_openers",
    "apposition_openers",
    "surname_months",
    "name_prefixes",
    "abbreviations",
    "parenthetical_adverbs",
    "postmodifier_prepositions",
    "owner_prepositions",
    "proportions",
    "source_postmodifiers",
    "partitives",
    "question_participles",
    "statistics",
    "narration_verbs",
    "stance_adjectives",
    "degree_words",
    "act_before_number",
    "membership",
    "membership_with_of",
    "issued_by",
    "plural_cue_nouns",
    "relative_clause_words",
    "question_labels",
    "answer_labels",
    "section_labels",
    "post_nominals",
    "title_place_links",
    "opinion_labels",
    "representative_classes",
    "subject_leads",
    "asked_participles",
    "outside_roles",
    "self_speaking_documents",
    "viewing_participles",
    "reporting_subordinators",
    "reported_results",
    "authoring_participles",
    "company_heads",
    "spending_verbs",
    "background_verbs",
    "background_links",
    "outlet_words",
    "talk_verbs",
    "evidence_documents",
    "court_words",
    "testimony_cues",
)


@lru_cache(maxsize=1)
def word_classes() -> dict[str, frozenset[str]]:
    """Closed word classes (``word_classes.txt``): class name -> lower-case words."""
    name = "word_classes.txt"
    out: dict[str, frozenset[str]] = {}
    for lineno, line in _rows(name):
        cls, words = _fields(name, lineno, line, 2)
        if cls not in _WORD_CLASSES:
            raise _fail(name, lineno, f"unknown class {cls!r}; expected one of {_WORD_CLASSES}")
        if cls in out:
            raise _fail(name, lineno, f"class {cls!r} is listed twice")
        if not words.split():
            raise _fail(name, lineno, f"class {cls!r} has no words")
        out[cls] = frozenset(w.lower() for w in words.split())
    missing = [c for c in _WORD_CLASSES if c not in out]
    if missing:
        raise InputError(f"stance/data/speakers/{name}", f"missing classes: {', '.join(missing)}")
    return out


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Words that make an opening phrase a time setting (``time_words.txt``)."""
    return _words("time_words.txt")
