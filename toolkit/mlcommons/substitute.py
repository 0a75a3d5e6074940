"""commons-text ``StringSubstitutor`` as ML Commons configures it, and a placeholder tokenizer (spec 4.5 step 4).

``substitute`` follows the library's algorithm step by step: the variable name is the text up to
the first suffix (no nested names), ``:-`` separates a default used only when the value is absent
or null, ``$`` before the prefix escapes it (and is consumed), resolved values are substituted
again within their own span, and a reference cycle raises ``IllegalStateError``. As in the library,
the escape test looks at the character before each prefix *after* earlier replacements, so a value
ending in ``$`` escapes a placeholder that directly follows it (from the algorithm; not run on a JVM).
"""

from __future__ import annotations

import functools

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from toolkit.mlcommons.errors import IllegalStateError

__all__ = ["PARAMETERS", "CREDENTIAL", "substitute", "Placeholder", "tokenize_placeholders"]

PARAMETERS = "${parameters."
CREDENTIAL = "${credential."
_SUFFIX = "}"
_ESCAPE = "$"
_DELIMITER = ":-"


def substitute(template: str, values: Mapping[str, str | None], prefix: str = PARAMETERS) -> str:
    """``new StringSubstitutor(values, prefix, "}").replace(template)`` (spec 4.5 step 4, 4.7, 4.8).

    A missing variable is left exactly as written. A cycle raises ``IllegalStateError`` with
    ``Infinite loop in property interpolation of <template>: a->b``.
    """
    if prefix not in template:
        return template  # nothing to substitute and nothing escaped: StringSubstitutor returns it as is
    simple = _without_rescans(template, values, prefix)
    if simple is not None:
        return simple
    buffer = list(template)
    _substitute(buffer, 0, len(buffer), values, prefix, None)
    return "".join(buffer)


def _without_rescans(template: str, values: Mapping[str, str | None], prefix: str) -> str | None:
    """The common case in one left-to-right pass, or ``None`` when it does not apply.

    With no escape (``$`` before the prefix) in the template and no ``$`` in any text put in,
    nothing substituted is scanned again and no cycle can form, so the library's algorithm (which
    edits a buffer in place, costing the buffer's length per placeholder) reduces to this pass.
    """
    if _ESCAPE + prefix in template:
        return None
    out, i = [], 0
    while (start := template.find(prefix, i)) >= 0:
        close = template.find(_SUFFIX, start + len(prefix))
        if close < 0:
            break  # an unclosed placeholder ends the substitution, as in the library
        name, default = _split_default(template[start + len(prefix):close], prefix)
        value = values.get(name)
        if value is None:
            value = default
        if value is not None and _ESCAPE in value:
            return None
        out += [template[i:start], template[start:close + 1] if value is None else value]
        i = close + 1
    out.append(template[i:])
    return "".join(out)


def _matches(buffer: list[str], text: str, pos: int, end: int) -> bool:
    return pos + len(text) <= end and "".join(buffer[pos:pos + len(text)]) == text


def _find(buffer: list[str], char: str, pos: int, end: int) -> int:
    """The next index of ``char`` in ``buffer[pos:end]``, or ``end``: where a match can start."""
    try:
        return buffer.index(char, pos, end)
    except ValueError:
        return end


def _split_default(expression: str, prefix: str) -> tuple[str, str | None]:
    for i in range(len(expression)):
        if expression.startswith(prefix, i):
            break  # a nested prefix stops the search for the delimiter
        if expression.startswith(_DELIMITER, i):
            return expression[:i], expression[i + len(_DELIMITER):]
    return expression, None


def _substitute(buffer: list[str], offset: int, length: int, values: Mapping[str, str | None], prefix: str,
                prior: list[str] | None) -> int:
    """``StringSubstitutor.substitute(builder, offset, length, priorVariables)``; returns the length change."""
    change_total = 0
    end = offset + length
    pos = offset
    escape_at = -1
    while pos < end:
        pos = _find(buffer, prefix[0], pos, end)
        if not _matches(buffer, prefix, pos, end):
            pos += 1
            continue
        if pos > offset and buffer[pos - 1] == _ESCAPE:
            escape_at = pos - 1
        start = pos
        pos += len(prefix)
        while pos < end:
            pos = _find(buffer, _SUFFIX[0], pos, end)
            if not _matches(buffer, _SUFFIX, pos, end):
                pos += 1
                continue
            if escape_at >= 0:
                del buffer[escape_at]
                escape_at = -1
                change_total -= 1
                end -= 1
                pos = start + 1
                break
            expression = "".join(buffer[start + len(prefix):pos])
            pos += len(_SUFFIX)
            stop = pos
            name, default = _split_default(expression, prefix)
            if prior is None:
                prior = ["".join(buffer[offset:offset + length])]
            if name in prior[1:]:
                raise IllegalStateError(f"Infinite loop in property interpolation of {prior[0]}: "
                                        + "->".join(prior[1:]))
            prior.append(name)
            value = values.get(name)
            if value is None:
                value = default
            if value is not None:
                buffer[start:stop] = list(value)
                change = _substitute(buffer, start, len(value), values, prefix, prior)
                change += len(value) - (stop - start)
                pos += change
                end += change
                change_total += change
            prior.pop()
            break
    return change_total


