"""Customise on the page: whether the browser can re-render a blueprint's connector exactly, and the
data its form needs (``static/customise.js``, ``templates/_customise.html``).

Decided per blueprint when the catalog is built:

1. the template's decisions (``toolkit.catalog.template_logic``): each variable it tests must be a
   ``none`` test or take few values, so every branch the form can reach is known: one *skeleton* per
   combination of outcomes (at most ``MAX_SKELETONS``);
2. per branch, the template is rendered with a sentinel text for every other variable; the pretty
   connector text (what ``blueprint render`` prints) with each sentinel cut out is the skeleton, and
   each cut a ``Slot``: the variable written as its JSON (``tojson``) or as Python's ``str`` (Jinja's
   ``~``), escaped as a JSON string ``level`` times where it lands (a second rendering with a quote
   in each sentinel counts the escapes; a third with numbers tells JSON from ``str``);
3. proof: the template is rendered with probe values of every type the schema allows (bounds, enum
   values, defaults and examples, strings with quotes, backslashes, newlines, U+2028 and emoji), and
   each text must equal the skeleton with the values substituted, as must every rendering the build
   made. Anything else, or a variables schema with keywords the page's validator lacks, makes the
   blueprint *not exact*: the page then shows the ``blueprint render ID --set ...`` command instead.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

MAX_SKELETONS = 16
INSTALL = "pip install blueprint-toolkit"  # the distribution's name in pyproject.toml ([project] name)
SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})
# the JSON Schema keywords static/customise.js validates (or that only annotate)
KEYWORDS = frozenset({"type", "enum", "const", "not", "pattern", "minimum", "maximum", "exclusiveMinimum",
                      "exclusiveMaximum", "minLength", "maxLength", "properties", "required", "additionalProperties",
                      "allOf", "anyOf", "if", "then", "else", "default", "examples", "description", "title",
                      "$comment"})
TRICKY = 'He said "hi" \\ back\nslash\ttab é 😀 <b>&amp;</b> \u2028 {"json": [1]}'
_SENTINEL = "Qzq{}qzQ"  # letters and digits only: JSON escapes nothing in it, at any level
_NUMBER_SENTINEL = 918273640
SET = {"not": None}  # the outcome "any value but null" of a ``none`` test (never a variable's value: scalars only)


@dataclass(frozen=True)
class Slot:
    variable: str
    mode: str  # "json": the value's JSON text; "str": Python's str() of it
    level: int  # times the text is JSON-string-escaped where it lands


@dataclass
class Skeleton:
    when: dict  # control variable -> the value it holds, or SET (any value but null)
    parts: list  # str or Slot


@dataclass(frozen=True)
class Field:
    """One input of the form."""

    name: str
    description: str
    kinds: list[str]
    widget: str  # "select", "text" or "textarea"
    options: list[tuple[str, str]]  # (text as --set takes it, label) of a select
    supply: bool  # required and without a default: only the user knows it
    empty: str  # what an empty text field means: "null", "missing" (required) or "" (the empty text)
    hint: str  # the placeholder: an example value, or "null"
    inputmode: str  # "numeric", "decimal" or ""


@dataclass
class Customise:
    exact: bool
    reasons: list[str] = field(default_factory=list)  # why not, when not exact
    control: dict[str, str] = field(default_factory=dict)  # variable -> "null" or "finite"
    skeletons: list[Skeleton] = field(default_factory=list)
    schema: dict = field(default_factory=dict)  # the variables schema, which the page checks values against
    fields: list[Field] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)  # variable -> text of its default
    examples: dict[str, dict[str, str]] = field(default_factory=dict)  # example -> variable -> text

    @property
    def supplied(self) -> list[str]:
        """The variables only the user can fill in (required, no default)."""
        return [f.name for f in self.fields if f.supply]

    def data(self, blueprint: str) -> dict:
        """What the page's script reads."""
        texts: list[str] = []
        index: dict[str, int] = {}

        def part(p):
            if isinstance(p, Slot):
                return [p.variable, p.mode, p.level]
            if p not in index:
                index[p] = len(texts)
                texts.append(p)
            return index[p]

        return {"id": blueprint, "install": INSTALL, "exact": self.exact, "schema": self.schema,
                "defaults": self.defaults, "examples": self.examples, "texts": texts,
                "skeletons": [{"when": s.when, "parts": [part(p) for p in s.parts]} for s in self.skeletons]}


