"""From a JSON pointer (and a character inside a string) back to file:line:col of the source.

Plain JSON files map exactly. A rendered blueprint maps back to its sources: a script included
with the ``script`` filter maps into the ``.painless`` file exactly; other values map to the
template line that produced them (the same text, else the token the finding is about, else the
line of the key), so a finding lands where an author would fix it.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path

from toolkit.check.model import Location
from toolkit.diagnostics import excerpt_around
from toolkit.jsonsource import JsonDocument, offset_to_position, parse_json
from toolkit.lines import line_starts, split_lines
from toolkit.source import Position

_TOKEN = re.compile(r"\$\{[^}]*\}?|[^\s\"',:{}\[\]]+")


def json_locator(doc: JsonDocument, display: str, source_text: str | None = None, to_source=None):
    """Locator for a connector parsed from ``doc``; when the JSON was rewritten from a larger source
    (a Dev Tools body in Markdown), ``to_source`` maps offsets in ``doc.text`` to ``source_text``."""
    text = doc.text if source_text is None else source_text

    def locate(ptr: str, offset: int | None) -> Location:
        where = doc.char_offset(ptr, offset)
        if where is None:
            return Location(display, None)
        pos = offset_to_position(text, to_source(where) if to_source else where)
        excerpt, start = excerpt_around(text, pos.line)
        return Location(display, pos, excerpt, start)

    return locate


MANIFEST_PREFIX = "manifest:"
FILE_PREFIX = "file:"  # file:<project-relative path>#<JSON pointer>: another file of the blueprint (a case, a schema)


def template_locator(rendered, project, manifest):
    """Locator for a rendered blueprint: positions in its template or in its scripts, in its manifest
    for pointers written ``manifest:/trusted_endpoints/0``, or in another file of its project (a
    contract case, a provider schema) for ``file:contracts/acme/embed/one.yaml#/provenance/source``."""
    doc = parse_json(rendered.text)
    template_text = (project.root / rendered.template).read_text(encoding="utf-8")
    template_lines = split_lines(template_text)
    by_text: dict[str, list[int]] = {}
    for i, line in enumerate(template_lines):
        if line.strip():
            by_text.setdefault(line.strip(), []).append(i)
    scripts = {text: name for name, text in rendered.scripts.items()}

    def at(file: str, text: str, line: int, column: int) -> Location:
        excerpt, start = excerpt_around(text, line)
        return Location(file, Position(line, column), excerpt, start)

    def locate(ptr: str, offset: int | None) -> Location:
        if ptr.startswith(MANIFEST_PREFIX):
            where = yaml_position(manifest.doc, _parts(ptr[len(MANIFEST_PREFIX):]), offset)
            return at(manifest.file, manifest.doc.text, where.line, where.column)
        if ptr.startswith(FILE_PREFIX):
            return _in_file(project, *ptr[len(FILE_PREFIX):].split("#", 1), offset)
        value = _value_at(rendered.connector, ptr)
        if isinstance(value, str) and value in scripts:
            file = f"templates/{scripts[value]}"
            pos = offset_to_position(value, offset or 0)
            return at(file, (project.root / file).read_text(encoding="utf-8"), pos.line, pos.column)
        pos = doc.position(ptr, offset)
        if pos is None:
            return at(rendered.template, template_text, 1, 1)
        if offset is not None and isinstance(value, str):
            token = _TOKEN.match(value, offset)
            found = token and _unique(template_text, token.group(0))
            if found is not None:
                return at(rendered.template, template_text, *found)
        rendered_line = split_lines(rendered.text)[pos.line - 1]
        same = by_text.get(rendered_line.strip(), [])
        if len(same) == 1:
            index = same[0]
            column = len(template_lines[index]) - len(template_lines[index].lstrip()) + 1
            return at(rendered.template, template_text, index + 1, column)
        key = ptr.rsplit("/", 1)[-1]
        if key and not key.isdigit():
            if '"' in key or "\n" in key:
                keyed = [i for i, line in enumerate(template_lines) if f'"{key}"' in line]
                nth = rendered.text.count(f'"{key}"', 0, doc.offset(ptr) or 0)
            else:  # the same, from indexes built once
                keyed = _quoted_lines(template_text).get(key, [])
                nth = bisect.bisect_left(_quoted_offsets(rendered.text).get(key, []), doc.offset(ptr) or 0)
            if keyed:
                index = keyed[min(nth, len(keyed) - 1)]
                return at(rendered.template, template_text, index + 1, template_lines[index].find(f'"{key}"') + 1)
        return at(rendered.template, template_text, 1, 1)

    return locate


def _in_file(project, name: str, ptr: str, offset: int | None) -> Location:
    """The place of ``ptr`` (and of character ``offset`` in its string) in the project's YAML or JSON file."""
    from toolkit.source import parse_yaml

    text = (project.root / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        where = parse_json(text).position(ptr, offset) or Position(1, 1)
    else:
        where = yaml_position(parse_yaml(text, name), _parts(ptr), offset)
    excerpt, start = excerpt_around(text, where.line)
    return Location(name, where, excerpt, start)


def yaml_position(doc, parts: list, offset: int | None) -> Position:
    """Where the value at ``parts`` of a YAML document starts, or its character ``offset`` when the
    value is a one-line scalar (plain or quoted, escapes aside); else where its key or item starts."""
    where = doc.position(parts) or Position(1, 1)
    if offset is None:
        return where
    line = split_lines(doc.text)[where.line - 1]
    start = where.column - 1
    if parts and isinstance(parts[-1], str):  # a mapping member: the value follows "key:"
        colon = line.find(":", start + len(parts[-1]))
        if colon < 0:
            return where
        start = len(line) - len(line[colon + 1:].lstrip(" "))
    if start >= len(line) or line[start] in "|>":  # the value is on the lines below
        return where
    start += line[start] in "\"'"
    return Position(where.line, start + offset + 1) if start + offset < len(line) else where


def _parts(ptr: str) -> list:
    return [int(p) if p.isdigit() else p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]]


@functools.lru_cache(maxsize=4)
def _quoted_offsets(text: str) -> dict[str, list[int]]:
    """Where each ``"token"`` (text between two consecutive quotes) starts in ``text``, in order."""
    found: dict[str, list[int]] = {}
    quotes = [m.start() for m in re.finditer('"', text)]
    for first, second in zip(quotes, quotes[1:]):
        found.setdefault(text[first + 1:second], []).append(first)
    return found


@functools.lru_cache(maxsize=4)
def _quoted_lines(text: str) -> dict[str, list[int]]:
    """The 0-based lines of ``text`` holding each ``"token"``: ``[i for i, line in enumerate(lines)
    if f'"{token}"' in line]`` for every token at once (tokens without a quote or line break)."""
    starts = line_starts(text)
    lines: dict[str, list[int]] = {}
    for token, offsets in _quoted_offsets(text).items():
        if "\n" not in token:
            lines[token] = sorted({bisect.bisect_right(starts, at) - 1 for at in offsets})
    return lines


def _unique(text: str, token: str) -> tuple[int, int] | None:
    first = text.find(token)
    if first < 0 or text.find(token, first + 1) >= 0:
        return None
    pos = offset_to_position(text, first)
    return pos.line, pos.column


def _value_at(data: object, ptr: str) -> object:
    for part in ptr.split("/")[1:] if ptr else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
