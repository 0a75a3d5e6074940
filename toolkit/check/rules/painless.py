"""Painless in pre_process_function / post_process_function: parsed and compiled as ML Commons
would (spec sections 5.3, 5.5), with positions inside the script mapped back to the source."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from toolkit.check.model import Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import example
from toolkit.check.rules._util import action_ptr, actions

_FUNCTIONS = ("pre_process_function", "post_process_function")
_BUILTIN_PREFIXES = ("connector.pre_process.", "connector.post_process.")

_GOOD_POST = """def embeddings = params.embedding;
StringBuilder b = new StringBuilder('[');
for (int i = 0; i < embeddings.length; i++) {
  if (i > 0) { b.append(','); }
  b.append('{"name":"sentence_embedding","data_type":"FLOAT32","shape":[' + embeddings[i].length + '],"data":' + embeddings[i] + '}');
}
return b.append(']').toString();"""


def _scripts(target) -> Iterator[tuple[str, str]]:
    """(pointer, script) for every process function that ML Commons would run as Painless."""
    for index, action in actions(target):
        for key in _FUNCTIONS:
            text = action.get(key)
            if isinstance(text, str) and text.strip() and not text.startswith(_BUILTIN_PREFIXES) \
                    and "${parameters." not in text:
                yield action_ptr(index, key), text


def _offset(script: str, line: int | None, column: int | None) -> int:
    """Character offset of a 1-based line and column in ``script``."""
    if line is None:
        return 0
    lines = script.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(text) + 1 for text in lines[: line - 1]) + max(0, (column or 1) - 1)


@functools.lru_cache(maxsize=256)
def _problems(script: str):
    """The first syntax or compile problem of ``script`` as ML Commons compiles it, or None
    (cached: the three rules below share one compilation per script)."""
    from toolkit.painless import PainlessCompileError, PainlessSyntaxError, PainlessUnsupported, check
    from toolkit.painless.mlcommons import prepare_post_process

    prepared = prepare_post_process(script)
    try:
        check(prepared.source, comment_at_eof=prepared.comment_at_eof, returns=prepared.returns)
    except (PainlessSyntaxError, PainlessCompileError, PainlessUnsupported) as exc:
        line = exc.line - prepared.line_offset if exc.line is not None else None
        if line is not None and line < 1:
            line, column = 1, 1  # inside the injected escape() helper: report at the script start
        else:
            column = exc.column
        return exc, _offset(script, line, column)
    return None


def _findings(target, kind: type, prefix: str) -> Iterator[Finding]:
    """A finding for each script whose first problem is a ``kind``, at its place in the script."""
    for ptr, script in _scripts(target):
        found = _problems(script)
        if found and isinstance(found[0], kind):
            yield Finding(ptr, prefix + found[0].message, offset=found[1])


@rule("BP550", "painless-syntax", "error", "processing",
      "A Painless script that does not parse.",
      "Any process function that is not a built-in name is compiled as Painless when the model predicts; a syntax "
      "error fails every call. Painless strings allow only the escapes `\\\\` and the quote (a JSON `\\\\n` inside a "
      "script string is a lexing error).",
      bad=example(actions__0__post_process_function="return params.embedding["),
      good=example(actions__0__post_process_function=_GOOD_POST), spec="5.3, 5.5")
def painless_syntax(target, config) -> Iterator[Finding]:
    from toolkit.painless import PainlessSyntaxError

    yield from _findings(target, PainlessSyntaxError, "Painless syntax error: ")


@rule("BP551", "painless-compile", "error", "processing",
      "A Painless script that parses but does not compile.",
      "Painless resolves every class, method and variable at compile time: a class or method outside the "
      "allowlist, an undefined variable, a missing return or a duplicate function fails every call, and so do "
      "the errors of its semantic pass: a cast that must be explicit (an Object into a String, a non-String "
      "returned to ML Commons, which compiles the script as a TemplateScript), an expression used as a "
      "statement, an Elvis or ?. whose result would be a primitive, an extraneous loop.",
      bad=example(actions__0__post_process_function="def f = new java.io.File('x');\nreturn f;"),
      good=example(actions__0__post_process_function=_GOOD_POST), spec="5.3, 5.5")
def painless_compile(target, config) -> Iterator[Finding]:
    from toolkit.painless import PainlessCompileError

    yield from _findings(target, PainlessCompileError, "Painless compile error: ")


@rule("BP552", "painless-unverified", "info", "processing",
      "A Painless script uses something this toolkit's interpreter does not model.",
      "The script may be fine on a cluster, but the checker and the contract tests cannot vouch for it.",
      bad=example(actions__0__post_process_function="def now = ZonedDateTime.now();\nreturn now.toString();"),
      good=example(actions__0__post_process_function=_GOOD_POST), spec="5.5")
def painless_unverified(target, config) -> Iterator[Finding]:
    from toolkit.painless import PainlessUnsupported

    yield from _findings(target, PainlessUnsupported, "")
