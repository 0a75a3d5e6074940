"""A fast path for ``toolkit.source.parse_yaml``: libyaml's C parser, with ruamel's YAML 1.2 typing.

ruamel's pure-Python round-trip loader dominated ``blueprint build``. libyaml (through PyYAML's C
extension) parses the same text many times faster, but it is a YAML 1.1 parser, so it is trusted
only where 1.1 and 1.2 cannot differ: its events give each scalar's text, style and position, and
every plain scalar is typed by ruamel's own 1.2 resolver. ``fast_load`` gives up (returns None, and
the caller parses with ruamel) on anything whose result could differ or that ruamel reports: a plain
scalar that YAML 1.1 types otherwise (``yes``, ``012``, ``1:20``), a
directive, an anchor, alias or tag, a complex or duplicate key, nesting deeper than ``MAX_DEPTH``,
a number or timestamp not in the plain decimal forms both read alike, a line break YAML 1.2 does
not know (NEL, LS, PS), the ``\\/`` escape, a tab, or any libyaml error. The result is the plain data and
the positions ruamel's loader gives.
"""

from __future__ import annotations

import functools
import re

from toolkit.nesting import MAX_DEPTH

_DECIMAL_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DECIMAL_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_YAML_1_1_ONLY = ("\x85", "\u2028", "\u2029", "\\/", "\t")
_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null"))


class _GiveUp(Exception):
    """The fast path cannot promise ruamel's result for this text."""


def fast_load(text: str) -> tuple[object, dict[str, tuple[int, int]]] | None:
    """(plain data, {JSON pointer: (line, column), 1-based}) as ruamel's loader gives them, or None."""
    try:
        from yaml import YAMLError
        from yaml._yaml import CParser
    except ImportError:
        return None
    if any(mark in text for mark in _YAML_1_1_ONLY):
        return None
    try:
        return _Events(CParser(text), _plain_tags).document()
    except (_GiveUp, YAMLError):
        return None


@functools.lru_cache(maxsize=4096)
def _plain_tags(value: str) -> frozenset[str]:
    """The tags YAML 1.2 and 1.1 (ruamel's resolvers) give the plain scalar ``value``; a pure function of
    the text, so each distinct scalar is resolved once (resolving dominated loading)."""
    from ruamel.yaml.nodes import ScalarNode

    return frozenset(resolver.resolve(ScalarNode, value, (True, False)) for resolver in _resolvers())


@functools.cache
def _resolvers() -> tuple:
    from ruamel.yaml.resolver import VersionedResolver

    return tuple(VersionedResolver(version=version) for version in ((1, 2), (1, 1)))


class _Events:
    """Composes libyaml's event stream into plain data, recording where each key and item starts."""

    def __init__(self, parser, resolve) -> None:
        self.parser = parser
        self.resolve = resolve
        self.positions: dict[str, tuple[int, int]] = {"": (1, 1)}

    def next(self, kind: str):
        event = self.parser.get_event()
        if type(event).__name__ != kind:
            raise _GiveUp(kind)
        return event

    def document(self) -> tuple[object, dict[str, tuple[int, int]]]:
        from toolkit.source import pointer

        self.pointer = pointer
        self.next("StreamStartEvent")
        start = self.next("DocumentStartEvent")
        if start.version is not None or start.tags:
            raise _GiveUp("directive")
        data = self.node(self.parser.get_event(), "", 0)
        self.next("DocumentEndEvent")
        self.next("StreamEndEvent")
        return data, self.positions

    def node(self, event, path: str, depth: int) -> object:
        kind = type(event).__name__
        if kind == "AliasEvent" or getattr(event, "anchor", None) is not None or getattr(event, "tag", None):
            raise _GiveUp("anchor, alias or tag")
        if kind == "ScalarEvent":
            return self.scalar(event)
        if depth >= MAX_DEPTH:
            raise _GiveUp("depth")
        if kind == "MappingStartEvent":
            return self.mapping(path, depth + 1)
        if kind == "SequenceStartEvent":
            return self.sequence(path, depth + 1)
        raise _GiveUp(kind)

    def scalar(self, event) -> object:
        if event.style:
            return event.value
        value = event.value
        tags = self.resolve(value)
        if len(tags) != 1:
            raise _GiveUp(f"YAML 1.1 and 1.2 type {value!r} differently")
        [tag] = tags
        if tag == _STR:
            return value
        if tag == _NULL and value in _NULLS:
            return None
        if tag == _BOOL and value in _BOOLS:
            return _BOOLS[value]
        if tag == _INT and _DECIMAL_INT.fullmatch(value):
            return int(value)
        if tag == _FLOAT and _DECIMAL_FLOAT.fullmatch(value):
            return float(value)
        raise _GiveUp(f"plain scalar {value!r}")

    def mapping(self, path: str, depth: int) -> dict:
        out: dict = {}
        seen: list = []
        while True:
            event = self.parser.get_event()
            if type(event).__name__ == "MappingEndEvent":
                return out
            if type(event).__name__ != "ScalarEvent":
                raise _GiveUp("complex key")
            key = self.node(event, path, depth)
            if any(key == other for other in seen):
                raise _GiveUp("duplicate key")
            seen.append(key)
            here = path + self.pointer([key])
            self.positions[here] = (event.start_mark.line + 1, event.start_mark.column + 1)
            name = key if isinstance(key, (int, float, bool)) else str(key)
            out[name] = self.node(self.parser.get_event(), here, depth)

    def sequence(self, path: str, depth: int) -> list:
        out: list = []
        while True:
            event = self.parser.get_event()
            if type(event).__name__ == "SequenceEndEvent":
                return out
            here = f"{path}/{len(out)}"
            self.positions[here] = (event.start_mark.line + 1, event.start_mark.column + 1)
            out.append(self.node(event, here, depth))
