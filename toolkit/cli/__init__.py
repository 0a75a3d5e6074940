"""The ``blueprint`` command.

Each subcommand lives in its own module under ``toolkit/cli/`` and is imported only when it is
invoked, so ``blueprint --help`` and a pre-commit ``blueprint check`` pay only for what they use.
Modules here parse arguments and print; the work happens in the library modules they call. The
group itself is in ``_group``; a plain ``blueprint check [PATH...]`` runs without click (``_plain_check``).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Console entry point: exit 0 ok, 1 findings or failures, 2 bad usage or unreadable input."""
    from toolkit.cli._plain_check import plain_check, run_plain_check

    args = sys.argv[1:] if argv is None else list(argv)
    if plain_check(args):
        code = run_plain_check(args[1:])
        if code is not None:
            return code
    from toolkit.cli._errors import run_guarded
    from toolkit.cli._group import cli

    return run_guarded(cli, argv)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
