"""Shapes of real credentials, and how output shows one: a prefix and the length, never the key.

The BP310 rule finds these shapes; every report masks them (``sk-p…(51 chars)``) wherever they
would be printed: messages, hints and excerpt lines.
"""

from __future__ import annotations

import functools
import re

# Built from parts so this file never looks like it holds a key.
SHAPES = [
    ("an OpenAI API key", re.compile("sk-" + r"(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}")),
    ("an AWS access key id", re.compile("(?:AK" + "IA|AS" + r"IA)[0-9A-Z]{16}")),
    ("a Google API key", re.compile("AI" + r"za[0-9A-Za-z_-]{35}")),
    ("a Hugging Face token", re.compile("hf" + r"_[A-Za-z0-9]{30,}")),
    ("an Anthropic API key", re.compile("sk-" + r"ant-[A-Za-z0-9_-]{20,}")),
    ("a private key", re.compile("-----BEGIN [A-Z ]*PRIVATE" + " KEY-----")),
]
SHOWN_PREFIX = 4  # characters of a masked value that stay visible


@functools.cache
def any_shape() -> re.Pattern:
    """One pattern for every shape: most strings match none, so they are scanned once."""
    return re.compile("|".join(f"(?:{shape.pattern})" for _, shape in SHAPES))


def masked(value: str) -> str:
    """``sk-p…(51 chars)``: enough to recognise which key, not enough to use it."""
    return f"{value[:SHOWN_PREFIX]}…({len(value)} chars)"


def mask_keys(text: str) -> str:
    """``text`` with every key shape masked."""
    return any_shape().sub(lambda m: masked(m.group(0)), text)
