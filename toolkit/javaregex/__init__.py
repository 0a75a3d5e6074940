"""Java ``java.util.regex`` semantics for Python, and trusted-endpoint tooling built on them.

``compile(pattern, jdk)`` translates Java syntax for the `regex` module behind a scanner that
fails closed; ``JavaPattern.matches`` is Java's whole-string ``matches()`` with a timeout.
``matches(pattern, text)`` answers the same through Python's ``re`` when the pattern is plain enough
(``toolkit.javaregex.plain``). The names below are imported on first use: the `regex` module alone
costs more than checking one connector, and most checks never need it.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "DEFAULT_TRUSTED_ENDPOINTS": "setting",
    "JavaPattern": "pattern",
    "PatternSyntaxError": "errors",
    "RegexTimeout": "errors",
    "compile": "pattern",
    "matches": "plain",
    "validate_setting_regex": "setting",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
