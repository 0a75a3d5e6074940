"""``blueprint check [PATH...]`` with no option, as a pre-commit hook calls it: run without loading click.

click and the option machinery cost a fifth of a cold check of one file. Anything else (an option,
``-``, an empty argument, an unexpected error) goes through the click command, which gives the same
output for the same arguments.
"""

from __future__ import annotations

import os
import sys


def plain_check(args: list[str]) -> bool:
    """Whether ``args`` (after the program name) are ``check`` and paths only."""
    return bool(args) and args[0] == "check" and all(arg and not arg.startswith("-") for arg in args[1:])


def run_plain_check(paths: list[str]) -> int | None:
    """The exit code of ``blueprint check PATHS``, or None to leave the arguments to click."""
    from pathlib import Path

    from toolkit.check.api import run_check
    from toolkit.diagnostics import ToolkitError
    from toolkit.report.text import format_diagnostics

    if any(_not_utf8(path) for path in paths):
        return None
    try:
        result = run_check([Path(path) for path in paths], os.environ.get("BLUEPRINT_PROJECT") or None, None, {})
        text = text_report(result)
        if text:
            _echo(text, sys.stdout)
        _echo(result.summary(), sys.stderr)
    except ToolkitError as exc:
        _echo(format_diagnostics(exc.diagnostics, color=sys.stderr.isatty() and not os.environ.get("NO_COLOR")),
              sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        _echo("Interrupted.", sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - click's path reports it (a check writes nothing, so it can run again)
        return None
    return result.exit_code


def text_report(result) -> str:
    """The findings in text, with a line per rule whose findings were capped."""
    from toolkit.check.cap import omitted_counts, omitted_line
    from toolkit.report.text import format_diagnostics

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    more = [omitted_line(*counted) for counted in omitted_counts(result.omitted)]
    return "\n".join([format_diagnostics(result.diagnostics, color=color), *more]) if more else \
        format_diagnostics(result.diagnostics, color=color)


def _echo(text: str, stream) -> None:
    stream.write(text + "\n")
    stream.flush()


def _not_utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
