"""Types decided over the corpus from every mention's votes (ner.type_votes, graph.resolve.merge).

Invented names only: the rules, not a list, must type them.
"""

from __future__ import annotations

from graph.aggregate import build_graph
from graph.resolve import group_key, merge_vocabulary
from graph.schema import MENTIONS
from ner.entities import type_by_words
from ner.pipeline import analyze, to_analysis
from ner.records import Document
from ner.type_votes import MAX_LABEL_VOTES, LabelVotes, _in_credit


def corpus_types(nlp, *texts: str) -> dict[str, str]:
    """``{label: type}`` of the nodes built from ``texts``, one document each."""
    analyses = [to_analysis(f"d{i}", nlp(text)) for i, text in enumerate(texts)]
    G, _ = build_graph(analyses, {a.doc_id: {} for a in analyses})
    return {data["label"]: data["type"] for _, data in G.nodes(data=True)}


def mention_types(nlp, text: str) -> dict[str, str]:
    """``{name: type}`` of the mentions one document gives ``text``."""
    return {m.name: m.type for m in to_analysis("t", nlp(text)).mentions}


def mention_votes_of(nlp, text: str) -> dict[str, dict[str, int]]:
    """``{name: votes}`` of the mentions one document gives ``text``."""
    return {m.name: dict(m.votes) for m in to_analysis("t", nlp(text)).mentions}


def mention_names(nlp, text: str) -> set[str]:
    """The names of the mentions one document gives ``text``."""
    return set(mention_types(nlp, text))


def test_an_invented_company_is_typed_by_its_legal_form_and_contexts(nlp):
    types = corpus_types(
        nlp,
        "Harbourlock AG said on Monday that its chief executive would step down.",
        "Harbourlock said revenue fell sharply. Shares of Harbourlock dropped 20 percent.",
        "Analysts said Harbourlock's auditors had raised concerns.",
    )
    assert types.get("Harbourlock") == "organization"
    assert "Harbourlock AG" not in types  # the legal form is the same company


def test_an_invented_regulator_is_an_agency(nlp):
    types = corpus_types(
        nlp,
        "The Veldmark Financial Supervisory Authority fined the bank on Tuesday.",
        "The regulator Quorvan said it had opened an investigation into the lender.",
    )
    assert types.get("Veldmark Financial Supervisory Authority") == "agency"
    assert types.get("Quorvan") == "agency"


def test_a_person_with_a_title_stays_a_person(nlp):
    types = corpus_types(
        nlp,
        "Judge Maria Feldmann opened the trial on Thursday.",
        "Feldmann said the court would sit for a year.",
    )
    assert types.get("Maria Feldmann") == "person"


def test_credits_split_into_photographer_and_agency(nlp):
    types = mention_types(nlp, "Photo: Christof Stache/AFP via Getty Images. Markus Braun spoke.")
    assert types.get("Christof Stache") == "person"
    assert types.get("Agence France-Presse") == "outlet"
    assert not any("/" in name or "Photo" in name for name in types)


def test_a_single_word_is_not_a_person_on_a_tie_but_a_full_name_is():
    ids = merge_vocabulary(
        {
            "Quillon": {"#": 2, "person": 1, "organization": 1},
            "Ann Vesper": {"#": 2, "person": 1, "organization": 1},
        }
    )
    assert ids["Quillon"] == "organization:quillon"
    assert ids["Ann Vesper"] == "person:ann-vesper"


def test_votes_not_mentions_decide_the_type_and_mentions_the_label():
    ids = merge_vocabulary(
        {
            "Northgate Paving": {"#": 5, "person": 5},
            "Northgate Paving Ltd": {"#": 1, "organization": 11},
        }
    )
    assert ids["Northgate Paving"] == ids["Northgate Paving Ltd"] == "organization:northgate-paving"


def test_group_key_drops_legal_forms_only():
    assert group_key("Northgate Paving Ltd.") == group_key("Northgate Paving") == "northgate paving"
    assert group_key("BDO Unibank, Inc.") == "bdo unibank"
    assert group_key("Wirecard Bank") == "wirecard bank"  # a bank is not a legal form
    assert group_key("AG") == "ag"


def test_an_article_repeating_a_misspelling_does_not_rename_the_entity():
    before = {"Biser Dzhambazov": {"#": 3, "@": 3, "person": 6}}
    after = {**before, "Bizer Dzhambazov": {"#": 4, "@": 1, "person": 8}}  # one article, four times
    assert merge_vocabulary(before)["Biser Dzhambazov"] == "person:biser-dzhambazov"
    assert merge_vocabulary(after)["Bizer Dzhambazov"] == "person:biser-dzhambazov"


def test_a_person_is_named_by_a_full_form_however_often_the_surname_stands_alone():
    ids = merge_vocabulary(
        {"Braun": {"#": 40, "@": 9, "person": 40}, "Markus Braun": {"#": 5, "@": 4, "person": 10}}
    )
    assert ids["Braun"] == ids["Markus Braun"] == "person:markus-braun"


def test_a_short_given_name_joins_its_full_form_across_documents(nlp):
    types = corpus_types(
        nlp,
        "Jenni Hermoso said she had not consented.",
        "Jennifer Hermoso told prosecutors that she felt pressured.",
    )
    assert len([label for label in types if label.endswith("Hermoso")]) == 1


def test_a_repeated_label_is_one_piece_of_evidence():
    labels = LabelVotes()
    cast = [labels.take("House", "organization", 1) for _ in range(10)]
    assert sum(cast) == MAX_LABEL_VOTES
    assert labels.take("House", "agency", 2) == 2  # another type, another budget
    assert labels.take(None, "organization", 5) == 5  # an unresolved mention is not counted


