"""The canonical name of an entity: the one rule for node ids and labels alike."""

from __future__ import annotations

from collections.abc import Mapping


def canonical_name(mentions: Mapping[str, int], documents: Mapping[str, int], kind: str) -> str:
    """The most frequent full form of an entity's names.

    Frequency is counted in documents first, then mentions, so one article repeating a
    misspelling cannot outvote the form the other articles use; an article that does not
    name the entity cannot change it. A person's full form has several words ("Markus
    Braun", not "Braun") when one was seen. Ties go to the longer, then the first name in
    sorted order.

    Parameters
    ----------
    mentions : mapping
        ``{name: mentions}`` for every name of the entity.
    documents : mapping
        ``{name: documents using it}`` (names missing count 0).
    kind : str
        The entity's type.

    Examples
    --------
    >>> canonical_name({"Biser Dzhambazov": 3, "Bizer Dzhambazov": 9}, {"Biser Dzhambazov": 3,
    ...                "Bizer Dzhambazov": 1}, "person")
    'Biser Dzhambazov'
    >>> canonical_name({"Braun": 40, "Markus Braun": 5}, {"Braun": 9, "Markus Braun": 4}, "person")
    'Markus Braun'
    """
    full = [name for name in mentions if " " in name] if kind == "person" else []
    return max(
        full or mentions,
        key=lambda name: (documents.get(name, 0), mentions[name], len(name.split()), name),
    )
