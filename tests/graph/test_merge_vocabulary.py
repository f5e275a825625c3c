"""The indexed merge passes give exactly what the plain (quadratic) rules give."""

from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.resolve import (
    GlobalEntity,
    full_person_names,
    group_key,
    merge_entities,
    merge_vocabulary,
    shorter_forms,
    slug,
)
from graph.schema import DEFINES, MENTIONS
from ner.aliases import spelling_variants
from ner.cleanup import initials_variants, is_acronym

#: Names that are spelling variants, lone parts, acronyms and expansions of each other.
NAMES = (
    "Meng Wanzhou",
    "Meng Wangzhou",
    "Meng Wanzou",
    "Meng Wanzhouu",
    "Mengg Wanzhou",
    "Meng",
    "Wanzhou",
    "Han Dong",
    "Han Tao",
    "Hans Dong",
    "Han Donge",
    "Han",
    "Dong",
    "Michael Kovrig",
    "Michael Kovrik",
    "Michel Kovrig",
    "Michael Spavor",
    "Michael Spavorr",
    "Michael",
    "Kovrig",
    "Anna Maria Kovrig",
    "Anna Marie Kovrig",
    "Canadian Security Intelligence Service",
    "CSIS",
    "C.S.I.S.",
    "Ministry of State Security",
    "Ministry of Social Security",
    "MSS",
    "National Crime Agency",
    "National Cyber Agency",
    "NCA",
    "the National Crime Agency",
    "Security and Intelligence Threats to Elections Task Force",
    "SITE",
    "SITETF",
    "Northgate Paving",
    "Northgate Paving Ltd",
    "NORTHGATE PAVING LTD.",
    "Northgate",
    "Jenni Hermoso",
    "Jennifer Hermoso",
    "Jennifer Hermosa",
    "Hermoso",
    "Anna Kovrig",
    "Maria Kovrig",
    "Enter Matt Gaetz",
    "Matt Gaetz",
    "Gaetz",
    "MI5",
    "Security Service",
    "BaFin",
    "Federal Financial Supervisory Authority",
    "King Tamo III",
    "King Tamo",
)
#: Other names documents give a key's body (:data:`graph.schema.DEFINES`).
DEFINED = ("security service", "mi5", "bafin", "federal financial supervisory authority", "han dong", "csis")
TYPES = ("person", "agency", "organization", "outlet", "place")


def reference_merge(vocabulary: dict[str, dict[str, int]]) -> dict[str, str]:
    """The merge rules as first written: every pass compares all pairs."""
    groups: dict[str, GlobalEntity] = defaultdict(GlobalEntity)
    for key in sorted(vocabulary):
        g = groups[group_key(key)]
        for kind, count in vocabulary[key].items():
            if kind == MENTIONS:
                g.names[key] += count
            elif kind.startswith(DEFINES):
                g.defines[kind[1:]] += count
            else:
                g.types[kind] += count
        g.names[key] += 0
        g.keys.add(key)
    groups = dict(sorted(groups.items()))

    def absorb(source: str, target: str) -> None:
        groups[target].absorb(groups.pop(source))

    people = sorted(full_person_names(groups), key=lambda k: (-groups[k].count, k))
    for i, rare in reversed(list(enumerate(people))):
        for frequent in people[:i]:
            if frequent in groups and rare in groups and spelling_variants(rare, frequent):
                absorb(rare, frequent)
                break
    short = [k for k, g in groups.items() if g.type == "person" and len(k.split()) == 2]
    long_names = [k for k, g in groups.items() if g.type == "person" and len(k.split()) > 2]
    fits = {name: [k for k in short if k in shorter_forms(name)] for name in long_names}
    for name, targets in fits.items():
        others = [n for n in long_names if n != name and set(fits[n]) & set(targets)]
        if targets and not others:
            first, *rest = sorted(targets, key=lambda k: (-groups[k].count, k))
            for t in rest:
                absorb(t, first)
            absorb(name, first)
    full = sorted(full_person_names(groups))
    for key in [k for k, g in groups.items() if g.type == "person" and " " not in k]:
        fits = [f for f in full if key in (f.split()[0], f.split()[-1])]
        if len(fits) == 1:
            absorb(key, fits[0])
    bodies = [k for k, g in groups.items() if g.type not in ("person", "place")]
    component = {k: {k} for k in bodies}
    for a in bodies:
        for b in bodies:
            if a != b and groups[a].defines.keys() & {group_key(k) for k in groups[b].keys}:
                joined = component[a] | component[b]
                for k in joined:
                    component[k] = joined
    for members in {frozenset(c) for c in component.values() if len(c) > 1}:
        first, *others = sorted(members, key=lambda k: (-groups[k].count, k))
        for other in others:
            absorb(other, first)
    for key in list(groups):
        label = groups[key].label if key in groups else ""
        if not label or " " in label or not is_acronym(label) or groups[key].type == "person":
            continue
        acronym = label.replace(".", "").upper()
        fits = [
            k
            for k, g in groups.items()
            if k != key
            and len(g.label.split()) > 1
            and acronym in initials_variants(g.label)
            and g.type != "person"
        ]
        if len(fits) == 1:
            absorb(key, fits[0])
    ids, used = {}, set()
    for g in sorted(groups.values(), key=lambda g: (-g.count, g.label)):
        node, n = f"{g.type}:{slug(g.label)}", 2
        while node in used:
            node, n = f"{g.type}:{slug(g.label)}-{n}", n + 1
        used.add(node)
        ids.update(dict.fromkeys(g.keys, node))
    return ids


