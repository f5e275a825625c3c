"""The gazetteer's data: well-formed, one entry per name, no common words."""

from __future__ import annotations

from collections import defaultdict

from ner import gazetteer
from ner.cleanup import match_key

TYPES = {"outlet", "agency", "platform", "organization"}


def test_every_name_belongs_to_one_entry():
    owners = defaultdict(set)
    for entry in gazetteer.entries():
        assert entry.type in TYPES and entry.name.strip() == entry.name
        for name in entry.names:
            owners[match_key(name)].add(entry.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_name_is_a_common_word_a_title_case_headline_would_hold():
    """Names match exact-case, so a one-word name must not be an English word a headline or a
    sentence start capitalises ("Time", "Wired", "Fortune", "Mint")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    common = STOP_WORDS | {"time", "wired", "fortune", "mint", "metro", "express", "mirror", "star", "nation"}
    for entry in gazetteer.entries():
        for name in entry.names:
            if " " not in name and not name.isupper():
                assert name.lower() not in common, name


def test_a_known_news_agency_in_a_credit_is_an_outlet(nlp):
    from ner.pipeline import to_analysis

    analysis = to_analysis("t", nlp("Strikers marched in Lagos. Photo: Ada Obi/News Agency of Nigeria"))
    assert {m.name: m.type for m in analysis.mentions}.get("News Agency of Nigeria") == "outlet"
