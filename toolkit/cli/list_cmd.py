"""``blueprint list``: the shipped blueprints, filtered by provider or task."""

from __future__ import annotations

from collections import Counter

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json, project, show_diagnostics, table


@click.command("list")
@click.option("--provider", help="Only this provider (e.g. openai, bedrock).")
@click.option("--task", help="Only this task (e.g. text_embedding, chat).")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@click.pass_context
def list_cmd(ctx: click.Context, provider: str | None, task: str | None, fmt: str) -> int:
    """List the shipped blueprints (exit 2 if a manifest is invalid)."""
    from toolkit.manifest import load_all

    manifests, problems = load_all(project(ctx))
    chosen = [m for m in manifests if (not provider or m.provider == provider) and (not task or m.task == task)]
    if fmt == "json":
        echo_json({
            "blueprints": [{"id": m.id, "title": m.title, "provider": m.provider, "task": m.task, "protocol": m.protocol,
                            "opensearch_minimum": m.min_opensearch, "template": m.template, "file": m.file}
                           for m in chosen],
            "counts": {"blueprints": len(chosen), "providers": len({m.provider for m in chosen}),
                       "by_provider": dict(sorted(Counter(m.provider for m in chosen).items())),
                       "by_task": dict(sorted(Counter(m.task for m in chosen).items())),
                       "by_protocol": dict(sorted(Counter(m.protocol for m in chosen).items()))},
        })
    else:
        rows = [[m.id, m.provider, m.task, m.protocol, m.min_opensearch, m.title] for m in chosen]
        if rows:
            click.echo(table(rows, ["ID", "PROVIDER", "TASK", "PROTOCOL", "OPENSEARCH", "TITLE"]))
        click.echo(f"{len(chosen)} blueprint(s) from {len({m.provider for m in chosen})} provider(s)", err=not rows)
    show_diagnostics(problems)
    return 2 if problems else 0
