"""linkchart: who is connected to whom in a pile of news articles, and through which source.

The command line lives in :mod:`linkchart.cli`; the build job in
:mod:`linkchart.pipeline`; corpus loading in :mod:`linkchart.corpus`.
"""

__version__ = "0.1.0"
