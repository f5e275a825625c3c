"""The shape of a linkchart graph: what every node and edge carries.

A linkchart graph is a ``networkx.MultiDiGraph`` holding two layers over the
same entities. Edge keys are the layer names, so a pair of entities has at most
one edge per layer and direction.

Graph attributes
    ``documents``: ``{doc_id: {"title", "outlet", "url", "date", "path"}}``.

Node id
    ``"<type>:<slug>"``, e.g. ``"person:meng-wanzhou"``. Node attributes:
    ``label`` (str), ``type`` (one of :data:`ENTITY_TYPES`), ``aliases``
    (list[str], surface forms seen), ``mentions`` (int), ``documents``
    (list[str], doc ids), ``roles`` (list[str], titles seen, e.g. "Liberal MP").

Co-mention edge (key ``"co-mention"``)
    Stored once per unordered pair, from the smaller node id to the larger.
    ``layer`` = "co-mention", ``weight`` (int, number of sentences naming both),
    ``documents`` (list[str]), ``outlets`` (list[str]), ``corroboration``
    (int, distinct documents), ``evidence`` (list of :data:`EVIDENCE_KEYS`
    dicts).

Assertion edge (key ``"assertion"``), speaker → target
    ``layer`` = "assertion", ``weight`` (int, number of assertions),
    ``documents``, ``outlets``, ``corroboration`` as above, ``verb`` and
    ``stance`` (the most frequent), ``verbs`` and ``stances`` (list[str]),
    ``quotes`` (list[str]), ``evidence`` (dicts that also carry ``quote``,
    ``verb`` and ``stance``).

Evidence is in document-id order, each document's pieces in the order found;
every other edge attribute is derived from it (:func:`graph.evidence.edge_attributes`).
"""

from __future__ import annotations

CO_MENTION = "co-mention"
ASSERTION = "assertion"
LAYERS = (CO_MENTION, ASSERTION)

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
#: (or :data:`DOCUMENTS`, or a :data:`DEFINES` entry).
MENTIONS = "#"
#: The entry of a vocabulary count that holds the documents using the key.
DOCUMENTS = "@"
#: The prefix of a vocabulary count entry ``=name``: documents that give the key's body that other
#: name too (``name`` is a group key: :func:`graph.resolve.group_key`).
DEFINES = "="

EVIDENCE_KEYS = ("document", "title", "outlet", "sentence", "sent_index")

STANCES = ("states", "denies", "alleges", "reports", "confirms", "disputes", "assesses", "warns", "declines")

#: Layer choices accepted by path and neighbour queries.
LAYER_CHOICES = ("any", CO_MENTION, ASSERTION)
#: Entity types not used as stepping stones by default: "X → Canada → Y" explains nothing.
HUB_TYPES = ("place",)
