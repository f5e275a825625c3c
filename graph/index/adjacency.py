"""A compact integer adjacency of the stored graph, for searches that must not load it.

The build writes it into the store (table ``adjacency``: one raw array per row,
read back with :func:`numpy.frombuffer`; nothing is ever unpickled) in the same
transaction as the graph tables, so it can never be stale. Node ``i`` is the
entity whose ``idx`` is ``i``. Every layer edge appears twice, once from each
end, so the arrays are a CSR matrix over the undirected view that
:func:`graph.query.paths.evidence_view` builds: ``neighbour[indptr[i]:indptr[i + 1]]``
are the ends of node ``i``'s links, with each link's ``layer``, ``corroboration``
and ``outlets`` alongside. A breadth-first search over a million links then
takes tens of milliseconds, and only the few links on the paths found are read
in full from the ``edges`` table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields

import numpy as np

from graph.filters import LinkFilter
from graph.index.rows import IndexedRows
from graph.schema import ASSERTION, CO_MENTION, DOCUMENT, ENTITY_TYPES, PARAGRAPH

#: Bit of each layer in the ``layer`` array.
LAYER_BITS = {CO_MENTION: 1, ASSERTION: 2, PARAGRAPH: 4, DOCUMENT: 8}
#: The bits of the two main layers, whose documents ``pair_documents`` counts.
MAIN_BITS = LAYER_BITS[CO_MENTION] | LAYER_BITS[ASSERTION]
#: Every array, with its dtype (``json`` rows hold a list of strings).
ARRAYS = {
    "indptr": "<i8",  # n + 1 offsets into the entry arrays
    "neighbour": "<i4",  # per entry: the node at the other end
    "edge": "<i4",  # per entry: rowid of the layer edge in ``edges``
    "layer": "u1",  # per entry: LAYER_BITS of the edge
    "corroboration": "<i4",  # per entry: distinct documents of the edge
    "weight": "<f8",  # per entry: weight of the edge (list sentences give fractions)
    "pair_documents": "<i4",  # per entry: distinct documents of the pair over the two main layers
    "pair_assertion_documents": "<i4",  # per entry: distinct documents of the pair's assertions
    "outlet_indptr": "<i8",  # per entry + 1: offsets into outlet_ids
    "outlet_ids": "<i4",  # outlets of each entry's edge, as indexes into outlet_names
    "node_type": "u1",  # per node: index into ENTITY_TYPES (len(ENTITY_TYPES) if unknown)
    "label_rank": "<i4",  # per node: position of its label in sorted order
    "outlet_names": "json",  # the outlets outlet_ids index, in sorted order
}
#: The arrays every path search needs; :func:`mask_arrays` names those its filters need.
SEARCH_ARRAYS = ("indptr", "neighbour", "node_type")
OUTLET_ARRAYS = ("outlet_indptr", "outlet_ids", "outlet_names")


@dataclass
class Adjacency:
    """Some or all of the stored arrays (see :data:`ARRAYS`); those not read are ``None``."""

    indptr: np.ndarray | None = None
    neighbour: np.ndarray | None = None
    edge: np.ndarray | None = None
    layer: np.ndarray | None = None
    corroboration: np.ndarray | None = None
    weight: np.ndarray | None = None
    pair_documents: np.ndarray | None = None
    pair_assertion_documents: np.ndarray | None = None
    outlet_indptr: np.ndarray | None = None
    outlet_ids: np.ndarray | None = None
    node_type: np.ndarray | None = None
    label_rank: np.ndarray | None = None
    outlet_names: list[str] | None = None

    @property
    def arrays(self) -> dict[str, np.ndarray | list[str]]:
        """The arrays read, by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @property
    def n_nodes(self) -> int:
        """Number of node slots (ids are ``0 .. n_nodes - 1``)."""
        return len(self.indptr) - 1


# -- writing ------------------------------------------------------------------------------
def _pair_documents(rows: IndexedRows, rowids: np.ndarray, pair: np.ndarray) -> dict[int, int]:
    """``{pair key: distinct documents}`` for pairs linked by several edges (reads only those)."""
    docs: dict[int, set[str]] = {}
    key_of = dict(zip(rowids.tolist(), pair.tolist(), strict=True))
    for rowid, documents in rows.edge_documents(key_of):
        docs.setdefault(key_of[rowid], set()).update(json.loads(documents))
    return {key: len(found) for key, found in docs.items()}


