"""``blueprint list``: the shipped blueprints and the project's, filtered by provider or task."""

from __future__ import annotations

from collections import Counter

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json, project_option, shadow_note, show_diagnostics, table, workspace


@click.command("list")
@click.option("--provider", help="Only this provider (e.g. openai, bedrock).")
@click.option("--task", help="Only this task (e.g. text_embedding, chat).")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@project_option
@click.pass_context
def list_cmd(ctx: click.Context, provider: str | None, task: str | None, fmt: str) -> int:
    """List the shipped blueprints and your project's, each with where it comes from (SOURCE); a
    project blueprint with a shipped one's id shadows it (exit 2 if a manifest is invalid)."""
    from toolkit.manifest import load_all

    ws = workspace(ctx)
    manifests, problems = load_all(ws)
    chosen = [m for m in manifests if (not provider or m.provider == provider) and (not task or m.task == task)]
    if fmt == "json":
        echo_json({
            "blueprints": [{"id": m.id, "title": m.title, "provider": m.provider, "task": m.task, "protocol": m.protocol,
                            "opensearch_minimum": m.min_opensearch, "template": m.template, "file": m.file,
                            "source": ws.source(m.project), "root": str(m.project.root)}
                           for m in chosen],
            "counts": {"blueprints": len(chosen), "providers": len({m.provider for m in chosen}),
                       "by_provider": dict(sorted(Counter(m.provider for m in chosen).items())),
                       "by_task": dict(sorted(Counter(m.task for m in chosen).items())),
                       "by_protocol": dict(sorted(Counter(m.protocol for m in chosen).items()))},
        })
    else:
        rows = [[m.id, m.provider, m.task, m.protocol, m.min_opensearch, ws.source(m.project), m.title] for m in chosen]
        if rows:
            click.echo(table(rows, ["ID", "PROVIDER", "TASK", "PROTOCOL", "OPENSEARCH", "SOURCE", "TITLE"]))
        click.echo(f"{len(chosen)} blueprint(s) from {len({m.provider for m in chosen})} provider(s)"
                   + _origins(ws, chosen), err=not rows)
    shadowed = ws.shadowed()
    if len(shadowed) == 1:
        click.echo(shadow_note(shadowed[0], ws), err=True)
    elif shadowed:
        named = ", ".join(shadowed[:10]) + (f" and {len(shadowed) - 10} more" if len(shadowed) > 10 else "")
        click.echo(f"note: {len(shadowed)} blueprints of the project ({ws.own.root}) shadow the shipped blueprints "
                   f"of the same ids: {named}", err=True)
    show_diagnostics(problems)
    return 2 if problems else 0


def _origins(ws, chosen) -> str:
    """Where the listed blueprints come from: ``: 61 shipped (DIR), 1 from the project (DIR)``."""
    from toolkit.workspace import SHIPPED

    counts = sorted(Counter(m.project for m in chosen).items(), key=lambda item: ws.source(item[0]) != SHIPPED)
    parts = [f"{count} {'shipped' if ws.source(project) == SHIPPED else 'from the project'} ({project.root})"
             for project, count in counts]
    return ": " + ", ".join(parts) if parts else ""
