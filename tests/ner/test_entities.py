"""Entity typing and cleanup through the real pipeline, one small inline text per rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.resolve import merge_entities
from ner.entities import type_by_words
from ner.pipeline import to_analysis


def entities(nlp, text: str) -> dict[str, str]:
    """``{key: type}`` for the resolved entities of ``text``."""
    return dict(to_analysis("t", nlp(text)).entity_types)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ministry of Public Security", "agency"),
        ("Royal Thai Police", "agency"),
        ("Foreign Interference Commission", "agency"),
        ("Elections Task Force", "agency"),
        ("Chinese Embassy", "agency"),
        ("Toronto Consulate", "agency"),
        ("Hill Times", "outlet"),
        ("Baltimore Sun", "outlet"),
        ("Kyiv Post", "outlet"),
        ("Sydney Morning Herald", "outlet"),
        ("Green Party", "organization"),
        ("Acme Holdings", "organization"),
        ("Harvard University", "organization"),
    ],
)
def test_head_words_type_organisations(name: str, kind: str):
    assert type_by_words(name, "organization") == kind


def test_gazetteer_overrides_the_models_label(nlp):
    found = entities(nlp, "Videos spread on Douyin and WeChat, Xinhua and the Global Times reported.")
    assert found.get("Douyin") == "platform" and found.get("WeChat") == "platform"
    assert found.get("Xinhua") == "outlet" and found.get("Global Times") == "outlet"


def test_longer_entity_is_not_cut_down_to_a_gazetteer_alias(nlp):
    found = entities(nlp, "Jonah wrote a report for the UN Human Rights Council in September 2021.")
    assert "UN Human Rights Council" in found and "United Nations" not in found


def test_a_name_that_is_a_person_elsewhere_is_a_person(nlp):
    found = entities(
        nlp,
        "Michael Kovrig was detained in 2018. Kovrig said he was innocent. "
        "Officials in Beijing questioned Kovrig for months.",
    )
    assert found == {k: v for k, v in found.items() if k != "Kovrig"}  # no separate "Kovrig" node
    assert found["Michael Kovrig"] == "person"


def test_titles_and_possessives_are_stripped_and_surnames_join(nlp):
    analysis = to_analysis(
        "t", nlp("Huawei CFO Meng Wanzhou’s lawyers met the judge. Ms. Meng did not speak.")
    )
    keys = {m.text: m.key for m in analysis.mentions}
    assert keys["Huawei CFO Meng Wanzhou"] == "Meng Wanzhou"
    assert keys["Meng"] == "Meng Wanzhou"
    roles = {m.role for m in analysis.mentions if m.key == "Meng Wanzhou"}
    assert "Huawei CFO" in roles


def test_conjoined_people_are_split(nlp):
    analysis = to_analysis(
        "t", nlp("Han Dong met Han Tao in Toronto. Later Dong and Consul General Han spoke again.")
    )
    keys = {m.key for m in analysis.mentions}
    assert {"Han Dong", "Han Tao"} <= keys
    assert not any("and" in (k or "").split() for k in keys)


def test_adjectives_and_bare_titles_are_not_entities(nlp):
    found = entities(nlp, "Liberal candidates met the CFO. Uncorroborated reporting says otherwise.")
    assert not {"Liberal", "CFO", "Uncorroborated"} & set(found)


def test_acronym_defined_in_parentheses_joins_expansion(nlp):
    found = entities(
        nlp, "The National Crime Agency (NCA) opened a case. The NCA said it would report in May."
    )
    assert found.get("National Crime Agency") == "agency" and "NCA" not in found


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["d1", "d2", "d3"]), st.text(min_size=1, max_size=25)),
        st.tuples(
            st.sampled_from(["person", "agency", "outlet", "organization", "place"]), st.integers(1, 9)
        ),
        max_size=20,
    )
)
def test_corpus_merging_never_crashes_and_maps_everything(local):
    ids = merge_entities(local)
    assert set(ids) == set(local)
    assert all(isinstance(v, str) and ":" in v for v in ids.values())
