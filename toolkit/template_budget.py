"""The template sandbox with size budgets: ``BudgetedSandbox``.

Jinja's ``ImmutableSandboxedEnvironment`` bounds what a template can reach, not what it can
allocate: ``'a' * 10**9`` or ``7 ** 10**8`` run in C, where neither the render time budget nor a
signal can stop them, and Jinja folds constant expressions at compile time. This sandbox refuses,
before making it, a string or list of more than ``MAX_SIZE`` characters or items and an integer of
more than ``MAX_INT_BITS`` bits, from the operators ``+ * ** %`` (intercepted, so never folded at
compile time), ``~``, block captures, the amplifying string methods and filters, and the text of
printed or serialised collections. Refusals are ``SecurityError`` (BP012).
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Mapping, Sized

from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS as DEFAULT_FILTERS
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SIZE = 2_000_000  # characters of a string, items of a list, tuple or dict (the rendered output's cap)
MAX_INT_BITS = 4_096
_MAX_DEPTH = 1_000  # collections inside collections whose text is measured
_DIGITS = re.compile(r"\d+")
_NESTED_FIELD = re.compile(r"\{[^{}]*\{")


def check_size(size: int, what: str = "a value") -> None:
    if size > MAX_SIZE:
        raise SecurityError(f"{what} would have {size:,} characters or items (the template limit is {MAX_SIZE:,})")


def _big_integer(bits: int, about: str = "") -> SecurityError:
    return SecurityError(f"an integer of {about}{bits:,} bits (the template limit is {MAX_INT_BITS:,} bits)")


def checked(value):
    """``value`` when it is within the limits (strings, sequences, mappings, integers)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value.bit_length() > MAX_INT_BITS:
            raise _big_integer(value.bit_length())
    elif isinstance(value, (str, list, tuple, dict)):
        check_size(len(value))
    return value


def text_size(value) -> int:
    """A lower bound of ``len(str(value))`` found without making it; refuses past ``MAX_SIZE``."""
    size, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, (list, tuple, Mapping)):
            if depth > _MAX_DEPTH:
                raise SecurityError(f"collections nested deeper than {_MAX_DEPTH}")
            elements = [x for pair in item.items() for x in pair] if isinstance(item, Mapping) else item
            size += 2 + len(elements)
            stack += [(x, depth + 1) for x in elements if x is not item]
        else:
            size += 1
        check_size(size, "the text of a collection")
    return size


def _longest(values) -> int:
    """The longest text among ``values`` (for other values than strings, at least 24 characters)."""
    return max((len(v) if isinstance(v, str) else max(24, text_size(v)) for v in values), default=0)


def _format_size(template: str, values) -> int:
    """An upper bound of ``len(template % values)`` or ``template.format(*values)``: each field at
    most the longest value or the widest width, written in the template or passed (``%*d``, ``{:{w}}``)."""
    widths = [int(d) if len(d) < 10 else MAX_SIZE + 1 for d in _DIGITS.findall(template)]
    if "*" in template or _NESTED_FIELD.search(template):  # a width taken from the values
        widths += [abs(v) for v in values if isinstance(v, int) and not isinstance(v, bool)]
    fields = template.count("%") + template.count("{")
    return len(template) + fields * max(max(widths, default=0), _longest(values))


def _format_values(right) -> list:
    if isinstance(right, Mapping):
        return list(right.values())
    return list(right) if isinstance(right, tuple) else [right]


def _binop_size(op: str, left, right) -> int | None:
    """The size of ``left op right`` when it can amplify, before computing it."""
    if op in ("*", "**") and isinstance(left, int) and isinstance(right, int):
        if op == "*":
            bits = left.bit_length() + right.bit_length()
        else:
            bits = 0 if right < 0 or abs(left) <= 1 else math.ceil(right * math.log2(abs(left)))
        if bits > MAX_INT_BITS + 1:
            raise _big_integer(bits, "about ")
        return None
    if op == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(count, int):
                return len(seq) * max(0, count)
    if op == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        return len(left) + len(right)
    if op == "%" and isinstance(left, str):
        return _format_size(left, _format_values(right))
    return None


def _str_method_size(text: str, name: str, args: tuple, kwargs: dict) -> int | None:
    """The size of ``text.name(*args, **kwargs)`` for the string methods that can amplify."""
    arguments = list(args) + list(kwargs.values())
    if name in ("center", "ljust", "rjust", "zfill") and arguments and isinstance(arguments[0], int):
        return max(len(text), arguments[0])
    if name == "expandtabs":
        tab = arguments[0] if arguments and isinstance(arguments[0], int) else 8
        return len(text) + text.count("\t") * max(0, tab)
    if name == "replace" and len(arguments) >= 2 and all(isinstance(a, str) for a in arguments[:2]):
        return _replace_size(text, *arguments[:2])
    if name == "join" and arguments and isinstance(arguments[0], (list, tuple)):
        items = arguments[0]
        return sum(len(x) if isinstance(x, str) else 0 for x in items) + len(text) * max(0, len(items) - 1)
    if name in ("format", "format_map"):
        values = list(arguments[0].values()) if name == "format_map" and arguments and isinstance(
            arguments[0], Mapping) else arguments
        return _format_size(text, values)
    if name == "translate" and arguments and isinstance(arguments[0], Mapping):
        return len(text) * max(1, _longest(arguments[0].values()))
    return None


