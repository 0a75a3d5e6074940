"""docs/rules.md is current; arbitrary input never produces a traceback."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from toolkit.check.docs import rules_markdown
from toolkit.check.registry import all_rules
from toolkit.check.rules._examples import AWS_BASE, BASE


def test_rules_doc_is_current():
    expected = rules_markdown(all_rules())
    assert (REPO / "docs" / "rules.md").read_text() == expected, \
        "docs/rules.md is stale: run `python -m toolkit.check.docs > docs/rules.md`"


FUZZ = settings(max_examples=int(__import__("os").environ.get("BLUEPRINT_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_json_file(tmp_path_factory, data, run_cli):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "c.json").write_bytes(data)
    result = run_cli("check", "c.json", cwd=root)
    assert result.code in (0, 1, 2)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=2000), suffix=st.sampled_from(["json", "md"]))
def test_truncated_documents(tmp_path_factory, cut, suffix, run_cli):
    text = json.dumps(BASE, indent=2)
    if suffix == "md":
        text = "# t\n\n```\nPOST /_plugins/_ml/connectors/_create\n" + text.replace('"', '"""', 2) + "\n```\n"
    root = tmp_path_factory.mktemp("fuzz")
    (root / f"c.{suffix}").write_text(text[:cut])
    assert run_cli("check", f"c.{suffix}", cwd=root).code in (0, 1, 2)


def _mutations():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False), st.text(max_size=30),
                     st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))
    return st.lists(st.tuples(st.integers(0, 10_000), leaf, st.booleans()), min_size=1, max_size=6)


def _mutate(doc, mutations):
    """Replace or delete values at pseudo-random paths of ``doc``."""
    for choice, value, delete in mutations:
        rng = random.Random(choice)
        node = doc
        while isinstance(node, (dict, list)) and node:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            key = rng.choice(keys)
            child = node[key]
            if not isinstance(child, (dict, list)) or not child or rng.random() < 0.3:
                if delete and isinstance(node, dict):
                    del node[key]
                else:
                    node[key] = value
                break
            node = child
    return doc


@FUZZ
@given(base=st.sampled_from([BASE, AWS_BASE]), mutations=_mutations())
def test_mutated_connectors(tmp_path_factory, base, mutations, run_cli):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "c.json").write_text(json.dumps(_mutate(json.loads(json.dumps(base)), mutations)))
    result = run_cli("check", "c.json", "--format", "json", cwd=root)
    assert result.code in (0, 1)
    assert all(d["code"] != "BP000" for d in json.loads(result.out)["diagnostics"]), result.out


@FUZZ
@given(text=st.text(max_size=300))
def test_arbitrary_yaml_manifest(tmp_path_factory, text, run_cli):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "blueprints" / "acme").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "blueprints" / "acme" / "x.yaml").write_text(text)
    assert run_cli("check", cwd=root).code in (0, 1, 2)
