"""Every rule's documented bad example triggers it and its good example does not, through the CLI."""

from __future__ import annotations

import json

import pytest

from toolkit.check.registry import all_rules

RULES = all_rules()


def _toml(config: dict) -> str:
    lines = []
    for key, value in config.items():
        lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def _run_example(example, rule_id, tmp_path, run_cli):
    root = tmp_path / "example"
    root.mkdir()
    if example.config:
        (root / ".blueprint.toml").write_text(_toml(example.config))
    if example.files:
        for name, text in example.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        (root / "blueprints").mkdir(exist_ok=True)
        args = ["check"]
    else:
        name = "example.md" if example.text.lstrip().startswith(("#", "POST", "PUT")) else "example.json"
        (root / name).write_text(example.text)
        args = ["check", name]
    result = run_cli(*args, "--select", rule_id, "--format", "json", cwd=root)
    assert result.code in (0, 1), result.err
    return [d for d in json.loads(result.out)["diagnostics"] if d["code"] == rule_id]


@pytest.mark.parametrize("rule_id", list(RULES))
def test_bad_example_triggers_the_rule(rule_id, tmp_path, run_cli):
    found = _run_example(RULES[rule_id].bad, rule_id, tmp_path, run_cli)
    assert found, f"{rule_id} bad example found nothing"
    assert all(d["line"] is not None for d in found), found


@pytest.mark.parametrize("rule_id", list(RULES))
def test_good_example_does_not_trigger_the_rule(rule_id, tmp_path, run_cli):
    assert _run_example(RULES[rule_id].good, rule_id, tmp_path, run_cli) == []


def test_rule_ids_and_names_are_unique_and_well_formed():
    import re

    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))
    for rule in RULES.values():
        assert re.fullmatch(r"BP\d{3}", rule.id) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert rule.summary.endswith(".") and len(rule.rationale) > 40