def test_a_lone_head_word_joins_the_body_it_heads(nlp):
    analysis = to_analysis(
        "d", nlp("The House of Representatives met on Monday. The House voted 216 to 210.")
    )
    keys = {m.text: m.key for m in analysis.mentions}
    assert keys["House"] == keys["The House of Representatives"] == "House of Representatives"


def test_an_acronym_that_starts_a_company_name_is_its_short_form_across_documents(nlp):
    types = corpus_types(
        nlp,
        "BDO Unibank Inc said on Monday it had found no fraud. BDO added that its accounts were clean.",
        "Investigators asked BDO for its records.",
    )
    assert [label for label in types if label.startswith("BDO")] == ["BDO"]
    types = corpus_types(nlp, "The UN Security Council met. The UN said it would act.")
    assert "UN Security Council" in types  # a council of the UN, not its short form


def test_names_one_document_gives_a_body_join_documents_that_use_either(nlp):
    types = corpus_types(
        nlp,
        "MI5, officially known as the Security Service, issued the alert. MI5 said it was lawful.",
        "The Security Service told MPs that the lawyer was an agent.",
        "BDO Unibank Inc said on Monday it had found no fraud. BDO added that its accounts were clean.",
        "Shares of BDO Unibank rose 2 percent in Manila.",
    )
    assert "Security Service" not in types and types["MI5"] == "agency"
    assert [label for label in types if label.startswith("BDO")] == ["BDO"]


def test_a_companys_first_word_joins_it_across_documents_where_one_said_so(nlp):
    told = "Northgate Paving Ltd won the contract. On Monday, Northgate said its bid was fair."
    alone = "The Northgate spokesman said Northgate would appeal."
    types = corpus_types(nlp, told, alone)
    assert [label for label in types if label.startswith("Northgate")] == ["Northgate Paving Ltd"]
    # no document gives the short form to the company: two bodies, as far as the corpus says
    types = corpus_types(nlp, "Northgate Paving Ltd won the contract on Monday.", alone)
    assert sorted(label for label in types if label.startswith("Northgate")) == [
        "Northgate",
        "Northgate Paving Ltd",
    ]


def test_a_longer_form_of_a_full_name_joins_it_across_documents(nlp):
    types = corpus_types(
        nlp,
        "In 2022, Christine Ching Kui Lee, a British-Chinese solicitor, was named in an alert.",
        "Christine Lee said she would challenge the alert. Christine Lee is a solicitor.",
    )
    assert "Christine Lee" in types and "Christine Ching Kui Lee" not in types
    person = {MENTIONS: 1, "person": 1}
    ids = merge_vocabulary({"Enter Matt Gaetz": person, "Matt Gaetz": {MENTIONS: 3, "person": 3}})
    assert ids["Enter Matt Gaetz"] == ids["Matt Gaetz"]  # a word glued before the name
    panzeri = merge_vocabulary(
        {
            "Pier Antonio Panzeri": {MENTIONS: 9, "person": 9},
            "Pier Panzeri": person,
            "Antonio Panzeri": person,
        }
    )
    assert len(set(panzeri.values())) == 1  # both short forms of the one longer name
    bushes = merge_vocabulary({"George W. Bush": person, "George H. W. Bush": person, "George Bush": person})
    assert len(set(bushes.values())) == 3  # two longer forms: the short one is neither
    jaber = merge_vocabulary({"Sultan Al Jaber": {MENTIONS: 9, "person": 9}, "Al Jaber": person})
    assert len(set(jaber.values())) == 1  # a surname with its particle stands for the full name
    pens = merge_vocabulary({"Marine Le Pen": person, "Jean-Marie Le Pen": person, "Le Pen": person})
    assert len(set(pens.values())) == 3  # two full names with that surname: neither


def test_a_full_name_the_model_calls_a_person_is_a_company_when_the_text_says_so(nlp):
    assert [e.label_ for e in nlp("Quorvane said Activision Blizzard would appeal.").ents][-1] == "PERSON"
    types = corpus_types(
        nlp,
        "Microsoft's purchase of video game maker Activision Blizzard won approval on Friday.",
        "The regulator blocked the acquisition of Activision Blizzard on Wednesday.",
        "Activision Blizzard said it would appeal.",
    )
    assert types.get("Activision Blizzard") == "organization"
    contact = corpus_types(nlp, "Press contact: Inês Carvalho, press office, Ministry of Justice.")
    assert contact.get("Inês Carvalho") == "person"  # a contact line is not "X, an office"


def test_outlets_are_told_by_datelines_interviews_and_descriptors(nlp):
    types = corpus_types(
        nlp,
        "Dec. 13 (UPI) -- The European Parliament voted on Tuesday.",
        "The result exceeded all expectations, Dutch centre-right daily NRC said.",
        "He thinks about his wife, Maxim Töller said during an interview with Le Soir.",
        "The news agency ANP reported the talks had collapsed.",
    )
    assert {types.get(n) for n in ("UPI", "NRC", "Le Soir", "ANP")} == {"outlet"}


def test_a_slash_or_parentheses_are_credits_only_where_credits_stand(nlp):
    types = corpus_types(
        nlp,
        "The PVV won 37 seats out of 150, well ahead of 25 for a joint Labour/Green ticket and 24 for the "
        "conservative People's Party for Freedom and Democracy (VVD) of Prime Minister Mark Rutte.",
        "The Socialist Party (PS) - which he led - said no on Monday.",
    )
    assert "outlet" not in {types.get("Labour"), types.get("Green"), types.get("PS")}
    labour = nlp("They backed a joint Labour/Green ticket in the city.")
    credit = nlp("Barry Gardiner (House of Commons/Korvalo)")
    assert not _in_credit(labour.char_span(labour.text.index("Labour"), labour.text.index("/")))
    assert _in_credit(credit.char_span(credit.text.index("Korvalo"), len(credit.text) - 1))


