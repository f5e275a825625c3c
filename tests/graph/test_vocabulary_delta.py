"""A vocabulary delta merged through the store's link tables equals the merge of the whole vocabulary."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.resolve import VocabularyMerge, family, group_key, merge_all, merge_delta, merge_vocabulary
from graph.schema import DEFINES, MENTIONS, UNQUALIFIED, WEAK
from graph.store import Store, VocabularyTables, write_vocabulary
from tests.graph.test_merge_vocabulary import NAMES, TYPES

#: Besides the tricky names: slugs that collide ("han-dong"), ones that are others' numbered ids, a
#: spelling variant in the first two letters, a third expansion of MSS and of NCA, an expansion of
#: CSIS that is not one of CSI (so CSI, joined first, can take the other one out of CSIS's way).
POOL = (
    *NAMES,
    *("Han.Dong", "Han Dong 2", "Han Dong 2 2", "MEng", "Anna Maria", "Spavor", "Meng Vanzhou"),
    *("Ministry of Sport and Security", "National Coal Authority", "NC", "CSI"),
    "Canadian Society for Interstellar Studies",
)
#: Fewer names, so that the examples often hold the few that interact.
SMALL_POOLS = (
    ("Han Dong", "Han.Dong", "Han Dong 2", "Han Dong 2 2", "Han", "Hans Dong", "Dong"),
    ("Michael Kovrig", "Michael Kovrik", "Michael Spavor", "Michael", "Kovrig", "Spavor", "Michel Kovrig"),
    ("Meng Wanzhou", "Meng Vanzhou", "Meng Wanzhouu", "Meng Wangzhou", "Meng", "Wanzhou"),
    (
        *("Canadian Security Intelligence Service", "Canadian Society for Interstellar Studies"),
        *("CSIS", "C.S.I.S.", "CSI", "Ministry of State Security", "Ministry of Social Security"),
        *("Ministry of Sport and Security", "MSS"),
    ),
    ("National Crime Agency", "National Cyber Agency", "National Coal Authority", "NCA", "NC", "MSS"),
    # longer forms of a two-word name (middle names, a glued word), two of them, lone names
    (
        *("Christine Lee", "Christine Ching Kui Lee", "Christine Kui Lee", "Kui Lee", "Christine Li"),
        *("Enter Matt Gaetz", "Matt Gaetz", "Matt Gaets", "Gaetz", "Lee", "Christine"),
        *("King Tamo III", "King Tamo"),
    ),
    # bodies named with a place before them: one giver joins, two leave the short name alone
    (
        *("Swiss Federal Council", "Federal Council", "Swiss National Bank", "Saudi National Bank"),
        *("National Bank", "SNB", "Federal Council Ltd", "Fred Council"),
    ),
    # names a document gives one body, joined across the corpus (chains, acronyms, a person)
    (
        *("MI5", "Security Service", "Security Service Ltd", "SS", "Secret Service", "BaFin"),
        *("Federal Financial Supervisory Authority", "FFSA", "Felix Hufeld", "Hufeld"),
    ),
)

Vocabulary = dict[str, Counter]


def definitions(pool: tuple[str, ...], least: int) -> st.SearchStrategy[dict[str, int]]:
    """At most one other name a document gave the key's body (:data:`graph.schema.DEFINES`),
    outright or with a place before it (:data:`graph.schema.UNQUALIFIED`)."""
    names = sorted({DEFINES + prefix + group_key(n) for n in pool for prefix in ("", UNQUALIFIED)})
    return st.dictionaries(st.sampled_from(names), st.integers(least, 2), max_size=1)


def vocabularies(pool: tuple[str, ...]) -> st.SearchStrategy[Vocabulary]:
    votes = st.dictionaries(st.sampled_from(TYPES), st.integers(1, 4), min_size=1, max_size=2)
    counts = st.tuples(votes, definitions(pool, 1), st.booleans())
    return st.dictionaries(st.sampled_from(pool), counts, max_size=len(pool)).map(
        lambda v: {k: Counter({**with_mentions(c), **d, **weakly(c, w)}) for k, (c, d, w) in v.items()}
    )


def weakly(votes: Mapping[str, int], weak: bool) -> dict[str, int]:
    """Every mention weak (:data:`graph.schema.WEAK`): the key alone makes no entity."""
    return {WEAK: sum(votes.values())} if weak and votes else {}


def with_mentions(votes: Mapping[str, int]) -> dict[str, int]:
    """Type votes with the mentions that cast them (one vote each, as ``ner`` casts at least)."""
    return {MENTIONS: sum(votes.values()), **votes} if votes else {}


def patches(pool: tuple[str, ...]) -> st.SearchStrategy[dict[str, dict[str, int]]]:
    """New counts for a few keys (all zero: the key goes, or stays as it was)."""
    votes = st.dictionaries(st.sampled_from(TYPES), st.integers(0, 4), max_size=2).map(with_mentions)
    counts = st.tuples(votes, definitions(pool, 0)).map(
        lambda vd: {**vd[0], **vd[1]} if +Counter(vd[0]) else vd[0]
    )
    return st.dictionaries(st.sampled_from(pool), counts, min_size=1, max_size=4)


def histories(max_steps: int) -> st.SearchStrategy[tuple[Vocabulary, list[dict]]]:
    """A vocabulary and the patches applied to it in turn, all over one pool of names."""
    return st.sampled_from((POOL, *SMALL_POOLS)).flatmap(
        lambda pool: st.tuples(vocabularies(pool), st.lists(patches(pool), min_size=1, max_size=max_steps))
    )


@contextmanager
def store(vocabulary: Mapping[str, Counter]) -> Iterator[Store]:
    """A real store whose vocabulary tables hold a full build's merge of ``vocabulary``."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db", create=True) as s:
        with s.transaction() as db:
            write_vocabulary(db, merge_all(vocabulary))
        yield s


