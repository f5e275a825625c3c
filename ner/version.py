"""What produced an analysis, computed without importing spaCy (cheap cache checks)."""

from __future__ import annotations

import hashlib
from importlib import metadata, resources

#: Bump when extraction logic changes in a way the source hash below would not show.
EXTRACTOR_REVISION = "1"
_SOURCES = ("aliases.py", "attribution.py", "cleanup.py", "entities.py", "gazetteer.py", "pipeline.py")


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
