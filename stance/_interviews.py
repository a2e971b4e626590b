"""Interviews in question-and-answer form.

A news interview is often published as a transcript: an introduction that names the
interviewee and the interviewer ("The minister spoke to our correspondent Jane Roe …",
"X was interviewed by Y"), perhaps an editor's note ("This interview has been edited for
length and clarity."), then paragraphs that open with a label: ``Q:`` / ``A:``, ``Q.`` /
``A.``, ``Question:`` / ``Answer:``, the outlet's name (``The Ledger: …``) or a speaker's
surname (``Holm: …``, ``HOLM: …``).

:func:`find_interview` finds the labels and reads the introduction; :class:`InterviewReader`
gives each sentence of the transcript its speaker while ``speakers.attribute`` reads the
article: a question (and the rest of its paragraph) is the interviewer's, an answer the
interviewee's, a surname label that person's, a quotation of someone else inside a question
or an answer the words of whoever asks or answers (a nested quote belongs to the outer
speaker), and the introduction's account of the interview and editor's notes are narration.
Sentences the transcript does not govern are left to the ordinary rules.

Word lists: ``stance/data/speakers/interviews.txt``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from . import _entities
from ._coref import Entity, Mention, Registry
from ._entities import lexicon, word_classes
from .types import InputError, Sentence

_FILE = "interviews.txt"
_CLASSES = (
    "interviewer_after",
    "interviewee_after",
    "reporting_phrases",
    "journalist_words",
    "outlet_words",
    "note_openers",
    "interview_words",
    "second_person",
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# the labels of questions and answers ("Q:", "A:"), shared with the rest of attribution
_W_QUESTIONS = word_classes()["question_labels"]
_W_ANSWERS = word_classes()["answer_labels"]
# a capitalised word of a name ("Brandt", "O'Neill", "Rønning-Eide", "U.S.")
_CAP_WORD = r"[A-Z][\w’'.&\-]*"
_WORD = re.compile(r"[\w’'\-]+")
_INTRO_PARAGRAPHS = 4  # how many paragraphs before the first label the introduction holds
_GLUED_Q = re.compile(r"^\s*Q(?=[A-Z][a-z’'])")
# "Holm: …", "The Ledger: …", "SOLVANG: …": a label of a name at a paragraph's start
_NAME_LABEL = re.compile(rf"^\s*((?:The\s)?{_CAP_WORD}(?:\s{_CAP_WORD}){{0,3}}):\s")


@lru_cache(maxsize=1)
def interview_words() -> dict[str, tuple[str, ...]]:
    """The phrase classes of ``interviews.txt``: class name -> lower-case phrases, the
    longest first (so "was interviewed by" is read before "interviewed"). Read like the other
    word lists of ``stance/data/speakers`` (``_entities``), with commas between phrases."""
    out: dict[str, tuple[str, ...]] = {}
    for lineno, line in _entities._rows(_FILE):
        cls, phrases = _entities._fields(_FILE, lineno, line, 2)
        if cls not in _CLASSES:
            raise _entities._fail(
                _FILE, lineno, f"unknown class {cls!r}; expected one of {_CLASSES}"
            )
        if cls in out:
            raise _entities._fail(_FILE, lineno, f"class {cls!r} is listed twice")
        items = [p.strip().lower().translate(_APOSTROPHES) for p in phrases.split(",")]
        if not all(items):
            raise _entities._fail(_FILE, lineno, f"class {cls!r} has an empty phrase")
        out[cls] = tuple(sorted(set(items), key=lambda p: (-len(p), p)))
    missing = [c for c in _CLASSES if c not in out]
    if missing:
        raise InputError(f"stance/data/speakers/{_FILE}", f"missing classes: {', '.join(missing)}")
    return out


def _by_length(words: frozenset[str]) -> list[str]:
    return sorted(words, key=lambda p: (-len(p), p))


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p).replace("'", "['’]").replace(r"\ ", r"\s+") for p in phrases)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The label of a question or answer, an introduction's phrase, a note's opening."""
    w = interview_words()
    label = re.compile(
        r"^\s*(?:\*\*)?("
        + _alternation(_by_length(_W_QUESTIONS | _W_ANSWERS))
        + r")(?:\*\*)?\s*(?::|\.(?=\s|$)|\s[-–—](?=\s))(?:\*\*)?\s*",
        re.IGNORECASE,
    )
    phrases = sorted(w["interviewer_after"] + w["interviewee_after"], key=lambda p: (-len(p), p))
    intro = re.compile(r"(?<![\w’'])(" + _alternation(phrases) + r")(?![\w’'])", re.IGNORECASE)
    note = re.compile(r"^\s*(?:" + _alternation(w["note_openers"]) + r")", re.IGNORECASE)
    return label, intro, note