def text_of(value) -> str:
    """``value`` as ``--set NAME=TEXT`` gives it (``toolkit.variables.convert`` reads it back)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else repr(value)


def form_fields(schema: dict) -> list[Field]:
    """The form's inputs: a select for an enum or a boolean, else a text field (a text area for long
    or multi-line defaults and examples); a variable only the user has starts empty."""
    required = set(schema.get("required", []))
    out = []
    for name, spec in schema.get("properties", {}).items():
        kinds = _kinds(spec)
        supply = name in required and "default" not in spec
        examples = [text_of(v) for v in spec.get("examples", [])]
        if "enum" in spec or set(kinds) <= {"boolean", "null"}:
            values = spec.get("enum") or [v for v in (True, False, None) if v is not None or "null" in kinds]
            options = [("", "choose one")] * supply + [(text_of(v), text_of(v)) for v in values]
            out.append(Field(name, spec.get("description", ""), kinds, "select", options, supply,
                             "missing" if supply else "", "", ""))
            continue
        long = any("\n" in t or len(t) > 80 for t in examples + [text_of(spec.get("default", ""))])
        empty = "missing" if supply else ("null" if "null" in kinds else "")
        hint = ("e.g. " + examples[0]) if supply and examples else ("null" if empty == "null" else "")
        mode = "numeric" if "integer" in kinds else ("decimal" if "number" in kinds else "")
        out.append(Field(name, spec.get("description", ""), kinds, "textarea" if long else "text", [], supply,
                         empty, hint, mode))
    return out


class NotExact(Exception):
    """One reason the page cannot render a blueprint exactly."""


# -- the values, as the renderer writes them (static/customise.js does the same) -----------------

def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def escaped(text: str, level: int) -> str:
    for _ in range(level):
        text = json.dumps(text, ensure_ascii=False)[1:-1]
    return text


def slot_text(slot: Slot, value) -> str:
    if slot.mode == "json":
        return escaped(json_text(value), slot.level - 1)
    return escaped(str(value), slot.level)


def substitute(skeleton: Skeleton, values: dict) -> str:
    return "".join(p if isinstance(p, str) else slot_text(p, values[p.variable]) for p in skeleton.parts)


def choose(skeletons: list[Skeleton], values: dict) -> Skeleton:
    """The skeleton of the branch ``values`` take."""
    for skeleton in skeletons:
        if all((values[name] is not None) if held == SET else _same(values[name], held)
               for name, held in skeleton.when.items()):
            return skeleton
    raise KeyError("no skeleton for these values")


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                              and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


# -- the decision --------------------------------------------------------------------------------

def customise(manifest, renderings) -> Customise:
    """Whether the page can render ``manifest``'s connector for any values its form accepts, and how
    (module docstring). ``renderings`` are the build's (``model.Rendering``), checked too."""
    from toolkit.catalog.template_logic import analyse

    schema = manifest.variables_schema
    props = schema.get("properties", {})
    form = {"schema": schema, "fields": form_fields(schema),
            "defaults": {k: text_of(v) for k, v in manifest.defaults().items()},
            "examples": {r.name: {k: text_of(v) for k, v in r.variables.items()} for r in renderings
                         if r.name != "default"}}
    reasons = schema_problems(schema)
    source = (manifest.project.templates / manifest.template).read_text(encoding="utf-8")
    logic = analyse(source, set(props), f"templates/{manifest.template}")
    reasons += logic.problems
    branches = []
    for name, kind in sorted(logic.control.items()):
        outcomes = _outcomes(name, kind, props.get(name, {}))
        if isinstance(outcomes, str):
            reasons.append(outcomes)
        branches.append([(name, o) for o in outcomes] if not isinstance(outcomes, str) else [])
    combinations = list(itertools.product(*branches)) if not reasons else []
    if len(combinations) > MAX_SKELETONS:
        reasons.append(f"the template has {len(combinations)} branches (at most {MAX_SKELETONS} are put on the page)")
    if reasons:
        return Customise(False, reasons, dict(logic.control), **form)
    try:
        skeletons = [_skeleton(manifest, props, dict(c)) for c in combinations]
        _prove(manifest, props, skeletons, renderings)
    except NotExact as exc:
        return Customise(False, [str(exc)], dict(logic.control), **form)
    return Customise(True, [], dict(logic.control), skeletons, **form)


