"""Name forms the model gets wrong, fixed by general rules (one small inline text each)."""

from __future__ import annotations

from spacy.tokens import Span

from ner.cleanup import clean_mention, looks_like_name, party_name
from ner.entities import type_by_words
from ner.pipeline import to_analysis
from ner.spans import _trim_to_known_people, _trim_trailing_descriptors
from ner.type_votes import context_votes


def mentions(nlp, text: str) -> dict[str, tuple[str, str | None]]:
    """``{name: (type, key)}`` of the mentions in ``text``."""
    return {m.name: (m.type, m.key) for m in to_analysis("t", nlp(text)).mentions}


def test_a_government_named_by_its_nationality_or_leader_is_an_agency(nlp):
    found = mentions(nlp, "The Spanish government said on Monday that the Biden administration had called.")
    assert found["Spanish government"][0] == "agency"
    assert found["Biden administration"][0] == "agency"
    assert "Biden" not in found  # the leader's name is part of the agency's, not a second mention


def test_a_legislature_named_alone_is_kept(nlp):
    found = mentions(nlp, "Ministers told Parliament on Tuesday that Parliament had been misled.")
    assert found["Parliament"] == ("agency", "Parliament")


def test_a_finance_ministry_named_treasury_is_an_agency(nlp):
    found = mentions(nlp, "The chancellor told broadcasters the Treasury is monitoring the situation.")
    assert found["Treasury"][0] == "agency"


def test_a_party_named_by_its_members_is_the_party(nlp):
    found = mentions(nlp, "Democrats voted against the bill on Wednesday.")
    assert found["Democrats"] == ("organization", "Democrats")
    assert party_name("Democrats") == "Democratic Party"
    assert party_name("Greens") == "Green Party"
    assert party_name("Wirecard") is None


def test_words_glued_before_a_known_person_are_dropped(nlp):
    doc = nlp("Whip Dalton Freyne spoke first. Later, Dalton Freyne said he would run for the post.")
    glued = Span(doc, 0, 3, label="PERSON")  # as the model tags "Whip Steve Scalise" in real copy
    alone = Span(doc, 8, 10, label="PERSON")
    assert [s.text for s in _trim_to_known_people([glued, alone])] == ["Dalton Freyne", "Dalton Freyne"]
    other = Span(doc, 0, 3, label="PERSON")
    assert [s.text for s in _trim_to_known_people([other])] == ["Whip Dalton Freyne"]  # no evidence


def test_former_prefix_and_possessed_offices():
    assert clean_mention("Ex-Harbourlock").name == "Harbourlock"
    assert type_by_words("Radio Veltra", "organization") == "outlet"


def test_a_prosecutors_office_keeps_its_name(nlp):
    found = mentions(nlp, "The Public Prosecutor’s Office said it had filed a complaint.")
    assert any(name.endswith("Prosecutor’s Office") and kind == "agency" for name, (kind, _) in found.items())


def test_a_facility_label_with_a_legal_form_is_a_company(nlp):
    text = "He sent the bids to an address at Castlegate Surfacing Ltd two days before the tender closed."
    assert [e.label_ for e in nlp(text).ents if "Castlegate" in e.text] == ["FAC"]  # the model's slip
    assert mentions(nlp, text)["Castlegate Surfacing Ltd"][0] == "organization"


def test_a_defined_short_form_is_the_key_of_its_long_form(nlp):
    found = mentions(nlp, "The Veldmark Markets Authority (VeMA) fined the bank. VeMA said it would appeal.")
    assert {key for kind, key in found.values() if kind != "place"} == {"VeMA"}


def test_middle_names_join_the_short_full_name(nlp):
    found = mentions(
        nlp, "Christine Ching Kui Lee is a solicitor. Christine Lee said she had done nothing wrong."
    )
    assert found["Christine Ching Kui Lee"][1] == found["Christine Lee"][1] == "Christine Lee"


def test_a_job_after_a_bylined_name_is_not_part_of_it(nlp):
    doc = nlp("by Mark Fitt Political Journalist")
    span = Span(doc, 1, 5, label="PERSON")
    assert _trim_trailing_descriptors(span).text == "Mark Fitt"


