"""Subheads, bylines, credits and link lines name entities but relate none (ner.layout)."""

from __future__ import annotations

from graph.aggregate import build_graph
from ner.layout import is_heading_line
from ner.pipeline import to_analysis


def mention_types(nlp, text: str) -> dict[str, str]:
    """``{name: type}`` of the mentions one document gives ``text``."""
    return {m.name: m.type for m in to_analysis("t", nlp(text)).mentions}


ARTICLE = (
    "Markus Braun And Jan Marsalek\n"
    "Markus Braun ran the company for years. Jan Marsalek fled in June.\n"
    "Photo: Lena Vogt/Reuters\n"
    "By Tessa Marsh, Courier reporter\n"
    "Prosecutors said Markus Braun misled investors.\n"
)


def test_heading_lines_are_told_by_their_shape():
    assert is_heading_line(
        ["In", "a", "turtleneck", "sweater"], ["IN", "DT", "NN", "NN"], "In a turtleneck sweater"
    )
    assert is_heading_line(["Read", "more", ":", "X"], ["VB", "JJR", ":", "NNP"], "Read more: X")
    assert not is_heading_line(["Braun", "spoke", "."], ["NNP", "VBD", "."], "Braun spoke.")
    # a caption's label needs its mark: a bank called "Credit …" opens body text
    line = "Credit Suisse Chairman Axel Lehmann called the deal a turning point"
    words = line.split()
    assert not is_heading_line(
        words, ["NNP", "NNP", "NNP", "NNP", "NNP", "VBD", "DT", "NN", "DT", "VBG", "NN"], line
    )
    assert is_heading_line(["Credit", ":", "Belga"], ["NN", ":", "NNP"], "Credit: Belga")


def test_mentions_on_heading_lines_count_but_make_no_edge(nlp):
    analysis = to_analysis("d", nlp(ARTICLE))
    on_heading = {(m.name, m.heading) for m in analysis.mentions}
    assert ("Jan Marsalek", True) in on_heading and ("Jan Marsalek", False) in on_heading
    assert ("Lena Vogt", True) in on_heading and ("Tessa Marsh", True) in on_heading
    G, _ = build_graph([analysis], {"d": {}})
    braun, marsalek = "person:markus-braun", "person:jan-marsalek"
    assert G.nodes[marsalek]["mentions"] == 2  # the subhead's mention counts
    for layer in ("co-mention", "assertion"):  # but relates nothing (line 2 links them by paragraph)
        assert not G.has_edge(braun, marsalek, layer) and not G.has_edge(marsalek, braun, layer)
    vogt = "person:lena-vogt"
    assert vogt in G and G.degree(vogt) == 0


def test_the_site_after_a_headline_is_an_outlet(nlp):
    analysis = to_analysis(
        "d", nlp("Wirecard ex-CEO Braun denies all charges | Manila Bulletin\nBraun spoke.\n")
    )
    assert ("Manila Bulletin", "outlet") in {(m.name, m.type) for m in analysis.mentions}
    # a clause closing a headline is no site
    text = (
        "Harbourlock Still Isn't Paying Its Founder the Promised Bonus — Here's Why\nHarbourlock said so.\n"
    )
    assert "outlet" not in {m.type for m in to_analysis("d", nlp(text)).mentions}


def test_a_name_read_only_in_a_headline_or_subhead_is_not_an_entity(nlp):
    text = (
        "MI5 Wrong to Issue Agent Warning, Christine Lee Tells Tribunal\n"
        "Amy Gibbons\n"
        "Christine Lee said on Monday the warning was unlawful.\n"
        "Markus Braun ran the company for years. Jan Marsalek fled in June.\n"
        "Fugitive Mastermind\n"
        "Jan Marsalek fled in June.\n"
        "— Joanna Wisniewska, Head of Cyber Operations at Europol\n"
        "by Mark Fitt Political Journalist\n"
    )
    analysis = to_analysis("d", nlp(text))
    names = {m.name for m in analysis.mentions}
    assert "Christine Lee" in names  # the body names her too
    assert not {"MI5 Wrong", "Fugitive Mastermind"} & names
    assert {"Amy Gibbons", "Joanna Wisniewska", "Mark Fitt"} <= names  # bylines and signatures


def test_a_title_case_deck_is_a_heading_however_long():
    deck = "The Verland Court's Liquidation Order Marks a New Phase in Verland's Real Estate Debt Crisis"
    words = deck.split()
    assert is_heading_line(words, ["NNP"] * len(words), deck)
    sentence = "The court's liquidation order marks a new phase in the country's real estate debt crisis"
    assert not is_heading_line(sentence.split(), ["NN"] * len(sentence.split()), sentence)


def test_a_byline_names_people_whatever_the_model_tagged(nlp):
    # the model reads "Joost H" as an organisation and leaves the other names untagged
    headline = "UEFA, FIFA breached EU law on Super League, top court rules\n"
    lead = "The clubs had been threatened with sanctions by UEFA if they went ahead with the plan\n"
    body = "UEFA and FIFA contravened EU law, the court said on Thursday.\n"
    by_line = mention_types(nlp, headline + "By Joost H Meijer\n" + body)
    assert by_line.get("Joost H Meijer") == "person"
    block = mention_types(nlp, headline + lead + "Joost H Meijer\nRohan Naidu\nReuters\n" + body)
    assert block.get("Joost H Meijer") == "person"
    assert block.get("Rohan Naidu") == "person"
