"""Suggest the tightest trusted-endpoint regex for a connector URL template.

Literal parts are escaped; each ``${parameters.name}`` becomes a class that admits every legal
value of its position and nothing that could move the real host: a DNS label
(``[a-z0-9-]{1,63}``) in the host, an RFC 3986 path character class without ``/``, ``?``,
``#`` and ``@`` in the path, and the same class plus ``/`` and ``?`` (possibly empty) in the
query. A caller may pin a placeholder to its own Java regex (for example a list of regions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOST_LABEL = "[a-z0-9-]{1,63}"
PATH_VALUE = "[A-Za-z0-9._~:!$&'+,;=%-]+"
QUERY_VALUE = "[A-Za-z0-9._~:!$'+,;=%/?-]*"
PORT_VALUE = "[0-9]{1,5}"
_PLACEHOLDER = re.compile(r"\$\{parameters\.([^}]+)\}")
_META = set(".[]{}()*+?^$|\\")


@dataclass(frozen=True)
class Suggestion:
    """The suggested Java regex and, per placeholder, the class chosen for it."""

    regex: str
    placeholders: dict[str, str]


class TemplateError(ValueError):
    """The template cannot be turned into a safe regex (for example, a placeholder is the host)."""


def suggest(template: str, domains: dict[str, str] | None = None) -> Suggestion:
    """The tightest Java regex admitting every legal value of ``template``'s placeholders."""
    domains = domains or {}
    scheme, sep, rest = template.partition("://")
    if not sep or _PLACEHOLDER.search(scheme):
        raise TemplateError(f"not an absolute URL with a literal scheme: {template}")
    authority_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority, tail = rest[:authority_end], rest[authority_end:]
    if "@" in authority:
        raise TemplateError(f"the template has userinfo ('@') in its authority: {template}")
    host, _, port = authority.partition(":")
    chosen: dict[str, str] = {}
    parts = [escape(scheme + "://"), _render(host, HOST_LABEL, domains, chosen, host=True)]
    if port:
        parts.append(":" + _render(port, PORT_VALUE, domains, chosen))
    path, qmark, query = tail.partition("?")
    parts.append(_render(path, PATH_VALUE, domains, chosen))
    if qmark:
        parts.append(escape("?") + _render(query, QUERY_VALUE, domains, chosen))
    return Suggestion("^" + "".join(parts) + "$", chosen)


def escape(literal: str) -> str:
    """``literal`` as a Java regex, escaping metacharacters with a backslash."""
    return "".join("\\" + ch if ch in _META else ch for ch in literal)


def _render(text: str, default: str, domains: dict[str, str], chosen: dict[str, str], host: bool = False) -> str:
    out, last = [], 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(escape(text[last : match.start()]))
        name = match.group(1)
        value = f"(?:{domains[name]})" if name in domains else default
        chosen[name] = value
        out.append(value)
        last = match.end()
    out.append(escape(text[last:]))
    if host and not _literal_suffix(text, domains):
        raise TemplateError(f"the host {text!r} has no literal domain after its placeholders: a regex "
                            "for it could not say where the request goes")
    return "".join(out)


def _literal_suffix(host: str, domains: dict[str, str]) -> bool:
    """Does a literal name of two or more labels follow the last free placeholder?"""
    free = [m for m in _PLACEHOLDER.finditer(host) if m.group(1) not in domains]
    if not free:
        return bool(host)
    return "." in host[free[-1].end() :].strip(".")
