"""Placeholders: ``${parameters.*}`` and ``${credential.*}`` as ML Commons resolves them (spec section 4).

The rules run the emulator's own code (``toolkit.mlcommons``): the tokenizer finds every
placeholder with its offset, so findings point at the exact character inside a string, and the
request body is substituted with the real escaping rules to see whether it stays JSON.

Where a parameter comes from decides what can be known about it:

* a **connector parameter** has a known value, stored raw (ML Commons never escapes it);
* a **built-in pre-process function** sets known names of known kinds (spec 5.1); a Painless one
  sets whatever its script writes (a name mentioned in the script counts as set);
* a blueprint **manifest** declares the predict-time ``inputs``: for its PREDICT action, that is
  the whole contract, so anything else is an error;
* a plain JSON or Markdown connector has no such contract: a request may pass any parameter. An
  unknown name is then reported as *info* ("expected at predict time"), or as a *warning* when a
  built-in text-docs pre-process function shows the model is called with documents (neural
  search, ingest), whose callers cannot pass extra parameters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.release import enforced
from toolkit.check.rules._examples import DELETE, TEMPLATE, example, project
from toolkit.check.rules._placeholder_model import (
    AWS_CREDENTIALS, BATCH_PARAMETERS, SPECIAL_PARAMETERS, STRUCTURED_PARAMETER, Field, Outcome,
    contract_applies, fields_of, placeholder_names, placeholders_in, quoting_findings, simulate, sources,
    text_docs_caller,
)
from toolkit.check.rules._unknowns import NEUTRAL, fill_body, fill_holes, intended_name
from toolkit.check.rules._util import (
    MCP_PROTOCOLS, action_ptr, action_type, actions, connector, connector_values, credential, headers, hidden_under,
    memo, parameters, protocol, shown_in_part, uses_hidden_parameter,
)
from toolkit.check.rules._written_markers import carried_markers, written_markers
from toolkit.diagnostics import Severity
from toolkit.documents.markers import markers_in
from toolkit.javavalues.text import escape_json_commons_text
from toolkit.mlcommons.errors import IllegalArgumentError, IllegalStateError
from toolkit.mlcommons.headers import header_placeholder_error
from toolkit.mlcommons.payload import build_payload
from toolkit.mlcommons.substitute import Placeholder, substitute, tokenize_placeholders
from toolkit.mlcommons.template import benign_template
from toolkit.source import pointer

# --- the rules --------------------------------------------------------------------------------

@rule("BP201", "malformed-placeholder", "error", "placeholders",
      "A placeholder ML Commons will not resolve as written.",
      "ML Commons substitutes only `${parameters.<name>}` (and `${credential.<name>}` in headers), with the "
      "name taken literally up to the first `}`. `${parameters. x}` (whitespace), an unclosed `${parameters.x`, "
      "`${parameter.x}`, `${params.x}`, `${Parameters.x}`, `${parameters}` and `{parameters.x}` are sent as "
      "literal text, and usually fail the predict call with `Invalid payload` or `Some parameter placeholder "
      "not filled in payload`. `$${parameters.x}` is the escape for a literal `${parameters.x}` (a warning).",
      bad=example(actions__0__request_body='{ "input": ${parameters.input}, "model": "${parameters. model}" }'),
      good=example(), spec="4.5 step 4")
def malformed_placeholder(target, config) -> Iterator[Finding]:
    for field in fields_of(target):
        if field.role == "credential":
            continue
        for found in placeholders_in(field, None):
            if found.problem:
                meant = intended_name(found)
                unused = (f"; so connector parameter {meant!r} is never used" if meant in _explained_parameters(target)
                          else "")
                yield Finding(field.pointer, f"{found.text!r}: {found.problem}{unused}", offset=found.start)
            elif found.escaped:
                yield Finding(field.pointer, f"'${found.text}' is an escaped placeholder: ML Commons sends the "
                              f"literal text {found.text!r}", hint="drop one '$' to substitute it",
                              offset=found.start - 1, severity=Severity.WARNING)


def _undefined_severity(target, action: dict | None) -> tuple[Severity, str]:
    if contract_applies(target, action):
        return Severity.ERROR, "the manifest's inputs" if target.manifest is not None else "the document's _predict call"
    if action is not None and text_docs_caller(action):
        return Severity.WARNING, "a predict request"
    return Severity.INFO, "a predict request"


@rule("BP202", "undefined-parameter", "error", "placeholders",
      "A parameter placeholder nothing is known to provide.",
      "A `${parameters.x}` is filled from the connector's parameters, the pre-process function's outputs "
      "(spec 5.1) or the predict request. For a blueprint, the manifest's `inputs` declare what the request "
      "sends, so any other name fails every call with `Some parameter placeholder not filled in payload: x` "
      "(an error). In a plain connector file the request may pass anything: the name is reported as info "
      "(expected at predict time), or as a warning when a built-in text-docs pre-process function shows the "
      "callers send documents only (neural search, ingest pipelines).",
      bad=Example(files=project(template=TEMPLATE.replace("${parameters.model}", "${parameters.model_id}"))),
      good=Example(files=project()), hint="add a connector parameter, declare the input in the manifest, or give a "
                                          "default: ${parameters.x:-value}", spec="4.1, 4.5, 5.1")
def undefined_parameter(target, config) -> Iterator[Finding]:
    fields = list(fields_of(target))
    for index, action in actions(target):
        if shown_in_part(target, "/parameters") or shown_in_part(target, action_ptr(index, "pre_process_function")):
            continue  # the name may be provided by what the document leaves out
        known = sources(target, action)
        reached = _reachable_parameters(target, action)
        for field in fields:
            reaches = field.action == index or (field.role == "parameter" and field.name in reached)
            if field.role == "function" or not reaches:
                continue
            if field.role == "parameter" and _first_reaching(target, field.name) != index:
                continue  # a parameter's own placeholders are reported once
            for found in placeholders_in(field):
                name = found.base_name
                if found.default is not None or name in known or (found.to_string and field.role == "body") \
                        or shown_in_part(target, pointer(["parameters", name])):
                    continue
                if action_type(action) not in ("PREDICT", None) and name in BATCH_PARAMETERS:
                    continue
                yield _undefined(target, action, field, found, name)


_CONSEQUENCE = {
    "url": "the URL keeps the literal placeholder, which fails the trusted-endpoint check or 'URI.create'",
    "header": "the call fails with 'Header '{header}' contains unresolved placeholder. Required parameter is missing.'",
}


def _undefined(target, action: dict, field: Field, found: Placeholder, name: str) -> Finding:
    severity, provider = _undefined_severity(target, action)
    message = f"parameter {name!r} is not provided by the connector's parameters, the pre-process function or {provider}"
    if severity is Severity.INFO:
        message += ": it must be passed at predict time"
    else:
        consequence = _CONSEQUENCE.get(field.role, "the call fails with 'Some parameter placeholder not filled in "
                                                   f"payload: {name}'")
        message += ": " + consequence.replace("{header}", field.name)
    return Finding(field.pointer, message, offset=found.start, severity=severity)


@memo
def _reachable_parameters(target, action: dict) -> set[str]:
    """Connector parameters the action's URL, headers and body reach, directly or through other parameters."""
    values = {k: v for k, v in parameters(target).items() if isinstance(v, str)}
    texts = [action.get("url"), action.get("request_body"), *headers(action).values()]
    pending = [t for t in texts if isinstance(t, str)]
    reached: set[str] = set()
    while pending:
        for found in placeholder_names(pending.pop()):
            if found.base_name not in reached:
                reached.add(found.base_name)
                if found.base_name in values:
                    pending.append(values[found.base_name])
    return reached


