"""linkchart's spaCy components, registered here, in one place, as factories with config.

Each factory returns a component object holding what it needs; :func:`ner.pipeline.load_pipeline`
adds them by name. ``rules`` in a factory's config is the rules' data: ``None`` (the default)
is the packaged ``ner/gazetteer/rules.json`` (:func:`ner.cleanup.rules`), else a path to a JSON
file of the same shape or the dict itself, e.g.
``nlp.add_pipe("linkchart_attribution", config={"rules": "my_rules.json"})``.

What remains global: the attribution component hands its rules to
:class:`~ner.attribution.Attributor` (reporting, phrasal and adverbial verbs, implicative
negatives), but the word lists of :mod:`ner.attribution.common` (titles, role, source and
reference nouns, unnamed cues) are read from the packaged rules when that module is imported;
the entities component's helpers (typing, cleanup, aliases) all read :func:`ner.cleanup.rules`,
so it accepts only the packaged rules.
"""

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ner.attribution import linkchart_attribution
from ner.cleanup import rules as packaged_rules
from ner.entities import linkchart_entities, linkchart_line_breaks
from ner.layout import linkchart_layout

#: The rules' data as a factory's config gives it: ``None`` (the packaged rules), a path or a dict.
RulesSource = dict | str | None


def load_rules(source: dict | str | Path | None) -> dict:
    """The rules ``source`` names: the packaged ones for ``None``, a dict as it is, else the JSON
    file at that path."""
    if source is None:
        return packaged_rules()
    if isinstance(source, dict):
        return source
    return json.loads(Path(source).read_text(encoding="utf-8"))


class LineBreaks:
    """``linkchart_line_breaks``: a sentence starts after every line break (no rules)."""

    def __call__(self, doc: Doc) -> Doc:
        return linkchart_line_breaks(doc)


class Layout:
    """``linkchart_layout``: heading lines and "Headline | Site" parts, by their shape (no rules)."""

    def __call__(self, doc: Doc) -> Doc:
        return linkchart_layout(doc)


class Entities:
    """``linkchart_entities``: typed, cleaned, resolved mentions. Its helpers read the packaged
    rules (:func:`ner.cleanup.rules`), so other rules are refused rather than ignored."""

    def __init__(self, rules: dict):
        if rules is not packaged_rules() and rules != packaged_rules():
            raise ValueError("linkchart_entities reads the packaged rules; it takes no other rules yet")
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        return linkchart_entities(doc)


class Attribution:
    """``linkchart_attribution``: assertions, found with the reporting verbs of ``rules``."""

    def __init__(self, rules: dict):
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        return linkchart_attribution(doc, self.rules)


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
