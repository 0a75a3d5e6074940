"""Structure: the create body as ML Commons parses it (spec mlcommons-connectors.md section 1)."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator

from toolkit.check.model import Finding
from toolkit.check.registry import rule
from toolkit.check.release import enforced, target_release
from toolkit.check.rules._examples import AWS_BASE, DELETE, example
from toolkit.check.rules._unknowns import NEUTRAL, unknown
from toolkit.check.rules._util import (
    ACTION_KEYS, ACTION_TYPES, CLIENT_CONFIG_KEYS, MCP_PROTOCOLS, METHODS, PROTOCOLS, TOP_LEVEL_KEYS,
    action_ptr, action_type, actions, connector, did_you_mean, protocol, shown_in_part,
)
from toolkit.diagnostics import Severity
from toolkit.documents.markers import fill_markers
from toolkit.mlcommons.errors import MLCommonsError
from toolkit.source import pointer


@rule("BP100", "invalid-json", "error", "structure",
      "The file is not valid JSON.",
      "ML Commons rejects the request before looking at it. The position is where the JSON parser stopped. In "
      "Markdown, a Dev Tools body that is not JSON (a missing or trailing comma, unescaped quotes or a line break "
      "in a string, an invalid escape, stray text) is reported at each defect and then read as its writer meant "
      "it, so the other rules still check the rest; a `PUT _cluster/settings` body that is not JSON means none of "
      "its settings apply.",
      bad='{\n  "name": "x",\n  "version": "1",\n}', good=example(), spec="1.1")
def invalid_json(target, config) -> Iterator[Finding]:
    """Reported while reading files (see toolkit.check.targets); nothing to do on a parsed body."""
    if not isinstance(target.connector, dict):
        yield Finding("", f"the body is a JSON {type(target.connector).__name__}, not an object")


@rule("BP101", "unknown-key", "warning", "structure",
      "A key ML Commons does not know: it is ignored without any error.",
      "ML Commons skips unknown keys at the top level, in actions and in client_config. A typo such as "
      "`credentials`, `paramters` or `pre_process_funtion` therefore loses the setting silently, and the "
      "connector fails later, far from the cause (the rules about what is then missing say so). A warning: "
      "creation succeeds, and an extra key is not always a mistake.",
      bad=example(credentials={"openAI_key": "<OPENAI_API_KEY>"}), good=example(), spec="1.2, 1.3, 1.4")
def unknown_key(target, config) -> Iterator[Finding]:
    body = connector(target)
    for key in body:
        if key not in TOP_LEVEL_KEYS:
            yield Finding(pointer([key]), f"unknown top-level key {key!r}: ML Commons ignores it silently",
                          hint=did_you_mean(key, TOP_LEVEL_KEYS))
    for index, action in actions(target):
        for key in action:
            if key not in ACTION_KEYS:
                yield Finding(action_ptr(index, key), f"unknown action key {key!r}: ML Commons ignores it silently",
                              hint=did_you_mean(key, ACTION_KEYS))
    client = body.get("client_config")
    if isinstance(client, dict):
        for key in client:
            if key not in CLIENT_CONFIG_KEYS:
                yield Finding(pointer(["client_config", key]), f"unknown client_config key {key!r}: ignored",
                              hint=did_you_mean(key, CLIENT_CONFIG_KEYS))


@rule("BP102", "missing-field", "error", "structure",
      "A field ML Commons requires is missing.",
      "Creation fails with ML Commons' message (in the order it checks): `Connector name is null`, "
      "`Connector version is null`, `Connector protocol is null`, `Connector credential is null or empty "
      "list`, `No actions configured for this connector`, and per action `action type can't be null`, "
      "`url can't be null`, `method can't be null` (`can't null` before 2.19). Before 2.19 a missing or empty "
      "credential is accepted, and from 3.3 an MCP connector may omit it. Nothing is reported missing from an "
      "object a document shows in part (`{ ... }`).",
      bad=example(version=DELETE), good=example(), spec="1.5 A-B, 2.3")
def missing_field(target, config) -> Iterator[Finding]:
    body = connector(target)
    if not isinstance(target.connector, dict):
        return
    dry_run = _dry_run(body)
    for key, message in (("name", "Connector name is null"), ("version", "Connector version is null"),
                         ("protocol", "Connector protocol is null")):
        if key not in body and not dry_run and not shown_in_part(target, pointer([key])):
            yield Finding("", f"missing {key!r}: creation fails with '{message}'")
    proto = protocol(target)
    profile = target_release(target, config).oldest
    exempt = proto in MCP_PROTOCOLS and profile.has("create.mcp_credential_optional")
    credential = body.get("credential")
    empty = not isinstance(credential, (dict, list)) or not credential  # mapStrings() of null or a scalar is {}
    if not exempt and empty and not dry_run and not shown_in_part(target, "/credential"):
        yield enforced(target, config, "create.credential_required", Finding(
            "/credential" if "credential" in body else "",
            "credential is missing or empty: creation fails with 'Connector credential is null or empty list'"))
    if proto in MCP_PROTOCOLS and not str(body.get("url") or "").strip() and not shown_in_part(target, "/url"):
        yield Finding("/url" if "url" in body else "", "MCP connectors need a url: 'MCP Connector url is null or blank'")
    if proto in ("http", "aws_sigv4") and "actions" not in body and not shown_in_part(target, "/actions"):
        yield Finding("", "missing 'actions': creation fails with 'No actions configured for this connector'")
    for index, action in actions(target):
        for key, field in (("action_type", "action type"), ("url", "url"), ("method", "method")):
            if key not in action and not shown_in_part(target, action_ptr(index, key)):
                null = profile.value("create.action_null_message")  # asked only when it shows
                yield Finding(action_ptr(index), f"action is missing {key!r}: '{null.format(field)}'")


def _dry_run(body: dict) -> bool:
    """``dry_run`` as ``booleanValue()`` reads it (``"true"`` counts; what fails to read is BP103's)."""
    from toolkit.mlcommons.xcontent import read_boolean

    try:
        return "dry_run" in body and read_boolean(body["dry_run"])
    except MLCommonsError:
        return False


# top-level fields read with text() (null fails) and textOrNull(), and the fact of the release that reads them
_TEXT_FIELDS = {"name": None, "description": None, "version": None, "protocol": None, "access_mode": None,
                "connector_id": "connector.field.connector_id"}
_NULLABLE_TEXT_FIELDS = {"tenant_id": "connector.field.tenant_id", "url": "connector.field.url",
                         "provisioned_by": "connector.field.provisioned_by"}
_ACTION_TEXT_FIELDS = {"action_type": None, "method": None, "url": None, "request_body": None,
                       "pre_process_function": None, "post_process_function": None,
                       "name": "connector.action_field.name"}


@rule("BP103", "wrong-type", "error", "structure",
      "A value of a JSON type ML Commons cannot read there.",
      "ML Commons reads the body with OpenSearch's parser, field by field: text fields take a string, a number "
      "or a boolean, and fail on null, an object or an array (`Can't get text on a VALUE_NULL`; `tenant_id`, "
      "`url` and `provisioned_by` allow null); `request_body` must be a JSON-encoded *string*; `actions` and "
      "`backend_roles` must be arrays and each action an object (`Failed to parse object: expecting token of "
      "type [START_ARRAY] ...`); `add_all_backend_roles`, `dry_run` and `supports_structured_output` take "
      "`true`, `false` or those strings (`Failed to parse value [...] as only [true] or [false] are allowed.`); "
      "credential and header values are read as text. `parameters` and `headers` that are not objects are read "
      "as empty (a warning). `client_config` is BP108's. A field a release does not read yet is skipped by it.",
      bad=example(actions__0__request_body={"input": "${parameters.input}"}), good=example(), spec="1.2, 1.3")
def wrong_type(target, config) -> Iterator[Finding]:
    body = connector(target)
    for key, fact in (*_TEXT_FIELDS.items(), *_NULLABLE_TEXT_FIELDS.items()):
        if key in body:
            finding = _text_finding(pointer([key]), repr(key), body[key], key in _NULLABLE_TEXT_FIELDS)
            if finding:
                yield finding if fact is None else enforced(target, config, fact, finding)
    yield from _map_findings(body, [], ("parameters", "credential", "headers"))
    for key in ("add_all_backend_roles", "dry_run"):
        finding = _boolean_finding(pointer([key]), key, body[key]) if key in body else None
        if finding:
            yield finding
    if "backend_roles" in body:
        roles = body["backend_roles"]
        if not isinstance(roles, list):
            yield Finding("/backend_roles", f"'backend_roles' must be an array: '{_parse_error(roles, 'START_ARRAY')}'")
        else:
            for index, role in enumerate(roles):
                finding = _text_finding(pointer(["backend_roles", index]), "a backend role", role)
                if finding:
                    yield finding
    if "actions" in body:
        if not isinstance(body["actions"], list):
            yield Finding("/actions", f"'actions' must be an array: '{_parse_error(body['actions'], 'START_ARRAY')}'")
        else:
            for index, action in enumerate(body["actions"]):
                if not isinstance(action, dict):
                    yield Finding(action_ptr(index), f"an action must be an object: "
                                                     f"'{_parse_error(action, 'START_OBJECT')}'")
    for index, action in actions(target):
        for key, fact in _ACTION_TEXT_FIELDS.items():
            if key not in action:
                continue
            if key == "request_body" and isinstance(action[key], (dict, list)):
                yield Finding(action_ptr(index, key), f"'request_body' must be a JSON-encoded string, not "
                              f"{_kind(action[key])}: write the body as text (\"{{ \\\"input\\\": ... }}\")")
                continue
            finding = _text_finding(action_ptr(index, key), repr(key), action[key])
            if finding:
                yield finding if fact is None else enforced(target, config, fact, finding)
        yield from _map_findings(action, ["actions", index], ("headers",))
        key = "supports_structured_output"
        finding = _boolean_finding(action_ptr(index, key), key, action[key]) if key in action else None
        if finding:
            yield enforced(target, config, "connector.action_field.supports_structured_output", finding)


def _text_finding(ptr: str, what: str, value, nullable: bool = False) -> Finding | None:
    """``text()`` (``textOrNull()``) of ``value`` (``what``: how the message names it): a finding when it fails."""
    from toolkit.mlcommons.xcontent import read_text

    try:
        read_text(value, nullable=nullable)
    except MLCommonsError as exc:
        return Finding(ptr, f"{what} is {_kind(value)}: creation fails with '{exc.message}'")
    return None


def _boolean_finding(ptr: str, key: str, value) -> Finding | None:
    """``booleanValue()`` of ``value``: a finding when it fails."""
    from toolkit.mlcommons.xcontent import read_boolean

    try:
        read_boolean(value)
    except MLCommonsError as exc:
        return Finding(ptr, f"{key!r} must be true or false, not {_kind(value)}: creation fails with '{exc.message}'")
    return None


def _parse_error(value, expected: str) -> str:
    from toolkit.mlcommons.xcontent import expect

    try:
        expect(value, expected)
    except MLCommonsError as exc:
        return exc.message
    return ""


def _map_findings(node: dict, at: list, keys: tuple[str, ...]) -> Iterator[Finding]:
    """``map()``/``mapStrings()`` of the object fields ``keys`` of ``node``: an array is misread (an error);
    null or a scalar reads as empty (a warning; an empty credential is BP102's); the values of
    ``credential`` and ``headers`` are read with ``text()``."""
    for key in keys:
        if key not in node:
            continue
        value, ptr = node[key], pointer([*at, key])
        if isinstance(value, list):
            yield Finding(ptr, f"{key!r} must be an object, not an array: ML Commons cannot read it")
        elif not isinstance(value, dict):
            if key != "credential":
                yield Finding(ptr, f"{key!r} is {_kind(value)}, not an object: ML Commons reads it as empty and "
                                   "ignores it", severity=Severity.WARNING)
        elif key != "parameters":
            for name, item in value.items():
                finding = _text_finding(pointer([*at, key, name]), f"{key.rstrip('s')} {name!r}", item)
                if finding:
                    yield finding


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number")


@rule("BP104", "unknown-protocol", "error", "structure",
      "The protocol is not one ML Commons supports.",
      "The protocol is case-sensitive: one of `http`, `aws_sigv4`, `mcp_sse`, `mcp_streamable_http`. "
      "Anything else fails with `Unsupported connector protocol. Please use one of [...]` (before 3.5, with "
      "`Can't find class for type <protocol>`).",
      bad=example(protocol="HTTP"), good=example(), spec="1.5 B.7")
def unknown_protocol(target, config) -> Iterator[Finding]:
    value = connector(target).get("protocol")
    if isinstance(value, str) and value not in PROTOCOLS and not unknown(value):
        hint = f"use {value.lower()!r}: the protocol is case-sensitive" if value.lower() in PROTOCOLS else did_you_mean(value, PROTOCOLS)
        message = target_release(target, config).oldest.value("create.protocol_message").format(
            protocol=value, protocols=f"[{', '.join(PROTOCOLS)}]")
        yield Finding("/protocol", f"unsupported protocol {value!r}: '{message}'", hint=hint)


@rule("BP105", "unknown-action-type", "error", "structure",
      "The action_type is not an ML Commons action type.",
      "action_type is upper-cased and must be PREDICT, EXECUTE, BATCH_PREDICT, CANCEL_BATCH_PREDICT or "
      "BATCH_PREDICT_STATUS; otherwise creation fails with `No enum constant ...ActionType.<VALUE>`.",
      bad=example(actions__0__action_type="predicts"), good=example(), spec="1.3")
def unknown_action_type(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        value = action.get("action_type")
        if isinstance(value, str) and value.upper() not in ACTION_TYPES and not unknown(value):
            yield Finding(action_ptr(index, "action_type"),
                          f"unknown action_type {value!r}: 'No enum constant org.opensearch.ml.common.connector."
                          f"ConnectorAction.ActionType.{value.upper()}'", hint=did_you_mean(value.upper(), ACTION_TYPES))


@rule("BP106", "unsupported-method", "error", "structure",
      "The HTTP method fails at predict time.",
      "The method is not checked at creation, but every call upper-cases it and accepts only POST, GET, PUT "
      "and DELETE; anything else fails each predict with `unsupported http method`.",
      bad=example(actions__0__method="PATCH"), good=example(), spec="1.3")
def unsupported_method(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        value = action.get("method")
        if isinstance(value, str) and value.upper() not in METHODS and not unknown(value):
            yield Finding(action_ptr(index, "method"), f"method {value!r} fails every predict with 'unsupported http method'",
                          hint=did_you_mean(value.upper(), METHODS))


@rule("BP107", "duplicate-action-type", "warning", "structure",
      "Two unnamed actions of the same type: only the first is ever used.",
      "ML Commons finds an action by type and returns the first match, so a second action of the same type "
      "is dead unless it has a `name` (3.5+; older releases ignore names) that callers use.",
      bad=example(actions=[{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/embeddings"},
                          {"action_type": "PREDICT", "method": "POST", "url": "https://api.openai.com/v1/embeddings"}]),
      good=example(), spec="1.3")
def duplicate_action_type(target, config) -> Iterator[Finding]:
    first: dict[str, int] = {}
    named = target_release(target, config).oldest.has("connector.action_field.name")
    for index, action in actions(target):
        kind = action_type(action)
        if kind is None or (named and action.get("name")):
            continue
        if kind in first:
            yield Finding(action_ptr(index, "action_type"),
                          f"a second {kind} action: ML Commons always uses the first one (actions/{first[kind]})")
        else:
            first[kind] = index


_POLICIES = ("constant", "exponential_equal_jitter", "exponential_full_jitter")
_MINIMUM = {"max_retry_times": -1, "retry_backoff_millis": 0}  # others must be at least 1


@rule("BP108", "client-config-value", "error", "structure",
      "A client_config value ML Commons rejects or that cannot work.",
      "`ConnectorClientConfig.parse` reads each key with OpenSearch's parser: the counts and timeouts with "
      "`intValue()` (a number, truncated, or a numeric string; `true` fails with `Current token (VALUE_TRUE) not "
      "numeric ...`, `\"soon\"` with `For input string: \"soon\"`, 3000000000 is out of range of int), "
      "`skip_ssl_verification` and `mutual_tls_enabled` with `booleanValue()` (`\"abc\"` fails with `Failed to "
      "parse value [abc] as only [true] or [false] are allowed.`), `retry_backoff_policy` as text that must name "
      "a policy (`Unsupported retry backoff policy`). A key a release does not read yet is skipped by it. No "
      "range checks happen at creation, so zero or negative timeouts and connection counts are accepted and "
      "break calls later (a warning), as does a decimal that is silently truncated.",
      bad=example(client_config={"retry_backoff_policy": "linear"}),
      good=example(client_config={"retry_backoff_policy": "exponential_full_jitter", "max_retry_times": 3}), spec="1.4")
def client_config_value(target, config) -> Iterator[Finding]:
    from toolkit.mlcommons.create import CLIENT_CONFIG_INTS, client_config_failures, client_config_fact

    body = connector(target)
    if "client_config" not in body:
        return
    client = body["client_config"]
    newest = target_release(target, config).newest
    for key, error in client_config_failures(client, newest):
        if key is not None and unknown(client[key]):
            continue  # a marker: the reader writes the value
        if key is None:
            yield enforced(target, config, "connector.field.client_config", Finding(
                "/client_config", f"'client_config' must be an object: creation fails with '{error.message}'"))
            continue
        hint = f"use one of {', '.join(_POLICIES)}" if error.message == "Unsupported retry backoff policy" else None
        yield enforced(target, config, client_config_fact(key), Finding(
            pointer(["client_config", key]), f"{key} = {json.dumps(client[key])}: creation fails with "
                                             f"'{error.message}'", hint=hint))
    if not isinstance(client, dict):
        return
    for key in CLIENT_CONFIG_INTS:
        value = client.get(key)
        if isinstance(value, float) and not value.is_integer() and abs(value) < 2**31:
            yield Finding(pointer(["client_config", key]), f"{key} = {value} is accepted and truncated to {int(value)}",
                          severity=Severity.WARNING)
        elif isinstance(value, int) and not isinstance(value, bool) and value < _MINIMUM.get(key, 1):
            yield Finding(pointer(["client_config", key]), f"{key} = {value} is accepted at creation but cannot work",
                          severity=Severity.WARNING)
    keystore = client.get("keystore_type")
    if isinstance(keystore, str) and keystore not in ("PEM", "PKCS12"):
        yield Finding("/client_config/keystore_type", f"'Unsupported keystore type: {keystore}. Supported types are: PEM, PKCS12'")
    if client.get("mutual_tls_enabled") is True and client.get("skip_ssl_verification") is True:
        yield Finding("/client_config/skip_ssl_verification", "skip_ssl_verification cannot be enabled together with mutual_tls_enabled")


@rule("BP114", "invalid-connector-id", "error", "structure",
      "A custom connector_id ML Commons rejects.",
      "From 3.9 a create body may name its own `connector_id` (`MLResourceIdUtils.validateCustomDocumentId`, "
      "checked before `dry_run`): it must not be blank (`connector id is invalid`), start with `_` or `-`, be "
      "longer than 512 UTF-8 bytes (`connector id is too long, max length is 512`) or hold anything but ASCII "
      "letters, digits, `_` and `-` after a letter or digit. When the target release is older than 3.9 the field "
      "is ignored (BP112) and this is an info note.",
      bad=example(connector_id="-bedrock-connector"), good=example(connector_id="bedrock-connector"), spec="1.5 D.4")
def invalid_connector_id(target, config) -> Iterator[Finding]:
    from toolkit.mlcommons.create import connector_id_error

    from toolkit.mlcommons.xcontent import read_text

    body = connector(target)
    try:
        text = read_text(body["connector_id"]) if "connector_id" in body else None
    except MLCommonsError:
        return  # not text: BP103
    message = connector_id_error(text) if text is not None and not unknown(text) else None
    if message:
        yield enforced(target, config, "create.custom_connector_id", Finding("/connector_id", f"'{message}'"))


_SAFE_ASCII = re.compile(r"[A-Za-z0-9 \t\n\x0B\f\r.,!?():@\-_/'\"]*")  # the pattern below on ASCII text


@functools.cache
def _safe_unicode():
    """MLCreateConnectorRequest's pattern, Java \\s included (not U+00A0)."""
    import regex

    return regex.compile(r"^[\p{L}\p{N} \t\n\x0B\f\r.,!?():@\-_/'\"]*$")


def _safe_text(text: str) -> bool:
    """Whether ML Commons' pattern admits ``text``; ASCII text needs no Unicode tables."""
    if text.isascii():
        return _SAFE_ASCII.fullmatch(text) is not None
    return _safe_unicode().match(text) is not None


@rule("BP109", "unsafe-text", "error", "structure",
      "name, description or provisioned_by contains characters ML Commons rejects.",
      "Since 3.1 these must match `^[\\p{L}\\p{N}\\s.,!?():@\\-_/'\"]*$`: letters, digits, white space and "
      ". , ! ? ( ) : @ - _ / ' \". Creation fails with `Validation Failed: 1: Model connector name can only "
      "contain letters, numbers, spaces, and basic punctuation`. A template marker such as `<YOUR CONNECTOR "
      "NAME>` is the reader's to replace (BP211): only the text around it is judged. When the target release is "
      "older than 3.1 (3.7 for provisioned_by) this is an info note; a blueprint must also work on the newest "
      "release.",
      bad=example(name="OpenAI embeddings [text-embedding-3-small]"), good=example(), spec="1.5 C")
def unsafe_text(target, config) -> Iterator[Finding]:
    body = connector(target)
    for key, label in (("name", "Model connector name"), ("description", "Model connector description"),
                       ("provisioned_by", "Model connector provisioned_by field")):
        value = body.get(key)
        fact = "create.safe_text.provisioned_by" if key == "provisioned_by" else "create.safe_text"
        if key == "name" and isinstance(value, str) and not value.strip():
            yield enforced(target, config, fact, Finding("/name", "'Model connector name is required and cannot be "
                                                                   "null or blank'"))
        elif isinstance(value, str) and value.strip() and not _safe_text(fill_markers(value, NEUTRAL)):
            bad = sorted({c for c in fill_markers(value, NEUTRAL) if not _safe_text(c)})
            yield enforced(target, config, fact, Finding(
                pointer([key]), f"{label} contains {', '.join(repr(c) for c in bad)}: '{label} can only contain "
                                "letters, numbers, spaces, and basic punctuation (.,!?():@-_'/\")'"))


@rule("BP110", "invalid-action-name", "error", "structure",
      "An action name ML Commons rejects.",
      "Action names (3.5+) must be at most 64 characters of letters, digits, `-` and `_`, contain no control "
      "characters and must not be an action type. Older releases ignore the name (BP115): when the target "
      "release is older than 3.5 this is an info note.",
      bad=example(actions__0__name="predict"), good=example(actions__0__name="embed_v3"), spec="1.3")
def invalid_action_name(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        name = action.get("name")
        if not isinstance(name, str) or unknown(name):
            continue
        message = _action_name_error(name)
        if message:
            yield enforced(target, config, "create.action_name", Finding(action_ptr(index, "name"), f"'{message}'"))


def _action_name_error(name: str) -> str | None:
    """ConnectorAction.validateName's message for ``name``, or None."""
    import re

    if any(ord(c) < 0x20 for c in name):
        return "Action name must not contain control characters"
    if len(name) > 64:
        return "Action name exceeds maximum length of 64 characters"
    if not re.fullmatch(r"[a-zA-Z0-9_-]+", name):
        return "Action name contains invalid characters. Only alphanumeric characters, hyphens, and underscores " \
               "are allowed"
    if name.upper() in ACTION_TYPES:
        return f"name can't be one of action type [{', '.join(ACTION_TYPES)}]"
    return None


@rule("BP111", "duplicate-key", "error", "structure",
      "A key appears twice in one object.",
      "OpenSearch's JSON parser rejects duplicate fields (strict duplicate detection), and parsers that accept "
      "them keep only the last value: either way one of the two is not what was meant.",
      bad='{\n  "name": "a",\n  "name": "b",\n  "version": "1",\n  "protocol": "http"\n}', good=example())
def duplicate_key(target, config) -> Iterator[Finding]:
    for parent, key in target.duplicates:
        yield Finding(pointer([*_parts(parent), key]), f"duplicate key {key!r}")


def _parts(ptr: str) -> list[str]:
    return [p.replace("~1", "/").replace("~0", "~") for p in ptr.split("/")[1:]] if ptr else []


@rule("BP112", "ignored-field", "warning", "structure",
      "A field ML Commons accepts but ignores or overwrites here.",
      "`tenant_id` in the body is replaced by the x-tenant-id header; top-level `url` and `headers` are read "
      "only by MCP protocols; `dry_run: true` validates and creates nothing; `connector_id` is unreleased (3.9).",
      bad=example(tenant_id="team-a"), good=example(), spec="1.1, 1.2")
def ignored_field(target, config) -> Iterator[Finding]:
    body = connector(target)
    if "tenant_id" in body:
        yield Finding("/tenant_id", "tenant_id in the body is ignored: ML Commons takes it from the x-tenant-id header")
    if protocol(target) in ("http", "aws_sigv4"):
        for key in ("url", "headers"):
            if key in body:
                yield Finding(pointer([key]), f"top-level {key!r} is read only by MCP connectors: put it in the actions")
    if body.get("dry_run") is True:
        yield Finding("/dry_run", "dry_run: true validates the body and creates no connector")
    if "connector_id" in body:
        yield Finding("/connector_id", "custom connector_id needs OpenSearch 3.9 (unreleased)", severity=Severity.INFO)


@rule("BP113", "missing-request-body", "warning", "structure",
      "A POST or PUT action without a request_body.",
      "Without `request_body` the payload is the `http_body` parameter; when that is absent too, the call fails "
      "with `Content length is 0. Aborting request to remote model`.",
      bad=example(AWS_BASE, actions__0__request_body=DELETE), good=example(AWS_BASE), spec="4.5, 4.8")
def missing_request_body(target, config) -> Iterator[Finding]:
    from toolkit.check.rules._util import parameters

    for index, action in actions(target):
        method = action.get("method")
        if isinstance(method, str) and method.upper() in ("POST", "PUT") and "request_body" not in action \
                and "http_body" not in parameters(target) and action_type(action) != "CANCEL_BATCH_PREDICT" \
                and not shown_in_part(target, action_ptr(index, "request_body")) \
                and not shown_in_part(target, "/parameters/http_body"):
            yield Finding(action_ptr(index), f"{method.upper()} without request_body: the call fails with "
                          "'Content length is 0' unless every request passes an http_body parameter")
