"""Recall rules for unnamed sources and structurally missed speakers (issue 16), one small
inline text each, through the real spaCy pipeline; names are invented."""

from __future__ import annotations

from ner.pipeline import to_analysis


def sources(nlp, text: str) -> list[tuple[str, str, str, str]]:
    """``(speaker kind, speaker key, speaker phrase, verb)`` of each claim."""
    analysis = to_analysis("t", nlp(text))
    return [(a.speaker_kind, a.speaker, a.speaker_text, a.verb) for a in analysis.assertions]


def test_any_noun_that_is_the_subject_of_a_speech_verb_is_a_source(nlp):
    text = "Kestrel Pay collapsed after a whistleblower alleged that the firm had faked its sales."
    assert sources(nlp, text) == [("unnamed", "", "a whistleblower", "allege")]
    text = "Security specialists say the Dunmore vote is at risk."
    assert sources(nlp, text) == [("group", "", "Security specialists", "say")]
    # a norm, the anaphoric "the man" and someone's employee are not new unnamed sources
    assert sources(nlp, "The rules say the board of Kestrel Pay must meet in March.") == []
    assert all(
        s[2] != "Hollis Grange's former boss"
        for s in sources(nlp, "Hollis Grange's former boss said taxes would rise.")
    )


def test_a_source_cited_by_a_participle_reports_its_clause(nlp):
    text = (
        "A German news agency had earlier reported that the former boss of Kestrel Pay had been "
        "released on Tuesday, citing a court spokesperson."
    )
    assert ("unnamed", "", "a court spokesperson", "cite") in sources(nlp, text)
    # a reason or a record cited is not a source
    text = "“It is a reflection of anger,” Hollis Grange said, citing low economic growth in Dunmore."
    assert [s[3] for s in sources(nlp, text)] == ["say"]


def test_a_quantifier_that_speaks_is_a_group_source(nlp):
    text = "During the debate some accused Brenda Voss of seeking attention."
    assert sources(nlp, text) == [("group", "", "some", "accuse")]
    text = "Most of them said they had loved working for Kestrel Pay."
    assert sources(nlp, text) == [("group", "", "Most", "say")]


def test_an_unnamed_member_of_a_coordinated_subject_speaks_too(nlp):
    text = "Susan Marsh and other conservatives say Peter Collins broke a pact with them in January."
    assert [s[:3] for s in sources(nlp, text)] == [
        ("named", "Susan Marsh", "Marsh"),
        ("group", "", "other conservatives"),
    ]


def test_a_counted_share_of_people_that_speaks_is_a_group_source(nlp):
    text = "About 9 percent said they had no preference between Susan Marsh and Peter Collins."
    assert [s[:3] for s in sources(nlp, text)] == [("group", "", "About 9 percent")]


def test_according_to_a_record_or_a_person_nobody_names_is_an_unnamed_source(nlp):
    text = "Susan Marsh met Peter Collins in 2007, according to a court filing."
    assert sources(nlp, text) == [("unnamed", "", "a court filing", "according to")]
    text = "Peter Collins was banned for four years, according to multiple reports."
    assert sources(nlp, text) == [("group", "", "multiple reports", "according to")]
    text = "Susan Marsh left the meeting early, according to an attendee."
    assert sources(nlp, text) == [("unnamed", "", "an attendee", "according to")]
    assert sources(nlp, "Peter Collins took the chair, according to the schedule of the Civic Union.") == []


def test_who_is_quoted_as_saying_speaks(nlp):
    text = "Susan Marsh was quoted as saying that the Civic Union would sue Peter Collins."
    assert sources(nlp, text) == [("named", "Susan Marsh", "Marsh", "say")]
    text = "The Dunmore Herald quoted Peter Collins as saying the Civic Union would fold."
    assert sources(nlp, text) == [("named", "Peter Collins", "Collins", "say")]


def test_a_quotation_continues_an_unnamed_source_across_a_paragraph(nlp):
    text = (
        "A senior official said Kestrel Pay was finished.\n\n"
        "“The board knows it and so does the regulator in Dunmore.”"
    )
    (claim,) = to_analysis("t", nlp(text)).assertions
    assert (claim.speaker_kind, claim.speaker_text) == ("unnamed", "A senior official")
    assert "The board knows it" in claim.quote and "Dunmore" in claim.targets


