"""``blueprint setup``: the cluster settings a set of blueprints needs, ready to paste."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from toolkit.cli._common import project, show_diagnostics


@click.command("setup")
@click.argument("blueprint_ids", nargs=-1, required=True, metavar="ID...")
@click.option("--existing", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The cluster's current settings (GET _cluster/settings output, a PUT body or a JSON list of "
                   "regexes): its trusted endpoints are kept. Default: ML Commons' default list.")
@click.option("--no-existing", is_flag=True, help="Start from an empty list: only these blueprints' regexes "
              "(the setting replaces the whole list, so other connectors may stop working).")
@click.option("--keep-unsafe", is_flag=True, help="Keep --existing regexes that the setting validator refuses or "
              "the endpoint audit finds loose, as notes (default: each is a finding, exit 1).")
@click.option("--access-control", is_flag=True, help="Also turn on connector access control.")
@click.option("--format", "fmt", type=click.Choice(["json", "devtools", "curl"]), default="devtools", show_default=True)
@click.pass_context
def setup_cmd(ctx: click.Context, blueprint_ids: tuple[str, ...], existing: Path | None, no_existing: bool,
              keep_unsafe: bool, access_control: bool, fmt: str) -> int:
    """Print the PUT _cluster/settings call the blueprints ID... need, with notes on what it does.

    Every rendered URL of the blueprints is proven to match the resulting list (Java semantics);
    exit 1 if one does not, or if an added or kept (--existing) regex fails the setting validator or
    the endpoint audit (--keep-unsafe keeps the cluster's own regexes with a note instead).
    """
    from toolkit.manifest import find_manifest
    from toolkit.settings import ExistingSource, plan_settings

    if existing and no_existing:
        raise click.UsageError("--existing and --no-existing exclude each other")
    if keep_unsafe and not existing:
        raise click.UsageError("--keep-unsafe applies to the regexes of --existing")
    proj = project(ctx)
    manifests = [find_manifest(proj, blueprint_id) for blueprint_id in dict.fromkeys(blueprint_ids)]
    source = ExistingSource(str(existing), _read(existing), keep_unsafe) if existing else None
    base = [] if no_existing else _existing(source) if source else None
    plan = plan_settings(manifests, proj, base, access_control, existing_source=source)
    body = json.dumps(plan.body, indent=2, ensure_ascii=False)
    if fmt == "json":
        click.echo(body)
        for note in plan.notes:
            click.echo(f"note: {note}", err=True)
    else:
        comments = "\n".join("# " + line for note in plan.notes for line in textwrap.wrap(note, 96))
        if fmt == "devtools":
            click.echo(f"{comments}\nPUT _cluster/settings\n{body}")
        else:
            click.echo(f"{comments}\ncurl -sS -X PUT \"${{OPENSEARCH_URL:-https://localhost:9200}}/_cluster/settings\" \\\n"
                       f"  -u \"${{OPENSEARCH_USER:-admin}}:$OPENSEARCH_PASSWORD\" -H 'Content-Type: application/json' \\\n"
                       f"  --data-binary @- <<'JSON'\n{body}\nJSON")
    show_diagnostics(plan.problems)
    return 1 if plan.problems else 0


def _read(path: Path) -> str:
    from toolkit.source import read_text

    return read_text(path, str(path))


def _existing(source) -> list[str]:
    """Trusted-endpoint regexes from a settings document (GET output includes persistent and transient)."""
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.javaregex.setting import regexes_from_settings
    from toolkit.nesting import loads

    try:
        return regexes_from_settings(loads(source.text))
    except json.JSONDecodeError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not JSON: {exc.msg}", file=source.file, line=exc.lineno,
                                      column=exc.colno)) from None
    except ValueError as exc:
        raise ToolkitError(Diagnostic("BP001", str(exc), file=source.file)) from None