def _first_reaching(target, name: str) -> int | None:
    return next((index for index, action in actions(target) if name in _reachable_parameters(target, action)), None)


@rule("BP203", "undefined-credential", "error", "placeholders",
      "A credential placeholder names a key the credential does not have.",
      "Headers get `${credential.<key>}` from the connector's credential at deploy time; an unknown key is left "
      "as literal text and sent, so the provider sees `Bearer ${credential.openAI_kye}` and answers 401. "
      "`${credential.secretArn.<key>}` beside a `secretArn` credential is an info note instead: only Amazon "
      "OpenSearch Service reads that key from AWS Secrets Manager (not reported for a blueprint whose manifest "
      "declares `opensearch: {managed_service_only: true}`, nor for a call a document marks with "
      "`<!-- blueprint-check: managed-service -->` before it).",
      bad=example(actions__0__headers={"Authorization": "Bearer ${credential.openai_key}"}), good=example(),
      spec="4.8")
def undefined_credential(target, config) -> Iterator[Finding]:
    from toolkit.check.rules._util import did_you_mean

    keys = set(credential(target))
    if shown_in_part(target, "/credential"):
        return
    managed = target.for_managed_service
    for field in fields_of(target):
        if field.role != "header":
            continue
        for found in placeholders_in(field, "credential"):
            if found.name not in keys and found.default is None \
                    and not shown_in_part(target, pointer(["credential", found.name])):
                if found.name.startswith("secretArn.") and "secretArn" in keys:
                    if not managed:
                        yield _secret_from_arn(field, found)
                    continue
                yield Finding(field.pointer, f"credential has no key {found.name!r}: the header is sent with the "
                                             f"literal text {found.text!r}", hint=did_you_mean(found.name, keys),
                              offset=found.start)