def test_a_record_with_no_named_author_is_an_unnamed_source(nlp):
    text = "Court records show Peter Collins owed Kestrel Pay 200,000 dollars."
    assert sources(nlp, text) == [("group", "", "Court records", "show")]
    text = "The Civic Union issued a statement. The statement said Peter Collins had lied."
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Civic Union")]  # its author's


def test_those_who_were_asked_speak_as_a_group(nlp):
    text = "By double digits, those surveyed say stricter gun laws would help Dunmore."
    assert sources(nlp, text) == [("group", "", "those", "say")]


def test_a_question_split_from_its_attribution_is_not_the_last_speakers(nlp):
    text = (
        "Mary Brown met Tom Green in Boston. Brown said the plan was dead: “It is over.”\n"
        "“Is it over for Kestrel Pay?” Green said."
    )
    claims = {a.speaker: a for a in to_analysis("t", nlp(text)).assertions}
    assert "Kestrel Pay" in claims["Tom Green"].quote
    assert "Kestrel Pay" not in claims["Mary Brown"].quote


def test_a_surname_two_people_share_is_read_from_honorific_or_last_speaker(nlp):
    text = (
        "Hilda Marsh said she would visit Dunmore. Owen Marsh said he would stay home. "
        "The next day, Mrs. Marsh said Kestrel Pay would get help."
    )
    found = sources(nlp, text)
    assert ("named", "Hilda Marsh", "Marsh", "say") in found
    text = (
        "Owen Marsh spoke in Dunmore. His father, Hugo Marsh, fled Kestria in 1957. "
        "Owen Marsh said his father was brave. “Dunmore saved my father,” Marsh wrote."
    )
    assert ("named", "Owen Marsh", "Marsh", "write") in sources(nlp, text)


def test_a_stance_adjective_with_a_clause_is_its_subjects_claim(nlp):
    assert sources(nlp, "Anna Holt was adamant that Kestrel Pay had misled investors.") == [
        ("named", "Anna Holt", "Holt", "be adamant")
    ]
    assert sources(nlp, "Anna Holt made it clear that Kestrel Pay had misled investors.") == [
        ("named", "Anna Holt", "Holt", "make clear")
    ]
    # no speaker, negated, or no clause: no claim
    assert sources(nlp, "It is clear that Kestrel Pay misled investors.") == []
    assert sources(nlp, "Anna Holt was not sure that Kestrel Pay would survive.") == []
    assert sources(nlp, "Anna Holt is sure to win the Dunmore seat.") == []


def test_each_owner_of_a_record_that_speaks_gets_the_claim(nlp):
    text = (
        "Kestrel Pay was sold on Sunday. A statement from the Dunmore Financial Authority and "
        "the Swiss National Bank said that the deal protected Dunmore."
    )
    speakers = {s[1] for s in sources(nlp, text)}
    assert speakers == {"Dunmore Financial Authority", "Swiss National Bank"}


def test_a_bare_definite_description_is_the_previous_subject(nlp):
    text = (
        "Karl Orbon signed off on the Kestrel Pay accounts. The fraud was very unusual, the executive said."
    )
    assert ("named", "Karl Orbon", "executive", "say") in sources(nlp, text)
    # a judge, a lawyer or a spokesman speaks about someone else: kept unnamed
    text = "Karl Orbon appealed the ban in March. The judge said Karl Orbon had lied."
    assert [s[:2] for s in sources(nlp, text)] == [("unnamed", "")]


def test_a_participle_read_as_the_main_verb_after_a_relative_clause_has_its_subject(nlp):
    text = (
        "The Kestrel Bank (KB), which was Dunmore Lender's largest shareholder, announced on "
        "Monday that it had accepted Hollis Grange's resignation."
    )
    assert ("named", "Kestrel Bank", "Bank", "announce") in sources(nlp, text)


def test_a_pronoun_in_a_clause_under_its_sentence_is_that_sentences_subject(nlp):
    text = (
        "Hollis Grange, Dan Holt and Peter Vos face charges of fraud. If found guilty, Mr Grange "
        "and Mr Holt could face up to 15 years in prison. Mr Vos is likely to face a milder "
        "sentence as he has already admitted wrongdoing and will be a key witness."
    )
    assert [s[:2] for s in sources(nlp, text) if s[3] == "admit"] == [("named", "Peter Vos")]


