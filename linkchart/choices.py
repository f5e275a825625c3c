"""A closed-set option that forgives case, plurals and British spelling, and nothing else."""

from __future__ import annotations

from collections.abc import Sequence

import click

from graph.schema import ANY_LAYER, PATH_LAYER_CHOICES

#: Words whose plural or spelling the simple rules below would miss.
IRREGULAR = {"people": "person", "persons": "person", "organisation": "organization"}


def normalise(value: str) -> str:
    """``"People"`` → ``"person"``, ``"Agencies"`` → ``"agency"``, ``"co_mention"`` → ``"co-mention"``."""
    word = "-".join(value.strip().casefold().replace("_", " ").split())
    word = IRREGULAR.get(word, word)
    if word.endswith("isation") or word.endswith("isations"):
        word = word.replace("isation", "ization")
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return IRREGULAR.get(word[:-1], word[:-1])
    return word


class Forgiving(click.Choice):
    """:class:`click.Choice` that also takes ``Person``, ``people``, ``agencies``, ``organisation``:
    a value matches the one choice it normalises to; anything else exits 2 with the choices."""

    def __init__(self, choices: Sequence[str]) -> None:
        super().__init__(list(choices), case_sensitive=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value not in self.choices:
            wanted = normalise(value)
            matches = [c for c in self.choices if normalise(c) == wanted or c.casefold() == wanted]
            if len(matches) == 1:
                return matches[0]
        return super().convert(value, param, ctx)


#: ``html --layer`` choices: "both" is the command's spelling of :data:`graph.schema.ANY_LAYER`.
DRAWN_LAYER_CHOICES = ("both", *PATH_LAYER_CHOICES[1:])


def drawn_layer(choice: str) -> str:
    """The library's layer choice for an ``html --layer`` value ("both" → "any")."""
    return ANY_LAYER if choice == "both" else choice
