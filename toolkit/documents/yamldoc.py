"""YAML as plain JSON-like data with the position of every key, item and value, and of a character
inside a scalar, read through the bounded loader (``toolkit.yamlload``: no anchors, aliases or tags,
nesting bounded as for JSON).

Keys become strings (ML Commons reads JSON objects) and values that JSON has no type for (a YAML
timestamp) become their text. A character inside a string maps exactly for one-line plain and quoted
scalars and for literal blocks (``|``); elsewhere (folded or multi-line flow scalars) to where the
value starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.source import Position, pointer


class YamlError(ValueError):
    def __init__(self, message: str, position: Position | None):
        super().__init__(message)
        self.message, self.position = message, position


@dataclass
class YamlDocument:
    text: str
    data: object
    keys: dict[str, Position] = field(default_factory=dict)  # pointer -> where its key (or item) starts
    values: dict[str, Position] = field(default_factory=dict)  # pointer -> where its value starts
    strings: dict[str, str] = field(default_factory=dict)  # pointer -> string value

    def position(self, ptr: str, string_offset: int | None = None) -> Position | None:
        """Where ``ptr`` is written (its key, for object members; the deepest existing ancestor for a
        pointer that is not there); with ``string_offset``, that character of its string value."""
        if string_offset is not None and ptr in self.strings:
            return self._char(ptr, string_offset)
        while ptr not in self.keys:
            if not ptr:
                return Position(1, 1)
            ptr = ptr.rsplit("/", 1)[0]
        return self.keys[ptr]

    def _char(self, ptr: str, offset: int) -> Position:
        start, value = self.values[ptr], self.strings[ptr]
        if not 0 <= offset <= len(value):
            return start
        from toolkit.lines import split_lines

        lines = split_lines(self.text)
        head = lines[start.line - 1][start.column - 1:]
        if "\n" not in value:
            column = _column_in_flow_scalar(head, value, offset)
            if column is not None:
                return Position(start.line, start.column + column)
        if head[:1] == "|":
            return _char_in_literal(lines, start, value, offset)
        return start


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; raise ``YamlError`` with the position the loader stopped at."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from toolkit.yamlload import round_trip

    try:
        node = round_trip().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlError(message, Position(mark.line + 1, mark.column + 1) if mark else None) from None
    except YAMLError as exc:
        raise YamlError(str(exc), None) from None
    doc = YamlDocument(text, None)
    doc.keys[""] = doc.values[""] = Position(1, 1)
    doc.data = _plain(node, [], doc)
    return doc


def _plain(node: object, path: list, doc: YamlDocument) -> object:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            name = key if isinstance(key, str) else str(key)
            ptr = pointer([*path, name])
            doc.keys[ptr] = Position(node.lc.key(key)[0] + 1, node.lc.key(key)[1] + 1)
            doc.values[ptr] = Position(node.lc.value(key)[0] + 1, node.lc.value(key)[1] + 1)
            out[name] = _plain(value, [*path, name], doc)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            ptr = pointer([*path, index])
            doc.keys[ptr] = doc.values[ptr] = Position(node.lc.item(index)[0] + 1, node.lc.item(index)[1] + 1)
            items.append(_plain(value, [*path, index], doc))
        return items
    if isinstance(node, str):
        doc.strings[pointer(path)] = str(node)
        return str(node)
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _column_in_flow_scalar(head: str, value: str, offset: int) -> int | None:
    """Column (0-based, from the value's start) of character ``offset`` of a one-line scalar written
    at the start of ``head``: plain, 'single-quoted' or "double-quoted"; None when it is not that."""
    if head.startswith(value) and head[:1] not in "'\"":
        return offset
    quote = head[:1]
    if quote not in ("'", '"'):
        return None
    raw, decoded = 1, 0
    while decoded < offset and raw < len(head):
        if quote == "'" and head.startswith("''", raw):
            raw += 2
        elif quote == '"' and head[raw] == "\\":
            raw += {"x": 4, "u": 6, "U": 10}.get(head[raw + 1:raw + 2], 2)
        elif head[raw] == quote:
            return None
        else:
            raw += 1
        decoded += 1
    return raw if decoded == offset else None


def _char_in_literal(lines: tuple[str, ...], start: Position, value: str, offset: int) -> Position:
    """Character ``offset`` of a literal block scalar whose indicator is at ``start``."""
    row = value.count("\n", 0, offset)
    column = offset - (value.rfind("\n", 0, offset) + 1)
    content = [line for line in lines[start.line:] if line.strip()]
    if not content:
        return start
    indent = len(content[0]) - len(content[0].lstrip(" "))
    line_index = start.line + row  # 0-based index of the source line holding that row
    wanted = value.split("\n")[row]
    if line_index < len(lines) and lines[line_index][indent:].startswith(wanted):
        return Position(line_index + 1, indent + column + 1)
    return start



def yaml_locator(doc: YamlDocument, display: str, source_text: str | None = None, first_line: int = 1):
    """Locator for data parsed from ``doc``; when the YAML is a block of a larger document (a fenced
    block in Markdown), ``first_line`` is the line of that document where the block's text starts."""
    from toolkit.check.model import Location
    from toolkit.diagnostics import excerpt_around

    text = doc.text if source_text is None else source_text

    def locate(ptr: str, offset: int | None) -> Location:
        where = doc.position(ptr, offset)
        pos = Position(where.line + first_line - 1, where.column)
        excerpt, start = excerpt_around(text, pos.line)
        return Location(display, pos, excerpt, start)

    return locate
