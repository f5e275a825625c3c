"""Long texts are parsed in paragraph pieces and joined: same offsets, one document."""

from __future__ import annotations

from ner.pipeline import paragraph_chunks, parse, to_analysis

ARTICLE = (
    "Prosecutors charge former chief\n"
    "Markus Braun, the former chief executive of Wirecard, was charged in Munich on Tuesday.\n"
    "The prosecutors said the payments company had inflated its revenue for years.\n"
    "Jan Marsalek, his deputy, fled to Belarus in June and is still missing.\n"
    "Braun denied any wrongdoing through his lawyer, Alfred Dierlamm.\n"
    "“My client did not know of the fraud,” Dierlamm told Reuters on Wednesday.\n"
)


def test_pieces_join_back_into_the_text():
    text = ARTICLE * 3 + "x" * 500 + ". " + "y" * 300
    pieces = paragraph_chunks(text, 200)
    assert "".join(pieces) == text
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:5])  # cut at line ends where it can be


def test_a_text_parsed_in_pieces_is_one_document_with_the_same_offsets(nlp):
    whole = to_analysis("w", nlp(ARTICLE))
    pieces = to_analysis("p", parse(nlp, ARTICLE, chunk_chars=120))
    for m in pieces.mentions:
        assert ARTICLE[m.start : m.end] == m.text
    names = {(m.key, m.type) for m in pieces.mentions if m.key}
    assert {("Markus Braun", "person"), ("Alfred Dierlamm", "person")} <= names
    braun = [m for m in pieces.mentions if m.text == "Braun"]
    assert braun and braun[0].key == "Markus Braun"  # a surname resolves across pieces
    said = {(a.speaker, a.verb) for a in pieces.assertions}
    assert ("Alfred Dierlamm", "tell") in said
    assert len(pieces.sentences) == len(whole.sentences)