Kind = Literal["question", "answer", "name", "note"]


@dataclass(frozen=True)
class Turn:
    """What opens a paragraph of the transcript: a question or answer label, a name label
    (``label``: the name as written), or an editor's note."""

    kind: Kind
    label: str = ""


@dataclass(frozen=True)
class Party:
    """One side of the interview as the introduction gives it: a name as written, an
    unnamed description ("correspondent"), or the outlet ("The Ledger", ``outlet``)."""

    name: tuple[str, ...] = ()
    description: str = ""
    outlet: bool = False
    owner: str = ""  # the outlet a journalist is named with ("The Ledger's Jane Roe")


@dataclass(frozen=True)
class Intro:
    """An introduction's sentence that tells who interviewed whom: the parties named after
    its phrase are the interviewers or else the interviewees (none parsed: the person named
    after the phrase); the other side is the sentence's subject.
    ``reporting``: the sentence also reports what the interviewee said ("X told The Ledger
    that …"); otherwise it only tells of the interview and is narration."""

    sentence: int
    interviewers: tuple[Party, ...]
    interviewees: tuple[Party, ...]
    reporting: bool
    at: int = 0  # where the phrase starts in the sentence


@dataclass(frozen=True)
class Interview:
    """A transcript: its labelled paragraphs (``turns``: the opening sentence's index ->
    the turn), the first and last labelled sentence, and what the introduction says."""

    turns: dict[int, Turn]
    first: int
    last: int
    intros: tuple[Intro, ...] = ()


def label_of(text: str) -> tuple[Kind, str] | None:
    """A question or answer label at the start of ``text``: its kind and the label as
    written."""
    hit = _patterns()[0].match(text)
    if hit is None:
        return None
    word = hit.group(1).lower()
    kind: Kind = "question" if word in _W_QUESTIONS else "answer"
    return kind, hit.group(1)


def find_interview(sentences: Sequence[Sentence]) -> Interview | None:
    """The question-and-answer transcript in an article, when its paragraphs open with
    question and answer labels (at least one of each, or questions and name labels), or with
    the outlet's name and the interviewee's name; None otherwise (a transcript labelled with
    names alone is left to the ordinary rules)."""
    openers: list[Sentence] = []
    paragraph = -1
    for s in sentences:
        if s.paragraph != paragraph:
            paragraph = s.paragraph
            if not s.headline:
                openers.append(s)
    qa: dict[int, Turn] = {}
    names: dict[int, str] = {}
    counts: Counter[str] = Counter()
    for s in openers:
        found = label_of(s.text)
        if found is not None:
            qa[s.index] = Turn(found[0], found[1])
            continue
        hit = _NAME_LABEL.match(s.text)
        if hit is not None and not _patterns()[2].match(s.text):
            names[s.index] = hit.group(1)
            counts[hit.group(1)] += 1
    kinds = {t.kind for t in qa.values()}
    if kinds == {"answer"}:
        # "QWhy did you stay?": a question label glued to its text (its bold type lost)
        for s in openers:
            if s.index not in qa and _GLUED_Q.match(s.text):
                qa[s.index] = Turn("question", "Q")
                names.pop(s.index, None)
        kinds = {t.kind for t in qa.values()}
    repeated = {k for k, n in counts.items() if n >= 2}
    outlets = {k for k in repeated if k.startswith("The ")}
    labels_only = not (
        {"question", "answer"} <= kinds
        or ("question" in kinds and repeated)
        or (outlets and repeated - outlets)
    )
    if labels_only and (qa or len(repeated) < 2):
        return None
    turns = dict(qa)
    for idx, label in names.items():
        turns[idx] = Turn("name", label)  # "Tamm: …" (a person's, or else no label at all)
    first, last = min(turns), max(turns)
    note = _patterns()[2]
    for s in openers:
        if s.index not in turns and note.match(s.text):
            turns[s.index] = Turn("note")
    # the introduction: the paragraphs right before the first label
    near = sentences[first].paragraph - _INTRO_PARAGRAPHS
    intros = tuple(
        intro
        for s in sentences
        if s.index < first and s.paragraph >= near and not s.headline
        for intro in [read_intro(s)]
        if intro is not None
    )
    if labels_only and not any(_asks_by_label(x, repeated) for x in intros):
        return None  # names alone, and none of them the interviewer the introduction names
    if not intros and not _conversation(sentences, turns, first):
        return None  # an explainer's questions and answers: the journalist's own
    return Interview(turns, first, last, intros)