def test_a_credited_supplier_is_a_picture_agency_unless_known_as_news(nlp):
    """A photo credit's supplier is a company (Getty Images, Alamy) unless the gazetteer knows it
    as a news agency; its photographer is a person."""
    types = corpus_types(
        nlp,
        "Protesters gathered outside parliament. Photo: Marta Lindqvist/Korvalo",
        "The minister spoke on Tuesday. (Ralph Orlowski/Reuters)",
    )
    assert types.get("Korvalo") == "organization"
    assert types.get("Reuters") == "outlet"
    assert types.get("Marta Lindqvist") == "person"


def test_a_lower_case_head_word_types_a_name_the_model_took_for_a_person(nlp):
    text = "The Qatar government has rejected any claims of wrongdoing. He said they were misinformed."
    assert corpus_types(nlp, text).get("Qatar government") == "agency"  # "he" is its spokesman
    assert (
        corpus_types(nlp, "The Veldmark Central Bank raised rates.").get("Veldmark Central Bank") == "agency"
    )


def test_a_relative_pronoun_says_whether_a_name_is_a_person(nlp):
    types = corpus_types(
        nlp,
        "The deal faced stiff opposition from rival Quorvex, which makes the Zephyr game console.",
        "The court heard from Tamsin Orlov, who lost her son in the attack.",
        '"I wish I could call my mom," said Orlov, whose mother died that day.',
    )
    assert types.get("Quorvex") == "organization"  # one mention, kept: "which" is not a person
    assert types.get("Tamsin Orlov") == "person"


def test_a_relative_on_a_whole_list_types_every_name_in_it(nlp):
    text = (
        "The indictment also names Cyril Vabanes, Saurav Kandpal, and Deepan Mehrotra, all three of "
        "whom worked with a Canadian institutional investor."
    )
    assert [e.label_ for e in nlp(text).ents if e.text == "Cyril Vabanes"] == ["ORG"]
    assert corpus_types(nlp, text).get("Cyril Vabanes") == "person"
    # the clause is on the list only when it follows the list's last name
    assert (
        corpus_types(nlp, "Cyril Vabanes, Saurav Kandpal and Deepan Mehrotra met.").get("Cyril Vabanes")
        != "person"
    )


def test_according_to_names_an_outlet_and_a_descriptor_finds_an_untagged_one(nlp):
    analysis = to_analysis(
        "t",
        nlp(
            "According to VRT, the party has closed the door on a coalition. "
            "NSC steps away from the talks, Dutch newspaper AM reported on Tuesday."
        ),
    )
    types = {m.name: m.type for m in analysis.mentions}
    assert analysis.type_votes().get("VRT", {}).get("outlet", 0) > 0
    assert types.get("AM") == "outlet"  # untagged, and parsed as a common noun


def test_caption_markers_and_roles_of_a_body_are_not_entities(nlp):
    names = mention_names(
        nlp,
        "(FILES) A picture taken on May 2 shows the stadium. Ana Ruiz, Vice President of the "
        "European Parliament, said the vote was fair.",
    )
    assert "FILES" not in names
    assert not any(name.startswith("Vice President") for name in names)


def test_a_headline_word_glued_to_a_name_is_not_part_of_it(nlp):
    analysis = to_analysis(
        "t",
        nlp(
            "Furious Harbourlock boss says the regulator is wrong\n"
            "Harbourlock said on Monday it would appeal. Harbourlock shares fell."
        ),
    )
    assert {m.key for m in analysis.mentions if "Harbourlock" in m.text} == {"Harbourlock"}


def test_a_hyphen_inside_a_word_is_one_spelling(nlp):
    assert group_key("National Anti-Doping Tribunal") == group_key("National Antidoping Tribunal")
    assert group_key("Karin Keller-Sutter") != group_key("Karin Keller")


def test_a_clipped_club_name_is_the_club_not_a_person(nlp):
    analysis = to_analysis(
        "t",
        nlp(
            "Pogba played for Valdentus against Lazio. The club Valdentus said on Monday it would "
            "appeal. Vald fans were shocked and Vald coach Rossi left."
        ),
    )
    clipped = [m for m in analysis.mentions if m.text == "Vald"]
    assert clipped and {(m.key, m.type) for m in clipped} == {("Valdentus", "organization")}


def test_a_body_named_with_its_country_joins_the_name_without_it(nlp):
    types = corpus_types(
        nlp,
        "The Swiss Federal Council met on Sunday. Swiss voters were not asked.",
        "The Federal Council defended the rescue on Monday.",
    )
    bodies = [label for label in types if "Federal Council" in label]
    assert len(bodies) == 1


def test_a_short_name_two_bodies_could_have_stays_apart():
    ids = merge_vocabulary(
        {
            "Swiss National Bank": {MENTIONS: 2, "agency": 2, "=~national bank": 1},
            "Saudi National Bank": {MENTIONS: 2, "organization": 2, "=~national bank": 1},
            "National Bank": {MENTIONS: 1, "organization": 1},
            "Swiss Federal Council": {MENTIONS: 1, "agency": 1, f"=~{group_key('Federal Council')}": 1},
            "Federal Council": {MENTIONS: 3, "agency": 3},
        }
    )
    assert len({ids["Swiss National Bank"], ids["Saudi National Bank"], ids["National Bank"]}) == 3
    assert ids["Swiss Federal Council"] == ids["Federal Council"]