def test_a_pronoun_subject_makes_a_person_of_a_name_the_model_calls_a_company(nlp):
    doc = nlp("Olaf Scholz has also been criticised because he is responsible for the regulator.")
    assert context_votes(Span(doc, 0, 2, label="ORG"))["person"] > 0
    doc = nlp("Harbourlock Veltrix has said that it is responsible, and he agreed.")
    assert context_votes(Span(doc, 0, 2, label="ORG"))["person"] == 0  # "it" stands between


def test_a_party_group_and_an_adjective_before_a_party(nlp):
    found = mentions(nlp, "He praised the work House Republicans have done. Hardline Republicans grumbled.")
    assert found["House Republicans"][0] == "organization"
    assert found["Republicans"] == ("organization", "Republicans")  # not "Hardline Republicans"


def test_a_word_tagged_once_with_no_other_evidence_is_weak(nlp):
    text = "The investigation was called Partygate by the press."
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Partygate", "ORG")]  # the model's slip
    weak = {m.name: m.weak for m in to_analysis("t", nlp(text)).mentions}
    assert weak == {"Partygate": True}  # joins an entity other documents know, never makes one
    hsbc = to_analysis("t", nlp("The money went through HSBC accounts in London.")).mentions
    assert [m.weak for m in hsbc if m.name == "HSBC"] == [False]  # an acronym is rarely a slip
    titled = to_analysis("t", nlp("She spent years in prison before President Quellan commuted it.")).mentions
    assert [m.weak for m in titled if m.name == "Quellan"] == [False]  # a title says who it is


def test_short_particles_of_other_languages_stay_inside_a_name(nlp):
    found = mentions(nlp, "The Bangko Sentral ng Pilipinas said on Monday that the banks complied.")
    assert "Bangko Sentral ng Pilipinas" in found
    assert looks_like_name("Bundesanstalt für Finanzdienstleistungsaufsicht")
    assert not looks_like_name("met in Munich")


def test_a_name_that_speaks_is_kept_however_little_else_is_known(nlp):
    text = "BaFin said it would review the case."
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("BaFin", "ORG")]
    assert "BaFin" in mentions(nlp, text)


def test_names_the_model_missed_are_found_by_legal_form_or_speech(nlp):
    text = "An Ernst & Young LLP partner said his firm fell victim to criminals."
    assert not nlp(text).ents  # the model sees no entity
    assert mentions(nlp, text)["Ernst & Young LLP"][0] == "organization"
    text = "FRKA said it would review the case."
    assert not nlp(text).ents
    assert "FRKA" in mentions(nlp, text)


def test_a_conjunction_keeps_the_known_person_and_the_firm(nlp):
    text = "Steve Scalise spoke. The race was between Scalise and Judiciary Chairman Jim Jordan."
    found = mentions(nlp, text)
    assert "Scalise and Judiciary" not in found
    assert found["Scalise"] == ("person", "Steve Scalise")
    text = "Christine Lee runs a firm. Christine Lee & Co works for the embassy."
    assert "Christine Lee & Co" in mentions(nlp, text)


def test_a_role_word_before_a_surname_is_a_role(nlp):
    text = "Defender Dierlamm said the charges were false. Alfred Dierlamm added that the case was weak."
    found = {m.text: (m.key, m.role) for m in to_analysis("t", nlp(text)).mentions}
    assert found["Defender Dierlamm"] == ("Alfred Dierlamm", "Defender")


def test_an_analysis_serialises_as_asdict_does(nlp):
    import json
    from dataclasses import asdict

    analysis = to_analysis("t", nlp("Markus Braun said Wirecard AG had misled investors, Reuters reported."))
    assert json.dumps(analysis.to_dict()) == json.dumps(asdict(analysis))


