"""The ``re`` fast path of ``matches()`` (``toolkit.javaregex.plain``) agrees with the full translator
on every pattern it takes, refuses what it cannot take, and takes every default trusted-endpoint regex.

The translator itself agrees with JDK 17 and 21 on OpenJDK's corpus (test_differential.py); here the
fast path is held to the translator on the same grammar, the curated corpus and URL-shaped patterns.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.javaregex.cases import curated
from tests.javaregex.grammar import ADVERSARIAL, inputs_for, java_patterns, junk_patterns
from toolkit.javaregex import PatternSyntaxError, RegexTimeout, compile
from toolkit.javaregex.plain import MAX_INPUT, matches, plain
from toolkit.versions import RELEASES, Profile


def _full(pattern: str, text: str):
    try:
        return compile(pattern).matches(text)
    except (PatternSyntaxError, RegexTimeout) as exc:
        return type(exc)


def _agree(pattern: str, texts: list[str]) -> None:
    fast = plain(pattern)
    if fast is None:
        return
    for text in texts:
        assert (fast.fullmatch(text) is not None) == _full(pattern, text), (pattern, text, fast.pattern)


def test_every_default_trusted_endpoint_regex_takes_the_fast_path():
    defaults = {regex for release in RELEASES for regex in Profile.for_version(release.short).value(
        "trusted_endpoints.default")}
    assert len(defaults) >= 12
    assert [regex for regex in sorted(defaults) if plain(regex) is None] == []


_URL_PIECES = st.sampled_from(["https://", "api", r"\.", ".", ".*", ".+", "[a-z0-9-]", "[a-z]+", "[-a]", "[a-]",
                               "(-fips)?", "(a|b)", "com", "/", "v1", r"\/", r"\-", "x?", "(?:eu|us)", "[0-9]",
                               "[A-Z_]", "[.]", "[:/]", "[z-a]", "(", ")", "|", r"\d", r"\w", "{2}", "*?", "++",
                               "(?i)", r"\Q.\E", "[^a]", "[a&&b]", "$", "^", r"\$", "é"])
_URL_TEXTS = st.lists(st.sampled_from(["https://", "api", ".", "com", "/", "v1", "-", "fips", "eu", "a", "b",
                                       "z", "0", "9", "A", "_", ":", "\n", "\r", "\u2028", "\u0085", "é", "😀",
                                       "$", "x"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_URL_PIECES, min_size=1, max_size=8).map("".join), st.lists(_URL_TEXTS, min_size=1, max_size=6))
def test_url_shaped_patterns_agree_with_the_translator(pattern, texts):
    _agree(pattern, texts)
    for text in texts:  # the public function answers as the translator does, fast path or not
        expected = _full(pattern, text)
        if expected in (PatternSyntaxError, RegexTimeout):
            with pytest.raises(expected):
                matches(pattern, text)
        else:
            assert matches(pattern, text) is expected


@settings(max_examples=300, deadline=None)
@given(java_patterns(), st.lists(st.lists(st.sampled_from(ADVERSARIAL), max_size=4).map("".join), max_size=3))
def test_grammar_patterns_agree_with_the_translator(case, noise):
    pattern, example = case
    _agree(pattern, inputs_for(example, noise))


@settings(max_examples=200, deadline=None)
@given(junk_patterns(), st.lists(st.sampled_from(ADVERSARIAL), max_size=6))
def test_junk_patterns_agree_with_the_translator(pattern, texts):
    _agree(pattern, texts)


def test_the_curated_corpus_agrees_with_the_translator():
    taken = 0
    for pattern, texts in curated():
        taken += plain(pattern) is not None
        _agree(pattern, texts)
    assert taken > 10


@pytest.mark.parametrize("pattern", [
    r"^https://[a-z]+\.example\.com/.*$",  # plain
])
def test_a_plain_pattern_is_taken(pattern):
    assert plain(pattern) is not None


@pytest.mark.parametrize("pattern", [
    r"^(a|a)*b$",          # a repeated choice: exponential backtracking
    r"^(a+)+b$",           # nested repetition
    r"^a?a?a?a?a?aaaaa$",  # more choice points than the bound
    r"^.*a.*b.*c$",        # three unbounded repetitions
    r"^a*+b$", r"^a*?b$",  # possessive and lazy
    r"^\d+$", r"^\Qa.b\E$", r"^(?i)abc$", r"^a{2}$", r"^(?=a)a$", r"^[a&&b]$", r"^[^a]$",
    r"^[z-a]$", r"^(a$", r"^a)$", r"^a$b$", r"^a^b$", "^é$",
])
def test_what_the_fast_path_cannot_promise_goes_to_the_translator(pattern):
    assert plain(pattern) is None


def test_long_input_goes_to_the_translator_with_its_timeout():
    text = "https://api.openai.com/" + "a" * MAX_INPUT
    assert matches(r"^https://api\.openai\.com/.*$", text) is True
    with pytest.raises(RegexTimeout):
        matches(r"^(a|aa)+$", "a" * 60 + "b", timeout=0.05)
