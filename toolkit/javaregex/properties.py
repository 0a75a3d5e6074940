"""Java character-class names (``\\p{…}``, ``\\w``, POSIX, ``java*``) as `regex` V1 sets.

Each function returns a bracketed set that is valid both on its own and nested in another set.
Without ``(?U)`` the shorthand and POSIX classes are ASCII-only, as in Java; with it they take
the Unicode definitions of ``java.util.regex.CharPredicates``.
"""

from __future__ import annotations

import functools
import re

ASCII_DIGIT = r"[0-9]"
ASCII_WORD = r"[a-zA-Z_0-9]"
ASCII_SPACE = r"[\t\n\x0b\x0c\r ]"
HORIZONTAL_SPACE = r"[\t \xa0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]"
VERTICAL_SPACE = r"[\n\x0b\x0c\r\x85\u2028\u2029]"

UNICODE_DIGIT = r"[\p{Nd}]"
WHITE_SPACE = r"[\p{Zs}\p{Zl}\p{Zp}\t-\r\x85]"
JOIN_CONTROL = r"[\u200c\u200d]"
WORD = r"[\p{Alphabetic}\p{Mn}\p{Me}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]"
_CASED = r"[\p{Lowercase}\p{Uppercase}\p{Lt}]"
_GRAPH = r"[\x00-\U0010ffff--[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cs}\p{Cn}]]"
_BLANK = r"[\p{Zs}\t]"
_HEX_DIGIT = r"[\p{Nd}0-9A-Fa-f\uff10-\uff19\uff21-\uff26\uff41-\uff46]"

_ASCII_POSIX = {
    "ASCII": r"[\x00-\x7f]",
    "Alnum": r"[0-9A-Za-z]",
    "Alpha": r"[A-Za-z]",
    "Blank": r"[ \t]",
    "Cntrl": r"[\x00-\x1f\x7f]",
    "Digit": r"[0-9]",
    "Graph": r"[!-~]",
    "Lower": r"[a-z]",
    "Print": r"[ -~]",
    "Punct": r"[!-/:-@\[-`{-~]",
    "Space": r"[\t\n\x0b\x0c\r ]",
    "Upper": r"[A-Z]",
    "XDigit": r"[0-9A-Fa-f]",
    "L1": r"[\x00-\xff]",
    "all": r"[\x00-\U0010ffff]",
}

_CATEGORIES = frozenset(
    "Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf "
    "L M N Z C P S".split()
)

_JAVA_METHODS = {
    "javaLowerCase": r"[\p{Lowercase}]",
    "javaUpperCase": r"[\p{Uppercase}]",
    "javaTitleCase": r"[\p{Lt}]",
    "javaAlphabetic": r"[\p{Alphabetic}]",
    "javaIdeographic": r"[\p{Ideographic}]",
    "javaDigit": r"[\p{Nd}]",
    "javaDefined": r"[\P{Cn}]",
    "javaLetter": r"[\p{L}]",
    "javaLetterOrDigit": r"[\p{L}\p{Nd}]",
    "javaJavaIdentifierStart": r"[\p{L}\p{Nl}\p{Sc}\p{Pc}]",
    "javaJavaIdentifierPart": r"[\p{L}\p{Nl}\p{Sc}\p{Pc}\p{Nd}\p{Mc}\p{Mn}\x00-\x08\x0e-\x1b\x7f-\x9f\p{Cf}]",
    "javaIdentifierIgnorable": r"[\x00-\x08\x0e-\x1b\x7f-\x9f\p{Cf}]",
    "javaSpaceChar": r"[\p{Z}]",
    "javaWhitespace": r"[[\p{Z}--[\xa0\u2007\u202f]]\t-\r\x1c-\x1f]",
    "javaISOControl": r"[\x00-\x1f\x7f-\x9f]",
    "javaMirrored": r"[\p{Bidi_Mirrored}]",
}
_CASE_SENSITIVE_JAVA = frozenset({"javaLowerCase", "javaUpperCase", "javaTitleCase"})

