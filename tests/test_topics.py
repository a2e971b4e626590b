"""Topic files and topic detection: whole words, exclusions, several topics, carry-over."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.model import cue_polarities
from stance.topics import (
    default_opposed_targets,
    default_topics,
    detect_topics,
    load_opposed_targets,
    load_topics,
    read_topic_file,
)
from stance.types import InputError, Sentence, Topic


def sentences(*texts: str, paragraphs: list[int] | None = None) -> list[Sentence]:
    out = []
    start = 0
    for i, text in enumerate(texts):
        paragraph = paragraphs[i] if paragraphs is not None else 0
        out.append(Sentence("t", i, start, start + len(text), text, paragraph=paragraph))
        start += len(text) + 1
    return out


def topics_of(*texts: str, **kwargs: object) -> list[set[str]]:
    found = detect_topics(sentences(*texts), default_topics(), **kwargs)  # type: ignore[arg-type]
    return [{m.topic for m in ms} for ms in found]


def test_default_topics_are_the_four_of_annotation() -> None:
    topics = load_topics()
    assert [t.name for t in topics] == ["sanctions", "terrorism", "afghanistan", "trade"]
    for topic in topics:
        assert topic.target and topic.description
        assert topic.terms and topic.favor_cues and topic.against_cues and topic.references
    assert "government-sanctioned" in topics[0].exclusions
    assert default_topics() == topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Union imposed new sanctions on Minsk on Friday.", {"sanctions"}),
        ("Washington kept the oil embargo in place.", {"sanctions"}),
        ("Talks on the nuclear deal resume in Vienna next week.", {"sanctions"}),
        ("The government-sanctioned rally drew thousands to the square.", set()),
        ("Counter-terrorism officers detained two men in Leeds.", {"terrorism"}),
        ("The militants of Islamic State claimed the bombing.", {"terrorism"}),
        ("Police broke up a ring trafficking migrants across the border.", set()),
        ("The Taliban took control of Kunduz overnight.", {"afghanistan"}),
        ("Exports of wheat to Egypt rose by four percent.", {"trade"}),
        ("Ministers discussed economic cooperation between the neighbours.", {"trade"}),
        ("The two leaders agreed to deepen ties and improve relations.", set()),
        ("The trade union called a strike at the port.", set()),
        ("A trader and a trademark lawyer shared the stage.", set()),
        ("SANCTIONS ON THE REGIME WILL STAY, THE MINISTER SAID.", {"sanctions"}),
        ("A trade ban on Russian steel took effect on Monday.", {"sanctions", "trade"}),
        ("Kabul warned that new tariffs would hurt Afghan exporters.", {"afghanistan", "trade"}),
        # synonyms ANNOTATION.md lists
        ("Seoul threatened to retaliate against the duties.", {"sanctions"}),
        ("The Treasury's sanctions waiver expires in June.", {"sanctions"}),
        ("The JCPOA was signed in Vienna in 2015.", {"sanctions"}),
        ("Daesh claimed the killing of the two guards.", {"terrorism"}),
        ("The Nafta talks resumed in Ottawa.", {"trade"}),
        ("The WTO ruled against the quotas.", {"trade"}),
        ("Restrictions on investment in the mining sector were eased.", {"sanctions", "trade"}),
        # generic names of measures and groups
        ("Tokyo tightened export controls on drone parts.", {"sanctions", "trade"}),
        ("The Treasury's designations cover four shipping firms.", {"sanctions"}),
        ("Canada ordered an asset freeze on the three generals.", {"sanctions"}),
        ("Militants attacked an army post near the border.", {"terrorism"}),
        ("The Pakistani Taliban claimed the attack on the checkpoint.", {"terrorism"}),
        ("A militant union called a walkout at the docks.", set()),
        # names of measures that hold no word "sanctions"
        ("Managua's envoy described an economic blockade of her country.", {"sanctions"}),
        ("The council met to discuss the coal ban on Pyongyang.", {"sanctions"}),
        ("Police said the bomb plot targeted a concert hall.", {"terrorism"}),
        # a pipeline is trade only when trade was named just before (a reference)
        ("Divers found a leak in the gas pipeline off the coast.", set()),
        # a licence is no topic on its own
        ("She renewed her driving licence in March.", set()),
        # a country's own export ban (raw ore, grain) is trade policy; one aimed at a
        # destination is a sanction too
        ("Lima widened the export ban so that it now covers raw copper.", {"trade"}),
        ("Sawmill owners say curbs on exporting raw logs push prices down.", {"trade"}),
        ("The province's coal ban cleared the air in its cities.", set()),
        # ... as is one that names the good and then the destination
        ("Oslo is weighing an export ban on chips to the regime.", {"sanctions", "trade"}),
        ("Ottawa imposed a ban on exports to the junta.", {"sanctions", "trade"}),
        ("The council weighed an export ban against Pyongyang.", {"sanctions", "trade"}),
        # names of coercive measures and of undoing them
        ("Beijing called the chip rules economic bullying.", {"sanctions"}),
        ("The exiles want a court to unfreeze their assets abroad.", {"sanctions"}),
        # unfreezing talks or wages is no sanction
        ("Both sides agreed to unfreeze the talks in May.", set()),
        # the plain vocabulary of each topic, as any news writer uses it
        ("Treasury blacklists three shipping firms in Dubai.", {"sanctions"}),
        ("The tycoon asked a court to have him delisted.", {"sanctions"}),
        ("OFAC added the two banks on Thursday.", {"sanctions"}),
        ("The G7 may lower the price caps on refined fuel.", {"sanctions"}),
        # tariffs that punish a country's customers are both
        (
            "Buyers of the crude could face secondary tariffs, she warned.",
            {"sanctions", "trade"},
        ),
        ("Most of the cargo now moves on the shadow fleet.", {"sanctions"}),
        ("Several Russian lenders were cut off from SWIFT in 2022.", {"sanctions"}),
        ("His assets were frozen in March.", {"sanctions"}),
        ("The ministry imposed visa restrictions on four judges.", {"sanctions"}),
        ("Jihadis overran two villages near the border.", {"terrorism"}),
        ("An IED struck the convoy outside the town.", {"terrorism"}),
        ("The home secretary ordered the proscription of the network.", {"terrorism"}),
        ("Police arrested a man they called part of a sleeper cell.", {"terrorism"}),
        ("About 40 foreign fighters remain in the camp.", {"terrorism"}),
        ("The PKK claimed the ambush in the south-east.", {"terrorism"}),
        ("Officials blamed Islamic State Khorasan for the blast.", {"terrorism"}),
        ("UNAMA said civilian casualties had fallen.", {"afghanistan"}),
        ("Floods destroyed houses in Badakhshan and Takhar.", {"afghanistan"}),
        ("Trucks queued for days at Torkham.", {"afghanistan"}),
        ("Karzai urged the clerics to reopen the girls' schools.", {"afghanistan"}),
        ("Farmers there have long opposed Mercosur.", {"trade"}),
        ("The USMCA review is due next summer.", {"trade"}),
        ("Shipments under the de minimis rule have tripled.", {"trade"}),
        ("Brussels opened an anti-dumping case against the mills.", {"trade"}),
        ("The two neighbours signed an investment treaty.", {"trade"}),
        ("Carmakers argued over rules of origin for batteries.", {"trade"}),
        # words of the topics that mean something else in other stories
        ("The blast furnace was relit in May.", set()),
        ("She was designated driver for the evening.", set()),
        ("The committee will discuss its duties at the next meeting.", set()),
        ("A swift response from the council calmed the residents.", set()),
        ("The victims of the flood were housed in schools.", set()),
    ],
)
def test_direct_matches(text: str, expected: set[str]) -> None:
    assert topics_of(text) == [expected]


def test_matches_hold_surface_terms_and_are_not_carried() -> None:
    [found] = detect_topics(sentences("Sanctions and an embargo followed."), default_topics())
    [match] = found
    assert match.topic == "sanctions"
    assert set(match.terms) == {"Sanctions", "embargo"}
    assert not match.carried


def test_output_is_aligned_and_empty_sentences_have_no_topics() -> None:
    texts = ("Nothing here.", "Exports fell.", "Still nothing.")
    found = detect_topics(sentences(*texts), default_topics(), paragraph_carry=False)
    assert len(found) == 3
    assert [bool(ms) for ms in found] == [False, True, False]


def test_reference_carries_topic_from_previous_sentence() -> None:
    found = detect_topics(
        sentences(
            "The ministers vowed to fight terrorism together.",
            "Both countries will step up their cooperation in this area, she said.",
        ),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    [carried] = found[1]
    assert carried.topic == "terrorism"
    assert carried.carried
    assert carried.terms == ("in this area",)


def test_reference_without_topic_nearby_carries_nothing() -> None:
    found = detect_topics(
        sentences(
            "The ministers vowed to fight terrorism together.",
            "The weather was fine.",
            "Lunch was served at noon.",
            "The guests left early.",
            "Coffee came late.",
            "Both sides will work harder in this area.",
        ),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    assert found[5] == ()


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Budapest still objects to the package.", ("sanctions",)),
        ("Hungary still objects to the curbs on gas.", ("sanctions",)),
        ("Prices went up.", ()),  # a one-word reference stays within four sentences
    ],
)
def test_phrase_reference_reaches_the_subject_of_the_article(
    last: str, expected: tuple[str, ...]
) -> None:
    found = detect_topics(
        sentences(
            "EU ministers argue over new sanctions on Russia.",
            "The sanctions would hit banks and shipping.",
            "The meeting ran late.",
            "The weather was fine.",
            "Lunch was served at noon.",
            "The guests left early.",
            last,
        ),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    assert tuple(m.topic for m in found[6]) == expected


CURBS = "Washington widened its export controls on chip tools to Beijing."
STRIKES = "Tashkent said it might bomb smuggling routes in northern Afghanistan."


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # curbs and controls that punish a country are trade measures as well
        (
            CURBS,
            "Tokyo and The Hague may follow with similar restrictions of their own.",
            {"sanctions", "trade"},
        ),
        # a ban, enforcing or freezing something named, the repeal, in a sanctions context:
        # the sanctions
        (
            CURBS,
            "Nobody should waive a ban like that without something in return, she argued.",
            {"sanctions"},
        ),
        (CURBS, "Port inspectors began enforcing those resolutions on Monday.", {"sanctions"}),
        (CURBS, "Inspectors have long been enforcing existing rules at the border.", {"sanctions"}),
        (CURBS, "A handful of lawmakers pledged to fight the repeal in committee.", {"sanctions"}),
        (CURBS, "A bank in Riga froze their accounts overnight.", {"sanctions"}),
        # a loophole in the curbs is both topics again
        (
            CURBS,
            "Regulators moved to shut a loophole in the curbs that let resellers ship them.",
            {"sanctions", "trade"},
        ),
        # drone strikes after Afghanistan are strikes there; the verb "strike" carries nothing
        (
            STRIKES,
            "Envoys worried that such drone strikes could widen the conflict.",
            {"afghanistan"},
        ),
        (STRIKES, "Dockers across the port went on strike.", set()),
        # general words of a topic's field refer back to the topic named just before
        (
            "The EU widened its sanctions on Russian oil in June.",
            "Officials say evasion through third countries is rising.",
            {"sanctions"},
        ),
        (
            "The sanctions list now names 40 vessels.",
            "Most of the tankers sail without transponders, investigators said.",
            {"sanctions"},
        ),
        (
            "The terror network moved money through Nairobi.",
            "The financier was arrested in Mombasa.",
            {"terrorism"},
        ),
        (
            "Two terrorists attacked the checkpoint at dawn.",
            "The assailants fled in a pickup, police said.",
            {"terrorism"},
        ),
        (
            "The Taliban closed the last girls' schools in the north.",
            "The de facto authorities gave no reason.",
            {"afghanistan"},
        ),
        (
            "Canada put tariffs on U.S. steel in July.",
            "The levies will stay until Washington drops its own.",
            {"trade"},
        ),
    ],
)
def test_references_of_measures_carry_their_topics(
    first: str, last: str, expected: set[str]
) -> None:
    found = detect_topics(
        sentences(first, last), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert {m.topic for m in found[1]} == expected
    assert all(m.carried for m in found[1])


@pytest.mark.parametrize(
    ("first", "last"),
    [
        # general words of the field carry a topic only bound to what they name: police,
        # a repeal, a restricted area, union negotiators, a broadcaster's licence, a pay
        # strike or a pipeline leak are no sanctions, trade or Afghanistan after all
        (CURBS, "Law enforcement officials said the burglars fled on foot."),
        (CURBS, "Frost will freeze the harbour by January."),
        (CURBS, "Campaigners want a repeal of the stamp duty."),
        (CURBS, "Visitors may not enter the restricted area near the dam."),
        (CURBS, "Union negotiators walked out of the pay talks."),
        (CURBS, "A radio station in Gdansk lost its broadcasting licence."),
        (CURBS, "The mayor promised to close loopholes in the parking code."),
        (STRIKES, "Teachers threatened more strikes over pay."),
        # the same words far from the topic, or before another topic, carry nothing
        (
            "The mayor opened the new bridge on Monday.",
            "Officials say tax evasion is rising.",
        ),
        (
            "Ottawa raised tariffs on dairy imports from the bloc.",
            "The assailants fled in a pickup, police said.",
        ),
    ],
)
def test_general_words_do_not_carry_a_measure(first: str, last: str) -> None:
    found = detect_topics(
        sentences(first, last), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert found[1] == ()


def test_a_pipeline_carries_trade_named_just_before() -> None:
    found = detect_topics(
        sentences(
            "Baku and Ankara signed a gas export accord in April.",
            "Work on the gas pipeline starts in spring.",
        ),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    assert [(m.topic, m.carried) for m in found[1]] == [("trade", True)]


def test_reference_does_not_chain_through_another_reference() -> None:
    texts = (
        "Brussels extended the sanctions on Moscow.",
        "The measures hit banks hardest.",
        "Traders watched closely.",
        "Prices fell.",
        "Markets closed early.",
        "The measures were debated again.",
    )
    found = detect_topics(
        sentences(*texts), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert [m.topic for m in found[1]] == ["sanctions"]
    assert found[5] == ()


def test_the_ban_carries_over_across_a_paragraph_break() -> None:
    found = detect_topics(
        sentences(
            "Wellington slapped an export ban on fuel to the junta, diesel first.",
            "Farmers said the ban would cost them dearly.",
            paragraphs=[0, 1],
        ),
        default_topics(),
    )
    assert {m.topic for m in found[1]} >= {"sanctions"}
    assert all(m.carried for m in found[1])


def test_pronoun_carries_topics_within_a_paragraph_only() -> None:
    texts = ("Imports from Vietnam doubled last year.", "They are expected to grow again.")
    same = detect_topics(
        sentences(*texts, paragraphs=[0, 0]), default_topics(), paragraph_carry=False
    )
    other = detect_topics(
        sentences(*texts, paragraphs=[0, 1]), default_topics(), paragraph_carry=False
    )
    assert [(m.topic, m.carried) for m in same[1]] == [("trade", True)]
    assert other[1] == ()


def test_paragraph_carry_reaches_later_sentences_without_own_topic() -> None:
    texts = (
        "Kabul has seen three attacks on checkpoints this month.",
        "Residents say they no longer feel safe.",
        "Exports of fruit have collapsed.",
    )
    found = detect_topics(sentences(*texts), default_topics(), carry_pronouns=())
    assert [m.topic for m in found[1]] == ["afghanistan"]
    assert found[1][0].carried
    assert [m.topic for m in found[2]] == ["trade"]  # names its own topic: inherits nothing


def test_headline_inherits_nothing() -> None:
    sents = sentences("Exports collapse.", "It was expected.")
    headline = Sentence("t", 1, sents[1].start, sents[1].end, sents[1].text, 0, headline=True)
    found = detect_topics([sents[0], headline], default_topics())
    assert found[1] == ()


def test_detect_topics_refuses_a_string() -> None:
    with pytest.raises(TypeError, match="Sentence records expected"):
        detect_topics("Exports fell.", default_topics())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- topic files

USER_TOPIC = """
mode = "{mode}"