def _secret_from_arn(field, found) -> Finding:
    """``${credential.secretArn.<key>}`` with a ``secretArn`` credential: a key of an AWS Secrets Manager
    secret, which only Amazon OpenSearch Service resolves (version matrix A19): a note, like BP603."""
    return Finding(field.pointer, f"{found.text} is read from the AWS Secrets Manager secret named by secretArn only "
                                  "on Amazon OpenSearch Service; open-source ML Commons sends the literal text",
                   offset=found.start, severity=Severity.INFO)


@memo
def _explained_parameters(target) -> set[str]:
    """Connector parameters only a malformed placeholder refers to: BP201 says they go unused."""
    meant = {intended_name(found) for field in fields_of(target) for found in placeholders_in(field, None)}
    return {key for key in parameters(target) if key in meant and key not in _referenced_parameters(target)}


@memo
def _referenced_parameters(target) -> set[str]:
    names = set()
    for field in fields_of(target):
        for found in tokenize_placeholders(field.text):
            if found.namespace == "parameters":
                names.add(found.base_name)
                names.add(found.name)
    return names


@rule("BP204", "unused-parameter", "info", "placeholders",
      "A connector parameter no placeholder uses.",
      "Connector parameters reach the request only through `${parameters.<name>}` in the URL, headers, body or "
      "another parameter, except the names ML Commons reads itself (spec 4.9: `response_filter`, "
      "`input_docs_processed_step_size`, `region`, `service_name`, `model`, ...). An unused one is dead "
      "configuration: usually harmless copy-paste, sometimes a typo of the name the body uses (then the "
      "placeholder is reported too). A parameter that only a malformed placeholder names is reported by BP201.",
      bad=example(parameters={"model": "text-embedding-3-small", "dimensions": 512}), good=example(), spec="4.9")
def unused_parameter(target, config) -> Iterator[Finding]:
    from toolkit.check.rules._util import did_you_mean

    if protocol(target) in MCP_PROTOCOLS or hidden_under(target, "/actions") or hidden_under(target, "/parameters"):
        return  # a use may be in what the document leaves out
    used = _referenced_parameters(target) | _explained_parameters(target)
    for key in parameters(target):
        if key in used or key in SPECIAL_PARAMETERS or STRUCTURED_PARAMETER.match(key):
            continue
        if key == "no_escape_params":
            yield Finding("/parameters/no_escape_params", "no_escape_params is read from the predict request only: "
                          "as a connector parameter it has no effect")
        else:
            yield Finding(pointer(["parameters", key]), f"connector parameter {key!r} is not used by any "
                          "placeholder and is not one ML Commons reads itself", hint=did_you_mean(key, used))


