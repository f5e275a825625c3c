"""Text → records. The only package that imports spaCy.

Importing :mod:`ner` or :mod:`ner.records` does not load spaCy; the pipeline
is loaded on demand by :func:`ner.pipeline.load_pipeline`.
"""