def _union_counts(
    rows: IndexedRows, rowid: np.ndarray, pair: np.ndarray, corroboration: np.ndarray, keep: np.ndarray
) -> np.ndarray:
    """Per edge: distinct documents of its pair over the edges in ``keep`` (0 where not kept)."""
    out = np.where(keep, corroboration, 0).astype("<i4")
    if not keep.any():
        return out
    _, inverse, counts = np.unique(pair[keep], return_inverse=True, return_counts=True)
    several = counts[inverse] > 1
    if several.any():
        found = _pair_documents(rows, rowid[keep][several], pair[keep][several])
        kept_out = out[keep]
        kept_out[several] = [found[p] for p in pair[keep][several].tolist()]
        out[keep] = kept_out
    return out


def write_adjacency(source: IndexedRows) -> None:
    """(Re)write the stored arrays from the graph's entity and edge rows.

    Call it inside the transaction that changed the graph tables. Entries are ordered by
    (node, neighbour), then source entries before target entries, each in edge rowid order;
    :func:`graph.index.delta.update_adjacency` keeps exactly this order.
    """
    n = source.node_count()
    node_type = np.full(n, len(ENTITY_TYPES), dtype="u1")
    labels: list[tuple[str, int]] = []
    type_code = {t: i for i, t in enumerate(ENTITY_TYPES)}
    for idx, kind, label in source.nodes():
        node_type[idx] = type_code.get(kind, len(ENTITY_TYPES))
        labels.append((label, idx))
    label_rank = np.zeros(n, dtype="<i4")
    label_rank[[idx for _, idx in sorted(labels)]] = np.arange(len(labels), dtype="<i4")

    rows = source.edge_ends()
    m = len(rows)
    rowid = np.fromiter((r[0] for r in rows), dtype="<i8", count=m)
    src = np.fromiter((r[1] for r in rows), dtype="<i8", count=m)
    dst = np.fromiter((r[2] for r in rows), dtype="<i8", count=m)
    layer = np.fromiter((LAYER_BITS.get(r[3], 0) for r in rows), dtype="u1", count=m)
    corroboration = np.fromiter((r[4] for r in rows), dtype="<i4", count=m)
    weight = np.fromiter((r[5] for r in rows), dtype="<f8", count=m)
    outlet_code: dict[str, int] = {}
    parsed: dict[str, list[int]] = {}  # the same outlets list recurs: parse each text once
    edge_outlets: list[list[int]] = []
    for r in rows:
        ids = parsed.get(r[6])
        if ids is None:
            ids = [outlet_code.setdefault(o, len(outlet_code)) for o in json.loads(r[6])]
            parsed[r[6]] = ids
        edge_outlets.append(ids)
    outlet_names, recode = _sorted_codes(outlet_code)
    del rows

    pair = np.minimum(src, dst) * max(n, 1) + np.maximum(src, dst)
    pair_documents = _union_counts(source, rowid, pair, corroboration, (layer & MAIN_BITS) != 0)
    pair_assertion = _union_counts(source, rowid, pair, corroboration, layer == LAYER_BITS[ASSERTION])
    # a pair's counts are shared by all its entries, whatever their layer (a window's too)
    if m:
        _, inverse = np.unique(pair, return_inverse=True)
        for counts in (pair_documents, pair_assertion):
            best = np.zeros(inverse.max() + 1, dtype="<i4")
            np.maximum.at(best, inverse, counts)
            counts[:] = best[inverse]

    # every edge twice: from its source and from its target
    ends = np.concatenate([src, dst])
    others = np.concatenate([dst, src])
    order = np.lexsort((others, ends))
    edge_of_entry = np.concatenate([np.arange(m), np.arange(m)])[order]
    indptr = np.zeros(n + 1, dtype="<i8")
    np.cumsum(np.bincount(ends, minlength=n), out=indptr[1:])
    counts = np.fromiter((len(o) for o in edge_outlets), dtype="<i8", count=m)[edge_of_entry]
    outlet_indptr = np.zeros(len(order) + 1, dtype="<i8")
    np.cumsum(counts, out=outlet_indptr[1:])
    flat = recode[np.fromiter((o for e in edge_of_entry.tolist() for o in edge_outlets[e]), dtype=np.int64)]
    arrays = {
        "indptr": indptr,
        "neighbour": others[order].astype("<i4"),
        "edge": rowid[edge_of_entry],
        "layer": layer[edge_of_entry],
        "corroboration": corroboration[edge_of_entry],
        "weight": weight[edge_of_entry],
        "pair_documents": pair_documents[edge_of_entry],
        "pair_assertion_documents": pair_assertion[edge_of_entry],
        "outlet_indptr": outlet_indptr,
        "outlet_ids": flat,
        "node_type": node_type,
        "label_rank": label_rank,
    }
    source.clear_arrays()
    save_arrays(source, {**arrays, "outlet_names": outlet_names})


