"""Sentence sentiment: VADER plus the news lexicon (stance.lexicon)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from stance.lexicon import load_lexicon, load_vader, sentiment, sentiment_many
from stance.types import InputError

# (sentence, expected sign: -1 negative, 0 exactly neutral, 1 positive)
GOLDEN = [
    # news words VADER lacks or misreads
    ("The minister called the measures coercive.", -1),
    ("Officials said Tehran had reneged on its commitments.", -1),
    ("The senator described the new sanctions as futile.", -1),
    ("The envoy condemned the assassination of the mayor.", -1),
    ("Militants stormed a checkpoint near the border overnight.", -1),
    ("A suicide bombing killed nine people at a bus station.", -1),
    ("Police said the bomb had been hidden in a fruit cart.", -1),
    ("The foreign ministry denounced the invasion.", -1),
    ("The group is behind a wave of terrorism in the north.", -1),
    ("Analysts warned of renewed unrest in the capital.", -1),
    ("Both governments welcomed the ceasefire.", 1),
    ("The talks were constructive and fruitful, the spokeswoman said.", 1),
    ("Closer cooperation will bring stability to the region.", 1),
    ("The two countries signed a trade agreement on Monday.", 1),
    ("He said the deal would bring peace and prosperity.", 1),
    # negation
    ("The measures are unfair.", -1),
    ("The measures are not unfair.", 1),
    ("The two sides were unable to agree on a timetable.", -1),
    ("They do not care, they simply do not care.", -1),
    ("He didn’t welcome the decision.", -1),
    # names and reporting verbs carry no tone; narration is neutral
    ("The United Nations Security Council met on Tuesday.", 0),
    ("The minister stressed that talks would continue.", 0),
    ("Interest rates rose by a quarter point in March.", 0),
    ("The next round of talks is scheduled for early June.", 0),
    ("The delegation arrived in Ankara on Monday evening.", 0),
    ("", 0),
    ("   \n\t", 0),
]


@pytest.mark.parametrize(("text", "sign"), GOLDEN)
def test_golden_sign(text: str, sign: int) -> None:
    score = sentiment(text)
    if sign == 0:
        assert score == 0.0
    else:
        assert math.copysign(1, score) == sign and score != 0.0


# (weaker, stronger): the second is further from zero in the same direction
INTENSITY = [
    ("The measures are unfair.", "The measures are very unfair."),
    ("He condemned the attack.", "He strongly condemned the attack."),
    ("She criticised the plan.", "She sharply criticised the plan as unjustified."),
    ("The talks went well.", "The talks went extremely well!"),
    ("The ministers agreed.", "The ministers agreed, and welcomed the breakthrough."),
]


@pytest.mark.parametrize(("weaker", "stronger"), INTENSITY)
def test_boosters_and_emphasis_strengthen(weaker: str, stronger: str) -> None:
    a, b = sentiment(weaker), sentiment(stronger)
    assert a != 0.0 and math.copysign(1, a) == math.copysign(1, b)
    assert abs(b) > abs(a)


def test_dampener_weakens() -> None:
    assert 0 > sentiment("The plan is partially flawed.") > sentiment("The plan is flawed.")


def test_curly_and_straight_apostrophes_agree() -> None:
    assert sentiment("He didn’t condemn the attack.") == sentiment("He didn't condemn the attack.")
    assert sentiment("“It is unfair,” she said.") == sentiment('"It is unfair," she said.')


def test_repeated_word_scored_in_its_own_context() -> None:
    # the second "good" is negated; VADER's first-occurrence lookup would miss it
    mixed = sentiment("The first offer was good. The second was not good.")
    assert mixed < sentiment("The first offer was good. The second was good.")


RANGE_TEXTS = [
    "GREAT GREAT GREAT GREAT GREAT!!!!!",
    "terrible horrible awful disgraceful murderous massacre genocide!!!! ??? ",
    "not not not not bad",
    "kind of sort of good but very very bad, and yet not so bad at all",
    ":) :( <3 lol",
    "“” ‘’ — … «»",
    "a" * 5000,
    "war " * 300,
]


@pytest.mark.parametrize("text", RANGE_TEXTS)
def test_range(text: str) -> None:
    score = sentiment(text)
    assert isinstance(score, float)
    assert -1.0 <= score <= 1.0


def test_batch_equals_single() -> None:
    texts = [text for text, _ in GOLDEN] + [a for a, _ in INTENSITY] + RANGE_TEXTS
    assert sentiment_many(texts) == [sentiment(text) for text in texts]
    assert sentiment_many(()) == []


def test_wrong_types_are_refused() -> None:
    with pytest.raises(TypeError, match="expects a str, got bytes"):
        sentiment(b"unfair")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sequence of str, got a single str"):
        sentiment_many("unfair")
    with pytest.raises(TypeError, match="got int at 1"):
        sentiment_many(["fine", 3])  # type: ignore[list-item]


def test_news_lexicon_adds_only_what_vader_lacks() -> None:
    news = load_lexicon()
    vader = load_vader().lexicon
    assert len(news.valences) >= 50
    assert not set(news.valences) & set(vader), "news entries must be words VADER lacks"
    assert all(-4.0 <= value <= 4.0 for value in news.valences.values())
    assert all(note for note in news.notes.values())
    for word in ("coercive", "reneged", "militants", "bombing", "cooperation", "stability"):
        assert word in news.valences


def test_baseline_vader_is_left_unmodified() -> None:
    sentiment("The coercive measures were strongly condemned.")  # builds the news analyzer
    vader = load_vader()
    assert "coercive" not in vader.lexicon
    assert "strongly" in vader.lexicon
    assert "unable" not in vader.constants.NEGATE


def test_bad_data_row_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data" / "lexicon"
    folder.mkdir(parents=True)
    (folder / "news_sentiment.tsv").write_text(
        "# comment\nword\tvalence\tnote\nfutile\tvery bad\tmade up\n", encoding="utf-8"
    )
    monkeypatch.setattr("stance.lexicon.files", lambda package: tmp_path)
    with pytest.raises(InputError, match=r"news_sentiment\.tsv:3: valence must be a number"):
        load_lexicon.__wrapped__()


def _ground_truth(path: Path) -> tuple[list[float], list[str]]:
    ratings: list[float] = []
    texts: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            _, rating, text = line.split("\t", 2)
            ratings.append(float(rating))
            texts.append(text)
    return ratings, texts


@pytest.mark.shared
@pytest.mark.slow
def test_not_worse_than_vader_on_its_own_ground_truth(shared_dir: Path) -> None:
    paths = sorted((shared_dir / "vader").glob("*_GroundTruth.txt"))
    assert len(paths) >= 3, f"expected VADER's ground-truth files in {shared_dir / 'vader'}"
    vader = load_vader()
    for path in paths:
        ratings, texts = _ground_truth(path)
        ours = sentiment_many(texts)
        baseline = [vader.polarity_scores(text)["compound"] for text in texts]
        r_ours = float(np.corrcoef(ours, ratings)[0, 1])
        r_vader = float(np.corrcoef(baseline, ratings)[0, 1])
        assert r_ours >= r_vader, f"{path.name}: r {r_ours:.4f} < VADER's {r_vader:.4f}"


@pytest.mark.parametrize(
    "text",
    [
        "Talks ended, and nobody smiled.",
        '"We will not give in," the minister said!!!',
        "Really?! The deal -- at last -- is done...",
        "(Sources) say the ban's end is near; 'maybe' not.",
        "U.S. officials, e.g. envoys, met at 9:30 a.m. -- briefly.",
        "A ?!?word and a word?!? and !!!",
        ". , ! ,, x, ,y ab-- --ab",
        "Crème brûlée, naïve café! Ünïcode?",
    ],
)
def test_vader_tokens_match_nltk(text: str) -> None:
    from nltk.sentiment.vader import SentiText

    from stance.lexicon import _news_analyzer, _words

    constants = _news_analyzer().constants
    expected = SentiText(
        text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION
    ).words_and_emoticons
    assert _words(text, constants) == expected
