"""linkchart's components: factories with config, the rules' data passed in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ner.cleanup import rules
from ner.components import Attribution, Entities, load_rules


def test_the_factories_default_to_the_packaged_rules(nlp):
    config = nlp.config["components"]
    assert config["linkchart_attribution"]["rules"] is None
    assert config["linkchart_entities"]["rules"] is None
    assert nlp.get_pipe("linkchart_attribution").rules is rules()


def test_attribution_reads_the_reporting_verbs_it_is_given(nlp, tmp_path: Path):
    text = "Smith said the plan would fail."
    assert [a["speaker"] for a in nlp(text)._.linkchart_assertions] == ["Smith"]
    path = tmp_path / "rules.json"
    without_say = {k: v for k, v in rules()["reporting_verbs"].items() if k != "say"}
    path.write_text(json.dumps({**rules(), "reporting_verbs": without_say}), encoding="utf-8")
    doc = Attribution(load_rules(str(path)))(nlp(text))
    assert doc._.linkchart_assertions == []


def test_entities_refuses_rules_its_helpers_would_not_read():
    assert Entities(load_rules(None)).rules is rules()
    with pytest.raises(ValueError, match="packaged rules"):
        Entities({**rules(), "titles": []})
