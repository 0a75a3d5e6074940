"""Exact membership of Java's predefined classes and case folding, against both JVMs
(java-regex.md 7.1 table: POSIX, java*, Unicode properties, \\h \\v, (?i) and (?iu)).

Each class is one case probed with ~2,000 code points from long-assigned blocks, all in one JVM
process per JDK. U+10FC is left out: it became Lowercase in Unicode 14, after JDK 17's Unicode 13.
"""

from __future__ import annotations

import pytest

from tests.javaregex.differential import compare

pytestmark = pytest.mark.jvm

CLASSES = [
    r"\h", r"\v", r"\s", r"\w", r"\d", r"\S", r"\W", r"\p{Punct}", r"\p{Graph}", r"\p{Print}", r"\p{Alnum}",
    r"\p{javaWhitespace}", r"\p{javaLowerCase}", r"\p{javaUpperCase}", r"\p{javaLetterOrDigit}",
    r"\p{javaISOControl}", r"\p{javaJavaIdentifierStart}", r"\p{javaJavaIdentifierPart}",
    r"\p{javaIdentifierIgnorable}", r"\p{javaSpaceChar}", r"\p{javaMirrored}", r"\p{javaAlphabetic}",
    r"\p{javaDefined}", r"\p{javaTitleCase}",
    r"(?U)\s", r"(?U)\w", r"(?U)\d", r"(?U)\p{Punct}", r"(?U)\p{Graph}", r"(?U)\p{Print}", r"(?U)\p{Blank}",
    r"(?U)\p{XDigit}", r"(?U)\p{Alnum}", r"(?U)\p{Cntrl}", r"(?U)\p{Lower}", r"(?U)\p{Upper}",
    r"\p{IsWhite_Space}", r"\p{IsHex_Digit}", r"\p{IsAssigned}", r"\p{IsNoncharacter_Code_Point}",
    r"\p{IsJoin_Control}", r"\p{IsIdeographic}", r"\p{IsTitlecase}",
    r"\p{L}", r"\p{Lu}", r"\p{LC}", r"\p{LD}", r"\p{P}", r"\p{S}", r"\p{Z}", r"\p{C}", r"\p{Cn}", r"\p{Nd}",
    r"\p{Mn}", r"\p{IsLatin}", r"\p{IsGreek}", r"\p{IsCommon}", r"\p{InGreek}", r"\p{InBasicLatin}",
    r"\p{InLatin-1 Supplement}", r"\p{InGeneral_Punctuation}",
    r"(?i)\p{Lu}", r"(?i)\p{Lower}", r"(?i)\p{javaLowerCase}", r"(?iu)[a-z]", r"(?iu)[à-ÿ]", r"(?i)[à-ÿ]",
    r"(?iu)k", r"(?iu)s", r"(?iu)σ", r"(?iu)[σ]", r"(?iu)\u00b5", r"(?iu)[\u1f80-\u1fff]", r"(?iu)\u1f80",
    r"(?iu)\u1fb3", r"(?iu)[\u13a0-\u13ff]", r"(?iu)\u0130", r"(?iu)i", r"(?iu)\u0131", r"(?iu)[\u10a0-\u10ff]",
    r"(?i)[^a-z]", r"(?iu)[^[a-z]&&[^k]]",
]
_RANGES = [(0, 0x250), (0x370, 0x400), (0x10A0, 0x1100), (0x13A0, 0x1400), (0x1F00, 0x2070),
           (0x2100, 0x2190), (0x3000, 0x3040), (0xAB70, 0xABC0), (0xFF00, 0xFF66)]
PROBES = [chr(c) for lo, hi in _RANGES for c in range(lo, hi) if c != 0x10FC]
PROBES += [chr(c) for c in (0x1F600, 0x10400, 0x10428, 0x1D400, 0xE000, 0xFFFE, 0xFFFF)]


@pytest.mark.parametrize("major", ["17", "21"])
def test_class_membership_agrees_with_the_jvm(major):
    result = compare(major, [(c, PROBES) for c in CLASSES])
    line = f"[javaregex agreement] class membership: {result.summary()}"
    print(line)
    assert result.perfect, line + "\n" + "\n".join(result.disagreements[:20])
    assert result.counts["match_agree"] == len(CLASSES) * len(PROBES)
