"""The settings a Markdown document applies itself, checked where it writes them.

Each ``PUT _cluster/settings`` call must be JSON (BP100: otherwise OpenSearch rejects it and none of
its settings apply) with values of the right type (BP103). Every regex it sets in
``trusted_connector_endpoints_regex`` or ``trusted_connector_private_endpoints_regex`` goes through
the audit a blueprint's ``trusted_endpoints`` get (BP304 setting-rejects-regex, BP305 host-confusion,
BP306 weak-endpoint-regex). The audit infers the intended domain from the regex's literal host; a
regex without one (``.*$``) is judged by the URLs of the document's connectors it admits. Findings
point at the value inside the Markdown file. A regex of ML Commons' default list is not judged (a
document that keeps the defaults while adding its own loosens nothing a stock cluster does not
allow), nor is a fill-in marker (``<mcp server url>``).
"""

from __future__ import annotations

import re

from toolkit.documents.devtools import REGEX_SETTINGS, DevToolsCall, read_settings_calls, setting_value_problem
from toolkit.diagnostics import Diagnostic, excerpt_around
from toolkit.jsonsource import offset_to_position

MAX_REGEXES = 32  # distinct regexes audited per document (an audit can take a second)
MAX_URLS = 16  # connector URLs a regex without a literal host is judged by
_MARKER = re.compile(r"\s*(?:<[^<>]*>|\{\{[^{}]*\}\}|(?i:your)[\w -]*)\s*")
_REPORTED_ELSEWHERE = {"does-not-compile", "setting-rejected", "host-confusion"}  # BP304 and BP305 report these


def settings_diagnostics(text: str, display: str, calls: list[DevToolsCall]) -> list[Diagnostic]:
    """Findings about every settings call of the document; ``calls`` are its connector calls."""
    urls = _document_urls(calls)[:MAX_URLS]
    audited: set[str] = set()
    out: list[Diagnostic] = []
    for call in read_settings_calls(text):
        if not call.about_ml_commons:
            continue
        for offset, message in call.body.problems:
            out.append(_at(text, display, offset, "BP100", "the settings body is not JSON, so OpenSearch rejects the "
                           f"call and none of its settings apply: {message}"))
        if call.body.document is None:
            continue
        for entry in call.entries:
            regexes = _regexes(entry.value) if entry.name in REGEX_SETTINGS else None
            if regexes is None:
                problem = setting_value_problem(entry)
                if problem:
                    out.append(_at(text, display, call.source_offset(entry.pointer), "BP103",
                                   f"{problem}: OpenSearch rejects the call and none of its settings apply"))
                continue
            for ptr, regex in regexes:
                if not _MARKER.fullmatch(regex) and not _default(regex) \
                        and (regex in audited or len(audited) < MAX_REGEXES):
                    audited.add(regex)
                    offset = call.source_offset(entry.pointer + ptr)
                    out.extend(_at(text, display, offset, code, message, hint)
                               for code, message, hint in _regex_findings(regex, urls))
    return out


def _default(regex: str) -> bool:
    from toolkit.javaregex.setting import DEFAULT_TRUSTED_ENDPOINTS

    return regex in DEFAULT_TRUSTED_ENDPOINTS


def _regexes(value: object) -> list[tuple[str, str]] | None:
    """(pointer suffix, regex) for a regex setting's value, or None when it has the wrong type."""
    if isinstance(value, str):
        return [("", value)]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [(f"/{index}", regex) for index, regex in enumerate(value)]
    return None


