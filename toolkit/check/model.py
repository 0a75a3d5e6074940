"""What rules see (``Target``) and what they yield (``Finding``).

Named tuples and plain classes, not dataclasses: these load on every ``blueprint check``, and the
dataclass machinery costs a fifth of a cold check of one file (``benchmarks/check_bench.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from toolkit.diagnostics import Severity
from toolkit.source import Position


class Finding(NamedTuple):
    """A rule's verdict about one place: a JSON pointer into the connector, and optionally a
    character offset inside the string there (e.g. where a placeholder starts)."""

    pointer: str
    message: str
    hint: str | None = None
    offset: int | None = None
    severity: Severity | None = None  # overrides the rule's default (e.g. info for managed-only)


class Location(NamedTuple):
    file: str
    position: Position | None
    excerpt: tuple[str, ...] = ()
    excerpt_start: int | None = None


class Target:
    """One connector to check and how to point back into its source.

    ``kind``: "json", "yaml" (a workflow file), "manifest", "markdown" (Dev Tools, Python, curl, workflow
    or fragment in a document) or "python" (a .py file); ``label``: e.g. the variable set of a manifest,
    or the Dev Tools call; ``manifest``: the ``toolkit.manifest.Manifest`` of a rendered blueprint;
    ``suppressed``: rule id -> reason (from the manifest); ``duplicates``: (object pointer, repeated
    key); ``cache``: derived data rules share (``rules._util.memo``); ``settings``: CheckConfig values
    the document sets (PUT _cluster/settings); ``inputs``: what the document's own _predict call sends,
    in a manifest's inputs shape; ``elided``: pointers of objects shown in part (a ``...`` or a
    fragment); ``rendered``: the ``toolkit.render.Rendered`` of a manifest's target; ``sources``: for a
    manifest, the templates/ files its rendering read; ``managed_service_only``: the document marks the
    connector as for Amazon OpenSearch Service only (``<!-- blueprint-check: managed-service -->``), as a
    manifest's ``opensearch.managed_service_only`` does.
    """

    def __init__(self, connector: object, file: str, locate: Callable[[str, int | None], Location], kind: str,
                 label: str = "", manifest: object | None = None, suppressed: dict[str, str] | None = None,
                 duplicates: list[tuple[str, str]] | None = None, cache: dict | None = None,
                 settings: dict | None = None, inputs: dict | None = None, elided: set[str] | None = None,
                 rendered: object | None = None, sources: list[str] | None = None,
                 managed_service_only: bool = False):
        self.connector, self.file, self.locate, self.kind, self.label = connector, file, locate, kind, label
        self.manifest = manifest
        self.suppressed = suppressed if suppressed is not None else {}
        self.duplicates = duplicates if duplicates is not None else []
        self.cache = cache if cache is not None else {}
        self.settings = settings if settings is not None else {}
        self.inputs = inputs
        self.elided = elided if elided is not None else set()
        self.rendered = rendered
        self.sources = sources if sources is not None else []
        self.managed_service_only = managed_service_only

    @property
    def for_managed_service(self) -> bool:
        """For Amazon OpenSearch Service only: marked so in its document, or its manifest declares it."""
        return self.managed_service_only or bool(getattr(self.manifest, "managed_service_only", False))

    def replace(self, **changes) -> Target:
        """A copy with ``changes`` (the other attributes shared, as ``dataclasses.replace`` does)."""
        return Target(**{**vars(self), **changes})

    def __repr__(self) -> str:
        return f"Target(file={self.file!r}, kind={self.kind!r}, label={self.label!r})"


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


class Rule(NamedTuple):
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


class CheckConfig:
    """The settings rules consult (from [tool.blueprint] / .blueprint.toml and the CLI).

    ``trusted_endpoints``: None is the target release's default list, which ``extend_trusted_endpoints``
    extends; ``suppress``: "path#/pointer" -> rule ids; ``regex_sources``: configured regex -> where it
    was configured (for messages).
    """

    def __init__(self, trusted_endpoints: list[str] | None = None, extend_trusted_endpoints: list[str] | None = None,
                 access_control: bool = False, private_ip_enabled: bool = False,
                 private_endpoints: list[str] | None = None, target_version: str | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 per_file_ignores: dict[str, list[str]] | None = None, suppress: dict[str, list[str]] | None = None,
                 fail_on: Severity = Severity.ERROR, regex_sources: dict[str, str] | None = None):
        self.trusted_endpoints = trusted_endpoints
        self.extend_trusted_endpoints = extend_trusted_endpoints if extend_trusted_endpoints is not None else []
        self.access_control, self.private_ip_enabled = access_control, private_ip_enabled
        self.private_endpoints = private_endpoints if private_endpoints is not None else []
        self.target_version = target_version
        self.select = select if select is not None else []
        self.ignore = ignore if ignore is not None else []
        self.per_file_ignores = per_file_ignores if per_file_ignores is not None else {}
        self.suppress = suppress if suppress is not None else {}
        self.fail_on = fail_on
        self.regex_sources = regex_sources if regex_sources is not None else {}

    def replace(self, **changes) -> CheckConfig:
        """A copy with ``changes`` (the other values shared, as ``dataclasses.replace`` does)."""
        return CheckConfig(**{**vars(self), **changes})

    def __eq__(self, other: object) -> bool:
        return type(other) is CheckConfig and vars(self) == vars(other)

    def __repr__(self) -> str:
        return "CheckConfig(" + ", ".join(f"{key}={value!r}" for key, value in vars(self).items()) + ")"
