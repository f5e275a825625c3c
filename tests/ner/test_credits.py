"""Photo credits read by their shape (ner.credits): photographers are people, suppliers outlets."""

from __future__ import annotations

from ner.credits import credit_parts
from ner.pipeline import to_analysis


def parts(text: str) -> list[tuple[str, str]]:
    return [(text[p.start : p.end], p.kind) for p in credit_parts(text)]


def test_credit_shapes():
    assert parts("Talks went on. Photo: Tamsin Orlov VNB") == [
        ("Tamsin Orlov", "person"),
        ("VNB", "supplier"),
    ]
    assert parts("Credit: Kestrelpix") == [("Kestrelpix", "supplier")]
    assert parts("File Photo by Jalo Morvin/EPA-EFE") == [("Jalo Morvin", "person"), ("EPA-EFE", "supplier")]
    assert parts("Arno Weil | Reuters") == [("Arno Weil", "person"), ("Reuters", "supplier")]
    assert parts("Reps. met on Tuesday. (Chip Samodev/Getty Images)") == [
        ("Chip Samodev", "person"),
        ("Getty Images", "supplier"),
    ]
    assert parts("A man in a vest. (AP Photo/Peter Morlan, File)") == [
        ("AP", "supplier"),
        ("Peter Morlan", "person"),
    ]
    assert parts("Keystone-SDA/Reuters/AP/sb") == [
        ("Keystone-SDA", "supplier"),
        ("Reuters", "supplier"),
        ("AP", "supplier"),
    ]


def test_one_name_in_square_brackets_closing_a_caption_is_a_supplier():
    assert parts("A voter casts his ballot at a polling station [Kestrelpix]") == [("Kestrelpix", "supplier")]
    assert parts("[Stephen] Smith said the vote was fair.") == []  # an editor's brackets
    assert parts("The vote was fair [sic]") == []


def test_body_text_is_not_a_credit():
    assert parts("The joint Labour/Green ticket won the vote in the city.") == []
    assert parts("He said the photo was taken in May, and the image was shared widely.") == []


def test_credits_become_people_and_suppliers(nlp):
    analysis = to_analysis(
        "t",
        nlp(
            "Minister quits over budget row\n"
            "Ronald Verhage talks to reporters. Photo: Tamsin Orlov VNB\n"
            "Ronald Verhage said the budget was final.\n"
            "Credit: Kestrelpix\n"
        ),
    )
    types = {m.name: m.type for m in analysis.mentions}
    votes = analysis.type_votes()
    assert types.get("Tamsin Orlov") == "person"
    # suppliers the gazetteer does not know as news agencies: picture agencies, companies
    assert votes["VNB"].get("organization", 0) > votes["VNB"].get("outlet", 0)
    assert votes["Kestrelpix"].get("organization", 0) > votes["Kestrelpix"].get("person", 0)
    credited = {m.name for m in analysis.mentions if m.heading}  # counted, but never an edge
    assert {"Tamsin Orlov", "VNB", "Kestrelpix"} <= credited


def test_a_photographer_s_particles_and_a_lower_case_agency():
    assert parts("(Photo: Bernd von Jutrczenka/dpa)") == [
        ("Bernd von Jutrczenka", "person"),
        ("dpa", "supplier"),
    ]


def test_a_credit_part_opening_with_the_is_a_supplier():
    assert parts("Passengers waited. (The Ledger via AP)") == [("The Ledger", "supplier"), ("AP", "supplier")]


def test_a_credit_after_a_caption_s_dash():
    assert parts("Chaos reigns in the capital - JOSE MARTO/GETTY IMAGES") == [
        ("JOSE MARTO", "person"),
        ("GETTY IMAGES", "supplier"),
    ]
    assert parts("The joint Labour - Green/Left ticket won the seat.") == []


def test_a_supplier_ending_in_a_known_outlet_is_that_outlet_s_service(nlp):
    text = "Kevin McCarthy speaks to reporters. (Tom Williams/CQ Roll Call)"
    votes = to_analysis("t", nlp(text)).type_votes()
    assert votes["CQ Roll Call"].get("outlet", 0) > votes["CQ Roll Call"].get("organization", 0)


