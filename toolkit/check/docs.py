"""The rule reference (docs/rules.md), generated from the registry."""

from __future__ import annotations

from toolkit.check.model import Example, Rule

HEADER = """# Checker rules

Generated from the rule registry by `python -m toolkit.check.docs > docs/rules.md`; a test fails
when this file is stale. `blueprint rules ID` prints one rule. Section numbers refer to
`../shared/spec/mlcommons-connectors.md`, the ML Commons behaviour each rule is based on.
"""


def _example(example: Example) -> str:
    if example.files:
        return "\n\n".join(f"`{name}`:\n\n```\n{text.rstrip()}\n```" for name, text in example.files.items())
    return f"```json\n{example.text.rstrip()}\n```"


def rule_markdown(rule: Rule) -> str:
    lines = [f"## {rule.id} {rule.name}", "",
             f"*{rule.severity.value}*, {rule.family}" + (f"; spec {rule.spec}" if rule.spec else ""), "",
             f"**{rule.summary}** {rule.rationale}", ""]
    if rule.hint:
        lines += [f"Fix: {rule.hint}", ""]
    lines += ["Bad:", "", _example(rule.bad), "", "Good:", "", _example(rule.good), ""]
    return "\n".join(lines)


def rules_markdown(rules: dict[str, Rule]) -> str:
    index = ["| id | name | severity | summary |", "|---|---|---|---|"]
    index += [f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {r.severity.value} | {r.summary} |" for r in rules.values()]
    return "\n".join([HEADER, *index, "", *(rule_markdown(r) for r in rules.values())]).rstrip() + "\n"


if __name__ == "__main__":
    from toolkit.check.registry import all_rules

    print(rules_markdown(all_rules()), end="")
