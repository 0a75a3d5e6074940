"""A repeated back-reference is as long as its group (java-regex.md 7.2; issue 16).

OpenJDK's own regex corpus (``test/jdk/java/util/regex/TestCases.txt``, "Unary numeral primality
testing") repeats a back-reference to a group that never matches empty: ``^(11+?)\\1+$``. Java's
loops stop at the first empty iteration, which is why the translator refuses to repeat parts that
can match empty and hold a back-reference; a back-reference to such a group is not one of them.
"""

from __future__ import annotations

import pytest

from tests.javaregex.differential import compare
from toolkit.javaregex import PatternSyntaxError, compile

# TestCases.txt, "Unary numeral primality testing": 7 ones (a prime) never match, 8 ones always do.
PRIMALITY = [r"^(11+?)\1+$", r"^(1{2,}?)\1+$", r"^(11+)\1+$", r"^(1{2,})\1+$"]

# Repeated parts that can never match empty: groups that cannot, back-references to them, or a
# group that also holds a character (a reference to itself inside it counts as possibly empty).
NEVER_EMPTY = PRIMALITY + [r"(ab)\1+", r"(?i)(ab)\1{2,}", r"(a|bc)\1*x", r"(?<n>a+)\k<n>+", r"(a)(?:\1b)+",
                           r"((a)\2)+", r"(a)\1{0,3}?b", r"^(\w+)(?:,\1)++$", r"(a?)(?:\1b)+", r"(a\1)+"]
# A group that can match empty keeps the refusal, whose reason is then true.
MAY_BE_EMPTY = [r"(a*)\1+", r"(a|)\1{2}", r"(a?)\1+x", r"(?:(a?)\1)+"]

INPUTS = ["1" * n for n in range(14)] + ["ab", "abab", "ABabAB", "abababab", "bcbcx", "ax", "x", "aaaa",
                                         "aab", "aabab", "abb", "aaaab", "a,a,a", "ab,ab,a", "ab,ab"]


@pytest.mark.parametrize("pattern", PRIMALITY)
def test_openjdk_primality_cases_through_the_cli(run_cli, pattern):
    """TestCases.txt: 7 ones → false, 8 ones → true, for the reluctant and greedy forms alike."""
    assert run_cli("endpoints", "match", "1" * 7, "--regex", pattern).code == 1
    assert run_cli("endpoints", "match", "1" * 8, "--regex", pattern).code == 0


@pytest.mark.parametrize("pattern", NEVER_EMPTY)
def test_a_back_reference_to_a_group_that_never_matches_empty_may_repeat(pattern):
    compile(pattern)


@pytest.mark.parametrize("pattern", MAY_BE_EMPTY)
def test_a_back_reference_that_may_match_empty_is_still_refused_for_that_reason(pattern):
    with pytest.raises(PatternSyntaxError, match="can match empty"):
        compile(pattern)


@pytest.mark.jvm
@pytest.mark.parametrize("major", ["17", "21"])
def test_repeated_back_references_agree_with_the_jvm(major):
    result = compare(major, [(pattern, INPUTS) for pattern in NEVER_EMPTY + MAY_BE_EMPTY])
    print(f"[javaregex agreement] repeated back-references: {result.summary()}")
    assert result.perfect, "\n".join(result.disagreements[:10])
    assert result.counts["unsupported"] == len(MAY_BE_EMPTY)
    assert result.counts["match_agree"] == len(NEVER_EMPTY) * len(INPUTS)
