"""Differential tests against real JVMs (java-regex.md 7.3): compile-or-error and ``matches()``
must agree 100% on every curated and generated case, per JDK profile."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.javaregex.cases import curated
from tests.javaregex.differential import compare
from tests.javaregex.grammar import ADVERSARIAL, inputs_for, java_patterns

pytestmark = pytest.mark.jvm
JDKS = ["17", "21"]


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


def _check(major: str, cases: list[tuple[str, list[str]]], label: str) -> None:
    result = compare(major, cases)
    line = f"[javaregex agreement] {label}: {result.summary()}"
    print(line)
    assert result.perfect, line + "\n" + "\n".join(result.disagreements[:20])
    assert result.counts["match_agree"] > 0, line


@pytest.mark.parametrize("major", JDKS)
def test_curated_cases_agree_with_the_jvm(major):
    _check(major, curated(), "curated")


@pytest.mark.parametrize("major", JDKS)
def test_generated_patterns_agree_with_the_jvm(major):
    _check(major, _generated(1000), "generated")


@pytest.mark.slow
@pytest.mark.parametrize("major", JDKS)
def test_generated_sweep_agrees_with_the_jvm(major):
    _check(major, _generated(3000), "generated sweep")
