"""Sentence segmentation: news abbreviations, layout rules, offsets, and properties."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.articles import article_from_text
from stance.sentences import split_sentences, split_text

CASES = [
    ("Mr. Hale met Dr. Ortiz in Geneva. They spoke for an hour.", 2),
    ("The U.S. and the U.N. agreed. Talks resume Jan. 4 in Oslo.", 2),
    ("Gen. Marsh and Sen. Boyd disagreed. Gov. Lin stayed silent.", 2),
    ("Acme Inc. and Borealis Corp. signed the deal. Shares rose.", 2),
    ('"We will not back down," she said. "Never."', 2),
    ("“Enough,” the minister said. He left at 5 p.m. on Friday.", 2),
    ("Prices rose 3.5 percent. The bank held rates.", 2),
    ("He said the plan was dead. development of a new one would start soon.", 1),
    ("The vote was close -- \n\nVery close.", 2),
    ("Is this the end? No, said the envoy.", 2),
    ("Talks stalled. U.S. President Dana Whitlow called the envoy.", 2),
    ("The U.S. Chamber of Commerce welcomed the tariff cut on Monday.", 1),
    ("The U.N. Security Council met. The U.K. Foreign Office said nothing.", 2),
    ("Most of the ore goes to the U.S. The rest is sold in Asia.", 2),
    ("The vote ended at 9 a.m. President Dana Whitlow said it had passed.", 2),
]


@pytest.mark.parametrize(("text", "n"), CASES)
def test_split_counts(text: str, n: int) -> None:
    spans = split_text(text)
    assert len(spans) == n, [text[s:e] for s, e, _ in spans]


def test_lines_paragraphs_and_headline() -> None:
    text = "Ministers meet in Oslo\n\nFirst paragraph. Second sentence.\nA new line.\n\nLast one."
    article = article_from_text(text, id="x")
    sents = split_sentences(article)
    assert [s.text for s in sents] == [
        "Ministers meet in Oslo",
        "First paragraph.",
        "Second sentence.",
        "A new line.",
        "Last one.",
    ]
    assert [s.paragraph for s in sents] == [0, 1, 1, 1, 2]
    assert [s.headline for s in sents] == [True, False, False, False, False]
    assert [s.index for s in sents] == list(range(5))


def test_hard_wrapped_prose_is_joined() -> None:
    text = "The envoy said the talks\nwould resume next week in Vienna.\nOfficials agreed."
    assert [text[s:e] for s, e, _ in split_text(text)] == [
        "The envoy said the talks\nwould resume next week in Vienna.",
        "Officials agreed.",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_spans_are_ordered_disjoint_and_exact(text: str) -> None:
    article = article_from_text(text, id="p")
    previous_end = 0
    for s in split_sentences(article):
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        previous_end = s.end


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Mr.",
                "Smith",
                "said",
                "U.S.",
                "talks",
                '"',
                "“",
                "”",
                ".",
                "?",
                "\n",
                "\n\n",
                " ",
                "-",
                "a",
            ]
        ),
        max_size=80,
    )
)
def test_spans_on_news_like_tokens(tokens: list[str]) -> None:
    text = " ".join(tokens)
    spans = split_text(text)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(text[s:e].strip() == text[s:e] and e > s for s, e, _ in spans)


def test_no_predicted_sentence_crosses_a_gold_boundary(shared_dir: Path) -> None:
    """Our sentences are never coarser than the gold ones (gold may glue several)."""
    crossing = []
    for gold_path in sorted((shared_dir / "gold").glob("*.jsonl")):
        if gold_path.name == "entities.jsonl":
            continue
        gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
        text = (shared_dir / "corpus" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        for s in split_sentences(article_from_text(text, id=gold_path.stem)):
            inside = [g for g in gold if g["start"] <= s.start and s.end <= g["end"]]
            if not inside:
                crossing.append((gold_path.stem, s.text[:60]))
    assert crossing == []


_PUNKT_ALPHABET = st.sampled_from(
    [
        "Mr.",
        "Dr.",
        "Smith",
        "said",
        "u.s.",
        "U.S.",
        "J.",
        "talks",
        "5.",
        "3.5",
        "-4",
        "...",
        "..",
        "i.e.",
        "No.",
        '"',
        "“",
        "”",
        "’",
        "(",
        ")",
        ".",
        "?!",
        "!",
        ",",
        ";",
        "\n",
        "\t",
        "\r",
        "\x0c",
        " ",
        "  ",
        "\u00a0",
        "--",
        "İstanbul",
        "a",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PUNKT_ALPHABET, max_size=60), st.sampled_from(["", " ", "\n"]))
def test_punkt_speedups_split_as_nltk_punkt_does(tokens: list[str], glue: str) -> None:
    """The tokenizer's faster pattern calls and annotation loop give NLTK's own spans."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from stance.sentences import _load_parameters, tokenizer

    text = glue.join(tokens)
    plain = PunktSentenceTokenizer(_load_parameters())
    assert list(tokenizer().span_tokenize(text)) == list(plain.span_tokenize(text))


def test_punkt_context_table_does_not_grow_with_new_words() -> None:
    from stance.sentences import tokenizer

    contexts = tokenizer()._params.ortho_context
    before = len(contexts)
    split_text("Zorblaxian envoys met. Quentrobes followed. Vexillar sources agreed.")
    assert len(contexts) == before
