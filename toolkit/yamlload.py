"""ruamel's round-trip YAML loader, bounded: plain data only, at most ``MAX_DEPTH`` levels.

Manifests and cassettes have no use for anchors, aliases or tags. Expanding aliases is how a few
hundred bytes ("billion laughs") become gigabytes, and tags reach constructors that fail on odd
values (``!!int x``, ``!!omap``); so the composer refuses an anchor, alias or tag when it meets it,
before anything is expanded or constructed, at its line:column. Nesting is refused at the same
limit as JSON. A value no constructor accepts (an integer of more than 4,300 digits) is reported
at its position too.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, ComposerError
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent

from toolkit.nesting import MAX_DEPTH


_PLAIN = "write the value out: anchors, aliases and tags are not allowed here"


class BoundedComposer(Composer):
    """A composer that refuses anchors, aliases and tags and counts the nesting of collections."""

    def __init__(self, loader=None) -> None:
        super().__init__(loader)
        self.levels = 0

    def compose_node(self, parent, index):
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(None, None, f"alias *{event.anchor} refused; {_PLAIN}", event.start_mark)
        if event.anchor is not None:
            raise ComposerError(None, None, f"anchor &{event.anchor} refused; {_PLAIN}", event.start_mark)
        if event.ctag is not None:
            tag = event.ctag
            raise ComposerError(None, None, f"tag {tag.handle or ''}{tag.suffix} refused; {_PLAIN}", event.start_mark)
        if not isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            return super().compose_node(parent, index)
        self.levels += 1
        try:
            if self.levels > MAX_DEPTH:
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.levels -= 1


class BoundedConstructor(RoundTripConstructor):
    """The round-trip constructor, with values it cannot build reported at their position."""

    def construct_non_recursive_object(self, node, tag=None):
        try:
            data = super().construct_non_recursive_object(node, tag)
            if isinstance(data, int):
                str(data)  # one Python cannot print (over 4,300 digits) is refused here, not when printed
            return data
        except ValueError as exc:
            raise ConstructorError(None, None, f"cannot read this value: {exc}", node.start_mark) from None


def round_trip() -> YAML:
    """A round-trip (position-keeping) YAML instance, bounded as above; duplicate keys refused."""
    yaml = YAML(typ="rt")
    yaml.Composer = BoundedComposer
    yaml.Constructor = BoundedConstructor
    yaml.allow_duplicate_keys = False
    return yaml
