"""The HTTP client ML Commons builds for a connector: its timeouts per release (spec 1.4, matrix A13).

``connection_timeout`` and ``read_timeout`` of ``client_config`` (2.13+) are milliseconds on 2.13
(Apache ``RequestConfig``, AWS ``Duration.ofMillis``) and seconds from 2.14 (``Duration.ofSeconds``).
The default, also when ``client_config`` is absent, stayed 30000 until 3.5 (30 s on 2.13, 8.3 hours
from 2.14) and is 30 from 3.6. On 2.13 and 2.14 a ``client_config`` without one of the timeouts
leaves it null, which the executor unboxes when the model deploys; from 2.15 the parser fills the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.mlcommons.xcontent import read_int

__all__ = ["Timeouts", "timeouts"]

_KEYS = ("connection_timeout", "read_timeout")


@dataclass(frozen=True)
class Timeouts:
    """The client's timeouts in seconds, and how ``client_config`` was read."""

    connect: float
    read: float
    unit: str  # "ms" or "s"

    def __str__(self) -> str:
        return f"connect {_human(self.connect)}, read {_human(self.read)} (client_config timeouts in {self.unit})"


def _human(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:g} ms"
    if seconds < 3600:
        return f"{seconds:g} s"
    return f"{seconds:g} s = {seconds / 3600:.1f} h"


def timeouts(connector: Mapping[str, Any], profile) -> Timeouts | None:
    """The timeouts ``connector``'s model calls with on ``profile``'s release; None before 2.13 (no
    ``client_config``: the HTTP library's own). ``EmulatorLimit`` for the null timeout of 2.13 and 2.14.
    The values are read as ``intValue()`` reads them; a connector whose ``client_config`` cannot be read
    was never created (``toolkit.mlcommons.create``, checked first by ``predict``)."""
    from toolkit.mlcommons.predict import EmulatorLimit

    if not profile.has("connector.field.client_config"):
        return None
    config = connector.get("client_config")
    config = config if isinstance(config, Mapping) else None
    default = profile.value("client_config.timeout_default")
    if config is not None and not profile.has("client_config.parse_defaults"):
        missing = [key for key in _KEYS if key not in config]
        if missing:
            raise EmulatorLimit(f"client_config without {' and '.join(missing)}: OpenSearch {profile} leaves it null "
                                "and the executor fails unboxing it (NullPointerException) when the model deploys; "
                                f"the parser fills the default from {profile.since('client_config.parse_defaults').short}")
    values = [default if config is None or key not in config else read_int(config[key]) for key in _KEYS]
    unit = str(profile.value("client_config.timeout_unit"))
    scale = 0.001 if unit == "ms" else 1
    return Timeouts(values[0] * scale, values[1] * scale, unit)
