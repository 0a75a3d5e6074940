"""``String.toUpperCase(Locale)`` and ``toLowerCase(Locale)`` for the locales Java maps like ``Locale.ROOT``.

With a locale whose language is not tr, az or lt, Java's case mapping is Unicode's default one, which
Python's ``str.upper``/``str.lower`` implement too. Measured on every code point against the JVMs:
JDK 21 agrees with Python 3.11 everywhere; JDK 17 (Unicode 13) leaves unchanged the code points in
``_CASED_AFTER_JDK17``, which gained case mappings later. The one rule that depends on context, the
final sigma of ``toLowerCase``, decides "case-ignorable" differently in Java and Python (``ΑΣ-Β``): text
with a capital sigma is refused rather than guessed, as are the tr, az and lt locales.
"""

from __future__ import annotations

import re

from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.values import JavaLocale, throw, type_name

_CASED_AFTER_JDK17 = re.compile(
    "[\u2c2f\u2c5f\ua7c0\ua7c1\ua7d0\ua7d1\ua7d6-\ua7d9\U00010570-\U0001057a\U0001057c-\U0001058a"
    "\U0001058c-\U00010592\U00010594\U00010595\U00010597-\U000105a1\U000105a3-\U000105b1\U000105b3-\U000105b9"
    "\U000105bb\U000105bc]+")
_OWN_RULES = frozenset({"tr", "az", "lt"})


def locale_case(text: str, locale, upper: bool, jdk: int) -> str:
    """``text.toUpperCase(locale)`` (``upper``) or ``text.toLowerCase(locale)``."""
    if locale is None:
        raise throw("NullPointerException", None)
    if not isinstance(locale, JavaLocale):
        raise throw("ClassCastException", f"Cannot cast {type_name(locale)} to java.util.Locale")
    if locale.language in _OWN_RULES:
        raise PainlessUnsupported(f"case mapping in the {locale.language} locale")
    if not upper and "\u03a3" in text:
        raise PainlessUnsupported("toLowerCase of text with a capital sigma (Java's final-sigma rule)")
    convert = str.upper if upper else str.lower
    if jdk >= 21 or text.isascii():
        return convert(text)
    kept = _CASED_AFTER_JDK17.finditer(text)
    pieces, start = [], 0
    for match in kept:
        pieces += [convert(text[start:match.start()]), match.group()]
        start = match.end()
    return "".join(pieces) + convert(text[start:])