@rule("BP205", "unused-credential", "info", "placeholders",
      "A credential key no header uses.",
      "Credentials reach the request only through `${credential.<key>}` in headers (and, for `aws_sigv4`, the "
      "signing keys `access_key`, `secret_key`, `session_token`). An unused key is a secret stored for nothing. "
      "On Amazon OpenSearch Service, `${credential.secretArn.<key>}` uses `secretArn`, and the `roleArn` beside "
      "it is the role the domain assumes to read that secret.",
      bad=example(credential={"openAI_key": "<OPENAI_API_KEY>", "org": "<OPENAI_ORG>"}), good=example(), spec="4.8, 7")
def unused_credential(target, config) -> Iterator[Finding]:
    if hidden_under(target, "/actions") or hidden_under(target, "/headers"):
        return  # a header using it may be in what the document leaves out
    used = {p.name.split(".", 1)[0] if p.name.startswith("secretArn.") else p.name
            for f in fields_of(target) if f.role == "header" for p in placeholders_in(f, "credential")}
    implicit = AWS_CREDENTIALS if protocol(target) == "aws_sigv4" else \
        frozenset({"roleArn"}) if "secretArn" in credential(target) else frozenset()
    for key in credential(target):
        if key not in used and key not in implicit:
            yield Finding(pointer(["credential", key]), f"credential {key!r} is not used by any header")


@rule("BP206", "credential-outside-headers", "error", "placeholders",
      "A credential placeholder outside the headers.",
      "`${credential.*}` is substituted only into headers. In the URL, the request body or a parameter it is "
      "sent literally: the call fails, and the placeholder text (not the secret) reaches the provider.",
      bad=example(actions__0__url="https://api.openai.com/v1/embeddings?key=${credential.openAI_key}"),
      good=example(), hint="pass the secret in a header: \"Authorization\": \"Bearer ${credential.<key>}\"",
      spec="4.5 step 4, 4.8")
def credential_outside_headers(target, config) -> Iterator[Finding]:
    for field in fields_of(target):
        if field.role in ("header", "credential"):
            continue
        for found in placeholders_in(field, "credential"):
            yield Finding(field.pointer, f"{found.text!r} is never substituted here: ML Commons sends it literally",
                          offset=found.start)


@rule("BP207", "parameter-in-sensitive-header", "error", "placeholders",
      "A `${parameters.*}` placeholder in a header ML Commons refuses it in.",
      "Since 3.7 creation fails for a `${parameters.*}` placeholder in Authorization, Cookie, X-Api-Key, Host, "
      "X-Forwarded-For and the other security-sensitive headers, and in every header of an MCP connector: "
      "a request parameter must not be able to set them. When the target release is older (`--opensearch-version`, "
      "`target-version`) this is an info note; a blueprint must also work on the newest release.",
      bad=example(parameters={"model": "text-embedding-3-small", "key": "<OPENAI_API_KEY>"},
                 actions__0__headers={"Authorization": "Bearer ${parameters.key}"}),
      good=example(), hint="move the secret into credential and use ${credential.<key>}", spec="1.5 D.1, 4.8")
def parameter_in_sensitive_header(target, config) -> Iterator[Finding]:
    for field in fields_of(target):
        if field.role != "header":
            continue
        error = header_placeholder_error(field.name, field.text, protocol(target))
        if error:
            first = next(placeholders_in(field), None)
            yield enforced(target, config, "create.header_parameters", Finding(
                field.pointer, f"creation fails: '{error}'", offset=first.start if first else None))


