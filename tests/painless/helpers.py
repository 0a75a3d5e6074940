"""Shared helpers for the Painless tests."""

from __future__ import annotations

from toolkit.painless import run_script
from toolkit.painless.values import to_string


def run(source: str, jdk: int = 21, **params):
    """The value a script returns, with ``params`` as its params map."""
    return run_script(source, params, jdk=jdk)


def text(source: str, jdk: int = 21, **params) -> str:
    """``String.valueOf`` of the value a script returns."""
    return to_string(run_script(source, params, jdk=jdk), jdk)
