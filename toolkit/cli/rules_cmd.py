"""``blueprint rules``: the rule registry, as a list or one rule in full."""

from __future__ import annotations

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json, table


@click.command("rules")
@click.argument("rule_id", required=False, metavar="[ID]")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def rules_cmd(rule_id: str | None, fmt: str) -> int:
    """List every rule, or show rule ID (an id such as BP101 or a name such as unknown-key) in full."""
    from toolkit.check.docs import rule_markdown
    from toolkit.check.registry import all_rules, find_rule
    from toolkit.diagnostics import Diagnostic, ToolkitError

    rules = all_rules()
    if rule_id:
        found = find_rule(rule_id)
        if found is None:
            raise ToolkitError(Diagnostic("BP001", f"no rule {rule_id!r}", hint="`blueprint rules` lists them"))
        if fmt == "json":
            echo_json(_as_dict(found))
        else:
            click.echo(rule_markdown(found))
        return 0
    if fmt == "json":
        echo_json([_as_dict(r) for r in rules.values()])
    else:
        click.echo(table([[r.id, r.name, r.severity.value, r.family, r.summary] for r in rules.values()],
                         ["ID", "NAME", "SEVERITY", "FAMILY", "SUMMARY"]))
    return 0


def _as_dict(rule) -> dict:
    return {"id": rule.id, "name": rule.name, "severity": rule.severity.value, "family": rule.family,
            "summary": rule.summary, "rationale": rule.rationale, "hint": rule.hint, "spec": rule.spec,
            "bad": rule.bad.text, "good": rule.good.text}
