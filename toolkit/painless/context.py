"""The state of one script run: JDK profile, the loop counter and the other bounds.

Painless' own bound is the loop counter. The others are the emulator's: a wall-clock budget
(checked on loop back-edges and on function and lambda calls), a call depth, a string length and
``MAX_ITEMS`` for one array allocation (counting the elements of every dimension) or one bulk
list operation.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from toolkit.javavalues.numbers import JDouble, JInt, JLong
from toolkit.painless.errors import PainlessLimitError, PainlessUnsupported
from toolkit.painless.fastmath import double_text
from toolkit.painless.values import to_string

LOOP_LIMIT_MESSAGE = "The maximum number of statements that can be executed in a loop has been reached."
MAX_ITEMS = 10_000_000  # elements of one array allocation (all dimensions) or of a list grown in bulk
_MAX_TEXT_DEPTH = 1_000  # collections inside collections that String.valueOf follows (a cycle never ends)


class Context:
    """Limits and counters shared by every frame of a run (slot 0 of each frame)."""

    __slots__ = ("jdk", "max_loop_counter", "loops", "calls", "deadline", "timeout_s", "depth", "max_depth",
                 "max_chars")

    def __init__(self, *, jdk: int, max_loop_counter: int, timeout_s: float, max_depth: int, max_chars: int):
        self.jdk = jdk
        self.max_loop_counter = max_loop_counter
        self.loops = 0
        self.calls = 0
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
            raise self.out_of_time(line, col)

    def call(self, line: int, col: int) -> None:
        """A function or lambda call: the clock every 256 calls, so recursion cannot outrun the budget."""
        self.calls = calls = self.calls + 1
        if not calls & 0xFF and time.monotonic() > self.deadline:
            raise self.out_of_time(line, col)

    def remaining(self) -> float:
        """Seconds left in the time budget (never negative)."""
        return max(0.0, self.deadline - time.monotonic())

    def out_of_time(self, line: int | None = None, col: int | None = None) -> PainlessLimitError:
        return PainlessLimitError(f"the script ran longer than its time budget of {self.timeout_s} s", line, col)

    def check_items(self, count: int, what: str) -> None:
        """``count`` elements for ``what`` (an array, a list), or a limit error beyond ``MAX_ITEMS``."""
        if count > MAX_ITEMS:
            raise PainlessLimitError(f"{what} of {count:,} elements exceeds the emulator's limit of {MAX_ITEMS:,}")

    def text(self, value) -> str:
        """``String.valueOf(value)`` for this run's JDK."""
        kind = type(value)
        if kind is str:
            return value
        if kind is JDouble:
            return double_text(value, self.jdk)
        if kind is JInt or kind is JLong:
            return int.__repr__(value)
        if isinstance(value, (list, Mapping)):
            self._check_text_size(value)
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
        self.check_size(len(text))
        return text

    def check_size(self, size: int) -> None:
        """``size`` (a string length about to be made), or a limit error beyond ``max_chars``."""
        if size > self.max_chars:
            raise PainlessLimitError(f"a string grew beyond the emulator's limit of {self.max_chars} characters")

    def join(self, separator: str, parts: list[str], prefix: str = "", suffix: str = "") -> str:
        """``prefix + separator.join(parts) + suffix``, refused before it is made when too long."""
        self.check_size(len(prefix) + len(suffix) + len(separator) * max(0, len(parts) - 1)
                        + sum(len(p) for p in parts))
        return prefix + separator.join(parts) + suffix

    def _check_text_size(self, value) -> None:
        """Refuse the text of a collection before making it when a lower bound of its length is too long
        (lists holding one another many times over print astronomically; a cycle nests without end)."""
        sizes: dict[int, int] = {}  # id -> lower bound, so a collection held many times is measured once

        def size(item, depth: int) -> int:
            known = sizes.get(id(item))
            if known is not None:
                return known
            if depth > _MAX_TEXT_DEPTH:
                raise PainlessLimitError("the script nests too deeply for the emulator")
            elements = item if isinstance(item, list) else [x for entry in item.items() for x in entry]
            kinds = set(map(type, elements))  # one pass in C; most lists hold only numbers
            total = 1 + len(elements)
            if str in kinds:
                total += sum([len(x) for x in elements if type(x) is str])
            if any(issubclass(kind, (list, Mapping)) for kind in kinds):
                total += sum([size(x, depth + 1) for x in elements if isinstance(x, (list, Mapping)) and x is not item])
            self.check_size(total)
            sizes[id(item)] = total
            return total

        size(value, 0)
