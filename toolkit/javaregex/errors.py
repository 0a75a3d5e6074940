"""Exceptions of the Java regex layer, shaped like their Java counterparts."""

from __future__ import annotations


class PatternSyntaxError(ValueError):
    """Java's ``PatternSyntaxException``: a description, the pattern and an index (-1 if none).

    ``str()`` is formatted like Java's ``getMessage()``: the description, `` near index <i>``,
    the pattern on the next line and a caret under the offending position.
    """

    def __init__(self, description: str, pattern: str, index: int = -1):
        self.description = description
        self.pattern = pattern
        self.index = index
        super().__init__(self._message())

    def _message(self) -> str:
        text = self.description
        if self.index >= 0:
            text += f" near index {self.index}"
        text += "\n" + self.pattern
        if 0 <= self.index < len(self.pattern):
            pad = "".join("\t" if ch == "\t" else " " for ch in self.pattern[: self.index])
            text += "\n" + pad + "^"
        return text


class RegexTimeout(TimeoutError):
    """A match took longer than its time budget (the answer is unknown, not ``False``)."""

    def __init__(self, pattern: str, text: str, timeout: float):
        self.pattern = pattern
        self.text = text
        self.timeout = timeout
        shown = text if len(text) <= 80 else text[:77] + "..."
        super().__init__(f"matching {pattern!r} against {shown!r} took longer than {timeout:g} s")