def test_a_credit_after_a_caption_s_last_sentence():
    caption = "Voters queue outside a polling station in Norvale. Tamo Revin/AFP/dpa"
    assert parts(caption) == [("Tamo Revin", "person"), ("AFP", "supplier"), ("dpa", "supplier")]
    assert parts("Pickets in the rain, 2023. Photographer: Ema Lorne/Bloomberg") == [
        ("Ema Lorne", "person"),
        ("Bloomberg", "supplier"),
    ]
    assert parts("Leaders met in the capital, 2023. THE DAILY LEDGER/Seth Karlo") == [
        ("THE DAILY LEDGER", "supplier"),
        ("Seth Karlo", "person"),
    ]
    assert parts("The Labour/Green ticket won. It said the 24/7 service would stay.") == []


def test_a_lower_case_agency_the_gazetteer_knows_is_a_mention(nlp):
    text = "Voters queue outside a polling station in Norvale. Tamo Revin/AFP/dpa\nThe count went on."
    types = {m.name: m.type for m in to_analysis("t", nlp(text)).mentions}
    assert types.get("dpa") == "outlet"
    assert types.get("Tamo Revin") == "person"


def test_a_photographer_credited_with_a_surname_in_capitals_is_a_person():
    text = "Protesters march in Paris. (Ludovic MARIN / AFP)"
    assert [(text[p.start : p.end], p.kind) for p in credit_parts(text)] == [
        ("Ludovic MARIN", "person"),
        ("AFP", "supplier"),
    ]


def test_the_press_association_s_credit_names_are_the_outlet(nlp):
    found = {
        m.name: m.type
        for m in to_analysis("t", nlp("Protesters in London. (Photo: Jonathan Brady/PA Wire)")).mentions
    }
    assert found == {"London": "place", "Jonathan Brady": "person", "PA Media": "outlet"}


def test_a_credit_label_in_capitals_and_a_source_line():
    assert parts("The sub before its dive. PHOTO: KESTRELPIX") == [("KESTRELPIX", "supplier")]
    assert parts("Voters have rejected the plan. Source: Norvale News") == [("Norvale News", "supplier")]


def test_a_credit_closing_on_a_year_names_a_supplier_after_its_photographer():
    assert parts("Residents wait for water. (Tamo Revin/Harbour Beat/2023)") == [
        ("Tamo Revin", "person"),
        ("Harbour Beat", "supplier"),  # after the photographer: never a second person
    ]
    assert parts("A man walks past the ruins. (AP Photo/Jae K. Morlan)") == [
        ("AP", "supplier"),
        ("Jae K. Morlan", "person"),  # an initial inside the name
    ]


def test_a_year_after_a_slash_is_its_own_token(nlp):
    names = {m.name for m in to_analysis("t", nlp("Residents wait. (Tamo Revin/Harbour Beat/2023)")).mentions}
    assert {"Tamo Revin", "Harbour Beat"} <= names
    assert [t.text for t in nlp("The line runs 24/7.")][3] == "24/7"


def test_a_credit_s_acronym_of_a_known_news_agency_is_that_agency(nlp):
    found = {m.name: m.type for m in to_analysis("t", nlp("Ilse Varga in London. (Tamo Revin/PA)")).mentions}
    assert found.get("PA Media") == "outlet"


def test_a_credit_part_opening_with_a_body_s_name_is_a_supplier(nlp):
    text = "The vessel was lost at sea (Harbourlock Voyages/PA)"
    assert credit_parts(text)[0].kind == "person"  # by shape alone, two capitalised words
    assert credit_parts(text, [(0, "Harbourlock AG")])[0].kind == "supplier"
    assert credit_parts(text, [(text.index("Harbourlock"), "Harbourlock Voyages")])[0].kind == "person"
    found = {
        m.name: m.type
        for m in to_analysis("t", nlp("Harbourlock AG said it would cut jobs.\n" + text)).mentions
    }
    assert found.get("Harbourlock Voyages") == "organization"