def test_products_and_sites_are_not_organisations(nlp):
    names = mention_names(
        nlp,
        "Quorvex gains control of hit franchises including Call of Valor and World of "
        "Stormcraft. Players can keep playing mobile games like Candy Blast on their phones.",
    )
    assert not names & {"Call of Valor", "Candy Blast"}  # both tagged ORG by the model
    assert type_by_words("Verhaven Stadium", "organization") == "place"
    assert type_by_words("Sandy Creek Elementary School", "organization") == "place"
    assert type_by_words("Verhaven School of Economics", "organization") == "organization"


def test_a_club_or_group_joins_its_short_name_across_documents(nlp):
    types = corpus_types(
        nlp,
        "Valdentus Football Club said on Monday it would appeal the ban.",
        "Valdentus said the player would appeal. Valdentus fans protested.",
    )
    assert len([label for label in types if label.startswith("Valdentus")]) == 1


def test_a_nationality_and_a_lower_case_body_noun_name_an_agency_not_a_role(nlp):
    types = mention_types(
        nlp,
        "The minister will inform the Veldish parliament on Tuesday. The Belgian army "
        "withdrew. Belgian prosecutor Michel Claisse said the case was closed.",
    )
    assert types.get("Belgian army") == "agency"
    assert "Belgian prosecutor" not in types and types.get("Michel Claisse") == "person"


def test_a_side_in_a_game_is_a_club_whatever_the_model_says(nlp):
    types = corpus_types(
        nlp,
        "Pogba last played for Valdentus in a 2-0 win at Lecce more than a year ago.",
        "The test came after the match with Marsala on Aug. 20. The former Verona player appealed.",
    )
    assert types.get("Lecce") == "organization"  # tagged a place
    assert types.get("Verona") == "organization"


def test_a_court_tagged_a_place_is_an_agency_and_a_nationality_less_its_role_is_nothing(nlp):
    types = mention_types(
        nlp,
        "The jury deliberated inside Travis County District Court in Austin. "
        "Greek MEP in bribery scandal protests innocence but stays.",
    )
    assert types.get("Travis County District Court") == "agency"
    assert "Greek" not in types


def test_the_ocean_is_not_the_magazine_but_the_paper_is_the_paper(nlp):
    types = mention_types(
        nlp,
        "Regulators on both sides of the Atlantic tried to calm fears. "
        "The minister told the Guardian that the bank was safe.",
    )
    assert "The Atlantic" not in types
    assert types.get("The Guardian") == "outlet"


def test_a_name_that_only_modifies_nouns_is_not_a_person(nlp):
    types = corpus_types(
        nlp,
        "Sandy Creek parents seek to stop the payments. The Sandy Creek families said the company "
        "could not be trusted.",
        "Jones admitted that the Sandy Creek shooting was real. Maria Holloway said the Holloway "
        "family would appeal, and Holloway thanked the jury.",
    )
    assert types.get("Sandy Creek", "place") == "place"
    assert types.get("Maria Holloway") == "person"


def test_a_name_with_its_short_form_half_in_brackets_is_both(nlp):
    analysis = to_analysis(
        "t",
        nlp(
            "Geert Vandaal’s far-right, anti-Islam Party for Prosperity (PVP) has won most seats. "
            "The PVP won 37 seats out of 150."
        ),
    )
    keys = {m.name: m.key for m in analysis.mentions}
    assert keys.get("Party for Prosperity") == keys.get("PVP") == "PVP"


def test_a_span_cut_inside_brackets_splits_into_name_and_short_form(nlp):
    from spacy.tokens import Span

    from ner.spans import _split_at_separators

    doc = nlp.make_doc("The anti-Islam Party for Prosperity (PVP has won.")
    start = next(t.i for t in doc if t.text == "Party")
    end = next(t.i for t in doc if t.text == "PVP") + 1
    parts = _split_at_separators(Span(doc, start, end, label="ORG"))
    assert [p.text for p in parts] == ["Party for Prosperity", "PVP"]


def test_relations_with_a_country_are_not_a_fixture(nlp):
    types = mention_types(nlp, "Canada's ties with China worsened after clashes with Russia.")
    assert types.get("China", "place") == "place" and types.get("Russia", "place") == "place"


def test_a_headline_full_name_is_not_cut_to_the_body_surname(nlp):
    analysis = to_analysis(
        "t", nlp("Jeremy Hunt unveils his budget\nHunt said on Wednesday that taxes would fall.")
    )
    assert "Jeremy Hunt" in {m.name for m in analysis.mentions}


def test_a_state_after_a_town_and_a_plant_are_places(nlp):
    types = mention_types(
        nlp,
        "Stellantis will reopen its recently closed factory in Belvidere, Ill, and is adding jobs. "
        "Workers walked out of the Verhaven Truck Plant on Friday.",
    )
    assert types.get("Ill", "place") == "place"
    assert type_by_words("Verhaven Truck Plant", "organization") == "place"
    assert group_key("Sultan al-Jaber") == group_key("Sultan Al Jaber")
    assert group_key("Yoon Suk-yeol") == group_key("Yoon Suk Yeol")


def test_an_untagged_name_a_description_calls_a_body_is_one(nlp):
    types = mention_types(
        nlp,
        "She is chair of The Mentors, a group founded by Nelson Mandela; and a former president. "
        "Meanwhile, the company said it would appeal.",
    )
    assert types.get("Mentors") == "organization"  # untagged by the model
    assert "Meanwhile" not in types