def test_a_short_form_right_after_its_name_or_known_as_is_the_same_body(nlp):
    found = mentions(
        nlp,
        "Officials at the Veldmark Markets Authority VeMA (Veldmarkse Marktautoriteit) met on Monday. "
        "VeMA said it would fine Harbourlock AG.",
    )
    assert found["Veldmark Markets Authority"][1] == found["VeMA"][1] == "VeMA"
    known = mentions(
        nlp, "MI5, officially known as the Security Service, issued the alert. MI5 said it was lawful."
    )
    assert known["Security Service"][1] == known["MI5"][1] == "MI5"
    dateline = mentions(nlp, "WASHINGTON (AP) — The Senate voted on Monday. AP reporters watched.")
    assert dateline["WASHINGTON"][1] != dateline["Associated Press"][1]
    compound = mentions(nlp, "Leaders of the House GOP conference met. The GOP said no. The House voted.")
    assert compound["House"][1] != compound["GOP"][1]  # a modifier, not a second name


def test_a_surname_with_its_particle_is_the_full_name(nlp):
    found = mentions(
        nlp,
        "Stephan von Erffa and Oliver Bellenhaus are on trial. If found guilty, Mr Braun and "
        "Mr von Erffa could face up to 15 years. Markus Braun denied it.",
    )
    assert found["von Erffa"] == ("person", "Stephan von Erffa")
    assert looks_like_name("von Erffa") and not looks_like_name("of Erffa")


def test_a_name_the_model_cut_runs_on_to_its_head_word(nlp):
    found = mentions(
        nlp, "Support came from conservatives like House Freedom Caucus Policy Chair Chip Roy, R-Texas."
    )
    assert found["House Freedom Caucus"][0] == "organization" and "House" not in found
    assert found["Chip Roy"][0] == "person"  # the run stops at the head word
    found = mentions(
        nlp, "She helped set up the All-Party Parliamentary Chinese in Britain Group, which he chaired."
    )
    assert [n for n in found if "Group" in n or "Party" in n] == [
        "All-Party Parliamentary Chinese in Britain Group"
    ]


def test_an_acronym_a_descriptor_calls_a_body_is_found(nlp):
    text = "Hours later, footballers' union FUTPRO released a statement featuring over 80 signatures."
    assert "FUTPRO" not in {e.text for e in nlp(text).ents}  # the model's miss
    assert mentions(nlp, text)["FUTPRO"][0] == "organization"


def test_a_place_names_the_building_it_modifies_and_a_nickname_its_party(nlp):
    found = mentions(nlp, "In Munich's wood-panelled Stadelheim courtroom, the trial opened on Monday.")
    votes = to_analysis(
        "t", nlp("In Munich's wood-panelled Stadelheim courtroom, the trial opened.")
    ).mentions
    assert "Stadelheim" in found
    assert (
        max(next(m.votes for m in votes if m.name == "Stadelheim").items(), key=lambda kv: kv[1])[0]
        == "place"
    )
    assert party_name("GOP") == party_name("Republicans") == "Republican Party"


def test_a_name_cut_at_its_particles_is_one_person(nlp):
    found = mentions(nlp, "European Commission President Ursula von der Leyen said it was very serious.")
    assert found["Ursula von der Leyen"][0] == "person" and "Leyen" not in found
    found = mentions(nlp, "BBB leader Caroline van der Plas said she was open to talks.")
    assert found["Caroline van der Plas"][0] == "person" and "Plas" not in found
    found = mentions(nlp, "Qatar's minister Ali bin Samikh al-Marri denied it.")
    assert found["Ali bin Samikh al-Marri"][0] == "person"


def test_a_dateline_place_and_a_caption_marker(nlp):
    votes = {m.name: m.votes for m in to_analysis("t", nlp("ROME (AP) — Paul Pogba was banned.")).mentions}
    assert max(votes["ROME"], key=votes["ROME"].get) == "place"  # the model says ORG
    found = mentions(nlp, "FILE - Paul Pogba at Juventus.\nPaul Pogba said he was innocent.")
    assert "Paul Pogba" in found and not any(name.startswith("FILE") for name in found)


def test_a_name_ending_a_line_is_not_defined_by_an_acronym_opening_the_next(nlp):
    # "… Super League\nUEFA President …": two bodies, not a name and its short form
    text = (
        "UEFA President Ceferin mocks 'fantastic' Super League\n"
        "UEFA President Aleksander Ceferin has mocked the Super League as fantastic."
    )
    keys = {m.name: m.key for m in to_analysis("t", nlp(text)).mentions}
    assert keys["Super League"] == "Super League"
    assert keys["UEFA"] == "UEFA"


