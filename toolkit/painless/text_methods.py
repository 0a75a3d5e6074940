"""Allowlisted methods of ``String`` and ``StringBuilder`` (java.lang.txt of lang-painless).

Index arithmetic is Java's UTF-16 code units; strings with characters outside the BMP (where
Python and Java count differently) make index-based methods raise ``PainlessUnsupported``.
"""

from __future__ import annotations

import base64
import binascii

from toolkit.javavalues.hashmap import java_hash
from toolkit.javavalues.numbers import JChar, JDouble, JInt
from toolkit.painless.case_mapping import locale_case
from toolkit.painless.fastmath import double_text, make_int
from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.values import JavaArray, StringBuilder, assign_convert, throw, type_name

# Everything a String answers to in Painless (String, CharSequence, Comparable, Object).
STRING_ALLOWLIST = frozenset((
    "codePointAt/1 codePointBefore/1 codePointCount/2 compareTo/1 compareToIgnoreCase/1 concat/1 contains/1 "
    "contentEquals/1 decodeBase64/0 encodeBase64/0 splitOnToken/1 splitOnToken/2 endsWith/1 equalsIgnoreCase/1 "
    "getChars/4 indexOf/1 indexOf/2 isEmpty/0 lastIndexOf/1 lastIndexOf/2 offsetByCodePoints/2 regionMatches/5 "
    "regionMatches/4 replace/2 startsWith/1 startsWith/2 substring/1 substring/2 toCharArray/0 toLowerCase/0 "
    "toLowerCase/1 toUpperCase/0 toUpperCase/1 trim/0 charAt/1 chars/0 codePoints/0 length/0 replaceAll/2 "
    "replaceFirst/2 subSequence/2 toString/0 equals/1 hashCode/0").split())
STRINGBUILDER_ALLOWLIST = frozenset((
    "append/1 append/3 appendCodePoint/1 capacity/0 codePointAt/1 codePointBefore/1 codePointCount/2 delete/2 "
    "deleteCharAt/1 getChars/4 indexOf/1 indexOf/2 insert/2 lastIndexOf/1 lastIndexOf/2 offsetByCodePoints/2 "
    "replace/3 reverse/0 setCharAt/2 setLength/1 substring/1 substring/2 charAt/1 chars/0 codePoints/0 length/0 "
    "replaceAll/2 replaceFirst/2 subSequence/2 toString/0 equals/1 hashCode/0 compareTo/1").split())


def bmp(text: str) -> str:
    """``text`` itself when Python indices equal Java's UTF-16 indices, else unsupported."""
    if text.isascii() or max(text) <= "\uffff":
        return text
    raise PainlessUnsupported("index-based String methods on text with characters outside the BMP")


def _int(value, what: str = "int") -> int:
    return int(assign_convert(value, what))


def _string_arg(value) -> str:
    if value is None:
        raise throw("NullPointerException", None)
    if isinstance(value, str):
        return value
    if isinstance(value, StringBuilder):
        return value.text()
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.lang.String")


def _check_range(begin: int, end: int, length: int) -> None:
    if begin < 0 or end > length or begin > end:
        raise throw("StringIndexOutOfBoundsException", f"begin {begin}, end {end}, length {length}")


def _char_at(text: str, index) -> JChar:
    i = _int(index)
    text = bmp(text)
    if not 0 <= i < len(text):
        raise throw("StringIndexOutOfBoundsException", f"Index {i} out of bounds for length {len(text)}")
    return JChar(text[i])


def _substring(text: str, begin, end=None) -> str:
    text = bmp(text)
    b = _int(begin)
    e = len(text) if end is None else _int(end)
    _check_range(b, e, len(text))
    return text[b:e]


def _index_of(text: str, needle, start=0) -> JInt:
    text = bmp(text)
    return JInt(text.find(_string_arg(needle), max(0, _int(start))))


