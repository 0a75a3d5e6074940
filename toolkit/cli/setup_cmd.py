"""``blueprint setup``: the cluster settings a set of blueprints needs, ready to paste."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from toolkit.cli._common import blueprint_manifest, project_option, show_diagnostics, workspace
from toolkit.cli._version import opensearch_version_option


@click.command("setup")
@click.argument("blueprint_ids", nargs=-1, required=True, metavar="ID...")
@opensearch_version_option("the settings")
@click.option("--existing", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The cluster's current settings (GET _cluster/settings?include_defaults=true output, a PUT body "
                   "or a JSON list of regexes): its trusted endpoints are kept. Default: the release's default "
                   "list, after a GET step to compare it with the cluster's.")
@click.option("--no-existing", is_flag=True, help="Start from an empty list: only these blueprints' regexes "
              "(the setting replaces the whole list, so other connectors may stop working).")
@click.option("--keep-unsafe", is_flag=True, help="Keep --existing regexes that the setting validator refuses or "
              "the endpoint audit finds loose, as notes (default: each is a finding, exit 1).")
@click.option("--access-control", is_flag=True, help="Also turn on connector access control.")
@click.option("--format", "fmt", type=click.Choice(["json", "devtools", "curl"]), default="devtools", show_default=True)
@project_option
@click.pass_context
def setup_cmd(ctx: click.Context, blueprint_ids: tuple[str, ...], profile, existing: Path | None, no_existing: bool,
              keep_unsafe: bool, access_control: bool, fmt: str) -> int:
    """Print the PUT _cluster/settings call the blueprints ID... need on one OpenSearch release, with
    notes on what it does there.

    The setting replaces the cluster's whole trusted list: with --existing the call keeps the
    cluster's list; without it, it uses the release's default list and first prints a GET to compare
    that with the cluster's (re-run with --existing if they differ); --no-existing means only these
    blueprints' regexes. --format json prints the body alone (notes on stderr).

    Every rendered URL of the blueprints is proven to match the resulting list (Java semantics);
    exit 1 if one does not, if a blueprint calls a private host on a release that refuses them, or if
    an added or kept (--existing) regex fails the setting validator (3.7+) or the endpoint audit
    (--keep-unsafe keeps the cluster's own regexes with a note instead; the release's default regexes are only noted).
    """
    from toolkit.api import settings_for
    from toolkit.settings import LIST_SETTINGS, TRUSTED, current_settings_path
    from toolkit.versions import Profile

    if existing and no_existing:
        raise click.UsageError("--existing and --no-existing exclude each other")
    if keep_unsafe and not existing:
        raise click.UsageError("--keep-unsafe applies to the regexes of --existing")
    profile = profile or Profile.for_version()
    ws = workspace(ctx)
    manifests = [blueprint_manifest(ws, blueprint_id) for blueprint_id in dict.fromkeys(blueprint_ids)]
    plan = settings_for(manifests, opensearch_version=profile.release.short, existing=existing,
                        no_existing=no_existing, keep_unsafe=keep_unsafe, access_control=access_control)
    body = json.dumps(plan.body, indent=2, ensure_ascii=False)
    if fmt == "json":
        click.echo(body)
        for note in plan.notes:
            click.echo(f"note: {note}", err=True)
    else:
        lines = [f"OpenSearch {profile} (--opensearch-version)", *plan.notes]
        comments = "\n".join("# " + line for note in lines
                             for line in textwrap.wrap(note, 96, break_long_words=False, break_on_hyphens=False))
        path = current_settings_path([key for key in LIST_SETTINGS if key in plan.persistent])
        get_path = None if existing or no_existing else path
        if not plan.added and list(plan.persistent) == [TRUSTED]:  # nothing to write: at most the GET to compare
            click.echo(comments + (f"\n{_get(get_path, fmt == 'curl')}" if get_path else ""))
        else:
            click.echo(f"{comments}\n{_calls(body, fmt == 'curl', get_path)}")
    show_diagnostics(plan.problems)
    return 1 if plan.problems else 0


_CLUSTER, _AUTH = '"${OPENSEARCH_URL:-https://localhost:9200}/', '-u "${OPENSEARCH_USER:-admin}:$OPENSEARCH_PASSWORD"'


def _get(get_path: str, curl: bool) -> str:
    """The GET of the cluster's lists, in Dev Tools or curl form (saved as current.json)."""
    return f'curl -sS {_CLUSTER}{get_path}" \\\n  {_AUTH} > current.json' if curl else f"GET {get_path}"


def _calls(body: str, curl: bool, get_path: str | None) -> str:
    """The PUT in Dev Tools or curl form, after a GET of the cluster's lists when ``get_path``."""
    if curl:
        put = (f"curl -sS -X PUT {_CLUSTER}_cluster/settings\" \\\n  {_AUTH} -H 'Content-Type: application/json' \\\n"
               f"  --data-binary @- <<'JSON'\n{body}\nJSON")
    else:
        put = f"PUT _cluster/settings\n{body}"
    if get_path is None:
        return put
    return ("# 1. The cluster's lists now (under \"defaults\" when never set): unless they are the release defaults\n"
            "#    this call starts from, re-run this command with --existing current.json (this GET's output)\n"
            f"#    and skip step 2.\n{_get(get_path, curl)}\n\n# 2. The release defaults plus these blueprints' regexes.\n{put}")
