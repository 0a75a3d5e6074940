"""The rule reference (docs/rules.md), generated from the registry."""

from __future__ import annotations

import json

from toolkit.check.model import Example, Rule

HEADER = """# Checker rules

Generated from the rule registry by `python -m toolkit.check.docs > docs/rules.md`; a test fails
when this file is stale. Examples are given as changes (JSON pointer: new value) to one of two
example connectors, an OpenAI embeddings one and a Bedrock Titan one, or as diffs to a one-blueprint
example project (all in `toolkit/check/rules/_examples.py`); `blueprint rules ID --format json`
prints them in full. `blueprint rules ID` prints one rule. Section numbers refer to
`../shared/spec/mlcommons-connectors.md`, the ML Commons behaviour each rule is based on.

## What the severities mean

- **error**: ML Commons rejects the body (creation, registration or the cluster setting fails), or the
  connector fails for every plausible value the reader fills in (every predict call fails or sends what
  was not meant), or it is a security hole that works as written (a secret in the file, a trusted-endpoint
  regex that admits other hosts).
- **warning**: accepted, and it may work, but probably not as written: it fails for some inputs or for
  most fills (a URL that hard-codes a region the signing region must then match), a setting is silently
  ignored or changed, or security is weakened (plain http).
- **info**: worth knowing, not a defect by itself: a template marker the reader replaces, a parameter
  expected at predict time, an unused parameter, what only a newer release enforces.

A rule's severity below is its default; a finding may say otherwise where the same rule covers both
cases (BP202 is an error for a blueprint whose inputs are declared, info for a document). Documents are
templates: a template marker (`<YOUR REGION>`, `your_api_key`, `{{region}}`, ...) is reported once
(BP211), and every other rule judges it as some value the reader fills in, reporting only what holds
whatever that value is.
"""


def _example(example: Example) -> str:
    if example.files:
        return _files(example.files)
    config = f"\n\nchecked with `{json.dumps(example.config)}`" if example.config else ""
    delta = _delta(example.text)
    if delta is None:
        return f"```json\n{example.text.rstrip()}\n```{config}"
    name, changes = delta
    if not changes:
        return f"the {name} as it is{config}"
    lines = [f"the {name} with:", "", "```"] + changes + ["```"]
    return "\n".join(lines) + config


def _files(files: dict[str, str]) -> str:
    """A project example as diffs against the shared example project (a manifest and a template)."""
    import difflib

    from toolkit.check.rules._examples import project

    base = project()
    parts = []
    for name, text in files.items():
        if name not in base:
            parts.append(f"`{name}`:\n\n```\n{text.rstrip()}\n```")
        elif text != base[name]:
            diff = difflib.unified_diff(base[name].splitlines(), text.splitlines(), name, name, n=1, lineterm="")
            parts.append("```diff\n" + "\n".join(diff) + "\n```")
    return "the example project" + (" with:\n\n" + "\n\n".join(parts) if parts else " as it is")


def _delta(text: str) -> tuple[str, list[str]] | None:
    """The example as changes to one of the shared example connectors, when it is one of them changed."""
    from toolkit.check.rules._examples import AWS_BASE, BASE

    try:
        data = json.loads(text)
    except ValueError:
        return None
    best = min(((label, _changes(base, data, "")) for label, base in (
        ("OpenAI example connector", BASE), ("Bedrock example connector", AWS_BASE))), key=lambda c: len(c[1]))
    return best if len(best[1]) <= 6 else None


def _changes(old: object, new: object, path: str) -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in old:
            if key not in new:
                out.append(f"{path}/{key}: (removed)")
        for key in new:
            out += _changes(old[key], new[key], f"{path}/{key}") if key in old else [f"{path}/{key}: {json.dumps(new[key], ensure_ascii=False)}"]
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [c for i, (a, b) in enumerate(zip(old, new)) for c in _changes(a, b, f"{path}/{i}")]
    return [] if old == new and type(old) is type(new) else [f"{path or '/'}: {json.dumps(new, ensure_ascii=False)}"]


def rule_markdown(rule: Rule) -> str:
    lines = [f"## {rule.id} {rule.name}", "",
             f"*{rule.severity.value}*, {rule.family}" + (f"; spec {rule.spec}" if rule.spec else ""), "",
             f"**{rule.summary}** {rule.rationale}", ""]
    if rule.hint:
        from toolkit.catalog.prose import prose_markdown

        lines += [f"Fix: {prose_markdown(rule.hint)}", ""]  # a hint is plain text (the CLI prints it as it is)
    lines += ["Bad:", "", _example(rule.bad), "", "Good:", "", _example(rule.good), ""]
    return "\n".join(lines)


def rules_markdown(rules: dict[str, Rule]) -> str:
    index = ["| id | name | severity | summary |", "|---|---|---|---|"]
    index += [f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {r.severity.value} | {r.summary} |" for r in rules.values()]
    return "\n".join([HEADER, *index, "", *(rule_markdown(r) for r in rules.values())]).rstrip() + "\n"


if __name__ == "__main__":
    from toolkit.check.registry import all_rules

    print(rules_markdown(all_rules()), end="")
