"""Files and JSON named by command-line options: every failure is an exit-2 diagnostic naming the option
(and the file), located at the file's or the option value's line and column (``--parameters:1:5``).

A missing or unreadable file, text that is not UTF-8 (with the byte offset), JSON that does not
parse or nests deeper than ``nesting.MAX_DEPTH`` (with line and column) all become ``ToolkitError``.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError


def read_bytes(path: str, option: str) -> bytes:
    """The bytes of the file ``option`` names."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ToolkitError(Diagnostic("BP001", f"{option}: no such file", file=path)) from None
    except OSError as exc:
        raise ToolkitError(Diagnostic("BP001", f"{option}: cannot read the file: {exc.strerror}", file=path)) from None


def read_text(path: str, option: str) -> str:
    """The UTF-8 text of the file ``option`` names."""
    data = read_bytes(path, option)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ToolkitError(Diagnostic("BP001", f"{option}: not UTF-8 text: {exc.reason} at byte {exc.start}",
                                      file=path)) from None


def json_value(value: str, option: str) -> object:
    """The JSON given inline or, as ``@FILE``, in a file; bad or too deeply nested JSON is reported at its
    line and column."""
    from toolkit.nesting import loads

    file = value[1:] if value.startswith("@") else None
    try:
        return loads(read_text(file, option) if file is not None else value)
    except json.JSONDecodeError as exc:
        message = f"{option}: not JSON: {exc.msg}" if file is not None else f"not JSON: {exc.msg}"
        raise ToolkitError(Diagnostic("BP001", message, file=file or option, line=exc.lineno,
                                      column=exc.colno)) from None


def check_depth(data: bytes, option: str, file: str) -> None:
    """Refuse ``data`` (JSON, or anything) whose brackets nest deeper than ``nesting.MAX_DEPTH``."""
    from toolkit.nesting import TooDeep, too_deep

    text = data.decode("utf-8", "replace")
    where = too_deep(text)
    if where is not None:
        exc = TooDeep(text, where)
        raise ToolkitError(Diagnostic("BP001", f"{option}: {exc.msg}", file=file, line=exc.lineno, column=exc.colno))