@rule("BP208", "tostring-in-request-body", "error", "placeholders",
      "`${parameters.x.toString()}` written directly in the request body.",
      "ML Commons adds `x.toString()` parameters only for names that appear in parameter *values* (spec 4.5 "
      "step 3), so the placeholder in the body is never resolved and every call fails with `Some parameter "
      "placeholder not filled in payload: x.toString()`. It is meant for prompt parameters.",
      bad=example(actions__0__request_body='{ "input": ["${parameters.input.toString()}"], "model": "${parameters.model}" }'),
      good=example(), hint="put it in a connector parameter (e.g. prompt: \"Context: ${parameters.x.toString()}\") and "
                          "reference that parameter from the body", spec="4.5 step 3")
def tostring_in_request_body(target, config) -> Iterator[Finding]:
    values = [v for v in parameters(target).values() if isinstance(v, str)]
    for field in fields_of(target):
        if field.role != "body":
            continue
        for found in placeholders_in(field):
            if found.to_string and not any(found.text in value for value in values):
                yield Finding(field.pointer, f"{found.text!r} is never resolved in the request body: the call fails "
                              f"with 'Some parameter placeholder not filled in payload: {found.name}'",
                              offset=found.start)


_QUOTED_STRING_BODY = '{ "input": ${parameters.input}, "model": ${parameters.model} }'


@rule("BP209", "placeholder-quoting", "error", "placeholders",
      "A placeholder's quotes do not fit its value.",
      "ML Commons pastes parameter text into the body as it is: text values (escaped request strings, "
      "connector strings, `inputText`) need quotes, `\"${parameters.prompt}\"`; JSON arrays and objects "
      "(`messages`, `input`, `texts`, connector values written as JSON) must go without quotes, "
      "`${parameters.messages}`. The kind comes from the connector value, the pre-process function (spec 5.1) "
      "or the manifest input's type or example.",
      bad=example(actions__0__request_body=_QUOTED_STRING_BODY), good=example(), spec="4.2, 4.3, 4.10")
def placeholder_quoting(target, config) -> Iterator[Finding]:
    for _, finding in quoting_findings(target):
        yield finding


_BAD_SYSTEM = example(parameters={"model": "gpt-4o", "system": 'Be "nice"'},
                     actions__0__url="https://api.openai.com/v1/chat/completions",
                     actions__0__request_body='{ "model": "${parameters.model}", "messages": [{"role": "system", '
                                              '"content": "${parameters.system}"}, {"role": "user", "content": '
                                              '"${parameters.prompt}"}] }',
                     actions__0__pre_process_function=DELETE, actions__0__post_process_function=DELETE)


@rule("BP210", "invalid-payload", "error", "placeholders",
      "The request body is not valid JSON after substitution.",
      "The body is substituted the way ML Commons does it (spec 4.5) with connector parameters as stored (raw: "
      "ML Commons never escapes them, so `Be \"nice\"` inside quotes breaks the body) and with adversarial "
      "request and pre-process values (quotes, backslashes, newlines, `/`, non-ASCII, escaped as ML Commons "
      "escapes them). A body that fails here fails the predict call with `Invalid payload: ...`. Quoting "
      "mistakes are reported by placeholder-quoting instead.",
      bad=_BAD_SYSTEM,
      good=lambda: _BAD_SYSTEM().replace('Be \\"nice\\"', 'Be \\\\\\"nice\\\\\\"'),
      hint="store text that goes between quotes JSON-escaped in the connector parameter: in the create JSON "
           r"write \\\" for a quote and \\n for a newline", spec="4.3, 4.5 step 5, 4.10 #5")
def invalid_payload(target, config) -> Iterator[Finding]:
    quoting = {index for index, _ in quoting_findings(target)}
    for index, action in actions(target):
        body = action.get("request_body")
        if not isinstance(body, str) or index in quoting:
            continue
        outcome = simulate(target, action)
        if not isinstance(outcome.error, IllegalArgumentError):
            continue
        yield _invalid_payload_finding(target, action, index, body, outcome)


