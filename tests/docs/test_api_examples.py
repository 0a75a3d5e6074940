"""The Python examples of docs/api.md run as written and show what they compute.

Convention (doctest-like, for ```` ```python ```` blocks of docs/api.md):

- The blocks run in order, in one namespace (as cells of one notebook), with an empty temporary
  folder as the working directory and no ``$BLUEPRINT_PROJECT``: the project is the shipped catalog.
- A statement that is an expression followed by the comment ``# -> VALUE`` is evaluated, and the
  ``repr`` of its value must equal ``VALUE``; ``...`` within ``VALUE`` stands for any text. Every
  other statement is just run; any exception fails the test, naming the block's line.
- Every function of ``toolkit.api.__all__`` has a ``## `name(...)` `` section in the document.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from tests.docs.examples import REPO
from toolkit import api

DOCUMENT = REPO / "docs" / "api.md"
_SHOWN = re.compile(r"#\s*->\s*(?P<value>.*?)\s*$")


def python_blocks(text: str) -> list[tuple[int, str]]:
    """(the line of its opening fence, its source) for each ```python block."""
    blocks, lines, index = [], text.splitlines(), 0
    while index < len(lines):
        if lines[index].strip() == "```python":
            start, body = index + 1, []
            index += 1
            while lines[index].strip() != "```":
                body.append(lines[index])
                index += 1
            blocks.append((start, "\n".join(body) + "\n"))
        index += 1
    return blocks


def shown_matches(expected: str, actual: str) -> bool:
    """``actual`` equals ``expected``, where ``...`` in ``expected`` stands for any text."""
    return re.fullmatch(".*?".join(map(re.escape, expected.split("..."))), actual, re.DOTALL) is not None


def run_block(source: str, first_line: int, namespace: dict) -> list[str]:
    """Run one block; what differs from its ``# ->`` comments, each naming its line in the document."""
    failures, lines = [], source.splitlines()
    for statement in ast.parse(source).body:
        line = first_line + statement.lineno
        shown = _SHOWN.search(lines[statement.end_lineno - 1])
        try:
            if isinstance(statement, ast.Expr) and shown:
                value = repr(eval(compile(ast.Expression(statement.value), str(DOCUMENT), "eval"), namespace))
                if not shown_matches(shown["value"], value):
                    failures.append(f"line {line}: shows {shown['value']}, computes {value}")
            else:
                if shown:
                    failures.append(f"line {line}: `# ->` follows a statement that is not an expression")
                exec(compile(ast.Module([statement], []), str(DOCUMENT), "exec"), namespace)
        except Exception as exc:  # noqa: BLE001 - an example that raises is a failure to report
            failures.append(f"line {line}: {type(exc).__name__}: {exc}")
            break
    return failures


@pytest.fixture
def empty_folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)
    return tmp_path


def test_every_python_example_of_the_api_document_computes_what_it_shows(empty_folder):
    namespace: dict = {}
    failures, checked = [], 0
    for line, source in python_blocks(DOCUMENT.read_text(encoding="utf-8")):
        failures += run_block(source, line, namespace)
        checked += source.count("# ->")
    assert not failures, "\n".join(failures)
    assert checked >= 20


def test_every_function_of_the_api_has_a_section():
    text = DOCUMENT.read_text(encoding="utf-8")
    functions = [name for name in api.__all__ if inspect.isfunction(getattr(api, name))]
    assert sorted(functions) == ["check", "load_project", "predict", "render", "run_cases", "settings_for"]
    assert [name for name in functions if f"## `{name}(" not in text] == []


# The convention itself.

def test_a_wrong_value_an_exception_and_a_misplaced_comment_are_failures():
    source = "x = 2\nx + 1  # -> 3\nx * 2  # -> 5\ny = x  # -> 2\n[x] * 3  # -> [2, ...]\nnope\nx  # -> 2\n"
    failures = run_block(source, 10, {})
    assert failures == ["line 13: shows 5, computes 4",
                        "line 14: `# ->` follows a statement that is not an expression",
                        "line 16: NameError: name 'nope' is not defined"]


def test_blocks_are_read_from_python_fences_only():
    text = "# t\n```python\na = 1\n```\n```console\n$ blueprint list\n```\n```python\nb = a  # -> 1\n```\n"
    assert python_blocks(text) == [(2, "a = 1\n"), (8, "b = a  # -> 1\n")]
