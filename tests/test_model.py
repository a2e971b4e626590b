"""The stance model: lexicon cues and flips, the estimator contract, persistence, training files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from stance.model import (
    MODEL_VERSION,
    StanceClassifier,
    _context_features,
    _counts_matrix,
    _couple,
    _cross,
    _cross_reference,
    _prepare,
    _tfidf_of_counts,
    _Words,
    cue_polarities,
    default_scope_words,
    load_model,
    save_model,
    score_stances,
    target_judgements,
    train_model,
)
from stance.topics import default_topics
from stance.types import LABELS, InputError, TopicMatch

TOPICS = {t.name: t for t in default_topics()}

# A tiny corpus, written for these tests: enough for every class to be fitted and calibrated.
TINY = [
    (
        "The minister urged Brussels to impose tougher sanctions on the regime.",
        "sanctions",
        "FAVOR",
    ),
    ("Senators voted to extend the sanctions for another year.", "sanctions", "FAVOR"),
    ("She said the embargo must stay in place until prisoners are freed.", "sanctions", "FAVOR"),
    ("He backed new sanctions on the central bank.", "sanctions", "FAVOR"),
    ("The president called for the lifting of the unfair sanctions.", "sanctions", "AGAINST"),
    ("Officials said the embargo should be eased at once.", "sanctions", "AGAINST"),
    ("The envoy described the sanctions as cruel and futile.", "sanctions", "AGAINST"),
    ("Farmers demanded an end to the sanctions.", "sanctions", "AGAINST"),
    ("The sanctions were discussed at the summit on Monday.", "sanctions", "NONE"),
    ("A report on the embargo will be published next month.", "sanctions", "NONE"),
    ("Talks on the sanctions resume on Thursday.", "sanctions", "NONE"),
    ("The committee listed the sanctions in force.", "sanctions", "NONE"),
    ("The two leaders vowed to expand trade between their countries.", "trade", "FAVOR"),
    ("Exporters welcomed the deal to cut tariffs.", "trade", "FAVOR"),
    ("She hoped trade would double by 2030.", "trade", "FAVOR"),
    ("He called for new tariffs on imported steel.", "trade", "AGAINST"),
    ("The party opposed the free trade agreement.", "trade", "AGAINST"),
    ("Trade figures are released on Tuesday.", "trade", "NONE"),
    ("Exports were mentioned in the annual report.", "trade", "NONE"),
]
X_TINY = [(text, topic) for text, topic, _ in TINY]
Y_TINY = [label for _, _, label in TINY]


def tiny_model(**params: object) -> StanceClassifier:
    return StanceClassifier(min_df=1, **params).fit(X_TINY, Y_TINY)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- lexicon cues


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        # target-relative: the same verb means different things for different targets
        ("The council voted to expand the sanctions.", "sanctions", [("expand", 1)]),
        ("The council voted to expand trade.", "trade", [("expand", 1)]),
        ("The council chose to lift the sanctions.", "sanctions", [("lift", -1)]),
        ("New tariffs on steel were announced.", "trade", [("new tariffs", -1)]),
        ("Police vowed to combat terrorism.", "terrorism", [("combat", -1)]),
        ("He pressed for removal of the sanctions.", "sanctions", [("removal", -1)]),
        (
            "They called for lifting the unjust sanctions.",
            "sanctions",
            [("lifting", -1), ("unjust", -1)],
        ),
        (
            "They condemned the attack and vowed to fight terrorism.",
            "terrorism",
            [("condemned", -1), ("fight", -1)],
        ),
        # negation flips
        ("Ankara will not lift the sanctions.", "sanctions", [("lift", 1)]),
        ("The government did not condemn the bombing.", "terrorism", [("condemn", 1)]),
        ("He never wanted to ease the embargo.", "sanctions", [("ease", 1)]),
        # framing by the reporting verb flips
        ("She rejected calls to impose sanctions on Caracas.", "sanctions", [("impose", -1)]),
        ("He denied that the deal would boost trade.", "trade", [("boost", -1)]),
        ("Moscow opposed lifting the sanctions.", "sanctions", [("lifting", 1)]),
        ("He did not support lifting the sanctions.", "sanctions", [("lifting", 1)]),
        # ... but not an evaluative word: it is the speaker's own judgement
        ("Minsk dismissed the sanctions as illegitimate.", "sanctions", [("illegitimate", -1)]),
        ("Beijing condemned the unfair export controls.", "sanctions", [("unfair", -1)]),
        # wanting more: "falls short" favours the measure
        ("She complained that the penalties fall short.", "sanctions", [("fall short", 1)]),
        # funding named in an accusation is no support for terrorism
        ("The firm was accused of funding terrorist groups.", "terrorism", []),
        # a clause break ends the negation's scope
        ("It is not new, but they want to tighten the sanctions.", "sanctions", [("tighten", 1)]),
        # a generic attitude verb counts only in a clause that names the topic
        (
            "The senator praised the sanctions, which the opposition has long opposed.",
            "sanctions",
            [],
        ),
        (
            "The sanctions worked, unlike the talks that the hawks opposed.",
            "sanctions",
            [("worked", 1)],
        ),
        ("The opposition has long opposed the sanctions.", "sanctions", [("opposed", -1)]),
        # "against" is a cue when it takes the topic as its object
        ("The minister spoke out against terrorism.", "terrorism", [("against terrorism", -1)]),
        ("The terrorists waged a campaign against civilians.", "terrorism", []),
        # a hypothetical states no position: cues inside an "if" clause do not count
        (
            "A sedan would cost $4,000 more if tariffs were imposed on imported parts.",
            "trade",
            [],
        ),
        ("If the West were to lift the sanctions, prices would fall.", "sanctions", []),
        # spurring trade or investment favours trade
        ("The new bridge should spur trade along the river.", "trade", [("spur", 1)]),
        # ... but a cue before the condition still counts
        ("They will tighten the sanctions if talks fail.", "sanctions", [("tighten", 1)]),
        # relief from the sanctions (licences, waivers, exemptions): granting or extending it
        # opposes the sanctions, ending it supports them
        (
            "A shipping lobby in Piraeus wants Washington to grant the waivers for another season.",
            "sanctions",
            [("grant the waivers", -1)],
        ),
        (
            "Revoking their licences is overdue, the diaspora group argued.",
            "sanctions",
            [("revoking their licences", 1)],
        ),
        (
            "Under the draft there would be no new waivers for shipowners.",
            "sanctions",
            [("no new waivers", 1)],
        ),
        # keeping the relief in place eases the sanctions, though "in place" alone keeps them
        (
            "Grain dealers lobbied to keep the waivers in place until spring.",
            "sanctions",
            [("keep the waivers in place", -1)],
        ),
        # a verb that bars an action flips it
        (
            "Her amendment prohibits officials from extending the waivers past June.",
            "sanctions",
            [("extending the waivers", 1)],
        ),
        # "keep" alone says nothing of sanctions; keeping them does
        ("Our partners in Lagos will keep buying fuel from Minsk.", "sanctions", []),
        (
            "Brussels will keep the sanctions until the troops leave.",
            "sanctions",
            [("keep the sanctions", 1)],
        ),
        # "so-called" denies what follows
        ("Its spokesman mocked the so-called embargo.", "trade", [("embargo", 1)]),
        # delaying or postponing a measure undoes it, as lifting does
        (
            "The growers' federation is pressing ministers to postpone the quota until 2031.",
            "trade",
            [("quota", 1)],
        ),
        # calling foreign involvement interference opposes it, and stopping it does too
        (
            "A cleric in Herat told outsiders to stop meddling in Afghan politics.",
            "afghanistan",
            [("meddling", -1)],
        ),
        (
            "The envoy urged donors not to turn their backs on Afghanistan.",
            "afghanistan",
            [("turn their backs on", 1)],
        ),
        # abandoning Afghanistan is a complaint about leaving, said or denied
        (
            "Two charities pleaded with Western capitals never to abandon the clinics of Kunduz.",
            "afghanistan",
            [("abandon", 1)],
        ),
        ("Critics say Washington abandoned Kabul in 2021.", "afghanistan", [("abandoned", 1)]),
        # a trade deal that sacrifices a sector is opposed; doubling trade is wanted
        (
            "Cane growers would be sacrificed under the accord, their co-operative warned.",
            "trade",
            [("sacrificed", -1)],
        ),
        (
            "Both premiers aim at tripling bilateral trade within a decade.",
            "trade",
            [("tripling bilateral trade", 1)],
        ),
        # a vote is a position; voting for an action is that action's position
        ("Two senators voted against the sanctions bill.", "sanctions", [("voted against", -1)]),
        ("She voted for lifting the embargo.", "sanctions", [("lifting", -1)]),
        ("Most deputies voted for the trade pact.", "trade", [("voted for", 1)]),
        # a verb that governs a topic's noun does not reach the relative clause that judges
        # the noun: refusing a pact that sacrifices growers is opposing it, not the reverse
        (
            "What the growers refuse is a trade pact that sacrifices their orchards.",
            "trade",
            [("sacrifices", -1)],
        ),
        (
            "Two ministers rejected the sanctions that failed.",
            "sanctions",
            [
                ("rejected", -1),
                ("failed", -1),
            ],
        ),
        # "failed to" negates what follows: the envoys' failure is no judgement of sanctions
        ("The envoys failed on Friday to agree on the sanctions package.", "sanctions", []),
        ("The sanctions have failed.", "sanctions", [("failed", -1)]),
    ],
)
def test_cue_polarity_is_target_relative_with_flips(
    text: str, topic: str, expected: list[tuple[str, int]]
) -> None:
    found = cue_polarities(text, TOPICS[topic])
    assert [(surface.lower(), polarity) for surface, polarity, _, _ in found] == expected


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        # a harm predicate whose subject is the target opposes it
        ("The bill risks a bitter rift with our oldest allies.", "sanctions", [("risks", -1)]),
        (
            "The penalties would backfire on our own exporters, she said.",
            "sanctions",
            [("backfire", -1)],
        ),
        # a negated good word: "is not a strategy" judges the subject bad
        (
            "Pressure alone is not a strategy.",
            "sanctions",
            [("a strategy", -1)],
        ),
        ("The sanctions have never succeeded.", "sanctions", [("succeeded", -1)]),
        ("The embargo failed to deter the generals.", "sanctions", [("deter", -1)]),
        # the subject's own polarity signs the judgement: lifting them would be bad
        ("Lifting the sanctions now would be a mistake.", "sanctions", [("mistake", 1)]),
        ("Sanctions relief would embolden the hardliners.", "sanctions", [("embolden", 1)]),
        ("Tariffs would hurt farmers, the minister said.", "trade", [("hurt", 1)]),
        ("The trade deal has helped our farmers.", "trade", [("helped", 1)]),
        # "against" or a negator before the subject turns it round
        (
            "The backlash against globalisation risks a recession.",
            "trade",
            [("risks", 1)],
        ),
        # a framing verb before the subject flips the judgement
        ("She denied that the sanctions had backfired.", "sanctions", [("backfired", 1)]),
        # no judgement: the word judges something else, in a question, an "if" clause,
        # or with the topic as its object
        ("Their strategy is to divide the opposition.", "sanctions", []),
        ("Reporters asked whether the embargo had worked.", "sanctions", []),
        ("They will tighten the sanctions if talks fail.", "sanctions", []),
        ("Quotas would invite retaliation and raise prices, she said.", "sanctions", []),
        # a word that is a cue of the topic counts as a cue, not again as a judgement
        ("The sanctions failed.", "sanctions", []),
        # paying off, ruin and obsolescence judge the subject too
        ("The embargo has paid off, a senior diplomat argued.", "sanctions", [("paid off", 1)]),
        (
            "Those quotas will bankrupt family dairies, a farm lobbyist warned.",
            "trade",
            [("bankrupt", 1)],
        ),
        ("He said the embargo was a relic of the Cold War.", "sanctions", [("a relic", -1)]),
    ],
)
def test_judgements_of_the_target(text: str, topic: str, expected: list[tuple[str, int]]) -> None:
    found = target_judgements(text, TOPICS[topic])
    assert [(surface.lower(), polarity) for surface, polarity, _, _ in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written for this test: opponents' arguments without the classic cue words
        ("Sanctions without a diplomatic path are not a strategy, the senator said.", "AGAINST"),
        ("The envoy argued that the new penalties would backfire on European firms.", "AGAINST"),
        ("Easing the embargo now would be a mistake, the foreign minister said.", "FAVOR"),
    ],
)
def test_judgements_move_the_default_model(text: str, expected: str) -> None:
    assert load_model().predict([(text, "sanctions")])[0] == expected


def test_cue_flags_say_what_flipped() -> None:
    [(_, _, negated, framed)] = cue_polarities(
        "They will not lift the sanctions.", TOPICS["sanctions"]
    )
    assert negated and not framed
    [(_, _, negated, framed)] = cue_polarities(
        "They rejected calls to impose sanctions.", TOPICS["sanctions"]
    )
    assert framed and not negated


@pytest.mark.parametrize(
    ("text", "mention", "history"),
    [
        # talk about words is a mention, not a position
        ("The bill would replace the term 'jihadist' in official reports.", 1.0, 0.0),
        ("She said calling them terrorists would only help their recruiters.", 1.0, 0.0),
        # dated background narration
        ("The embargo was first imposed in 1996 and widened in 2003.", 0.0, 1.0),
        ("Years later, the two neighbours signed a free trade pact.", 0.0, 1.0),
        ("The agreement was signed decades ago, at the time of the oil boom.", 0.0, 1.0),
        # neither: a plain statement of position; a number that is no year
        ("The minister said the sanctions must stay.", 0.0, 0.0),
        ("Exports rose by 2500 tonnes.", 0.0, 0.0),
        # a target date is no background: "by 2035", "until 2030"
        ("The two leaders vowed to triple their trade by 2035.", 0.0, 0.0),
        ("The embargo will stay until 2030, the envoy said.", 0.0, 0.0),
    ],
)
def test_sentence_context_features(text: str, mention: float, history: float) -> None:
    features = _context_features(default_scope_words())
    assert features(text) == (mention, history)


# --------------------------------------------------------------------------- the default model


@pytest.mark.parametrize(
    ("text", "topic", "sign"),
    [
        ("The minister called for the lifting of the unjust sanctions.", "sanctions", -1),
        (
            "The senator said Washington must impose tougher sanctions on the regime.",
            "sanctions",
            1,
        ),
        (
            "The president said they will not lift the sanctions until the prisoners go free.",
            "sanctions",
            1,
        ),
        (
            "The two prime ministers condemned the bombing and vowed to fight terrorism.",
            "terrorism",
            -1,
        ),
        ("She hoped for a rapid expansion of trade between the two neighbours.", "trade", 1),
        (
            "He said the futile foreign military presence in Afghanistan must end.",
            "afghanistan",
            -1,
        ),
    ],
)
def test_default_model_clear_cases(text: str, topic: str, sign: int) -> None:
    [stance] = score_stances(load_model(), [text], [TopicMatch(topic, terms=(topic,))])
    assert np.sign(stance.score) == sign
    assert stance.stance == ("FAVOR" if sign > 0 else "AGAINST")


def test_a_trade_ban_is_sanctions_favor_and_trade_against() -> None:
    text = "The foreign minister said the ban on trade with the regime must stay in place."
    stances = score_stances(
        load_model(), [text, text], [TopicMatch("sanctions"), TopicMatch("trade")]
    )
    assert [s.stance for s in stances] == ["FAVOR", "AGAINST"]


def _proba(favor: float, against: float) -> list[float]:
    return [against, favor, 1.0 - favor - against]  # the columns of LABELS


@pytest.mark.parametrize(
    ("sanctions", "trade", "expected"),
    [
        # the sanctions row is sure, the trade row leans the wrong way: the joint reading
        # (a measure supported: sanctions FAVOR, trade AGAINST) wins on both rows
        (_proba(0.8, 0.05), _proba(0.3, 0.2), ["FAVOR", "AGAINST"]),
        # both rows agree already (sanctions AGAINST, trade FAVOR): they stay
        (_proba(0.1, 0.7), _proba(0.6, 0.1), ["AGAINST", "FAVOR"]),
        # neither takes a position: nothing to pull either way
        (_proba(0.1, 0.1), _proba(0.1, 0.1), ["NONE", "NONE"]),
    ],
)
def test_topics_with_opposed_targets_are_weighed_together(
    sanctions: list[float], trade: list[float], expected: list[str]
) -> None:
    text = "The envoy said the curbs on chip exports would stay."
    proba = _couple(
        np.array([sanctions, trade]),
        [text, text],
        [TopicMatch("sanctions"), TopicMatch("trade")],
        [("sanctions", "trade")],
        0.5,
    )
    assert [LABELS[k] for k in np.argmax(proba, axis=1)] == expected


def test_opposed_targets_couple_only_rows_of_one_sentence() -> None:
    proba = np.array([_proba(0.7, 0.1), _proba(0.45, 0.15)])
    texts = ["The envoy backed the curbs.", "Exports rose in May."]
    matches = [TopicMatch("sanctions"), TopicMatch("trade")]
    assert np.array_equal(_couple(proba, texts, matches, [("sanctions", "trade")], 0.5), proba)


def test_score_stances_couples_the_default_pair_unless_told_not_to() -> None:
    text = "Officials said the gas ban would cost the regime billions a year."
    matches = [TopicMatch("sanctions"), TopicMatch("trade")]
    coupled = score_stances(load_model(), [text, text], matches)
    plain = score_stances(load_model(), [text, text], matches, opposed=())
    assert coupled[0].stance == "FAVOR"
    assert coupled[1].score < plain[1].score  # the trade row moves towards AGAINST


def test_default_model_leans_to_none_for_reports() -> None:
    text = "Talks on the trade agreement are expected to resume in Geneva on Tuesday."
    [stance] = score_stances(load_model(), [text], [TopicMatch("trade")])
    assert stance.stance == "NONE"


def test_score_stances_fields() -> None:
    texts = ["Brussels will lift the sanctions.", "Exports fell sharply."]
    matches = [TopicMatch("sanctions", ("sanctions",)), TopicMatch("trade", ("Exports",), True)]
    out = score_stances(load_model(), texts, matches)
    assert [s.topic for s in out] == ["sanctions", "trade"]
    for s in out:
        assert -1.0 <= s.score <= 1.0
        assert 1 / 3 <= s.confidence <= 1.0
    assert out[0].cues == ("lift",)
    assert out[0].terms == ("sanctions",)
    assert out[1].carried and out[1].terms == ("Exports",)
    assert score_stances(load_model(), [], []) == []


def test_score_stances_scores_the_batch_in_one_transform(monkeypatch: pytest.MonkeyPatch) -> None:
    model = load_model()
    calls = []
    design = model._design

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return design(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(model, "_design", counting)
    texts = [f"Sanctions were eased for the {n}th time." for n in range(50)]
    score_stances(model, texts, [TopicMatch("sanctions")] * 50)
    assert len(calls) == 1


def test_score_stances_misaligned_inputs() -> None:
    with pytest.raises(ValueError, match="aligned: got 2 texts and 1 matches"):
        score_stances(load_model(), ["a", "b"], [TopicMatch("trade")])


def test_unknown_topic_is_scored_on_shared_features() -> None:
    proba = load_model().predict_proba([("We must build more reactors.", "energy")])
    assert proba.shape == (1, 3)
    assert np.isclose(proba.sum(), 1.0)


# --------------------------------------------------------------------------- estimator contract


def test_get_params_and_clone_round_trip() -> None:
    model = StanceClassifier(C=0.3, word_ngram_range=(1, 3), none_bias=0.2, random_state=7)
    params = model.get_params()
    assert params["C"] == 0.3 and params["word_ngram_range"] == (1, 3)
    twin = clone(model)
    assert twin.get_params() == params
    assert StanceClassifier(**params).get_params() == params


def test_not_fitted_error_before_fit() -> None:
    with pytest.raises(NotFittedError):
        StanceClassifier().predict([("Sanctions were lifted.", "sanctions")])
    with pytest.raises(NotFittedError):
        StanceClassifier().predict_proba([("Sanctions were lifted.", "sanctions")])


def test_fit_returns_self_and_sets_fitted_state() -> None:
    model = StanceClassifier(min_df=1)
    assert model.fit(X_TINY, Y_TINY) is model
    assert list(model.classes_) == ["AGAINST", "FAVOR", "NONE"]
    proba = model.predict_proba(X_TINY)
    assert proba.shape == (len(X_TINY), 3)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert set(model.predict(X_TINY)) <= {"AGAINST", "FAVOR", "NONE"}


def test_same_random_state_gives_same_output() -> None:
    a = tiny_model(random_state=3).predict_proba(X_TINY)
    b = tiny_model(random_state=3).predict_proba(X_TINY)
    assert np.array_equal(a, b)


def test_fit_accepts_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"text": [t for t, _ in X_TINY], "topic": [t for _, t in X_TINY]})
    by_frame = StanceClassifier(min_df=1).fit(frame, Y_TINY).predict_proba(frame)
    assert np.allclose(by_frame, tiny_model().predict_proba(X_TINY))


@pytest.mark.parametrize(
    ("X", "y", "error", "message"),
    [
        ("Sanctions were lifted.", ["NONE"], TypeError, "pairs .* expected, got a single str"),
        ([("text only",)], ["NONE"], TypeError, r"X\[0\]: a \(text, topic\) pair"),
        (X_TINY, Y_TINY[:-1], ValueError, r"19 labels expected .* got 18"),
        (X_TINY, ["MAYBE"] * len(X_TINY), ValueError, r"labels must be one of"),
        (X_TINY, ["NONE"] * len(X_TINY), ValueError, r"at least two different labels"),
    ],
)
def test_fit_errors_say_what_was_expected(
    X: object, y: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        StanceClassifier(min_df=1).fit(X, y)


def test_dataframe_without_columns_is_refused() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(
        ValueError, match=r"columns 'text' and 'topic' expected.*missing \['topic'\]"
    ):
        StanceClassifier().fit(pd.DataFrame({"text": ["a", "b"]}), ["NONE", "FAVOR"])


# --------------------------------------------------------------------------- persistence


def test_save_load_round_trip(tmp_path: Path) -> None:
    model = tiny_model(none_bias=0.25)
    path = save_model(model, tmp_path / "mine.json")
    assert path.suffix == ".json" and path.with_suffix(".npz").is_file()
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert meta["version"] == MODEL_VERSION
    with np.load(path.with_suffix(".npz"), allow_pickle=False) as arrays:
        assert "coef_" in arrays.files
    loaded = load_model(path)
    assert loaded.get_params()["none_bias"] == 0.25
    assert np.allclose(loaded.predict_proba(X_TINY), model.predict_proba(X_TINY), atol=1e-4)
    assert list(loaded.predict(X_TINY)) == list(model.predict(X_TINY))


def test_default_model_ships_as_json_and_npz_and_is_cached() -> None:
    from importlib.resources import files

    folder = files("stance") / "data" / "model"
    assert folder.joinpath("model.json").is_file() and folder.joinpath("model.npz").is_file()
    assert load_model() is load_model()


def test_load_model_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read model"):
        load_model(tmp_path / "absent.json")
    (tmp_path / "other.json").write_text('{"format": "something"}', encoding="utf-8")
    np.savez(tmp_path / "other.npz", x=np.zeros(1))
    with pytest.raises(InputError, match="'stance-model' JSON file expected"):
        load_model(tmp_path / "other.json")


# --------------------------------------------------------------------------- training files

GOOD_CSV = (
    "text,topic,stance\n"
    + "".join(f'"{text}",{topic},{label}\n' for text, topic, label in TINY)
    + '"The weather was fine in Oslo.",,\n'
)


def test_train_model_on_csv_and_jsonl(tmp_path: Path) -> None:
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text(GOOD_CSV, encoding="utf-8")
    model = train_model(csv_path, min_df=1)
    assert model.predict_proba(X_TINY[:2]).shape == (2, 3)
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"text": t, "topic": p, "stance": s}) + "\n" for t, p, s in TINY),
        encoding="utf-8",
    )
    assert train_model(jsonl, min_df=1).predict(X_TINY[:1])[0] in {"FAVOR", "AGAINST", "NONE"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad.csv",
            'text,topic,stance\n"ok text",trade,FAVOR\n"x",trade,MAYBE\n',
            r"bad\.csv:3: stance must be FAVOR, AGAINST or NONE",
        ),
        ("bad.csv", 'text,topic,stance\n"x",weather,NONE\n', r"bad\.csv:2: unknown topic"),
        ("bad.csv", 'text,topic,stance\n"",trade,NONE\n', r"bad\.csv:2: 'text' must be"),
        ("bad.csv", 'text,topic,stance\n"x",trade\n', r"bad\.csv:2: 3 fields expected"),
        ("bad.csv", 'text,label\n"x",NONE\n', r"bad\.csv:1: .*header lacks \['topic', 'stance'\]"),
        ("bad.csv", 'text,topic,stance\n"x",,FAVOR\n', r"bad\.csv:2: .*no topic must have"),
        (
            "bad.jsonl",
            '{"text": "x", "topic": "trade", "stance": "NONE"}\n{oops\n',
            r"bad\.jsonl:2: not valid JSON",
        ),
        ("bad.jsonl", '{"text": "x", "topic": "trade"}\n', r"bad\.jsonl:1: missing field 'stance'"),
        ("bad.txt", "whatever\n", r"a \.csv or \.jsonl training file expected"),
    ],
)
def test_bad_training_rows_name_file_and_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        train_model(path)


def test_carried_cueless_sentence_continues_the_stance_it_was_carried_from() -> None:
    texts = [
        "The minister called for the lifting of the unjust sanctions.",
        "She repeated the point to reporters on Tuesday.",
    ]
    matches = [
        TopicMatch("sanctions", ("sanctions",)),
        TopicMatch("sanctions", ("sanctions",), True),
    ]
    alone = score_stances(load_model(), texts, matches, inherit=0.0)
    assert alone[1].stance == "NONE"
    inherited = score_stances(load_model(), texts, matches)
    assert inherited[1].stance == inherited[0].stance == "AGAINST"
    assert inherited[1].carried and inherited[1].cues == ()


# A speaker's argument over several sentences (written for these tests): the third sentence
# has no cue and is NONE on its own; in the speaker's group it continues the speaker's stance.
ARGUMENT = [
    "The trade commissioner said the new pact would boost exports of cheese and wine.",
    "She said freer trade with the Andean countries would create thousands of jobs at home.",
    "Half of the region's olive oil already goes to buyers in Asia, she told the audience.",
]


@pytest.mark.parametrize(
    ("groups", "third", "expected"),
    [
        (["kessler"] * 3, ARGUMENT[2], "FAVOR"),  # the speaker's own argument
        ([None] * 3, ARGUMENT[2], "NONE"),  # narration is never pooled
        (["kessler", "kessler", "ortega"], ARGUMENT[2], "NONE"),  # another speaker
        (["kessler", "ortega", "kessler"], ARGUMENT[2], "NONE"),  # one stance is not enough
        (
            ["kessler"] * 3,
            "She said the word 'globalisation' meant different things to different people.",
            "NONE",  # talk about words takes no stance
        ),
    ],
)
def test_a_speakers_cueless_sentence_continues_the_speakers_stance(
    groups: list[str | None], third: str, expected: str
) -> None:
    texts = [*ARGUMENT[:2], third]
    matches = [TopicMatch("trade", ("trade",))] * 3
    alone = score_stances(load_model(), texts, matches)
    assert [s.stance for s in alone] == ["FAVOR", "FAVOR", "NONE"]
    pooled = score_stances(load_model(), texts, matches, groups=groups)
    assert pooled[2].stance == expected
    assert pooled[2].cues == ()
    assert [s.stance for s in pooled[:2]] == ["FAVOR", "FAVOR"]  # stance takers are untouched
    assert score_stances(load_model(), texts, matches, groups=groups, pool=0.0) == alone


def test_pooling_needs_the_group_to_lean_one_way() -> None:
    texts = [
        "The trade commissioner said the new pact would boost exports of cheese and wine.",
        "She said the country should slap tariffs on imported steel and ban foreign cars.",
        "Half of the region's olive oil already goes to buyers in Asia, she told the audience.",
    ]
    matches = [TopicMatch("trade", ("trade",))] * 3
    pooled = score_stances(load_model(), texts, matches, groups=["kessler"] * 3)
    assert [s.stance for s in pooled] == ["FAVOR", "AGAINST", "NONE"]


def test_groups_must_be_aligned_with_matches() -> None:
    with pytest.raises(ValueError, match="groups must be aligned with matches: got 1 keys"):
        score_stances(load_model(), ["a", "b"], [TopicMatch("trade")] * 2, groups=["kessler"])


def test_the_topic_crossed_design_matches_the_plain_construction_entry_for_entry() -> None:
    rng = np.random.default_rng(3)
    dense = rng.random((9, 7)) * (rng.random((9, 7)) < 0.4)
    base = sp.csr_matrix(dense)
    base.indices = base.indices.copy()
    for i in range(base.shape[0]):  # rows listed in no particular order, as the design has them
        lo, hi = base.indptr[i], base.indptr[i + 1]
        order = rng.permutation(hi - lo) + lo
        base.indices[lo:hi] = base.indices[order]
        base.data[lo:hi] = base.data[order]
    rows = [0, 2, -1, 1, 1, 0, -1, 2, 0]
    fast, plain = _cross(base, rows, 3), _cross_reference(base, rows, 3)
    assert fast.shape == plain.shape
    assert fast.indptr.tolist() == plain.indptr.tolist()
    assert fast.indices.tolist() == plain.indices.tolist()
    assert fast.data.tolist() == plain.data.tolist()


DESIGN_PAIRS = [
    ("Officials said they would not lift the sanctions.", "sanctions"),
    ("Trade, trade and more TRADE: the ministers’ forum opens on Monday.", "trade"),
    ("", "trade"),
    ("İstanbul traders didn't support lifting the ban at all.", "a topic the model never saw"),
    ("Officials said they would not lift the sanctions.", "trade"),  # a text met again
]


@pytest.mark.parametrize(
    "pairs", [DESIGN_PAIRS, DESIGN_PAIRS[:1], DESIGN_PAIRS[2:3], DESIGN_PAIRS[3:4]]
)
def test_the_design_built_directly_matches_the_stacked_and_crossed_blocks_entry_for_entry(
    pairs: list[tuple[str, str]],
) -> None:
    model = load_model()
    model._check()
    texts = [t for t, _ in pairs]
    lexicon, _ = model._lexicon(pairs)
    blocks = [
        _tfidf_of_counts(model._word_counts(texts), model.word_idf_),
        _tfidf_of_counts(model._char_counts(texts), model.char_idf_),
        sp.csr_matrix(lexicon),
    ]
    rows = [model._topic_index.get(t, -1) for _, t in pairs]
    plain = _cross(sp.hstack(blocks, format="csr"), rows, len(model.topic_names_))
    design, _ = model._design(pairs)
    assert design.shape == plain.shape
    assert design.indptr.tolist() == plain.indptr.tolist()
    assert design.indices.tolist() == plain.indices.tolist()
    assert design.data.tolist() == plain.data.tolist()


WINDOW_TEXTS = [
    "Officials said they would not lift the sanctions, arguing that pressure works.",
    "“We won’t ease the embargo,” the minister’s aide said; critics called it a mistake.",
    "The so-called anti-terror law, critics say, has never been a well-tested tool.",
    "If the tariffs were imposed, exporters—already hurt—would lose (again) market share.",
    "ΟΔΥΣΣΕΑΣ said Athens did not oppose the measures, but THE ΣΥΜΦΩΝΙΑ stalled.",
    "İstanbul traders didn't support lifting the ban at all.",
]


@pytest.mark.parametrize("text", WINDOW_TEXTS)
def test_matching_a_window_on_the_texts_tokens_equals_matching_the_window_alone(
    text: str,
) -> None:
    prep = _prepare(TOPICS["sanctions"], default_scope_words())
    matchers = [prep.negators, prep.framers, prep.endorsers, prep.reversers, prep.conditionals]
    matchers += [prep.judgements, prep.lex.cues, prep.names]
    words = _Words(text)
    for matcher in [*matchers, prep.references, prep.pointers, prep.policy]:
        assert words.whole(matcher) == matcher.find(text)
    # windows run from a word start to the start of a matched word (or the end)
    ends = sorted({m.start() for m in re.finditer(r"\w+(?:['’]\w+)*", text)} | {len(text)})
    for matcher in matchers:
        for a in words.starts:
            for b in ends:
                alone = [(s + a, e + a, i) for s, e, i in matcher.find(text[a:b])]
                assert words.find(matcher, text, a, b) == alone, (a, b)


@pytest.mark.parametrize("text", [*WINDOW_TEXTS, "", "  -- ", "a''b ’c’ (d) x-y—z “q”"])
def test_word_starts_are_where_the_word_pattern_finds_the_words(text: str) -> None:
    from stance.model import _WORD

    words = _Words(text)
    assert words.starts == [m.start() for m in _WORD.finditer(text)]
    assert words.words == [m.group(0).lower() for m in _WORD.finditer(text)]


CHAR_TEXTS = [
    "Officials said they would not lift the sanctions.",
    "",
    "Trade, trade and more TRADE: the ministers’ forum opens on Monday.",
    "   ",
    "Officials said they would not lift the sanctions.",  # a text met again
    "İstanbul traders didn't support lifting the ban at all.",
]


def test_character_counts_of_the_batch_product_equal_text_by_text_counts() -> None:
    model = load_model()
    model._check()
    analyzer, vocabulary = model._char_analyzer, model._char_cv.vocabulary
    indices: list[int] = []
    indptr = [0]
    for text in CHAR_TEXTS:
        for word in text.lower().split():
            indices.extend(vocabulary[g] for g in analyzer(word) if g in vocabulary)
        indptr.append(len(indices))
    plain = _counts_matrix(indices, indptr, len(model.char_vocabulary_))
    counts = model._char_counts(CHAR_TEXTS)
    assert counts.shape == plain.shape
    assert counts.indptr.tolist() == plain.indptr.tolist()
    assert counts.indices.tolist() == plain.indices.tolist()
    assert counts.data.tolist() == plain.data.tolist()


def test_shipped_model_is_what_its_training_script_makes(tmp_path: Path) -> None:
    """The default model embeds the topic file it was trained with: a change of the topic
    file or of the training sentences without a retrain would leave it stale."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    script = root / "benchmarks" / "train_default_model.py"
    out = tmp_path / "model.npz"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, cwd=tmp_path)
    shipped = root / "stance" / "data" / "model"
    assert (tmp_path / "model.json").read_bytes() == (shipped / "model.json").read_bytes()
    made, kept = np.load(out), np.load(shipped / "model.npz")
    assert sorted(made.files) == sorted(kept.files)
    for name in made.files:
        assert np.array_equal(made[name], kept[name]), name


def test_reports_lean_to_none() -> None:
    model = load_model()
    text = "She said Washington must impose tougher sanctions."
    match = TopicMatch("sanctions", terms=("sanctions",))
    [free] = score_stances(model, [text], [match], reports=[False])
    [report] = score_stances(model, [text], [match], reports=[True])
    assert free.stance == "FAVOR"
    assert report.stance == "NONE"
    assert abs(report.score) < abs(free.score)
    [unmoved] = score_stances(model, [text], [match], reports=[True], report_weight=0.0)
    assert unmoved == free
    with pytest.raises(ValueError, match="reports must be aligned with matches: got 2 flags"):
        score_stances(model, [text], [match], reports=[True, False])