def apply(vocabulary: Vocabulary, patch: Mapping[str, Mapping[str, int]]) -> tuple[Vocabulary, dict]:
    """The patched vocabulary and the delta between the two (as documents would give it)."""
    new = dict(vocabulary)
    delta = {}
    for key, given_counts in patch.items():
        if MENTIONS not in given_counts:
            given_counts = with_mentions(given_counts)
        after = +Counter(given_counts)
        delta[key] = Counter(after)
        delta[key].subtract(vocabulary.get(key, Counter()))
        if after:
            new[key] = after
        else:
            new.pop(key, None)
    return new, delta


def tables(s: Store) -> tuple[dict, set]:
    vocabulary = {k: (types, node) for k, types, node in s.db.execute("SELECT * FROM vocabulary")}
    return vocabulary, set(s.db.execute("SELECT rel, key FROM vocabulary_links"))


def check_step(s: Store, old: Vocabulary, new: Vocabulary, merged: VocabularyMerge) -> None:
    """The merged delta's nodes, moved keys and written tables are those of a full merge."""
    want = merge_vocabulary(new)
    old_ids = merge_vocabulary(old)
    assert {k: merged.ids[k] for k in new} == want
    assert dict(merged.ids) == want and len(merged.ids) == len(want)
    for key in old.keys() - new.keys():
        with pytest.raises(KeyError):
            merged.ids[key]
    assert merged.moved == {k for k in old.keys() | new.keys() if old_ids.get(k) != want.get(k)}
    with s.transaction() as db:
        write_vocabulary(db, merged)
    full = merge_all(new)
    assert tables(s) == ({k: row for k, row in full.rows.items()}, full.link)


@settings(max_examples=400, deadline=None)
@given(histories(6))
def test_local_merge_equals_the_whole_merge(history):
    vocabulary, steps = history
    with store(vocabulary) as s:
        for patch in steps:
            new, delta = apply(vocabulary, patch)
            merged = merge_delta(VocabularyTables(s.db), delta, max_share=None)
            assert not merged.whole
            check_step(s, vocabulary, new, merged)
            vocabulary = new


@settings(max_examples=40, deadline=None)
@given(histories(3))
def test_a_part_too_large_merges_the_whole_vocabulary(history):
    vocabulary, steps = history
    with store(vocabulary) as s:
        for patch in steps:
            new, delta = apply(vocabulary, patch)
            merged = merge_delta(VocabularyTables(s.db), delta, max_share=0.0)
            assert merged.whole and merged.merged == len(new.keys() | vocabulary.keys() | delta.keys())
            check_step(s, vocabulary, new, merged)
            vocabulary = new


