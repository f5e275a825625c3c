"""linkchart's spaCy components, registered here, in one place, as factories with config.

Each factory returns a component object holding what it needs; :func:`ner.pipeline.load_pipeline`
adds them by name. ``rules`` in a factory's config is the rules' data: ``None`` (the default)
is the packaged ``ner/gazetteer/rules.json`` (:func:`ner.rules.packaged`), else a path to a
JSON file of the same shape or the dict itself, e.g.
``nlp.add_pipe("linkchart_entities", config={"rules": "my_rules.json"})``. Each component holds
them as a :class:`~ner.rules.Rules` and puts them in force (:func:`ner.rules.using`) while it
runs, so the helpers that read :func:`ner.cleanup.rules` and the tables derived from it
(:func:`ner.rules.per_rules`, cached per Rules object) read this pipeline's rules, and two
pipelines with different rules in one process never see each other's.

The word lists of :mod:`ner.attribution.common` (titles, role, source and reference nouns,
unnamed cues) are such tables too; the attribution component's rules also reach
:class:`~ner.attribution.Attributor` (reporting, phrasal and adverbial verbs, implicative
negatives, document and role nouns). Nothing reads the packaged rules behind a component's back.
"""

from spacy.language import Language
from spacy.tokens import Doc

from ner.attribution import linkchart_attribution
from ner.entities import linkchart_entities, linkchart_line_breaks
from ner.layout import linkchart_layout
from ner.rules import Rules, using
from ner.rules import load as load_rules

#: The rules' data as a factory's config gives it: ``None`` (the packaged rules), a path or a dict.
RulesSource = dict | str | None
#: What the helpers' per-document caches in ``Doc.user_data`` are keyed by ("linkchart_text" …).
CACHE_PREFIX = "linkchart_"


def _without_caches(doc: Doc) -> Doc:
    """The document without the helpers' per-document caches: sets and records that spaCy
    could not serialise to hand a document back from a worker process (``n_process`` > 1).
    Extension values are kept (their keys are tuples)."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(CACHE_PREFIX)]:
        del doc.user_data[key]
    return doc


class LineBreaks:
    """``linkchart_line_breaks``: a sentence starts after every line break (no rules)."""

    def __call__(self, doc: Doc) -> Doc:
        return linkchart_line_breaks(doc)


class Layout:
    """``linkchart_layout``: heading lines and "Headline | Site" parts, by their shape (no rules)."""

    def __call__(self, doc: Doc) -> Doc:
        return _without_caches(linkchart_layout(doc))


class Entities:
    """``linkchart_entities``: typed, cleaned, resolved mentions, found with ``rules`` (titles,
    legal forms, head words, …), in force while it runs."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        with using(self.rules):
            return _without_caches(linkchart_entities(doc))


class Attribution:
    """``linkchart_attribution``: assertions, found with the reporting verbs of ``rules``."""

    def __init__(self, rules: Rules):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        with using(self.rules):
            return _without_caches(linkchart_attribution(doc, self.rules))


@Language.factory("linkchart_line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """The ``linkchart_line_breaks`` component."""
    return LineBreaks()


@Language.factory("linkchart_layout")
def make_layout(nlp: Language, name: str) -> Layout:
    """The ``linkchart_layout`` component."""
    return Layout()


@Language.factory("linkchart_entities", default_config={"rules": None})
def make_entities(nlp: Language, name: str, rules: RulesSource) -> Entities:
    """The ``linkchart_entities`` component over ``rules`` (``None``: the packaged rules)."""
    return Entities(load_rules(rules))


@Language.factory("linkchart_attribution", default_config={"rules": None})
def make_attribution(nlp: Language, name: str, rules: RulesSource) -> Attribution:
    """The ``linkchart_attribution`` component over ``rules`` (``None``: the packaged rules)."""
    return Attribution(load_rules(rules))
