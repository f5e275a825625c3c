"""The search arrays built whole from the graph's rows (:func:`write_adjacency`)."""

from __future__ import annotations

import json

import numpy as np

from graph.index.adjacency import LAYER_BITS, MAIN_BITS, save_arrays
from graph.index.rows import IndexedRows
from graph.schema import ASSERTION, ENTITY_TYPES


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
