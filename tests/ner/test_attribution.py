"""Attribution patterns, one small inline text each, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from ner.attribution import find_quotes
from ner.pipeline import to_analysis


def claims(nlp, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    analysis = to_analysis("t", nlp(text))
    return [(a.speaker, a.verb, a.targets) for a in analysis.assertions]


def test_quote_then_attribution(nlp):
    text = "“Justin Trudeau ignored the warnings from the agency,” Charles Burton said."
    assert claims(nlp, text) == [("Charles Burton", "say", ("Justin Trudeau",))]


def test_attribution_then_colon_quote(nlp):
    text = (
        "Michael Chong spoke to reporters in Ottawa. Chong said: “The Chinese Communist Party "
        "interfered in the election, and Justin Trudeau knew it.”"
    )
    found = claims(nlp, text)
    assert ("Michael Chong", "say", ("Chinese Communist Party", "Justin Trudeau")) in found


def test_indirect_speech_with_that_clause(nlp):
    text = "Erin O’Toole claimed that Beijing cost the Conservative Party of Canada eight seats."
    speaker, verb, targets = claims(nlp, text)[0]
    assert (speaker, verb) == ("Erin O’Toole", "claim")
    assert "Conservative Party of Canada" in targets


def test_pronoun_resolves_to_the_person_who_last_spoke(nlp):
    text = (
        "Han Dong confirmed that he met Han Tao. Critics wanted to hear from Michael Kovrig. "
        "“I raised the status of Michael Spavor and called for his release,” he wrote."
    )
    found = claims(nlp, text)
    assert ("Han Dong", "write", ("Michael Spavor",)) in found


def test_role_phrase_names_the_speaker_and_affiliation(nlp):
    analysis = to_analysis(
        "t", nlp("CSIS spokesperson Eric Balsam wrote that the Commission has access to all records.")
    )
    a = analysis.assertions[0]
    assert a.speaker == "Eric Balsam"
    assert a.affiliation == "Canadian Security Intelligence Service"


def test_according_to(nlp):
    text = "Justin Trudeau met Xi Jinping in Osaka, according to The Wall Street Journal."
    speaker, verb, targets = claims(nlp, text)[0]
    assert (speaker, verb) == ("The Wall Street Journal", "according to")
    assert {"Justin Trudeau", "Xi Jinping"} <= set(targets)


def test_denial_stance(nlp):
    analysis = to_analysis("t", nlp("Han Dong denied that he advised Han Tao to delay the release."))
    assert [(a.speaker, a.stance) for a in analysis.assertions] == [("Han Dong", "denies")]


@pytest.mark.parametrize(
    "text",
    [
        "Michael Spavor and Michael Kovrig were denied consular access for months.",
        "Meng Wanzhou was told by the court that the hearing would resume.",
        "Han Dong did not deny the meeting with Han Tao.",
    ],
)
def test_no_speaker_where_nobody_speaks(nlp, text: str):
    assert claims(nlp, text) == []


def test_multi_sentence_quote_is_one_quote():
    text = "“First sentence of the quote. Second sentence of the same quote,” she said."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and text[quotes[0].start : quotes[0].end].endswith("quote,”")


def test_unclosed_quote_runs_to_paragraph_end():
    text = "“An opening quote that never closes in this paragraph\nNext paragraph."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“An opening quote that never closes in this paragraph"


def test_inverted_attribution_reports_the_clause_before_it(nlp):
    text = (
        "Dominic Barton and Chinese officials agreed to terms on the release, "
        "The Wall Street Journal reported."
    )
    found = claims(nlp, text)
    assert [(s, v) for s, v, _ in found] == [("The Wall Street Journal", "report")]
    assert "Dominic Barton" in found[0][2]


def test_speaker_after_a_closing_quote_wins_over_the_parse(nlp):
    text = (
        "The Ministry of State Security calibrated its support for Justin Trudeau, running operations "
        "“designed to exert pressure on Canada’s political leadership,” CSIS reported in June 2019."
    )
    found = claims(nlp, text)
    assert [(s, v) for s, v, _ in found] == [("Canadian Security Intelligence Service", "report")]


def test_the_document_speaks_for_its_author(nlp):
    text = (
        "A CSIS report reviewed by The Bureau was leaked in May. "
        "“Beijing is likely to keep its strategy until the Meng proceedings conclude,” the document says."
    )
    found = claims(nlp, text)
    assert [(s, v) for s, v, _ in found][-1] == ("Canadian Security Intelligence Service", "say")


def test_document_reviewed_by_an_outlet_is_not_the_outlets(nlp):
    text = "A document obtained by The Canada Files shows that the Canadian Embassy promoted its messaging."
    assert all(s != "The Canada Files" for s, _, _ in claims(nlp, text))


def test_named_speaker_inside_a_quote_counts_but_i_does_not(nlp):
    text = (
        "“In fact, President Donald Trump declared he might release Meng Wanzhou, and I think he meant it,” "
        "Ken Stone wrote."
    )
    speakers = {(s, v) for s, v, _ in claims(nlp, text)}
    assert ("Ken Stone", "write") in speakers and ("Donald Trump", "declare") in speakers
    assert not any(v == "think" for _, v in speakers)


def test_question_is_not_an_assertion(nlp):
    text = "CSIS deliberated whether Han Dong believed it was within his purview, the sources said."
    assert [c for c in claims(nlp, text) if c[0]] == []  # only the unnamed sources speak


def test_unnamed_sources_and_groups_are_kept_with_their_phrase(nlp):
    text = (
        "Three people briefed on the matter said Wirecard had misled investors. "
        "A senior banker said the deal with Credit Suisse was finished. "
        "Analysts said UBS had got a bargain. "
        "Mr Braun's lawyers have previously alleged that Oliver Bellenhaus was the mastermind."
    )
    found = [(a.speaker_kind, a.speaker, a.speaker_text) for a in to_analysis("d", nlp(text)).assertions]
    assert found == [
        ("unnamed", "", "Three people briefed on the matter"),
        ("unnamed", "", "A senior banker"),
        ("group", "", "Analysts"),
        ("group", "", "Mr Braun's lawyers"),  # his lawyers speak for him, not as him
    ]


def test_officials_of_a_named_body_speak_for_it(nlp):
    (claim,) = to_analysis("d", nlp("CSIS investigators said Han Dong met the consul.")).assertions
    assert (claim.speaker_kind, claim.speaker) == ("named", "Canadian Security Intelligence Service")


def test_at_no_point_is_a_negation_and_two_cues_make_one_claim(nlp):
    assert claims(nlp, "Felix Hufeld at no point described such a scenario to investors.") == []
    (claim,) = to_analysis("t", nlp("Brad Smith said and added that the CMA was wrong.")).assertions
    assert claim.verb == "say" and claim.verbs == ("say", "add")


def test_a_participle_a_relative_clause_and_an_agent_find_their_speaker(nlp):
    found = claims(
        nlp, "A solicitor accused by MI5 of being an agent of the Chinese Communist Party lost her case."
    )
    assert found == [("MI5", "accuse", ("Chinese Communist Party",))]
    found = claims(nlp, "MI5 issued the alert on Thursday accusing Christine Lee of facilitating donations.")
    assert found == [("MI5", "accuse", ("Christine Lee",))]
    found = claims(
        nlp, "MPs have been informed by MI5 that a Chinese spy has been working with Barry Gardiner."
    )
    assert [c[:2] for c in found] == [("MI5", "inform")]
    found = claims(nlp, "Barry Gardiner, who told LBC he felt used by Christine Lee, defended the donations.")
    assert ("Barry Gardiner", "tell", ("Christine Lee",)) in found


def test_he_and_she_go_to_a_person_of_that_gender(nlp):
    text = (
        "Mr David Hartley accepted £200,000 from Susan Marsh, who ran his office. "
        "Marsh was later named as an agent by the regulator.\n"
        "He told Sky News the money was there to pay for researchers in Parliament."
    )
    assert ("David Hartley", "tell") in [c[:2] for c in claims(nlp, text)]
    text = (
        "Ms Susan Marsh rejected the offer from Peter Collins and his partners. "
        "She claimed that Collins had misled the board about the debts."
    )
    assert ("Susan Marsh", "claim", ("Peter Collins",)) in claims(nlp, text)


def test_the_role_noun_after_a_named_person_is_that_person(nlp):
    text = (
        "Mr David Hartley received the donations over six years. "
        "The Labour MP said Susan Marsh appeared to be a legitimate donor."
    )
    assert ("David Hartley", "say", ("Susan Marsh",)) in claims(nlp, text)


def test_a_parenthetical_report_reports_its_clause(nlp):
    text = (
        "Peter Collins left the talks on Monday. "
        "The Civic Union, he said, could not make promises to voters it could not keep."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("Peter Collins", "say")]


def test_a_short_quote_that_ends_in_speech_punctuation_is_speech(nlp):
    text = "David Hartley won the vote.\n“The voter has spoken,” Hartley said on television."
    assert [c[:2] for c in claims(nlp, text)] == [("David Hartley", "say")]
    assert len(find_quotes("a “scare” quote and “The voter has spoken,” he said")) == 1


def test_a_quote_ending_the_paragraph_before_does_not_name_the_speaker(nlp):
    text = (
        "Susan Marsh was detained in December. “She denies all the charges "
        "brought against her,” the statement read.\n"
        "Marsh's lawyers have told Sky News she is innocent and will fight the charges."
    )
    assert "Susan Marsh" not in [c[0] for c in claims(nlp, text) if c[1] == "tell"]


def test_declining_to_comment_is_on_record_as_declines(nlp):
    (claim,) = to_analysis("t", nlp("Susan Marsh declined to comment on the report by Sky News.")).assertions
    assert (claim.speaker, claim.stance, claim.targets) == ("Susan Marsh", "declines", ("Sky News",))
    assert claims(nlp, "Susan Marsh did not decline to comment on the report by Sky News.") == []
    assert claims(nlp, "Susan Marsh failed to tell Sky News about the loan.") == []


def test_a_quote_continues_the_claim_before_it_across_a_paragraph_break(nlp):
    text = (
        "Peter Collins left the talks on Monday. "
        "The Civic Union, he said, could not make promises to voters.\n"
        "“You do not build a secure house on sand, and Susan Marsh knows it.”"
    )
    (claim,) = to_analysis("t", nlp(text)).assertions
    assert claim.speaker == "Peter Collins" and "secure house on sand" in claim.quote
    assert set(claim.targets) == {"Civic Union", "Susan Marsh"}


def test_a_credit_line_after_a_quote_names_its_speaker(nlp):
    text = (
        "The centre will open in Lisbon in September.\n"
        "“Ransomware crews move across borders in minutes, and Europol must move as fast.”\n"
        "— Susan Marsh, head of cyber operations"
    )
    (claim,) = to_analysis("t", nlp(text)).assertions
    assert (claim.speaker, claim.kind) == ("Susan Marsh", "quote")
    assert "Susan Marsh, head of cyber operations" in claim.sentence


def test_he_in_a_parenthetical_is_the_sentence_subject(nlp):
    text = (
        "“We are still looking for solutions”, said Mr Peter Collins on Thursday.\n"
        "Mr David Hartley pulled out after examining documents which showed, he said, "
        "that Susan Marsh had hidden the cuts."
    )
    assert ("David Hartley", "say", ("Susan Marsh",)) in claims(nlp, text)


def test_a_role_noun_is_the_one_person_named_with_that_role(nlp):
    text = (
        "Brad Collins, the president of Northwind, met the regulator in March. "
        "Northwind's president said the decision was the darkest day for Susan Marsh."
    )
    assert ("Brad Collins", "say", ("Susan Marsh",)) in claims(nlp, text)
    text = (
        "Susan Marsh's lawyer in Athens, David Hartley, insisted she was innocent of the charges "
        "brought by Peter Collins."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("David Hartley", "insist")]


def test_a_role_two_people_hold_or_an_indefinite_one_stays_unnamed(nlp):
    text = (
        "Susan Marsh's lawyer, David Hartley, spoke on Monday. Her other lawyer, Peter Collins, "
        "spoke on Tuesday. Her lawyer said Marsh would fight the charges."
    )
    (last,) = [a for a in to_analysis("t", nlp(text)).assertions if "fight" in a.quote]
    assert last.speaker_kind != "named"
    text = "David Hartley, an officer at the council, spoke. An officer at the council said Marsh lied."
    (last,) = [a for a in to_analysis("t", nlp(text)).assertions if "lied" in a.quote]
    assert last.speaker != "David Hartley"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Geert Vandaal has vowed that the Party for Prosperity will halt all immigration.", "vow"),
        ("Axel Lehrmann reiterated that the bank had enough capital.", "reiterate"),
        ("Frans Timmers pledged that his party would stay in opposition.", "pledge"),
    ],
)
def test_cue_verbs_beyond_saying(nlp, text: str, verb: str):
    analysis = to_analysis("t", nlp(text))
    assert verb in {v for a in analysis.assertions for v in (a.verb, *a.verbs)}


def test_an_untagged_surname_is_the_person_mostly_named_with_it(nlp):
    text = (
        "Dorian Vellacott, the Homeland Security Secretary, met Mara Vellacott on Monday. "
        "Dorian Vellacott praised the officials. Dorian Vellacott spoke for an hour.\n"
        "Vellacott said local election officials should ask for help."
    )
    speakers = [(a.speaker, a.verb) for a in to_analysis("t", nlp(text)).assertions]
    assert ("Dorian Vellacott", "say") in speakers


def test_a_surname_two_people_share_equally_stays_unresolved(nlp):
    text = (
        "Lena Marwick and Tomas Marwick ran the clinic together. "
        "Marwick wrote that the clinic would close in June."
    )
    assert all(a.speaker == "" for a in to_analysis("t", nlp(text)).assertions)


def test_a_subject_inside_the_quotation_does_not_speak_for_the_verb_outside(nlp):
    text = (
        "\"If it doesn't have the capability to threaten its neighbors yet, it will at some point, "
        'probably sooner rather than later," said Dorian Vellacott, a physicist who is co-director '
        "of the Nuclear Policy Program at the Carnegie Endowment for International Peace."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("Dorian Vellacott", "say")]


def test_a_described_speaker_is_kept_as_an_unnamed_source(nlp):
    text = "The former governor said the state would not raise taxes next year."
    (claim,) = to_analysis("t", nlp(text)).assertions
    assert (claim.speaker_kind, claim.speaker, claim.speaker_text) == ("unnamed", "", "The former governor")
    text = '"It is a difficult issue," said the Florida senator, "because it puts two rights in conflict."'
    found = [(a.speaker_kind, a.speaker_text) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("unnamed", "the Florida senator")]
    text = "Hollis Grange's former boss said the state would not raise taxes next year."
    found = to_analysis("t", nlp(text)).assertions
    assert all(a.speaker_text != "Hollis Grange's former boss" for a in found)


def test_a_curly_quote_closed_by_a_straight_one_and_doubled_marks_are_quotations(nlp):
    text = 'Susan Marsh opened the bridge.\n“Our roads and bridges are potholed and crumbling," she said.'
    assert [c[:2] for c in claims(nlp, text)] == [("Susan Marsh", "say")]
    text = "a ''suffering and delight, one of fear, but also of hope,'' he said"
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "''suffering and delight, one of fear, but also of hope,''"
    ]


def test_according_to_unnamed_people_or_a_poll_is_an_unnamed_source(nlp):
    text = "The Civic Union will join the lawsuit on Friday, according to Democratic officials."
    found = [(a.speaker_kind, a.speaker_text, a.verb) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("group", "Democratic officials", "according to")]
    text = "Susan Marsh leads Peter Collins by four points, according to the poll."
    found = [(a.speaker_kind, a.speaker_text) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("unnamed", "the poll")]
    assert claims(nlp, "Peter Collins took the chair, according to the rules of the Civic Union.") == []


def test_a_line_opening_with_a_name_and_a_colon_is_that_speakers(nlp):
    text = (
        "Dorian Vellacott and Susan Marsh spoke to Fox News on Sunday.\n"
        "VELLACOTT: Susan Marsh will not be attending the debate tomorrow night.\n"
        "Wait, it gets better: Peter Collins is coming instead."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("Dorian Vellacott", "say")]


def test_they_is_the_plural_subject_before_it_when_no_entity_spoke(nlp):
    text = "Critics of the plan met on Monday. They said the Civic Union had misled the voters."
    found = [(a.speaker_kind, a.speaker_text, a.verb) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("group", "Critics of the plan", "say")]


def test_a_claim_noun_reports_what_its_owner_said(nlp):
    text = "Peter Collins's claim that the Civic Union had misled voters was rejected on Monday."
    found = [(a.speaker, a.verb, a.stance, a.targets) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("Peter Collins", "claim", "alleges", ("Civic Union",))]
    text = "The mayor rejected Peter Collins's claim that the Civic Union had misled voters."
    assert ("Peter Collins", "claim") in [c[:2] for c in claims(nlp, text)]
    text = "Susan Marsh gave statements to explain her decision to leave the Civic Union."
    assert claims(nlp, text) == []


def test_a_sentence_that_only_attributes_takes_the_quotation_before_it(nlp):
    text = (
        "Susan Marsh spoke in Leeds on Monday.\n"
        '"We are going to win this seat, and the Civic Union knows it." Marsh said late last week.'
    )
    assert claims(nlp, text) == [("Susan Marsh", "say", ("Civic Union",))]


def test_a_vow_to_act_and_an_announced_plan_are_claims(nlp):
    assert [c[:2] for c in claims(nlp, "Peter Collins vowed to close the Harbour Fund within a year.")] == [
        ("Peter Collins", "vow")
    ]
    text = "Susan Marsh announced her plan to sell the Civic Union's stake in the Harbour Fund."
    assert claims(nlp, text) == [("Susan Marsh", "announce", ("Civic Union", "Harbour Fund"))]


def test_cues_whose_object_is_what_was_said(nlp):
    text = "Susan Marsh hailed the deal with the Civic Union as a turning point."
    assert [c[:2] for c in claims(nlp, text)] == [("Susan Marsh", "hail")]
    found = to_analysis("t", nlp("Peter Collins slammed the Civic Union over its pension plan.")).assertions
    assert [(a.speaker, a.verb, a.stance, a.targets) for a in found] == [
        ("Peter Collins", "slam", "alleges", ("Civic Union",))
    ]
    assert claims(nlp, "Peter Collins did not slam the Civic Union over its pension plan.") == []


def test_who_makes_the_noun_it_is_on_a_source(nlp):
    text = (
        "Peter Collins refused to pay an architect who said he was stiffed "
        "after he designed a clubhouse for the Civic Union."
    )
    found = [(a.speaker_kind, a.speaker_text, a.verb) for a in to_analysis("t", nlp(text)).assertions]
    assert ("unnamed", "an architect", "say") in found


def test_a_body_the_text_does_not_name_is_a_group_source(nlp):
    text = "In a statement, Peter Collins's campaign said the Civic Union had broken the rules."
    found = [(a.speaker_kind, a.speaker, a.speaker_text) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("group", "", "Peter Collins's campaign")]  # the campaign, not Collins


def test_a_poll_speaks_for_its_pollster_or_as_an_unnamed_source(nlp):
    text = "A new Sky News poll shows Susan Marsh leading Peter Collins by four points."
    assert [c[:2] for c in claims(nlp, text)] == [("Sky News", "show")]
    text = "The new poll shows Susan Marsh leading Peter Collins by four points."
    found = [(a.speaker_kind, a.speaker_text, a.verb) for a in to_analysis("t", nlp(text)).assertions]
    assert found == [("unnamed", "The new poll", "show")]


def test_it_is_the_body_that_was_the_subject_before(nlp):
    text = (
        "The Civic Union met in Leeds on Monday to discuss the Harbour Fund. "
        "It added that Peter Collins had misled the voters."
    )
    assert ("Civic Union", "add") in [c[:2] for c in claims(nlp, text)]


def test_a_pronoun_right_after_an_unnamed_source_continues_it(nlp):
    text = (
        "Susan Marsh met bankers in Zurich on Monday. A senior banker said the deal with the "
        "Civic Union was finished. He added that Peter Collins had misled the board."
    )
    found = [
        (a.speaker_kind, a.speaker, a.speaker_text, a.verb) for a in to_analysis("t", nlp(text)).assertions
    ]
    assert found == [
        ("unnamed", "", "A senior banker", "say"),
        ("unnamed", "", "A senior banker", "add"),  # not Susan Marsh, named earlier
    ]


def test_a_quoted_fragment_keeps_the_names_of_its_clause(nlp):
    text = "Margit Olsvik said the Halden Transit Authority had been “far too slow to act” on the bridge."
    found = claims(nlp, text)
    assert any(s == "Margit Olsvik" and "Halden Transit Authority" in t for s, _, t in found), found


def test_a_definite_short_form_in_the_content_is_the_entity_it_ends(nlp):
    text = (
        "The Royal Kestrel Football Federation met on Monday. "
        "Maria Delgado said the federation had pressured her teammates."
    )
    found = claims(nlp, text)
    assert ("Maria Delgado", "say", ("Royal Kestrel Football Federation",)) in found, found


def test_a_dateline_before_the_subject_does_not_take_its_place(nlp):
    text = (
        "Ottawa — Liberal whip Tom Hadley of Ontario announced Monday "
        "that he will run for leader of the Liberal Party."
    )
    found = claims(nlp, text)
    assert any(s == "Tom Hadley" for s, _, _ in found), found


def test_each_member_of_a_coordinated_subject_speaks(nlp):
    text = (
        "Harold Brevik of Montana and fellow Senator Dana Kowalczyk of Ohio announced Wednesday "
        "that they will each run against the Fjordline Company."
    )
    speakers = {s for s, _, t in claims(nlp, text) if "Fjordline Company" in t}
    assert {"Harold Brevik", "Dana Kowalczyk"} <= speakers, speakers


def test_a_report_coordinated_with_a_denial_is_not_inside_it(nlp):
    text = (
        "The 29-year-old Tomas Brekke denied any wrongdoing and said in March "
        "he would appeal to the Fjordline Tribunal."
    )
    found = claims(nlp, text)
    assert any(s == "Tomas Brekke" and v == "say" and "Fjordline Tribunal" in t for s, v, t in found), found


def test_a_vow_keeps_every_item_of_its_list(nlp):
    text = (
        "Tomas Brekke has vowed to halt all immigration, slash Norwegian payments to the "
        "Nordic Council and block the entrance of any new members, including Kestrel Bank."
    )
    found = claims(nlp, text)
    assert any(s == "Tomas Brekke" and "Kestrel Bank" in t for s, _, t in found), found


@pytest.mark.parametrize(
    ("text", "speaker", "target"),
    [
        (
            "If the Fjordline Company were to leave the market on its own, Mr. Tomas Brekke "
            "argued, its rivals at Kestrel Bank would simply lose their customers.",
            "Tomas Brekke",
            "Kestrel Bank",
        ),
        (
            "In both cases, Tomas Brekke said, those donations paid for sponsorships at the "
            "Kestrel Bank golf tournament.",
            "Tomas Brekke",
            "Kestrel Bank",
        ),
        (
            "Rather than seeing the levy rise further, said Dana Kowalczyk, senior vice president "
            "at Kestrel Bank, the Fjordline Company wants the gap narrowed.",
            "Dana Kowalczyk",
            "Fjordline Company",
        ),
    ],
)
def test_an_attribution_fenced_by_commas_reports_what_surrounds_it(nlp, text, speaker, target):
    found = [(s, t) for s, _, t in claims(nlp, text) if s == speaker]
    assert any(target in t for _, t in found), found
    if target != "Kestrel Bank":  # the inverted speaker's employer is not what was said
        assert not any("Kestrel Bank" in t for _, t in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Brekke distanced himself from the Fjordline Company by saying he would be willing "
        "to work for Kestrel Bank if asked.",
        "Tomas Brekke drew a wave of boos upon saying, “Kestrel Bank heard the passion of the people.”",
        "Tomas Brekke offered a retort on the mogul's preferred mode of communication, tweeting at "
        'him, "you are not just a loser at Kestrel Bank, you are a liar and a whiner."',
    ],
)
def test_a_speech_participle_speaks_for_the_main_subject(nlp, text):
    found = claims(nlp, text)
    assert any(s == "Tomas Brekke" and "Kestrel Bank" in t for s, _, t in found), found


def test_a_participle_after_from_does_not_speak(nlp):
    text = "Tomas Brekke prevented Dana Kowalczyk from writing that Kestrel Bank had failed."
    assert not any(s == "Tomas Brekke" for s, _, _ in claims(nlp, text))


def test_a_report_ending_its_paragraph_with_a_colon_takes_the_next_paragraph(nlp):
    text = (
        "Video post draws criticism\n\nTomas Brekke posted a video on Monday. In the text "
        "accompanying the video post, Tomas Brekke wrote:\n\nThe Fjordline Company has failed its "
        "customers and Kestrel Bank knew it all along.\n\nNobody answered."
    )
    found = claims(nlp, text)
    assert ("Tomas Brekke", "write", ("Fjordline Company", "Kestrel Bank")) in found, found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Fjordline Company has branded accusations that Kestrel Bank was spied on as a "
            "trick of smearing and intimidation.",
            "Fjordline Company",
        ),
        (
            "Judge Dana Kowalczyk ruled that the loan from Kestrel Bank was of minor intensity.",
            "Dana Kowalczyk",
        ),
        ("Tomas Brekke then joked that Kestrel Bank would celebrate the wedding.", "Tomas Brekke"),
        ("Tomas Brekke has painted Kestrel Bank as an absolutist lender.", "Tomas Brekke"),
        (
            "The Fjordline Company has also weighed in, criticising the Kestrel Bank write-off in "
            "a joint statement.",
            "Fjordline Company",
        ),
    ],
)
def test_cues_that_brand_rule_joke_paint_and_criticise(nlp, text, speaker):
    found = claims(nlp, text)
    assert any(s == speaker and "Kestrel Bank" in t for s, _, t in found), found


def test_a_phrasal_cue_reports(nlp):
    text = "Mr Tomas Brekke also pointed out that the cuts were inconsistent with the plans of Kestrel Bank."
    assert ("Tomas Brekke", "point out", ("Kestrel Bank",)) in claims(nlp, text)


def test_a_report_in_a_that_clause_is_not_an_inverted_attribution(nlp):
    text = (
        "Two weeks earlier Tomas Brekke told journalists that the Fjordline Company had ruled out "
        "providing any further funding for Kestrel Bank."
    )
    found = claims(nlp, text)
    assert not any(s == "Fjordline Company" and "Tomas Brekke" in t for s, _, t in found), found


def test_an_admission_to_having_done_something_is_its_content(nlp):
    text = (
        "On Tuesday afternoon, the Kestrel Times reported that Tomas Brekke admitted to having "
        "given money to Dana Kowalczyk, a Fjordline Company lawyer."
    )
    found = claims(nlp, text)
    assert any(s == "Tomas Brekke" and v == "admit" and "Dana Kowalczyk" in t for s, v, t in found), found


def test_a_possessive_pronoun_owns_a_claim_noun(nlp):
    text = (
        "Dana Kowalczyk and Tomas Brekke filed a suit against Hans Olberg over his claims that "
        "the robbery at Kestrel Bank was a hoax."
    )
    assert ("Hans Olberg", "claim", ("Kestrel Bank",)) in claims(nlp, text)


def test_a_conclusion_reports_what_its_owner_concluded(nlp):
    text = (
        "It said the Fjordline Company's conclusion that the deal would lead to a lessening of "
        "competition at Kestrel Bank was wrong."
    )
    assert ("Fjordline Company", "conclusion", ("Kestrel Bank",)) in claims(nlp, text)


def test_a_pronoun_before_a_name_does_not_give_that_name_its_gender(nlp):
    text = (
        "Kestrel Cup kiss\n\nThe 46-year-old federation chief faces calls to leave his post after "
        "the kiss on Dana Kowalczyk at the Kestrel Cup final. Tomas Brekke apologised for his "
        "conduct. In a statement on Monday, she denied the version of events given by the "
        "Fjordline Federation."
    )
    found = claims(nlp, text)
    assert any(s == "Dana Kowalczyk" and v == "deny" for s, v, _ in found), found


@pytest.mark.parametrize(
    ("text", "speaker", "target"),
    [
        (
            "But on Monday at a hearing of the Fjordline Tribunal, Ramby Holt, a barrister "
            "representing Ms. Lee and her son Daniel Wilkes, said it was the first time such a "
            "notice was issued by Kestrel Bank.",
            "Ramby Holt",
            "Kestrel Bank",
        ),
        (
            "Hans Olberg, who supported Dana Kowalczyk during the primaries, last week said Tomas "
            "Brekke was seeking to start a media empire.",
            "Hans Olberg",
            "Tomas Brekke",
        ),
    ],
)
def test_a_subject_cut_off_by_an_inserted_clause_still_speaks(nlp, text, speaker, target):
    found = claims(nlp, text)
    assert any(s == speaker and target in t for s, _, t in found), found
    assert {s for s, _, _ in found} == {speaker}, found


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The tribunal said it had detected testosterone in the sample of Tomas Brekke.", "The tribunal"),
        ("The Italian press reported that Tomas Brekke had tested positive.", "The Italian press"),
    ],
)
def test_a_body_the_text_never_names_is_a_group_source(nlp, text, phrase):
    analysis = to_analysis("t", nlp(text))
    found = [(a.speaker_kind, a.speaker_text) for a in analysis.assertions]
    assert any(kind != "named" and said == phrase for kind, said in found), found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "She compared the talks with Dana Kowalczyk to a root canal, according to Tomas Brekke's memoir.",
            "Tomas Brekke",
        ),
        ("Dana Kowalczyk has won 758 delegates, according to a Kestrel Times tally.", "Kestrel Times"),
        (
            "Including superdelegates, Dana Kowalczyk now has at least 723 delegates, according to "
            "a count by the Kestrel Times.",
            "Kestrel Times",
        ),
    ],
)
def test_according_to_a_thing_cites_its_owner(nlp, text, speaker):
    found = claims(nlp, text)
    assert (speaker, "according to", ("Dana Kowalczyk",)) in found, found


def test_according_to_a_rule_cites_nobody(nlp):
    text = "Dana Kowalczyk took the gavel as speaker pro tempore, according to Kestrel Party rules."
    assert claims(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Recount ruled out\n\nHans Olberg, the communications director for the Kestrel Party said "
        "in a statement. “There are no paper ballots to recount at the Fjordline Company offices. "
        "The caucuses were a unique event.”",
        "Turnout\n\n“When this came about and the mayor read about it, her immediate response has "
        "been, ‘Let’s see what’s going on at the Fjordline Company?’” Hans Olberg told reporters "
        "during Tuesday’s conference call.",
    ],
)
def test_a_sentence_that_only_attributes_takes_the_quotation_beside_it(nlp, text):
    found = claims(nlp, text)
    assert any(s == "Hans Olberg" and "Fjordline Company" in t for s, _, t in found), found


def test_a_countrys_minister_is_the_minister_the_text_names(nlp):
    text = (
        "Norwegian Finance Minister Dana Kowalczyk shook hands with the chairman of Kestrel Bank. "
        "Norway's finance minister defended the merger in an interview on Saturday, saying the "
        "Fjordline Company could not have survived Monday."
    )
    found = claims(nlp, text)
    assert any(s == "Dana Kowalczyk" and "Fjordline Company" in t for s, _, t in found), found


def test_the_statement_read_is_the_statement_of_who_issued_it(nlp):
    text = (
        "Brekke suspended\n\nKestrel Bank issued a statement after the confirmation of a positive "
        'test.\n\n"The footballer Tomas Brekke received a precautionary suspension order. The bank '
        'reserves the right to consider the next procedural steps," the statement read.'
    )
    assert ("Kestrel Bank", "read", ("Tomas Brekke",)) in claims(nlp, text)


def test_a_claim_merged_from_two_cues_keeps_the_targets_of_both(nlp):
    text = (
        "Brad Holt spoke after the Dunmore Commission ruled. Writing on social media, Holt said "
        'Kestrel Pay was "grateful" for the review, which "we believe will benefit players and '
        'the gaming industry worldwide".'
    )
    ((speaker, _, targets),) = claims(nlp, text)
    assert speaker == "Brad Holt" and "Kestrel Pay" in targets


def test_a_quoted_fragment_in_a_coordinated_verb_keeps_its_clause(nlp):
    text = (
        "Ana Kell was arrested in Dunmore. Her lawyer, Mikel Doran, insisted she was innocent "
        'and "did not know of the existence" of the cash found at the Kestrel Pay office.'
    )
    found = claims(nlp, text)
    assert ("Mikel Doran", "insist", ("Kestrel Pay",)) in found


def test_a_clause_that_runs_on_into_a_quotation_is_part_of_the_claim(nlp):
    text = (
        "Peter Vos told reporters he has been working with Kestrel Bank for a “number of years” on "
        "the Dunmore deal “and they have always known, and been made fully aware by me, of my "
        "engagement.”"
    )
    found = claims(nlp, text)
    assert found[0][:2] == ("Peter Vos", "tell")
    assert "Kestrel Bank" in found[0][2]


def test_a_person_he_stands_for_is_not_she_in_the_same_text(nlp):
    text = (
        "Quinn Garza told reporters the case against Jenna Moreno was weak. He has ignored calls "
        "to resign, insisting that the kiss was consensual, despite Moreno releasing a statement "
        "in which she said she had felt “vulnerable and the victim of an aggression,” describing "
        "it as “an impulsive act without any kind of consent on my part.”"
    )
    assert [c[:2] for c in claims(nlp, text)] == [
        ("Quinn Garza", "tell"),
        ("Quinn Garza", "insist"),
        ("Jenna Moreno", "say"),
    ]


def test_a_pronoun_the_speaker_cannot_be_is_a_target(nlp):
    text = (
        "Ms Eva Marsh was arrested in May. Her lawyer, Mr Peter Vos, insisted on Tuesday that she "
        "was innocent."
    )
    assert claims(nlp, text) == [("Peter Vos", "insist", ("Eva Marsh",))]
    # a speaker of the pronoun's gender may be who the pronoun is: no target
    text = "Ms Eva Marsh was arrested in May. Ms Anna Holt insisted on Tuesday that she was innocent."
    assert claims(nlp, text) == [("Anna Holt", "insist", ())]


def test_a_description_of_the_only_body_of_its_kind_is_a_target(nlp):
    text = (
        "Kestrel Pay was fined by the Dunmore Markets Authority in May. Peter Vos said the "
        "regulator had acted too late."
    )
    assert claims(nlp, text) == [("Peter Vos", "say", ("Dunmore Markets Authority",))]
    # two bodies of that kind named before: no telling which
    text = (
        "Kestrel Pay was fined by the Dunmore Markets Authority and the Bellmoor Finance Ministry "
        "in May. Peter Vos said the regulator had acted too late."
    )
    assert claims(nlp, text) == [("Peter Vos", "say", ())]


def test_a_phrase_fronted_by_a_comma_is_not_the_subject(nlp):
    # the parse the model gave a real story: "Outside court" as a second subject of "bashed"
    from spacy.tokens import Doc

    from ner.attribution.common import _subject

    words = ["Outside", "court", ",", "Vos", "has", "bashed", "the", "trial", "."]
    heads = [1, 5, 5, 5, 5, 5, 7, 5, 5]
    deps = ["amod", "nsubj", "punct", "nsubj", "aux", "ROOT", "det", "dobj", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert _subject(doc[5]).text == "Vos"


def test_an_inverted_source_parsed_as_an_object_speaks(nlp):
    text = (
        "Four-year bans are standard under the World Anti-Doping Code but can be reduced in cases "
        "where an athlete can prove their doping was not intentional, reported AP, if the positive "
        "test was a result of contamination."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("Associated Press", "report")]


def test_the_speakers_own_body_named_by_a_possessive_is_a_target(nlp):
    text = (
        "Kestrel Authority president Peter Vos faced questions from MPs on Monday. Vos conceded "
        "that his agency and others had made mistakes."
    )
    assert claims(nlp, text) == [("Peter Vos", "concede", ("Kestrel Authority",))]


def test_a_pronoun_target_may_be_a_person_the_text_gives_no_gender(nlp):
    # "Mr" makes Vos a man, whatever pronoun the parse guesses is bound to him
    text = (
        "Jenna Moreno released a statement on Monday. Mr Peter Vos said on Tuesday that she had "
        "lied to the court."
    )
    assert claims(nlp, text) == [("Peter Vos", "say", ("Jenna Moreno",))]


def test_he_after_a_body_spoke_is_the_last_person_who_spoke(nlp):
    text = (
        "Peter Vos added, “Steps were taken to ensure she had no role in the appointment of those "
        "researchers.” The funding that he received from Maria Dunne was not through improper "
        "means, Kestrel Bank assured him. He also said that Dunne's son had been working for him "
        "as a diary manager."
    )
    assert claims(nlp, text)[-1][:2] == ("Peter Vos", "say")


def test_a_bracketed_name_right_before_a_subjectless_verb_speaks(nlp):
    # the parser makes "midfielder" the verb and leaves "told" without a subject
    text = (
        "Juventus and France midfielder Paul Vargas has been provisionally suspended after a doping "
        "control detected the banned substance testosterone, Italian anti-doping authorities "
        "(NADO) told AFP on Monday."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("NADO", "tell")]


def test_the_statement_with_no_named_author_is_the_body_that_just_spoke(nlp):
    text = (
        "Kestrel Bank announced on Monday that Peter Vos had resigned. “Peter Vos has stepped down "
        "with immediate effect and will be replaced by his deputy,” the statement read."
    )
    assert [c[:2] for c in claims(nlp, text)] == [("Kestrel Bank", "announce"), ("Kestrel Bank", "read")]


def test_a_that_parsed_as_the_object_still_opens_the_clause(nlp):
    text = (
        "Peter Vos resigned on Monday, less than two weeks after he told journalists that Kestrel "
        "Bank had ruled out providing any further funding for Dunmore Lender."
    )
    assert ("Kestrel Bank", "rule out", ("Dunmore Lender",)) in claims(nlp, text)
    # a relative "that" is no complementizer: the accusation is still what is denied
    text = "It confirms China saw Peter Vos as a spy, an accusation that Peter Vos strongly denies."
    assert [c[:2] for c in claims(nlp, text)] == [("Peter Vos", "deny")]
