"""Source positions: load YAML into plain data plus a map from JSON pointer to line:column.

Every diagnostic about a manifest or a cassette points at the exact key that is wrong. ruamel's
round-trip loader knows where each key and item starts; we flatten that into a dictionary keyed by
RFC 6901 pointers so that later stages work on plain ``dict``/``list`` data.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from toolkit.diagnostics import Diagnostic, ToolkitError, excerpt_around


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based


class SourceDocument:
    """Parsed data, the original text and the position of every key and item."""

    __slots__ = ("path", "text", "data", "positions")

    def __init__(self, path: str, text: str, data: object, positions: dict[str, Position]):
        self.path, self.text, self.data, self.positions = path, text, data, positions

    def position(self, path: Iterable[str | int]) -> Position | None:
        """Position of the deepest existing node along ``path`` (a jsonschema ``absolute_path``)."""
        parts = list(path)
        while True:
            found = self.positions.get(pointer(parts))
            if found is not None or not parts:
                return found
            parts.pop()

    def diagnostic(self, code: str, message: str, path: Iterable[str | int] = (), hint: str | None = None) -> Diagnostic:
        pos = self.position(path)
        line, column = (pos.line, pos.column) if pos else (None, None)
        excerpt, start = excerpt_around(self.text, line) if line else ((), None)
        return Diagnostic(code, message, file=self.path, line=line, column=column,
                          pointer=pointer(path), hint=hint, excerpt=excerpt, excerpt_start=start)


def pointer(parts: Iterable[str | int]) -> str:
    """RFC 6901 JSON pointer for a sequence of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def read_text(path: Path, display: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ToolkitError(Diagnostic("BP001", "file not found", file=display)) from None
    except UnicodeDecodeError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not UTF-8 text: {exc.reason} at byte {exc.start}", file=display)) from None
    except OSError as exc:
        raise ToolkitError(Diagnostic("BP001", f"cannot read: {exc.strerror}", file=display)) from None


def load_yaml(path: Path, display: str | None = None) -> SourceDocument:
    """Load one YAML document; YAML errors become a BP001 diagnostic with the error's position."""
    display = display or str(path)
    return parse_yaml(read_text(path, display), display)


def parse_yaml(text: str, display: str) -> SourceDocument:
    """Parse with libyaml where that is sure to give ruamel's result (``toolkit.yamlfast``), else with ruamel."""
    from toolkit.yamlfast import fast_load

    fast = fast_load(text)
    if fast is not None:
        data, positions = fast
        return SourceDocument(display, text, data, {key: Position(*where) for key, where in positions.items()})
    return _parse_yaml_ruamel(text, display)


def _parse_yaml_ruamel(text: str, display: str) -> SourceDocument:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from toolkit.yamlload import round_trip

    try:
        node = round_trip().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        excerpt, start = excerpt_around(text, line) if line else ((), None)
        raise ToolkitError(Diagnostic("BP001", f"invalid YAML: {message}", file=display, line=line,
                                      column=col, excerpt=excerpt, excerpt_start=start)) from None
    except YAMLError as exc:
        raise ToolkitError(Diagnostic("BP001", f"invalid YAML: {exc}", file=display)) from None
    positions: dict[str, Position] = {"": Position(1, 1)}
    data = _plain(node, [], positions)
    return SourceDocument(display, text, data, positions)


def _plain(node: object, path: list, positions: dict[str, Position]) -> object:
    """Convert ruamel's commented containers to plain ones, recording where each child starts."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            line, col = node.lc.key(key)
            positions[pointer([*path, key])] = Position(line + 1, col + 1)
            out[str(key) if not isinstance(key, (int, float, bool)) else key] = _plain(value, [*path, key], positions)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            positions[pointer([*path, index])] = Position(line + 1, col + 1)
            out_list.append(_plain(value, [*path, index], positions))
        return out_list
    if isinstance(node, ScalarString):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node