def schema_problems(schema: dict) -> list[str]:
    """What the page's form cannot take or check in a variables schema."""
    problems = []
    for name, spec in schema.get("properties", {}).items():
        kinds = spec.get("type", "string")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if not set(kinds) <= SCALARS:
            problems.append(f"variable {name!r} is of type {' or '.join(kinds)}: the form takes only single values")
    unknown = sorted(_keywords(schema) - KEYWORDS)
    if unknown:
        problems.append("the variables schema uses " + ", ".join(unknown) + ", which the page does not check")
    return problems


def _keywords(schema) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key == "properties" and isinstance(value, dict):
            found |= {k for v in value.values() for k in _keywords(v)}
        elif key in ("allOf", "anyOf") and isinstance(value, list):
            found |= {k for v in value for k in _keywords(v)}
        elif key in ("not", "if", "then", "else"):
            found |= _keywords(value)
    return found


def _kinds(spec: dict) -> list[str]:
    kinds = spec.get("type", "string")
    return kinds if isinstance(kinds, list) else [kinds]


def _outcomes(name: str, kind: str, spec: dict) -> list | str:
    """The branch outcomes of a control variable, or why there are too many to list."""
    kinds = _kinds(spec)
    if kind == "null":
        return ([SET, None] if "null" in kinds else [SET]) if kinds != ["null"] else [None]
    if "enum" in spec:
        return list(spec["enum"])
    if "const" in spec:
        return [spec["const"]]
    if set(kinds) <= {"boolean", "null"}:
        return [v for v in (True, False, None) if v is not None or "null" in kinds]
    return (f"the template decides on the value of {name!r} ({' or '.join(kinds)}), which can take any value: "
            "the page cannot run that logic")


def _values(when: dict, free: dict) -> dict:
    values = {name: held for name, held in when.items() if held != SET}
    values.update(free)
    return values


def _render_text(manifest, values: dict) -> str:
    from toolkit.diagnostics import ToolkitError
    from toolkit.render import render

    try:
        return render(manifest, manifest.project, values).pretty()
    except ToolkitError as exc:
        raise NotExact(f"rendering with {_shown(values)} fails: {exc.diagnostics[0].message}") from None


def _shown(values: dict) -> str:
    return ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)[:40]}" for k, v in sorted(values.items()))


def _skeleton(manifest, props: dict, when: dict) -> Skeleton:
    """The connector text of one branch with each free variable cut out as a ``Slot`` (module docstring)."""
    import re

    free = [name for name in props if when.get(name, SET) == SET]
    sentinels = {name: _SENTINEL.format(i) for i, name in enumerate(free)}
    numeric = {name: str(_NUMBER_SENTINEL + i) for i, name in enumerate(free) if set(_kinds(props[name])) - {"string"}}
    text = _render_text(manifest, _values(when, sentinels))
    try:
        quoted = _render_text(manifest, _values(when, {k: v + '"' for k, v in sentinels.items()}))
    except NotExact:
        raise NotExact("the template writes a value into the connector without JSON escaping it (a quote in "
                       "it breaks the JSON)") from None
    numbers = _render_text(manifest, _values(when, {**sentinels, **{k: int(v) for k, v in numeric.items()}}))
    by_text = {v: k for k, v in sentinels.items()}
    found = [(m.start(), m.end(), by_text[m.group(0)]) for m in
             re.finditer("|".join(map(re.escape, by_text)), text)] if by_text else []
    chunks = [text[end:start] for (_, end, _), (start, _, _) in zip([(0, 0, "")] + found, found + [(len(text), 0, "")])]

    levels = _levels(chunks, [sentinels[name] for _, _, name in found], quoted)
    modes = _modes(chunks, found, levels, sentinels, numeric, numbers)
    parts = [chunks[0]]
    for (_, _, name), level, mode, after in zip(found, levels, modes, chunks[1:]):
        quote = escaped('"', level - 1) if mode == "json" else ""
        parts[-1] = parts[-1][:len(parts[-1]) - len(quote)]
        parts += [Slot(name, mode, level), after[len(quote):]]
    return Skeleton(dict(when), [p for p in parts if p != ""])