def test_a_modified_definite_description_is_the_previous_sentences_only_person(nlp):
    text = (
        "Peter Vos spoke at a rally on Monday. The billionaire real estate magnate says the tackle was fine."
    )
    assert sources(nlp, text) == [("named", "Peter Vos", "magnate", "say")]
    # two people in the sentence before: the description stays an unnamed source
    text = "Peter Vos attacked Dan Holt on Monday. The Texas senator said the plan would fail."
    assert [s[:2] for s in sources(nlp, text)] == [("unnamed", "")]


def test_a_claim_noun_keeps_the_clause_the_parser_hung_elsewhere(nlp):
    text = (
        "The statement includes a brief response from Anna Holt following Peter Vos' claims that "
        "she lifted him before accepting the chief's request for a kiss."
    )
    assert ("named", "Peter Vos", "Vos", "claim") in sources(nlp, text)
    text = 'Hours after Peter Vos\' vow to "fight" to remain in his position, the union released a statement.'
    assert ("named", "Peter Vos", "Vos", "vow") in sources(nlp, text)
    text = (
        "The silliest line in Kestrel president Peter Vos's whine about the city was his claim "
        'that the Dunmore Markets Authority is "not only unelected but unaccountable".'
    )
    assert ("named", "Peter Vos", "his", "claim") in sources(nlp, text)


def test_the_agent_of_a_participle_on_a_claim_noun_owns_it(nlp):
    text = (
        "Karl Orbon rejected accusations made by Peter Vos that Anna Holt received bribes to "
        "support the Dunmore bill."
    )
    assert ("named", "Peter Vos", "Vos", "accusation") in sources(nlp, text)


def test_who_issues_a_record_says_what_its_participle_reports(nlp):
    text = "On Saturday, Peter Vos issued a statement saying that Dan Holt was a remarkable person."
    assert sources(nlp, text) == [("named", "Peter Vos", "Vos", "say")]
    # who reads a record does not say what it says
    assert sources(nlp, "Peter Vos read a report saying Dan Holt had lied.") == []


def test_concerns_an_act_is_done_over_are_its_doers(nlp):
    text = (
        "This comes after the Dunmore Markets Authority blocked the original bid in April over "
        "concerns that Kestrel Pay would dominate the new cloud gaming market."
    )
    assert sources(nlp, text) == [("named", "Dunmore Markets Authority", "Authority", "concern")]


def test_a_spokesperson_for_a_body_speaks_for_it_a_lawyer_does_not(nlp):
    text = (
        "Harbourlock AG faces a crisis. A spokesperson for Harbourlock AG said last week that talks went on."
    )
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Harbourlock AG")]
    text = "Harbourlock AG faces a crisis. A lawyer for Harbourlock AG said the deal was fair."
    assert [s[0] for s in sources(nlp, text)] == ["unnamed"]  # counsel speaks for a client, not as it


def test_exclaim_and_term_report_speech(nlp):
    assert ("named", "Harlan Voss", "Voss", "exclaim") in sources(
        nlp, "Kestrel Pay lost the vote. Harlan Voss exclaimed that the result was a fraud."
    )
    assert ("named", "Civic Union", "Union", "term") in sources(
        nlp, "The Civic Union terms the verdict flawed and illegal, said Harlan Voss."
    )


def test_it_is_the_body_the_sentence_before_has_for_subject_not_the_last_speaker(nlp):
    text = (
        "Weeks earlier the Tennis Integrity Council found he “bears no fault or negligence”. "
        "Harbourlock AG on Thursday appealed the ruling to the tribunal. "
        "“The finding was not correct under the rules,” it said in a statement on Saturday."
    )
    assert ("named", "Harbourlock AG", "it", "say") in sources(nlp, text)


