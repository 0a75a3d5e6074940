"""The Java exceptions the emulator raises, named after the class ML Commons throws (spec 4.5, 4.7, 4.8).

The message of each is ML Commons' text exactly, so a test or a user can compare it with a cluster's.
"""

from __future__ import annotations


class MLCommonsError(Exception):
    """Base class; ``java_class`` names the exception ML Commons throws and ``status`` the HTTP status
    OpenSearch answers with (``ExceptionsHelper.status``: 500 unless the class says otherwise).

    ``cause`` is the Java cause ML Commons attaches (``<class>: <message>``), when the emulator knows it
    exactly; ``hint`` is the emulator's own explanation, never part of ML Commons' message.
    """

    java_class = "java.lang.RuntimeException"
    status = 500

    def __init__(self, *args, cause: str | None = None, hint: str | None = None):
        super().__init__(*args)
        self.cause, self.hint = cause, hint

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class IllegalArgumentError(MLCommonsError, ValueError):
    """``IllegalArgumentException``: HTTP 400 (``Invalid payload: …``, missing placeholders, headers)."""

    java_class = "java.lang.IllegalArgumentException"
    status = 400


class IllegalStateError(MLCommonsError):
    """``IllegalStateException``: a substitution cycle (``Infinite loop in property interpolation of …``)."""

    java_class = "java.lang.IllegalStateException"


class StringIndexOutOfBoundsError(MLCommonsError, IndexError):
    """``StringIndexOutOfBoundsException`` from ``validatePayload``'s ``substring(0, -2)`` (spec 4.5)."""

    java_class = "java.lang.StringIndexOutOfBoundsException"
