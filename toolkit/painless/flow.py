"""Statement completion signals: ``None`` (go on), ``BREAK``, ``CONTINUE`` or a ``Returned``."""

from __future__ import annotations

BREAK = object()
CONTINUE = object()


class Returned:
    """A ``return`` reached, with its value."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value