[[topics]]
name = "energy"
target = "building more nuclear power plants"
terms = ["reactor*", "nuclear power"]
phrases = ["power plant"]
favor_cues = ["build", "approve"]
against_cues = ["shut down", "phase out"]
"""


def write(tmp_path: Path, text: str, name: str = "topics.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_file_adds_to_defaults(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, USER_TOPIC.format(mode="add")))
    assert [t.name for t in topics] == ["sanctions", "terrorism", "afghanistan", "trade", "energy"]


def test_user_file_replaces_defaults(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, USER_TOPIC.format(mode="replace")))
    assert [t.name for t in topics] == ["energy"]
    assert topics[0].favor_cues == ("build", "approve")


def test_user_topic_with_a_default_name_overrides_it(tmp_path: Path) -> None:
    text = 'mode = "add"\n[[topics]]\nname = "trade"\ntarget = "more trade"\nterms = ["barter"]\n'
    topics = load_topics(write(tmp_path, text))
    trade = [t for t in topics if t.name == "trade"]
    assert len(trade) == 1 and trade[0].terms == ("barter",)


def test_wildcard_terms_match_inflections(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, USER_TOPIC.format(mode="replace")))
    found = detect_topics(
        sentences("Two reactors were approved.", "The reactor-building crew left.", "Reactive."),
        topics,
        paragraph_carry=False,
    )
    assert [bool(ms) for ms in found] == [True, True, False]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('mode = "add"\n[[topics]]\nname = "x"\ntarget = \n', r"topics\.toml:4: not valid TOML"),
        ('mode = "add"\n\n[[topics]]\nname = "x"\nterms = ["y"]\n', r"topics\.toml:3: .*'target'"),
        ('mode = "add"\n[[topics]]\ntarget = "x"\nterms = ["y"]\n', r"topics\.toml:2: .*'name'"),
        ('mode = "merge"\n[[topics]]\nname = "x"\ntarget = "y"\nterms = ["z"]\n', r":1: 'mode'"),
        ('mode = "add"\n[[topics]]\nname = "x"\ntarget = "y"\nterms = "z"\n', r"list of strings"),
        ('mode = "add"\n', r"expected one or more \[\[topics\]\]"),
        ('[[topics]]\nname = "x"\ntarget = "y"\n', r"needs at least one entry"),
        ('[[topics]]\nname = "x"\ntarget = "y"\nterms = ["a"]\ncolour = "red"\n', r"unknown key"),
        (
            'opposed_targets = [["x", "x"]]\n[[topics]]\nname = "x"\ntarget = "y"\nterms = ["a"]\n',
            r"topics\.toml:1: 'opposed_targets': each entry must be a pair of two different",
        ),
        (
            'opposed_targets = "x"\n[[topics]]\nname = "x"\ntarget = "y"\nterms = ["a"]\n',
            r"'opposed_targets' must be a list of pairs, got str",
        ),
    ],
)
def test_bad_topic_files_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_topics(write(tmp_path, text))


def test_opposed_targets_of_the_defaults_and_of_a_user_file(tmp_path: Path) -> None:
    assert default_opposed_targets() == (("sanctions", "trade"),)
    text = 'opposed_targets = [["energy", "climate"]]\n' + USER_TOPIC.format(mode="add")
    assert read_topic_file(write(tmp_path, text)).opposed_targets == (("energy", "climate"),)
    assert read_topic_file(write(tmp_path, USER_TOPIC.format(mode="add"))).opposed_targets == ()


def test_missing_and_non_utf8_topic_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.toml: no such file"):
        load_topics(tmp_path / "absent.toml")
    bad = tmp_path / "latin.toml"
    bad.write_bytes('name = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(InputError, match=r"latin\.toml:1: not UTF-8"):
        load_topics(bad)


# twenty quoted words with the prefix given to format(): "x0", "x1", ..., "x19"
_WORDS20 = ", ".join(f'"{{0}}{n}"' for n in range(20))

COMPOSED_TOPIC = """
mode = "replace"

