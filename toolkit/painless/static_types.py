"""Painless' compile-time types: implicit and explicit casts, numeric promotion, canonical names.

A type is its short name as a script writes it (``int``, ``def``, ``String``, ``Map.Entry``) with
``[]`` per array dimension. The rules follow lang-painless' ``AnalyzerCaster`` (getLegalCast and
the promote methods): a primitive boxes only where the cast is *internal* (a method argument, a
return value, a list or map initializer element), never in a declaration or an assignment, so
``Object o = 1`` and ``Integer i = 1`` do not compile. Types the semantic pass knows nothing about
are typed ``def``, which casts to and from anything: an unknown never causes an error.
"""

from __future__ import annotations

from toolkit.painless import signatures

NUMERIC = ("byte", "short", "char", "int", "long", "float", "double")
PRIMITIVE = frozenset(NUMERIC) | {"boolean"}
BOXES = {"boolean": "Boolean", "byte": "Byte", "short": "Short", "char": "Character", "int": "Integer",
         "long": "Long", "float": "Float", "double": "Double"}
_BOXED = {box: prim for prim, box in BOXES.items()}

# AnalyzerCaster.getLegalCast, primitive rows: target -> "i" implicit, "e" explicit only, "n" internal only.
_PRIMITIVE_CASTS = {
    "byte": "short:i char:e int:i long:i float:i double:i Byte:n Short:n Integer:n Long:n Float:n Double:n",
    "short": "byte:e char:e int:i long:i float:i double:i Short:n Integer:n Long:n Float:n Double:n",
    "char": "String:e byte:e short:e int:i long:i float:i double:i Character:n Integer:n Long:n Float:n Double:n",
    "int": "byte:e char:e short:e long:i float:i double:i Integer:n Long:n Float:n Double:n",
    "long": "byte:e char:e short:e int:e float:i double:i Long:n Float:n Double:n",
    "float": "byte:e char:e short:e int:e long:e double:i Float:n Double:n",
    "double": "byte:e char:e short:e int:e long:e float:e Double:n",
    "boolean": "Boolean:n",
    "String": "char:e",
}
# Boxed sources: unboxing (and unbox-then-widen-then-box) is internal only.
_BOXED_CASTS = {
    "Boolean": "boolean", "Byte": "byte short int long float double Short Integer Long Float Double",
    "Short": "short int long float double Integer Long Float Double",
    "Character": "char int long float double Integer Long Float Double",
    "Integer": "int long float double Long Float Double", "Long": "long float double Float Double",
    "Float": "float double Double", "Double": "double",
}
_CASTS = {source: dict(pair.split(":") for pair in row.split()) for source, row in _PRIMITIVE_CASTS.items()}
_CASTS.update({source: {target: "n" for target in row.split()} for source, row in _BOXED_CASTS.items()})


class CastError(Exception):
    """Painless' ``Cannot cast from [A] to [B].`` (raised at the expression being cast)."""

    def __init__(self, actual: str, expected: str):
        super().__init__(f"Cannot cast from [{canonical(actual)}] to [{canonical(expected)}].")


def dims(t: str) -> int:
    return t.count("[]")


def element(t: str) -> str:
    """The component type of an array type."""
    return t[:-2]


def is_primitive(t: str) -> bool:
    return t in PRIMITIVE


def canonical(t: str) -> str:
    """``PainlessLookupUtility.typeToCanonicalTypeName``: ``java.lang.String``, ``int[]``, ``def``."""
    base, depth = t.replace("[]", ""), dims(t)
    if base in PRIMITIVE or base in ("def", "void"):
        return t
    return signatures.canonical_name(base) + "[]" * depth


def is_assignable(expected: str, actual: str) -> bool:
    """Java's ``expected.isAssignableFrom(actual)`` on reference types (and identical primitives)."""
    if expected == actual:
        return True
    if actual in PRIMITIVE or expected in PRIMITIVE or actual in ("void", "null"):
        return False
    if expected == "Object":
        return True
    if dims(actual) or dims(expected):
        if not (dims(actual) and dims(expected)):
            return False
        inner_actual, inner_expected = element(actual), element(expected)
        if inner_actual in PRIMITIVE or inner_expected in PRIMITIVE:
            return inner_actual == inner_expected
        return is_assignable(inner_expected, inner_actual)
    return expected in signatures.supertypes(actual)


def check_cast(actual: str, expected: str, explicit: bool = False, internal: bool = False) -> None:
    """Raise ``CastError`` unless Painless can cast ``actual`` to ``expected`` here."""
    if actual == expected or actual == "def":
        return
    rule = _CASTS.get(actual, {}).get(expected)
    if rule == "i" or rule == "e" and explicit or rule == "n" and internal:
        return
    if actual in _CASTS and expected == "def":  # primitives and boxes box or stay boxed into def
        return
    if actual in PRIMITIVE and expected in ("Object", "Number") and internal and (expected == "Object"
                                                                               or actual != "boolean"):
        return
    if actual != "void" and expected == "def" or is_assignable(expected, actual):
        return
    if explicit and is_assignable(actual, expected):
        return
    raise CastError(actual, expected)


def promote_numeric(t: str, decimal: bool) -> str | None:
    if t == "def" or t == "long" or decimal and t in ("double", "float"):
        return t
    if t in ("int", "char", "short", "byte"):
        return "int"
    return None


def promote_numeric2(a: str, b: str, decimal: bool) -> str | None:
    if a == "def" or b == "def":
        return "def"
    if decimal:
        if "double" in (a, b):
            return "double"
        if "float" in (a, b):
            return "float"
    if "long" in (a, b):
        return "long"
    if a in ("int", "char", "short", "byte") or b in ("int", "char", "short", "byte"):
        return "int"
    return None


def promote_add(a: str, b: str) -> str | None:
    return "String" if "String" in (a, b) else promote_numeric2(a, b, True)


def promote_xor(a: str, b: str) -> str | None:
    if a == "def" or b == "def":
        return "def"
    if "boolean" in (a, b):
        return "boolean"
    return promote_numeric2(a, b, False)


def promote_equality(a: str, b: str) -> str | None:
    if a == b == "String":
        return "String"
    if a == "def" or b == "def":
        return "def"
    if a in PRIMITIVE and b in PRIMITIVE:
        if a == b == "boolean":
            return "boolean"
        return promote_numeric2(a, b, True)
    return "Object"


def promote_conditional(a: str, b: str) -> str | None:
    if a == b:
        return a
    if a == "def" or b == "def":
        return "def"
    numeric = set(NUMERIC)
    if a in numeric and b in numeric:
        for wide in ("double", "float", "long", "int"):
            if wide in (a, b):
                return wide
        if "char" in (a, b):
            other = b if a == "char" else a
            return "int" if other in ("short", "byte") else None
        return None
    return "Object"
