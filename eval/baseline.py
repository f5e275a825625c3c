"""The small-model baseline: raw ``en_core_web_sm`` entity labels, no linkchart rules.

Every entity span the model labels PERSON, ORG, GPE or LOC becomes a mention of the
name it spells (possessive and a leading "the" dropped); mentions with the same
name and label across the corpus are one entity. This is what a user gets from
the model alone, scored with the same scorer as linkchart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from linkchart.corpus import load_corpus
from ner.cleanup import match_key, strip_leading_article, tidy
from ner.pipeline import load_model
from ner.version import DEFAULT_MODEL

#: The model's labels, as linkchart types (it has no agency, outlet or platform label).
RAW_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}


def raw_entities(corpus: Path, model: str = DEFAULT_MODEL) -> list[dict]:
    """Entities in the public JSON shape (``id``, ``name``, ``type``, …) from raw model labels."""
    nlp = load_model(model)
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, doc in ((d.id, nlp(d.text)) for d in load_corpus([corpus])):
        for ent in doc.ents:
            kind = RAW_TYPES.get(ent.label_)
            name = strip_leading_article(tidy(ent.text))
            if kind is None or not name:
                continue
            node = (kind, match_key(name))
            names[node][name] += 1
            documents[node].add(doc_id)
    return [
        {
            "id": f"{kind}:{key}",
            "name": counts.most_common(1)[0][0],
            "type": kind,
            "aliases": sorted(counts),
            "mentions": sum(counts.values()),
            "documents": sorted(documents[(kind, key)]),
        }
        for (kind, key), counts in names.items()
    ]
