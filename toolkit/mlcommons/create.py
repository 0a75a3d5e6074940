"""What creating a connector checks that the emulator and the checker share (spec 1.4, 1.5 D.4).

``client_config_failures(config, profile)`` reads ``client_config`` as ``ConnectorClientConfig.parse``
does on ``profile``'s release: each key the release reads (2.13: the connection keys; 2.15: retries;
3.5: ``skip_ssl_verification``; 3.9: mTLS) with its ``toolkit.mlcommons.xcontent`` reader, the backoff
policy through ``RetryBackoffPolicy.from``; other keys are skipped, as the parser skips them. It
yields ``(key, error)`` in document order; creation fails with the first.

``connector_id_error(text)`` is ``MLResourceIdUtils.validateCustomDocumentId(id, "connector id")``
(3.9, ``TransportCreateConnectorAction``); ``check_created(connector, profile)`` raises the first of
these failures, as creating the connector would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.mlcommons.errors import IllegalArgumentError, MLCommonsError
from toolkit.mlcommons.xcontent import expect, read_boolean, read_int, read_text

__all__ = ["CLIENT_CONFIG_INTS", "client_config_failures", "client_config_fact", "connector_id_error",
           "check_created"]

CLIENT_CONFIG_INTS = ("max_connection", "connection_timeout", "read_timeout", "retry_backoff_millis",
                      "retry_timeout_seconds", "max_retry_times")
_BOOLEANS = ("skip_ssl_verification", "mutual_tls_enabled")
_POLICIES = ("CONSTANT", "EXPONENTIAL_EQUAL_JITTER", "EXPONENTIAL_FULL_JITTER")
_ID = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_-]*")
MAX_ID_BYTES = 512


def client_config_fact(key: str) -> str:
    """The fact that says from which release ``ConnectorClientConfig.parse`` reads ``key``."""
    from toolkit.versions import Profile

    fact = f"connector.client_config.{key}"
    return fact if Profile.knows(fact) else "connector.field.client_config"


def _read(key: str, value: Any) -> None:
    if key in CLIENT_CONFIG_INTS:
        read_int(value)
    elif key in _BOOLEANS:
        read_boolean(value)
    elif key == "keystore_type":
        read_text(value, nullable=True)
    elif key == "retry_backoff_policy" and read_text(value).upper() not in _POLICIES:
        raise IllegalArgumentError("Unsupported retry backoff policy")


def client_config_failures(config: Any, profile) -> Iterator[tuple[str | None, MLCommonsError]]:
    """``(key, error)`` for each value of ``config`` the release refuses (module docstring); key None
    when ``client_config`` is not an object."""
    if not profile.has("connector.field.client_config"):
        return
    try:
        expect(config, "START_OBJECT")
    except MLCommonsError as exc:
        yield None, exc
        return
    for key, value in config.items():
        if key in CLIENT_CONFIG_INTS + _BOOLEANS + ("keystore_type", "retry_backoff_policy") \
                and profile.has(client_config_fact(key)):
            try:
                _read(key, value)
            except MLCommonsError as exc:
                yield key, exc


def _java_whitespace(ch: str) -> bool:
    """``Character.isWhitespace``: Unicode separators except the no-break spaces, and the ASCII controls
    TAB to CR and FS to US."""
    import unicodedata

    if ch in "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f":
        return True
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp") and ch not in "\u00a0\u2007\u202f"


def connector_id_error(text: str) -> str | None:
    """``validateCustomDocumentId``'s message for a custom connector id, or None."""
    if all(_java_whitespace(ch) for ch in text):  # String.isBlank()
        return "connector id is invalid"
    if text.startswith("_"):
        return "connector id must not start with '_'"
    if text.startswith("-"):
        return "connector id must not start with '-'"
    if len(text.encode("utf-8", "replace")) > MAX_ID_BYTES:  # a lone surrogate is one byte, "?"
        return f"connector id is too long, max length is {MAX_ID_BYTES}"
    if not _ID.fullmatch(text):
        return ("connector id must contain only letters, digits, underscores, and hyphens, "
                "and must start with a letter or digit")
    return None


def check_created(connector: Mapping[str, Any], profile) -> None:
    """Raise what creating ``connector`` on ``profile``'s release fails with first, of the checks above:
    ``client_config`` while the body is parsed, then the custom id in the transport action."""
    if "client_config" in connector:
        for _, error in client_config_failures(connector["client_config"], profile):
            raise error
    if "connector_id" in connector and profile.has("create.custom_connector_id"):
        message = connector_id_error(read_text(connector["connector_id"]))
        if message:
            raise IllegalArgumentError(message)
