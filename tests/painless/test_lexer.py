"""The lexer follows PainlessLexer.g4 (spec painless.md section 2)."""

from __future__ import annotations

import pytest

from toolkit.painless.errors import PainlessSyntaxError
from toolkit.painless.lexer import tokenize


def kinds(text: str) -> list[str]:
    return [t.type for t in tokenize(text)][:-1]


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)][:-1]


@pytest.mark.parametrize(("text", "expected"), [
    ("x / 2", ["ID", "DIV", "INTEGER"]),
    ("(x) / 2", ["LP", "ID", "RP", "DIV", "INTEGER"]),
    ("a[0] / 2", ["ID", "LSQ", "INTEGER", "RSQ", "DIV", "INTEGER"]),
    ("x = /ab+/i", ["ID", "ASSIGN", "REGEX"]),
    ("return /a\\/b/", ["RETURN", "REGEX"]),
    ("x /= 2", ["ID", "ADIV", "INTEGER"]),
    # isSlashRegex looks only at the previous token: after a string or ++ a slash starts a regex
    ("'a' /b/", ["STRING", "REGEX"]),
    ("x++ /b/", ["ID", "INCR", "REGEX"]),
])
def test_slash_is_regex_or_division_by_previous_token(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("017", ["OCTAL"]), ("0x1F", ["HEX"]), ("0XffL", ["HEX"]), ("12", ["INTEGER"]), ("12L", ["INTEGER"]),
    ("1f", ["INTEGER"]), ("1.5", ["DECIMAL"]), ("1e5", ["DECIMAL"]), ("1.5e-3f", ["DECIMAL"]),
    ("0", ["INTEGER"]), ("0.5", ["DECIMAL"]),
])
def test_number_literals(text, expected):
    assert kinds(text) == expected


def test_leading_dot_decimal_is_not_a_number():
    from toolkit.painless import parse

    assert kinds("x.5") == ["ID", "DOTINT"]
    assert kinds(".5") == ["DOTINT"]
    with pytest.raises(PainlessSyntaxError):
        parse("return .5")


def test_after_dot_identifiers_and_list_shortcuts():
    assert kinds("a.b.0.if") == ["ID", "DOTID", "DOTINT", "DOTID"]
    assert kinds("a?.b?.0") == ["ID", "NSDOTID", "NSDOTINT"]
    with pytest.raises(PainlessSyntaxError) as err:
        tokenize("a. b")
    assert (err.value.line, err.value.column) == (1, 3)


def test_keywords_versus_identifiers():
    assert kinds("if iffy int integer def define in instanceof") == [
        "IF", "ID", "PRIMITIVE", "ID", "DEF", "ID", "IN", "INSTANCEOF"]


def test_longest_operator_wins():
    assert texts("a>>>=b===c!==d==~e?:f::g->h") == [
        "a", ">>>=", "b", "===", "c", "!==", "d", "==~", "e", "?:", "f", "::", "g", "->", "h"]


def test_comments_and_whitespace_are_skipped():
    assert kinds("a // c\n/* x */ b") == ["ID", "ID"]


def test_line_comment_needs_a_line_end_only_before_2_12():
    assert kinds("a; // no newline") == ["ID", "SEMICOLON"]
    with pytest.raises(PainlessSyntaxError):
        tokenize("a; // no newline", comment_at_eof=False)


@pytest.mark.parametrize("literal", ["'it\\'s'", '"say \\"hi\\""', "'a\\\\b'", "'raw\ttab\nline'"])
def test_allowed_string_literals(literal):
    assert kinds(literal) == ["STRING"]


@pytest.mark.parametrize(("literal", "column"), [('"a\\nb"', 3), ("'\\u0041'", 2), ('"\\\'"', 2)])
def test_other_backslash_escapes_are_lexing_errors(literal, column):
    with pytest.raises(PainlessSyntaxError, match="invalid escape") as err:
        tokenize("x = " + literal)
    assert (err.value.line, err.value.column) == (1, 4 + column)


def test_unterminated_string_and_bad_character_positions():
    with pytest.raises(PainlessSyntaxError, match="unterminated string") as err:
        tokenize("a = 1;\n  b = 'open")
    assert (err.value.line, err.value.column) == (2, 7)
    with pytest.raises(PainlessSyntaxError, match="unexpected character") as err:
        tokenize("a = #")
    assert err.value.column == 5


def test_only_ascii_space_tab_cr_lf_are_whitespace():
    with pytest.raises(PainlessSyntaxError):
        tokenize("a\fb")


def test_eof_token_ends_the_stream():
    assert [t.type for t in tokenize("x")] == ["ID", "EOF"]