def _asks_by_label(intro: Intro, labels: set[str]) -> bool:
    """Whether a label names the interviewer or the outlet of an introduction's sentence
    ("Gazette: …" after "Gazette reporter Omar Haddad", "HADDAD: …")."""
    keys = {label.lower() for label in labels}
    for p in intro.interviewers:
        if p.owner.lower() in keys or (p.name and p.name[-1].lower() in keys):
            return True
        if p.name and " ".join(p.name).lower() in keys:
            return True
    return False


def _conversation(sentences: Sequence[Sentence], turns: dict[int, Turn], first: int) -> bool:
    """Whether labelled questions and answers are an interview: the text before them speaks
    of one, or a question is put to "you"."""
    w = interview_words()
    before = " ".join(s.text for s in sentences[:first])
    if re.search(
        r"(?<![\w&])(?:" + _alternation(w["interview_words"]) + r")(?![\w&])", before, re.I
    ):
        return True
    you = re.compile(r"(?<![\w’'])(?:" + _alternation(w["second_person"]) + r")(?![\w’'])", re.I)
    return any(
        t.kind == "question" and you.search(sentences[i].text) is not None for i, t in turns.items()
    )


def read_intro(s: Sentence) -> Intro | None:
    """Who interviewed whom, from one sentence of the introduction, or None."""
    hit = _patterns()[1].search(s.text)
    if hit is None:
        return None
    phrase = re.sub(r"\s+", " ", hit.group(1).lower().translate(_APOSTROPHES))
    w = interview_words()
    parties = _parties_after(s.text[hit.end() :])
    if not parties and phrase in w["interviewer_after"]:
        return None
    before = s.text[: hit.start()].lower().translate(_APOSTROPHES)
    journalist_before = any(
        re.search(rf"(?<![\w']){re.escape(j)}(?![\w'])", before) for j in w["journalist_words"]
    )
    reporting = phrase in w["reporting_phrases"]
    if phrase in w["interviewer_after"]:
        if journalist_before and not any(p.outlet or p.description for p in parties):
            # "Our correspondent Jane Roe sat down with the minister": the other way round
            return Intro(s.index, (), parties, reporting, hit.start())
        return Intro(s.index, parties, (), reporting, hit.start())
    if any(p.outlet for p in parties):
        return None
    # "Jane Roe interviewed the harbour master, Ola Dahl": no party parsed here, the
    # reader takes the person named after the phrase
    return Intro(s.index, (), parties, reporting, hit.start())


def _parties_after(text: str) -> tuple[Party, ...]:
    """The parties named right after an introduction's phrase: "our correspondent Jane
    Roe", "Tom Ekdal of the Harbour Weekly", "The Ledger", "the Ledger's reporter", "us",
    "X senior writer Jane Roe and Y reporter Tom Lie"."""
    low = text.lower().translate(_APOSTROPHES).lstrip()
    for word in interview_words()["outlet_words"]:
        if re.match(rf"{re.escape(word)}(?![\w'])", low):
            return (Party(description=word, outlet=True),)
    words = re.findall(r"[\w’'.&\-]+|[^\w\s]", text)[:30]
    parties: list[Party] = []
    k = 0
    while k < len(words):
        party, k = _party_at(words, k)
        if party is None:
            break
        parties.append(party)
        if k < len(words) and words[k].lower() == "and":
            k += 1
            continue
        break
    return tuple(parties)