vocabularies = st.dictionaries(
    st.sampled_from(NAMES),
    st.tuples(
        st.integers(1, 4),
        st.dictionaries(st.sampled_from(TYPES), st.integers(1, 6), min_size=1, max_size=2),
        st.dictionaries(st.sampled_from([DEFINES + d for d in DEFINED]), st.integers(1, 2), max_size=1),
    ).map(lambda mvd: {MENTIONS: mvd[0], **mvd[1], **mvd[2]}),
    max_size=len(NAMES),
)


@settings(max_examples=400, deadline=None)
@given(vocabularies)
def test_indexed_merge_equals_the_plain_rules(vocabulary):
    assert merge_vocabulary(vocabulary) == reference_merge(vocabulary)


@settings(max_examples=100, deadline=None)
@given(vocabularies, st.randoms(use_true_random=False))
def test_merge_does_not_depend_on_order(vocabulary, rng):
    keys = list(vocabulary)
    rng.shuffle(keys)
    assert merge_vocabulary({k: vocabulary[k] for k in keys}) == merge_vocabulary(vocabulary)


def test_merge_entities_sums_documents_into_the_vocabulary():
    local = {
        ("d1", "Meng Wanzhou"): ("person", 3),
        ("d2", "Meng Wangzhou"): ("person", 1),
        ("d2", "Meng"): ("person", 2),
        ("d3", "CSIS"): ("agency", 1),
        ("d3", "Canadian Security Intelligence Service"): ("agency", 1),
    }
    ids = merge_entities(local)
    assert {ids[k] for k in local if k[1].startswith("Meng")} == {"person:meng-wanzhou"}
    assert ids[("d3", "CSIS")] == ids[("d3", "Canadian Security Intelligence Service")]
    vocabulary: dict[str, Counter] = defaultdict(Counter)
    for (_, key), (kind, count) in local.items():
        vocabulary[key].update({MENTIONS: count, kind: count})
    assert {(d, k): merge_vocabulary(vocabulary)[k] for d, k in local} == ids


def test_a_monarch_s_number_is_the_same_person():
    vocabulary = {
        "King Tamo III": Counter({MENTIONS: 1, "person": 2}),
        "King Tamo": Counter({MENTIONS: 3, "person": 6}),
        "King Tamo Revin": Counter({MENTIONS: 1, "person": 2}),
    }
    ids = merge_vocabulary(vocabulary)
    assert ids["King Tamo III"] == ids["King Tamo"] == "person:king-tamo"
    assert shorter_forms("Pope Leo XIV") == {"pope leo"}


def test_a_country_s_initials_and_british_spelling_key_the_same_body():
    assert group_key("United States Steel Corp") == group_key("U.S. Steel") == group_key("US Steel")
    assert group_key("United Kingdom Border Agency") == group_key("UK Border Agency")
    assert group_key("Defence Ministry") == group_key("Defense Ministry")
    assert group_key("Labour Party") != group_key("Labor Party")  # two parties, not two spellings
