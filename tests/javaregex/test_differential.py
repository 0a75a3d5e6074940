"""Differential tests against real JVMs (java-regex.md 7.3): compile-or-error and ``matches()``
must agree 100% on every curated and generated case, per JDK profile."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.javaregex.cases import curated
from tests.javaregex.differential import compare
from tests.javaregex.grammar import (
    ADVERSARIAL,
    CLASS_PROBES,
    JUNK_PROBES,
    inputs_for,
    java_classes,
    java_patterns,
    junk_patterns,
)

pytestmark = pytest.mark.jvm
JDKS = ["17", "21"]


@functools.cache
def _generated(count: int) -> list[tuple[str, list[str]]]:
    """Draw ``count`` grammar patterns with Hypothesis (deterministically), each with its inputs."""
    drawn: list[tuple[str, list[str]]] = []
    noise = st.lists(st.lists(st.sampled_from(ADVERSARIAL), max_size=4).map("".join), max_size=3)

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(java_patterns(), noise)
    def collect(case, extra):
        pattern, example = case
        drawn.append((pattern, inputs_for(example, extra)))

    collect()
    return drawn


_STRATEGIES = {"classes": (java_classes, CLASS_PROBES), "junk": (junk_patterns, JUNK_PROBES)}


@functools.cache
def _drawn(kind: str, count: int) -> list[tuple[str, list[str]]]:
    """Draw ``count`` patterns of ``kind``; each is probed with the same inputs."""
    strategy, probes = _STRATEGIES[kind][0](), _STRATEGIES[kind][1]
    drawn: list[tuple[str, list[str]]] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), deadline=None)
    @given(strategy)
    def collect(pattern):
        drawn.append((pattern, probes))

    collect()
    return drawn


def _check(major: str, cases: list[tuple[str, list[str]]], label: str) -> None:
    result = compare(major, cases)
    line = f"[javaregex agreement] {label}: {result.summary()}"
    print(line)
    assert result.perfect, line + "\n" + "\n".join(result.disagreements[:20])
    assert result.counts["match_agree"] > 0, line
    assert result.messages_agree, line


@pytest.mark.parametrize("major", JDKS)
def test_curated_cases_agree_with_the_jvm(major):
    _check(major, curated(), "curated")


@pytest.mark.parametrize("major", JDKS)
def test_generated_patterns_agree_with_the_jvm(major):
    _check(major, _generated(1000), "generated")


@pytest.mark.parametrize("major", JDKS)
def test_generated_classes_agree_with_the_jvm(major):
    _check(major, _drawn("classes", 500), "generated classes")


@pytest.mark.parametrize("major", JDKS)
def test_junk_patterns_fail_where_java_fails_with_its_message(major):
    _check(major, _drawn("junk", 2000), "junk patterns")


@pytest.mark.slow
@pytest.mark.parametrize("major", JDKS)
def test_generated_sweep_agrees_with_the_jvm(major):
    _check(major, _generated(3000), "generated sweep")


@pytest.mark.parametrize("major", JDKS)
def test_audit_counterexamples_are_accepted_by_the_jvm(major):
    from tests.javaregex.oracle import run_java
    from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS
    from toolkit.javaregex.audit import audit

    findings = [f for f in audit(DEFAULT_TRUSTED_ENDPOINTS, jdk=int(major)) if f.code == "EP010"]
    assert len(findings) == 8
    verdicts = run_java(major, [(f.regex, [f.counterexample]) for f in findings])
    assert [v.verdicts for v in verdicts] == ["1"] * len(findings)


@pytest.mark.parametrize("major", JDKS)
def test_suggestions_behave_the_same_on_the_jvm(major):
    from tests.javaregex.oracle import run_java
    from tests.javaregex.test_suggest import TEMPLATES
    from toolkit.javaregex.suggest import suggest

    hostile = ["https://bedrock-runtime.x@evil.com/a.amazonaws.com/model/m/invoke",
               "https://evil.com/?.amazonaws.com/", "https://api.openai.com.evil.com/v1/chat/completions"]
    cases = [(suggest(t).regex, examples + hostile) for t, examples in TEMPLATES.items()]
    for (regex, inputs), java in zip(cases, run_java(major, cases)):
        assert java.error is None
        assert java.verdicts == "1" * (len(inputs) - len(hostile)) + "0" * len(hostile), regex
