"""The libyaml fast path of ``parse_yaml`` gives exactly what ruamel's YAML 1.2 loader gives, or steps aside.

libyaml is a YAML 1.1 parser: where 1.1 and 1.2 read a text differently (``yes``/``on`` booleans,
``012`` octals, ``1:20`` sexagesimals, NEL/LS/PS line breaks, the ``\\/`` escape) the fast path
must give up, so that ruamel decides (YAML 1.2 spec, chapter 10 and appendix "Changes from 1.1").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.source import _parse_yaml_ruamel, parse_yaml
from toolkit.yamlfast import fast_load

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for folder in ("blueprints", "contracts", "providers") for p in (REPO / folder).rglob("*.yaml"))


def ruamel(text: str):
    document = _parse_yaml_ruamel(text, "t.yaml")
    return document.data, {key: (where.line, where.column) for key, where in document.positions.items()}


def test_every_shipped_yaml_file_reads_as_ruamel_reads_it():
    taken = 0
    for path in SHIPPED:
        text = path.read_text(encoding="utf-8")
        fast = fast_load(text)
        if fast is not None:
            taken += 1
            assert repr(fast) == repr(ruamel(text)), path
    assert taken >= len(SHIPPED) * 9 // 10  # the fast path is what a build actually uses


@pytest.mark.parametrize("text", [
    "a: yes\n", "a: on\n", "a: No\n", "a: y\n",  # YAML 1.1 booleans, strings in 1.2
    "a: 012\n", "a: 0o17\n", "a: 0x1F\n", "a: 1_000\n", "a: 1:20\n", "a: 1.5e3\n", "a: .inf\n",  # numbers
    "a: 2020-01-01\n", "<<: {b: 1}\n", "a: =\n",  # timestamps, merge and value keys
    "a: x\u2028y\n", "a: x\x85y\n", 'a: "\\/"\n', "a:\tb\n",  # line breaks and escapes only 1.1 knows
    "%YAML 1.1\n---\na: yes\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "? [a]\n: 1\n",
    "", "a: 1\n---\nb: 2\n", "a: [1\n",
])
def test_where_the_versions_could_differ_or_ruamel_reports_the_fast_path_steps_aside(text):
    assert fast_load(text) is None


def test_parse_yaml_keeps_yaml_1_2_semantics():
    document = parse_yaml("a: yes\nb: on\nc: 012\nd: 1:20\ne: 0o17\n", "t.yaml")
    assert document.data == {"a": "yes", "b": "on", "c": 12, "d": "1:20", "e": 15}  # 1.1: True, True, 10, 80


def test_plain_scalars_typed_as_yaml_1_2_and_positions_of_keys_and_items():
    text = 'k: null\nt: true\nF: FALSE\ni: -12\nf: 0.25\ns: "3"\nl:\n  - x: |\n      hi\n  - ~\n1: one\n'
    fast = fast_load(text)
    assert fast is not None
    assert repr(fast) == repr(ruamel(text))
    assert fast[0] == {"k": None, "t": True, "F": False, "i": -12, "f": 0.25, "s": "3",
                       "l": [{"x": "hi\n"}, None], 1: "one"}
    assert fast[1]["/l/0/x"] == (8, 5)
