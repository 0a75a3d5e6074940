"""The exceptions a Painless script can raise in this toolkit, each with a 1-based script position."""

from __future__ import annotations


class PainlessError(Exception):
    """Base class: a message about a place (line, column) in the script."""

    kind = "error"

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message = message
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    @property
    def location(self) -> str:
        return f"{self.line}:{self.column}" if self.line is not None else "?"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class PainlessSyntaxError(PainlessError):
    """The script does not lex or parse (Painless rejects it at compile time)."""

    kind = "syntax error"


class PainlessCompileError(PainlessError):
    """The script parses but Painless would reject it at compile time (bad assignment target, ...)."""

    kind = "compile error"


class PainlessRuntimeError(PainlessError):
    """A Java exception escaped the script: ``java_class`` is its class name (e.g. ``java.lang.ArithmeticException``)."""

    kind = "runtime error"

    def __init__(self, java_class: str, message: str | None, line: int | None = None, column: int | None = None):
        self.java_class = java_class
        self.java_message = message
        text = java_class if message is None else f"{java_class}: {message}"
        super().__init__(text, line, column)


class PainlessLimitError(PainlessError):
    """A resource bound was hit: loop counter, recursion depth, time budget or output size."""

    kind = "limit exceeded"


class PainlessUnsupported(PainlessError):
    """The script uses something this emulator does not model; never a silent wrong answer."""

    kind = "unsupported"

    def __init__(self, what: str, line: int | None = None, column: int | None = None):
        super().__init__(f"unsupported in this emulator: {what}", line, column)
