"""Records → networkx: the store, the two-layer graph, paths, neighbours and exports.

Never imports spaCy or pyvis.
"""
