"""Real budgets: time and size bounds that hostile templates and Painless scripts cannot get around.

Issue rows 4 (constant folding bypassed the render budget), 5 (recursion and regexes bypassed the
Painless budget) and 11 (huge allocations were accepted). The hanging cases run under
``_finishes_within``, so on code without the budgets they fail instead of hanging.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL_TEMPLATE, TmpProject
from tests.hardening.limits import memory_cap
from toolkit import render as render_module
from toolkit.diagnostics import ToolkitError
from toolkit.manifest import find_manifest
from toolkit.painless import run_script
from toolkit.painless import interpreter
from toolkit.painless.errors import PainlessCompileError, PainlessError, PainlessLimitError, PainlessRuntimeError
from toolkit.project import find_project

REPO = Path(__file__).resolve().parents[2]
EXPONENTIAL = "int f(int n) { return n <= 0 ? 1 : f(n - 1) + f(n - 1) }\nreturn f(40)"
CALLS = [(1, 36), (1, 47), (2, 8)]  # the positions of its calls


@contextmanager
def _finishes_within(seconds: float):
    """Fail (instead of hanging) when the block is still running after ``seconds``.

    A watchdog thread signals the main thread, so the render's own interval timer cannot cancel it.
    """
    def expire(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    watchdog = threading.Timer(seconds, signal.pthread_kill, (threading.main_thread().ident, signal.SIGALRM))
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        signal.signal(signal.SIGALRM, previous)


def _render(tmp_project: TmpProject, expression: str):
    """Render a template that embeds ``expression`` (a Jinja statement or output) after a JSON object."""
    if not (tmp_project.root / "blueprints/acme/embed.yaml").exists():
        tmp_project.minimal()
    tmp_project.write("templates/acme/embed.json.j2", '{"name": "x"}' + expression)
    project = find_project(tmp_project.root)
    return render_module.render(find_manifest(project, "acme/embed"), project, {})


def _render_error(tmp_project: TmpProject, expression: str):
    """The diagnostic of rendering a template that embeds ``expression``."""
    with pytest.raises(ToolkitError) as info:
        _render(tmp_project, expression)
    [diagnostic] = info.value.diagnostics
    return diagnostic


# ---- templates ----

def test_row_4_constant_folded_power_is_refused_at_once(tmp_path):
    # 7 ** 10**8 ran in C at compile time, out of reach of the time budget: `check` still ran at 90 s.
    project = TmpProject(tmp_path / "p").minimal(
        template=MINIMAL_TEMPLATE.replace('"version": "1"', '"version": {{ (7**(10**8) > 1) | tojson }}'))
    command = [sys.executable, "-c", "import sys; from toolkit.cli import main; sys.exit(main(sys.argv[1:]))", "check"]
    result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=30,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 1
    assert "BP012" in result.stdout + result.stderr and "4,096 bits" in result.stdout + result.stderr


@pytest.mark.parametrize("expression", ["{{ 7 ** (10 ** 6) > 1 }}", "{{ (2 ** 4000) * (2 ** 4000) }}",
                                        "{% set x = 10 ** 1300 %}{{ x + x > 0 }}"])
def test_big_integers_are_refused(tmp_project, expression):
    d = _render_error(tmp_project, expression)
    assert d.code == "BP012" and "(the template limit is 4,096 bits)" in d.message


@pytest.mark.parametrize("expression", [
    "{{ ('a' * 10**9) | length }}",  # row 11
    "{{ (['a'] * 10**9) | length }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "{{ 'a'.ljust(10**9) | length }}",
    "{{ 'a' | center(1000000000) | length }}",
    "{{ ('a' * 1000000).replace('a', 'bbbbbbbbbb') | length }}",
    "{{ ('a' * 1000000) | replace('a', 'bbbbbbbbbb') | length }}",
    "{{ ([('x' * 1000000)] * 1000) | join | length }}",
    "{{ '%01000000000d' % 1 }}",
    "{{ '{:>1000000000}'.format(1) }}",
    "{{ '%*d' % (10**9, 1) }}",
    "{{ '{:>{w}}'.format(1, w=10**9) }}",
    r"{{ ('a\n' * 1000000) | indent(1000) | length }}",
    "{% set x %}{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}{% endset %}{{ x | length }}",
    "{% set l = [[[[['aaaaaaaaaa'] * 100] * 100] * 100] * 100] %}{{ l | tojson | length }}",
    "{% set l = [[[[['aaaaaaaaaa'] * 100] * 100] * 100] * 100] %}{{ l | string | length }}",
])
def test_amplifying_operations_are_refused_before_they_allocate(tmp_project, expression):
    with memory_cap(400):
        d = _render_error(tmp_project, expression)
    assert d.code == "BP012" and "(the template limit is 2,000,000)" in d.message, d.message
    assert d.file == "templates/acme/embed.json.j2" and d.line == 1


def test_values_up_to_the_limits_still_work(tmp_project):
    tmp_project.minimal(template='{"name": {{ ("a" * 2000000) | length | tojson }}, "description": '
                                 '{{ (2 ** 4095 > 0) | tojson }}, "version": {{ ([0.25] * 3072) | tojson | length }}}')
    project = find_project(tmp_project.root)
    rendered = render_module.render(find_manifest(project, "acme/embed"), project, {})
    assert rendered.connector == {"name": 2000000, "description": True, "version": 2 + 4 * 3072 + 2 * 3071}
    assert _render_error(tmp_project, "{{ ('a' * 2000001) | length }}").code == "BP012"
    assert _render(tmp_project, "{{ '' if '%d %s' % (5000000, 'a') + '{:d}'.format(7000000) else '' }}").connector


# ---- Painless ----

def test_row_5_exponential_recursion_stops_at_the_time_budget():
    start = time.process_time()
    with _finishes_within(10), pytest.raises(PainlessLimitError, match="time budget of 0.3 s") as err:
        run_script(EXPONENTIAL, {}, timeout_s=0.3)
    assert time.process_time() - start < 2
    assert (err.value.line, err.value.column) in CALLS  # where the clock was read


def test_lambda_calls_count_against_the_time_budget():
    source = ("def l = []; for (int i = 0; i < 1000; i++) { l.add(i) }\n"
              "l.forEach(a -> l.forEach(b -> l.forEach(c -> c)))")
    with _finishes_within(10), pytest.raises(PainlessLimitError, match="time budget"):
        run_script(source, {}, timeout_s=0.3)


def test_row_5_slow_regex_matches_count_against_the_time_budget():
    source = "int c = 0; for (int i = 0; i < 250; i++) { if (params.s =~ /(.*,){12}X/) { c++ } } return c"
    start = time.process_time()
    with _finishes_within(10), pytest.raises(PainlessLimitError, match="time budget of 0.5 s"):
        run_script(source, {"s": "," * 120}, timeout_s=0.5)
    assert time.process_time() - start < 2


def test_one_catastrophic_match_stops_at_the_time_budget():
    start = time.process_time()
    with pytest.raises(PainlessLimitError, match="time budget of 0.2 s"):
        run_script("return params.s =~ /(.*a){12}x/", {"s": "a" * 500}, timeout_s=0.2)
    assert time.process_time() - start < 0.8


@pytest.mark.parametrize(("source", "message"), [
    ("int n = 200000000;\ndef a = new int[n]", "an array of 200,000,000 elements"),  # row 11
    ("int n = 10000;\ndef a = new double[n][n]", "an array of 100,010,000 elements"),
    ("def l = [1];\nfor (int i = 0; i < 40; i++) { l.addAll(l) }", "a list of 16,777,216 elements"),
    ("def sb = new StringBuilder();\nsb.setLength(2000000000)", "string grew beyond"),
    ("def s = params.s;\nreturn s.replace('a', s)", "string grew beyond"),
    ("def l = []; for (int i = 0; i < 20000; i++) { l.add(params.s) }\nreturn String.join(',', l)",
     "string grew beyond"),
    ("def l = ['abcdefghij']; for (int i = 0; i < 40; i++) { l = [l, l] }\nreturn '' + l", "string grew beyond"),
])
def test_allocations_beyond_the_limits_are_refused_at_the_script_position(source, message):
    with memory_cap(512), pytest.raises(PainlessLimitError, match=message) as err:
        run_script(source, {"s": "a" * 100_000})
    assert err.value.line == 2


def test_arrays_within_the_limit_and_negative_sizes_keep_java_semantics():
    assert run_script("return new double[3072].length", {}) == 3072
    with pytest.raises(PainlessRuntimeError, match="NegativeArraySizeException: -1"):
        run_script("return new int[20000000][-1]", {})
    with memory_cap(512), pytest.raises(PainlessLimitError, match="an array of 20,000,000 elements"):
        run_script("return new int[20000000][0].length", {})


def test_memory_the_size_checks_do_not_see_is_bounded_too(monkeypatch):
    monkeypatch.setattr(interpreter, "MEMORY_MB", 200)
    source = "def l = []; for (int i = 0; i < 5000; i++) { l.add(params.s + i) } return l.size()"
    with memory_cap(1024), pytest.raises(PainlessLimitError, match="more than the emulator's limit of 200 MB"):
        run_script(source, {"s": "a" * 1_000_000})


def test_scripts_over_opensearch_max_size_are_refused():
    source = "return 1;" + " " * 65_526
    assert run_script(source, {}) == 1  # 65,535 bytes
    with pytest.raises(PainlessCompileError, match=r"exceeded max allowed inline script size in bytes \[65535\] "
                                                   r"with size \[65536\]"):
        run_script(source + " ", {})


# ---- the CLI and the predict post-process ----

def test_painless_cli_honours_the_time_budget(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(interpreter, "DEFAULT_TIMEOUT_S", 0.3)
    script = tmp_path / "f.painless"
    script.write_text(EXPONENTIAL, encoding="utf-8")
    with _finishes_within(10):
        result = run_cli("painless", str(script))
    assert result.code == 1
    assert re.search(r":(1:36|1:47|2:8): limit exceeded: the script ran longer than its time budget", result.err)


def test_a_hostile_post_process_does_not_hang_predict(run_cli, tmp_project, monkeypatch):
    monkeypatch.setattr(interpreter, "DEFAULT_TIMEOUT_S", 0.3)
    tmp_project.minimal(template=MINIMAL_TEMPLATE.replace(
        '"request_body"', '"post_process_function": {{ "post.painless" | script }},\n      "request_body"'))
    # a post-process script returns a String (TemplateScript): the int result is concatenated
    tmp_project.write("templates/post.painless", EXPONENTIAL.replace("return f(40)", "return '' + f(40)"))
    response = tmp_project.write("response.json", '{"data": [1]}')
    with _finishes_within(10):
        result = run_cli("predict", "acme/embed", "--response", str(response), "--text-docs", "hi",
                         cwd=tmp_project.root)
    assert result.code == 1
    assert re.search(r"(1:36|1:47|2:13): the script ran longer than its time budget of 0\.3 s", result.err)


# ---- properties: hostile input never tracebacks, hangs or exhausts memory ----

_INT = st.integers(min_value=0, max_value=10**9)
_TEMPLATE_PARTS = st.one_of(
    st.builds("{{{{ ({} ** {}) > 1 }}}}".format, st.integers(min_value=-10**6, max_value=10**6), _INT),
    st.builds("{{{{ ({} * {}) | length }}}}".format, st.sampled_from(["'ab'", "[1, 2]", "('x',)"]), _INT),
    st.builds("{{{{ ({} * {} * {}) > 0 }}}}".format, _INT, _INT, _INT),
    st.builds("{{{{ 'a'.{}({}) | length }}}}".format, st.sampled_from(["ljust", "center", "zfill"]), _INT),
    st.builds("{{{{ ('ab' * {}) | replace('a', 'c' * {}) | length }}}}".format, _INT, _INT),
    st.builds("{{{{ ({} | tojson | length) }}}}".format,
              st.integers(min_value=1, max_value=3000).map(lambda d: "[" * d + "1" + "]" * d)),
    st.builds("{{% set ns = namespace(s='ab') %}}{{% for i in range({}) %}}{{% set ns.s = ns.s {} ns.s %}}"
              "{{% endfor %}}{{{{ ns.s | length }}}}".format, st.integers(min_value=0, max_value=60),
              st.sampled_from(["~", "+"])),
    st.builds("{{% for i in range({}) %}}{{% for j in range({}) %}}{{% endfor %}}{{% endfor %}}".format,
              st.integers(min_value=0, max_value=100000), st.integers(min_value=0, max_value=100000)),
    st.builds("{{% macro m(n) %}}{{% if n > 0 %}}{{{{ m(n - 1) }}}}{{{{ m(n - 1) }}}}{{% endif %}}{{% endmacro %}}"
              "{{{{ m({}) | length }}}}".format, st.integers(min_value=0, max_value=40)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TEMPLATE_PARTS, min_size=1, max_size=3))
def test_hostile_templates_end_within_the_budget(tmp_project, monkeypatch, parts):
    monkeypatch.setattr(render_module, "RENDER_SECONDS", 0.3)
    start = time.process_time()
    with memory_cap(600):
        try:
            _render(tmp_project, "".join(parts))
        except ToolkitError as exc:
            [d] = exc.diagnostics
            assert d.code in ("BP010", "BP012", "BP013") and "MemoryError" not in d.message, d.message
    assert time.process_time() - start < 3


_SCRIPTS = st.one_of(
    st.builds("int f(int n) {{ return n <= 0 ? 1 : f(n - 1) + f(n - 1) }}\nreturn f({})".format,
              st.integers(min_value=0, max_value=40)),
    st.just("int g(int n) { return g(n + 1) }\nreturn g(0)"),
    st.builds("def a = new int[{}];\nreturn a.length".format, st.integers(min_value=0, max_value=2**31 - 1)),
    st.builds("def a = new double[{}][{}];\nreturn a.length".format, st.integers(0, 2**16), st.integers(0, 2**16)),
    st.builds("def s = 'x';\nfor (int i = 0; i < {}; i++) {{ s = s + s }}\nreturn s.length()".format,
              st.integers(min_value=0, max_value=64)),
    st.builds("def sb = new StringBuilder('x');\nfor (int i = 0; i < {}; i++) {{ sb.append(sb.toString()) }}\n"
              "return sb.length()".format, st.integers(min_value=0, max_value=64)),
    st.builds("def l = [1];\nfor (int i = 0; i < {}; i++) {{ l.addAll(l) }}\nreturn l.size()".format,
              st.integers(min_value=0, max_value=64)),
    st.builds("def l = ['ab'];\nfor (int i = 0; i < {}; i++) {{ l = [l, l] }}\nreturn ('' + l).length()".format,
              st.integers(min_value=0, max_value=64)),
    st.builds("return params.s.replace('a', params.s.substring(0, {})).length()".format,
              st.integers(min_value=0, max_value=5000)),
    st.builds("def l = [];\nfor (int i = 0; i < {}; i++) {{ l.add(i) }}\nl.forEach(a -> l.forEach(b -> {{}}))".format,
              st.integers(min_value=0, max_value=5000)),
    st.builds("return params.s.substring(0, {}) + 'x' {} /{}/".format, st.integers(min_value=0, max_value=5000),
              st.sampled_from(["=~", "==~"]),
              st.sampled_from(["(a+)+b", "(a|aa)*c", "(.*a){12}x", "(.*,){12}X", "^(a?){25}a{25}$", "(\\w+\\s?)*$"])),
)


@settings(max_examples=25, deadline=None)
@given(_SCRIPTS)
def test_hostile_scripts_end_within_the_budget(source):
    start = time.process_time()
    with memory_cap(600):
        try:
            run_script(source, {"s": "a" * 5000}, timeout_s=0.2)
        except PainlessError:
            pass
    assert time.process_time() - start < 2.5


def test_a_hostile_post_process_does_not_hang_blueprint_test(run_cli, repo_copy, monkeypatch):
    monkeypatch.setattr(interpreter, "DEFAULT_TIMEOUT_S", 0.3)
    (repo_copy / "templates/google/vertex-embedding.post.painless").write_text(EXPONENTIAL, encoding="utf-8")
    with _finishes_within(20):
        result = run_cli("test", "google/vertex-embedding", "--format", "json", cwd=repo_copy)
    [case] = [case for case in json.loads(result.out)["cases"] if case["case"] == "documented"]
    assert result.code == 1 and not case["ok"] and case["seconds"] < 3  # the 500 ML Commons answers, at once