def _sorted_codes(code: dict[str, int]) -> tuple[list[str], np.ndarray]:
    """Names in canonical (sorted) order, and the new code of each old code."""
    names = sorted(code)
    recode = np.empty(len(names), dtype="<i4")
    recode[[code[name] for name in names]] = np.arange(len(names), dtype="<i4")
    return names, recode


def save_arrays(rows: IndexedRows, arrays: dict) -> None:
    """Write (or replace) the given arrays of :data:`ARRAYS` (``outlet_names``: a list of str)."""
    rows.save_arrays([(name, ARRAYS[name], _encode(name, array)) for name, array in arrays.items()])


def _encode(name: str, array) -> bytes:
    if ARRAYS[name] == "json":
        return json.dumps(array, ensure_ascii=False).encode()
    return np.asarray(array).astype(ARRAYS[name]).tobytes()


def read_adjacency(rows: IndexedRows, names: Iterable[str]) -> Adjacency:
    """The named arrays (see :data:`ARRAYS`) from the store."""
    names = list(names)
    arrays = {}
    for name, dtype, data in rows.read_arrays(names):
        arrays[name] = json.loads(data) if dtype == "json" else np.frombuffer(data, dtype=dtype)
    missing = set(names) - arrays.keys()
    if missing:
        raise KeyError(f"adjacency arrays missing: {', '.join(sorted(missing))}")
    return Adjacency(**arrays)


def _blob_rowids(rows: IndexedRows, names: Iterable[str]) -> dict[str, tuple[int, str]]:
    names = list(names)
    where = rows.array_blobs(names)
    if where.keys() != set(names):
        raise KeyError(f"adjacency arrays missing: {', '.join(sorted(set(names) - where.keys()))}")
    return where


def read_slices(
    rows: IndexedRows, spans: list[tuple[int, int]], names: Iterable[str]
) -> dict[str, np.ndarray]:
    """The ``[start, stop)`` spans of the named per-entry arrays, concatenated, read without
    loading the arrays (SQLite incremental blob reads)."""
    found = {}
    for name, (rowid, dtype) in _blob_rowids(rows, names).items():
        size = np.dtype(dtype).itemsize
        parts = []
        with rows.open_array(rowid) as blob:
            for start, stop in spans:
                blob.seek(size * start)
                parts.append(blob.read(size * (stop - start)))
        found[name] = np.frombuffer(b"".join(parts), dtype=dtype)
    return found


def read_row(rows: IndexedRows, node: int, names: Iterable[str]) -> dict[str, np.ndarray]:
    """Node ``node``'s slice of the named per-entry arrays."""
    rowid, _ = _blob_rowids(rows, ["indptr"])["indptr"]
    with rows.open_array(rowid) as blob:
        blob.seek(8 * node)
        start, stop = (int(x) for x in np.frombuffer(blob.read(16), dtype="<i8"))
    return read_slices(rows, [(start, stop)], names)


def owners(indptr: np.ndarray) -> np.ndarray:
    """For each element of a CSR array, the row it belongs to."""
    return np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))


def rows_with(indptr: np.ndarray, elements: np.ndarray) -> np.ndarray:
    """Per row of a CSR array: whether any of its elements is true in ``elements``."""
    return np.bincount(owners(indptr)[elements], minlength=len(indptr) - 1) > 0


def neighbour_counts(adj: Adjacency) -> np.ndarray:
    """Per node, :func:`graph.query.shortest.neighbour_counts`: its neighbours over every layer,
    each counting ``min(1, weight of their links)``.

    Entries are ordered by (node, neighbour), so a new neighbour starts wherever
    the neighbour or the node changes. ``adj`` needs ``indptr``, ``neighbour`` and ``weight``.
    """
    node = owners(adj.indptr)
    if not node.size:
        return np.zeros(adj.n_nodes, dtype=np.float64)
    new = np.ones(node.size, dtype=bool)
    new[1:] = (adj.neighbour[1:] != adj.neighbour[:-1]) | (node[1:] != node[:-1])
    starts = np.flatnonzero(new)
    pair_weight = np.minimum(1.0, np.add.reduceat(adj.weight.astype(np.float64), starts))
    return np.bincount(node[starts], weights=pair_weight, minlength=adj.n_nodes)