def test_two_bodies_joined_by_and_are_two(nlp):
    analysis = to_analysis(
        "t",
        nlp("Talks between the UAW and General Motors are continuing. The UAW said General Motors must pay."),
    )
    assert "UAW and General Motors" not in {m.name for m in analysis.mentions}


def test_models_units_and_spelled_out_abbreviations_are_not_names(nlp):
    names = mention_names(
        nlp,
        "Workers won a cost-of-living adjustment (COLA) at 11 am (0700 GMT). Regulators grounded "
        "the Boeing 737 MAX fleet, and the Boeing 737 Max 9s stayed on the ground.",
    )
    assert not names & {"COLA", "GMT", "MAX", "Max 9s"}


def test_a_minister_s_portfolio_is_not_a_body_but_his_office_is(nlp):
    names = mention_names(
        nlp,
        "UK Energy Security and Net Zero Minister Graham Stuart said the deal was historic. "
        "A Foreign Office Minister said so too.",
    )
    assert "UK Energy Security" not in names and "Foreign Office" in names
    names = mention_names(nlp, "White House National Security Adviser Jake Sullivan told NPR it was grim.")
    assert not any(name.endswith("National Security") for name in names)


def test_a_weak_mention_joins_an_entity_the_corpus_knows_but_never_makes_one(nlp):
    texts = (
        "Quorvex said on Monday that it would cut 2,000 jobs. Shares of Quorvex fell.",
        "The strike spread to Quorvex last week.",  # named once, nothing but the model's label
        "The investigation was called Partygate by the press.",
    )
    analyses = [to_analysis(f"d{i}", nlp(text)) for i, text in enumerate(texts)]
    assert any(m.weak for m in analyses[1].mentions) and any(m.weak for m in analyses[2].mentions)
    G, _ = build_graph(analyses, {a.doc_id: {} for a in analyses})
    labels = {data["label"]: data for _, data in G.nodes(data=True)}
    assert "Partygate" not in labels
    quorvex = next(data for label, data in labels.items() if label.startswith("Quorvex"))
    assert "d1" in quorvex["documents"]


def test_round_four_rules_from_the_second_check_split(nlp):
    types = mention_types(
        nlp,
        "Protesters Storm Verland Parliament as Vote Passes\n"
        "Last week, the People's Bank of Verland cut rates. Shares in Danish drugmaker Halvard "
        "Nordic, which makes a vaccine, rose. Halvard Nordic said demand was strong.",
    )
    assert "Protesters Storm Verland" not in types  # a headline's words, not named in the body
    assert "People's Bank of Verland" in types and "Bank of Verland" not in types  # the name's own
    analysis = to_analysis(
        "t", nlp("Shares in Danish drugmaker Halvard Nordic, which makes a vaccine, rose.")
    )
    votes = analysis.type_votes().get("Halvard Nordic", {})
    assert votes.get("organization", 0) > votes.get("person", 0)


def test_round_five_rules_from_the_check_splits(nlp):
    # a lower-case phrase's abbreviation, small words giving a letter or not
    names = mention_names(
        nlp, "The agency may declare a public health emergency of international concern (PHEIC)."
    )
    assert "PHEIC" not in names
    # an acronym the text defines for a place names that place
    types = mention_types(
        nlp, "Cases rose in the Democratic Republic of Congo (DRC). It spreads in the DRC now."
    )
    assert types.get("DRC") == "place"
    # "X, (also) one of the … builders" describes X
    votes = to_analysis(
        "t", nlp("Prices fell. Harrow Meadow, also one of Verland's largest builders, is struggling.")
    ).type_votes()
    assert votes["Harrow Meadow"].get("organization", 0) > votes["Harrow Meadow"].get("person", 0)
    # a bracketed acronym after a body's name is its short form, never a person
    types = corpus_types(
        nlp, "The firm will share data with Verland's National Cybersecurity Centre (CNCS). CNCS said so."
    )
    assert types.get("CNCS") == "agency"
    # caption markers are not names
    assert "COMBO" not in mention_names(nlp, "(COMBO) This combination of pictures shows the two men.")


def test_a_one_word_name_with_only_the_model_s_person_label_is_a_body_if_read_so(nlp):
    """The issue's rule: a single-token name never seen with a given name, a title, "he" or
    "who", and seen in an organisation context, is not a person however often the model says so."""
    texts = (
        "Kestrava agreed to pay $4 billion on Tuesday. Prosecutors said Kestrava broke the law.",
        "Customers left Kestrava in droves. Kestrava agreed to pay on Tuesday.",
        "Prosecutors said Kestrava broke the law. Shares of Kestrava fell.",  # one body context
        "Dorrance agreed to pay on Tuesday. Dorrance, who lost a son, said it was cruel.",
    )
    votes = [to_analysis(f"d{i}", nlp(t)).type_votes() for i, t in enumerate(texts)]
    person = sum(v.get("Kestrava", {}).get("person", 0) for v in votes)
    body = sum(v.get("Kestrava", {}).get("organization", 0) for v in votes)
    assert person > body  # the model's label outvotes the one context …
    types = corpus_types(nlp, *texts)
    assert types["Kestrava"] == "organization"  # … but it is all the person evidence there is
    assert types["Dorrance"] == "person"  # "who" is a person's


def test_a_one_word_name_read_as_a_place_without_person_evidence_is_the_place(nlp):
    texts = (
        "Kestrava agreed to pay $4 billion on Tuesday. Prosecutors said Kestrava broke the law.",
        "Customers left Kestrava in droves. Kestrava agreed to pay on Tuesday.",
        "Aid arrived in Kestrava on Monday.",  # a bare locative: a place
    )
    assert corpus_types(nlp, *texts)["Kestrava"] == "place"


