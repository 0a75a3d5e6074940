"""``blueprint check``: the static checker, for people, CI and pre-commit."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli._common import project_dir, project_option
from toolkit.cli._version import opensearch_version_option

FORMATS = click.Choice(["text", "json", "sarif", "github"])


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option("--select", multiple=True, metavar="ID", help="Only these rules (ids, prefixes or names; comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="ID", help="Skip these rules (comma-separated or repeated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails (default error).")
@click.option("--trusted-endpoint", "trusted", multiple=True, metavar="REGEX",
              help="Trusted-endpoint regex (replaces the configured list). Repeatable.")
@click.option("--access-control/--no-access-control", default=None,
              help="Check as if connector_access_control_enabled were on/off.")
@opensearch_version_option("create-time rules and feature availability",
                           "target-version, else each blueprint's opensearch.minimum up to the newest release, "
                           "else the newest release")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A .blueprint.toml or pyproject.toml (default: the nearest one upwards).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (never through a symbolic link).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
@click.option("--statistics", is_flag=True,
              help="Count findings by rule and severity (and in how many files), with totals and the number "
                   "of files and connector bodies checked: in text the table replaces the findings, in json a "
                   "'statistics' object joins them; not with sarif or github.")
@project_option
@click.pass_context
def check_cmd(ctx: click.Context, paths: tuple[Path, ...], fmt: str, select, ignore, fail_on, trusted,
              access_control, profile, config_file, output, quiet, statistics) -> int:
    """Check manifests, templates, connector JSON files and Markdown Dev Tools calls.

    With no PATH, every blueprint of your project (with no project: of the shipped catalog; the
    summary names which). A finding repeated on another copy of the same
    connector body in a file (a _create body shown again inside _register) is reported once, with
    the other places as "also at line N" (related locations in json and sarif). Exit 0 when nothing
    at or above --fail-on is found, 1 when something is, 2 on bad usage or configuration.
    """
    from toolkit.api import check

    if statistics and fmt not in ("text", "json"):
        raise click.UsageError(f"--statistics works with --format text or json, not {fmt}")

    result = check(paths, select=_selectors(select), ignore=_selectors(ignore), fail_on=fail_on,
                   trusted_endpoints=trusted, access_control=access_control,
                   opensearch_version=profile.release.short if profile else None, config=config_file,
                   project=project_dir(ctx))
    text = _statistics(fmt, result) if statistics else _format(fmt, result)
    if output:
        from toolkit.paths import write_output

        write_output(output, text + "\n")
    elif text:
        click.echo(text)
    if not quiet and fmt == "text":
        click.echo(result.summary(), err=True)
    return result.exit_code


def _selectors(values: tuple[str, ...]) -> list[str]:
    """``--select A,B --select C`` as ``[A, B, C]`` (a comma-separated list, as in ruff)."""
    return [part.strip() for value in values for part in value.split(",")]


def _statistics(fmt: str, result) -> str:
    """The --statistics report: the table in text; in json, the findings report with a ``statistics`` object."""
    from toolkit.check.registry import all_rules
    from toolkit.report.statistics import format_statistics, statistics

    stats = statistics(result.diagnostics + result.omitted, all_rules(), result.files, result.bodies)
    if fmt == "text":
        return format_statistics(stats)
    from toolkit.report.json import format_json

    return format_json(result.diagnostics, result.files, result.omitted, stats)


def _format(fmt: str, result) -> str:
    if fmt == "json":
        from toolkit.report.json import format_json

        return format_json(result.diagnostics, result.files, result.omitted)
    if fmt == "sarif":
        from toolkit.check.registry import all_rules
        from toolkit.report.sarif import format_sarif

        return format_sarif(result.diagnostics, all_rules(), result.omitted)
    if fmt == "github":
        from toolkit.report.github import format_github

        return format_github(result.diagnostics, result.omitted)
    from toolkit.cli._plain_check import text_report

    return text_report(result)