def test_a_title_s_place_is_not_glued_to_the_name_after_it(nlp):
    text = "The Archbishop of Canterbury Justin Welby said the scandal was shameful."
    names = {m.name for m in to_analysis("t", nlp(text)).mentions}
    assert "Justin Welby" in names
    assert "Canterbury Justin Welby" not in names


def test_an_acronym_a_law_s_name_defines_is_not_a_body(nlp):
    text = "The new Harbour Safety Act (HSA) comes into force on Thursday. Ports must meet the HSA's rules."
    names = {m.name for m in to_analysis("t", nlp(text)).mentions}
    assert "HSA" not in names


def test_a_nationality_before_a_full_name_is_not_its_first_name(nlp):
    found = mentions(nlp, "Orvak will square off against Australian Marissa Quellbrook in the next round.")
    assert "Marissa Quellbrook" in found and "Australian Marissa Quellbrook" not in found


def test_a_name_in_one_word_with_inner_capitals_is_kept_where_text_is_glued_is_not(nlp):
    brand = (
        "The French oil giant QuillEnergies announced on Monday it would stop funding the project. "
        "QuillEnergies, which has a 20% stake, said it had not been told."
    )
    assert "QuillEnergies" in mentions(nlp, brand)
    glued = "Related ArticlesMarrowby Council said the road would close. Marrowby Council met on Monday."
    assert not any(name.startswith("Articles") for name in mentions(nlp, glued))


def test_a_name_cut_at_a_hyphen_goes_on_through_it(nlp):
    # the model tags only "OVD"; "an independent rights monitor" says what the whole is
    found = mentions(
        nlp, "Six people were arrested, according to OVD-Quellmark, an independent rights monitor."
    )
    assert found["OVD-Quellmark"][0] == "organization" and "OVD" not in found


def test_a_title_before_a_tagged_work_does_not_make_it_a_person(nlp):
    # the model tags "Azure Power Global" WORK_OF_ART; "former ... director" is not a title of it
    text = (
        "The case against former Azure Power Global director Anna Brisk, who is accused of fraud, was heard."
    )
    found = mentions(nlp, text)
    assert found["Anna Brisk"][0] == "person"
    assert not any(name.startswith("Azure") and kind == "person" for name, (kind, _) in found.items())


def test_a_ticker_a_time_zone_and_an_illustration_credit_are_not_bodies(nlp):
    found = mentions(nlp, "Shares of Boeing (NYSE:BQX) fell 4% on Friday.")
    assert "BQX" not in found and "NYSE" in found
    assert "BST" not in mentions(nlp, "Planes were grounded at around noon local time (6am BST) on Tuesday.")
    found = mentions(nlp, "REUTERS/Dado Ruvic/Illustration/File Photo")
    assert "Illustration" not in found and "Dado Ruvic" in found


def test_a_prison_the_model_took_for_a_person_is_a_place(nlp):
    text = (
        "In a statement posted on X, the account said Assange was granted bail by the High Court in "
        "London and released from Fenwick Prison on Monday morning."
    )
    assert [(e.text, e.label_) for e in nlp(text).ents if "Fenwick" in e.text] == [
        ("Fenwick Prison", "PERSON")
    ]
    assert mentions(nlp, text)["Fenwick Prison"][0] == "place"
    # a person whose surname is a place's head word stays a person
    found = mentions(
        nlp, "Regarding another Belgian MEP, Maria Arena, who failed to declare a trip, he spoke."
    )
    assert found["Maria Arena"][0] == "person"


def test_a_name_whose_s_is_its_own_keeps_it(nlp):
    text = (
        "Corbell’s Ratings cut the water company’s bonds to junk on Monday. "
        "Corbell’s said the regulator's plan would make refinancing harder."
    )
    found = mentions(nlp, text)
    assert "Corbell’s" in found and "Corbell" not in found and "Ratings" not in found
    assert found["Corbell’s"][1] == found["Corbell’s Ratings"][1]  # one body
    # a possessive before its noun, and "'s" for "is", are no part of the name
    found = mentions(nlp, "Trump's lawyers said Trump's going to appeal, Biden's aides said.")
    assert not any(name.endswith("'s") for name in found)


