"""Run the click group so that no traceback reaches the user.

Exit codes: 0 ok, 1 findings or failures, 2 bad usage or unreadable input. An unexpected
exception is a bug: it is reported in one line (set ``BLUEPRINT_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from toolkit.diagnostics import ToolkitError


def run_guarded(group: click.Group, argv: list[str] | None) -> int:
    problem = _not_utf8(sys.argv[1:] if argv is None else argv)
    if problem:
        click.echo(f"Error: {problem}", err=True)
        return 2
    try:
        result = group.main(args=argv, prog_name="blueprint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:  # usage errors, bad options, unreadable files
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 2
    except ToolkitError as exc:
        from toolkit.report.text import format_diagnostics

        click.echo(format_diagnostics(exc.diagnostics, color=_color()), err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("BLUEPRINT_DEBUG"):
            traceback.print_exc()
        click.echo(f"internal error: {type(exc).__name__}: {exc} (a bug: please report it; "
                   "BLUEPRINT_DEBUG=1 shows the traceback)", err=True)
        return 2
    return result if isinstance(result, int) else 0


def _not_utf8(args: list[str]) -> str | None:
    """Why an argument is not UTF-8 text (the OS hands undecodable bytes over as surrogates), or None."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(arg[exc.start])
            what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            return f"the argument '{shown}' is not UTF-8 text: {what} at offset {len(arg[:exc.start].encode())}"
    return None


def _color() -> bool:
    return sys.stderr.isatty() and not os.environ.get("NO_COLOR")