def test_a_pronoun_closing_a_quote_looks_before_the_quote_for_its_speaker(nlp):
    text = (
        "But Orla Penhaligon has always been the most outspoken about the case, and the 29-year-old did "
        'not hold back. "So the agency came out and said it would be a long ban. Obviously Tavin Marsh '
        'and his team did everything they could. Fairness in tennis does not exist," she wrote on X.'
    )
    assert ("named", "Orla Penhaligon", "she", "write") in sources(nlp, text)


def test_a_statement_on_someone_s_behalf_is_theirs(nlp):
    text = (
        "Tavin Marsh was cleared in August. "
        "A statement released on Tavin Marsh's behalf on Tuesday said he was sad."
    )
    assert ("named", "Tavin Marsh", "statement", "say") in sources(nlp, text)
    text = (
        "Harbourlock AG was fined. A statement issued on behalf of Harbourlock AG said the fine was unfair."
    )
    assert ("named", "Harbourlock AG", "statement", "say") in sources(nlp, text)


def test_the_judge_named_only_later_is_the_one_person_given_that_title(nlp):
    text = (
        "A Veldmark judge on Tuesday ruled that the pay package of Harbourlock AG could be voided. "
        "“The plaintiff is entitled to rescission,” the judge said in her ruling. "
        "The judge, Orla Penhaligon of the Veldmark Court of Chancery, said the package was unfair."
    )
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Orla Penhaligon")] * 2


def test_a_that_clause_after_at_the_time_is_what_was_said(nlp):
    # the parser hangs the clause on "time" as if it were a relative clause
    text = "Tamo Revin, the Premier, said at the time that Norvale had 66 fintech firms."
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Tamo Revin")]


def test_a_country_s_hyphenated_title_is_the_person_the_document_gives_it(nlp):
    text = (
        "Prosecutor-General Orla Penhaligon filed charges against Tamo Revin on Monday. "
        "Canada's prosecutor-general said Tuesday that Tamo Revin knew of the plan."
    )
    assert ("named", "Orla Penhaligon") in [s[:2] for s in sources(nlp, text)][-1:]
    # after a dateline the model tags the lower-case title a proper noun
    text = (
        "Prosecutor-General Orla Penhaligon filed charges against Tamo Revin on Monday.\n"
        "OTTAWA — (AP) — Canada’s prosecutor-general said Tuesday that Tamo Revin knew of the plan."
    )
    assert ("named", "Orla Penhaligon") in [s[:2] for s in sources(nlp, text)][-1:]


def test_according_to_him_is_the_person_just_named(nlp):
    text = (
        "Judge Orla Penhaligon cast the first vote. "
        "According to him, the court was judging whether Tamo Revin led Harbourlock AG."
    )
    claims = to_analysis("t", nlp(text)).assertions
    assert [(a.speaker, a.verb) for a in claims] == [("Orla Penhaligon", "according to")]


def test_according_to_the_website_of_a_body_is_that_body(nlp):
    text = "According to the website of Harbourlock AG, Tamo Revin lives in Norvale with his wife."
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Harbourlock AG")]
    text = 'Host Ilse Varga then interjected: "We are not going to sit here and take you abusing Tamo Revin."'
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Ilse Varga")]


def test_the_police_is_the_one_police_body_the_document_names_even_later(nlp):
    text = (
        "Evidence from wiretaps shows that Tamo Revin was aware of the plot, the police said. "
        '"We will wait for the lawyer," Revin said of the indictment by the Norvale Police.'
    )
    assert sources(nlp, text)[0][:2] == ("named", "Norvale Police")
    # two police bodies named after it: no telling which
    text += " The Kestrel Police also met."
    assert sources(nlp, text)[0][0] != "named"


def test_the_former_president_is_the_one_named_former_president(nlp):
    text = (
        "Police indicted former President Tamo Revin on Thursday. The move angered President "
        "Orla Penhaligon's rivals. The former president took to social media to say he was being "
        "falsely accused."
    )
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Tamo Revin")]
    text = text.replace(
        "The former president took to social media to say he was", "The president said they were"
    )
    assert [s[:2] for s in sources(nlp, text)] == [("named", "Orla Penhaligon")]


def test_a_title_in_what_was_said_names_the_person_who_holds_it(nlp):
    text = (
        "Prime Minister Tamo Revin spoke first. "
        "Orla Penhaligon said the prime minister was to blame for the division."
    )
    claims = to_analysis("t", nlp(text)).assertions
    assert [(a.speaker, a.targets) for a in claims] == [("Orla Penhaligon", ("Tamo Revin",))]


