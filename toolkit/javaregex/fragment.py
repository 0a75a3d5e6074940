"""What each translated piece carries: its text and the facts Java's ``TreeInfo`` would know."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_REPS = 0x7FFFFFFF
FORWARD_REF = "\x00ref{}\x00"  # placeholder for a back-reference to a group not yet opened


def i32(value: int) -> int:
    """``value`` with Java ``int`` overflow."""
    return (value + 2**31) % 2**32 - 2**31


@dataclass
class Frag:
    """Translated text plus what Java's ``TreeInfo`` needs for look-behind checks."""

    text: str
    max_len: int = 0
    max_valid: bool = True
    deterministic: bool = True
    single_char: bool = False
    checked: bool = False  # a Curly: Java checks its max length for int overflow
    min_len: int = 0
    asserts: bool = False  # contains an anchor, look-around or back-reference
    possessive: bool = False  # contains a possessive quantifier or an atomic group


@dataclass
class Groups:
    """Capturing groups seen so far, as Java counts them."""

    count: int = 1  # Java's capturingGroupCount: the number the next group gets
    names: dict[str, int] = field(default_factory=dict)
    forward: set[int] = field(default_factory=set)
    min_lens: dict[int, int] = field(default_factory=dict)  # closed groups: the least text each captures