def test_a_name_written_with_and_without_an_inner_possessive_is_one(nlp):
    texts = (
        "The People's Vanguard Party won 40 seats.",
        "The People Vanguard Party said it would govern.",
    )
    G, _ = build_graph(
        [to_analysis(f"d{i}", nlp(t)) for i, t in enumerate(texts)], {f"d{i}": {} for i in range(2)}
    )
    labels = [data["label"] for _, data in G.nodes(data=True) if "Vanguard" in data["label"]]
    assert len(labels) == 1, labels


def test_a_company_named_before_its_officer_s_title_and_name(nlp):
    types = mention_types(nlp, "The board includes Larry Summers, Quora CEO Adam D'Angelo, and Bret Taylor.")
    assert types.get("Quora") == "organization" and types.get("Adam D'Angelo") == "person"
    assert "Quora CEO" not in types
    # a word of a person's full name stays the person's
    types = mention_types(nlp, "Donald Trump spoke. Trump CEO Jane Holt said nothing.")
    assert types.get("Trump") != "organization"


def test_an_employer_conjuncts_and_the_model_s_places_read_by_company_nouns(nlp):
    votes = to_analysis(
        "t",
        nlp(
            "Taylor is a programmer who is also a board member at Shopify. "
            "Summers is also on the board of Jack Dorsey’s Block and Skillsoft."
        ),
    ).type_votes()
    for name in ("Shopify", "Skillsoft"):  # the model says GPE and LOC
        assert votes[name].get("organization", 0) > votes[name].get("place", 0), name
    votes = to_analysis("t", nlp("It was based at Europol’s headquarters in The Hague.")).type_votes()
    assert "organization" not in votes["Hague"]  # a company's and a body's headquarters stand in places


def test_round_six_rules_from_the_third_check_split(nlp):
    # a headline's words glued to a body name, however many
    types = mention_types(
        nlp,
        "Binance To Pay $4.3bn Fine As CEO Changpeng Zhao Pleads Guilty In US Court\n"
        "Binance Founder and Chief Executive Officer, Changpeng Zhao, on Tuesday pleaded guilty.\n"
        "Binance which is the world’s largest crypto exchange, will be ordered to pay $4.3bn.",
    )
    assert "Binance To Pay" not in types and "Binance" in types
    assert "Binance Founder" not in types  # the company before its officer's title
    # a legal form ends no person's name
    assert (
        mention_types(nlp, "The ship is owned by Grace Ocean Pte and managed by others.").get(
            "Grace Ocean Pte"
        )
        == "organization"
    )
    # "told" a body is not "told" an outlet; a dateline's parentheses hold outlets only
    votes = to_analysis(
        "t", nlp("Trudeau told the Canadian House of Commons that agents were involved.")
    ).type_votes()
    assert "outlet" not in votes["Canadian House of Commons"]
    votes = to_analysis(
        "t", nlp("BALTIMORE (The Baltimore Sun/TNS) — An investigation into the crash began.")
    ).type_votes()
    assert votes["TNS"].get("outlet", 0) > votes["TNS"].get("organization", 0)
    # "govt" is a government; "the CEO of X" and "the co-founder of X" make X a company
    assert (
        mention_types(nlp, "Canada expels a diplomat as the Indian govt denies any role.").get("Indian govt")
        == "agency"
    )
    votes = to_analysis(
        "t", nlp("OpenAI will keep Adam D’Angelo, the co-founder and CEO of Quora. It is working.")
    ).type_votes()
    assert votes["Quora"].get("organization", 0) > votes["Quora"].get("place", 0)


def test_it_taking_up_a_subject_is_a_thing_s_pronoun(nlp):
    def votes(text: str, name: str) -> dict:
        return to_analysis("t", nlp(text)).type_votes().get(name, {})

    assert votes("Kestrava said it had agreed to pay a fine.", "Kestrava").get("organization")
    assert votes("Dorrance lost its appeal on Monday.", "Dorrance").get("organization")
    # "it" about something else: a copula, or a noun it may stand for in between
    assert not votes("Dorrance said it was a hoax.", "Dorrance").get("organization")
    assert not votes(
        "Teng joined the company as Singapore CEO in 2021 and has since climbed its ranks.", "Teng"
    ).get("organization")


def test_a_sport_s_own_bodies_are_organisations_its_ministry_is_not():
    assert type_by_words("Verland Olympic Committee", "organization") == "organization"
    assert type_by_words("Court of Arbitration for Sport", "organization") == "organization"
    assert type_by_words("Athletics Integrity Unit", "organization") == "organization"
    assert type_by_words("Ministry of Sport", "organization") == "agency"
    assert type_by_words("Verland Anti-Doping Tribunal", "organization") == "agency"


def test_a_side_is_a_club(nlp):
    text = "The Serie A club won. Ligue 1 side Lyon lost on Sunday."
    votes = to_analysis("t", nlp(text)).type_votes()["Lyon"]
    assert votes.get("organization", 0) > votes.get("person", 0)


def test_people_the_model_missed_after_a_title_or_on_a_name_and_role_line(nlp):
    text = (
        "India on Thursday said it is in close touch with Indians onboard and the local "
        "authorities following the bridge collapse in Maryland.\n"
        "MEA spokesperson Randhir Jaiswal said all the Indian crew members of the ship re safe.\n"
        "Addressing a weekly press briefing, Jaiswal was quoted as saying by ANI that all was well."
    )
    assert not any(e.text == "Randhir Jaiswal" for e in nlp(text).ents)  # the model misses him
    assert corpus_types(nlp, text).get("Randhir Jaiswal") == "person"
    lines = "Argentines react to the vote\nGabriel Boric, President of Chile\nBoth leaders sent messages."
    assert mention_types(nlp, lines).get("Gabriel Boric") == "person"


