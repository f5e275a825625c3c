"""Records → the graph: the store, the two-layer graph, paths, neighbours and exports.

Sub-packages by concern; each ``__init__`` names its public names, and a package imports
only from the rows below its own (``aggregate`` also uses ``resolve``)::

    query/  export/     questions asked of the graph; files other tools read
    store/              the only SQL: documents, graph rows (one writer), vocabulary, reads, delta
    index/              the search arrays: built whole or by delta, searched
    aggregate/          what one document contributes; the in-memory build
    resolve/            merging across documents: rules, relations, vocabulary, corrections
    schema  errors  filters  sql  canonical                 shared leaves

``resolve`` and ``index`` read and write no table: they ask the store through a protocol
(:class:`graph.resolve.StoredVocabulary`, :class:`graph.index.IndexedRows`) that
``store`` implements and hands them, so ``store`` rebuilds or patches the search arrays in
the transaction that wrote the rows. Never imports spaCy, pyvis or :mod:`viz`
(viz imports graph: the HTML page is written through :func:`graph.export.write_atomically`).
"""
