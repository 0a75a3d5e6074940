"""What a reader of code hands back: connector bodies as strict JSON with the way back to the code,
and problems at an offset of the code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# the end of a URL that creates a connector or registers a model (with an inline connector)
CONNECTOR_PATH = re.compile(r"(?:^|/)_plugins/_ml/(connectors/_create|models/_register)/?(?:\?.*)?$", re.DOTALL)


@dataclass
class Body:
    offset: int  # where the call or command starts in the code
    path: str  # "/_plugins/_ml/connectors/_create" or "/_plugins/_ml/models/_register"
    text: str  # strict JSON
    to_code: Callable[[int], int]  # offset in text -> offset in the code
    elided: set[str] = field(default_factory=set)  # pointers of objects shown in part


@dataclass
class Problem:
    offset: int  # in the code
    message: str
