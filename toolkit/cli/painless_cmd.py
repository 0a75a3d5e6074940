"""``blueprint painless``: parse or run a Painless script and print its value or its error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json


@click.command("painless")
@click.argument("script_file", metavar="FILE|-")
@click.option("--params", "params_arg", metavar="JSON|@FILE", help="The params map, as JSON or @file.json.")
@click.option("--check", is_flag=True, help="Only parse the script.")
@click.option("--jdk", type=click.Choice(["17", "21"]), default="21", show_default=True,
              help="Java profile for Double.toString and regex word boundaries (OpenSearch 2.12+ bundles 21).")
@click.option("--ml-commons", "ml_commons", is_flag=True,
              help="Prepend ML Commons' escape() helper when the script calls escape( without defining it.")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def painless_cmd(script_file: str, params_arg: str | None, check: bool, jdk: str, ml_commons: bool, fmt: str) -> int:
    """Run a Painless script and print its return value (exit 1 on a script error)."""
    from toolkit.painless import mlcommons
    from toolkit.painless.errors import PainlessError
    from toolkit.painless.values import to_plain, to_string

    name = "<stdin>" if script_file == "-" else script_file
    source = _read(script_file)
    params = _params(params_arg)
    prepared = mlcommons.PreparedScript(source, False)
    if ml_commons:
        prepared = mlcommons.prepare_post_process(source, int(jdk))
    try:
        if check:
            from toolkit.painless import parse

            parse(source)
            value = None
        else:
            value = mlcommons.run_prepared(prepared, params, jdk=int(jdk))
    except PainlessError as exc:
        _report(exc, name, fmt)
        return 1
    try:
        shown = None if check else (to_string if fmt == "text" else to_plain)(value, int(jdk))
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
