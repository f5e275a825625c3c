"""The shape of a linkchart graph: what every node and edge carries.

A linkchart graph is a ``networkx.MultiDiGraph`` holding two layers over the
same entities (and two weaker co-mention windows). Edge keys are the layer
names, so a pair of entities has at most one edge per layer and direction.

Graph attributes
    ``documents``: ``{doc_id: {"title", "outlet", "url", "date", "path"}}``.

Node id
    ``"<type>:<slug>"``, e.g. ``"person:meng-wanzhou"``. Node attributes:
    ``label`` (str), ``type`` (one of :data:`ENTITY_TYPES`), ``aliases``
    (list[str], surface forms seen), ``mentions`` (int), ``documents``
    (list[str], doc ids), ``roles`` (list[str], titles seen, e.g. "Liberal MP").

Co-mention edge (key ``"co-mention"``)
    Stored once per unordered pair, from the smaller node id to the larger.
    ``layer`` = "co-mention", ``weight`` (number of sentences naming both; a list
    sentence counts ``1 / (entities - 1)``, its evidence carrying that ``share``),
    ``documents`` (list[str]), ``outlets`` (list[str]), ``corroboration``
    (int, distinct documents), ``evidence`` (list of :data:`EVIDENCE_KEYS`
    dicts).

Window edges (keys ``"paragraph"`` and ``"document"``)
    Like co-mention edges, for pairs named in one paragraph but no one sentence,
    or in one document but no one paragraph; ``weight`` counts paragraphs (a
    document: 1). Evidence: the first sentence naming each, joined by " … ", with
    ``sentences`` (their indices). Queries use them only when asked.

Assertion edge (key ``"assertion"``), speaker → target
    ``layer`` = "assertion", ``weight`` (int, number of assertions),
    ``documents``, ``outlets``, ``corroboration`` as above, ``verb`` and
    ``stance`` (the most frequent), ``verbs`` and ``stances`` (list[str]),
    ``quotes`` (list[str]), ``evidence`` (dicts that also carry ``quote``,
    ``verb`` and ``stance``).

Evidence is in document-id order, each document's pieces in the order found;
every other edge attribute is derived from it (:func:`graph.aggregate.evidence.edge_attributes`).
"""

from __future__ import annotations

CO_MENTION = "co-mention"
ASSERTION = "assertion"
#: The two layers every query uses unless asked for more.
LAYERS = (CO_MENTION, ASSERTION)
#: Weaker co-mention windows, used only when asked: named in the same paragraph (not the same
#: sentence), or in the same document (not the same paragraph).
PARAGRAPH = "paragraph"
DOCUMENT = "document"
WINDOW_LAYERS = (PARAGRAPH, DOCUMENT)
ALL_LAYERS = (*LAYERS, *WINDOW_LAYERS)
#: Layers whose edges are undirected pairs of entities named together.
CO_MENTION_LAYERS = frozenset({CO_MENTION, *WINDOW_LAYERS})

ENTITY_TYPES = (
    "person",
    "agency",
    "outlet",
    "organization",
    "platform",
    "place",
    "group",
)

#: The entry of a vocabulary count that holds mentions; every other entry is a type's votes
#: (or :data:`DOCUMENTS`, :data:`WEAK`, or a :data:`DEFINES` entry).
MENTIONS = "#"
#: The entry of a vocabulary count that holds the documents using the key.
DOCUMENTS = "@"
#: The entry of a vocabulary count that holds the key's weak mentions (:attr:`ner.records.Mention.weak`):
#: a group whose every mention is weak is no entity.
WEAK = "?"
#: The prefix of a vocabulary count entry ``=name``: documents that give the key's body that other
#: name too (``name`` is a group key: :func:`graph.resolve.merge.group_key`).
DEFINES = "="
#: A defined name's prefix ``=~name`` when the document gave the body only a longer form of it, the
#: place before it dropped ("Swiss Federal Council" for "Federal Council"): it joins the group
#: called ``name`` only when no other group could be meant.
UNQUALIFIED = "~"

#: An edge's key in the stored graph: ``(source, target, layer)``.
EdgeKey = tuple[str, str, str]

EVIDENCE_KEYS = ("document", "title", "outlet", "sentence", "sent_index")

STANCES = ("states", "denies", "alleges", "reports", "confirms", "disputes", "assesses", "warns", "declines")

#: The one spelling of "the two main layers" in a layer choice.
ANY_LAYER = "any"
#: Layer choices accepted by neighbour queries: :data:`ANY_LAYER` or one main layer.
LAYER_CHOICES = (ANY_LAYER, CO_MENTION, ASSERTION)
#: ... and by paths and drawings: "paragraph" adds the paragraph window to the main layers,
#: "document" both.
PATH_LAYER_CHOICES = (*LAYER_CHOICES, PARAGRAPH, DOCUMENT)


def layers_of(choice: str) -> tuple[str, ...]:
    """The layers a layer choice (:data:`PATH_LAYER_CHOICES`) uses."""
    if choice == ANY_LAYER:
        return LAYERS
    if choice == PARAGRAPH:
        return (*LAYERS, PARAGRAPH)
    if choice == DOCUMENT:
        return ALL_LAYERS
    return (choice,)


#: Entity types not used as stepping stones by default: "X → Canada → Y" explains nothing.
HUB_TYPES = ("place",)