def test_a_name_the_parser_hung_on_the_clause_before_is_the_main_verb_s_subject(nlp):
    text = (
        "Two years after the crew lost their lives off the coast of Newfoundland, Canada, the Norvale "
        "Coast Guard issued a scathing report Tuesday, saying the tragedy should have never happened. "
        "A 300-page report finds that Tamo Revin ignored safety warnings."
    )
    claims = to_analysis("t", nlp(text)).assertions
    assert [(a.speaker, a.verb) for a in claims] == [
        ("Norvale Coast Guard", "say"),
        ("Norvale Coast Guard", "find"),
    ]


def test_the_pm_is_the_one_titled_prime_minister(nlp):
    text = (
        "Prime Minister Orla Penhallow told the victims they had been let down. "
        "The PM confirmed her government will respond fully within six months."
    )
    claims = sources(nlp, text)
    assert ("named", "Orla Penhallow", "PM", "confirm") in claims
    assert "PM" not in {m.name for m in to_analysis("t", nlp(text)).mentions}  # a title, no body


def test_the_companies_are_the_two_the_document_names(nlp):
    text = (
        "Kestrel Steel agreed to buy Harbourlock Metals in December. "
        "Both steel companies said Sunday that the deal would close."
    )
    speakers = {s[1] for s in sources(nlp, text)}
    assert speakers == {"Kestrel Steel", "Harbourlock Metals"}
    text = "Kestrel Steel met Harbourlock Metals and Dunmore Mining. The companies said the deal was off."
    assert len({s[1] for s in sources(nlp, text)}) <= 1  # three named: no pair


def test_a_line_s_first_word_opens_its_sentence(nlp):
    text = (
        "NTSB releases final report on the derailment\n"
        "NTSB Chair Orla Penhallow said some may downplay what happened because no one died.\n"
    )
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][1].startswith("NTSB Chair")  # the parser cut after "NTSB"
    assert ("named", "Orla Penhallow") in {s[:2] for s in sources(nlp, text)}


def test_underscoring_a_need_is_a_statement(nlp):
    text = "Orla Penhallow met the envoy. Penhallow underscored the urgent need for both sides to stop."
    assert ("named", "Orla Penhallow", "Penhallow", "underscore") in sources(nlp, text)


def test_a_headline_speaker_claims_the_rest_of_its_line(nlp):
    text = "Brandvold Says Revolt Sought to Save Dunmore\nEskil Brandvold said his march was a protest.\n"
    claims = to_analysis("t", nlp(text)).assertions
    assert (claims[0].sent_index, claims[0].speaker, claims[0].verb) == (0, "Eskil Brandvold", "say")
    text = (
        "Penhallow tells Brandvold of strong concerns over steel deal\n"
        "Prime Minister Orla Penhallow told President Eskil Brandvold on Monday that the deal "
        "raised concerns.\n"
    )
    first = to_analysis("t", nlp(text)).assertions[0]
    assert (first.sent_index, first.speaker, first.targets) == (0, "Orla Penhallow", ("Eskil Brandvold",))


def test_the_object_of_an_accusation_is_a_target_beside_its_quotation(nlp):
    text = (
        "Marcia Langton met Nyunggai Warren Mundine on Monday. "
        'Langton accused Mundine of "using very Trumpian tactics to win the vote".'
    )
    claims = [(c.speaker, c.verb, c.targets) for c in to_analysis("t", nlp(text)).assertions]
    assert claims == [("Marcia Langton", "accuse", ("Nyunggai Warren Mundine",))]


def test_a_qualified_body_noun_is_not_the_last_body_of_its_kind(nlp):
    text = (
        "The army and the Rapid Strike Forces fought on in Dunmore. "
        "The civil aviation authority announced the airspace would remain closed."
    )
    assert sources(nlp, text) == [("group", "", "The civil aviation authority", "announce")]
    text = "The Ministry of Foreign Affairs met the envoy. The foreign ministry said talks would resume."
    assert ("named", "Ministry of Foreign Affairs", "ministry", "say") in sources(nlp, text)
