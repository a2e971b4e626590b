"""Speaker attribution: a table of small news texts written for these tests, and the gold
corpus in ../shared (read at run time)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from stance.articles import article_from_text
from stance.sentences import split_sentences
from stance.speakers import attribute, canonicalize_across, load_aliases
from stance.types import Article, ArticleSpeakers, Attribution, Entity, InputError


def _run(text: str) -> tuple[list[str], ArticleSpeakers]:
    article = article_from_text(text, id="t")
    sentences = split_sentences(article)
    return [s.text for s in sentences], attribute(article, sentences)


# (id, text, sentence index, expected speakers)
CASES: list[tuple[str, str, int, tuple[str, ...]]] = [
    # direct speech, straight and curly marks
    ("direct-said-after", '"We will not back down," Maria Olsen said.', 0, ("Maria Olsen",)),
    ("direct-said-inverted", "“The talks were useful,” said Peter Lund.", 0, ("Peter Lund",)),
    ("direct-pronoun", "Maria Olsen arrived late. “We are ready,” she said.", 1, ("Maria Olsen",)),
    ("direct-colon-before", "Peter Lund told reporters: “The deal is done.”", 0, ("Peter Lund",)),
    (
        "direct-two-sentences",
        "“The plan is sound. It will pass,” said Senator Ana Ruiz.",
        0,
        ("Ana Ruiz",),
    ),
    (
        "direct-broken-by-attribution",
        "“We tried,” Ana Ruiz said, “but they refused.” The vote failed.",
        0,
        ("Ana Ruiz",),
    ),
    (
        "direct-after-attribution-continues",
        "“No,” said Tom Berg. “There is no deal yet.”",
        1,
        ("Tom Berg",),
    ),
    (
        "direct-multi-paragraph",
        "“We will fight for every job,” said Karl Moss, the union leader.\n\n“And we will win.”",
        1,
        ("Karl Moss",),
    ),
    (
        "direct-quote-opening-paragraph",
        "Karl Moss spoke to workers on Friday.\n\n“Nobody will lose a job,” he said.",
        1,
        ("Karl Moss",),
    ),
    (
        "nested-quote-outer-speaker",
        "“He told me, ‘Leave now,’ and I left,” said Ella Frost.",
        0,
        ("Ella Frost",),
    ),
    (
        "nested-double-quote-in-report",
        "Ella Frost said the minister had called the plan “a disaster.”",
        0,
        ("Ella Frost",),
    ),
    (
        "unbalanced-quote-no-crash",
        "“We will see what happens, said Ella Frost. The talks go on.",
        0,
        ("Ella Frost",),
    ),
    # reported speech and the verb lexicon
    ("reported-said-that", "Omar Haddad said that talks would resume.", 0, ("Omar Haddad",)),
    (
        "reported-told",
        "Omar Haddad told reporters the border would stay open.",
        0,
        ("Omar Haddad",),
    ),
    (
        "reported-stressed",
        "Lena Park stressed that the treaty must be ratified.",
        0,
        ("Lena Park",),
    ),
    ("reported-warned", "Lena Park warned that prices could rise.", 0, ("Lena Park",)),
    ("reported-urged", "Lena Park urged lawmakers to approve the budget.", 0, ("Lena Park",)),
    ("reported-insisted", "Lena Park insisted the figures were correct.", 0, ("Lena Park",)),
    ("reported-denied", "Lena Park denied that she had met the lobbyists.", 0, ("Lena Park",)),
    ("reported-called-for", "Lena Park called for an end to the blockade.", 0, ("Lena Park",)),
    (
        "reported-expressed-hope",
        "Lena Park expressed the hope that the ceasefire would hold.",
        0,
        ("Lena Park",),
    ),
    (
        "reported-acknowledged",
        "Lena Park acknowledged that mistakes had been made.",
        0,
        ("Lena Park",),
    ),
    ("reported-argued", "Lena Park argued that the tariff hurt farmers.", 0, ("Lena Park",)),
    ("reported-also-noted", "Lena Park also noted that exports had doubled.", 0, ("Lena Park",)),
    ("according-to", "According to Victor Hale, the plant will close in May.", 0, ("Victor Hale",)),
    (
        "according-to-end",
        "The plant will close in May, according to Victor Hale.",
        0,
        ("Victor Hale",),
    ),
    ("inverted-said-name", "The plant will close in May, said Victor Hale.", 0, ("Victor Hale",)),
    (
        "inverted-added-role",
        "Victor Hale spoke first. The plant will close, added the chief executive.",
        1,
        ("Victor Hale",),
    ),
    (
        "colon-lead-in",
        "Victor Hale spoke first.\n\nHe added: the plant will close.",
        1,
        ("Victor Hale",),
    ),
    (
        "tells-present",
        "Victor Hale tells the paper that the plant will close.",
        0,
        ("Victor Hale",),
    ),
    # titles, appositions
    (
        "title-before-name",
        "Foreign Minister Rana Aziz said the visit was a success.",
        0,
        ("Rana Aziz",),
    ),
    (
        "nationality-title-name",
        "Norwegian Trade Minister Olav Strand said exports had grown.",
        0,
        ("Olav Strand",),
    ),
    (
        "apposition-short",
        "Rana Aziz, the foreign minister, said the visit was a success.",
        0,
        ("Rana Aziz",),
    ),
    (
        "apposition-long",
        "Rana Aziz, a former negotiator at the trade body who served in Geneva, Vienna and "
        "Brussels for two decades, said the deal was fair.",
        0,
        ("Rana Aziz",),
    ),
    (
        "apposition-relative-clause",
        "Rana Aziz, who led the talks in 2019, said the deal was fair.",
        0,
        ("Rana Aziz",),
    ),
    (
        "description-then-name-apposition",
        "The trade minister, Mr. Strand, argues that tariffs are a mistake.",
        0,
        ("Strand",),
    ),
    ("mr-title-surname", "Mr. Strand said he would resign.", 0, ("Strand",)),
    (
        "parenthetical-party",
        "“We need the votes,” said Rep. Dana Cole (D-Ore.), who chairs the panel.",
        0,
        ("Dana Cole",),
    ),
    (
        "parenthesis-then-apposition",
        "Rep. Dana Cole (D-Ore.), chair of the budget panel, said the bill was dead.",
        0,
        ("Dana Cole",),
    ),
    (
        "person-of-organisation",
        "Priya Lane of the Lund Institute for Trade said tariffs would backfire.",
        0,
        ("Priya Lane",),
    ),
    (
        "collective-with-phrase-after",
        "Officials from both delegations said a working group would meet in May.",
        0,
        ("Officials from both delegations",),
    ),
    (
        "parenthetical-adverb",
        "Ana Ruiz spoke first.\n\nRuiz did, however, urge the council to act.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "according-to-pronoun",
        "Ana Ruiz spoke first. According to her, the vote was rigged.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "appositive-name-after-description",
        "The bank's chief economist, Ivo Marek, said rates would stay high.",
        0,
        ("Ivo Marek",),
    ),
    (
        "fullest-name-canonical",
        "Olav Strand arrived on Monday. Strand said the talks were over.",
        1,
        ("Olav Strand",),
    ),
    (
        "possessive-role",
        "The senator’s chief of staff Ivy Lane said the bill was dead.",
        0,
        ("Ivy Lane",),
    ),
    # pronouns and descriptions
    (
        "pronoun-he-said",
        "Olav Strand arrived on Monday. He said that the talks were over.",
        1,
        ("Olav Strand",),
    ),
    (
        "pronoun-after-two-speakers",
        "Olav Strand said the talks were over. Ivan Petrov said they were not. "
        "He added that a new round was possible.",
        2,
        ("Ivan Petrov",),
    ),
    (
        "pronoun-she-by-gender",
        "Mrs. Ana Ruiz met Mr. Tom Berg. She said the meeting went well.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "description-the-president",
        "President Mara Velez opened the summit. The president said trade would grow.",
        1,
        ("Mara Velez",),
    ),
    (
        "description-nationality",
        "Norwegian Foreign Minister Olav Strand met his Danish counterpart Lars Holm. "
        "The Danish diplomat said the border would stay open.",
        1,
        ("Lars Holm",),
    ),
    (
        "description-senior-official",
        "President Mara Velez said trade would grow. The senior official added that tariffs "
        "would fall.",
        1,
        ("Mara Velez",),
    ),
    (
        "two-diplomats-both",
        "Foreign Minister Olav Strand met Foreign Minister Lars Holm. "
        "The two ministers condemned the bombing.",
        1,
        ("Olav Strand", "Lars Holm"),
    ),
    (
        "two-diplomats-warned",
        "Ambassador Olav Strand met Ambassador Lars Holm in Riga. "
        "The two diplomats also warned that the truce was fragile.",
        1,
        ("Olav Strand", "Lars Holm"),
    ),
    (
        "conjoined-names",
        "Olav Strand and Lars Holm said the talks had failed.",
        0,
        ("Olav Strand", "Lars Holm"),
    ),
    # unnamed, collective and organisation sources
    (
        "unnamed-us-officials",
        "U.S. officials said the sanctions would stay.",
        0,
        ("U.S. officials",),
    ),
    (
        "unnamed-analysts",
        "Analysts said the market had already priced in the cut.",
        0,
        ("Analysts",),
    ),
    (
        "unnamed-foreign-ministry",
        "The foreign ministry said in a note that the ambassador had been summoned.",
        0,
        ("foreign ministry",),
    ),
    (
        "statement-from-organisation",
        "A statement from the interior ministry said the curfew would be lifted.",
        0,
        ("interior ministry",),
    ),
    (
        "organisation-speaking",
        "The central bank warned that inflation would rise.",
        0,
        ("central bank",),
    ),
    (
        "organisation-white-house",
        "The White House said the visit would go ahead.",
        0,
        ("White House",),
    ),
    (
        "organisation-acronym-canonical",
        "The Global Trade Council issued a forecast. The GTC said growth would slow.",
        1,
        ("Global Trade Council",),
    ),
    (
        "one-diplomat-joins-group",
        "Diplomats said the talks had stalled. One diplomat said a deal was unlikely.",
        1,
        ("Diplomats",),
    ),
    (
        "outlet-not-speaker",
        "Olav Strand said the deal was close, the Daily Courier reported.",
        0,
        ("Olav Strand",),
    ),
    (
        "document-author-shows",
        "A chart from a briefing that Mr. Olav Strand gives to investors shows exports rising.",
        0,
        ("Olav Strand",),
    ),
    (
        "relative-who-said",
        "Lars Holm met Olav Strand, now the trade minister, who in 2019 said tariffs were "
        "a mistake.",
        0,
        ("Olav Strand",),
    ),
    # narration
    ("modal-not-a-report", "Olav Strand spoke. They won't pin this on the weather.", 1, ()),
    ("narration-meeting", "Olav Strand met Lars Holm on Monday to discuss the border.", 0, ()),
    ("narration-scheduling", "Negotiations should start again on March 3.", 0, ()),
    ("refusal-to-comment", "A spokesman for the ministry declined to comment.", 0, ()),
    ("mentioned-not-speaking", "The report criticised Olav Strand for the delays.", 0, ()),
    ("passive-was-asked", "Olav Strand was asked about the delays.", 0, ()),
    ("narration-after-quote", "“We will win,” said Olav Strand. The crowd cheered loudly.", 1, ()),
    (
        "narration-time-setting",
        "Olav Strand said the plan was ready. That month, he left for Oslo.",
        1,
        (),
    ),
    # a country (or its capital) that opens the sentence speaks as its government
    ("place-opening-sentence-speaks", "Norway said the plan was ready.", 0, ("Norway",)),
    (
        "place-after-subordinate-clause-is-narration",
        "When the talks collapsed in 2009, Norway said enough.",
        0,
        (),
    ),
    (
        "place-list-after-dateline-speaks",
        "Ports shut\n\nOSLO — Sweden, Finland and Denmark warned Russia on Friday that "
        "their ports would close.",
        1,
        ("Sweden", "Finland", "Denmark"),
    ),
    (
        "place-before-relative-clause-speaks",
        "Talks resumed. Chile, which hosted the last round, welcomed the deal.",
        1,
        ("Chile",),
    ),
    ("capital-reacts", "The curbs took effect. Moscow reacted with fury.", 1, ("Moscow",)),
    (
        "places-after-preposition-are-no-speakers",
        "Rents rose. Most voters in Ohio said they were tired of waiting.",
        1,
        ("voters",),
    ),
    ("dateline-is-no-speaker", "Gold firms fined\n\nLIMA — Prices rose on Monday, it said.", 1, ()),
    # sentences that only look like reports
    (
        "did-not-say-when-is-narration",
        "Ana Berg backed the plan. She did not say whether the talks would resume.",
        1,
        (),
    ),
    ("attack-claimed-by-is-narration", "The bombing was claimed by the Northern Front.", 0, ()),
    (
        "according-to-data-is-narration",
        "Exports of salmon fell by a third, according to customs data.",
        0,
        (),
    ),
    (
        "according-to-authority-figures-is-narration",
        "Exports of salmon fell by a third, according to harbour authority figures.",
        0,
        (),
    ),
    (
        "headline-clash-over-is-narration",
        "Ministers clash over fishing quotas\n\nTalks began.",
        0,
        (),
    ),
    (
        "failed-to-agree-is-narration",
        "Fishing quotas\n\nFarm ministers failed on Friday to settle the quota row.",
        1,
        (),
    ),
    (
        "declared-mourning-is-narration",
        "Chile declared two days of mourning for the miners.",
        0,
        (),
    ),
    (
        "report-holding-expected-stays",
        "Ana Berg said the talks were expected to resume in May.",
        0,
        ("Ana Berg",),
    ),
    (
        "report-holding-expected-after-pronoun",
        "Ana Berg spoke in Oslo. She added that new rules were expected within weeks.",
        1,
        ("Ana Berg",),
    ),
    # views given by a copula and an adjective of view
    (
        "group-more-cautious",
        "The deal was signed. Fishing unions were more cautious.",
        1,
        ("Fishing unions",),
    ),
    (
        "group-sharply-critical",
        "The bill passed. Student unions were sharply critical.",
        1,
        ("Student unions",),
    ),
    # unnamed sources placed by a preposition
    (
        "unnamed-resident-with-relative-clause",
        "A nurse from Tromso, who did not want her name printed, said the ward was full.",
        0,
        ("nurse from Tromso",),
    ),
    (
        "unnamed-banker-on-condition-of-anonymity",
        "A banker in Oslo, speaking on condition that he not be named, said the deal was close.",
        0,
        ("banker in Oslo",),
    ),
    (
        "group-in-place-named-without-place",
        "Western diplomats in Moscow said the vote had been rigged.",
        0,
        ("Western diplomats",),
    ),
    (
        "group-in-country-named-without-place",
        "Chilean exile groups in the Netherlands said the rules would split families.",
        0,
        ("Chilean exile groups",),
    ),
    (
        "spokeswoman-in-capital",
        "A trade ministry spokeswoman in Moscow said the offer was still open.",
        0,
        ("trade ministry spokeswoman in Moscow",),
    ),
    (
        "watch-organisation-with-apposition",
        "Harbour Watch, a lobbying group, argued the law was far too broad.",
        0,
        ("Harbour Watch",),
    ),
    (
        "mission-to-organisation",
        "Chile's mission to the UN rejected the report on Monday. Later it said the "
        "figures were wrong.",
        1,
        ("Chile's mission to the UN",),
    ),
    # references resolved to a person named later, or to the unnamed group that spoke last
    (
        "role-before-name-is-given",
        "Quota row\n\nNorway's foreign minister defended the quotas on Monday.\n\n"
        "Foreign Minister Ola Brekke said the stocks were at risk.",
        1,
        ("Ola Brekke",),
    ),
    (
        "the-diplomat-after-one-diplomat",
        "Foreign Minister Ola Brekke rejected the plan. Nordic diplomats said a deal was close. "
        "One diplomat said the mood was bad. "
        '"Nobody expects a deal before spring," the diplomat said.',
        3,
        ("Nordic diplomats",),
    ),
    # canonical names
    (
        "family-name-first",
        'Trade Minister Park Min-jun signed the deal. "It is a good day," Park said.',
        1,
        ("Park Min-jun",),
    ),
    (
        "multi-word-title-left-out",
        "Deputy Assistant Commissioner Ruth Okafor said arrests had risen.",
        0,
        ("Ruth Okafor",),
    ),
    (
        "hyphenated-collective-keeps-modifier",
        "The scheme was large. Anti-fraud police said the scheme was large.",
        1,
        ("Anti-fraud police",),
    ),
    (
        "ministry-named-by-its-head",
        "Ten soldiers died, the defence ministry said. Two trucks were destroyed, the ministry "
        "added.",
        1,
        ("defence ministry",),
    ),
    (
        "company-named-by-its-apposition",
        "Two of the companies on the list, Nordvik Freight, denied the charges. Later, the "
        "company insisted it had broken no rules.",
        1,
        ("Nordvik Freight",),
    ),
    (
        "group-named-by-its-apposition",
        "The raid was blamed on the Red Valley Front, a rebel group in the north. In a video, "
        "the group said the raid was revenge for the arrests.",
        1,
        ("Red Valley Front",),
    ),
    (
        "added-a-number-is-an-act",
        "Sanctions widened\n\nThe agency added 14 shipping firms to its list on Friday.",
        1,
        (),
    ),
    (
        "apposition-with-acronym-in-parenthesis",
        "Lena Dahl, the head of the Nordic Refugee Council (NRC), said the camps were full.",
        0,
        ("Lena Dahl",),
    ),
    # continuation
    (
        "continuation-paraphrase",
        "Olav Strand said the border would reopen. Trucks would be checked at two crossings.",
        1,
        ("Olav Strand",),
    ),
    (
        "continuation-first-person",
        "We will keep the border open, said Olav Strand. We are also hiring more guards.",
        1,
        ("Olav Strand",),
    ),
    (
        "no-continuation-new-paragraph",
        "Olav Strand said the border would reopen.\n\nThe river rose again on Tuesday.",
        1,
        (),
    ),
    (
        "continuation-before-cue-in-paragraph",
        "The president called for unity.\n\nThe crisis can be solved. We are ready to act, "
        "he noted.",
        1,
        (),
    ),
    # headlines
    ("headline-dash", "Peers wrong on border bill - Hale\n\nThe debate went on.", 0, ("Hale",)),
    (
        "headline-says",
        "Strand says talks are over\n\nOlav Strand spoke on Monday.",
        0,
        ("Olav Strand",),
    ),
    (
        "headline-warns",
        "Velez warns of new tariffs\n\nMara Velez spoke in Lima.",
        0,
        ("Mara Velez",),
    ),
    (
        "headline-description-subject",
        "Teacher Corners Mayor On Budget\n\nAnn Lee, a teacher, asked the mayor about the budget.",
        0,
        ("Ann Lee",),
    ),
    (
        "plural-description-without-cue",
        "Senator Ana Ruiz and Governor Tom Berg faced off on Monday.\n\n"
        "Both candidates have opposed the new trade pact.",
        1,
        ("Ana Ruiz", "Tom Berg"),
    ),
    ("headline-narration", "Storm hits coastal towns\n\nThe storm hit on Monday.", 0, ()),
    # a person of an organisation in apposition to a description
    (
        "apposition-person-of-organisation",
        "Another analyst, Mara Lind of Westfield University, said the survey showed support.",
        0,
        ("Mara Lind",),
    ),
    # a stretch between dashes before the cue
    (
        "dash-parenthesis-before-cue",
        "Reached by phone, Ivo Dahl — who now teaches law — told the Daily Ledger he would run.",
        0,
        ("Ivo Dahl",),
    ),
    # participles: "calling", and after a quotation closed by its comma
    (
        "participle-calling",
        "During a rally, Mara Lind attacked the mayor, calling him “a failure.”",
        0,
        ("Mara Lind",),
    ),
    (
        "participle-after-quoted-comma",
        "Mara Lind defended “rural values,” saying the region was the heart of the nation.",
        0,
        ("Mara Lind",),
    ),
    # a document that found something, owned by the organisation after "from"
    (
        "document-found-owner-after-from",
        "A new survey from the Harbor Institute found that most voters back the plan.",
        0,
        ("Harbor Institute",),
    ),
    # reporting verbs added to the lexicon
    ("cue-groused", "Mara Lind groused to reporters that the count was rigged.", 0, ("Mara Lind",)),
    (
        "cue-implored",
        "Party chairman Tom Ekberg has also implored delegates to unite behind the nominee.",
        0,
        ("Tom Ekberg",),
    ),
    # progressive cues are not passives
    (
        "progressive-calling-for",
        "Tom Ekberg, who won two states last week, is calling for his rivals to quit.",
        0,
        ("Tom Ekberg",),
    ),
    (
        "progressive-labeling",
        "Former Governor Tom Ekberg, meanwhile, is labeling the plan “a fraud.”",
        0,
        ("Tom Ekberg",),
    ),
    # the agent of a passive cue
    ("passive-agent", "The move was first reported by the Daily Ledger.", 0, ("Daily Ledger",)),
    (
        "as-reported-by",
        "As reported by the Daily Ledger, the mayor will resign in May.",
        0,
        ("Daily Ledger",),
    ),
    ("passive-without-agent", "The mayor was asked to resign in May.", 0, ()),
    # a reporting clause closing the sentence names who reports all of it
    (
        "closing-report-clause",
        "Local officials were telling drivers to keep off the roads, the Daily Ledger reported.",
        0,
        ("Daily Ledger",),
    ),
    # "said another volunteer, NAME."
    (
        "inverted-description-then-name",
        "“We are anxious,” said another volunteer, Johan Berg.",
        0,
        ("Johan Berg",),
    ),
    # a dateline is not the subject
    (
        "dateline-then-participle",
        "OSLO, May 3 (AP) — Labour leader Mara Lind took a swipe at her rival, "
        "saying that “loud words” do harm.",
        0,
        ("Mara Lind",),
    ),
    # a share of people speaks as a group
    (
        "proportion-of-voters",
        "Sixty percent of drivers in the survey said the toll was unfair.",
        0,
        ("Sixty percent of drivers in the survey",),
    ),
    ("proportion-narration", "The tax rose 5 percent in 2025.", 0, ()),
    # a relative clause between the source and the cue
    (
        "relative-clause-before-cue",
        "Officials who talked to the Daily Ledger said the group had changed.",
        0,
        ("Officials",),
    ),
    (
        "inverted-then-relative",
        "“We can only guess,” said one source who saw the files.",
        0,
        ("source",),
    ),
    # unnamed sources described by what they know
    (
        "people-familiar-with",
        "People familiar with the talks said the deal was close.",
        0,
        ("People familiar with the talks",),
    ),
    # headlines: a label before the colon is no speaker; "X tells …"
    (
        "headline-label-then-cue",
        "The Latest: Mara Lind tells voters she is with them\n\nThe count goes on.",
        0,
        ("Mara Lind",),
    ),
    ("cue-made-the-case", "Mara Lind made the case that rents must fall.", 0, ("Mara Lind",)),
    (
        "headline-label-dash-then-colon-name",
        "EXCLUSIVE – Mara Lind: Do Not Trust The Count\n\nMara Lind spoke on Monday.",
        0,
        ("Mara Lind",),
    ),
    (
        "headline-name-on-subject-colon",
        "Mara Lind on rent rules: ‘We will act’\n\nMara Lind spoke on Monday.",
        0,
        ("Mara Lind",),
    ),
    (
        "headline-topic-on-colon-is-narration",
        "Rate Cuts on the Horizon: Markets Rally\n\nStocks rose on Monday.",
        0,
        (),
    ),
    (
        "adverb-now-before-cue",
        "Ivo Dahl spoke first. Dahl now says he was wrong.",
        1,
        ("Ivo Dahl",),
    ),
    # a name inside a description phrase is not the speaker; the named apposition is
    (
        "apposition-after-phrase-naming-another",
        "One pastor backing Mr. Ekberg, Ivo Dahl of Grace Church in Bergen, said he called.",
        0,
        ("Ivo Dahl",),
    ),
    (
        "three-names-listed",
        "Ivo Dahl, Mara Lind and Tom Berg said the plan failed.",
        0,
        ("Ivo Dahl", "Mara Lind", "Tom Berg"),
    ),
    (
        "four-names-listed",
        "Ivo Dahl, Mara Lind, Tom Berg and Ana Ruiz said the plan failed.",
        0,
        ("Ivo Dahl", "Mara Lind", "Tom Berg", "Ana Ruiz"),
    ),
    (
        "list-after-a-verb-is-not-the-speaker",
        "The board hired Ivo Dahl, Mara Lind and Tom Berg, the chair said.",
        0,
        ("chair",),
    ),
    # views without a reporting verb the rules know: the learned ranker
    (
        "ranker-possessive-view",
        "Mayor Ana Ruiz toured the harbour on Monday. In Ruiz's view, the port needs a crane.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "ranker-sees-as",
        "Senator Tom Berg sees the tax plan as a gift to the rich.",
        0,
        ("Tom Berg",),
    ),
    (
        "ranker-made-clear",
        "Karl Moss made clear that he would not resign.",
        0,
        ("Karl Moss",),
    ),
    (
        "ranker-narration-meeting-stays",
        "Ivo Dahl met Mara Lind in Bergen on Monday to discuss the budget.",
        0,
        (),
    ),
    (
        "ranker-narration-travel-stays",
        "Mara Lind will travel to Oslo next week.",
        0,
        (),
    ),
    (
        "apposition-place-after-preposition-is-not-the-speaker",
        "Ana Ruiz, at a school debate in Lund, Sweden, said she would cut taxes.",
        0,
        ("Ana Ruiz",),
    ),
    (
        "apposition-place-pair-before-time-phrase",
        "Tom Berg, whose barn burned in Aurora, Colorado, last spring, said the state failed him.",
        0,
        ("Tom Berg",),
    ),
    (
        "relative-clause-after-prepositional-object",
        "The mayor met with Ivo Dahl, now the party leader, who in 2009 said the port must shut.",
        0,
        ("Ivo Dahl",),
    ),
    (
        "ranker-plural-pronoun-for-an-organisation-needs-a-cue",
        "Nordbank reported a loss on Monday. In 2009, they bought two rivals.",
        1,
        (),
    ),
    (
        "ranker-modal-hope-is-not-a-report",
        "Facing a long winter, many farmers would hope for an early spring.",
        0,
        (),
    ),
    # right after a closing quote and an inverted cue, any description is the speaker
    (
        "inverted-description-outside-role-lists",
        "Crews worked through the night at the harbour. "
        '"Nobody expected the old cranes to move again so soon," said a dock worker.',
        1,
        ("dock worker",),
    ),
    (
        "inverted-description-with-place-after",
        '"The ferry was late again this morning, and nobody told us why," '
        "said one weary commuter from the island.",
        0,
        ("weary commuter",),
    ),
    (
        "inverted-description-with-relative-clause",
        '"Is the bridge safe to cross now?" asked the boy, who had walked in from the village.',
        0,
        ("boy",),
    ),
    (
        "inverted-description-known-as-name",
        '"We will not sell the farm to anyone," said the eldest brother known as Tomas Vik, '
        "standing by the gate.",
        0,
        ("Tomas Vik",),
    ),
    (
        "inverted-unlisted-description-then-name",
        '"It works better than it did before the storm," said the veteran mechanic, Ola Berg.',
        0,
        ("Ola Berg",),
    ),
    (
        "inverted-description-narration-after-stays-narration",
        '"Nobody expected the old cranes to move again so soon," said a dock worker. '
        "The cranes were painted red in 1990.",
        1,
        (),
    ),
    (
        "inverted-time-word-is-no-speaker",
        '"Prices will rise again before the winter," said last week\'s bulletin. Shops opened.',
        1,
        (),
    ),
    (
        "inverted-name-then-subordinate-clause",
        "Crowds filled the square. "
        '"We really can win this seat on Sunday," said Lena Moss as she closed the rally.',
        1,
        ("Lena Moss",),
    ),
    (
        "quoted-then-description-outside-role-lists",
        'Crowds filled the square. "The answer is no, and it will stay no," the moderator said.',
        1,
        ("moderator",),
    ),
    (
        "quoted-then-long-description",
        '"The answer is no, and it will stay no," the town\'s new harbour master later said.',
        0,
        ("town's new harbour master",),
    ),
    (
        "quoted-then-crowd-noise-is-no-report",
        'The gates opened at noon. "Let us in, let us in now," the crowd roared.',
        1,
        (),
    ),
    # "according to" a source outside the lists
    (
        "according-to-unlisted-person",
        "About 300 nurses plan to join the march on Friday, according to an organizer.",
        0,
        ("organizer",),
    ),
    (
        "according-to-unlisted-organisation",
        "Exports of timber fell by a fifth in May, according to one shipping firm.",
        0,
        ("shipping firm",),
    ),
    (
        "according-to-document-by-its-author",
        "Rents rose nine percent in 2025, according to a survey by the tenants' union.",
        0,
        ("tenants' union",),
    ),
    (
        "according-to-plan-is-narration",
        "The ferry left the harbour on time on Sunday, according to plan.",
        0,
        (),
    ),
    # an adverb between the subject and its cue, with or without commas
    (
        "adverb-between-commas",
        "Karl Moss spoke at the rally. Moss, however, said the port would stay open.",
        1,
        ("Karl Moss",),
    ),
    (
        "adverb-between-without-commas",
        "Karl Moss spoke at the rally. Moss however said the port would stay open.",
        1,
        ("Karl Moss",),
    ),
    # a surname that ends like a participle or an adverb, opening the sentence
    (
        "sentence-initial-surname-ending-ing",
        "Stelling said the members of the club will still meet on Friday.",
        0,
        ("Stelling",),
    ),
    (
        "sentence-initial-surname-ending-ly-with-adverb",
        "Mira Donnelly chairs the board. Donnelly, however, told staff the school would stay open.",
        1,
        ("Mira Donnelly",),
    ),
    # a participle clause before the subject, then two coordinated verbs
    (
        "asked-whether-then-coordinated-cue",
        "Lena Park toured the mill on Tuesday. Asked if the mill would close, Park "
        "frowned and said the owners had not decided.",
        1,
        ("Lena Park",),
    ),
    # a quantified collective: "some of the …", "many of the …"
    (
        "quantified-collective",
        "The ship docked at dawn. Some of the sailors said the storm had been the worst in years.",
        1,
        ("sailors",),
    ),
    (
        "quantified-collective-many",
        "Many of the striking nurses said they would return on Monday.",
        0,
        ("striking nurses",),
    ),
    # an inverted cue, or "according to", then a bare description and the name
    (
        "inverted-bare-description-then-name",
        '"It was the worst storm in years," said veteran harbour pilot Ivo Dahl.',
        0,
        ("Ivo Dahl",),
    ),
    (
        "according-to-bare-description-then-name",
        "According to longtime radio host Ivo Dahl, the ferry will stop running in June.",
        0,
        ("Ivo Dahl",),
    ),
    # "it" for an organisation whose one-word name is in no list
    (
        "organisation-pronoun-now-says",
        "Fines were upheld on appeal\n\nRegulators fined Nordbank twice in 2015 for hiding "
        "its losses.\n\nIt now says the fines were fair.",
        2,
        ("Nordbank",),
    ),
    (
        "person-is-not-it",
        "Fines were upheld on appeal\n\nRegulators fined Vesna Orlic twice in 2015."
        "\n\nIt now says the fines were fair.",
        2,
        (),
    ),
    # a sentence whose only speech is a scare quote opens no continuation
    (
        "scare-quote-opens-no-continuation",
        'Ana Ruiz called the plan "a disaster." Prices rose by a third in the first year.',
        1,
        (),
    ),
    (
        "scare-quote-object-opens-no-continuation",
        'Ana Ruiz, the mayor, criticized the "vanity project" on Monday. Work on the bridge '
        "began in 2019 and cost twice its budget.",
        1,
        (),
    ),
    # a relative clause right after the phrase that speaks
    (
        "relative-clause-after-object",
        "But Lena Park lined up with Tom Berg, who has said he does not support the new rules.",
        0,
        ("Tom Berg",),
    ),
    (
        "relative-clause-after-unlisted-description",
        "The final question was put by a little girl, who said she had come in from the coast.",
        0,
        ("little girl",),
    ),
    (
        "relative-clause-between-hyphens",
        'Port chief Ivo Dahl - who once said he would "shut the whole thing down" - said on '
        "Friday the port would stay open.",
        0,
        ("Ivo Dahl",),
    ),
    # an opening curly mark typed where the closing one belongs
    (
        "opening-mark-used-to-close",
        "“The port will close before the winter,“ said Ivo Dahl, a harbour pilot. The ship left.",
        0,
        ("Ivo Dahl",),
    ),
    # a participle after a document object or a subordinating word reports the subject
    (
        "statement-object-then-participle",
        "Ana Ruiz spoke first. Union leader Karl Moss issued a statement saying the strike "
        '"does not belong in a port town."',
        1,
        ("Karl Moss",),
    ),
    (
        "participle-after-before",
        "Ana Ruiz spoke first. On Tuesday, Karl Moss deflected questions about the strike "
        'before saying, "Now we should all go back to work."',
        1,
        ("Karl Moss",),
    ),
    # shares of a group
    (
        "partitive-pronoun",
        "Mill workers said the plant was safe. Before the layoffs, nearly all of them said "
        "they enjoyed the job.",
        1,
        ("Mill workers",),
    ),
    (
        "share-written-as-n-in-ten",
        "Roughly 3 in 10 say the next mayor should finish the bridge.",
        0,
        ("Roughly 3 in 10",),
    ),
    (
        "report-with-scare-quote-is-continued",
        'Ana Ruiz said the new bridge over the river was a costly "vanity project." It would '
        "never pay for itself, in her view, and the town should sell it.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "pronoun-after-long-quote-keeps-speaker",
        "Inga Sol spent ten years in the north.\n\n"
        "“We came too late,” she said. “The mills had closed.\n\n"
        "“The river was empty. The boats were gone. The Harbour Board had sold the docks.\n\n"
        "“Nobody asked us.”\n\n"
        "She said the Harbour Board had never answered her letters.",
        7,
        ("Inga Sol",),
    ),
    (
        "one-of-the-group-who-argue",
        "Nils Aasen is one of the few economists who argue that the toll should go.",
        0,
        ("Nils Aasen",),
    ),
    (
        "among-the-group-who-say",
        "Rita Moe was among the lawmakers who say the ferry is too costly.",
        0,
        ("Rita Moe",),
    ),
    (
        "met-one-of-the-group-is-not-the-subject",
        "Bridge checked\n\nThe mayor met one of the officials who said the bridge was unsafe.",
        1,
        ("officials",),
    ),
    (
        "joint-statement-said",
        "Towns to share a ferry\n\n"
        "On Friday the two towns released a two-page statement signed by Mayor Lina Dahl "
        "and Mayor Odd Vik, backing one ferry.\n\n"
        "Later, the statement said: “The mayors welcomed the plan.”",
        2,
        ("Lina Dahl", "Odd Vik"),
    ),
    (
        "document-subject-then-it-said",
        "Mayors write to the port\n\n"
        "The port received a letter signed by Mayor Lina Dahl and Mayor Odd Vik on Friday.\n\n"
        "Rolf Krog, the port's director, criticised the ferry plan.\n\n"
        "The letter moved on to the harbour.\n\n"
        "“The mayors want the harbour dredged,” it said.",
        4,
        ("Lina Dahl", "Odd Vik"),
    ),
    (
        "said-x-in-a-statement",
        "“This plan is a mistake,” said party secretary Jon Aker in a statement.",
        0,
        ("Jon Aker",),
    ),
    (
        "title-case-line-in-body",
        "The debate ran late.\n\nMaja Strand Says She Will Not Run Again",
        1,
        ("Maja Strand",),
    ),
    ("share-supports", "Three-quarters support cheaper bus passes.", 0, ("Three-quarters",)),
    (
        "plural-group-opposes",
        "A 35% plurality of ferry users reject the timetable.",
        0,
        ("35% plurality of ferry users",),
    ),
    (
        "support-after-one-name-is-a-noun",
        "Maja Strand support among farmers has fallen this year.",
        0,
        (),
    ),
    ("touting-progressive", "Maja Strand is touting her record on roads.", 0, ("Maja Strand",)),
    ("downplayed-risk", "Jon Aker downplayed the risk of flooding.", 0, ("Jon Aker",)),
    ("narration-met", "Jon Aker met the harbour master on Monday.", 0, ()),
    (
        "pronoun-is-not-a-name-after-it",
        "Ferry talks\n\nInga Sol arrived in the town in May.\n\nThe ferry was late again. "
        "The quay was closed. The road was flooded.\n\nShe said Tor Lie had kept his promise.",
        5,
        ("Inga Sol",),
    ),
    (
        "main-clause-cue-after-subordinate-one",
        "While not all that Tor Lie says is true, Inga Sol said the ferry plan was sound.",
        0,
        ("Inga Sol",),
    ),
    (
        "said-place-description-name",
        "Ferry talks\n\n“I cannot vote for it,” said Molde resident Rune Hauge.",
        1,
        ("Rune Hauge",),
    ),
    (
        "said-description-with-capital-inside",
        "Ferry talks\n\n“There is no data for that,” said one Molde party strategist.",
        1,
        ("Molde party strategist",),
    ),
    (
        "group-with-postmodifier-welcomed",
        "Ferry talks\n\nFishing groups in both towns welcomed the new ferry.",
        1,
        ("Fishing groups in both towns",),
    ),
    (
        "maintains-a-program-is-narration",
        "Ferry talks\n\nA sailing school near Vikholm maintains two boats for pupils.",
        1,
        (),
    ),
    (
        "maintained-that-reports",
        "Ferry talks\n\nRune Hauge maintained that the ferry was safe.",
        1,
        ("Rune Hauge",),
    ),
    (
        "participle-after-possessive-description-and-name",
        "Ferry talks\n\nSweden's junior trade delegate, Ivo Dahl, added his voice, branding the "
        "tariff “a relic” and vowing that Stockholm would veto any extension.",
        1,
        ("Ivo Dahl",),
    ),
    (
        "inverted-after-clause-with-place",
        "Ferry talks\n\nAcross the fjord in Vikholm, orders for the dry dock keep falling, "
        "warned the dock's managing director, Ivo Dahl.",
        1,
        ("Ivo Dahl",),
    ),
    (
        "described-in-lede-next-opener-is-not-the-role",
        "Minister urges a quick end for the quay\n\n"
        "VIKHOLM — Repairs to the quay would be a waste of money, and it should be shut by "
        "spring, the harbour minister told local radio.\n\n"
        "Rune Hauge told reporters that repairs would cost too much.",
        1,
        ("minister",),
    ),
    (
        "headline-description-not-taken-from-body-opener",
        "Minister urges a quick end for the quay\n\n"
        "VIKHOLM — Repairs to the quay would be a waste of money, and it should be shut by "
        "spring, the harbour minister told local radio.\n\n"
        "Rune Hauge told reporters that repairs would cost too much.",
        0,
        ("minister",),
    ),
    (
        "described-role-then-other-person-keeps-own-words",
        "Quay to close\n\n"
        "The old quay will close in May, the trade minister said on Monday.\n\n"
        "Kari Nes told reporters in Molde that she was angry.",
        1,
        ("trade minister",),
    ),
    (
        "described-role-then-other-person-speaks-for-herself",
        "Quay to close\n\n"
        "The old quay will close in May, the trade minister said on Monday.\n\n"
        "Kari Nes told reporters in Molde that she was angry.",
        2,
        ("Kari Nes",),
    ),
    (
        "described-role-named-later-by-apposition",
        "Quay to close\n\n"
        "The old quay will close in May, the trade minister said on Monday.\n\n"
        "Kari Nes, the trade minister, told reporters in Molde that the costs were too high.",
        1,
        ("Kari Nes",),
    ),
    (
        "new-quote-after-closed-one-is-not-a-run-on",
        "Port row\n\n“The port is safe,” Ola Berg said on Monday.\n\n"
        "Tor Lie, the union chief, got up.\n\n“Nobody asked us. Nobody,” he said.",
        3,
        ("Tor Lie",),
    ),
    (
        "quote-left-open-runs-on-into-next-paragraph",
        "Port row\n\n“The port is safe. We checked every crane,” Ola Berg said on Monday. "
        "“It has passed each test.\n\n“Tor Lie, who runs the union, has not seen the figures. "
        "We have,” he added.",
        5,
        ("Ola Berg",),
    ),
    (
        "interview-answer-label-is-a-woman",
        "A life on the water\n\nInga Sol has skippered the night ferry since 2011. She knows "
        "every rock in the sound.\n\nQ: Is the route safe?\n\nA: Yes, if you respect the wind.",
        4,
        ("Inga Sol",),
    ),
    (
        "headline-role-held-by-two-takes-one",
        "Trade minister warns of quay closure\n\n"
        "The old quay will close in May, the country's trade minister said on Monday.\n\n"
        "Trade Minister Kari Nes and her predecessor, former Trade Minister Ola Berg, toured "
        "the quay.\n\n“It is worn out,” Nes said.",
        0,
        ("Kari Nes",),
    ),
    (
        "described-in-lede-next-opener-has-own-role",
        "Quay to close\n\n"
        "The old quay will close in May, the country's harbour minister said on Monday.\n\n"
        "Rune Hauge, an engineer, told reporters that repairs would cost too much.",
        1,
        ("minister",),
    ),
    (
        "according-to-possessive-figures-is-narration",
        "Ferry talks\n\nAccording to the union's figures, the ferry lost 2 million last year.",
        1,
        (),
    ),
    (
        "according-to-figures-from-agency-is-narration",
        "Ferry talks\n\nTraffic fell, according to statistics issued by the Harbour Office.",
        1,
        (),
    ),
    (
        "organisation-placed-by-unknown-town",
        "Ferry talks\n\nThe port authority in Vikholm said the quay would close.",
        1,
        ("port authority",),
    ),
    (
        "group-placed-by-unknown-town",
        "Ferry talks\n\nOfficials in Vikholm said the quay would close.",
        1,
        ("Officials",),
    ),
    (
        "possessive-role-in-lede-named-later-by-title",
        "Norway to close the quay\n\n"
        "BERGEN — The naval quay will shut next year, Norway's defence minister announced.\n\n"
        "Ten boats were damaged in the storm.\n\n"
        "“We have waited long enough,” Defence Minister Ivo Dahl told parliament.",
        1,
        ("Ivo Dahl",),
    ),
    (
        "presided-over-is-narration",
        "Ferry talks\n\nLast week Ivo Dahl chaired the first session of the new ferry board, "
        "which the towns had pushed for.",
        1,
        (),
    ),
    (
        "interview-question-label-is-narration",
        "Ten years at the port\n\nIvo Dahl has run the port of Molde for ten years.\n\n"
        "Q: Will the quay close?\n\nA: Yes, and soon.",
        2,
        (),
    ),
    (
        "interview-answer-label-is-the-interviewee",
        "Ten years at the port\n\nIvo Dahl has run the port of Molde for ten years.\n\n"
        "Q: Will the quay close?\n\nA: Yes, and soon.",
        3,
        ("Ivo Dahl",),
    ),
    (
        "transcript-label-in-capitals-is-the-named-guest",
        "Harbour talk\n\nWith me are Tove Lindqvist, a ferry captain, and Pavel Sorokin.\n\n"
        "LINDQVIST: The ferry must keep running.\n\nSOROKIN: It cannot, not this winter.",
        3,
        ("Pavel Sorokin",),
    ),
    (
        "transcript-label-goes-on-through-its-paragraph",
        "Harbour talk\n\nWith me are Tove Lindqvist, a ferry captain, and Pavel Sorokin.\n\n"
        "LINDQVIST: The ferry must keep running. Nobody here can drive to the mainland.",
        3,
        ("Tove Lindqvist",),
    ),
    (
        "transcript-label-opening-several-paragraphs-names-a-new-person",
        "Harbour talk\n\nHOLM: Welcome to the programme.\n\nBERG: Thank you.\n\n"
        "HOLM: Will the ferry run this winter?",
        3,
        ("Holm",),
    ),
    (
        "section-label-in-capitals-is-not-a-speaker",
        "Harbour talk\n\nUPDATE: The ferry sailed at noon.\n\n"
        "UPDATE: The second ferry sailed at two.",
        1,
        (),
    ),
    (
        "one-capitalised-label-without-a-person-is-not-a-speaker",
        "Harbour talk\n\nMOLDE: The ferry sailed at noon after a week of storms.",
        1,
        (),
    ),
    (
        "wire-roundup-place-label-is-not-a-speaker",
        "World briefing\n\nNORWAY: The ferry strike ended on Monday.\n\n"
        "NORWAY: Talks on a new contract begin next week.",
        1,
        (),
    ),
    (
        "kind-of-piece-label-in-a-headline-is-not-a-speaker",
        "Profile: The harbour master who kept the ferries running\n\nPavel Sorokin said little.",
        0,
        (),
    ),
    (
        "kind-of-piece-label-is-not-a-person-for-pronouns",
        "Profile: The quiet envoy who keeps talking\n\n"
        "Tove Lindqvist knows the northern ports well.\n\nShe rarely gives interviews.\n\n"
        '"The sea decides," she told a seminar last year.',
        3,
        ("Tove Lindqvist",),
    ),
    (
        "kind-of-piece-label-in-a-headline-names-nobody",
        "Profile: The quiet envoy who keeps talking\n\nTove Lindqvist knows the ports well.",
        0,
        (),
    ),
    (
        "verdict-label-is-not-a-speaker",
        "Ferry claim checked\n\nA councillor said the ferry lost money.\n\nVerdict: False.",
        2,
        (),
    ),
    (
        "post-nominal-letters-are-not-part-of-the-name",
        "Ruling\n\nThe barrister, Sebastian Kettleby KC, said his client would appeal.",
        1,
        ("Sebastian Kettleby",),
    ),
    (
        "title-for-a-field-then-the-name-in-apposition",
        "Debate\n\nThe minister for Europe, Dominic Ashcombe, replied that the rules stood.",
        1,
        ("Dominic Ashcombe",),
    ),
    (
        "title-for-a-field-resolves-the-bare-title-later",
        "Debate\n\nThe minister for Europe, Dominic Ashcombe, replied that the rules stood.\n\n"
        "Tom Rigby asked about farmers. The minister replied that prices had many causes.",
        3,
        ("Dominic Ashcombe",),
    ),
    (
        "names-joined-by-and-keep-their-full-forms",
        "Ferry call\n\nThe press office said President Ivo Dahl and Premier Tove Lindqvist had "
        "discussed the ferry.\n\nDahl said the ferry would run all winter.",
        2,
        ("Ivo Dahl",),
    ),
    (
        "agreeing-to-meet-is-scheduling-not-speech",
        "Ferry call\n\nIvo Dahl spoke to Tove Lindqvist on Monday.\n\n"
        "The two leaders agreed to meet in Molde in May.",
        2,
        (),
    ),
    (
        "a-country-alone-is-not-a-group-named-after-it",
        "Border raids\n\nThe Tehreek-e-Taliban Pakistan claimed the attack.\n\n"
        "Pakistan said it would respond.",
        2,
        ("Pakistan",),
    ),
    (
        "plural-description-with-nobody-to-match",
        "Ferry talks\n\nThe quay closed on Monday.\n\nThe two ministers said the ferry would stay.",
        2,
        ("ministers",),
    ),
    (
        "group-including-name-said",
        "Ferry talks\n\nSeveral candidates, including Rune Hauge, said the ferry should stay.",
        1,
        ("candidates",),
    ),
    # a first name ending in -ing or -ly opens the sentence
    (
        "first-name-ending-ing-opens-sentence",
        "Ferry talks\n\nThe quay closed on Monday.\n\nSterling Vaage, the port's lawyer, said "
        "the closure was illegal. Vaage will appeal.",
        2,
        ("Sterling Vaage",),
    ),
    (
        "participle-before-a-name-is-no-first-name",
        "Ferry talks\n\nThe quay closed on Monday after a vote by Ivo Dahl.\n\nFollowing Dahl, "
        "a union leader said the closure was needed.",
        2,
        ("union leader",),
    ),
    # two surnames, the first used alone
    (
        "first-of-two-surnames-alone",
        "Ferry talks\n\nHarbour Minister Lucia Ferrer Quintana opened the quay on Monday.\n\n"
        "Ferrer said the ferry would run daily.",
        2,
        ("Lucia Ferrer Quintana",),
    ),
    # a country that speaks, through the person who represents it in the article
    (
        "country-speaks-through-its-ambassador",
        "Norway urges action on whaling ships\n\nOSLO — Norway accused two fleets on Monday of "
        "hunting whales in a protected zone.\n\nAmbassador Kari Lunde told a council meeting "
        "that the ships had switched off their radios.",
        1,
        ("Kari Lunde",),
    ),
    (
        "country-headline-through-its-minister",
        "Denmark says it will close the strait\n\nThe strait will close on Friday, Denmark's "
        "defence minister Jens Holt told parliament.",
        0,
        ("Jens Holt",),
    ),
    (
        "country-stays-when-nobody-represents-it",
        "Ferry talks\n\nNorway said the ferry would run. Analyst Ivo Dahl said it would not.",
        1,
        ("Norway",),
    ),
    (
        "country-stays-when-its-speaker-serves-another",
        "Ferry talks\n\nNorway said the ferry would run. Swedish Foreign Minister Eva Berg said "
        "it would not.",
        1,
        ("Norway",),
    ),
    # a group placed by a list of places
    # a sum after "pledged" is a donation, not words
    (
        "pledged-sum-is-an-act",
        "Ferry fund\n\nThe quay closed on Monday. Norway pledged $40 million for a new ferry.",
        2,
        (),
    ),
    (
        "pledged-to-act-is-a-report",
        "Ferry fund\n\nThe quay closed on Monday. Ivo Dahl pledged to keep the ferry running.",
        2,
        ("Ivo Dahl",),
    ),
    (
        "group-placed-by-a-list-of-places",
        "Ferry talks\n\nMost Labour voters in Molde, Alesund and Bodo said they felt let down by "
        "the council.",
        1,
        ("Labour voters",),
    ),
    (
        "group-of-a-list-of-places-keeps-them",
        "Ferry talks\n\nThe mayors of Molde, Alesund and Bodo said the ferry would stay.",
        1,
        ("mayors of Molde, Alesund and Bodo",),
    ),
    # "the governor of X": a description, not the place
    (
        "role-of-a-place-is-a-description",
        "Ferry talks\n\nThe governor of Vestland said the ferry would stay.",
        1,
        ("governor of Vestland",),
    ),
    (
        "role-of-a-place-resolves-to-the-named-holder",
        "Ferry talks\n\nVestland Governor Kari Moen opened the quay on Monday.\n\n"
        "The governor of Vestland said the ferry would stay.",
        2,
        ("Kari Moen",),
    ),
    # a plural possessive inside an organisation's name
    (
        "plural-possessive-inside-an-organisation-name",
        "Ferry talks\n\nThe jobs will go, said the Coastal Pilots' Association.",
        1,
        ("Coastal Pilots' Association",),
    ),
    # a live blog's time glued to the heading after it
    (
        "live-blog-time-glued-to-a-name",
        "Ferry debate live\n\nOla LieShareReplyKari Moen 5ptsFeaturedMarch 3, 2026 9:41PMIvo Dahl "
        "Says The Ferry Must Stay",
        1,
        ("Ivo Dahl",),
    ),
    # a group, then a long relative clause or participle, then the cue
    (
        "group-before-a-long-relative-clause",
        "Ferry talks\n\nYet some fishermen who have watched the quay decline over the years, at "
        "meetings or on the radio, said the council had failed them.",
        1,
        ("fishermen",),
    ),
    (
        "group-before-a-participle-and-an-included-name",
        "Ferry talks\n\nSeveral dock workers interviewed at the harbour this week, including Mr. "
        "Dahl, said they had no problem with the plan.",
        1,
        ("dock workers",),
    ),
    (
        "one-unnamed-source-before-a-long-relative-clause",
        "Ferry talks\n\nA Danish official involved in drafting the deal, who spoke on condition "
        "of anonymity, said Copenhagen had pushed for the clause.",
        1,
        ("Danish official",),
    ),
    (
        "name-inside-a-relative-clause-is-not-the-speaker",
        "Ferry talks\n\nFishermen who met Ivo Dahl, the mayor, said the council had failed them.",
        1,
        ("Fishermen",),
    ),
    (
        "group-before-a-list-of-states-is-no-report",
        "Ferry talks\n\nFishermen who are angry about the quay, worried about their boats and "
        "tired of the council, will vote on Monday.",
        1,
        (),
    ),
    # an intent after a modal
    (
        "intent-after-a-modal",
        "Ferry talks\n\nThe quay closed on Monday. Ivo Dahl will seek to block the closure.",
        2,
        ("Ivo Dahl",),
    ),
    (
        "intent-after-a-modal-gives-way-to-the-report",
        "Ferry talks\n\nThe quay closed on Monday. The council will seek damages, Eva Berg said.",
        2,
        ("Eva Berg",),
    ),
    # courts, hearings, documents and countries (helper P, issue 3)
    (
        "court-prosecutors-said",
        "Prosecutors said Jonas Lie, 31, had bought fertiliser online for months.",
        0,
        ("Prosecutors",),
    ),
    (
        "court-defence-argued",
        "The defence argued that the fertiliser was meant for a farm.",
        0,
        ("defence",),
    ),
    (
        "court-prosecution-said",
        "The prosecution said phone records placed the accused in Bergen that night.",
        0,
        ("prosecution",),
    ),
    (
        "court-judge-told-the-court",
        "Judge Eva Holt told the court that the trial would last a month.",
        0,
        ("Eva Holt",),
    ),
    (
        "court-told-jurors",
        "Jonas Lie went on trial in Bergen on Monday. Lie told jurors he had never met the "
        "recruiter.",
        1,
        ("Jonas Lie",),
    ),
    (
        "court-ruling-wrote",
        "In a ruling on Friday, Judge Eva Holt wrote that the search was lawful.",
        0,
        ("Eva Holt",),
    ),
    (
        "court-witness-is-someone-new",
        "Jonas Lie told jurors he was innocent. The witness said she saw him near the depot.",
        1,
        ("witness",),
    ),
    (
        "court-officer-testified",
        "A police officer testified that the bag held wires and a timer.",
        0,
        ("police officer",),
    ),
    (
        "court-cross-examination",
        "A police officer testified on Monday. Under cross-examination, the officer said he had "
        "not opened the bag.",
        1,
        ("police officer",),
    ),
    (
        "court-indictment-not-last-speaker",
        "Defence lawyer Tom Reed said his client was innocent. According to the indictment, Jonas "
        "Lie sent money to the cell in 2021.",
        1,
        ("indictment",),
    ),
    (
        "court-indictment-alleges",
        "The indictment alleges that Jonas Lie wired money to the cell.",
        0,
        ("indictment",),
    ),
    (
        "hearing-senator-asked",
        "Senator Ann Cole asked the director whether the agency had been warned.",
        0,
        ("Ann Cole",),
    ),
    (
        "hearing-under-questioning-from",
        "Ivar Dale, the agency's director, appeared before the committee. Under questioning from "
        "Senator Ann Cole, the director said a tip had come in March.",
        1,
        ("Ivar Dale",),
    ),
    (
        "hearing-under-questioning-unnamed",
        "Under questioning from Senator Ann Cole, the director said a tip had come in March.",
        0,
        ("director",),
    ),
    (
        "hearing-testified-that",
        "Ivar Dale testified that the tip had been vague.",
        0,
        ("Ivar Dale",),
    ),
    (
        "hearing-opening-statement",
        "In his opening statement, Ivar Dale said the agency had made mistakes.",
        0,
        ("Ivar Dale",),
    ),
    (
        "hearing-asked-question",
        "Ivar Dale sat down. “When did you know?” Senator Ann Cole asked.",
        1,
        ("Ann Cole",),
    ),
    (
        "document-seen-by-paper",
        "Emails seen by the Daily Ledger suggest the minister knew of the deal.",
        0,
        ("Emails",),
    ),
    (
        "document-reviewed-by-is-no-author",
        "Records reviewed by the Daily Ledger show that the firm paid the mayor.",
        0,
        ("Records",),
    ),
    (
        "document-court-papers",
        "According to court papers, the two men met in a cafe in Lund.",
        0,
        ("court papers",),
    ),
    (
        "document-filing-says",
        "The filing says the bank misled investors about its losses.",
        0,
        ("filing",),
    ),
    ("country-inverted", "The test was its largest yet, North Korea said.", 0, ("North Korea",)),
    ("country-parenthetical", "The blockade, China said on Monday, was illegal.", 0, ("China",)),
    (
        "country-government",
        "The Turkish government said the border would stay closed.",
        0,
        ("Turkish government",),
    ),
    (
        "country-after-intro-clause-pledge-is-narration",
        "Back when it joined the pact, Norway pledged that it would cut tariffs.",
        0,
        (),
    ),
    (
        "according-to-modified-organisation",
        "Harbour rents climbed again, according to the nonpartisan Housing Policy Institute.",
        0,
        ("Housing Policy Institute",),
    ),
    (
        "according-to-hyphenated-modifier",
        "Exports fell by a third, according to the business-backed Harbour Forum.",
        0,
        ("Harbour Forum",),
    ),
    (
        "subordinate-though-he-said",
        "Tom Ekberg gave no figures, though he said the cuts would pay for the plan.",
        0,
        ("Tom Ekberg",),
    ),
    (
        "dash-typed-as-two-hyphens",
        "Ivo Dahl -- a former aide to the mayor -- said the plan was dead.",
        0,
        ("Ivo Dahl",),
    ),
    (
        "headline-calls",
        "Eva Lind calls harbour plan ‘a disaster’\n\nThe council met on Monday.",
        0,
        ("Eva Lind",),
    ),
    (
        "court-jury-told",
        "Jonas Lie wept as the verdict was read. The victim told the court she still had "
        "nightmares.",
        1,
        ("victim",),
    ),
    (
        "hearing-coordinated-reported",
        "A reporter for the Daily Ledger saw the senator at the quay and reported her arrival "
        "online.",
        0,
        ("reporter",),
    ),
    # titles and roles in court and hearing reports (helper P, issue 3)
    (
        "short-police-title",
        "Detective Sergeant Liam Roe gave evidence. Under cross-examination, DS Roe accepted that "
        "no timer was found.",
        1,
        ("Liam Roe",),
    ),
    (
        "role-of-owner-friend",
        "A friend of the accused told the court he had become withdrawn.",
        0,
        ("friend of the accused",),
    ),
    (
        "role-of-owner-is-not-the-owner",
        "Ana Ruiz spoke first. The brother of the suspect said he was innocent.",
        1,
        ("brother of the suspect",),
    ),
    (
        "title-with-of-is-one-title",
        "Lund talks\n\nMara Lind, a former chief of staff, spoke in Lund. The former chief of "
        "staff told us she had kept every note.",
        2,
        ("Mara Lind",),
    ),
    (
        "document-participle-in-opening-phrase",
        "In a message posted on Friday, Tom Ekberg said he would not endorse the nominee.",
        0,
        ("Tom Ekberg",),
    ),
    ("cue-lauded", "Governor Tom Berg lauded the plan in his annual address.", 0, ("Tom Berg",)),
    (
        "cue-grilled",
        "Senator Ann Cole grilled the bank's chief executive about the fake accounts.",
        0,
        ("Ann Cole",),
    ),
    (
        "titled-person-after-from-is-no-place",
        "Mara Lind spoke first. She skirted a question from moderator Ivo Dahl, who wanted to "
        "know about the budget.",
        1,
        ("Ivo Dahl",),
    ),
    (
        "court-ruled-that",
        "The district court ruled that the harbour ban was void.",
        0,
        ("district court",),
    ),
    (
        "agency-rules-is-no-cue",
        "Mara Lind says her office kept to agency rules, claims the audit could not confirm.",
        0,
        ("Mara Lind",),
    ),
    # a quotation signed with a dash and a name (helper P, issue 3)
    (
        "signed-quotation-first-sentence",
        "What readers said\n\n“The plan is a disaster. It will hurt farmers.” ― Ana Ruiz",
        1,
        ("Ana Ruiz",),
    ),
    (
        "signed-quotation-last-sentence",
        "What readers said\n\n“The plan is a disaster. It will hurt farmers.” ― Ana Ruiz",
        2,
        ("Ana Ruiz",),
    ),
    (
        "signature-alone-is-no-report",
        "What readers said\n\n“The plan is a disaster. It will hurt farmers.” ― Ana Ruiz",
        3,
        (),
    ),
    (
        "dash-before-a-year-is-no-signature",
        "Harbour trade\n\nPrices rose 5 percent in 1990 - 2000.",
        1,
        (),
    ),
    # inverted sources, collectives and subordinate clauses (helper P, issue 3)
    (
        "inverted-source-in-a-place",
        "Harbour talks\n\nThe meeting went badly, said one party source in the room.",
        1,
        ("party source",),
    ),
    (
        "inverted-source-familiar-with",
        "Harbour talks\n\nA deal is close, said one source familiar with ferry plans.",
        1,
        ("source",),
    ),
    (
        "inverted-act-after-comma-is-no-report",
        "Harbour talks\n\nTraffic was slow after the group, known as the Front, claimed an arson "
        "attack on a depot.",
        1,
        (),
    ),
    (
        "collective-environmentalists",
        "Harbour talks\n\nBut environmentalists worry that the new mine will pollute the river.",
        1,
        ("environmentalists",),
    ),
    (
        "cue-agreed-with",
        "Harbour talks\n\nIvo Dahl at the Harbour Review agreed with the mayor about the plan.",
        1,
        ("Ivo Dahl",),
    ),
    (
        "temporal-as-before-pronoun-cue",
        "Harbour talks\n\nMara Lind was emotional on Monday as she called for a new vote.",
        1,
        ("Mara Lind",),
    ),
    (
        "official-with-another-qualifier-is-someone-new",
        'Harbour talks\n\nFinance Director Lars Vik spoke first.\n\n"I warned them," the former '
        "compliance officer told the Daily Ledger.",
        2,
        ("officer",),
    ),
    (
        "official-without-qualifier-resolves",
        'Harbour talks\n\nFinance Director Lars Vik spoke first.\n\n"We paid nothing," the senior '
        "official said.",
        2,
        ("Lars Vik",),
    ),
    (
        "role-of-owner-before-relative-clause",
        "Trial opens\n\nA former friend of the accused, who cannot be named, told the court he "
        "had changed.",
        1,
        ("former friend of the accused",),
    ),
    (
        "country-after-according-to",
        "Storm talks\n\nAccording to Chile, the storm killed 12 fishermen.",
        1,
        ("Chile",),
    ),
    (
        "country-ministry-after-according-to",
        "Storm talks\n\nThe storm killed 12 fishermen, according to Peru's health ministry.",
        1,
        ("Peru's health ministry",),
    ),
    (
        "country-figures-are-narration",
        "Storm talks\n\nFish exports fell by half, according to Peru's customs figures.",
        1,
        (),
    ),
    (
        "relative-clause-cue-is-an-aside",
        "Trial opens\n\nJonas Lie, who denies the charges, appeared in court on Monday.",
        1,
        (),
    ),
    # added for issue 3: descriptions of companies, document authors, investigations,
    # hearings, trials, transcripts and signed quotes
    (
        "company-description-most-recent-organisation",
        "Ferry firm cuts routes\n\nThe Harbour Group, a shipping company, declined to "
        "comment.\n\nVeltron Marine cut its fleet on Monday. The company said the move was "
        "unrelated to the sanctions.",
        3,
        ("Veltron Marine",),
    ),
    (
        "company-description-without-apposition",
        "Furniture maker cuts forecast\n\nAshcombe Home Furnishings cut its profit "
        "forecast on Thursday.\n\nChief executive Rhea Salt said tariffs had raised "
        "costs.\n\nLater the company said prices would rise in October.",
        3,
        ("Ashcombe Home Furnishings",),
    ),
    (
        "verb-after-name-is-no-apposition",
        "Earnings call\n\nOne analyst, Tom Reed of the brokerage Pell Norris, asked "
        "whether the company would cut jobs.\n\nHarwick Foods raised its dividend. The "
        "company said demand was strong.",
        3,
        ("Harwick Foods",),
    ),
    (
        "reported-earnings-is-no-report",
        "Results\n\nIts stock dropped 6% after it reported quarterly earnings of 30 cents.",
        1,
        (),
    ),
    (
        "few-people-spent-is-narration",
        "Profile\n\nBERGEN — Few diplomats have spent as many nights with rebel commanders "
        "as Ingrid Vold.",
        1,
        (),
    ),
    (
        "cable-credited-to-its-author",
        "Leaked memo\n\nThe memo, seen by the Daily Ledger, was written in May by the "
        "mission's chief, Ambassador Lena Krol, for the foreign ministry.\n\nIt says that "
        "exports to Belarus have doubled.",
        2,
        ("Lena Krol",),
    ),
    (
        "document-read-by-paper-is-no-author",
        "Leaked memo\n\nThe memo was seen by the Daily Ledger.\n\nThe memo says exports have "
        "doubled.",
        2,
        (),
    ),
    (
        "study-released-by-unnamed-group",
        "Tariffs\n\nA study released on Monday by a group of economists found that tariffs "
        "raised prices.",
        1,
        ("economists",),
    ),
    (
        "analysis-of-records-is-the-owners",
        "Tankers\n\nThe tanker made nine trips to Syria, a Ledger analysis of shipping "
        "records shows.",
        1,
        ("Ledger",),
    ),
    (
        "poll-is-not-the-last-speaker",
        "Race tightens\n\nGovernor Ada Moss said she was confident.\n\nPolls show the race "
        "in the state is tight.",
        2,
        ("Polls",),
    ),
    (
        "unnamed-official-introduced-without-cue",
        "Leak\n\nThe cable was sent by Ambassador Karel Holm.\n\nA NATO diplomat who had "
        "read the cable vouched for it. The diplomat, speaking anonymously, said more "
        "sanctions were coming.",
        3,
        ("NATO diplomat",),
    ),
    (
        "person-familiar-with-the-matter",
        "Tanker\n\nA person familiar with the matter said the vessel had switched off its "
        "transponder.",
        1,
        ("person familiar with the matter",),
    ),
    (
        "according-to-anonymous-officials",
        "Tanker\n\nAccording to two officials granted anonymity, the "
        "shipments went on until March.",
        1,
        ("officials",),
    ),
    (
        "company-did-not-respond-is-narration",
        "Tanker\n\nCorvan Shipping did not respond to our written questions.",
        1,
        (),
    ),
    (
        "background-time-clause-is-narration",
        "Hearing\n\nThe hearing came a week after a report by the Government "
        "Accountability Office found gaps in the monitoring of tankers.",
        1,
        (),
    ),
    (
        "hearing-question-inverted",
        'Hearing\n\n"How many of these ships have you stopped?" asked Senator Lydia '
        "Brandt, a Democrat from Oregon.",
        1,
        ("Lydia Brandt",),
    ),
    (
        "hearing-pressed-witness-acknowledged",
        "Hearing\n\nMarcus Ellery, the Treasury's assistant secretary, testified on "
        "Thursday.\n\nPressed on staffing, Ellery acknowledged that the office had lost a "
        "fifth of its investigators.",
        2,
        ("Marcus Ellery",),
    ),
    (
        "hearing-declined-to-say-is-narration",
        "Hearing\n\nSenator Lydia Brandt asked whether the department would act. Marcus "
        "Ellery declined to say.",
        2,
        (),
    ),
    (
        "trial-prosecutor-with-post-nominal",
        "Trial\n\nSetting out the Crown's case, Alison Brereton KC said the defendant had "
        "bought chemicals online.",
        1,
        ("Alison Brereton",),
    ),
    (
        "trial-barrister-apposition",
        "Trial\n\nThe defendant's barrister, Owen Tait, said his client had never intended "
        "to hurt anyone.",
        1,
        ("Owen Tait",),
    ),
    (
        "trial-judge-with-title",
        "Trial\n\nThe judge, Mr Justice Hallam, told jurors to weigh only what they had "
        "heard in court.",
        1,
        ("Hallam",),
    ),
    (
        "trial-witness-under-cross-examination",
        "Trial\n\nDetective Sergeant Paula Grieve told the court that officers had found "
        "traces of explosive.\n\nUnder cross-examination, she accepted that the amount was "
        "small.",
        2,
        ("Paula Grieve",),
    ),
    (
        "trial-reply-by-addressee",
        "Hearing\n\nSenator Rhoda Keane asked the chief executive whether the company had "
        'broken the law. "We did not," he replied.',
        2,
        ("chief executive",),
    ),
    (
        "transcript-turn-names-others",
        "Interview\n\nHOST: Will you run again?\n\nBRANDT: Well, Senator Okafor says I "
        "should not. But the voters want me to.\n\nHOST: Thank you.\n\nBRANDT: Thank you.",
        2,
        ("Brandt",),
    ),
    (
        "signature-after-closing-mark-sentence",
        "Voices\n\n“We are tired of waiting. Nobody listens to us.”― Carla Soto\n“We will "
        "vote.” ― Ana Ruiz.",
        2,
        ("Carla Soto",),
    ),
    (
        "signature-with-full-stop",
        "Voices\n\n“We will vote in November.” ― Ana Ruiz.",
        1,
        ("Ana Ruiz",),
    ),
    (
        "press-service-relays-the-leaders",
        "Leaders talk\n\nThe president's press office said President Aziz Karimov and "
        "Prime Minister Omar Qadir had discussed a new railway.",
        1,
        ("Aziz Karimov", "Omar Qadir"),
    ),
    (
        "press-service-relays-a-description",
        "Leaders talk\n\nPresident Aziz Karimov spoke to Prime Minister Omar Qadir by "
        "phone.\n\nThe president's press office said the president had insisted on new "
        "trade routes.",
        2,
        ("Aziz Karimov",),
    ),
    (
        "only-minister-named-long-before",
        "Ore ban\n\nMining Minister Budi Santoso said the ban would start in January. "
        "Nickel exports rose last year. Smelters opened on Sulawesi. Ore prices climbed. "
        "Traders stocked up. Ports were crowded. Freight rates doubled. Banks lent more. "
        "Wages rose. Roads were built. Power plants opened. Jobs grew.\n\nFirms that "
        "already run smelters are exempt, the minister said.",
        13,
        ("Budi Santoso",),
    ),
    (
        "records-are-no-last-speaker",
        'Tankers\n\n"This is a textbook evasion scheme," said Maria Ostrova, a former '
        "investigator.\n\nThe records also show that the broker was paid from a bank in "
        "Kyrgyzstan.",
        2,
        (),
    ),
    (
        "data-read-by-the-paper-has-no-speaker",
        "Tankers\n\nShip-tracking data analysed by the Ledger show that the tankers "
        "switched off their transponders near Greece.",
        1,
        (),
    ),
    (
        "company-called-by-its-first-word",
        "Tankers\n\nThe documents show that Gulfstar Energy Trading paid a broker in "
        "Cyprus.\n\nGulfstar said in an emailed reply that it had broken no rules.",
        2,
        ("Gulfstar Energy Trading",),
    ),
    (
        "court-speaks-through-its-judge",
        "High Court upholds travel ban on shipping magnate\n\nLEEDS — The High Court on "
        "Friday upheld the travel ban on the shipping magnate Piotr Zale.\n\nIn her "
        "judgment, Mrs Justice Fairley said the ban was lawful.",
        1,
        ("Fairley",),
    ),
    (
        "court-headline-speaks-through-its-judge",
        "High Court upholds travel ban on shipping magnate\n\nLEEDS — The High Court on "
        "Friday upheld the travel ban on the shipping magnate Piotr Zale.\n\nIn her "
        "judgment, Mrs Justice Fairley said the ban was lawful.",
        0,
        ("Fairley",),
    ),
    (
        "qa-headline-letter-is-no-speaker",
        "Q&A: the trade minister on the customs union\n\nTrade Minister Selin Kaya spoke "
        "to the Ledger in Ankara.\n\nQ: Will you join the sanctions?\n\nA: We will not. They "
        "are not binding on us.",
        3,
        ("Selin Kaya",),
    ),
    (
        "qa-answer-opening-no-is-no-name",
        "Interview\n\nTrade Minister Selin Kaya spoke to the Ledger in Ankara. Her answers "
        "were shortened for space.\n\nQ: Will you join the sanctions?\n\nA: No. They are not "
        "binding on us.\n\nQ: And the customs union?\n\nA: We want a modern one.",
        7,
        ("Selin Kaya",),
    ),
    (
        "hearing-the-witness-is-who-testified",
        "Hearing\n\nCommerce official Daniel Rourke testified that 40 companies had been "
        "added to the list.\n\nSenator Ted Okafor pressed him on why the list had not been "
        "updated.\n\nThe witness conceded that enforcement staff were stretched.",
        3,
        ("Daniel Rourke",),
    ),
    (
        "trial-a-witness-stays-unnamed",
        "Trial\n\nA witness told the court she had seen the van. The witness said it was white.",
        2,
        ("witness",),
    ),
]

# interviews in question-and-answer form: a question (and the rest of its paragraph, a quote
# of someone else included) is the interviewer's, an answer the interviewee's (a nested quote
# belongs to the outer speaker); the introduction's account of the interview and editor's
# notes are narration; a headline names its speaker or is narration
_IV_QA = (
    "Halvorsen: ‘We will not answer tariffs with tariffs’\n\n"
    "Norway's trade minister, Eirik Halvorsen, spoke to our correspondent Lena Brandt in Oslo "
    "on Tuesday. This interview has been edited for length and clarity.\n\n"
    "Q: Will Norway answer the new tariffs?\n\n"
    "A: We will not answer with tariffs of our own. A trade war helps nobody, least of all "
    "our fishermen.\n\n"
    "Q: The opposition says you are weak. “The government has surrendered,” its leader said "
    "last week. Is he right?\n\n"
    "A: No. My predecessor, Kari Nes, used to say that a tariff is a tax on your own kitchen, "
    "and she was right.\n\n"
    "Editor's note: The ministry later said that talks would resume in May."
)
_IV_WORDS = (
    "Port chief on the strike\n\n"
    "Marta Rivas, who runs the port of Vigo, was interviewed by Tom Ekdal of the Harbour "
    "Weekly.\n\n"
    "Question: How long will the strike last?\n\n"
    "Answer: Until the owners sit down with us. Nobody wants it.\n\n"
    "Question. Will the ferries run?\n\n"
    "Answer. Some of them, yes."
)
_IV_OUTLET = (
    "Two mayors, one bridge\n\n"
    "The mayors of Alden and Brekke, Sara Holm and Jens Lind, answered questions from The "
    "Ledger on Monday.\n\n"
    "The Ledger: Why do you want the bridge?\n\n"
    "Holm: Because our young people are leaving. They cannot reach the jobs in Brekke.\n\n"
    "Lind: I agree with Sara. The ferry takes two hours.\n\n"
    "The Ledger: Who pays?\n\n"
    "Lind: The state, as it promised in 2019."
)
_IV_TOLD = (
    "Envoy says sanctions must stay\n\n"
    "The Taliban must earn relief from sanctions, Anna Koval, the European Union's special "
    "envoy, told The Courier in an interview in Brussels.\n\n"
    "Q. Should the sanctions stay?\n\n"
    "A. Yes. They are the only leverage we have.\n\n"
    "Q. A former envoy, Piet Dam, says the sanctions hurt ordinary Afghans. Is he wrong?\n\n"
    "A. He is not wrong about the pain. But, as my Pakistani colleague told me last week, "
    "“lifting them now would reward the men who closed the schools.”"
)
_IV_INTERVIEWER_FIRST = (
    "The last harbour master\n\n"
    "Our reporter Jane Roe interviewed the harbour master, Ola Dahl, before he retired.\n\n"
    "Q: What will you miss?\n\n"
    "A: The boats at dawn. I have watched them for thirty years.\n\n"
    "Nobody else gets up at four to see them come in. The town will not miss that.\n\n"
    "Q: And the quay?\n\n"
    "A: It will close in May.\n\n"
    "Dahl leaves the port on Friday."
)
_IV_PRONOUN = (
    "Ten questions for the governor\n\n"
    "Governor Rita Lund spent the morning at the new ferry terminal. She later flew back to "
    "the capital, where she spoke with Gazette reporter Omar Haddad.\n\n"
    "Q: You have promised cheaper ferries. When?\n\n"
    "A: Next spring, if parliament passes the budget."
)
_IV_TWO_GUESTS = (
    "Two ministers on the grain corridor\n\n"
    "The farm ministers of Latvia and Estonia, Ilze Kalnina and Mart Tamm, talked to our "
    "reporter Sofia Reyes in Riga.\n\n"
    "Q: Is the corridor safe?\n\n"
    "Kalnina: Safer than last year. The navy escorts every ship.\n\n"
    "Tamm: I am less sure. “Nobody can promise safe passage,” the admiral told us in March.\n\n"
    "Q: Will you ask Brussels for money?\n\n"
    "Tamm: We already have."
)
_IV_HOST = (
    "Harbour hour\n\n"
    "This is an edited transcript of Harbour Hour on Radio Molde. The host was Nina Berg.\n\n"
    "BERG: Welcome. Is the ferry safe?\n\n"
    "DAHL: It is. “Nothing is wrong with it,” the inspectors told me, and I believe them.\n\n"
    "BERG: Thank you.\n\nDAHL: Thank you."
)
_IV_BODY = "Norway's trade minister, Eirik Halvorsen, spoke to our correspondent Lena Brandt.\n\n"
_IV_BODY += "Q: Will you retaliate?\n\nA: No."
CASES += [
    ("interview-intro-naming-both-sides-is-narration", _IV_QA, 1, ()),
    ("interview-edited-note-in-intro-is-narration", _IV_QA, 2, ()),
    ("interview-question-is-the-named-interviewer", _IV_QA, 3, ("Lena Brandt",)),
    ("interview-answer-is-the-interviewee-of-the-intro", _IV_QA, 4, ("Eirik Halvorsen",)),
    ("interview-answer-goes-on-in-its-paragraph", _IV_QA, 5, ("Eirik Halvorsen",)),
    ("interview-question-quoting-another-is-the-interviewer", _IV_QA, 7, ("Lena Brandt",)),
    ("interview-answer-quoting-a-third-person-is-the-answerer", _IV_QA, 9, ("Eirik Halvorsen",)),
    ("interview-editors-note-after-the-answers-is-narration", _IV_QA, 10, ()),
    ("interview-question-word-label-interviewed-by", _IV_WORDS, 2, ("Tom Ekdal",)),
    ("interview-answer-word-label", _IV_WORDS, 3, ("Marta Rivas",)),
    ("interview-question-label-split-off-goes-on", _IV_WORDS, 6, ("Tom Ekdal",)),
    ("interview-answer-label-split-off-goes-on", _IV_WORDS, 8, ("Marta Rivas",)),
    ("interview-answered-questions-intro-is-narration", _IV_OUTLET, 1, ()),
    ("interview-outlet-label-is-the-outlet", _IV_OUTLET, 2, ("Ledger",)),
    ("interview-surname-label-of-one-of-two-guests", _IV_OUTLET, 5, ("Jens Lind",)),
    ("interview-surname-label-goes-on-in-its-paragraph", _IV_OUTLET, 4, ("Sara Holm",)),
    ("interview-intro-that-reports-keeps-its-speaker", _IV_TOLD, 1, ("Anna Koval",)),
    ("interview-question-to-the-outlet-told", _IV_TOLD, 3, ("Courier",)),
    ("interview-question-reporting-a-named-person", _IV_TOLD, 7, ("Courier",)),
    ("interview-dotted-answer-label", _IV_TOLD, 4, ("Anna Koval",)),
    ("interview-answer-quoting-a-colleague", _IV_TOLD, 11, ("Anna Koval",)),
    ("interview-interviewer-before-interviewed", _IV_INTERVIEWER_FIRST, 2, ("Jane Roe",)),
    ("interview-interviewee-after-interviewed", _IV_INTERVIEWER_FIRST, 3, ("Ola Dahl",)),
    ("interview-answer-over-two-paragraphs", _IV_INTERVIEWER_FIRST, 5, ("Ola Dahl",)),
    ("interview-closing-narration-after-last-answer", _IV_INTERVIEWER_FIRST, 9, ()),
    ("interview-interviewer-after-a-pronoun", _IV_PRONOUN, 3, ("Omar Haddad",)),
    ("interview-interviewee-by-the-pronoun", _IV_PRONOUN, 5, ("Rita Lund",)),
    ("interview-two-guests-question-label", _IV_TWO_GUESTS, 2, ("Sofia Reyes",)),
    ("interview-two-guests-first-surname", _IV_TWO_GUESTS, 3, ("Ilze Kalnina",)),
    ("interview-two-guests-answer-quoting-another", _IV_TWO_GUESTS, 6, ("Mart Tamm",)),
    (
        "interview-headline-quote-then-description",
        "‘Tariffs are a tax on our farmers’: Norway's trade minister on the trade war\n\n"
        + _IV_BODY,
        0,
        ("Eirik Halvorsen",),
    ),
    ("interview-headline-quote-only-is-narration", "‘We will not retaliate’\n\n" + _IV_BODY, 0, ()),
    (
        "interview-question-to-us-is-narration",
        "Inside the customs office\n\nCustoms chief Petra Vik spoke to us about the new "
        "export rules.\n\nQ: Who checks the trucks?\n\nA: My officers do, every one of them.",
        2,
        (),
    ),
    (
        "interview-question-label-glued-to-its-text",
        "A life at sea\n\nCaptain Inga Sol has skippered the night ferry since 2011. Answers "
        "have been edited for length.\n\nQYou have crossed the sound ten thousand times. Is it "
        "safe?\n\nA: Yes, if you respect the wind.",
        5,
        ("Inga Sol",),
    ),
    (
        "interview-outlet-label-of-the-named-reporter",
        "Ten questions for the governor\n\n"
        "Governor Rita Lund spoke to Gazette reporter Omar Haddad on Monday.\n\n"
        "Gazette: You have promised cheaper ferries. When?\n\n"
        "Lund: Next spring, if parliament passes the budget.\n\n"
        "Gazette: And the bridge?\n\nLund: Never.\n\n"
        "Note: The governor's office later corrected the date.",
        3,
        ("Omar Haddad",),
    ),
    ("transcript-host-named-in-intro-asks", _IV_HOST, 4, ("Nina Berg",)),
    ("transcript-guest-quoting-others-says-it-all", _IV_HOST, 6, ("Dahl",)),
    (
        "explainer-answer-is-narration",
        "Secondary sanctions, explained\n\nThe Treasury announced new penalties on Monday.\n\n"
        "Q: What are secondary sanctions?\n\n"
        "A: Penalties on firms in third countries that trade with a sanctioned state.",
        3,
        (),
    ),
]

XFAIL: dict[str, str] = {
    "trial-reply-by-addressee": "a reply ('…,' he replied) is given to the salient speaker, "
    "not to the person the question before it was put to",
    "hearing-coordinated-reported": "a second verb coordinated after an act ('spotted … and "
    "reported …') is not read as the subject's reporting cue",
    "headline-description-subject": "a headline naming its speaker only by a description "
    "('Teacher') that the body later gives a name to",
    "plural-description-without-cue": "'opposed' is a stance, not a reporting cue, and "
    "'candidates' is not a listed role, so the two are not found",
    "explainer-answer-is-narration": "questions and answers with no sign of an interview (an "
    "explainer's) are left to the older rule: an answer is the most salient person's",
}


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        pytest.param(
            text,
            index,
            expected,
            id=case_id,
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[case_id])]
            if case_id in XFAIL
            else [],
        )
        for case_id, text, index, expected in CASES
    ],
)
def test_attribution_table(text: str, index: int, expected: tuple[str, ...]) -> None:
    sentences, result = _run(text)
    assert len(result.attributions) == len(sentences)
    assert result.attributions[index].speakers == expected, sentences[index]


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c[0] for c in CASES}) == len(CASES)


def test_attribution_records() -> None:
    text = (
        "Norwegian Foreign Minister Olav Strand met reporters.\n\n"
        "“The border stays open,” he said.\n\n"
        "He said trucks would be checked. Each driver will need a permit.\n\n"
        "The storm hit on Monday."
    )
    _, result = _run(text)
    kinds = [a.kind for a in result.attributions]
    assert kinds == ["none", "direct", "indirect", "continuation", "none"]
    assert result.attributions[1].cue == "said"
    assert 0.0 < result.attributions[3].confidence < result.attributions[2].confidence <= 1.0
    (entity,) = result.entities
    assert entity == Entity(
        name="Olav Strand",
        aliases=entity.aliases,
        role="Foreign Minister",
        affiliation="Norway",
        kind="person",
    )
    assert "he" in entity.aliases


def test_empty_article() -> None:
    article = Article(id="e", text="")
    assert attribute(article, []) == ArticleSpeakers((), ())


def test_aliases_map_spellings() -> None:
    article = article_from_text("Ana Ruis said the talks were over.", id="a")
    result = attribute(article, split_sentences(article), aliases={"Ana Ruis": "Ana Ruiz"})
    assert result.attributions[0].speakers == ("Ana Ruiz",)


def test_canonicalize_across_articles() -> None:
    a = ArticleSpeakers((Attribution(("Strand",), "indirect"),), (Entity("Strand"),))
    b = ArticleSpeakers((Attribution(("Olav Strand",), "indirect"),), (Entity("Olav Strand"),))
    out = canonicalize_across([a, b])
    assert out[0].attributions[0].speakers == ("Olav Strand",)
    assert out[0].entities[0].name == "Olav Strand"
    assert out[1] == b


def test_canonicalize_across_needs_whole_words_and_one_fuller_name() -> None:
    def one(name: str, kind: str = "person") -> ArticleSpeakers:
        return ArticleSpeakers(
            (Attribution((name,), "indirect"),),
            (Entity(name, kind=kind),),  # type: ignore[arg-type]
        )

    # "Ana Ruiz" is not the end of "Diana Ruiz"; "Ruiz" alone has two fuller names
    out = canonicalize_across([one("Ana Ruiz"), one("Diana Ruiz"), one("Ruiz")])
    assert [o.attributions[0].speakers for o in out] == [("Ana Ruiz",), ("Diana Ruiz",), ("Ruiz",)]
    # an organisation that shares a surname keeps its name
    out = canonicalize_across([one("Strand", "organisation"), one("Olav Strand")])
    assert out[0].attributions[0].speakers == ("Strand",)
    # a chain of fuller forms ends at the fullest one, in every article
    out = canonicalize_across([one("Strand"), one("Olav Strand"), one("Olav K. Strand")])
    assert out[0].attributions[0].speakers == ("Strand",)  # two fullest forms: unsure
    out = canonicalize_across([one("Strand"), one("Olav Strand"), one("Per Olav Strand")])
    assert [o.attributions[0].speakers for o in out] == [("Per Olav Strand",)] * 3
    assert out[1].entities[0].aliases == ("Olav Strand",)


def test_canonicalize_across_merges_forms_within_an_article() -> None:
    a = ArticleSpeakers(
        (Attribution(("Strand",), "indirect"), Attribution(("Olav Strand",), "indirect")),
        (Entity("Strand"), Entity("Olav Strand", aliases=("O. Strand",))),
    )
    b = ArticleSpeakers((Attribution(("Olav Strand",), "indirect"),), (Entity("Olav Strand"),))
    out = canonicalize_across([a, b])
    assert [x.speakers for x in out[0].attributions] == [("Olav Strand",), ("Olav Strand",)]
    assert [e.name for e in out[0].entities] == ["Olav Strand"]
    assert set(out[0].entities[0].aliases) == {"Strand", "O. Strand"}


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("aliases.toml", '"Raisy" = "Ana Ruiz"\n', {"Raisy": "Ana Ruiz"}),
        (
            "aliases.toml",
            '[aliases]\n"Ana Ruiz" = ["Ana Ruis", "A. Ruiz"]\n',
            {"Ana Ruis": "Ana Ruiz", "A. Ruiz": "Ana Ruiz"},
        ),
        ("aliases.csv", "spelling,canonical\nAna Ruis,Ana Ruiz\n", {"Ana Ruis": "Ana Ruiz"}),
        ("aliases.tsv", "Ana Ruis\tAna Ruiz\n", {"Ana Ruis": "Ana Ruiz"}),
    ],
)
def test_load_aliases(tmp_path: Path, name: str, content: str, expected: dict[str, str]) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert load_aliases(path) == expected


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("bad.csv", "Ana Ruis,Ana Ruiz\nonly one column\n", r"bad\.csv:2: expected 2 columns"),
        ("bad.toml", '"Ana" = 3\n', r"bad\.toml:1: expected a canonical name"),
        ("broken.toml", '"Ana" = \n', r"broken\.toml.*not valid TOML"),
    ],
)
def test_load_aliases_errors(tmp_path: Path, name: str, content: str, match: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        load_aliases(path)


def test_load_aliases_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such aliases file"):
        load_aliases(tmp_path / "nope.csv")


# --- the gold corpus (ANNOTATION.md) ---------------------------------------------------------


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = " ".join(text.replace("-", " ").split())
    return text[:-1] if text.endswith("s") else text


def _names_match(pred: str, gold: str, aliases: dict[str, set[str]]) -> bool:
    p, g = _fold(pred), _fold(gold)
    if p == g or p in aliases.get(g, set()):
        return True
    return p.split()[-1:] == g.split()[-1:]


def _same_speakers(pred: tuple[str, ...], gold: list[str], aliases: dict[str, set[str]]) -> bool:
    if len(pred) != len(gold):
        return False
    left = list(pred)
    for g in gold:
        hit = next((p for p in left if _names_match(p, g, aliases)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _gold_accuracy(shared: Path, article_id: str) -> tuple[int, int]:
    aliases: dict[str, set[str]] = {}
    for line in (shared / "gold" / "entities.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            ent = json.loads(line)
            if ent["article"] == article_id:
                aliases[_fold(ent["name"])] = {_fold(a) for a in ent["aliases"]}
    text = (shared / "corpus" / f"{article_id}.txt").read_text(encoding="utf-8")
    article = article_from_text(text, id=article_id)
    sentences = split_sentences(article)
    result = attribute(article, sentences)
    gold = [
        json.loads(line)
        for line in (shared / "gold" / f"{article_id}.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    good = 0
    for g in gold:
        best = max(
            range(len(sentences)),
            key=lambda i: min(sentences[i].end, g["end"]) - max(sentences[i].start, g["start"]),
        )
        good += _same_speakers(result.attributions[best].speakers, g["speakers"], aliases)
    return good, len(gold)


@pytest.mark.shared
def test_gold_reference_article(shared_dir: Path) -> None:
    good, total = _gold_accuracy(shared_dir, "iran-turkey-2021-11-15")
    assert good == total


@pytest.mark.shared
def test_gold_corpus_overall(shared_dir: Path) -> None:
    good = total = 0
    for path in sorted((shared_dir / "gold").glob("*.jsonl")):
        if path.stem == "entities":
            continue
        g, t = _gold_accuracy(shared_dir, path.stem)
        good += g
        total += t
    assert good / total >= 0.95


# --- word lists and quote marks ----------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "rows", "match"),
    [
        ("_cues", [(3, "said says | subj sideways")], r"verbs\.txt:3: frames must be among"),
        ("_cues", [(1, "said | subj"), (2, "said | inv")], r"verbs\.txt:2: cue form 'said'"),
        ("_titles", [(4, "president | President")], r"titles\.txt:4: expected 3 fields"),
        ("_pronouns", [(2, "he | x | sg")], r"pronouns\.txt:2: gender must be one of"),
    ],
)
def test_word_list_errors_name_file_and_line(
    monkeypatch: pytest.MonkeyPatch, function: str, rows: list[tuple[int, str]], match: str
) -> None:
    from stance import _entities

    monkeypatch.setattr(_entities, "_rows", lambda name: iter(rows))
    with pytest.raises(InputError, match=match):
        getattr(_entities, function)()


def test_word_classes_are_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    from stance import _entities

    monkeypatch.setattr(_entities, "_rows", lambda name: iter([(1, "modals | would")]))
    with pytest.raises(InputError, match="missing classes: determiners"):
        _entities.word_classes.__wrapped__()
    monkeypatch.setattr(_entities, "_rows", lambda name: iter([(7, "verbs | said")]))
    with pytest.raises(InputError, match=r"word_classes\.txt:7: unknown class 'verbs'"):
        _entities.word_classes.__wrapped__()


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        ([(1, "question_labels | q")], r"interviews\.txt:1: unknown class 'question_labels'"),
        (
            [(1, "second_person | you"), (2, "second_person | your")],
            r"interviews\.txt:2: class .* twice",
        ),
        ([(1, "second_person | you,")], r"interviews\.txt:1: class 'second_person' has an empty"),
        ([(1, "second_person you")], r"interviews\.txt:1: expected 2 fields separated by '\|'"),
        ([(1, "second_person | you")], r"interviews\.txt: missing classes: interviewer_after"),
    ],
)
def test_interview_word_list_errors(
    monkeypatch: pytest.MonkeyPatch, rows: list[tuple[int, str]], match: str
) -> None:
    from stance import _entities, _interviews

    monkeypatch.setattr(_entities, "_rows", lambda name: iter(rows))
    with pytest.raises(InputError, match=match):
        _interviews.interview_words.__wrapped__()


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said, "Yes." Then left.', ["Yes."]),
        ("“One.\n\n“Two,” she said.", ["One.", "Two,"]),
        ("A stray ” closer and “an open one\n\nNext paragraph.", ["an open one"]),
        ("”Opening with a closer,” he said.", ["Opening with a closer,"]),
        ("''Doubled marks,'' Mr. Lee said.", ["Doubled marks,"]),
        ("No quotes at all.", []),
    ],
)
def test_find_quotes(text: str, quoted: list[str]) -> None:
    from stance._quotes import find_quotes

    assert [text[r.start : r.end] for r in find_quotes(text)] == quoted


@pytest.mark.parametrize(
    "text",
    [
        "The plan failed) , said Ana Ruiz.",
        "Lee (of the, panel)), a critic, said no.",
        '"""',
        "“ ” “ said",
        ", , , said , according to",
        "He said: “\n\n“\n\n”",
        "Mr. . Dr. , said Gen.",
        "(((, said)))",
    ],
)
def test_odd_punctuation_never_crashes(text: str) -> None:
    sentences, result = _run(text)
    assert len(result.attributions) == len(sentences)
