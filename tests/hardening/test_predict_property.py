"""Property: whatever ``blueprint predict`` is given (deep or huge JSON, bytes that are not UTF-8,
missing files, odd parameter values, arguments that are not UTF-8), it answers with an exit code
and a message: never a traceback or an internal error, and within a bounded amount of memory."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.limits import memory_cap
from toolkit.check.rules._examples import MANIFEST, TEMPLATE, sample
from toolkit.cli import main

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=4), max_leaves=12)


def deep(depth: int, opener: str) -> str:
    closer = {"[": "]", "{": "}"}[opener]
    return (opener + ('"k": ' if opener == "{" else "")) * depth + "1" * (opener == "[") + closer * depth


JSON_TEXTS = st.one_of(
    JSON_VALUES.map(json.dumps),
    JSON_VALUES.map(lambda value: json.dumps({"input": value})),
    st.builds(deep, st.integers(1, 200_000), st.sampled_from("[{")),
    st.builds(lambda n: json.dumps({"input": "x" * n}), st.integers(0, 3_000_000)),
    st.builds(lambda n: json.dumps({"input": deep(n, "[")}), st.integers(1, 50_000)),  # deep JSON inside a string
    st.sampled_from(["", "{", "9" * 5000, "NaN", '{"input": 1e999}', '{"a": 1, "a": 2}', "[]", '"text"']),
)
FILE_BYTES = st.one_of(JSON_TEXTS.map(str.encode), st.binary(max_size=64),
                       st.sampled_from([b"\xff\xfe{}", b'{"input": "\xe9"}', b"\x00" * 10]))
ARGUMENT_TEXT = st.text(max_size=30) | st.sampled_from(["a\udcffb", "\udce9", "@", "@missing.json"])


@st.composite
def invocations(draw) -> tuple[list[str], dict[str, bytes]]:
    files = {"given.json": draw(FILE_BYTES), "answer.json": draw(FILE_BYTES), "params.json": draw(FILE_BYTES)}
    target = draw(st.sampled_from(["connector.json", "given.json", "missing.json", "acme/embed", "acme/none"]))
    args = ["predict", target]
    parameters = draw(st.none() | JSON_TEXTS | st.sampled_from(["@params.json", "@missing.json", "@"]) | ARGUMENT_TEXT)
    if parameters is not None:
        args += ["--parameters", parameters]
    for doc in draw(st.lists(ARGUMENT_TEXT, max_size=2)):
        args += ["--text-docs", doc]
    if draw(st.booleans()):
        args += ["--query-text", draw(ARGUMENT_TEXT)]
    answer = draw(st.sampled_from(["--show-request", "answer.json", "missing.json", "case"]))
    args += ["--show-request"] if answer == "--show-request" else ["--case", "none"] if answer == "case" else [
        "--response", answer]
    args += draw(st.sampled_from([[], ["--format", "json"], ["--action", "batch_predict"]]))
    return args, files


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(invocation=invocations())
def test_predict_never_crashes_on_hostile_input(tmp_project, capsys, monkeypatch, invocation):
    args, files = invocation
    root = tmp_project.root
    if not (root / "connector.json").exists():
        tmp_project.minimal(MANIFEST, TEMPLATE).write("connector.json", sample())
    for name, data in files.items():
        (root / name).write_bytes(data)
    monkeypatch.chdir(root)
    monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)
    capsys.readouterr()
    with memory_cap(768):
        code = main(args)
    err = capsys.readouterr().err
    assert code in (0, 1, 2)
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