def _journalist_at(words: Sequence[str], k: int) -> str | None:
    """The journalist word (maybe of two words: "staff writer") at ``words[k]``."""
    for j in interview_words()["journalist_words"]:
        n = len(j.split())
        if " ".join(x.lower() for x in words[k : k + n]) == j:
            return j
    return None


def _described_next(words: Sequence[str], k: int) -> bool:
    """A journalist word within three lower-case words from ``words[k]`` ("senior writer")."""
    for n in range(k, min(k + 3, len(words))):
        if _journalist_at(words, n) is not None:
            return True
        if not (words[n].isalpha() and words[n].islower()):
            return False
    return False


def _cap_run(words: Sequence[str], k: int) -> int:
    """The end of the run of capitalised words (names' lower-case links inside) at ``k``."""
    while k < len(words) and (
        words[k][:1].isupper()
        or (words[k] in _name_links() and k + 1 < len(words) and words[k + 1][:1].isupper())
    ):
        k += 1
    return k


def _party_at(words: Sequence[str], k: int) -> tuple[Party | None, int]:
    """One party at ``words[k]`` and where it ends."""
    start = k
    owner = ""
    description = ""
    led_by_the = False
    while k < len(words):
        word = words[k]
        if word.lower() in word_classes()["determiners"] and k == start:
            led_by_the = word.lower() == "the"
            k += 1
            continue
        if word[:1].isupper():
            end = _cap_run(words, k)
            run = list(words[k:end])
            if len(run[-1]) > 2 and run[-1].endswith(".") and "." not in run[-1][:-1]:
                run[-1] = run[-1][:-1]  # the sentence's full stop, not an initial's
            if not description and re.search(r"['’]s?$", run[-1]) and end < len(words):
                # "The Ledger's reporter …": the outlet owns the one named next
                owner = " ".join([*run[:-1], re.sub(r"['’]s?$", "", run[-1])])
                k = end
                continue
            if not description and _described_next(words, end):
                owner = " ".join(run)  # "POLITICO senior writer Jane Roe"
                k = end
                continue
            if description or not owner:
                outlet = (led_by_the or run[0] == "The") and not description
                return Party(tuple(run), description, outlet, owner), end
            return None, k
        journalist = _journalist_at(words, k)
        if journalist is not None:
            description = journalist
            k += len(journalist.split())
            continue
        if word.isalpha() and word.islower() and not description and k - start < 4:
            k += 1  # "our Ankara correspondent", "senior writer": words before the role
            continue
        break
    if description:
        return Party(description=description, owner=owner), k
    return None, k


# ---------------------------------------------------------------------------------------
# reading the transcript


