"""The public API of toolkit.javaregex: errors shaped like Java's, timeouts, caching, profiles,
and ML Commons' setting validator (mlcommons-connectors.md 2.1)."""

from __future__ import annotations

import time

import pytest

from toolkit import javaregex
from toolkit.javaregex import (
    DEFAULT_TRUSTED_ENDPOINTS,
    PatternSyntaxError,
    RegexTimeout,
    compile,
    validate_setting_regex,
)


def test_error_message_is_formatted_like_java_get_message():
    with pytest.raises(PatternSyntaxError) as info:
        compile("ab(cd")
    err = info.value
    assert (err.description, err.pattern, err.index) == ("Unclosed group", "ab(cd", 5)
    assert str(err) == "Unclosed group near index 5\nab(cd"
    with pytest.raises(PatternSyntaxError) as info:
        compile("a**")
    assert str(info.value) == "Dangling meta character '*' near index 2\na**\n  ^"


def test_error_caret_keeps_tabs_like_java():
    with pytest.raises(PatternSyntaxError) as info:
        compile("\ta**")
    assert str(info.value).splitlines()[-1] == "\t  ^"


@pytest.mark.parametrize("pattern", [r"\X", r"\b{g}", "(?c)a", r"\2(a)(b)", "a{70000}", "(?:^a*){2}", r"\b+",
                                     r"(?<=\n*+)x", r"(?<=(?>a|ab))c"])
def test_constructs_the_translator_cannot_reproduce_fail_closed(pattern):
    with pytest.raises(PatternSyntaxError, match="not supported by the translator"):
        compile(pattern)


def test_pathological_nesting_fails_closed_without_a_traceback():
    with pytest.raises(PatternSyntaxError, match="not supported by the translator"):
        compile("(" * 5000 + "a" + ")" * 5000)


def test_matches_is_a_whole_string_match():
    pattern = compile(r"^https://api\.openai\.com/.*$")
    assert pattern.matches("https://api.openai.com/v1/chat")
    assert not pattern.matches("https://api.openai.com")
    assert not pattern.matches("xhttps://api.openai.com/")
    assert pattern.pattern == r"^https://api\.openai\.com/.*$"


def test_word_boundary_follows_the_jdk_profile():
    assert not compile(r"caf\b.", jdk=17).matches("café")
    assert compile(r"caf\b.", jdk=21).matches("café")


def test_unknown_jdk_profile_is_rejected():
    with pytest.raises(ValueError, match="JDK profile"):
        compile("a", jdk=11)


def test_compile_is_cached():
    assert compile("x+y", jdk=17) is compile("x+y", jdk=17)
    assert compile("x+y", jdk=17) is not compile("x+y", jdk=21)


def test_catastrophic_backtracking_is_bounded_in_time():
    start = time.monotonic()
    with pytest.raises(RegexTimeout) as info:
        compile("^(a|aa)+$").matches("a" * 40 + "!", timeout=0.2)
    assert time.monotonic() - start < 2
    assert "took longer than 0.2 s" in str(info.value)
    start = time.monotonic()
    try:
        assert not compile("(a|aa)*b").matches("a" * 5000 + "c", timeout=0.2)
    except RegexTimeout:
        pass
    assert time.monotonic() - start < 2


def test_default_list_compiles_and_is_accepted_by_the_validator():
    for pattern in DEFAULT_TRUSTED_ENDPOINTS:
        assert validate_setting_regex(pattern) is None
        compile(pattern)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(a+)+", "Regex pattern contains nested quantifiers or backreferences that may cause ReDoS: (a+)+"),
        ("^(.*)*$", "Regex pattern contains nested quantifiers or backreferences that may cause ReDoS: ^(.*)*$"),
        ("(a?){2}", "Regex pattern contains nested quantifiers or backreferences that may cause ReDoS: (a?){2}"),
        (r"(a)\1", "Regex pattern contains nested quantifiers or backreferences that may cause ReDoS: (a)\\1"),
        ("a" * 257, "Regex pattern too long (max 256 chars): " + "a" * 257),
        ("[", "Invalid regex pattern: ["),
        ("(a+)+" + "a" * 300, "Regex pattern contains nested quantifiers or backreferences that may cause "
                              "ReDoS: (a+)+" + "a" * 300),
    ],
)
def test_setting_validator_gives_ml_commons_messages_in_its_order(pattern, message):
    assert validate_setting_regex(pattern) == message


def test_setting_validator_is_defeated_by_a_line_terminator_like_java():
    # String.matches(".*…") cannot cross a line terminator, so ML Commons lets this through.
    assert validate_setting_regex("(a+)+\n") is None
    assert validate_setting_regex("a" * 256) is None


def test_public_names():
    assert {"compile", "JavaPattern", "PatternSyntaxError", "RegexTimeout",
            "validate_setting_regex"} <= set(javaregex.__all__)
