"""linkchart's components: factories with config, the rules' data passed in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ner.cleanup import rules
from ner.components import Attribution, Entities, load_rules
from ner.rules import Rules, packaged, per_rules, using

#: "Zqx" is no legal form in the packaged rules: there "Harbourlock Zqx" is a person.
ZQX_TEXT = "Harbourlock Zqx said the deal was done."
PACKAGED_TYPES = [("Harbourlock Zqx", "person")]
CUSTOM_TYPES = [("Harbourlock Zqx", "organization")]


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


def _types(doc) -> list[tuple[str, str]]:
    return [(m["name"], m["type"]) for m in doc._.linkchart_mentions]


@pytest.fixture
def zqx_rules() -> Rules:
    """The packaged rules with one more legal form, "Zqx", given as a dict."""
    return load_rules({**rules(), "legal_forms": [*rules()["legal_forms"], "Zqx"]})


def test_entities_reads_the_rules_it_is_given(nlp, zqx_rules: Rules):
    assert Entities(load_rules(None)).rules is packaged()
    assert _types(Entities(zqx_rules)(nlp(ZQX_TEXT))) == CUSTOM_TYPES


def test_custom_rules_leave_a_packaged_pipeline_run_after_them_as_it_was(nlp, zqx_rules: Rules):
    custom = Entities(zqx_rules)
    assert _types(custom(nlp(ZQX_TEXT))) == CUSTOM_TYPES
    assert _types(nlp(ZQX_TEXT)) == PACKAGED_TYPES  # no leak through the derived tables
    assert rules() is packaged()


def test_custom_rules_run_after_the_packaged_ones_are_not_served_stale_tables(nlp, zqx_rules: Rules):
    assert _types(nlp(ZQX_TEXT)) == PACKAGED_TYPES
    assert _types(Entities(zqx_rules)(nlp(ZQX_TEXT))) == CUSTOM_TYPES
    assert _types(nlp(ZQX_TEXT)) == PACKAGED_TYPES


def test_the_entities_factory_takes_a_path(nlp, zqx_rules: Rules, tmp_path: Path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(dict(zqx_rules)), encoding="utf-8")
    component = nlp.create_pipe("linkchart_entities", config={"rules": str(path)})
    assert _types(component(nlp(ZQX_TEXT))) == CUSTOM_TYPES


def test_derived_tables_are_cached_per_rules_and_follow_the_rules_in_force():
    calls = []

    @per_rules
    def forms(r: Rules) -> frozenset[str]:
        calls.append(r)
        return frozenset(r["legal_forms"])

    custom = Rules({"legal_forms": ["Zqx"]})
    assert "Zqx" not in forms() and forms() is forms()
    with using(custom):
        assert forms() == {"Zqx"} and rules() is custom
    assert "Zqx" not in forms() and rules() is packaged()
    assert calls == [packaged(), custom]


def test_rules_are_read_only(zqx_rules: Rules):
    with pytest.raises(TypeError):
        zqx_rules["titles"] = []  # type: ignore[index]
    assert load_rules(zqx_rules) is zqx_rules


def test_the_attribution_word_lists_follow_the_rules_in_force():
    from ner.attribution.common import source_nouns, unnamed_cues

    custom = load_rules({**rules(), "unnamed_cues": ["zqx"], "source_nouns": ["zqxer"]})
    with using(custom):
        assert unnamed_cues() == ("zqx",) and source_nouns() == frozenset({"zqxer"})
    assert "zqx" not in unnamed_cues() and "zqxer" not in source_nouns()


def test_analysis_in_worker_processes_equals_analysis_in_one(nlp):
    from ner.pipeline import analyze
    from ner.records import Document

    text = "Wirecard AG said on Monday that Markus Braun resigned. Munich prosecutors said he lied."
    docs = [Document(id=f"d{i}", text=text) for i in range(3)]
    assert list(analyze(nlp, docs, n_process=2, batch_size=1)) == list(analyze(nlp, docs))
    assert not [k for k in nlp(text).user_data if isinstance(k, str)]  # no per-document caches left
