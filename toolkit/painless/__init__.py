"""Painless as ML Commons runs it: parser, pretty-printer and a bounded interpreter.

``parse(source)`` gives a ``Script`` AST; ``run_script(source, params)`` evaluates it and returns
its value. Heavy parts (Lark, the interpreter) load on first use.
"""

from __future__ import annotations

from toolkit.painless.errors import (
    PainlessCompileError,
    PainlessError,
    PainlessLimitError,
    PainlessRuntimeError,
    PainlessSyntaxError,
    PainlessUnsupported,
)

__all__ = [
    "PainlessCompileError", "PainlessError", "PainlessLimitError", "PainlessRuntimeError", "PainlessSyntaxError",
    "PainlessUnsupported", "check", "parse", "run_script",
]


def parse(source: str, *, comment_at_eof: bool = True):
    """Parse ``source`` into a ``toolkit.painless.nodes.Script`` (``comment_at_eof``: see ``parser.parse``)."""
    from toolkit.painless.parser import parse as _parse

    return _parse(source, comment_at_eof=comment_at_eof)


def check(source: str, *, jdk: int = 21, comment_at_eof: bool = True, returns: str = "Object"):
    """Parse and compile ``source`` without running it; raises what Painless would reject at compile time
    (``PainlessSyntaxError``, ``PainlessCompileError``) or ``PainlessUnsupported``. Returns the ``Script``.
    ``returns`` is the script context's return type (``String`` for ML Commons' TemplateScript)."""
    from toolkit.painless.compiler import Compiler
    from toolkit.painless.parser import parse as _parse

    script = _parse(source, comment_at_eof=comment_at_eof)
    Compiler(script, jdk, returns).compile_script()
    return script


def run_script(source: str, params: dict, **options):
    """Run ``source`` with ``params``; see ``toolkit.painless.interpreter.run_script`` for the options."""
    from toolkit.painless.interpreter import run_script as _run

    return _run(source, params, **options)