def test_a_middle_initial_makes_a_person_s_name(nlp):
    text = "The economist has been compared to Trump, per Noticias Telemundo's Marina E. Franco."
    assert mention_types(nlp, text).get("Marina E. Franco") == "person"


def test_a_headline_clause_glued_before_a_place_is_cut(nlp):
    text = (
        "Protesters Storm Kenya’s Parliament over Hotly Disputed Finance Bill\n"
        "Kenyan Protest Erupts Over Finance Bill\n"
        "NAIROBI, Kenya – A wave of demonstrators breached Kenya’s Parliament Buildings."
    )
    names = mention_names(nlp, text)
    assert "Protesters Storm Kenya" not in names


def test_a_leader_heads_a_government_not_a_police_force(nlp):
    assert "Riot police" not in mention_names(nlp, "Riot police fired tear gas at the crowd in Nairobi.")
    assert mention_types(nlp, "The Biden administration said so.").get("Biden administration") == "agency"


def test_the_one_letter_platform_and_its_former_name(nlp):
    types = corpus_types(
        nlp,
        "Lula wrote on X, formerly Twitter, that democracy had won.",
        "Harlan posted an apology on X on Monday. Malcolm X spoke. Generation X voted.",
    )
    assert types.get("X") == "platform" and "Twitter" not in types  # one platform, two names
    assert types.get("Malcolm X") == "person"


def test_a_place_the_model_saw_is_a_company_a_descriptor_names(nlp):
    # the model reads "Halvik" as a place; "streaming giant" says outright it is a company
    types = corpus_types(
        nlp,
        "The case was triggered by a complaint by Swedish streaming giant Halvik.",
        "Regulators sided with Halvik in the long battle.",
    )
    assert types.get("Halvik") == "organization"


def test_an_untagged_name_before_a_body_noun_is_that_body(nlp):
    # the model leaves "Horizonte" untagged; the noun it modifies says what it is
    types = mention_types(nlp, "Exit polls showed the centrist Horizonte alliance at about 20 percent.")
    assert types.get("Horizonte") == "organization"


def test_a_word_the_model_calls_a_person_once_makes_no_person_alone(nlp):
    # "Zorvex" tagged PERSON once, with no title, pronoun or full name: a slip of the model,
    # unless another document knows a person by that name
    assert "Zorvex" not in corpus_types(nlp, "Zorvex is the only approved treatment for the disease.")
    types = corpus_types(
        nlp,
        "Zorvex is the only approved treatment for the disease.",
        "Maren Zorvex, the health minister, said she would approve it. Zorvex said more would follow.",
    )
    assert types.get("Maren Zorvex") == "person"


def test_a_descriptor_opening_a_sentence_stands_outside_the_name(nlp):
    # "Pollsters" is capitalised only because it opens the sentence: it says what Kantarix is
    types = corpus_types(nlp, "Pollsters Kantarix showed the party winning about 34 percent of the vote.")
    assert types.get("Kantarix") == "organization"
    assert "Pollsters Kantarix" not in types


def test_a_list_closed_by_other_descriptors_shares_their_type(nlp):
    # the model reads the first names as places; "and nine other clubs" says what all are
    types = mention_votes_of(
        nlp, "Velmoor, Quintrell, Harbourside and nine other leading European clubs announced the plan."
    )
    assert types["Harbourside"]["organization"] > types["Harbourside"].get("place", 0)


def test_names_given_as_examples_of_a_plural_descriptor_share_its_type(nlp):
    votes = mention_votes_of(nlp, "Retailers such as Quillmart and Brackenby reported outages.")
    for name in ("Quillmart", "Brackenby"):
        assert votes[name].get("organization", 0) > votes[name].get("person", 0), name
    votes = mention_votes_of(nlp, "Several airlines, including Quillair and Vuelo, cancelled flights.")
    assert votes["Quillair"].get("organization", 0) > votes["Quillair"].get("person", 0)
    # examples of people are no evidence for an organisation
    votes = mention_votes_of(nlp, "Several ministers, including Sarah Quellbrook, resigned.")
    assert "organization" not in votes["Sarah Quellbrook"]


def test_a_name_tagged_a_nationality_that_a_descriptor_calls_a_company_is_one(nlp):
    # the model tags "Quellstra" NORP; "telco giant" says what it is
    assert mention_types(nlp, "Telco giant Quellstra confirms some of its systems are down.") == {
        "Quellstra": "organization"
    }
    assert mention_types(nlp, "The French team won the match on Sunday.") == {}


def test_a_body_written_in_either_word_order_is_one(nlp):
    assert group_key("Department of Justice") == group_key("Justice Department")
    assert group_key("High Court of Vellmark") == group_key("Vellmark High Court")
    assert group_key("Office of the Prime Minister") == group_key("Prime Minister's Office")
    assert group_key("Council of Europe") != group_key("European Council")
    assert group_key("Bank of Quellmoor") != group_key("Quellmoor")
    types = corpus_types(
        nlp,
        "The High Court of Hong Kong ordered the company wound up on Monday.",
        "Lawyers told the Hong Kong High Court that the plan had failed.",
    )
    assert [label for label in types if "High Court" in label] == ["High Court of Hong Kong"]