def test_an_ampersand_between_two_names_makes_a_firm_not_two_people(nlp):
    # the model tags this real firm PERSON; invented ones it tags ORG already
    text = "The parent company had appointed advisers from turnaround consultant Alvarez & Marsal."
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Alvarez & Marsal", "PERSON")]
    found = mentions(nlp, text)
    assert found["Alvarez & Marsal"][0] == "organization"
    assert "Alvarez" not in found and "Marsal" not in found
    # a firm named after a founder the document names stays a firm
    found = mentions(nlp, "Braddock Oster & Velt is based in New York, said principal Ivan Velt.")
    assert found["Braddock Oster & Velt"][0] == "organization" and "Velt" not in found


def test_a_hyphenated_name_runs_through_a_lower_case_particle(nlp):
    text = "Candidates backed by Imran Khan's Pakistan Tehreek-e-Insaf party won most seats."
    assert "Pakistan Tehreek" in [e.text for e in nlp(text).ents]  # the model cuts at "-e-"
    assert "Pakistan Tehreek-e-Insaf" in mentions(nlp, text)


def test_an_acronym_the_text_defines_is_not_the_body_a_list_knows_by_it(nlp):
    # PTI is the Press Trust of India in the gazetteer; here the text says what it stands for
    found = mentions(nlp, "The Progressive Trade Initiative (PTI) said PTI would sue the ministry.")
    assert found["PTI"] == ("organization", found["Progressive Trade Initiative"][1])
    assert "Press Trust of India" not in found
    assert mentions(nlp, "The report was carried by PTI on Monday.")["Press Trust of India"][0] == "outlet"


def test_a_surname_the_model_tagged_apart_joins_the_name_before_it(nlp):
    text = "Those named include former Interior Secretary Yusuf Naseem Khokhar and two aides."
    assert ("Khokhar", "ORG") in [(e.text, e.label_) for e in nlp(text).ents]
    found = mentions(nlp, text)
    assert "Yusuf Naseem Khokhar" in found and "Khokhar" not in found


def test_a_court_the_model_left_untagged_or_took_for_places_is_one_agency(nlp):
    text = "Judge Harlan Voss of the United States District Court for the Western District of Arkansas ruled."
    assert not [e for e in nlp(text).ents if "Court" in e.text]  # places and a region, no court
    name = "United States District Court for the Western District of Arkansas"
    assert mentions(nlp, text)[name][0] == "agency"  # seven words and connectors: still a name
    assert (
        mentions(nlp, "Prosecutors in the Eastern District Court of New York charged him.")[
            "Eastern District Court of New York"
        ][0]
        == "agency"
    )
    # a court's name inside a longer capitalised name is not one
    assert "Supreme Court" not in mentions(nlp, "He cited the Supreme Court Act of 1990 in his filing.")


def test_a_body_of_a_named_place_goes_by_its_name_without_it_elsewhere():
    from ner.entities import _unqualified

    places = {"Veldmark", "United States of America"}
    assert _unqualified("Election Board of Veldmark", places) == "Election Board"
    assert _unqualified("Trade Commission of the United States of America", places) == "Trade Commission"
    assert _unqualified("Election Board of Orvania", places) == ""  # not a place the document names
    # a place of several words before the body's name
    assert _unqualified("New Veldmark Department of Trade", {"New Veldmark"}) == "Department of Trade"


def test_an_acronym_that_only_qualifies_a_common_noun_makes_no_entity_alone(nlp):
    for text in (
        "It has also been reported that GP services across the country have been hit.",
        "Rules that bar athletes with XY chromosomes from women's events were cited.",
    ):
        assert all(m.weak for m in to_analysis("t", nlp(text)).mentions)
    # an acronym that acts is a body, and so is a longer one qualifying a noun
    assert not any(m.weak for m in to_analysis("t", nlp("The money went through HSBC accounts.")).mentions)
    assert not any(m.weak for m in to_analysis("t", nlp("The ZQR said on Monday it would appeal.")).mentions)


