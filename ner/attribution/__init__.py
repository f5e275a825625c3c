"""The ``linkchart_attribution`` component: who said, claimed, reported or denied what."""

from ner.attribution.attributor import Attributor, Quote, find_quotes, linkchart_attribution, speaker_key

__all__ = ["Attributor", "Quote", "find_quotes", "linkchart_attribution", "speaker_key"]