[[topics]]
name = "energy"
target = "building more nuclear power plants"
terms = ["reactor*"]
favor_cues = [
    "approve",
    {entry}
    "subsidy",
]
"""


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # every verb, then every determiner, then every noun; "" leaves its place out
        (
            '{ verbs = ["build", "built"], determiners = ["", "new"], nouns = ["reactor*"] },',
            ["build reactor*", "build new reactor*", "built reactor*", "built new reactor*"],
        ),
        # the last list varies fastest
        (
            '{ verbs = ["restart"], nouns = ["the reactor", "the plant"] },',
            ["restart the reactor", "restart the plant"],
        ),
        # words after the noun
        (
            '{ nouns = ["permits", "licences"], after = ["approved", "should be renewed"] },',
            [
                "permits approved",
                "permits should be renewed",
                "licences approved",
                "licences should be renewed",
            ],
        ),
        # all four lists, and a table may span lines inside its lists
        (
            '{ verbs = [\n    "keep",\n], determiners = ["the"], nouns = ["plant"], '
            'after = ["open", "running"] },',
            ["keep the plant open", "keep the plant running"],
        ),
        # nouns alone, and spaces around words are trimmed
        ('{ nouns = [" grid upgrade ", "baseload"] },', ["grid upgrade", "baseload"]),
    ],
)
def test_composed_entries_expand_in_place(tmp_path: Path, entry: str, expected: list[str]) -> None:
    [topic] = load_topics(write(tmp_path, COMPOSED_TOPIC.format(entry=entry)))
    assert topic.favor_cues == ("approve", *expected, "subsidy")


def test_composed_phrases_name_a_topic(tmp_path: Path) -> None:
    text = (
        'mode = "replace"\n[[topics]]\nname = "energy"\ntarget = "more nuclear power"\n'
        'phrases = [{ determiners = ["", "the"], nouns = ["power"], after = ["grid", "plant"] }]\n'
    )
    topics = load_topics(write(tmp_path, text))
    assert topics[0].phrases == ("power grid", "power plant", "the power grid", "the power plant")
    found = detect_topics(
        sentences("The power-plant workers went home.", "Power lines fell."),
        topics,
        paragraph_carry=False,
    )
    assert [bool(ms) for ms in found] == [True, False]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            '{ verb = ["build"], nouns = ["reactor*"] },',
            r"topics\.toml:10: topic 'energy': the composed table at entry #2 of 'favor_cues' "
            r"has unknown key\(s\) verb; expected verbs, determiners, nouns, after$",
        ),
        (
            '{ verbs = ["build"], determiners = ["a"] },',
            r"topics\.toml:10: .*table at entry #2 of 'favor_cues' is missing the required "
            r"key 'nouns'$",
        ),
        ('{ verbs = "build", nouns = ["reactor*"] },', r"'verbs' must be a non-empty list .*str$"),
        ('{ verbs = [], nouns = ["reactor*"] },', r"'verbs' must be .*, got an empty list$"),
        ('{ nouns = ["reactor*", 3] },', r"'nouns' must be .*, got a list holding int$"),
        ('{ verbs = ["build"], nouns = ["", "plant"] },', r"'nouns' must not hold an empty str"),
        ("4,", r"topics\.toml:8: .*'favor_cues' must be a list of strings and composed tables, "),
        # the line named is the line where the faulty entry opens, not the list's or topic's
        (
            '{ nouns = ["plant"] },\n    "permit",\n    { verbs = ["build"], nouns = [\n"x", 2] },',
            r"topics\.toml:12: .*table at entry #4 of 'favor_cues': 'nouns' must be ",
        ),
        # one entry may not stand for more than 5,000 phrases
        (
            "{ verbs = ["
            + _WORDS20.format("v")
            + "], determiners = ["
            + _WORDS20.format("d")
            + "], nouns = ["
            + _WORDS20.format("n")
            + "] },",
            r"topics\.toml:10: .*entry #2 of 'favor_cues' stands for 8000 phrases; at most 5000 ",
        ),
    ],
)
def test_malformed_composed_entries_name_file_and_line(
    tmp_path: Path, entry: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_topics(write(tmp_path, COMPOSED_TOPIC.format(entry=entry)))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ending or narrowing relief from the sanctions keeps them
        ("Regulators revoked their waivers last week.", [("revoked their waivers", 1)]),
        ("Congress may stop extending the licences.", [("stop extending the licences", 1)]),
        ("Fewer exemptions will be handed out next year.", [("fewer exemptions", 1)]),
        ("The licenses should be revoked, she said.", [("licenses should be revoked", 1)]),
        # granting, renewing or keeping it eases them
        ("Brussels keeps granting its exemptions to friends.", [("granting its exemptions", -1)]),
        ("The Treasury renews licences every six months.", [("renews licences", -1)]),
        ("He wants the waivers kept in place.", [("waivers kept in place", -1)]),
        ("Traders asked to keep their licences in place.", [("keep their licences in place", -1)]),
        # holding one states nothing
        ("Two refineries in Gujarat hold exemptions.", []),
        # a report of a ban is no support for it; banning exports to a country is
        ("The ban on copper shipments came into force in 2019.", []),
        ("Lawmakers banned exports to the junta in March.", [("banned exports to", 1)]),
        ("The sanctions remain in place, she said.", [("in place", 1)]),
        # police enforcement is no enforcement of sanctions
        ("Law enforcement officials said the sanctions evader fled.", []),
    ],
)
def test_default_sanctions_cues_on_relief_and_bans(
    text: str, expected: list[tuple[str, int]]
) -> None:
    found = cue_polarities(text, default_topics()[0])
    assert [(surface.lower(), polarity) for surface, polarity, _, _ in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # doubling trade is wanted; doubling imports or tariffs says nothing of the sort
        ("Both capitals vowed to triple two-way commerce.", [("triple two-way commerce", 1)]),
        ("Cheap imports of tyres may double next year, the guild cautioned.", []),
        ("Pretoria doubled its tariffs on steel coils.", [("tariffs", -1)]),
        # halting trade opposes it; halting something else does not
        ("Vilnius threatened to suspend all trade with Minsk.", [("suspend all trade", -1)]),
        ("A fire halted work at the plant, and exports slowed.", []),
    ],
)
def test_default_trade_cues_need_their_object(text: str, expected: list[tuple[str, int]]) -> None:
    found = cue_polarities(text, default_topics()[3])
    assert [(surface.lower(), polarity) for surface, polarity, _, _ in found] == expected


def test_topic_records_are_frozen() -> None:
    topic = default_topics()[0]
    assert isinstance(topic, Topic)
    with pytest.raises(AttributeError):
        topic.name = "other"  # type: ignore[misc]


def test_paragraph_carry_fades_after_three_sentences() -> None:
    texts = (
        "Exports of fruit collapsed last year.",
        "Growers blamed the weather.",
        "Prices rose in the cities.",
        "Shops ran short of apples.",
        "Some growers gave up.",
    )
    found = detect_topics(sentences(*texts), default_topics(), carry_pronouns=())
    assert [bool(ms) for ms in found] == [True, True, True, True, False]


@pytest.mark.parametrize(
    ("first", "second", "topic"),
    [
        # a general word refers back to the topic only right after the topic is named
        (
            "The terror attack killed nine people in the market.",
            "Every police force needs better intelligence, the minister said.",
            "terrorism",
        ),
        (
            "The two countries agreed to lower tariffs on cars.",
            "Consumers will pay lower prices within a year, she said.",
            "trade",
        ),
        (
            "The sanctions on the junta were lifted in May.",
            "Officials said the move would reward the reforms.",
            "sanctions",
        ),
        # licences, waivers and exemptions from the sanctions are the sanctions' relief
        (
            "The sanctions on the oil sector stay, with a few exceptions.",
            "Only three shippers were given the licences this year.",
            "sanctions",
        ),
        (
            "Washington tightened the sanctions on the regime in March.",
            "Shippers asked for the exemptions to be widened.",
            "sanctions",
        ),
        # a ban on exports is a trade measure, whatever its purpose
        (
            "Harare halted the export of raw lithium in 2022.",
            "Small diggers complain that the ban drove their buyers away.",
            "trade",
        ),
        # the negotiators of a nuclear deal negotiate its sanctions
        (
            "Talks on the nuclear deal stalled in June.",
            "The negotiators are due back in Muscat after the holiday.",
            "sanctions",
        ),
    ],
)
def test_general_references_carry_a_topic_named_just_before(
    first: str, second: str, topic: str
) -> None:
    found = detect_topics(
        sentences(first, second, paragraphs=[0, 1]),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    assert topic in {m.topic for m in found[1]}
    assert all(m.carried for m in found[1])
    alone = detect_topics(sentences(second), default_topics())
    assert alone == [()]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Trade",
                "talks",
                "don’t",
                "it's",
                "'",
                "’",
                "-",
                " ",
                "  ",
                "\n",
                ",",
                "9/11",
                "İstanbul",
                "ǅ",
                "_",
                "x_y",
                "ß",
                "2025",
            ]
        ),
        max_size=40,
    )
)
def test_word_offsets_are_those_of_the_pattern(pieces: list[str]) -> None:
    """The word tokens (found by offsets of the words) are where the pattern finds them."""
    from stance.topics import _TOKEN, _tokens

    text = "".join(pieces)
    low = text.lower().replace("’", "'")
    source = low if len(low) == len(text) else text
    expected = tuple(
        (m.start(), m.end(), m.group(0).lower().replace("’", "'")) for m in _TOKEN.finditer(source)
    )
    assert _tokens(text) == expected


MATCHER_ENTRIES = (
    "lift sanctions",
    "lift the sanctions on",
    "trade war",
    "trade",
    "free-trade deal*",
    "ease curb*",
    "in the long run",
    "in danger",
    "risk",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "lift",
                "sanctions",
                "the",
                "on",
                "trade",
                "war",
                "free",
                "deal",
                "deals",
                "ease",
                "curbs",
                "eased",
                "curb",
                "in",
                "long",
                "run",
                "danger",
                "risk",
                "-",
                "—",
                ",",
                ".",
            ]
        ),
        max_size=30,
    )
)
def test_the_two_word_index_only_skips_what_cannot_match(words: list[str]) -> None:
    """Matching with the index of entries' first two words finds what trying every entry
    length at every candidate word finds."""
    from stance.topics import PhraseMatcher

    text = " ".join(words)
    indexed = PhraseMatcher(MATCHER_ENTRIES)
    exhaustive = PhraseMatcher(MATCHER_ENTRIES)
    exhaustive._loose_pairs.update(exhaustive._lengths)  # every first word: try all lengths
    exhaustive._only_multi = {}  # and no first word skipped for want of its second
    assert indexed.find(text) == exhaustive.find(text)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (("lift sanctions", "Trade", "ease curb*"), frozenset({"lift", "trade", "ease"})),
        (("lift sanctions", "sanction*"), None),  # a one-word prefix can start anywhere
        ((), frozenset()),
    ],
)
def test_first_words_of_a_matcher(
    entries: tuple[str, ...], expected: frozenset[str] | None
) -> None:
    from stance.topics import PhraseMatcher

    assert PhraseMatcher(entries).first_words == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("lift", "sanctions", "sanctioned", "the", "on", "trade", "war", "free"),
                *("deals", "ease", "curbs", "in", "long", "run", "risk", "risky", "-", ","),
                *("’s", "Trade"),
            ]
        ),
        max_size=30,
    ),
    st.sampled_from([MATCHER_ENTRIES, (*MATCHER_ENTRIES, "sanction*", "risk*")]),
)
def test_find_is_the_longest_entry_at_each_word(words: list[str], entries: tuple[str, ...]) -> None:
    """The matcher's shortcut for words that start no longer entry finds what asking for the
    longest entry at every word finds (with and without one-word wildcards)."""
    from stance.topics import PhraseMatcher, word_tokens

    text = " ".join(words)
    matcher = PhraseMatcher(entries)
    toks = word_tokens(text)
    expected: list[tuple[int, int, int]] = []
    after = 0
    for i in range(len(toks)):
        if i < after:
            continue
        n, index = matcher._at(text, toks, i)
        if n:
            expected.append((toks[i][0], toks[i + n - 1][1], index))
            after = i + n
    assert matcher.find(text) == expected
    assert matcher.find(text, toks) == expected


def test_opposed_targets_follow_the_file_mode(tmp_path: Path) -> None:
    assert load_opposed_targets() == (("sanctions", "trade"),)
    energy = USER_TOPIC.replace('name = "energy"', 'name = "energy"') + (
        '\n[[topics]]\nname = "climate"\ntarget = "cutting emissions"\nterms = ["emission*"]\n'
    )
    added = 'opposed_targets = [["energy", "climate"]]\n' + energy.format(mode="add")
    assert load_opposed_targets(write(tmp_path, added)) == (
        ("sanctions", "trade"),
        ("energy", "climate"),
    )
    replaced = 'opposed_targets = [["energy", "climate"]]\n' + energy.format(mode="replace")
    assert load_opposed_targets(write(tmp_path, replaced)) == (("energy", "climate"),)
    # the defaults' pair is dropped where the file replaces the topics it names
    assert load_opposed_targets(write(tmp_path, energy.format(mode="replace"))) == ()


def test_opposed_targets_must_name_topics(tmp_path: Path) -> None:
    text = 'opposed_targets = [["energy", "weather"]]\n' + USER_TOPIC.format(mode="add")
    with pytest.raises(InputError, match=r"topics\.toml: 'opposed_targets' names 'weather'"):
        load_opposed_targets(write(tmp_path, text))


def test_analyzer_takes_the_opposed_targets_of_its_topic_file(tmp_path: Path) -> None:
    from stance.pipeline import Analyzer

    text = 'opposed_targets = [["energy", "sanctions"]]\n' + USER_TOPIC.format(mode="add")
    analyzer = Analyzer.create(write(tmp_path, text))
    assert analyzer.opposed == (("sanctions", "trade"), ("energy", "sanctions"))
    assert Analyzer.create().opposed == (("sanctions", "trade"),)


DEBATE = "Ministers defended the sanctions on the regime's potash exports."
TARIFF_ROW = "The new tariffs on steel took effect on Monday."


@pytest.mark.parametrize(
    ("first", "second", "topic"),
    [
        # a speaker arguing over an exemption, a licence or an easing of the sanctions
        (DEBATE, "She urged them to confirm that no licence would be issued.", "sanctions"),
        (DEBATE, "An exemption would only reward the regime, he said.", "sanctions"),
        (DEBATE, "Vilnius warned its allies against any relaxation.", "sanctions"),
        (DEBATE, "The tankers still sail without licences, the report says.", "sanctions"),
        (DEBATE, "The minister will publish any licensing decision.", "sanctions"),
        # the sanctions list, those measures, measures argued against
        (DEBATE, "Two shipping agents should be added to the list, she said.", "sanctions"),
        (DEBATE, "His lawyer said he could stay on the list for ever.", "sanctions"),
        (DEBATE, "Those measures answer an invasion, she wrote.", "sanctions"),
        (DEBATE, "He warned against measures that hurt ordinary people.", "sanctions"),
        # punishing, enforcing, unfreezing, a repeal, a loophole
        (DEBATE, "Are we punishing the regime or our own farmers?", "sanctions"),
        (DEBATE, "The report also faults the bloc's own enforcement.", "sanctions"),
        (DEBATE, "The council must start enforcing its own resolutions.", "sanctions"),
        (DEBATE, "Moscow demanded that Europe unfreeze them at once.", "sanctions"),
        (DEBATE, "Two senators said they would oppose repeal this year.", "sanctions"),
        (DEBATE, "The agency said it had closed a loophole last week.", "sanctions"),
        # duties and walls against imports are trade
        (TARIFF_ROW, "Every new duty invites a reply from the other side.", "trade"),
        (TARIFF_ROW, "Small economies suffer first when the giants build higher walls.", "trade"),
        (TARIFF_ROW, "Such duties rarely save the plants they were meant to save.", "trade"),
        (TARIFF_ROW, "The gains for manufacturers will not last, she argued.", "trade"),
        (TARIFF_ROW, "Both capitals should return to the negotiating table.", "trade"),
        # attackers, the groups behind them, a new round of strikes on Afghan soil
        (
            "The suicide bomber struck a checkpoint in Peshawar.",
            "Those who attacked the checkpoint will be found, the governor said.",
            "terrorism",
        ),
        (
            "Kabul must stop sheltering militants, the envoy said.",
            "The Taliban have to act against the groups on their soil.",
            "terrorism",
        ),
        (
            "Islamabad blamed fighters based in eastern Afghanistan for the raid.",
            "Diplomats fear a new round of strikes along the border.",
            "afghanistan",
        ),
    ],
)
def test_a_speakers_reference_to_the_measures_carries_their_topic(
    first: str, second: str, topic: str
) -> None:
    found = detect_topics(
        sentences(first, second, paragraphs=[0, 1]),
        default_topics(),
        paragraph_carry=False,
        carry_pronouns=(),
    )
    carried = {m.topic: m.carried for m in found[1]}
    assert carried.get(topic) is True
    assert topic not in topics_of(second)[0]


@pytest.mark.parametrize(
    ("first", "last"),
    [
        # everyday uses of the same words carry nothing
        (DEBATE, "Law enforcement officers closed the road."),
        (DEBATE, "The list of speakers was long."),
        (DEBATE, "It is our duty to listen, the chair said."),
        (TARIFF_ROW, "It is our duty to listen, the chair said."),
        (TARIFF_ROW, "The old walls of the town were restored."),
        (
            "Islamabad blamed fighters based in eastern Afghanistan for the raid.",
            "Teachers threatened more strikes over pay.",
        ),
    ],
)
def test_everyday_words_near_a_topic_carry_nothing(first: str, last: str) -> None:
    found = detect_topics(
        sentences(first, last), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert found[1] == ()


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # a one-word reference reaches the article's subject, named in three sentences
        (3, ("sanctions",)),
        (2, ()),
    ],
)
def test_one_word_reference_reaches_a_subject_named_three_times(
    mentions: int, expected: tuple[str, ...]
) -> None:
    named = [
        "EU ministers argue over new sanctions on Russia.",
        "The sanctions would hit banks and shipping.",
        "A gas embargo is the hardest part.",
    ][:mentions]
    filler = ["The meeting ran late.", "The weather was fine.", "Lunch was served at noon."]
    filler += ["The guests left early."]
    texts = [*named, *filler, "Eleven packages later, nothing has changed."]
    found = detect_topics(
        sentences(*texts), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert tuple(m.topic for m in found[-1]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Islamic State's local branch claimed the raid.",
        "Al Qaeda's leaders praised the attack.",
        "Boko Haram's fighters seized the town.",
    ],
)
def test_a_groups_possessive_names_terrorism(text: str) -> None:
    assert topics_of(text) == [{"terrorism"}]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # a general word of trade right before a sanctions term qualifies that term
        ("Economic sanctions remain the right tool, she wrote.", {"sanctions"}),
        # elsewhere in the sentence it still refers back to the trade just named
        ("The sanctions will have an economic cost here, she wrote.", {"sanctions", "trade"}),
    ],
)
def test_a_reference_qualifying_another_topics_term_carries_nothing(
    last: str, expected: set[str]
) -> None:
    found = detect_topics(
        sentences(TARIFF_ROW, last), default_topics(), paragraph_carry=False, carry_pronouns=()
    )
    assert {m.topic for m in found[1]} == expected