def _last_index_of(text: str, needle, start=None) -> JInt:
    text, needle = bmp(text), _string_arg(needle)
    if start is None:
        return JInt(text.rfind(needle))
    s = _int(start)
    if s < 0:
        return JInt(-1)
    return JInt(text.rfind(needle, 0, s + len(needle)))


def _trim(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def _compare_to(a: str, b) -> JInt:
    a, b = bmp(a), bmp(_string_arg(b))
    for x, y in zip(a, b):
        if x != y:
            return JInt(ord(x) - ord(y))
    return make_int(len(a) - len(b))


def _ascii_case(text: str, upper: bool) -> str:
    if not text.isascii():
        raise PainlessUnsupported("toUpperCase/toLowerCase of non-ASCII text (locale-dependent)")
    return text.upper() if upper else text.lower()


def _code_point_at(ctx, text: str, index) -> JInt:
    """``String.codePointAt`` (the bounds message is the JDK's: it changed in JDK 19's checkIndex)."""
    text, i = bmp(text), _int(index)
    if not 0 <= i < len(text):
        raise throw("StringIndexOutOfBoundsException", f"Index {i} out of bounds for length {len(text)}"
                    if ctx.jdk >= 21 else f"index {i}, length {len(text)}")
    return make_int(ord(text[i]))


def _code_point_before(ctx, text: str, index) -> JInt:
    text, i = bmp(text), _int(index)
    if not 1 <= i <= len(text):
        raise throw("StringIndexOutOfBoundsException", f"Index {i - 1} out of bounds for length {len(text)}"
                    if ctx.jdk >= 21 else f"String index out of range: {i}")
    return make_int(ord(text[i - 1]))


def _code_point_count(ctx, text: str, begin, end) -> JInt:
    text, b, e = bmp(text), _int(begin), _int(end)
    if b < 0 or e > len(text) or b > e:
        raise throw("IndexOutOfBoundsException", f"Range [{b}, {e}) out of bounds for length {len(text)}"
                    if ctx.jdk >= 21 else None)
    return make_int(e - b)


def _split_on_token(text: str, token, limit=0) -> JavaArray:
    token, limit = _string_arg(token), _int(limit)
    if not token:
        raise throw("IllegalArgumentException", "Cannot split on an empty token")
    if not text or limit == 1:
        return JavaArray("String", [text])
    parts = text.split(token, limit - 1) if limit > 0 else text.split(token)
    return JavaArray("String", parts)


def _decode_base64(text: str) -> str:
    try:
        return base64.b64decode(text.encode("latin-1"), validate=True).decode("utf-8", errors="replace")
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise throw("IllegalArgumentException", str(exc)) from None


def _equals_ignore_case(a: str, b) -> bool:
    if not isinstance(b, str):
        return False
    if not (a.isascii() and b.isascii()):
        raise PainlessUnsupported("equalsIgnoreCase on non-ASCII text")
    return a.lower() == b.lower()


def _replace(ctx, text: str, target, replacement) -> str:
    target, replacement = _string_arg(target), _string_arg(replacement)
    count = text.count(target) if target else len(text) + 1
    ctx.check_size(len(text) + count * (len(replacement) - len(target)))
    return text.replace(target, replacement)


def _regex_augmentation(first: bool):
    """``replaceAll``/``replaceFirst(Pattern, Function)`` (Painless' CharSequence augmentations)."""
    def run(ctx, text, pattern, fn):
        from toolkit.painless.regexes import replace_matches

        return replace_matches(ctx, text, pattern, fn, first)
    return run


STRING = {
    "length/0": lambda ctx, s: make_int(len(bmp(s))),
    "charAt/1": lambda ctx, s, i: _char_at(s, i),
    "substring/1": lambda ctx, s, b: _substring(s, b),
    "substring/2": lambda ctx, s, b, e: _substring(s, b, e),
    "subSequence/2": lambda ctx, s, b, e: _substring(s, b, e),
    "indexOf/1": lambda ctx, s, x: _index_of(s, x),
    "indexOf/2": lambda ctx, s, x, i: _index_of(s, x, i),
    "lastIndexOf/1": lambda ctx, s, x: _last_index_of(s, x),
    "lastIndexOf/2": lambda ctx, s, x, i: _last_index_of(s, x, i),
    "contains/1": lambda ctx, s, x: _string_arg(x) in s,
    "contentEquals/1": lambda ctx, s, x: _string_arg(x) == s,
    "startsWith/1": lambda ctx, s, x: s.startswith(_string_arg(x)),
    "startsWith/2": lambda ctx, s, x, i: 0 <= _int(i) <= len(bmp(s)) and s.startswith(_string_arg(x), _int(i)),
    "endsWith/1": lambda ctx, s, x: s.endswith(_string_arg(x)),
    "isEmpty/0": lambda ctx, s: not s,
    "concat/1": lambda ctx, s, x: ctx.check_length(s + _string_arg(x)),
    "replace/2": _replace,
    "trim/0": lambda ctx, s: _trim(s),
    "toLowerCase/0": lambda ctx, s: _ascii_case(s, False),
    "toUpperCase/0": lambda ctx, s: _ascii_case(s, True),
    "toLowerCase/1": lambda ctx, s, locale: locale_case(s, locale, False, ctx.jdk),
    "toUpperCase/1": lambda ctx, s, locale: locale_case(s, locale, True, ctx.jdk),
    "codePointAt/1": lambda ctx, s, i: _code_point_at(ctx, s, i),
    "codePointBefore/1": lambda ctx, s, i: _code_point_before(ctx, s, i),
    "codePointCount/2": lambda ctx, s, b, e: _code_point_count(ctx, s, b, e),
    "equals/1": lambda ctx, s, x: isinstance(x, str) and s == x,
    "equalsIgnoreCase/1": lambda ctx, s, x: _equals_ignore_case(s, x),
    "compareTo/1": lambda ctx, s, x: _compare_to(s, x),
    "hashCode/0": lambda ctx, s: JInt(java_hash(s)),
    "toString/0": lambda ctx, s: s,
    "toCharArray/0": lambda ctx, s: JavaArray("char", [JChar(c) for c in bmp(s)]),
    "splitOnToken/1": lambda ctx, s, t: _split_on_token(s, t),
    "splitOnToken/2": lambda ctx, s, t, n: _split_on_token(s, t, n),
    "encodeBase64/0": lambda ctx, s: ctx.check_length(base64.b64encode(s.encode("utf-8")).decode("ascii")),
    "decodeBase64/0": lambda ctx, s: _decode_base64(s),
    "replaceAll/2": _regex_augmentation(False),
    "replaceFirst/2": _regex_augmentation(True),
}


def _sb_append(ctx, sb: StringBuilder, value) -> StringBuilder:
    kind = type(value)
    text = value if kind is str else double_text(value, ctx.jdk) if kind is JDouble else ctx.text(value)
    sb.length += len(text)
    if sb.length > ctx.max_chars:
        ctx.check_size(sb.length)
    sb.parts.append(text)
    return sb


def append_site(target, argument, other, text: str | None = None):
    """The closure of a call site ``target.append(argument)``: ``_sb_append`` inlined for a StringBuilder
    (the hot path of scripts that build JSON), ``other(f, receiver)`` for any other receiver.

    ``text`` is the argument when it is a string literal (``sb.append(",")``).
    """
    if text is not None:
        size = len(text)

        def run_literal(f):
            sb = target(f)
            if type(sb) is not StringBuilder:
                return other(f, sb)
            sb.length += size
            if sb.length > f[0].max_chars:
                f[0].check_size(sb.length)
            sb.parts.append(text)
            return sb
        return run_literal

    def run(f):
        sb = target(f)
        if type(sb) is not StringBuilder:
            return other(f, sb)
        value, ctx = argument(f), f[0]
        kind = type(value)
        text = value if kind is str else double_text(value, ctx.jdk) if kind is JDouble else ctx.text(value)
        sb.length += len(text)
        if sb.length > ctx.max_chars:
            ctx.check_size(sb.length)
        sb.parts.append(text)
        return sb
    return run


def _sb_edit(sb: StringBuilder, edit) -> StringBuilder:
    sb.set(edit(bmp(sb.text())))
    return sb


def _sb_insert(ctx, sb, offset, value):
    text, i = bmp(sb.text()), _int(offset)
    if not 0 <= i <= len(text):
        raise throw("StringIndexOutOfBoundsException", f"offset {i}, length {len(text)}")
    sb.set(ctx.check_length(text[:i] + ctx.text(value) + text[i:]))
    return sb


def _sb_delete_char_at(sb, index):
    text, i = bmp(sb.text()), _int(index)
    if not 0 <= i < len(text):
        raise throw("StringIndexOutOfBoundsException", f"index {i},length {len(text)}")
    sb.set(text[:i] + text[i + 1:])
    return sb


def _sb_delete(sb, start, end):
    text, b, e = bmp(sb.text()), _int(start), _int(end)
    e = min(e, len(text))
    if b < 0 or b > e:
        raise throw("StringIndexOutOfBoundsException", f"start {b}, end {e}, length {len(text)}")
    sb.set(text[:b] + text[e:])
    return sb


def _sb_set_length(ctx, sb, length):
    text, n = sb.text(), _int(length)
    ctx.check_size(n)
    if n < 0:
        raise throw("StringIndexOutOfBoundsException", f"String index out of range: {n}")
    sb.set(bmp(text)[:n] + "\0" * max(0, n - len(text)))


def _sb_reverse(sb):
    text = sb.text()
    if not text.isascii() and any("\ud800" <= c <= "\udfff" or c > "\uffff" for c in text):
        raise PainlessUnsupported("StringBuilder.reverse with surrogate pairs")
    sb.set(text[::-1])
    return sb


STRINGBUILDER = {
    "append/1": _sb_append,
    "toString/0": lambda ctx, sb: sb.text(),
    "length/0": lambda ctx, sb: make_int(len(bmp(sb.text()))),
    "charAt/1": lambda ctx, sb, i: _char_at(sb.text(), i),
    "substring/1": lambda ctx, sb, b: _substring(sb.text(), b),
    "substring/2": lambda ctx, sb, b, e: _substring(sb.text(), b, e),
    "subSequence/2": lambda ctx, sb, b, e: _substring(sb.text(), b, e),
    "indexOf/1": lambda ctx, sb, x: _index_of(sb.text(), x),
    "indexOf/2": lambda ctx, sb, x, i: _index_of(sb.text(), x, i),
    "lastIndexOf/1": lambda ctx, sb, x: _last_index_of(sb.text(), x),
    "insert/2": _sb_insert,
    "deleteCharAt/1": lambda ctx, sb, i: _sb_delete_char_at(sb, i),
    "delete/2": lambda ctx, sb, b, e: _sb_delete(sb, b, e),
    "setLength/1": _sb_set_length,
    "reverse/0": lambda ctx, sb: _sb_reverse(sb),
    "replace/3": lambda ctx, sb, b, e, s: _sb_edit(
        sb, lambda t: (_check_range(_int(b), min(_int(e), len(t)), len(t)), ctx.check_length(
            t[:_int(b)] + _string_arg(s) + t[min(_int(e), len(t)):]))[1]),
    "equals/1": lambda ctx, sb, x: sb is x,
}


# java.util.Locale (java.util.txt): the getters a script reads; the other members are not modelled.
LOCALE = {
    "getLanguage/0": lambda ctx, loc: loc.language,
    "getCountry/0": lambda ctx, loc: loc.country,
    "toString/0": lambda ctx, loc: ctx.text(loc),
    "equals/1": lambda ctx, loc, other: isinstance(other, type(loc)) and (loc.language, loc.country) == (
        other.language, other.country),
}