def vocab(**names: int) -> Vocabulary:
    return {
        name.replace("_", " "): Counter(with_mentions({"person": count})) for name, count in names.items()
    }


def test_a_delta_reads_only_the_names_it_can_move():
    """Unrelated names are neither read nor merged again; related ones are."""
    vocabulary = {
        **vocab(Meng_Wanzhou=5, Meng_Wangzhou=1, Meng=2, Michael_Kovrig=4, Michael_Spavor=3, Michael=2),
        "Canadian Security Intelligence Service": Counter(with_mentions({"agency": 2})),
        "CSIS": Counter(with_mentions({"agency": 3})),
    }
    with store(vocabulary) as s:
        new, delta = apply(vocabulary, {"Meng Wangzhou": {"person": 9}})  # now the most used spelling
        merged = merge_delta(VocabularyTables(s.db), delta, max_share=None)
        assert merged.merged == 3  # the Meng names only
        assert merged.moved == {"Meng Wanzhou", "Meng Wangzhou", "Meng"}
        check_step(s, vocabulary, new, merged)


def test_a_lone_name_joins_a_full_name_outside_the_delta():
    """Michael fitted two full names; one goes, and Michael joins the other, which the delta never named."""
    vocabulary = vocab(Michael_Kovrig=4, Michael_Spavor=3, Michael=2, Kovrig=1)
    with store(vocabulary) as s:
        assert merge_vocabulary(vocabulary)["Michael"] == "person:michael"
        new, delta = apply(vocabulary, {"Michael Spavor": {}})
        merged = merge_delta(VocabularyTables(s.db), delta, max_share=None)
        assert merged.ids["Michael"] == merged.ids["Kovrig"] == "person:michael-kovrig"
        check_step(s, vocabulary, new, merged)


def test_ids_are_numbered_again_in_the_family_the_delta_touches():
    """A new, more mentioned "Han Dong" takes the plain id; "Han.Dong" moves to -2, which was "Han Dong 2"'s.

    So "Han Dong 2" moves to -2-2: ids collide across slugs, within a family.
    """
    vocabulary = {
        "Han.Dong": Counter(with_mentions({"person": 3})),
        "Han Dong 2": Counter(with_mentions({"person": 1})),
        "CSIS": Counter(with_mentions({"agency": 1})),
    }
    with store(vocabulary) as s:
        new, delta = apply(vocabulary, {"Han Dong": {"person": 5}})
        merged = merge_delta(VocabularyTables(s.db), delta, max_share=None)
        assert {k: merged.ids[k] for k in new} == {
            "Han Dong": "person:han-dong",
            "Han.Dong": "person:han-dong-2",
            "Han Dong 2": "person:han-dong-2-2",
            "CSIS": "agency:csis",
        }
        assert merged.merged == 3
        check_step(s, vocabulary, new, merged)


def test_family_strips_every_collision_suffix():
    assert family("org:route-66-2") == family("org:route") == "org:route"
    assert family("person:meng-wanzhou") == "person:meng-wanzhou"


def test_an_acronym_joined_before_takes_its_name_out_of_a_later_acronym_s_way():
    """CSI joins the Service first and gives it its label, so CSIS has one name left: the Studies.

    Neither expansion is one that never changes, so a delta on CSIS alone must read both.
    """
    vocabulary = {
        "Canadian Security Intelligence Service": Counter(with_mentions({"agency": 1})),
        "Canadian Society for Interstellar Studies": Counter(with_mentions({"organization": 1})),
        "CSI": Counter(with_mentions({"agency": 5})),
        "CSIS": Counter(with_mentions({"agency": 1})),
    }
    ids = merge_vocabulary(vocabulary)
    assert ids["CSI"] == ids["Canadian Security Intelligence Service"] == "agency:csi"
    assert ids["CSIS"] == ids["Canadian Society for Interstellar Studies"]
    with store(vocabulary) as s:
        new, delta = apply(vocabulary, {"CSIS": {"agency": 3}})
        merged = merge_delta(VocabularyTables(s.db), delta, max_share=None)
        assert merged.merged == 4
        check_step(s, vocabulary, new, merged)
