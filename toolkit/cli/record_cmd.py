"""``blueprint record``: record a contract case from the real provider (exit 0 when it replays, 1 if not)."""

from __future__ import annotations

import os

import click

from toolkit.cli._common import blueprint_manifest, project_option, workspace


@click.command("record")
@click.argument("blueprint", metavar="ID")
@click.argument("case", metavar="CASE")
@click.option("--parameters", metavar="JSON|@FILE", help="Request parameters (a JSON object).")
@click.option("--text-docs", "text_docs", multiple=True, metavar="TEXT", help="A document (repeatable).")
@click.option("--query-text", metavar="TEXT", help="The query of a text-similarity call.")
@click.option("--variables", metavar="JSON|@FILE", help="Blueprint variables over the manifest's defaults.")
@click.option("--description", required=True, help="What the case shows (stored in the cassette).")
@click.option("--mode", type=click.Choice(["once", "new_episodes", "rewrite"]), default="once", show_default=True)
@project_option
@click.pass_context
def record_cmd(ctx, blueprint, case, parameters, text_docs, query_text, variables, description, mode) -> int:
    """Send the predict input for blueprint ID to the real provider and write
    contracts/ID/CASE.yaml of your project, scrubbed (a shipped blueprint is not recorded into: copy
    it into your project first). Secrets come from the environment variables the manifest declares
    (for example OPENAI_API_KEY), never from files."""
    from toolkit.cli._input import json_value
    from toolkit.contract.recording import record_case

    ws = workspace(ctx)
    body: dict = {}
    if parameters is not None:
        body["parameters"] = json_value(parameters, "--parameters")
    if text_docs:
        body["text_docs"] = list(text_docs)
    if query_text is not None:
        body["query_text"] = query_text
    if not body:
        raise click.UsageError("give the predict input: --parameters, or --text-docs (with --query-text)")
    manifest = blueprint_manifest(ws, blueprint)
    if manifest.project != ws.own:
        raise click.UsageError(f"{blueprint} is a shipped blueprint: record writes contracts/{blueprint}/{case}.yaml "
                               "into your project, so copy the blueprint into your project (or pass --project DIR)")
    secrets = {name: os.environ.get(name, "") for name in manifest.secrets}
    result = record_case(manifest.project, blueprint, case, body, secrets, mode=mode, description=description,
                         variables=json_value(variables, "--variables") if variables else None)
    click.echo(f"recorded {result.file}; replay: {'ok' if result.ok else 'FAIL'}")
    for problem in result.problems:
        click.echo("  " + problem.replace("\n", "\n  "), err=True)
    if result.ok:
        click.echo(f"list it under contracts: in blueprints/{blueprint}.yaml as {blueprint}/{case}.yaml")
    return 0 if result.ok else 1
