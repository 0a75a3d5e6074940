"""Compare our translation with a real JVM on a batch of cases and count the agreement."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.javaregex.oracle import run_java
from toolkit.javaregex import PatternSyntaxError, RegexTimeout, compile


@dataclass
class Agreement:
    """Counts per JDK, and the first disagreements in full."""

    jdk: str
    counts: Counter = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)

    @property
    def perfect(self) -> bool:
        return not self.disagreements

    @property
    def messages_agree(self) -> bool:
        c = self.counts
        return c["message_agree"] == c["java_errors"] - c["refused_java_errors"]

    def summary(self) -> str:
        c = self.counts
        return (f"JDK {self.jdk}: patterns {c['patterns']} (compile-or-error agree {c['compile_agree']}, "
                f"Java errors {c['java_errors']}, same message+index {c['message_agree']}, "
                f"refused before Java's error {c['refused_java_errors']}, "
                f"refused by the translator (fail closed) {c['unsupported']}), "
                f"matches agree {c['match_agree']}/{c['match_agree'] + c['match_disagree']}, "
                f"skipped for timeout: java {c['java_timeout']} python {c['python_timeout']}, "
                f"Java threw while matching {c['java_threw']}, "
                f"disagreements {len(self.disagreements)}")


def compare(major: str, cases: list[tuple[str, list[str]]]) -> Agreement:
    """Run ``cases`` through JDK ``major`` (one process) and through ``compile(jdk=major)``."""
    result = Agreement(major)
    counts = result.counts
    for (pattern, inputs), java in zip(cases, run_java(major, cases)):
        counts["patterns"] += 1
        try:
            ours, error = compile(pattern, jdk=int(major)), None
        except PatternSyntaxError as exc:
            ours, error = None, exc
        refused = error is not None and error.description.endswith("not supported by the translator")
        if refused and java.error is None:
            counts["unsupported"] += 1  # failing closed on purpose: counted, never silently agreed
            continue
        if (error is None) != (java.error is None):
            result.disagreements.append(
                f"{pattern!r}: Java {'error ' + repr(java.error) if java.error else 'compiles'}, "
                f"we {'raise ' + repr(error.description) if error else 'compile'}")
            continue
        counts["compile_agree"] += 1
        if error is not None:
            counts["java_errors"] += 1
            if refused:  # we refuse before reaching Java's own complaint
                counts["refused_java_errors"] += 1
            else:
                counts["message_agree"] += (error.description, error.index) == (java.error, java.index)
            continue
        for text, verdict in zip(inputs, java.verdicts):
            if verdict == "T":
                counts["java_timeout"] += 1
                continue
            if verdict == "X":
                counts["java_threw"] += 1
                continue
            try:
                matched = ours.matches(text, timeout=0.25)
            except RegexTimeout:
                counts["python_timeout"] += 1
                continue
            if matched == (verdict == "1"):
                counts["match_agree"] += 1
            else:
                counts["match_disagree"] += 1
                result.disagreements.append(
                    f"{pattern!r} on {text!r}: Java {verdict == '1'}, we {matched} ({ours.translated})")
    return result