def _levels(chunks: list[str], sentinels: list[str], quoted: str) -> list[int]:
    """How often each occurrence is JSON-escaped: in ``quoted`` each sentinel is followed by a ``"``
    that comes out as 2**level - 1 backslashes and the quote."""
    levels, at = [], 0
    for chunk, sentinel in zip(chunks, sentinels):
        if not quoted.startswith(chunk + sentinel, at):
            raise NotExact("the template changes a value on its way into the connector")
        at += len(chunk) + len(sentinel)
        slashes = len(quoted[at:]) - len(quoted[at:].lstrip("\\"))
        if not quoted.startswith('"', at + slashes) or (slashes + 1) & slashes:
            raise NotExact("the template writes a value into the connector without JSON escaping it")
        levels.append((slashes + 1).bit_length() - 1)
        at += slashes + 1
    if quoted[at:] != chunks[-1]:
        raise NotExact("the template changes a value on its way into the connector")
    return levels


def _modes(chunks, found, levels, sentinels, numeric, numbers) -> list[str]:
    """Per occurrence, ``json`` when a variable that may hold a number loses the quotes around it once it
    does (``tojson``), else ``str``."""
    if not numeric:
        return ["str"] * len(found)
    modes, at = [], 0
    for index, ((_, _, name), level) in enumerate(zip(found, levels)):
        quote, digits = escaped('"', level - 1), numeric.get(name)
        chunk = chunks[index]
        if index and modes[-1] == "json":
            chunk = chunk[len(escaped('"', levels[index - 1] - 1)):]
        quotes = digits is not None and quote and chunk.endswith(quote) and chunks[index + 1].startswith(quote)
        if quotes and numbers.startswith(chunk[:-len(quote)] + digits, at) and not numbers.startswith(chunk + digits, at):
            modes.append("json")
            at += len(chunk) - len(quote) + len(digits)
        elif numbers.startswith(chunk + (digits or sentinels[name]), at):
            modes.append("str")
            at += len(chunk) + len(digits or sentinels[name])
        else:
            raise NotExact(f"the template writes {name!r} differently when it holds a number")
    last = chunks[-1][len(escaped('"', levels[-1] - 1)):] if found and modes[-1] == "json" else chunks[-1]
    if numbers[at:] != last:
        raise NotExact("the template writes a variable differently when it holds a number")
    return modes


def _prove(manifest, props: dict, skeletons: list[Skeleton], renderings) -> None:
    """Each skeleton, filled with probe values of every kind the schema allows, equals the template's own
    rendering; so does each rendering of the build."""
    for skeleton in skeletons:
        free = [name for name in props if skeleton.when.get(name, SET) == SET]
        probes = {name: probe_values(props[name], null=name not in skeleton.when) for name in free}
        for round_ in range(max((len(p) for p in probes.values()), default=1)):
            values = _values(skeleton.when, {name: p[round_ % len(p)] for name, p in probes.items()})
            if substitute(skeleton, values) != _render_text(manifest, values):
                raise NotExact(f"rendering with {_shown(values)} is not a plain substitution of the values")
    for rendering in renderings:
        try:
            same = substitute(choose(skeletons, rendering.variables), rendering.variables) == rendering.text
        except KeyError:
            same = False
        if not same:
            raise NotExact(f"the {rendering.name} connector is not a plain substitution of its values")


def probe_values(spec: dict, null: bool = True) -> list:
    """Values of every kind ``spec`` allows (null only if ``null``): the first and last of its enum, its
    default and examples, bounds, and numbers and strings that are hard to write as JSON."""
    from jsonschema import Draft202012Validator

    kinds = _kinds(spec)
    enum = list(spec.get("enum", []))
    candidates = enum[:1] + enum[-1:] + ([spec["default"]] if "default" in spec else []) + list(
        spec.get("examples", []))
    for key in ("minimum", "maximum"):
        if isinstance(spec.get(key), (int, float)):
            candidates.append(spec[key])
    if "string" in kinds:
        candidates += [TRICKY, ""]
    if "integer" in kinds or "number" in kinds:
        candidates += [0, 123456789]
    if "number" in kinds:
        candidates += [0.5, 1e-05, 2.0, 1e16]
    if "boolean" in kinds:
        candidates += [True, False]
    candidates.append(None)
    valid = Draft202012Validator(spec)
    out, seen = [], set()
    for value in candidates:
        key = (type(value).__name__, repr(value))
        if key in seen or (value is None and not null) or not valid.is_valid(value):
            continue
        seen.add(key)
        out.append(value)
    return out or [_SENTINEL.format("x")]