def test_an_acronym_defined_for_a_title_is_a_post_not_a_body(nlp):
    text = (
        "The bench, comprising Chief Justice of Veldmark (CJV) Orin Castellane and two others, heard "
        "the case. The CJV said the party had failed."
    )
    found = mentions(nlp, text)
    assert "CJV" not in found and "Orin Castellane" in found
    # a body's acronym is still the body's
    assert "Federal Bureau of Investigation" in mentions(
        nlp, "The Federal Bureau of Investigation (FBI) said."
    )


def test_a_name_the_model_took_for_a_place_ending_in_a_company_head_is_a_company(nlp):
    text = "That suit is challenging the sale of Pandora Media to Sirius XM."
    assert ("Pandora Media", "GPE") in [(e.text, e.label_) for e in nlp(text).ents]
    assert mentions(nlp, text)["Pandora Media"][0] == "organization"
    assert mentions(nlp, "He was born in the Soviet Union.")["Soviet Union"][0] == "place"


def test_a_people_of_a_place_the_document_names_is_no_entity(nlp):
    text = "Protests spread across Veldmark after Orvanians crossed the border from Orvania."
    assert ("Orvanians", "ORG") in [(e.text, e.label_) for e in nlp(text).ents]
    assert "Orvanians" not in mentions(nlp, text)
    text = "Counting was underway after millions of Pakistanis voted in an election in Pakistan."
    assert "Pakistanis" not in mentions(nlp, text)


def test_people_the_model_mistook_in_bylines_benches_and_scores(nlp):
    # real names: the model repeats these errors with them, not with invented ones
    found = mentions(
        nlp, "Tesla pay ruling upheld\nBy Sherin Shibu Edited by Melissa Malamut\nShareholders voted."
    )
    assert found["Sherin Shibu"][0] == found["Melissa Malamut"][0] == "person"  # "Edited by" parts them
    text = "A bench of Chief Justice Qazi Faez Isa and Justices Muhammad Ali Mazhar and Musarrat Hilali sat."
    assert ("Musarrat Hilali", "NORP") in [(e.text, e.label_) for e in nlp(text).ents]
    found = mentions(nlp, text)
    assert found["Musarrat Hilali"][0] == "person"  # listed with a person
    assert "Muhammad Ali Mazhar" in found  # a plural title is a title
    senators = clean_mention("Senators Mark Kelly", is_person=True)
    assert (senators.name, senators.role) == ("Mark Kelly", "Senators")
    text = "The champion fought back to beat 69th-ranked Russian Roman Safiullin 3-6, 6-2, 6-3 in Beijing."
    assert "Roman Safiullin" in mentions(nlp, text)  # the model's "Safiullin 3-6"


def test_names_joined_by_an_ampersand_in_another_label_are_a_firm(nlp):
    text = (
        "Varallo, 64, and several other lawyers at Bernstein, Litowitz, Berger & Grossman, joined the suit."
    )
    assert ("Bernstein, Litowitz, Berger & Grossman", "FAC") in [(e.text, e.label_) for e in nlp(text).ents]
    assert mentions(nlp, text)["Bernstein, Litowitz, Berger & Grossman"][0] == "organization"


def test_an_untagged_member_of_a_list_of_organisations_is_one(nlp):
    text = (
        "The debt lifeline gave senior creditors, which include Abrdn, Apollo Global Management, "
        'Elliott Investment Management, Invesco, M&G and PIMCO, "valuable additional rights".'
    )
    assert "PIMCO" not in [e.text for e in nlp(text).ents]  # the model tags it in shorter lists
    assert mentions(nlp, text)["PIMCO"][0] == "organization"


def test_a_person_glued_after_an_organisation_s_head_is_cut_off_it(nlp):
    text = (
        "The others named by the prosecutor are CEO of Adani Green Energy Vneet S Jaain and Ranjit "
        "Gupta. Gautam Adani, Sagar Adani and Jaain raised over $3 billion."
    )
    assert "Adani Green Energy Vneet S Jaain" in [e.text for e in nlp(text).ents]
    found = mentions(nlp, text)
    assert found["Adani Green Energy"][0] == "organization" and found["Vneet S Jaain"][0] == "person"


