"""``blueprint endpoints``: check URLs against trusted-endpoint regexes, audit and suggest them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json

JDK = click.Choice(["17", "21"])


@click.group("endpoints")
def endpoints_cmd() -> None:
    """Trusted connector endpoints (plugins.ml_commons.trusted_connector_endpoints_regex)."""


@endpoints_cmd.command("match")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--regex", "regexes", multiple=True, metavar="R", help="A Java regex (repeatable). "
              "Default: ML Commons' default list.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON file: a PUT _cluster/settings body or a plain list of regexes.")
@click.option("--jdk", type=JDK, default="21", show_default=True, help="JDK profile of the cluster.")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def match_cmd(urls: tuple[str, ...], regexes: tuple[str, ...], settings_file: Path | None, jdk: str,
              fmt: str) -> int:
    """Say for each URL whether ML Commons would trust it, and which regex matched.

    Exit 0 when every URL is trusted, 1 when some is not, 2 on bad input.
    """
    from toolkit.javaregex import RegexTimeout
    from toolkit.javaregex.urls import real_host

    patterns = _compiled(regexes, settings_file, int(jdk))
    results = []
    for url in urls:
        row = {"url": url, "trusted": False, "regex": None, "host": real_host(url), "timeout": False}
        for pattern in patterns:
            try:
                matched = pattern.matches(url)
            except RegexTimeout:
                row["timeout"] = True
                continue
            if matched:
                row.update(trusted=True, regex=pattern.pattern)
                break
        results.append(row)
    if fmt == "json":
        echo_json(results)
    else:
        for row in results:
            if row["trusted"]:
                click.echo(f"trusted    {row['url']}\n           matched {row['regex']}\n"
                           f"           real host {row['host'] or '(none: the HTTP client would refuse it)'}")
            else:
                note = " (a regex timed out)" if row["timeout"] else ""
                click.echo(f"UNTRUSTED  {row['url']}{note}\n           "
                           "Connector URL is not matching the trusted connector endpoint regex")
    return 0 if all(row["trusted"] for row in results) else 1


@endpoints_cmd.command("audit")
@click.option("--regex", "regexes", multiple=True, metavar="R", help="A Java regex (repeatable). "
              "Default: ML Commons' default list.")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON file: a PUT _cluster/settings body or a plain list of regexes.")
@click.option("--domain", metavar="D", help="The domain the regexes are meant for (default: inferred "
              "from each regex's literal host).")
@click.option("--jdk", type=JDK, default="21", show_default=True)
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def audit_cmd(regexes: tuple[str, ...], settings_file: Path | None, domain: str | None, jdk: str,
              fmt: str) -> int:
    """Find URLs the regexes accept that really go to another host, and other weaknesses.

    Exit 1 when a finding has severity error.
    """
    from toolkit.javaregex.audit import audit

    findings = audit([regex for regex, _ in _regex_list(regexes, settings_file)], domain, int(jdk))
    if fmt == "json":
        echo_json([f.to_dict() for f in findings])
    else:
        for f in findings:
            click.echo(f"{f.code} {f.severity} {f.name}: {f.message}\n    regex: {f.regex}")
            if f.counterexample:
                click.echo(f"    counterexample: {f.counterexample}")
        errors = sum(f.severity == "error" for f in findings)
        click.echo(f"{len(findings)} finding(s), {errors} error(s)")
    return 1 if any(f.severity == "error" for f in findings) else 0


@endpoints_cmd.command("suggest")
@click.argument("template", metavar="URL_TEMPLATE")
@click.option("--placeholder", "pins", multiple=True, metavar="NAME=REGEX",
              help="Pin placeholder NAME to a Java regex of its legal values (repeatable).")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
def suggest_cmd(template: str, pins: tuple[str, ...], fmt: str) -> int:
    """Suggest the tightest trusted-endpoint regex for a URL template with ${parameters.*}."""
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.javaregex import PatternSyntaxError, compile, validate_setting_regex
    from toolkit.javaregex.suggest import TemplateError, suggest

    domains = {}
    for pin in pins:
        name, sep, value = pin.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pin!r} is not NAME=REGEX", param_hint="--placeholder")
        domains[name] = value
    try:
        result = suggest(template, domains)
        compile(result.regex)
    except TemplateError as exc:
        raise ToolkitError(Diagnostic("EP020", str(exc))) from None
    except PatternSyntaxError as exc:
        raise ToolkitError(Diagnostic("EP001", f"a --placeholder regex is not valid Java: {exc}")) from None
    rejected = validate_setting_regex(result.regex)
    if fmt == "json":
        echo_json({"template": template, "regex": result.regex, "placeholders": result.placeholders,
                   "setting_value": json.dumps(result.regex), "ml_commons_rejects": rejected})
    else:
        click.echo(result.regex)
        for name, value in result.placeholders.items():
            click.echo(f"    ${{parameters.{name}}} -> {value}", err=True)
        if rejected:
            click.echo(f"warning: {rejected}", err=True)
    return 0


def _regex_list(regexes: tuple[str, ...], settings_file: Path | None) -> list[tuple[str, str | None]]:
    """(regex, the file it comes from or None for --regex), default ML Commons' default list."""
    from toolkit.cli._input import read_text
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS
    from toolkit.javaregex.setting import regexes_from_settings
    from toolkit.nesting import loads

    found = [(regex, None) for regex in regexes]
    if settings_file is not None:
        file = str(settings_file)
        try:
            found += [(regex, file) for regex in regexes_from_settings(loads(read_text(file, "--settings")))]
        except json.JSONDecodeError as exc:
            raise ToolkitError(Diagnostic("EP021", f"--settings: not JSON: {exc.msg}", file=file, line=exc.lineno,
                                          column=exc.colno)) from None
        except ValueError as exc:
            raise ToolkitError(Diagnostic("EP021", f"--settings: {exc}", file=file)) from None
    return found or [(regex, None) for regex in DEFAULT_TRUSTED_ENDPOINTS]


def _compiled(regexes: tuple[str, ...], settings_file: Path | None, jdk: int) -> list:
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.javaregex import PatternSyntaxError, compile

    patterns, problems = [], []
    for regex, file in _regex_list(regexes, settings_file):
        try:
            patterns.append(compile(regex, jdk))
        except PatternSyntaxError as exc:
            where = "--settings" if file else "--regex"
            near = f" near index {exc.index}" if exc.index >= 0 else ""
            problems.append(Diagnostic("EP001", f"{where} {regex!r}: invalid Java regex: {exc.description}{near}",
                                       file=file))
    if problems:
        raise ToolkitError(*problems)
    return patterns
