"""Compiled Java patterns: ``compile`` (cached) and ``JavaPattern.matches`` (Java ``matches()``)."""

from __future__ import annotations

import functools

import regex

from toolkit.javaregex.errors import PatternSyntaxError, RegexTimeout
from toolkit.javaregex.translate import translate

JDK_PROFILES = (17, 21)


class JavaPattern:
    """A Java regex translated for the `regex` module; always matched against the whole input."""

    __slots__ = ("pattern", "jdk", "translated", "_compiled")

    def __init__(self, pattern: str, jdk: int, translated: str, compiled: regex.Pattern):
        self.pattern = pattern
        self.jdk = jdk
        self.translated = translated
        self._compiled = compiled

    def matches(self, text: str, timeout: float = 1.0) -> bool:
        """Java's ``Pattern.matcher(text).matches()``; ``RegexTimeout`` past ``timeout`` seconds."""
        try:
            return self._compiled.fullmatch(text, timeout=timeout) is not None
        except TimeoutError:
            raise RegexTimeout(self.pattern, text, timeout) from None

    def admits_prefix(self, text: str, timeout: float = 1.0) -> bool:
        """Could some input that starts with ``text`` match (a partial match)?"""
        try:
            return self._compiled.fullmatch(text, partial=True, timeout=timeout) is not None
        except TimeoutError:
            raise RegexTimeout(self.pattern, text, timeout) from None

    def __repr__(self) -> str:
        return f"JavaPattern({self.pattern!r}, jdk={self.jdk})"


def compile(pattern: str, jdk: int = 21) -> JavaPattern:  # noqa: A001 - mirrors Pattern.compile
    """Compile a Java regex for the JDK profile (17 or 21); raises ``PatternSyntaxError``."""
    if jdk not in JDK_PROFILES:
        raise ValueError(f"unknown JDK profile {jdk!r}: choose one of {JDK_PROFILES}")
    return _compile(pattern, jdk)


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str, jdk: int) -> JavaPattern:
    translated = translate(pattern, jdk)
    try:
        compiled = regex.compile(translated, regex.V1)
    except Exception as exc:  # noqa: BLE001 - the engine refused or crashed: fail closed, say so
        raise PatternSyntaxError(
            f"A pattern whose translation the regex module rejects ({type(exc).__name__}: {exc}) "
            "is not supported by the translator", pattern, -1) from None
    return JavaPattern(pattern, jdk, translated, compiled)
