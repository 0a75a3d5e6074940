"""JUnit XML for ``blueprint test``: one testcase per verdict, failures with every problem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class JUnitCase:
    classname: str
    name: str
    seconds: float
    file: str
    problems: tuple[str, ...] | list[str]


def junit_xml(title: str, suite: str, failure_type: str, cases: Iterable[JUnitCase]) -> str:
    """A ``<testsuites>`` document named ``title`` with one ``<testsuite>`` named ``suite``."""
    cases = list(cases)
    failures = sum(bool(c.problems) for c in cases)
    seconds = sum(c.seconds for c in cases)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuites name={quoteattr(title)} tests="{len(cases)}" failures="{failures}" time="{seconds:.3f}">',
             f'  <testsuite name={quoteattr(suite)} tests="{len(cases)}" failures="{failures}" errors="0" skipped="0" '
             f'time="{seconds:.3f}">']
    for c in cases:
        head = f'    <testcase classname={quoteattr(c.classname)} name={quoteattr(c.name)} time="{c.seconds:.3f}"'
        if not c.problems:
            lines.append(head + "/>")
        else:
            message, details = quoteattr(c.problems[0].splitlines()[0]), escape("\n".join([c.file, *c.problems]))
            failure = f"<failure message={message} type={quoteattr(failure_type)}>{details}</failure>"
            lines += [head + ">", f"      {failure}", "    </testcase>"]
    return "\n".join([*lines, "  </testsuite>", "</testsuites>"])
