"""Small accessors shared by the rule modules; every one tolerates malformed connectors."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator

from toolkit.source import pointer

ACTION_TYPES = ("PREDICT", "EXECUTE", "BATCH_PREDICT", "CANCEL_BATCH_PREDICT", "BATCH_PREDICT_STATUS")
METHODS = ("POST", "GET", "PUT", "DELETE")
PROTOCOLS = ("aws_sigv4", "http", "mcp_sse", "mcp_streamable_http")
MCP_PROTOCOLS = ("mcp_sse", "mcp_streamable_http")
TOP_LEVEL_KEYS = ("name", "description", "version", "protocol", "parameters", "credential", "actions",
                  "backend_roles", "add_all_backend_roles", "access_mode", "dry_run", "client_config",
                  "tenant_id", "url", "headers", "provisioned_by", "connector_id")
ACTION_KEYS = ("action_type", "method", "url", "headers", "request_body", "pre_process_function",
               "post_process_function", "name", "supports_structured_output")
CLIENT_CONFIG_KEYS = ("max_connection", "connection_timeout", "read_timeout", "retry_backoff_millis",
                      "retry_timeout_seconds", "max_retry_times", "retry_backoff_policy", "skip_ssl_verification",
                      "mutual_tls_enabled", "keystore_type")


def connector(target) -> dict:
    return target.connector if isinstance(target.connector, dict) else {}


def protocol(target) -> str | None:
    value = connector(target).get("protocol")
    return value if isinstance(value, str) else None


def actions(target) -> Iterator[tuple[int, dict]]:
    """(index, action) for every action that is an object."""
    value = connector(target).get("actions")
    if isinstance(value, list):
        for index, action in enumerate(value):
            if isinstance(action, dict):
                yield index, action


def action_ptr(index: int, *rest: str | int) -> str:
    return pointer(["actions", index, *rest])


def parameters(target) -> dict[str, object]:
    value = connector(target).get("parameters")
    return value if isinstance(value, dict) else {}


def credential(target) -> dict[str, object]:
    value = connector(target).get("credential")
    return value if isinstance(value, dict) else {}


def headers(action: dict) -> dict[str, object]:
    value = action.get("headers")
    return value if isinstance(value, dict) else {}


def action_type(action: dict) -> str | None:
    value = action.get("action_type")
    return value.upper() if isinstance(value, str) else None


def did_you_mean(word: str, choices) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def memo(fn):
    """Share ``fn(target, *args)`` between the rules that compute it for the same target; ``args``
    are compared by identity (actions are the connector's own dicts)."""
    @functools.wraps(fn)
    def wrapper(target, *args):
        key = (fn.__qualname__, *map(id, args))
        if key not in target.cache:
            target.cache[key] = fn(target, *args)
        return target.cache[key]

    return wrapper


@memo
def connector_values(target) -> dict[str, str]:
    """The connector's parameters as ML Commons stores them (spec 4.2); values Gson cannot print
    (NaN, infinities: creation fails on them anyway) are left out."""
    from toolkit.mlcommons.params import parameter_string

    values = {}
    for key, value in parameters(target).items():
        try:
            values[key] = parameter_string(value)
        except (ValueError, TypeError):
            continue
    return values


def shown_in_part(target, ptr: str) -> bool:
    """Whether the document may leave out what ``ptr`` names: the value at ``ptr``, or when it is
    absent the nearest object above it that is there, is one the document shows only in part
    (``Target.elided``: a ``...`` elision, or a fragment such as an ``actions`` block). Rules that
    report something missing skip it then."""
    if not target.elided:
        return False
    while ptr and not _present(target.connector, ptr):
        ptr = ptr.rsplit("/", 1)[0]
    return ptr in target.elided


def _present(data: object, ptr: str) -> bool:
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return False
    return True


def hidden_under(target, ptr: str) -> bool:
    """Could something under ``ptr`` be hidden: is it shown in part, or is anything inside it elided?"""
    return shown_in_part(target, ptr) or any(p.startswith(ptr + "/") for p in target.elided)


def uses_hidden_parameter(target, text: str) -> bool:
    """Does ``text`` use a connector parameter whose value the document does not show: elided
    (``"..."``), or absent from parameters shown in part?"""
    if not target.elided:
        return False
    values = parameters(target)
    for name in re.findall(r"\$\{parameters\.([^}:]+)", text):
        ptr = pointer(["parameters", name])
        if ptr in target.elided if name in values else shown_in_part(target, ptr):
            return True
    return False
