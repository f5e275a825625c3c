"""The ``linkchart_attribution`` component: who said, claimed, reported or denied what.

Cut by responsibility: :mod:`~ner.attribution.cues` (reporting cues beyond a verb's own
clause), :mod:`~ner.attribution.speakers` (who speaks), :mod:`~ner.attribution.content`
(what is reported and whom it names), joined by :class:`Attributor` in
:mod:`~ner.attribution.attributor`; :mod:`~ner.attribution.common` holds the lexicon and the
parse helpers they share.
"""

from ner.attribution.attributor import Attributor, linkchart_attribution
from ner.attribution.common import Quote, find_quotes
from ner.attribution.content import ContentFinder
from ner.attribution.cues import CueFinder
from ner.attribution.speakers import SpeakerFinder

__all__ = [
    "Attributor",
    "ContentFinder",
    "CueFinder",
    "Quote",
    "SpeakerFinder",
    "find_quotes",
    "linkchart_attribution",
]