def test_a_court_takes_in_the_place_tagged_right_before_it(nlp):
    text = "Prosecutors filed charges in the U.S. District Court of Northern Orvania accusing Harbourlock."
    assert ("U.S.", "GPE") in [(e.text, e.label_) for e in nlp(text).ents]
    found = mentions(nlp, text)
    assert found["U.S. District Court of Northern Orvania"][0] == "agency" and "U.S." not in found


def test_a_capitalised_verb_in_a_headline_ends_a_person_s_name(nlp):
    text = (
        "Also Read | 'Three months is not a suspension': Alexander Zverev Gives Blunt Take on Jannik "
        "Sinner's Doping Ban\nZverev spoke on Monday."
    )
    assert "Alexander Zverev Gives Blunt" in [e.text for e in nlp(text).ents]
    found = mentions(nlp, text)
    assert "Alexander Zverev" in found and not any("Gives" in name for name in found)


def test_a_hyphenated_acronym_in_brackets_is_the_name_s_short_form(nlp):
    found = mentions(nlp, "The Pakistan Muslim League-Nawaz (PML-N) is expected to win the most seats.")
    assert found["PML-N"][1] == found["Pakistan Muslim League-Nawaz"][1]


def test_a_rank_before_a_name_is_no_part_of_the_body_before_it(nlp):
    found = mentions(
        nlp,
        "The search widened overnight, Norvale Coast Guard Rear Admiral Tamo Revin said on Tuesday. "
        "Host Ilse Varga then interjected.",
    )
    assert found["Tamo Revin"][0] == "person"
    assert found["Ilse Varga"][0] == "person"
    assert not any("Rear" in name for name in found)


def test_ships_are_not_bodies(nlp):
    found = mentions(
        nlp,
        "The Titan was launched from the MV Polar Kestrel for a dive to the RMS Norvalia. "
        "The Norvalia sank in 1912, Harbourlock AG said.",
    )
    assert not any("Kestrel" in name or "Norvalia" in name for name in found)
    assert found["Harbourlock AG"][0] == "organization"


def test_peoples_named_by_a_qualifier_are_not_bodies(nlp):
    found = mentions(
        nlp,
        "Australia voted no. Indigenous Australians and First Nations leaders said they were let down. "
        "The United Nations and the First National Bank said nothing.",
    )
    assert "Indigenous Australians" not in found and "First Nations" not in found
    assert {"United Nations", "First National Bank"} <= set(found)


def test_the_army_named_alone_is_kept_and_a_count_is_no_part_of_a_name(nlp):
    found = mentions(nlp, "The Army chief Tamo Revin said the nation needed stable hands.")
    assert found["Army"] == ("agency", "Army")
    found = mentions(nlp, "The site released 482,832 Army reports on Tuesday.")
    assert "Army" in found and not any(name[0].isdigit() for name in found)


def test_a_party_named_with_a_lower_case_party_is_the_party(nlp):
    # a real party's name, where the model takes "party" into the name (an invented one it does not)
    found = mentions(nlp, "The plan had been backed by the ruling Labor party and big business.")
    assert found["Labor"][0] == "organization"


def test_a_correspondent_or_broadcaster_with_a_full_name_is_a_person(nlp):
    found = mentions(nlp, "Video report by ITV News correspondent Tamsin Welloway; words by Orla Penhallow.")
    assert found["Tamsin Welloway"][0] == "person"  # "News" before a person's job makes no outlet
    found = mentions(nlp, "Veteran broadcaster Brendan Quarrie, formerly of ITN, described it as blind.")
    assert found["Brendan Quarrie"][0] == "person"
    assert found["ITN"][0] == "outlet"


def test_a_nationality_before_a_name_is_no_part_of_it(nlp):
    text = (
        "The council appointed Norwegian Eskil Brandvold as its personal envoy to Dunmore. "
        "Eskil Brandvold said the talks would resume."
    )
    found = mentions(nlp, text)
    assert found["Eskil Brandvold"] == ("person", "Eskil Brandvold")
    assert "Norwegian Eskil Brandvold" not in found
    found = mentions(nlp, "Earlier, according to the Russian RIA Novosti news agency, the convoy left.")
    assert found["RIA Novosti"][0] == "outlet"
    found = mentions(nlp, "The Russian Defense Ministry said the convoy had left.")
    assert "Russian Defense Ministry" in found  # a body's head: the nationality is its name's