def _invalid_payload_finding(target, action: dict, index: int, body: str, outcome: Outcome) -> Finding:
    where = action_ptr(index, "request_body")
    shown = outcome.error.message if len(outcome.error.message) <= 160 else outcome.error.message[:157] + "..."
    known = sources(target, action)
    for name, value in outcome.values.items():
        source = known.get(name)
        if source is None or source.origin != "connector":
            continue
        fixed = dict(outcome.values, **{name: escape_json_commons_text(value)})
        try:
            build_payload(fill_body(body), fixed, validate=False)
        except (IllegalArgumentError, IllegalStateError):
            continue
        first = next((p for p in placeholder_names(body) if p.base_name == name), None)
        return Finding(where, f"connector parameter {name!r} is stored raw ({value[:60]!r}) and ML Commons does not "
                       f"escape it: the body fails with '{shown}'", offset=first.start if first else None)
    template = benign_template(fill_body(body))
    try:
        json.loads(template)
    except ValueError as exc:
        return Finding(where, f"the body is not valid JSON even with plain values ({exc.msg}): ML Commons fails with "
                       f"'{shown}'", offset=getattr(exc, "pos", None), hint=None)
    return Finding(where, f"with adversarial request values the body fails: '{shown}'")


@rule("BP211", "template-marker", "info", "placeholders",
      "A fill-me-in marker: a value the reader writes before creating the connector.",
      "Documents are templates: `<YOUR AWS REGION>`, `<MODEL_ID>`, `<NONE|START|END>`, `your_api_key`, "
      "`YOUR AWS REGION`, `yourRegion`, `{{region}}`, `${{ node.field }}`, `{region}` in a URL, `${AWS_REGION}`, "
      "`xxx`, or a value that is only `...`. ML Commons would send a marker as written, so each one is reported "
      "once, where it is written, as information for the reader. Every other rule treats it as some value the "
      "reader fills in, and reports only what holds whatever that value is. In a blueprint nobody fills anything "
      "in, so a marker there is an error: in the rendered connector, and where the blueprint writes one outside "
      "its template (what `blueprint new` scaffolds): a variable's default or a named example's values, "
      "`trusted_endpoints` and link URLs in the manifest, the provenance source and request URLs of its contract "
      "cases, the `x-endpoint` of the provider schemas it names in `provider_api`. Credential values are not "
      "reported: a document must leave secrets to its reader (the toolkit renders them as `<NAME>`).",
      bad=example(parameters={"model": "<YOUR_MODEL_NAME>"}), good=example(), spec="4.5, 4.7")
def template_marker(target, config) -> Iterator[Finding]:
    rendered = target.kind == "manifest"
    carried = carried_markers(dict(target.manifest.variable_sets()).get(target.label, {})) if rendered else set()
    for path, text in _marker_strings(connector(target), []):
        for marker in markers_in(text):
            if marker.text in carried:
                continue  # reported where the manifest writes it
            if rendered:
                yield Finding(pointer(path), f"template marker {marker.text!r} in the rendered connector: ML Commons "
                              "sends it as written", offset=marker.start, severity=Severity.ERROR,
                              hint="render the value from a manifest variable or secret")
            else:
                yield Finding(pointer(path), f"template marker {marker.text!r}: replace it with a real value before "
                              "creating the connector", offset=marker.start)
    if rendered and target.label == target.manifest.variable_sets()[0][0]:  # once per blueprint
        for found in written_markers(target.manifest):
            yield Finding(found.where, f"template marker {found.text!r} in {found.place}: fill in the real value",
                          offset=found.offset, severity=Severity.ERROR)


