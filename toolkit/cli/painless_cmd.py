"""``blueprint painless``: parse or run a Painless script and print its value or its error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json
from toolkit.cli._version import opensearch_version_option


@click.command("painless")
@click.argument("script_file", metavar="FILE|-")
@click.option("--params", "params_arg", metavar="JSON|@FILE", help="The params map, as JSON or @file.json.")
@click.option("--check", is_flag=True, help="Only parse and compile the script (Painless' compile-time checks), "
                                             "without running it.")
@click.option("--jdk", type=click.Choice(["17", "21"]), default=None,
              help="Java profile for Double.toString and regex word boundaries (default: the JDK the "
                   "--opensearch-version release bundles, 21 from 2.12).")
@click.option("--ml-commons", "ml_commons", is_flag=True,
              help="Run as an ML Commons post-process: prepend the escape() helper when the script calls escape( "
                   "without defining it, and read --params as ML Commons reads a response (every number a "
                   "Double before 3.5).")
@opensearch_version_option("the results")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def painless_cmd(script_file: str, params_arg: str | None, check: bool, jdk: str | None, ml_commons: bool, profile,
                 fmt: str) -> int:
    """Run a Painless script and print its return value (exit 1 on a script error)."""
    from toolkit.painless import mlcommons
    from toolkit.painless.errors import PainlessError
    from toolkit.painless.values import to_plain, to_string
    from toolkit.versions import Profile

    if profile is not None:
        profile.require_emulation()
    profile = profile or Profile.for_version()
    jdk = int(jdk) if jdk else profile.jdk
    name = "<stdin>" if script_file == "-" else script_file
    source = _read(script_file)
    params = _params(params_arg)
    prepared = mlcommons.PreparedScript.as_written(source, profile)
    if ml_commons:
        from toolkit.mlcommons import gson

        prepared = mlcommons.prepare_post_process(source, jdk, profile)
        params = params if gson.jackson(profile) else mlcommons.gson_numbers(params)
    try:
        if check:
            mlcommons.check_prepared(prepared, jdk)
            value = None
        else:
            value = mlcommons.run_prepared(prepared, params, jdk=jdk)
    except PainlessError as exc:
        _report(exc, name, fmt)
        return 1
    try:
        shown = None if check else (to_string if fmt == "text" else to_plain)(value, jdk)
    except (TypeError, ValueError) as exc:  # e.g. an array, whose Java text is an identity hash
        _report_message(f"the result has no reproducible Java text: {exc}", name, fmt)
        return 1
    if fmt == "json":
        echo_json({"ok": True, "file": name, **({} if check else {"value": shown})})
    elif check:
        click.echo(f"{name}: ok")
    else:
        click.echo(shown)
    return 0


def _read(script_file: str) -> str:
    try:
        if script_file == "-":
            return sys.stdin.read()
        return Path(script_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {script_file}: {exc}", param_hint="FILE") from None


def _params(params_arg: str | None) -> dict:
    if params_arg is None:
        return {}
    text = params_arg
    if params_arg.startswith("@"):
        try:
            text = Path(params_arg[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {params_arg[1:]}: {exc}", param_hint="--params") from None
    from toolkit.nesting import loads

    try:
        params = loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--params") from None
    if not isinstance(params, dict):
        raise click.BadParameter("must be a JSON object", param_hint="--params")
    return params


def _report(exc, name: str, fmt: str) -> None:
    if fmt == "json":
        error = {"kind": exc.kind, "message": exc.message, "line": exc.line, "column": exc.column}
        if getattr(exc, "java_class", None):
            error.update(java_class=exc.java_class, java_message=exc.java_message)
        echo_json({"ok": False, "file": name, "error": error})
        return
    where = name if exc.line is None else f"{name}:{exc.line}:{exc.column}"
    click.echo(f"{where}: {exc.kind}: {exc.message}", err=True)


def _report_message(message: str, name: str, fmt: str) -> None:
    if fmt == "json":
        echo_json({"ok": False, "file": name, "error": {"kind": "unsupported", "message": message,
                                                          "line": None, "column": None}})
    else:
        click.echo(f"{name}: unsupported: {message}", err=True)