_UNICODE_PROPERTIES = {
    "ALPHABETIC": r"[\p{Alphabetic}]",
    "ASSIGNED": r"[\P{Cn}]",
    "CONTROL": r"[\p{Cc}]",
    "HEXDIGIT": _HEX_DIGIT,
    "HEX_DIGIT": _HEX_DIGIT,
    "IDEOGRAPHIC": r"[\p{Ideographic}]",
    "JOINCONTROL": JOIN_CONTROL,
    "JOIN_CONTROL": JOIN_CONTROL,
    "LETTER": r"[\p{L}]",
    "LOWERCASE": r"[\p{Lowercase}]",
    "NONCHARACTERCODEPOINT": r"[\p{Noncharacter_Code_Point}]",
    "NONCHARACTER_CODE_POINT": r"[\p{Noncharacter_Code_Point}]",
    "TITLECASE": r"[\p{Lt}]",
    "PUNCTUATION": r"[\p{P}]",
    "UPPERCASE": r"[\p{Uppercase}]",
    "WHITESPACE": WHITE_SPACE,
    "WHITE_SPACE": WHITE_SPACE,
    "WORD": WORD,
}
_UNICODE_POSIX = {
    "ALPHA": r"[\p{Alphabetic}]",
    "LOWER": r"[\p{Lowercase}]",
    "UPPER": r"[\p{Uppercase}]",
    "SPACE": WHITE_SPACE,
    "PUNCT": r"[\p{P}]",
    "XDIGIT": _HEX_DIGIT,
    "ALNUM": r"[\p{Alphabetic}\p{Nd}]",
    "CNTRL": r"[\p{Cc}]",
    "DIGIT": r"[\p{Nd}]",
    "BLANK": _BLANK,
    "GRAPH": _GRAPH,
    "PRINT": rf"[[{_GRAPH}{_BLANK}]--\p{{Cc}}]",
}
# Accepted by JDK 21, "Unknown character property name" on JDK 17 (checked on both JVMs).
_EMOJI_PROPERTIES = {
    "EMOJI": r"[\p{Emoji}]",
    "EMOJI_PRESENTATION": r"[\p{Emoji_Presentation}]",
    "EMOJI_MODIFIER": r"[\p{Emoji_Modifier}]",
    "EMOJI_MODIFIER_BASE": r"[\p{Emoji_Modifier_Base}]",
    "EMOJI_COMPONENT": r"[\p{Emoji_Component}]",
    "EXTENDED_PICTOGRAPHIC": r"[\p{Extended_Pictographic}]",
}
_CASE_FOLDED = frozenset({"LOWER", "UPPER", "LOWERCASE", "UPPERCASE", "TITLECASE"})
_NAME_CHARS = re.compile(r"[A-Za-z0-9_ -]+")


def posix_or_category(name: str, case_insensitive: bool) -> str | None:
    """Java's ``CharPredicates.forProperty``: categories, ASCII POSIX names, ``java*`` methods."""
    if name in ("Lu", "Ll", "Lt") and case_insensitive:
        return r"[\p{Lu}\p{Ll}\p{Lt}]"
    if name in _CATEGORIES:
        return rf"[\p{{{name}}}]"
    if name == "LC":
        return r"[\p{Lu}\p{Ll}\p{Lt}]"
    if name == "LD":
        return r"[\p{L}\p{Nd}]"
    if name in ("Lower", "Upper") and case_insensitive:
        return _ASCII_POSIX["Alpha"]
    if name in _ASCII_POSIX:
        return _ASCII_POSIX[name]
    if name in _CASE_SENSITIVE_JAVA and case_insensitive:
        return _CASED
    return _JAVA_METHODS.get(name)


def unicode_property(name: str, case_insensitive: bool, jdk: int) -> str | None:
    """Java's ``forUnicodeProperty`` (``\\p{IsAlphabetic}`` …), falling back to POSIX names."""
    upper = name.upper()
    if upper in _CASE_FOLDED and case_insensitive:
        return _CASED
    if jdk >= 21 and upper in _EMOJI_PROPERTIES:
        return _EMOJI_PROPERTIES[upper]
    return _UNICODE_PROPERTIES.get(upper) or _UNICODE_POSIX.get(upper)


def unicode_posix(name: str, case_insensitive: bool) -> str | None:
    """Java's ``forPOSIXName``: the Unicode meaning of POSIX names under ``(?U)``."""
    upper = name.upper()
    if upper in ("LOWER", "UPPER") and case_insensitive:
        return _CASED
    return _UNICODE_POSIX.get(upper)


def script(name: str) -> str | None:
    """``\\p{IsLatin}`` / ``\\p{sc=Latin}``: a Unicode script the `regex` module knows."""
    if not re.fullmatch(r"[A-Za-z_]+", name):
        return None
    return _known(rf"[\p{{Script={name}}}]")


def block(name: str) -> str | None:
    """``\\p{InGreek}`` / ``\\p{blk=Greek}``: a Unicode block the `regex` module knows."""
    if not _NAME_CHARS.fullmatch(name):
        return None
    return _known(rf"[\p{{Block={name}}}]")


@functools.lru_cache(maxsize=512)
def _known(candidate: str) -> str | None:
    import regex

    try:
        regex.compile(candidate, regex.V1)
    except regex.error:
        return None
    return candidate
