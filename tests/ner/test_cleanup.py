"""Mention cleanup rules, each on a tiny input, plus property tests on arbitrary Unicode."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ner.cleanup import clean_mention, initials, is_acronym, match_key, split_title, tidy


@pytest.mark.parametrize(
    ("raw", "name", "role"),
    [
        ("Meng Wanzhou’s", "Meng Wanzhou", None),
        ("Meng Wanzhou's", "Meng Wanzhou", None),
        ("Huawei CFO Meng Wanzhou", "Meng Wanzhou", "Huawei CFO"),
        ("Ms. Meng", "Meng", "Ms."),
        ("Liberal MP Han Dong", "Han Dong", "Liberal MP"),
        ("Prime Minister Justin Trudeau", "Justin Trudeau", "Prime Minister"),
        ("Consul General Han", "Han", "Consul General"),
        ("PMO spokesperson Alison Murphy", "Alison Murphy", "PMO spokesperson"),
        ("former Liberal cabinet minister John McCallum", "John McCallum", "former Liberal cabinet minister"),
        ("Justin Trudeau’s Liberals", "Justin Trudeau", None),
        ("the Journal", "Journal", None),
    ],
)
def test_person_cleanup(raw: str, name: str, role: str | None):
    cleaned = clean_mention(raw, is_person=True)
    assert (cleaned.name, cleaned.role) == (name, role)


def test_titles_are_not_stripped_from_organisations():
    assert clean_mention("General Motors").name == "General Motors"
    assert clean_mention("the Wall Street Journal’s").name == "Wall Street Journal"


def test_display_keeps_curly_apostrophes_but_matching_folds_them():
    assert clean_mention("Erin O’Toole", is_person=True).name == "Erin O’Toole"
    assert match_key("Erin O’Toole") == match_key("erin o'toole")
    assert match_key("Marie-Josée Hogue") == match_key("MARIE-JOSEE HOGUE")


def test_title_alone_is_not_a_name():
    assert split_title("Prime Minister").name == "Prime Minister"


def test_acronyms_and_initials():
    assert initials("Ministry of State Security") == "MSS"
    assert initials("Prime Minister’s Office") == "PMO"
    assert is_acronym("CSIS") and is_acronym("U.S.") and not is_acronym("Canada")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleanup_never_crashes_and_is_idempotent(text: str):
    cleaned = clean_mention(text, is_person=True)
    assert isinstance(cleaned.name, str)
    assert tidy(tidy(text)) == tidy(text)
    match_key(text)
    initials(text)


def test_a_title_in_capitals_is_a_title_only_where_titles_are_written_so():
    assert split_title("DR Congo").role is None  # the Democratic Republic, not a doctor
    assert split_title("MR Smith").role is None
    assert split_title("Dr Congo").role == "Dr"
    assert split_title("DR. JOHN SMITH").role == "DR."  # a line in capitals
    assert split_title("Huawei CFO Meng Wanzhou").role == "Huawei CFO"


def test_an_editors_brackets_are_not_part_of_a_name():
    cleaned = clean_mention("High Commissioner [Stephen] Smith", is_person=True)
    assert (cleaned.name, cleaned.role) == ("Stephen Smith", "High Commissioner")
    assert match_key("[Stephen] Smith") == match_key("Stephen Smith")
