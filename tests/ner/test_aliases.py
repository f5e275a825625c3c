"""Within-document alias resolution, on a handful of names at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ner.aliases import Candidate, resolve_document, spelling_variants


def keys(cands: list[Candidate]) -> list[str | None]:
    return [c.key for c in resolve_document(cands)]


def test_surname_joins_the_one_full_name_it_fits():
    assert (
        keys(
            [Candidate("Meng Wanzhou", "person"), Candidate("Meng", "person"), Candidate("Wanzhou", "place")]
        )
        == ["Meng Wanzhou"] * 3
    )


def test_place_tag_on_a_persons_surname_becomes_person():
    cands = resolve_document([Candidate("Michael Kovrig", "person"), Candidate("Kovrig", "place")])
    assert cands[1].type == "person" and cands[1].key == "Michael Kovrig"


def test_organisation_tag_on_a_person_becomes_person():
    cands = resolve_document([Candidate("Alison Murphy", "organization"), Candidate("Murphy", "person")])
    assert [c.type for c in cands] == ["person", "person"]
    assert cands[1].key == "Alison Murphy"


def test_ambiguous_short_form_is_left_unresolved():
    cands = [Candidate("Han Dong", "person"), Candidate("Han Tao", "person"), Candidate("Han", "person")]
    assert keys(cands)[2] is None


def test_ambiguous_short_form_resolved_by_role():
    tao = Candidate("Han Tao", "person")
    tao.extra_roles = {"consul", "general", "toronto"}
    cands = [
        Candidate("Han Dong", "person", role="Liberal MP"),
        tao,
        Candidate("Han", "person", role="Consul General"),
    ]
    assert keys(cands)[2] == "Han Tao"


def test_dong_is_not_han_tao():
    assert (
        keys([Candidate("Han Dong", "person"), Candidate("Han Tao", "person"), Candidate("Dong", "person")])[
            2
        ]
        == "Han Dong"
    )


def test_misspelling_joins_the_frequent_spelling():
    cands = [
        Candidate("Meng Wanzhou", "person"),
        Candidate("Meng Wanzhou", "person"),
        Candidate("Meng Wangzhou", "person"),
    ]
    assert keys(cands) == ["Meng Wanzhou"] * 3
    assert spelling_variants("Meng Wangzhou", "Meng Wanzhou")
    assert not spelling_variants("Han Dong", "Han Tao")
    assert not spelling_variants("John Smith", "Joan Smith")  # short words never fuzzy-merge


def test_acronym_joins_its_expansion():
    cands = [
        Candidate("Ministry of State Security", "agency"),
        Candidate("MSS", "organization"),
        Candidate("Rapid Response Mechanism Canada", "agency"),
        Candidate("RRM Canada", "organization"),
    ]
    assert keys(cands) == ["Ministry of State Security"] * 2 + ["Rapid Response Mechanism Canada"] * 2
    assert cands[1].type == "agency"


def test_head_word_joins_the_one_longer_name():
    cands = [Candidate("Wall Street Journal", "outlet"), Candidate("Journal", "outlet")]
    assert keys(cands) == ["Wall Street Journal"] * 2
    two = [
        Candidate("Global Times", "outlet"),
        Candidate("Hill Times", "outlet"),
        Candidate("Times", "outlet"),
    ]
    assert keys(two)[2] is None  # ambiguous: merged into neither, and no node "Times"


def test_a_companys_first_words_join_the_longer_name_before_them():
    cands = [
        Candidate("Harbourlock Paving Ltd", "organization"),
        Candidate("Harbourlock Paving", "organization"),
        Candidate("Harbourlock", "organization"),
    ]
    assert keys(cands) == ["Harbourlock Paving Ltd"] * 3
    # the short form first: a company and its product, not one name
    product = [Candidate("Quillon", "organization"), Candidate("Quillon Music", "organization")]
    assert keys(product) == ["Quillon", "Quillon Music"]
    # two bodies start so, or the longer one is another type: no join
    two = [
        Candidate("Harbourlock Paving", "organization"),
        Candidate("Harbourlock Energy", "organization"),
        Candidate("Harbourlock", "organization"),
    ]
    assert keys(two)[2] == "Harbourlock"
    platform = [Candidate("Quillon Music", "platform"), Candidate("Quillon", "organization")]
    assert keys(platform)[1] == "Quillon"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.sampled_from(["person", "agency", "outlet", "organization", "place"]),
        ),
        max_size=12,
    )
)
def test_resolution_never_crashes(items):
    cands = resolve_document([Candidate(name, kind) for name, kind in items])
    assert len(cands) == len(items)


def test_a_capitalised_particle_opens_a_surname_not_a_full_name():
    # "Le Marrec" is Colette Le Marrec's surname, however often it is written alone
    cands = [
        Candidate("Colette Le Marrec", "person"),
        Candidate("Le Marrec", "person"),
        Candidate("Le Marrec", "person"),
        Candidate("Al Gorton", "person"),
    ]
    assert keys(cands) == ["Colette Le Marrec", "Colette Le Marrec", "Colette Le Marrec", "Al Gorton"]


def test_a_full_name_typed_with_two_apostrophes_is_one_person():
    names = ["Reed O‘Connor", "Reed O'Connor", "O'Connor"]
    cands = [Candidate(name, "person") for name in names]
    resolve_document(cands)
    assert {c.key for c in cands} == {"Reed O‘Connor"}  # the surname is not left between two
