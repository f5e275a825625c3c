"""Errors ``ner`` raises, importable without loading spaCy."""


class ModelNotFound(LookupError):
    """The named spaCy pipeline is not installed (or cannot extract entities)."""