def _replace_size(text: str, old: str, new: str) -> int:
    occurrences = text.count(old) if old else len(text) + 1
    return len(text) + occurrences * (len(new) - len(old))


def _filter_size(name: str, bound: Mapping) -> int | None:
    """The size of a built-in filter's result for the filters that can amplify, before running it."""
    value = bound["value"]
    if name == "replace":
        return _replace_size(str(value), str(bound["old"]), str(bound["new"]))
    if name == "center":
        return max(len(str(value)), bound["width"])
    if name == "indent":
        width = bound["width"]
        per_line = width if isinstance(width, int) else len(str(width))
        return len(str(value)) + (str(value).count("\n") + 1) * per_line
    if name == "wordwrap":
        text, wrap = str(value), bound["wrapstring"] or "\n"
        return len(text) + (len(text) // max(1, bound["width"]) + 1) * len(wrap)
    if name in ("batch", "slice"):
        count = bound["linecount" if name == "batch" else "slices"]
        return count if isinstance(count, int) else None
    if name == "format":
        return _format_size(str(value), list(bound["args"]) + list(bound["kwargs"].values()))
    if name in ("string", "pprint"):
        return text_size(value)
    if name == "join" and bound["attribute"] is None:
        return _longest_total(value) + len(str(bound["d"])) * max(0, len(value) - 1)
    if name == "sum" and bound["attribute"] is None and isinstance(bound["start"], (str, list, tuple)):
        return len(bound["start"]) + sum(len(x) for x in value if isinstance(x, (str, list, tuple)))
    return None


def _longest_total(values) -> int:
    return sum(len(v) if isinstance(v, str) else text_size(v) for v in values)


_AMPLIFYING_FILTERS = ("replace", "center", "indent", "wordwrap", "batch", "slice", "format", "string", "pprint",
                       "join", "sum")


def guard_filter(name: str, function):
    """``function`` (a built-in filter) refusing, before it runs, a result beyond the limits."""
    signature = inspect.signature(function)
    names = list(signature.parameters)
    context = names[0] if getattr(function, "jinja_pass_arg", None) is not None else None
    first = names[1] if context else names[0]  # the filtered value

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        if name in ("join", "sum") and not isinstance(bound.arguments[first], Sized):
            bound.arguments[first] = list(bound.arguments[first])  # measured, then joined or summed
        arguments = {key: value for key, value in bound.arguments.items() if key not in (context, first)}
        size = _filter_size(name, {"value": bound.arguments[first], **arguments})
        if size is not None:
            check_size(size, f"the {name} filter's result")
        return checked(function(*bound.args, **bound.kwargs))
    return guarded


_GUARDED_FILTERS = {name: guard_filter(name, DEFAULT_FILTERS[name]) for name in _AMPLIFYING_FILTERS}


class _Generator(CodeGenerator):
    """Compiles ``a ~ b`` to ``environment.checked_concat`` (sizes checked before joining)."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def _checked_join(parts) -> str:
    """Block captures, macros and ``caller()``: join only when the result is within the limits."""
    parts = list(parts)
    check_size(sum(map(len, parts)), "a captured block")
    return "".join(parts)


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with size budgets on operators, calls, filters, ``~`` and output."""

    intercepted_binops = frozenset({"+", "*", "**", "%"})
    code_generator_class = _Generator
    concat = staticmethod(_checked_join)

    def __init__(self, **options):
        super().__init__(finalize=_finalize, **options)
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs
        self.filters.update(_GUARDED_FILTERS)

    def call_binop(self, context, operator: str, left, right):
        size = _binop_size(operator, left, right)
        if size is not None:
            check_size(size, f"the result of {operator!r}")
        return checked(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            if getattr(target, "__name__", "") == "join" and args and not isinstance(args[0], (str, Sized)):
                args = (list(args[0]),) + args[1:]
            size = _str_method_size(owner, getattr(target, "__name__", ""), args, kwargs)
            if size is not None:
                check_size(size, f"the result of str.{target.__name__}")
        return checked(super().call(__context, __obj, *args, **kwargs))

    @staticmethod
    def checked_concat(values) -> str:
        """``a ~ b ~ ...``: each value as text, refused before joining beyond the limit."""
        parts = [value if isinstance(value, str) else str(_finalize(value)) for value in values]
        check_size(sum(map(len, parts)), "the result of '~'")
        return "".join(parts)


def _finalize(value):
    """Every printed value: a collection's text is measured before it is made."""
    if isinstance(value, (list, tuple, Mapping)):
        text_size(value)
    return checked(value)
