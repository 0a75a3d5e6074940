"""Where a blueprint template's output depends on its variables through Jinja logic, read from the
template's syntax tree (for the customise form, ``toolkit.catalog.customise``).

A variable reaches the connector in two ways. As a *value* it flows into the text (``{{ x | tojson }}``,
``"prefix " ~ x``, a ``{% set %}`` block later written with ``oneline | tojson``): the page can
substitute it, and ``customise`` proves that by rendering. As a *decision* it is tested (``{% if %}``,
``a if x else b``, a comparison): then the page must know every outcome in advance, which it can only
when the test asks whether the variable is ``none`` (``kind`` ``null``) or the variable takes a few
values (``finite``: an enum or a boolean). Anything else the page cannot follow: other filters,
method calls, arithmetic or loops over a variable, other templates, macros; each is a ``problem``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VALUE_FILTERS = frozenset({"tojson", "oneline", "secret", "script"})  # toolkit.render's filters
_PREDICATES = ("Compare", "Test", "Not", "And", "Or")
_ARITHMETIC = ("Add", "Sub", "Mul", "Div", "FloorDiv", "Mod", "Pow", "Neg", "Pos")
_UNFOLLOWED = {"Include": "includes another template", "Import": "imports another template",
               "FromImport": "imports another template", "Extends": "extends another template",
               "Macro": "defines a macro", "CallBlock": "calls a macro", "FilterBlock": "has a filter block"}


@dataclass
class Logic:
    control: dict[str, str] = field(default_factory=dict)  # variable -> "null" or "finite"
    problems: list[str] = field(default_factory=list)


def analyse(source: str, variables: set[str], where: str) -> Logic:
    """The decisions ``source`` takes on ``variables`` and what the page cannot follow (module docstring);
    ``where`` names the template in messages."""
    from jinja2 import Environment, nodes

    tree = Environment().parse(source)
    logic = Logic()
    for kind, what in _UNFOLLOWED.items():
        found = next(iter(tree.find_all(getattr(nodes, kind))), None)
        if found is not None:
            logic.problems.append(f"{where} {what} (line {found.lineno}), which the page does not follow")
    derived = _derived(tree, variables, logic, where)

    def refs(node) -> set[str]:
        names = [node] if isinstance(node, nodes.Name) else node.find_all(nodes.Name)
        out: set[str] = set()
        for name in names:
            if name.ctx == "load":
                out |= {name.name} if name.name in variables else derived.get(name.name, set())
        return out

    for node, parent in _walk(tree):
        kind = type(node).__name__
        depends = refs(node) if isinstance(node, nodes.Expr) else set()
        if not depends:
            continue
        shown = ", ".join(sorted(depends))
        if isinstance(node, nodes.Filter) and node.name not in VALUE_FILTERS:
            logic.problems.append(f"{where} line {node.lineno}: the filter {node.name!r} is applied to {shown}")
        elif kind in ("Call", "Getattr"):
            logic.problems.append(f"{where} line {node.lineno}: {shown} is used in a call or an attribute access")
        elif kind in _ARITHMETIC:
            logic.problems.append(f"{where} line {node.lineno}: {shown} is used in arithmetic")
        elif isinstance(parent, nodes.For) and node is parent.iter:
            logic.problems.append(f"{where} line {node.lineno}: a loop runs over {shown}")
        if _is_test(node, parent):
            for name in (node.find_all(nodes.Name) if not isinstance(node, nodes.Name) else [node]):
                _decide(logic, name, node, variables, derived)
    return logic


def _is_test(node, parent) -> bool:
    """``node`` is a whole test: an ``if``/``elif`` or loop condition, or the outermost predicate of an
    expression (a comparison or ``is`` test written into the output decides it too)."""
    from jinja2 import nodes

    if isinstance(parent, (nodes.If, nodes.CondExpr)) and node is parent.test:
        return True
    if isinstance(parent, nodes.For) and node is parent.test:
        return True
    return type(node).__name__ in _PREDICATES and type(parent).__name__ not in _PREDICATES


def _decide(logic: Logic, name, test, variables: set[str], derived: dict[str, set[str]]) -> None:
    if name.ctx != "load":
        return
    if name.name in variables:
        kind = "null" if _tests_none(name, test) else "finite"
        bases = {name.name}
    else:
        kind, bases = "finite", derived.get(name.name, set())
    for base in bases:
        if logic.control.get(base) != "finite":
            logic.control[base] = kind


def _tests_none(name, test) -> bool:
    """``name is none`` (under any ``not``): the only thing asked of the value is whether it is null."""
    from jinja2 import nodes

    for node, parent in _walk(test):
        if node is name:
            return isinstance(parent, nodes.Test) and parent.name == "none" and parent.node is name
    return False


def _derived(tree, variables: set[str], logic: Logic, where: str) -> dict[str, set[str]]:
    """``{% set %}`` names -> the variables their values are made from (to a fixed point)."""
    from jinja2 import nodes

    sources: dict[str, list] = {}
    for node in tree.find_all((nodes.Assign, nodes.AssignBlock)):
        targets = [node.target] if isinstance(node.target, nodes.Name) else list(node.target.find_all(nodes.Name))
        for target in targets:
            if target.name in variables:
                logic.problems.append(f"{where} line {node.lineno}: {{% set {target.name} %}} replaces a variable")
            value = node.node if isinstance(node, nodes.Assign) else nodes.Output(node.body)
            sources.setdefault(target.name, []).append(value)
    derived = {name: set() for name in sources}
    changed = True
    while changed:
        changed = False
        for name, values in sources.items():
            found = set(derived[name])
            for value in values:
                for ref in value.find_all(nodes.Name):
                    if ref.ctx == "load" and ref.name != name:
                        found |= {ref.name} if ref.name in variables else derived.get(ref.name, set())
            if found != derived[name]:
                derived[name], changed = found, True
    return derived


def _walk(node, parent=None):
    yield node, parent
    for child in node.iter_child_nodes():
        yield from _walk(child, node)