def test_a_court_takes_in_the_place_it_is_of(nlp):
    found = mention_names(
        nlp,
        "Assange will appear before the U.S. District Court of the Northern Mariana Islands on Wednesday.",
    )
    assert "U.S. District Court of the Northern Mariana Islands" in found
    # "of the" before another body is not taken in
    found = mention_names(nlp, "She chairs the Finance and Planning Committee of the National Assembly.")
    assert "Finance and Planning Committee" in found


def test_a_club_s_name_form_in_a_sports_story_is_an_organisation(nlp):
    story = (
        "Fans forced Brockton United and Atletico Velmar to pull out of the league. "
        "The club's coach said the season was over."
    )
    votes = mention_votes_of(nlp, story)
    for club in ("Brockton United", "Atletico Velmar"):
        assert votes[club].get("organization", 0) > votes[club].get("person", 0), club
    # outside a sports story, and where it locates, the form is no evidence
    votes = mention_votes_of(nlp, "The council met in Brockton City on Monday to discuss the budget.")
    assert "organization" not in votes.get("Brockton City", {})


def test_names_listed_together_vote_with_their_list_mates(nlp):
    # the other names are clubs by their form; "Liverpool", a place to the model, is one too
    text = (
        "Fans forced Brockton United, Liverpool, Brockton City, Inter Velmar and Atletico Velmar "
        "to pull out of the league."
    )
    votes = mention_votes_of(nlp, text)
    assert votes["Liverpool"].get("organization", 0) > votes["Liverpool"].get("place", 0)
    # a maker's product before "maker" is no member of the list before it
    votes = mention_votes_of(nlp, "Strikes hit Ford, General Motors and Jeep maker Stellantis on Monday.")
    assert votes["Jeep"] == {"organization": 1}


def test_a_monitor_or_a_nonprofit_is_an_organisation(nlp):
    for text, name in (
        ("Six people were arrested, according to Vellcount, an independent rights monitor.", "Vellcount"),
        ("The nonprofit Quellwater Trust said the river was polluted.", "Quellwater Trust"),
    ):
        votes = mention_votes_of(nlp, text)[name]
        assert votes.get("organization", 0) >= MAX_LABEL_VOTES + 1 > votes.get("outlet", 0), (name, votes)


def test_a_station_in_a_dateline_s_brackets_is_an_outlet_whatever_the_model_took_it_for(nlp):
    # the real call sign, where the model errs: it tags it as a place
    text = "MAUI COUNTY, Hawaii (KITV4) -- Water officials said the county needed help."
    votes = to_analysis("t", nlp(text)).type_votes()
    assert votes["KITV4"].get("outlet", 0) > votes["KITV4"].get("place", 0)


def test_the_article_s_own_publisher_named_in_its_text_is_an_outlet(nlp):
    text = "Residents queue for water in the heat. (Tamo Revin/Harbour Beat)\nThe county said it would help."
    own = Document("d1", text, outlet="Norvale Harbour Beat")
    other = Document("d2", text, outlet="The Daily Ledger")
    first, second = analyze(nlp, [own, other])
    assert first.type_votes()["Harbour Beat"].get("outlet", 0) > first.type_votes()["Harbour Beat"].get(
        "organization", 0
    )
    assert second.type_votes()["Harbour Beat"].get("outlet", 0) == 0


def test_a_news_agency_and_a_name_appointed_as_a_role_vote_for_their_types(nlp):
    text = "The official news agency KORVA quoted the minister as saying the talks had failed."
    votes = mention_votes_of(nlp, text)
    assert votes["KORVA"].get("outlet", 0) > votes["KORVA"].get("organization", 0)
    votes = mention_votes_of(nlp, "The board appointed Calloway Brisk as its auditor in 2019.")
    assert votes["Calloway Brisk"].get("organization", 0) >= 3  # "as its auditor": a firm
    types = corpus_types(
        nlp,
        "The minister informed the Special Envoy of the United Nations, Ramtane Lamamra, that talks failed. "
        "Later, Guterres appointed Ramtane Lamamra as his personal envoy to Dunmore.",
    )
    assert types.get("Ramtane Lamamra") == "person"  # the model tags this name ORG every time


def test_a_party_leading_a_government_is_not_an_agency(nlp):
    votes = mention_votes_of(nlp, "He promised the new Labour government will deliver a rebalance.")
    assert "agency" not in votes["Labour"]


def test_a_company_s_name_less_its_legal_form_is_no_person():
    from ner.aliases import Candidate, resolve_document

    cands = [
        Candidate("Tarnow Vinyls LP", "organization"),
        Candidate("Tarnow Vinyls", "person"),  # as the model tags the short form in real copy
        Candidate("Tarnow Vinyls", "organization"),
    ]
    resolve_document(cands)
    assert [(c.type, c.key) for c in cands] == [("organization", "Tarnow Vinyls LP")] * 3


def test_a_company_s_name_less_its_closing_head_and_its_last_word_are_no_person():
    from ner.aliases import Candidate, resolve_document

    cands = [  # as the model tags "Thames Water" and "Water" in a real Reuters story
        Candidate("Dunmore Water", "organization"),
        Candidate("Water", "person"),
        Candidate("Dunmore Water", "person"),
        Candidate("Dunmore Water Group", "organization"),
    ]
    resolve_document(cands)
    assert [c.type for c in cands] == ["organization"] * 4
    assert [c.key for c in cands[:3]] == ["Dunmore Water"] * 3
    cands = [Candidate("Kestrel Motor Company", "organization"), Candidate("Hal Kestrel", "person")]
    cands.append(Candidate("Kestrel", "person"))
    resolve_document(cands)
    assert cands[2].type == "person"  # a real person's surname stays his
