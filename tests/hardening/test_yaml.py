"""Bounded YAML: anchors, aliases and tags are refused before anything is expanded, nesting stops at
``MAX_DEPTH``, and the commands that read manifests and cassettes answer at once with a position."""

from __future__ import annotations

import time

import pytest

from tests.hardening.limits import memory_cap
from toolkit.diagnostics import ToolkitError
from toolkit.nesting import MAX_DEPTH
from toolkit.source import parse_yaml


def laughs(indent: str = "") -> str:
    """A "billion laughs" block: 9**9 strings once every alias is expanded."""
    lines = [f'{indent}lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{indent}lol{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def refused(text: str) -> str:
    with pytest.raises(ToolkitError) as caught:
        parse_yaml(text, "t.yaml")
    return str(caught.value)


@pytest.fixture
def bomb_project(tmp_project):
    manifest = tmp_project.minimal().root / "blueprints/acme/embed.yaml"
    manifest.write_text(manifest.read_text() + "x-bomb:\n" + laughs("  "))
    return tmp_project.root, manifest.read_text().splitlines().index('x-bomb:') + 2  # line of lol0


@pytest.mark.parametrize("args", [("list",), ("render", "acme/embed"), ("check",)])
def test_a_billion_laughs_manifest_is_refused_at_the_anchor_at_once(run_cli, bomb_project, args):
    root, line = bomb_project
    started = time.process_time()
    with memory_cap(256):
        result = run_cli(*args, cwd=root)
    assert time.process_time() - started < 5
    assert result.code in (1, 2) and "internal error" not in result.err
    assert f"blueprints/acme/embed.yaml:{line}:9:" in result.err + result.out
    assert "anchor &a0 refused" in result.err + result.out


def test_a_billion_laughs_cassette_is_refused_by_test_and_check(run_cli, repo_copy):
    case = repo_copy / "contracts/bedrock/titan-embedding/documented.yaml"
    case.write_text(case.read_text() + "x-bomb:\n" + laughs("  "))
    for args in (("test", "bedrock/titan-embedding"), ("check", "blueprints/bedrock/titan-embedding.yaml")):
        with memory_cap(256):
            result = run_cli(*args, cwd=repo_copy)
        assert result.code in (1, 2) and "internal error" not in result.err, result.err
        assert "anchor &a0 refused" in result.err + result.out


def test_an_alias_is_refused_where_it_stands():
    assert refused("a: 1\nb: *x\n").startswith("t.yaml:2:4: invalid YAML: alias *x refused")


def test_a_merge_key_needs_an_alias_and_is_refused():
    assert "anchor &base refused" in refused("base: &base {a: 1}\nother:\n  <<: *base\n")


@pytest.mark.parametrize("text", ["a: !!int x", "a: !!float x", "a: !!bool x", "a: !!omap [x: 1]",
                                  "a: !!binary aGVsbG8=", "a: !!set {x, y}", "a: !custom 1",
                                  "a: !!python/object:os.system x"])
def test_tags_are_refused_at_their_position(text):
    assert refused(text).startswith("t.yaml:1:4: invalid YAML: tag !")


def test_an_integer_python_cannot_print_is_refused_at_its_position():
    assert refused("a: 1\nb: " + "9" * 5000).startswith("t.yaml:2:4: invalid YAML: cannot read this value")
    assert refused("a: 0x" + "f" * 5000).startswith("t.yaml:1:4:")


def test_nesting_is_allowed_to_the_limit_and_refused_past_it():
    def flow(depth: int) -> str:
        return "x: " + "[" * (depth - 1) + "]" * (depth - 1)  # the mapping is the first level

    assert parse_yaml(flow(MAX_DEPTH), "t.yaml").data["x"]
    assert refused(flow(MAX_DEPTH + 1)) == f"t.yaml:1:{3 + MAX_DEPTH}: invalid YAML: nested deeper than {MAX_DEPTH} levels"


def test_a_hundred_thousand_brackets_on_one_line_are_refused_in_bounded_time():
    started = time.process_time()
    assert f"nested deeper than {MAX_DEPTH} levels" in refused("x: " + "[" * 100_000 + "]" * 100_000)
    assert time.process_time() - started < 5  # the scanner looks ahead at most 1,024 characters


def test_deep_block_nesting_is_refused_too():
    text = "".join("  " * i + "k:\n" for i in range(MAX_DEPTH + 20)) + "  " * (MAX_DEPTH + 20) + "v\n"
    assert f"t.yaml:{MAX_DEPTH + 1}:" in refused(text)


def test_a_deeply_nested_manifest_is_a_diagnostic_not_a_crash(run_cli, tmp_project):
    manifest = tmp_project.minimal().root / "blueprints/acme/embed.yaml"
    manifest.write_text(manifest.read_text() + "x-deep:\n" + "  [\n" * 5000 + "  ]\n" * 5000)
    for args in (("check",), ("render", "acme/embed")):
        result = run_cli(*args, cwd=tmp_project.root)
        assert result.code in (1, 2) and "internal error" not in result.err
        assert f"nested deeper than {MAX_DEPTH} levels" in result.err + result.out