@dataclass
class InterviewReader:
    """Gives the sentences of one article's transcript their speakers, in reading order
    (``speakers.attribute`` asks for each sentence after reading its cues)."""

    interview: Interview
    reg: Registry
    interviewer: list[Entity] = field(default_factory=list)
    interviewee: list[Entity] = field(default_factory=list)
    outlet: list[Entity] = field(default_factory=list)
    _current: list[Entity] = field(default_factory=list)
    _current_kind: str = ""
    _paragraph: int = -1
    _described: set[str] = field(default_factory=set)  # titles the introduction gave
    _outlet_names: set[str] = field(default_factory=set)  # the interviewer's outlet

    def speakers(
        self,
        s: Sentence,
        name_label: Callable[[], list[Entity]],
        cued: Sequence[Entity] = (),
        subject: Sequence[Entity] = (),
        named: Sequence[tuple[int, int, Entity]] = (),
    ) -> tuple[list[Entity], str] | None:
        """The speakers of sentence ``s`` and how they were found ("direct": a label,
        "continuation": the rest of a labelled paragraph), ``([], "")`` for narration, or
        None when the ordinary rules decide. ``name_label``: the speaker of a name label by
        the ordinary rules ("Holm: …" → the article's Holm); ``cued``: the speakers the
        sentence's reporting cues give; ``subject``: the entity its main clause is about;
        ``named``: the entities it names, each with the span of its name."""
        iv = self.interview
        if s.headline:
            return None
        if s.index < iv.first:
            return self._intro(s, cued, subject, named)
        turn = iv.turns.get(s.index)
        if turn is not None:
            self._paragraph = s.paragraph
            if turn.kind == "note":
                self._current, self._current_kind = [], "note"
                return [], ""
            self._current, self._current_kind = self._turn_speakers(turn, s, name_label)
            if not self._current and self._current_kind == "question":
                return [], ""  # a question, and nobody known to ask it: narration
            return (list(self._current), "direct") if self._current else None
        if s.paragraph == self._paragraph:
            if self._current_kind == "note" or (
                not self._current and self._current_kind == "question"
            ):
                return [], ""
            return (list(self._current), "continuation") if self._current else None
        # a paragraph without a label: an answer running over several paragraphs, inside
        # the transcript or, in the first person, right after its last label
        self._paragraph = s.paragraph
        goes_on = s.index < iv.last or _first_person(s.text)
        if self._current and not cued and self._current_kind in {"answer", "name"} and goes_on:
            return list(self._current), "continuation"
        self._current, self._current_kind = [], ""
        return None

    def _intro(
        self,
        s: Sentence,
        cued: Sequence[Entity],
        subject: Sequence[Entity],
        named: Sequence[tuple[int, int, Entity]],
    ) -> tuple[list[Entity], str] | None:
        intro = next((x for x in self.interview.intros if x.sentence == s.index), None)
        if intro is None:
            if _patterns()[2].match(s.text):
                return [], ""  # "This interview has been edited for length and clarity."
            return None
        # the other side: the one named or referred to right before the phrase ("…,
        # Eirik Halvorsen, spoke to", "where he spoke with"), the main subject, the one the
        # cue gives ("…, Anna Koval told The Ledger"), the person named nearest before, or
        # the one named after
        people = [e for _, b, e in named if _personal(e) and _adjacent(s.text, b, intro.at)]
        if not people:
            people = self._pronoun_before(s, intro.at)
        if not people:
            people = [e for e in subject if _personal(e)]
        if not people:
            people = [e for e in cued if _personal(e)][:1]
        if not people:
            people = [e for a, _, e in named if a < intro.at and _personal(e)][-1:]
        if not people:
            people = [e for a, _, e in named if a >= intro.at and _personal(e)][:1]
        if intro.interviewers and not self.interviewer:
            self.interviewer = self._link(intro.interviewers, s.index)
            self._outlet_names = {p.owner.lower() for p in intro.interviewers if p.owner}
            if not self.interviewee:
                self.interviewee = [e for e in people if e not in self.interviewer]
                # "Norway's trade minister, Eirik Halvorsen, spoke to …": the titles that
                # describe the interviewee, for a headline that names them so
                titles = lexicon().title_last_words
                self._described = {
                    w for w in re.findall(r"[a-z\-]+", s.text[: intro.at]) if w in titles
                }
        if not intro.interviewers and not self.interviewee:
            self.interviewee = self._link(intro.interviewees, s.index)
            if not self.interviewee:
                after = [e for a, _, e in named if a > intro.at and _personal(e)]
                self.interviewee = after[:1]
            people = [e for e in people if e not in self.interviewee]
            if not self.interviewer:
                self.interviewer = [e for e in people if e not in self.interviewee]
        if self.interviewer and self.interviewer[0].kind in {"org", "media"}:
            self.outlet = list(self.interviewer)
        return None if intro.reporting else ([], "")

    def headline_speakers(self, s: Sentence) -> list[Entity]:
        """The interviewee, for a headline that quotes them and names them after the quote
        ("‘We will not retaliate’: Norway's trade minister on tariffs", "‘…’ — Halvorsen");
        a headline that only quotes names nobody and stays narration."""
        hit = _QUOTE_THEN_NAME.match(s.text)
        if hit is None:
            return []
        people = self.interviewee or self._answerer(self.interview.first)
        words = {w.lower() for w in re.findall(r"[\w\-]+", hit.group(1))}
        for e in people:
            keys = {f[-1].lower() for f in e.forms} | self._described
            if e.role:
                keys.add(e.role.split()[-1].lower())
            if keys & words:
                return list(people)
        return []

    def _pronoun_before(self, s: Sentence, at: int) -> list[Entity]:
        """The person a pronoun right before the phrase refers to ("where he spoke with")."""
        words = _WORD.findall(s.text[:at])
        skip = word_classes()["skip_left"]
        while words and words[-1].lower() in skip:
            words.pop()  # "he later spoke with"
        if not words:
            return []
        gender, number = lexicon().pronouns.get(words[-1].lower(), ("", ""))
        if gender not in {"m", "f"} or number != "sg":
            return []
        m = Mention("pronoun", words[-1], gender=gender)
        return [e for e in self.reg.resolve_pronoun(m, s.index) if _personal(e)]

    def _link(self, parties: Sequence[Party], i: int) -> list[Entity]:
        out: list[Entity] = []
        for party in parties:
            ent = None
            if party.name:
                kind = "media" if party.outlet else "person"
                m = Mention(kind, " ".join(party.name), name=party.name)
                ent = self.reg.link(m, i, create=False) or self.reg.link(m, i)
            elif party.description and not party.outlet:
                ent = self.reg.link(Mention("group", party.description, number=1), i)
            if ent is not None and ent not in out:
                out.append(ent)
        return out

    def _turn_speakers(
        self, turn: Turn, s: Sentence, name_label: Callable[[], list[Entity]]
    ) -> tuple[list[Entity], str]:
        if turn.kind == "question":
            return self._asker(s.index), "question"
        if turn.kind == "answer":
            return self._answerer(s.index), "answer"
        label = turn.label
        if self._is_asker_label(label):
            return self._asker(s.index, label), "question"
        found = name_label()
        if found and any(e in self.interviewer for e in found):
            return found, "question"
        return found, "name"

    def _is_asker_label(self, label: str) -> bool:
        if label.startswith("The ") or label.lower() in self._outlet_names:
            return True  # "The Ledger: …", "Gazette: …" after "Gazette reporter Omar Haddad"
        words = label.lower().split()
        for e in self.interviewer + self.outlet:
            if any(" ".join(f).lower() == label.lower() for f in e.forms):
                return True
            if e.kind == "person" and words == [e.forms[0][-1].lower()]:
                return True
        return False

    def _asker(self, i: int, label: str = "") -> list[Entity]:
        if self.interviewer:
            return list(self.interviewer)
        if label:
            words = tuple(label.split())
            m = Mention("media", label, name=words)
            ent = self.reg.link(m, i, create=False) or self.reg.link(m, i)
            if ent is not None:
                self.outlet = [ent]
                return [ent]
        return list(self.outlet)

    def _answerer(self, i: int) -> list[Entity]:
        """The interviewee: the one the introduction names as such, or else the first person
        the article names (an interview's introduction opens with its subject)."""
        if self.interviewee and all(_personal(e) for e in self.interviewee):
            return list(self.interviewee)
        pool = [
            e
            for e in self.reg.entities
            if e.introduced <= i and _personal(e) and e not in self.interviewer
        ]
        if not pool:
            return list(self.interviewee)
        best = min(pool, key=lambda e: (e.introduced, e.role is None, e.id))
        self.interviewee = [best]
        return [best]


