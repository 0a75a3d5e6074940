"""``blueprint render``: one blueprint as the body of POST /_plugins/_ml/connectors/_create."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli._common import blueprint_manifest, project_option, workspace


@click.command("render")
@click.argument("blueprint_id", metavar="ID")
@click.option("--set", "assignments", multiple=True, metavar="KEY=VALUE",
              help="A variable value (validated against the manifest's variable schema). Repeatable.")
@click.option("--example", metavar="NAME", help="Start from one of the manifest's named examples.")
@click.option("--secret", "secret_specs", multiple=True, metavar="NAME=env:VAR",
              help="Fill a secret from an environment variable (default: a <NAME> placeholder). Repeatable.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of stdout (never through a symbolic link; 0600 when it holds "
                   "real secrets, else an existing file keeps its mode).")
@click.option("--devtools", is_flag=True, help="Prefix the body with the Dev Tools request line.")
@click.option("--managed-service", is_flag=True,
              help="The Amazon OpenSearch Service variant: credential roleArn (AWS services) or secretArn and "
                   "roleArn (an API key kept in AWS Secrets Manager); its secrets are AWS_ROLE_ARN and AWS_SECRET_ARN.")
@project_option
@click.pass_context
def render_cmd(ctx: click.Context, blueprint_id: str, assignments: tuple[str, ...], example: str | None,
               secret_specs: tuple[str, ...], output: Path | None, devtools: bool, managed_service: bool) -> int:
    """Render blueprint ID into connector JSON (pretty, stable key order) on stdout.

    Secrets render as visible placeholders such as <OPENAI_API_KEY> unless given with --secret;
    real values go to stdout, or to a file only when you name one with --output.
    """
    from toolkit.api import render
    from toolkit.variables import parse_assignments, resolve_secrets

    manifest = blueprint_manifest(workspace(ctx), blueprint_id)
    declared = manifest
    if managed_service:
        from toolkit.managed_service import managed_manifest, require

        require(manifest)
        declared = managed_manifest(manifest)
    secrets = resolve_secrets(declared, parse_assignments(secret_specs, "--secret", reveal=False))
    text = render(manifest, variables=parse_assignments(assignments, "--set"), example=example,
                  secrets=secrets, managed_service=managed_service).pretty()
    if devtools:
        text = "POST /_plugins/_ml/connectors/_create\n" + text
    if output:
        from toolkit.paths import write_output

        write_output(output, text, private=bool(secrets))
        click.echo(f"wrote {output}" + (" (mode 0600: it holds secret values)" if secrets else ""), err=True)
    else:
        click.echo(text, nl=False)
    return 0