def test_a_known_name_possessing_a_programme_is_its_own_mention(nlp):
    found = mentions(nlp, "“This raises profound questions,” Blinken said Sunday on CBS’s Face the Nation.")
    assert found["CBS News"][0] == "outlet"


def test_a_name_runs_to_the_acronym_that_spells_it(nlp):
    text = "It asks the court to set aside the Council on Maritime Trade in the United States (CMTUS) review."
    found = mentions(nlp, text)
    name = "Council on Maritime Trade in the United States"
    assert found[name] == ("agency", name)
    assert found["CMTUS"] == ("agency", name)


def test_a_body_s_name_does_not_take_in_a_post_or_a_second_topic(nlp):
    found = mentions(nlp, "Blinken urged the President of the Sovereign Council of Dunmore to attend.")
    assert found["Sovereign Council of Dunmore"][0] == "agency"
    text = (
        "Shapiro urged Henry to take up a criminal referral from the Department of Environmental "
        "Protection on Norfolk Southern."
    )
    assert "Department of Environmental Protection" in mentions(nlp, text)
    text = "The first lawsuit was filed in the US Court of Appeals for the District of Columbia Circuit."
    found = mentions(nlp, text)
    assert "US Court of Appeals for the District of Columbia Circuit" in found


def test_armed_forces_and_fire_brigades_are_agencies():
    assert type_by_words("Rapid Strike Forces", "organization") == "agency"
    assert type_by_words("Dunmore Fire Brigade", "organization") == "agency"
    assert type_by_words("Committee on Foreign Investment in the United States", "organization") == "agency"


def test_an_agency_administrator_is_a_titled_person(nlp):
    text = "“In no way will Kestrel Rail get off the hook,” EPA Administrator Dalton Freyne vowed."
    found = mentions(nlp, text)
    assert found["Dalton Freyne"][0] == "person"
    assert not any("Administrator" in name for name in found)


def test_a_byline_names_its_people_up_to_the_outlet_after_a_bar(nlp):
    head = "Rail company told to clean up spill\n"
    body = "\nDUNMORE — The agency ordered the cleanup."
    found = mentions(nlp, head + "By Tessa Marsh and Ed Orrin | Associated Press" + body)
    assert found["Ed Orrin"][0] == "person" and found["Tessa Marsh"][0] == "person"
    found = mentions(nlp, head + "By Tessa Marsh | Courier Post" + body)
    assert "Tessa Marsh" in found and "By Tessa Marsh" not in found


def test_a_mission_is_an_agency_and_a_declaration_no_body(nlp):
    mission = "United Nations Integrated Mission to Support the Transition"
    assert type_by_words(mission, "organization") == "agency"
    from ner.not_names import is_junk

    doc = nlp("The Dunmore Declaration, signed by both sides, calls for safe passage.")
    assert is_junk(Span(doc, 1, 3, label="ORG"), "Dunmore Declaration")  # as tagged in real copy


def test_a_bracketed_acronym_spells_the_name_the_model_cut(nlp):
    text = "It included a ban from public office, his party, the Dunmore Tehreek-e-Awam (DTA), said."
    found = mentions(nlp, text)  # the model tags "Dunmore" alone
    assert found["Dunmore Tehreek-e-Awam"][0] == "organization"
    assert found["DTA"][1] == "Dunmore Tehreek-e-Awam"
    claims = to_analysis("t", nlp(text)).assertions
    assert [c.speaker for c in claims] == ["Dunmore Tehreek-e-Awam"]


def test_odd_spans_at_a_document_s_edges_do_not_break_the_name_rules(nlp):
    from ner.spans import _extend_to_its_acronym, _without_leading_descriptor

    doc = nlp("The cat sat.")
    assert _without_leading_descriptor(Span(doc, 0, 1, label="ORG")).text == "The"  # a lone "The"
    doc = nlp("It went to the Committee on Maritime Trade, or")
    span = Span(doc, 4, 8, label="ORG")
    assert _extend_to_its_acronym(span).text == "Committee on Maritime Trade"  # no acronym after "or"