def _adjacent(text: str, end: int, at: int) -> bool:
    """Only spaces, commas and adverbs ("later") between a name's end and the phrase."""
    between = text[end:at] if end <= at else "-"
    skip = word_classes()["skip_left"]
    return _SPACES_AND_WORDS.fullmatch(between) is not None and all(
        w.lower() in skip for w in _WORD.findall(between)
    )


def _first_person(text: str) -> bool:
    """Words of the first person ("I", "we", "our"; not "US") in ``text``."""
    first = word_classes()["first_person"]
    return any(w.lower() in first and (w == "I" or not w.isupper()) for w in _WORD.findall(text))


@lru_cache(maxsize=1)
def _name_links() -> frozenset[str]:
    """Lower-case words inside a person's name ("de", "van"), prepositions aside."""
    return lexicon().connectors - word_classes()["postmodifier_prepositions"]


# a headline that opens with a quotation and names its speaker after it
_QUOTE_THEN_NAME = re.compile(r"^\s*[‘'\"“][^‘’'\"“”]{3,}[’'\"”]\s*(?::|[-–—―])\s*(.+)$")
_SPACES_AND_WORDS = re.compile(r"[\s,\w’'\-]*")


def _personal(e: Entity) -> bool:
    """A person of the article: named in full or given a role, and no place ("Norway",
    read alone, may look like a surname)."""
    if e.kind != "person":
        return False
    if e.name.lower() in lexicon().places:
        return False
    return e.role is not None or any(len(f) > 1 for f in e.forms)