def _regex_findings(regex: str, urls: list[str]) -> list[tuple[str, str, str | None]]:
    """(rule id, message, hint) for one regex: what the setting refuses, a catch-all, host confusion
    (with the looseness that causes it as the hint), else the weaknesses the audit finds."""
    from toolkit.javaregex import validate_setting_regex
    from toolkit.javaregex.audit import audit_one

    rejected = validate_setting_regex(regex)
    if rejected:
        return [("BP304", f"the cluster setting refuses it: '{rejected}'", None)]
    admitted = _admitted(regex, urls)
    tight = f"write a regex for this URL only: `blueprint endpoints suggest {admitted[0]}`" if admitted else None
    if _catch_all(regex):
        return [("BP305", "a catch-all: it admits every URL, e.g. https://evil.com/", tight)]
    found = audit_one(regex)
    confusion = next((f for f in found if f.name == "host-confusion"), None)
    cause = next((f.message for f in found if f.name in ("wildcard-host", "unescaped-dot")), None)
    if confusion is not None:
        return [("BP305", f"{confusion.message}: e.g. {confusion.counterexample}", cause)]
    moved = _moved(regex, admitted)
    if moved is not None:
        return [("BP305", moved, cause or tight)]
    return [("BP306", f"{f.message}: e.g. {f.counterexample}" if f.counterexample else f.message, None)
            for f in found if f.name not in _REPORTED_ELSEWHERE and f.severity != "info"
            and not (f.name == "no-domain" and admitted)]


def _moved(regex: str, admitted: list[str]) -> str | None:
    """The host-confusion message for a regex judged by the connector URLs it admits."""
    from toolkit.javaregex.audit import moved_host
    from toolkit.javaregex.urls import real_host

    found = [(moved, url) for url in admitted if (moved := moved_host(regex, url))]
    if not found:
        return None
    moved, url = min(found, key=lambda pair: (len(pair[0]), pair[0]))
    return f"Accepts a URL whose real host is {real_host(moved)}, not {real_host(url)} (the document's {url}): e.g. {moved}"


def _catch_all(regex: str) -> bool:
    """Does the regex admit any URL at all (``.*``, ``^.*$``, ``https?://.*``)?"""
    from toolkit.javaregex import PatternSyntaxError, RegexTimeout, compile

    try:
        pattern = compile(regex)
        return all(pattern.matches(url, timeout=0.05) for url in ("https://evil.com/", "http://evil.com/x?y#z"))
    except (PatternSyntaxError, RegexTimeout):
        return False


def _admitted(regex: str, urls: list[str]) -> list[str]:
    from toolkit.javaregex import PatternSyntaxError, RegexTimeout, compile

    try:
        pattern = compile(regex)
        return [url for url in urls if pattern.matches(url, timeout=0.05)]
    except (PatternSyntaxError, RegexTimeout):
        return []


def _document_urls(calls: list[DevToolsCall]) -> list[str]:
    """The URL of each action of the document's connectors, with the connector's parameters
    substituted as at creation; URLs that still hold a placeholder are left out."""
    from toolkit.mlcommons.endpoint import substitute_url
    from toolkit.mlcommons.errors import IllegalStateError
    from toolkit.mlcommons.params import parameter_string

    urls: dict[str, None] = {}
    for call in calls:
        connector = call.connector if isinstance(call.connector, dict) else {}
        parameters = connector.get("parameters") if isinstance(connector.get("parameters"), dict) else {}
        values = {}
        for key, value in parameters.items():
            try:
                values[key] = parameter_string(value)
            except (ValueError, TypeError):
                continue
        actions = connector.get("actions") if isinstance(connector.get("actions"), list) else []
        for action in actions:
            url = action.get("url") if isinstance(action, dict) else None
            try:
                url = substitute_url(url, values) if isinstance(url, str) else None
            except IllegalStateError:
                continue
            if url and "${" not in url:
                urls[url] = None
    return list(urls)


def _at(text: str, display: str, offset: int, code: str, message: str, hint: str | None = None) -> Diagnostic:
    from toolkit.check.registry import all_rules

    where = offset_to_position(text, offset)
    excerpt, start = excerpt_around(text, where.line)
    rule = all_rules()[code]
    return Diagnostic(code, message, file=display, line=where.line, column=where.column, severity=rule.severity,
                      hint=hint or rule.hint, excerpt=excerpt, excerpt_start=start)