# -- searching ----------------------------------------------------------------------------
def entries_of(indptr: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Entry indexes of all the given nodes' links (a vectorised concatenation of CSR rows)."""
    starts = indptr[nodes]
    counts = indptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return shift + np.arange(total)


def mask_arrays(links: LinkFilter) -> tuple[str, ...]:
    """The arrays :func:`entry_mask` reads for these filters (besides ``neighbour``)."""
    names = ["neighbour"]
    if sum(LAYER_BITS[layer] for layer in links.layers) != sum(LAYER_BITS.values()):
        names.append("layer")
    if links.min_sources > 1:
        names.append("corroboration")
    if links.by_outlet:
        names.extend(OUTLET_ARRAYS)
    return tuple(names)


def entry_mask(adj: Adjacency, links: LinkFilter) -> np.ndarray:
    """Which entries pass the filters of :func:`graph.query.paths.evidence_view` (per layer edge;
    ``avoid_types`` aside).

    ``adj`` needs the arrays :func:`mask_arrays` names for the same filters.
    """
    bits = sum(LAYER_BITS[layer] for layer in links.layers)
    via_outlet, exclude_outlet = links.via_outlet, links.exclude_outlet
    keep = np.ones(len(adj.neighbour), dtype=bool)
    if bits != sum(LAYER_BITS.values()):
        keep &= (adj.layer & bits) != 0
    if links.min_sources > 1:
        keep &= adj.corroboration >= links.min_sources
    if via_outlet or exclude_outlet:
        folded = np.array([name.casefold() for name in adj.outlet_names] or [""])
        if via_outlet:
            wanted = np.isin(adj.outlet_ids, np.flatnonzero(folded == via_outlet.casefold()))
            keep &= rows_with(adj.outlet_indptr, wanted)
        if exclude_outlet:
            unwanted = np.isin(adj.outlet_ids, np.flatnonzero(folded == exclude_outlet.casefold()))
            reported = np.diff(adj.outlet_indptr) > 0
            keep &= ~reported | rows_with(adj.outlet_indptr, ~unwanted)  # dropped: reported only by it
    return keep


def distances(
    adj: Adjacency,
    start: int,
    mask: np.ndarray,
    expandable: np.ndarray,
    max_depth: int,
    *,
    stop_at: int | None = None,
    within: np.ndarray | None = None,
) -> np.ndarray:
    """Breadth-first hop counts from ``start`` (-1: not reached within ``max_depth``).

    Nodes where ``expandable`` is false are reached but not passed through
    (``start`` always is). With ``stop_at``, the search stops at the end of the
    level that reaches it. With ``within`` (a per-node budget), a node is only
    expanded if its depth is at most its budget.
    """
    dist = np.full(adj.n_nodes, -1, dtype=np.int32)
    dist[start] = 0
    frontier = np.array([start], dtype=np.int64)
    depth = 0
    while frontier.size and depth < max_depth:
        if depth:
            frontier = frontier[expandable[frontier]]
        if within is not None:
            frontier = frontier[within[frontier] >= depth]
        entries = entries_of(adj.indptr, frontier)
        reached = adj.neighbour[entries[mask[entries]]]
        reached = reached[dist[reached] < 0]
        depth += 1
        dist[reached] = depth
        frontier = np.flatnonzero(dist == depth) if reached.size else reached.astype(np.int64)
        if stop_at is not None and dist[stop_at] >= 0:
            break
    return dist


def path_nodes(
    adj: Adjacency,
    source: int,
    target: int,
    mask: np.ndarray,
    expandable: np.ndarray,
    *,
    slack: int = 0,
    max_hops: int = 64,
) -> tuple[int | None, np.ndarray]:
    """The shortest distance and every node on a path of at most that + ``slack`` hops.

    Returns ``(None, [])`` when ``target`` is not reachable within ``max_hops``.
    A node is on such a path iff its distances from both ends sum to at most
    the bound, so the nodes returned hold every one of those paths and no other node.
    """
    from_source = distances(adj, source, mask, expandable, max_hops, stop_at=target)
    if from_source[target] < 0:
        return None, np.zeros(0, dtype=np.int64)
    shortest = int(from_source[target])
    bound = shortest + slack
    if slack:
        from_source = distances(adj, source, mask, expandable, bound)
    budget = np.where(from_source >= 0, bound - from_source, 0)
    budget[target] = bound
    from_target = distances(adj, target, mask, expandable, bound, within=budget)
    on_path = (from_source >= 0) & (from_target >= 0) & (from_source + from_target <= bound)
    on_path &= expandable
    on_path[[source, target]] = True
    return shortest, np.flatnonzero(on_path)


def links_among(rows: IndexedRows, adj: Adjacency, nodes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Rowids of the ``edges`` passing ``mask`` between two of ``nodes`` (reads only their rows)."""
    inside = np.zeros(adj.n_nodes, dtype=bool)
    inside[nodes] = True
    entries = entries_of(adj.indptr, nodes)
    spans = [(int(adj.indptr[n]), int(adj.indptr[n + 1])) for n in nodes.tolist()]
    edges = read_slices(rows, spans, ["edge"])["edge"]
    return np.unique(edges[mask[entries] & inside[adj.neighbour[entries]]])