class Placeholder(NamedTuple):
    """One ``${…}`` occurrence in a connector string, with its offsets.

    ``namespace`` is ``parameters`` or ``credential`` for the two ML Commons prefixes, otherwise
    the word that was written (``parameter``, ``params``, …). ``problem`` says why ML Commons will
    not resolve it as intended (``None`` when well formed); ``escaped`` marks ``$${…}``.
    """

    start: int
    end: int
    text: str
    namespace: str
    name: str
    default: str | None = None
    problem: str | None = None
    escaped: bool = False

    @property
    def to_string(self) -> bool:
        """``${parameters.x.toString()}`` (spec 4.5 step 3)."""
        return self.name.endswith(".toString()")

    @property
    def base_name(self) -> str:
        """The parameter read: ``x`` for both ``${parameters.x}`` and ``${parameters.x.toString()}``."""
        return self.name[: -len(".toString()")] if self.to_string else self.name


_OPEN = re.compile(r"\$\{|(?<![$\w{])\{(?=(?:parameters|credential)\.)")
_WORD = re.compile(r"\s*([A-Za-z_]\w*)\s*(\.?)")
_NEAR = {"parameter": "parameters", "params": "parameters", "param": "parameters", "parms": "parameters",
         "paramters": "parameters", "parametres": "parameters", "parameteres": "parameters",
         "credentials": "credential", "credentails": "credential", "creds": "credential", "cred": "credential",
         "credental": "credential", "secret": "credential", "secrets": "credential"}


@functools.lru_cache(maxsize=4096)
def tokenize_placeholders(text: str) -> tuple[Placeholder, ...]:
    """``_tokens(text)`` as a tuple, cached: the checker's rules ask for the same strings many times."""
    return tuple(_tokens(text))


def _tokens(text: str) -> Iterator[Placeholder]:
    """Every ``${parameters.…}`` / ``${credential.…}`` occurrence in ``text``, malformed ones included.

    Reported problems: whitespace in the name, an empty name, no closing ``}``, a nested ``${``, a
    misspelt or differently-cased prefix (``${parameter.x}``, ``${params.x}``, ``${Parameters.x}``),
    ``${parameters}`` without a name, and ``{parameters.x}`` without the ``$``. Other ``${word…}``
    text (for example a prompt's own template syntax) is not a placeholder and is skipped.
    """
    for match in _OPEN.finditer(text):
        start = match.start()
        close = text.find("}", start)
        end = close + 1 if close >= 0 else len(text)
        if match.group() == "{":
            word = text[start + 1:text.index(".", start)]
            yield Placeholder(start, end, text[start:end], word, text[start + len(word) + 2:close if close >= 0 else end],
                              problem=f"missing '$': written as {{{word}.…}}, it is sent literally")
            continue
        word = _WORD.match(text, match.end())
        namespace = word.group(1) if word else ""
        wanted = _NEAR.get(namespace.lower(), namespace.lower())
        if wanted not in ("parameters", "credential"):
            continue
        expression = text[word.end() if word.group(2) else word.end(1):close if close >= 0 else end]
        name, default = _split_default(expression, "${")
        problem = _problem(text[start:end], word, wanted, expression, name, closed=close >= 0)
        yield Placeholder(start, end, text[start:end], namespace, name, default, problem,
                          escaped=start > 0 and text[start - 1] == "$")


def _problem(raw: str, word: re.Match, wanted: str, expression: str, name: str, closed: bool) -> str | None:
    """Why ML Commons will not resolve the placeholder ``raw`` as intended, or ``None``."""
    namespace, dot = word.group(1), word.group(2)
    if namespace != wanted:
        return f"'${{{namespace}' is not an ML Commons prefix: write ${{{wanted}.…}}"
    if word.group(0) != namespace + dot:
        return f"whitespace inside '${{{wanted}.' is not allowed"
    if not closed:
        return f"no closing '}}': {raw!r} is never substituted"
    if not dot:
        return f"'${{{namespace}}}' has no name" if not expression.strip() else f"'${{{namespace}' must be followed by a dot"
    if "${" in expression:
        return "the name runs to the first '}' and contains '${' (a missing '}' or a nested placeholder): it is never resolved"
    if not name:
        return "empty name"
    if any(c.isspace() for c in name):
        return f"whitespace in the name {name!r}: ML Commons looks the name up literally and finds nothing"
    return None
