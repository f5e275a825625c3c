"""Records → the graph: the store, the two-layer graph, paths, neighbours and exports.

Sub-packages by concern; each ``__init__`` names its public names, and a package imports
only from the rows below its own (``aggregate`` also uses ``resolve``)::

    query/  export/     questions asked of the graph; files other tools read
    store/  index/      SQLite: documents, graph rows, vocabulary, delta; the search arrays
    aggregate/          what one document contributes; the in-memory build
    resolve/            merging across documents: rules, relations, vocabulary, corrections
    schema  errors  filters  sql  canonical                 shared leaves

``store`` and ``index`` are one row: ``store`` writes the graph's rows and has ``index``
rebuild or patch the search arrays in the same transaction; ``index`` reads the rows it
indexes. Never imports spaCy, pyvis or :mod:`viz`
(viz imports graph: the HTML page is written through :func:`graph.export.write_atomically`).
"""
