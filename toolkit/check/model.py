"""What rules see (``Target``) and what they yield (``Finding``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from toolkit.diagnostics import Severity
from toolkit.source import Position


@dataclass(frozen=True)
class Finding:
    """A rule's verdict about one place: a JSON pointer into the connector, and optionally a
    character offset inside the string there (e.g. where a placeholder starts)."""

    pointer: str
    message: str
    hint: str | None = None
    offset: int | None = None
    severity: Severity | None = None  # overrides the rule's default (e.g. info for managed-only)


@dataclass(frozen=True)
class Location:
    file: str
    position: Position | None
    excerpt: tuple[str, ...] = ()
    excerpt_start: int | None = None


@dataclass
class Target:
    """One connector to check and how to point back into its source."""

    connector: object
    file: str
    locate: Callable[[str, int | None], Location]
    kind: str  # "json", "yaml" (a workflow file), "manifest", "markdown" (Dev Tools, Python, curl, workflow or fragment in a document) or "python" (a .py file)
    label: str = ""  # e.g. the variable set of a manifest, or the Dev Tools call
    manifest: object | None = None  # toolkit.manifest.Manifest for rendered blueprints
    suppressed: dict[str, str] = field(default_factory=dict)  # rule id -> reason (from the manifest)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (object pointer, repeated key)
    cache: dict = field(default_factory=dict, repr=False)  # derived data rules share (see rules._util.memo)
    settings: dict = field(default_factory=dict)  # CheckConfig values the document sets (PUT _cluster/settings)
    inputs: dict | None = None  # what the document's own _predict call sends, in a manifest's inputs shape
    elided: set[str] = field(default_factory=set)  # pointers of objects shown in part (a `...` or a fragment)
    sources: tuple[str, ...] = ()  # a rendered blueprint's template and scripts, as paths from the project root


class Example:
    """A rule's documented example that must (bad) or must not (good) trigger it: connector JSON text,
    or for rules about manifests and templates, a small project given as ``files`` (path -> text).

    The text may be given as a function making it (``_examples.example``): only the docs and the tests
    read examples, so a check does not pay for building them.
    """

    __slots__ = ("_text", "files", "config")

    def __init__(self, text: str | Callable[[], str] = "", files: dict[str, str] | None = None,
                 config: dict | None = None) -> None:
        self._text = text
        self.files = files or {}
        self.config = config or {}  # [tool.blueprint] settings the example is checked with

    @property
    def text(self) -> str:
        if callable(self._text):
            self._text = self._text()
        return self._text

    def __repr__(self) -> str:
        return f"Example(text={self.text!r}, files={self.files!r}, config={self.config!r})"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    family: str
    summary: str
    rationale: str
    bad: Example
    good: Example
    check: Callable[["Target", "CheckConfig"], Iterator[Finding]] | None  # None: found while loading
    hint: str | None = None
    spec: str | None = None  # section of ../shared/spec/mlcommons-connectors.md


@dataclass
class CheckConfig:
    """The settings rules consult (from [tool.blueprint] / .blueprint.toml and the CLI)."""

    trusted_endpoints: list[str] | None = None  # None: the target release's default list
    extend_trusted_endpoints: list[str] = field(default_factory=list)  # added to that default list
    access_control: bool = False
    private_ip_enabled: bool = False
    private_endpoints: list[str] = field(default_factory=list)
    target_version: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    suppress: dict[str, list[str]] = field(default_factory=dict)  # "path#/pointer" -> rule ids
    fail_on: Severity = Severity.ERROR
    regex_sources: dict[str, str] = field(default_factory=dict)  # configured regex -> where (for messages)
