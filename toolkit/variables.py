"""Variable values from the command line (``--set KEY=VALUE``) and secrets (``--secret NAME=env:VAR``).

``--set`` text is converted by the variable's declared type (integer, number, boolean, array and
object take JSON), merged over the manifest defaults and validated against the variables schema;
every problem is a BP015 diagnostic naming the option and the manifest line of the variable.
"""

from __future__ import annotations

import json
import os

from toolkit.diagnostics import Diagnostic, ToolkitError, quoted
from toolkit.manifest import Manifest

_BOOLEAN = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False}


def parse_assignments(pairs: tuple[str, ...] | list[str], option: str, reveal: bool = True) -> dict[str, str]:
    """``KEY=VALUE`` strings to a dict; a malformed pair is a usage error, quoted only if ``reveal``."""
    out: dict[str, str] = {}
    for number, pair in enumerate(pairs, 1):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            shown = repr(pair) if reveal else f"(occurrence {number}, not shown: it may hold a secret)"
            raise ToolkitError(Diagnostic("BP015", f"{option} {shown}: expected KEY=VALUE"))
        out[key.strip()] = value
    return out


def resolve_variables(manifest: Manifest, raw: dict[str, str], base: dict | None = None) -> dict:
    """Defaults (or ``base``), overridden by converted ``raw`` values, validated against the schema."""
    from jsonschema import Draft202012Validator

    schema = manifest.variables_schema
    props = schema.get("properties", {})
    values = dict(manifest.defaults() if base is None else base)
    problems = []
    for key, text in raw.items():
        if key not in props:
            import difflib

            close = difflib.get_close_matches(key, list(props), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"variables: {', '.join(sorted(props)) or 'none'}"
            problems.append(manifest.doc.diagnostic("BP015", f"--set {key}: {manifest.id} has no variable {key!r}", ["variables", "properties"], hint=hint))
            continue
        try:
            values[key] = convert(text, props[key].get("type", "string"))
        except ValueError as exc:
            problems.append(manifest.doc.diagnostic("BP015", f"--set {key}: {exc}", ["variables", "properties", key]))
    if problems:
        raise ToolkitError(*problems)
    errors = binding(Draft202012Validator(schema).iter_errors(values))
    for err in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        where = ".".join(map(str, err.absolute_path))
        label = f"--set {where}" if where in raw else (where or "variables")
        condition = _condition(schema, err, values)
        at = ["variables", *err.absolute_schema_path] if condition else \
            ["variables", "properties", *err.absolute_path][:3]
        problems.append(manifest.doc.diagnostic("BP015", f"{label}: {err.message}{condition}", at))
    if problems:
        raise ToolkitError(*problems)
    return values


# bound keyword -> (what it bounds, +1 for an upper bound, -1 for a lower one)
_BOUNDS = {"maximum": ("value", 1), "exclusiveMaximum": ("value", 1), "minimum": ("value", -1),
           "exclusiveMinimum": ("value", -1), "maxLength": ("length", 1), "minLength": ("length", -1),
           "maxItems": ("items", 1), "minItems": ("items", -1), "maxProperties": ("properties", 1),
           "minProperties": ("properties", -1)}


def binding(errors) -> list:
    """The schema errors, one per violated bound of a value: where a value breaks several bounds of one
    kind (a property's maximum and the tighter maximum of an ``if``/``then``), only the tightest, which
    is the one that binds."""
    kept: dict[tuple, object] = {}
    others = []
    for err in errors:
        bound = _BOUNDS.get(err.validator)
        if bound is None or not isinstance(err.validator_value, (int, float)):
            others.append(err)
            continue
        key = (tuple(map(str, err.absolute_path)), bound)
        if key not in kept or _tighter(err, kept[key], bound[1]):
            kept[key] = err
    return others + list(kept.values())


def _tighter(err, than, direction: int) -> bool:
    """Whether ``err``'s bound is tighter than ``than``'s (an exclusive bound, at the same value)."""
    if err.validator_value != than.validator_value:
        return (err.validator_value - than.validator_value) * direction < 0
    return err.validator.startswith("exclusive") and not than.validator.startswith("exclusive")


def _condition(schema: dict, err, values: dict) -> str:
    """`` (with model 'x')`` for a constraint under an ``if``'s ``then`` or ``else``: the values of the
    variables that ``if`` tests; empty for an unconditional one."""
    path = list(err.absolute_schema_path)
    branch = max((i for i, part in enumerate(path) if part in ("then", "else")), default=None)
    if branch is None:
        return ""
    node = schema
    for part in path[:branch]:
        node = node[part]
    tested = list((node.get("if") or {}).get("properties", {})) if isinstance(node, dict) else []
    shown = ", ".join(f"{name} {quoted(values.get(name))}" for name in tested if name in values)
    return f" (with {shown})" if shown else f" (the {path[branch]} of an if at {'/'.join(map(str, path[:branch]))})"


def convert(text: str, kind: str | list) -> object:
    """Convert command-line text to the declared JSON type. ``null`` is null wherever the type allows
    it, also before ``string`` (``--set input_type=null`` on a ``[string, "null"]`` variable)."""
    kinds = kind if isinstance(kind, list) else [kind]
    if "null" in kinds and text.strip() == "null":
        return None
    errors = []
    for k in kinds:
        try:
            return _convert_one(text, k)
        except ValueError as exc:
            errors.append(str(exc))
    raise ValueError("; ".join(errors))


def _convert_one(text: str, kind: str) -> object:
    if kind == "string":
        return text
    if kind == "integer":
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError(f"{quoted(text)} is not an integer") from None
    if kind == "number":
        try:
            number = float(text.strip())
        except ValueError:
            raise ValueError(f"{quoted(text)} is not a number") from None
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if kind == "boolean":
        try:
            return _BOOLEAN[text.strip().lower()]
        except KeyError:
            raise ValueError(f"{quoted(text)} is not a boolean (true or false)") from None
    if kind in ("array", "object", "null"):
        from toolkit.nesting import loads

        try:
            value = loads(text)
        except json.JSONDecodeError as exc:  # nesting.TooDeep included
            raise ValueError(f"{quoted(text)} is not JSON ({exc.msg}); {kind} values are given as JSON") from None
        expected = {"array": list, "object": dict, "null": type(None)}[kind]
        if not isinstance(value, expected):
            raise ValueError(f"{quoted(text)} is not a JSON {kind}")
        return value
    raise ValueError(f"unsupported variable type {kind!r}")


def resolve_secrets(manifest: Manifest, specs: dict[str, str]) -> dict[str, str | None]:
    """``NAME -> env:VAR`` specs to values; undeclared names and unset variables are errors."""
    values: dict[str, str | None] = {}
    problems = []
    for name, source in specs.items():
        if name not in manifest.secrets:
            problems.append(manifest.doc.diagnostic("BP016", f"--secret {name}: {manifest.id} declares no secret {name!r}",
                                                    ["secrets"], hint=f"secrets: {', '.join(manifest.secrets)}"))
            continue
        kind, sep, ref = source.partition(":")
        if kind != "env" or not sep or not ref:
            problems.append(Diagnostic("BP016", f"--secret {name}=…: expected NAME=env:VARIABLE (what follows = is not "
                                                "shown; values are read from the environment so they never appear in "
                                                "shell history)"))
            continue
        if ref not in os.environ:
            problems.append(Diagnostic("BP016", f"--secret {name}=env:{ref}: environment variable {ref} is not set"))
            continue
        values[name] = os.environ[ref]
    if problems:
        raise ToolkitError(*problems)
    return values
