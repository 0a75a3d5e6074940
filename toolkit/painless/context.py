"""The state of one script run: JDK profile, the loop counter and the other bounds."""

from __future__ import annotations

import time

from toolkit.javavalues.numbers import JDouble, JInt, JLong
from toolkit.painless.errors import PainlessLimitError, PainlessUnsupported
from toolkit.painless.fastmath import double_text
from toolkit.painless.values import to_string

LOOP_LIMIT_MESSAGE = "The maximum number of statements that can be executed in a loop has been reached."


class Context:
    """Limits and counters shared by every frame of a run (slot 0 of each frame)."""

    __slots__ = ("jdk", "max_loop_counter", "loops", "deadline", "timeout_s", "depth", "max_depth", "max_chars")

    def __init__(self, *, jdk: int, max_loop_counter: int, timeout_s: float, max_depth: int, max_chars: int):
        self.jdk = jdk
        self.max_loop_counter = max_loop_counter
        self.loops = 0
        self.timeout_s = timeout_s
        self.deadline = time.monotonic() + timeout_s
        self.depth = 0
        self.max_depth = max_depth
        self.max_chars = max_chars

    def tick(self, count: int, line: int, col: int) -> None:
        """One loop iteration whose body has ``count`` statements.

        Painless subtracts ``count`` from the remaining budget and throws once it is no longer
        positive, so a budget of N allows N - 1 single-statement iterations. Hot loops inline this
        test and call ``check_bounds`` only when it is true.
        """
        self.loops += count
        if self.loops >= self.max_loop_counter or self.loops & 0xFF < count:
            self.check_bounds(line, col)

    def check_bounds(self, line: int, col: int) -> None:
        """After ``loops`` passed the loop budget or a multiple of 256: stop on the budget or the clock."""
        if self.loops >= self.max_loop_counter:
            raise PainlessLimitError(LOOP_LIMIT_MESSAGE, line, col)
        if time.monotonic() > self.deadline:  # the clock every ~256 statements
            raise PainlessLimitError(f"the script ran longer than its time budget of {self.timeout_s} s", line, col)

    def text(self, value) -> str:
        """``String.valueOf(value)`` for this run's JDK."""
        kind = type(value)
        if kind is str:
            return value
        if kind is JDouble:
            return double_text(value, self.jdk)
        if kind is JInt or kind is JLong:
            return int.__repr__(value)
        try:
            return to_string(value, self.jdk)
        except ValueError as exc:
            raise PainlessUnsupported(f"String.valueOf here: {exc}") from None
        except TypeError as exc:
            raise PainlessUnsupported(f"String.valueOf here: {exc}") from None

    def concat(self, a, b) -> str:
        result = (a if type(a) is str else self.text(a)) + (b if type(b) is str else self.text(b))
        return self.check_length(result)

    def check_length(self, text: str) -> str:
        if len(text) > self.max_chars:
            raise PainlessLimitError(f"a string grew beyond the emulator's limit of {self.max_chars} characters")
        return text
