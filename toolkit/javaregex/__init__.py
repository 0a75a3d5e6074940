"""Java ``java.util.regex`` semantics for Python, and trusted-endpoint tooling built on them.

``compile(pattern, jdk)`` translates Java syntax for the `regex` module behind a scanner that
fails closed; ``JavaPattern.matches`` is Java's whole-string ``matches()`` with a timeout.
"""

from toolkit.javaregex.errors import PatternSyntaxError, RegexTimeout
from toolkit.javaregex.pattern import JavaPattern, compile
from toolkit.javaregex.setting import DEFAULT_TRUSTED_ENDPOINTS, validate_setting_regex

__all__ = [
    "DEFAULT_TRUSTED_ENDPOINTS",
    "JavaPattern",
    "PatternSyntaxError",
    "RegexTimeout",
    "compile",
    "validate_setting_regex",
]
