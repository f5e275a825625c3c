"""``linkchart fix``: corrections through the CLI on real builds, kept across rebuilds."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.resolve import default_path, read
from graph.store import Store, StoreError
from linkchart.cli import main
from linkchart.fixes import fix_entity
from linkchart.pipeline import apply_corrections, build
from tests.cli.test_incremental import assert_same, snapshot
from tests.conftest import REPO, SEEDS


@pytest.fixture
def db(seeds_db: Path, tmp_path: Path) -> Path:
    """A copy of the seeds store, with no corrections file yet."""
    copy = tmp_path / "case.db"
    shutil.copy(seeds_db, copy)
    return copy


def cli(db: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def entity(db: Path, name: str) -> dict | None:
    """The entity named ``name`` (label), from ``entities --json``."""
    result = cli(db, "entities", "--json")
    assert result.exit_code == 0, result.output
    return next((e for e in json.loads(result.output) if e["name"] == name), None)


def test_type_rename_and_drop_show_in_every_output(db: Path):
    assert entity(db, "Canadian Security Intelligence Service")["type"] == "agency"
    result = cli(db, "fix", "type", "csis", "Organization")  # alias, any case
    assert result.exit_code == 0, result.output
    assert result.output.startswith("fix 1: Canadian Security Intelligence Service is typed organization")
    found = entity(db, "Canadian Security Intelligence Service")
    assert found["type"] == "organization" and found["corrected"] == ["type"]
    assert found["id"] == "organization:canadian-security-intelligence-service"

    assert cli(db, "fix", "rename", "Trudeau", "PM Justin Trudeau").exit_code == 0
    renamed = entity(db, "PM Justin Trudeau")
    assert renamed["corrected"] == ["name"] and "Justin Trudeau" in renamed["aliases"]
    path = cli(db, "path", "PM Justin Trudeau", "CSIS", "--json")
    assert path.exit_code == 0 and "PM Justin Trudeau" in path.output

    assert cli(db, "fix", "drop", "Beijing").exit_code == 0
    assert entity(db, "Beijing") is None
    assert cli(db, "neighbors", "Beijing").exit_code == 2
    claims = json.loads(cli(db, "claims", "--json").output)
    assert all("place:beijing" not in [c["speaker_id"], *c["target_ids"]] for c in claims)
    out = db.parent / "g.graphml"
    assert cli(db, "export", "graphml", str(out)).exit_code == 0
    assert "place:beijing" not in out.read_text() and "PM Justin Trudeau" in out.read_text()


def test_merge_keeps_the_first_name_and_split_undoes_a_join(db: Path):
    assert cli(db, "fix", "merge", "Meng Wanzhou", "Han Dong").exit_code == 0
    merged = entity(db, "Meng Wanzhou")
    assert "Han Dong" in merged["aliases"] and merged["corrected"] == ["merge"]
    assert entity(db, "Han Dong") is None
    assert cli(db, "fix", "split", "Meng Wanzhou", "meng").exit_code == 0
    meng = entity(db, "Meng")
    assert meng is not None and meng["corrected"] == ["split"]
    assert "Meng" not in entity(db, "Meng Wanzhou")["aliases"]
    assert cli(db, "fix", "undo", "--last").exit_code == 0
    assert entity(db, "Meng") is None


def test_claims_can_be_dropped_or_given_another_speaker(db: Path):
    claims = json.loads(cli(db, "claims", "--json").output)
    first, second = claims[0], claims[1]
    assert first["id"].startswith("c") and first["id"] in cli(db, "claims").output
    assert cli(db, "fix", "drop-claim", first["id"]).exit_code == 0
    result = cli(db, "fix", "speaker", second["id"], "John Bolton")
    assert result.exit_code == 0, result.output
    after = {c["id"]: c for c in json.loads(cli(db, "claims", "--json").output)}
    assert first["id"] not in after
    assert after[second["id"]]["speaker"] == "John Bolton"


def test_unknown_or_ambiguous_names_write_nothing(db: Path):
    for args in (
        ("merge", "Nobody Known", "CSIS"),
        ("merge", "CSIS", "Canadian Security Intelligence Service"),
        ("split", "CSIS", "Nothing"),
        ("type", "CSIS", "company"),
        ("drop-claim", "c00000000"),
        ("undo", "7"),
    ):
        result = cli(db, "fix", *args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not default_path(db).exists()


def test_corrections_survive_new_articles_and_a_fresh_store(db: Path, tmp_path: Path, nlp):
    assert cli(db, "fix", "type", "CSIS", "organization").exit_code == 0
    assert cli(db, "fix", "merge", "Meng Wanzhou", "Han Dong").exit_code == 0
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copy(REPO / "eval" / "dev" / "articles" / "rotterdam-port-bribery-trial.txt", corpus)
    build([corpus], db, nlp=nlp)  # incremental, with a new article
    fresh = tmp_path / "fresh.db"
    build([corpus], fresh, nlp=nlp, corrections=default_path(db))
    assert_same(snapshot(db), snapshot(fresh))
    assert entity(fresh, "Canadian Security Intelligence Service")["type"] == "organization"
    listed = json.loads(cli(db, "fix", "list", "--json").output)
    assert [c["status"] for c in listed] == ["applied", "applied"]


def test_a_correction_whose_entity_is_gone_is_reported(db: Path, tmp_path: Path, nlp):
    path = tmp_path / "desk.jsonl"
    path.write_text(json.dumps({"id": 1, "at": "", "op": "drop", "entity": "Zanzibar Quux"}) + "\n")
    assert cli(db, "build", "--corrections", str(path), str(SEEDS)).exit_code == 0
    result = cli(db, "fix", "list", "--corrections", str(path))
    assert "its entity no longer exists" in result.output


def test_a_fix_during_a_build_is_saved_and_applied_once_the_build_ends(db: Path):
    with Store(db) as store, store.build_lock():  # a build is running
        correction, _ = fix_entity(db, default_path(db), "type", "CSIS", "organization")
        with pytest.raises(StoreError, match="another build is running"):
            apply_corrections(db)  # fails cleanly: the store is untouched
        waiting = threading.Thread(target=apply_corrections, args=(db,), kwargs={"wait": True})
        waiting.start()  # waits for the lock
    waiting.join(timeout=120)
    assert not waiting.is_alive()
    assert [c.id for c in read(default_path(db))] == [correction.id]
    assert entity(db, "Canadian Security Intelligence Service")["type"] == "organization"