def _marker_strings(node: object, path: list) -> Iterator[tuple[list, str]]:
    """Every string of the connector a reader fills in: not credentials, not process functions (scripts)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if (not path and key == "credential") or (key in _SCRIPTS and len(path) == 2 and path[0] == "actions"):
                continue
            yield from _marker_strings(value, [*path, key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _marker_strings(value, [*path, index])


_SCRIPTS = ("pre_process_function", "post_process_function")
_PLACEHOLDER = re.compile(r"\$\{parameters\.[^}]*\}")


@rule("BP212", "url-after-substitution", "warning", "placeholders",
      "The action URL is malformed once connector parameters are substituted.",
      "ML Commons substitutes connector parameters into the URL without encoding (spec 4.7). A space (or "
      "`{`, `}`, `\\`) makes `URI.create` fail every call (an error); a `//` inside the path, usually a base "
      "URL parameter ending in `/` joined to a path starting with `/`, reaches a different route (a warning). "
      "Template markers and malformed placeholders count as the values that fill them: only the fixed text "
      "around them is judged.",
      bad=example(parameters={"model": "text-embedding-3-small", "base": "https://api.openai.com/"},
                 actions__0__url="${parameters.base}/v1/embeddings"),
      good=example(), spec="4.7")
def url_after_substitution(target, config) -> Iterator[Finding]:
    from toolkit.mlcommons.endpoint import URI_ERROR, substitute_url, uri_problem

    values = connector_values(target)
    for field in fields_of(target):
        if field.role != "url" or field.action is None or uses_hidden_parameter(target, field.text):
            continue
        try:
            url = substitute_url(field.text, values)
        except IllegalStateError as exc:
            yield Finding(field.pointer, f"'{exc.message}'", severity=Severity.ERROR)
            continue
        offset = next((p.start for p in placeholders_in(field)), None)
        plain = _PLACEHOLDER.sub(NEUTRAL, fill_holes(url))
        problem = uri_problem(plain)
        if problem and "no scheme" not in problem:
            raw = uri_problem(_PLACEHOLDER.sub(NEUTRAL, fill_holes(field.text)))
            shown = repr(url) if plain == _PLACEHOLDER.sub(NEUTRAL, url) else \
                f"{url!r}, and with its markers filled in ({plain!r}) it is still malformed"
            yield Finding(field.pointer, f"after substitution the URL is {shown}: {problem}; every call fails with "
                          f"'{URI_ERROR}'", offset=None if raw else offset, severity=Severity.ERROR)
            continue
        path = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", plain)
        if "//" in path.split("?", 1)[0]:
            at = field.text.find("//", field.text.find("://") + 3 if "://" in field.text else 0)
            yield Finding(field.pointer, f"after substitution the URL has '//' in its path: {url!r}",
                          offset=at if at >= 0 else offset)


@rule("BP213", "stream-parameter", "warning", "placeholders",
      "A connector parameter named `stream`.",
      "Any parameter named `stream`, whatever its value, sends every call down ML Commons' streaming path "
      "(since 3.3), which needs `_llm_interface` and a streaming transport; with an OpenAI-style "
      "`_llm_interface` it also forces `\"stream\": true` into the body.",
      bad=example(parameters={"model": "text-embedding-3-small", "stream": False}), good=example(),
      hint="remove it; write \"stream\": false literally in the request_body if the provider needs the field",
      spec="4.5 step 6, 4.9")
def stream_parameter(target, config) -> Iterator[Finding]:
    if "stream" in parameters(target):
        yield Finding("/parameters/stream", "a 'stream' parameter diverts every predict call to the streaming path")


@rule("BP214", "parameter-cycle", "error", "placeholders",
      "Parameters refer to each other in a loop.",
      "Substitution is recursive (spec 4.5 step 4): a parameter whose value leads back to itself fails every "
      "call with `IllegalStateException: Infinite loop in property interpolation of ...`.",
      bad=example(parameters={"model": "${parameters.name}", "name": "${parameters.model}"}), good=example(),
      spec="4.5 step 4")
def parameter_cycle(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        body = action.get("request_body")
        if isinstance(body, str):
            outcome = simulate(target, action)
            if isinstance(outcome.error, IllegalStateError):
                first = next(placeholder_names(body), None)
                yield Finding(action_ptr(index, "request_body"), f"'{outcome.error.message}'",
                              offset=first.start if first else None)
        values = connector_values(target)
        if isinstance(action.get("url"), str):
            try:
                substitute(action["url"], values)
            except IllegalStateError as exc:
                yield Finding(action_ptr(index, "url"), f"'{exc.message}'")

