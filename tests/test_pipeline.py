"""The public API end to end: analyze(), the Result tables, the golden JSONL, properties."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance
from stance.articles import sample_paths
from stance.pipeline import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    SENTENCE_COLUMNS,
    STANCE_COLUMNS,
    _json,
    _rounded,
    record_for,
    record_line,
)
from stance.types import (
    Attribution,
    AttributionKind,
    Entity,
    ScoredSentence,
    Sentence,
    TopicStance,
)

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def sample() -> stance.Result:
    return stance.analyze()


def test_public_names() -> None:
    assert sorted(stance.__all__) == sorted(set(stance.__all__))
    for name in stance.__all__:
        assert getattr(stance, name) is not None, name
    assert callable(stance.plot_stance_heatmap)
    assert callable(stance.write_report)


def test_sample_tables(sample: stance.Result) -> None:
    assert list(sample.sentences.columns) == SENTENCE_COLUMNS
    assert list(sample.stances.columns) == STANCE_COLUMNS
    assert list(sample.entities.columns) == ENTITY_COLUMNS
    assert list(sample.articles.columns) == ARTICLE_COLUMNS
    assert len(sample.articles) == len(sample_paths())
    topics = set(sample.stances["topic"])
    assert topics == {"sanctions", "terrorism", "afghanistan", "trade"}
    labels = set(sample.stances["stance"])
    assert {"FAVOR", "AGAINST", "NONE"} <= labels
    assert sample.summary["n"].sum() == (sample.stances["speaker"] != "").sum()
    assert (sample.sentences["speakers"].map(len) == 0).any()  # narration
    assert (
        sample.sentences["attribution_kind"]
        .isin(["direct", "indirect", "continuation", "headline", "none"])
        .all()
    )
    assert sample.stances["score"].between(-1, 1).all()
    assert sample.sentences["sentiment"].between(-1, 1).all()
    assert isinstance(sample._repr_html_(), str)
    assert "articles" in repr(sample)


def test_raw_text_and_custom_topics(tmp_path: Path) -> None:
    topics = tmp_path / "climate.toml"
    topics.write_text(
        'mode = "replace"\n\n[[topics]]\nname = "climate"\ntarget = "stronger climate policy"\n'
        'terms = ["climate", "emissions"]\nfavor_cues = ["cut emissions", "ambitious"]\n'
        'against_cues = ["hoax", "scrap"]\n',
        encoding="utf-8",
    )
    result = stance.analyze(
        ["Climate row\n\nThe senator said the plan to cut emissions was too timid.\n"],
        topics=topics,
    )
    assert set(result.stances["topic"]) == {"climate"}
    assert result.articles["id"].tolist() == ["text-1"]


def test_to_jsonl_matches_records(sample: stance.Result, tmp_path: Path) -> None:
    path = sample.to_jsonl(tmp_path / "s.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(sample.sentences)
    first = json.loads(lines[0])
    assert first == next(iter(sample.records()))


def test_golden_jsonl_for_one_sample_article(tmp_path: Path) -> None:
    """The full record stream for one sample article; STANCE_REGEN_GOLDEN=1 rewrites it."""
    path = next(p for p in sample_paths() if p.stem == "senate-iran-oil-sanctions")
    result = stance.analyze(path)
    got = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in result.records())
    golden = GOLDEN / "senate-iran-oil-sanctions.jsonl"
    if os.environ.get("STANCE_REGEN_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_skipped_inputs_are_kept(tmp_path: Path) -> None:
    seen = []
    result = stance.analyze(
        [tmp_path / "missing.txt", "Ok\n\nThe minister said yes."], on_skip=seen.append
    )
    assert [s.reason for s in result.skipped] == ["no such file or folder"]
    assert seen == result.skipped
    assert len(result.articles) == 1


def test_empty_result_tables() -> None:
    result = stance.Result(results=[])
    assert result.sentences.empty and result.stances.empty and result.summary.empty
    assert isinstance(result.summary, pd.DataFrame)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
            st.sampled_from(
                ['"', "“", "”", "'", ":", "-", "\n", "\n\n", " said ", " He ", " sanctions ",
                 " Mr. ", " the minister ", "According to ", " trade ", ", said ", " told "]
            ),
        ),
        max_size=60,
    ).map("".join)
)  # fmt: skip
def test_pipeline_never_raises(text: str) -> None:
    analyzer = _analyzer()
    article = stance.Article(id="p", text=text)
    (result,) = analyzer.score_batch([article])
    for scored in result.sentences:
        s = scored.sentence
        assert text[s.start : s.end] == s.text
        assert -1 <= scored.sentiment <= 1
        for t in scored.stances:
            assert -1 <= t.score <= 1


_ANALYZER: list[stance.Analyzer] = []


def _analyzer() -> stance.Analyzer:
    if not _ANALYZER:
        _ANALYZER.append(stance.Analyzer.create())
    return _ANALYZER[0]


def test_one_person_one_name_across_the_run() -> None:
    result = stance.analyze(
        [
            "Ports reopen\n\nMinister Olav Strand said the ports would reopen on Monday.\n",
            "Ferry fares rise\n\nStrand said on Friday that fares would rise in the spring.\n",
        ]
    )
    speakers = {name for names in result.sentences["speakers"] for name in names}
    assert "Olav Strand" in speakers
    assert "Strand" not in speakers


_EDGE_STANCES = (
    TopicStance("trade", "FAVOR", 0.123456789, 0.5, ("lift", "“ease”"), ("trade",)),
    TopicStance("sanctions", "NONE", -0.0, 1.0),
    TopicStance("trade", "AGAINST", -1.0, 0.99999, ("tariffs",), ("trade", "tariffs")),
)


@pytest.mark.parametrize(
    ("speakers", "kind", "cue", "stances", "sentiment"),
    [
        ((), "none", None, (), 0.0),
        (("Anna Berg",), "direct", "said", _EDGE_STANCES[:1], 0.25),
        (("Anna Berg", "Nobody Listed"), "indirect", "according to", _EDGE_STANCES, -0.3),
        (('Zoë \\ "Q" Ørsted',), "headline", "-", _EDGE_STANCES[1:2], float("nan")),
        ((), "none", None, _EDGE_STANCES[1:], float("inf")),
    ],
)
def test_record_line_writes_what_json_dumps_writes_of_the_record(
    speakers: tuple[str, ...],
    kind: AttributionKind,
    cue: str | None,
    stances: tuple[TopicStance, ...],
    sentiment: float,
) -> None:
    text = 'Kiev\u2019s envoy said: "no\ttalks" — \u00e9t\u00e9 \U0001f600 \x00 \u2028 done.'
    sentence = Sentence("art-\u00e9 1", 3, 10, 10 + len(text), text, paragraph=2)
    scored = ScoredSentence(
        sentence, Attribution(speakers, kind, cue, 0.87654321), stances, sentiment
    )
    entities = {
        "Anna Berg": Entity("Anna Berg", role="envoy", affiliation="Denmark"),
        'Zoë \\ "Q" Ørsted': Entity('Zoë \\ "Q" Ørsted'),
    }
    expected = json.dumps(record_for(scored, entities), ensure_ascii=False) + "\n"
    assert record_line(scored, entities) == expected


@pytest.mark.parametrize(
    "value",
    [
        *(0.0, -0.0, 1.0, -1.0, 0.5, 0.123456789, -0.87654321, 0.99995, -0.99995),
        *(0.00005, -0.00005, 0.00004999, 0.00015, 0.12345, 2.00005, 1e-9, -1e-9),
        *(99999999999.99995, -12345.67895, 1e11, -1e11, 1e17, 3.5e200),
        *(float("nan"), float("inf"), float("-inf"), 7, True),
    ],
)
def test_a_rounded_number_is_written_as_json_writes_it_rounded(value: float) -> None:
    assert _rounded(value) == _json(round(float(value), 4))


@pytest.mark.parametrize(
    ("text", "opinion"),
    [
        ("Opinion: Small ports cannot afford a tariff war\n\nThe ferries are full.", True),
        ("Commentary: Why the coal ban will fail\n\nThe ban began in May.", True),
        ("Op-ed: Keep the channel to Kabul open\n\nIt is hard work.", True),
        ("Analysis: The fight over the licences returns\n\nThe licences expire.", False),
        ("Ministry widens export curbs on chip makers\n\nThe curbs start in May.", False),
    ],
)
def test_opinion_pieces_are_told_by_their_label(text: str, opinion: bool) -> None:
    from stance.articles import article_from_text
    from stance.pipeline import _opinion_piece
    from stance.sentences import split_sentences

    article = article_from_text(text, id="x")
    assert _opinion_piece(article, split_sentences(article)) is opinion


@pytest.mark.parametrize(
    "headline",
    [
        "Ministry widens export curbs and sanctions on chip makers",
        "Islands sign trade pact to double fish exports",
    ],
)
def test_a_news_headline_no_one_speaks_in_takes_no_side(tmp_path: Path, headline: str) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(headline + "\n\nThe measures take effect in May.", encoding="utf-8")
    result = stance.analyze([path])
    rows = result.stances[result.stances["sentence"] == 0]
    assert len(rows) > 0
    assert set(rows["speaker"]) == {""}
    assert set(rows["stance"]) == {"NONE"}
