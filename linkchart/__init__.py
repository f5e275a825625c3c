"""linkchart: who is connected to whom in a pile of news articles, and through which source.

The command line lives in :mod:`linkchart.cli` (one module per command group);
the JSON records it prints in :mod:`linkchart.records`, the drawing it writes in
:mod:`linkchart.drawing`; the build job in :mod:`linkchart.pipeline`, the watch
rounds in :mod:`linkchart.watch`; corpus loading in :mod:`linkchart.corpus`.
"""

__version__ = "0.1.0"
