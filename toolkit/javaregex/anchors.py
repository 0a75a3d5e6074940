"""Java's anchors, dot and word boundaries written out for the `regex` module.

Java treats ``\\n``, ``\\r\\n``, ``\\r``, U+0085, U+2028 and U+2029 as line terminators (only
``\\n`` under UNIX_LINES); Python only ``\\n``. ``\\b`` uses ASCII word characters on JDK 19+
but ``Character.isLetterOrDigit`` on JDK 17 (JDK-8264160), and both count a non-spacing mark
as a word character when a letter or digit precedes it.
"""

from __future__ import annotations

from toolkit.javaregex.charset import complement
from toolkit.javaregex.properties import ASCII_WORD, WORD

_TERMINATORS = r"[\n\r\x85\u2028\u2029]"

DOT = complement(r"[\n\r\x85\u2028\u2029]")
UNIX_DOT = complement(r"[\n]")
ANY = r"(?s:.)"
BEGIN = r"\A"
END = r"\Z"  # Python's \Z is Java's \z: the very end of the input
LINE_ENDING = r"(?:\r\n|[\n\x0b\x0c\r\x85\u2028\u2029])"


def caret(multiline: bool, unix_lines: bool) -> str:
    """``^``: the beginning, or in MULTILINE after a terminator but never at the very end."""
    if not multiline:
        return BEGIN
    if unix_lines:
        return r"(?:\A|(?<=\n))(?!\Z)"
    return rf"(?:\A|(?<={_TERMINATORS}))(?!(?<=\r)\n)(?!\Z)"


def dollar(multiline: bool, unix_lines: bool) -> str:
    """``$`` and ``\\Z``: the end, or before a final terminator (before any one in MULTILINE)."""
    if unix_lines:
        return r"(?=\n|\Z)" if multiline else r"(?=\n?\Z)"
    if multiline:
        return r"(?:\Z|(?=[\r\x85\u2028\u2029])|(?<!\r)(?=\n))"
    return r"(?:\Z|(?=\r\n\Z)|(?=[\r\x85\u2028\u2029]\Z)|(?<!\r)(?=\n\Z))"


def boundary(negated: bool, unicode_classes: bool, jdk: int) -> str:
    """``\\b`` (or ``\\B``) for the JDK profile."""
    if unicode_classes:
        word = WORD
    elif jdk >= 19:
        word = ASCII_WORD
    else:
        word = r"[\p{L}\p{Nd}_]"
    left = rf"(?:(?<={word})|(?<=[\p{{L}}\p{{Nd}}]\p{{Mn}}+))"
    right = rf"(?:(?={word})|(?<=[\p{{L}}\p{{Nd}}]\p{{Mn}}*)(?=\p{{Mn}}))"
    if negated:
        return rf"(?:{left}{right}|(?!{left})(?!{right}))"
    return rf"(?:{left}(?!{right})|(?!{left}){right})"
