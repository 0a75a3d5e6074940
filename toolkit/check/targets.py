"""Turn the paths given to ``blueprint check`` into connectors to check.

* a manifest (``blueprints/**/*.yaml``): rendered with its defaults and each named example;
* a template or script (``templates/**``): checked through every manifest that uses it;
* a JSON file: a create-connector body (or a register body with an inline ``connector``), or a
  flow-framework workflow (its ``create_connector`` nodes; also ``.yaml``/``.yml`` workflows);
* a Markdown file: every Dev Tools ``_create`` / ``_register`` call in it, those written as Python or
  curl code (``toolkit.documents.embedded``), the workflows it writes and the connector parts its
  fenced JSON blocks show (``toolkit.documents``); a ``.py`` file: its Python calls.

Explicitly named files are always checked (except a file of the project that is a symbolic link
leading outside it: BP005, as for a link in a checked folder that leads outside that folder); inside
folders, JSON, Markdown and Python files are checked only when they look like connectors or contain
connector calls, so a folder of other data is not noise.
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.check.locate import display_path, json_locator, template_locator
from toolkit.check.model import Target
from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.jsonsource import JsonError, parse_json
from toolkit.project import Project

_CONNECTOR_KEYS = {"name", "protocol", "actions", "credential", "parameters"}
_SKIP_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", "site", ".hypothesis", ".pytest_cache"}


class Collected:
    """The targets found in the files asked for, what could not be read, and how many files there were."""

    __slots__ = ("targets", "diagnostics", "files")

    def __init__(self, targets: list[Target] | None = None, diagnostics: list[Diagnostic] | None = None,
                 files: int = 0):
        self.targets = targets if targets is not None else []
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.files = files


def collect(paths: list[Path], project: Project | None, root: Path) -> Collected:
    """Targets and input diagnostics for ``paths`` (default: every manifest of ``project``)."""
    out = Collected()
    manifests: dict[Path, None] = {}
    if not paths:
        if project is None:
            raise ToolkitError(Diagnostic("BP001", "no paths given and no blueprint project here"))
        for path in project.manifest_paths():
            manifests[path] = None
    for path in paths:
        if not path.exists():
            raise ToolkitError(Diagnostic("BP001", "no such file or folder", file=str(path)))
        if project is not None and Path(os.path.abspath(path)).is_relative_to(project.root) \
                and _escapes(path, project.root, project.root):
            out.diagnostics.append(Diagnostic("BP005", "a symbolic link leads outside the project; not read",
                                              file=display_path(path, root)))
            continue
        files = [path] if path.is_file() else _walk(path, root, out)
        for file in files:
            _classify(file, explicit=path.is_file(), project=project, root=root, out=out, manifests=manifests)
    for manifest_path in manifests:
        out.files += 1
        _from_manifest(manifest_path, project, out)
    return out


def _walk(folder: Path, root: Path, out: Collected) -> list[Path]:
    """The files under ``folder``; a symbolic link that leads outside it is reported (BP005), not read."""
    from toolkit.paths import PathEscape, within

    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not (_SKIP_DIRS & set(path.relative_to(folder).parts[:-1])):
            try:
                within(path, folder, folder)
            except PathEscape:
                message = f"a symbolic link leads outside {display_path(folder, root)}/; not read"
                out.diagnostics.append(Diagnostic("BP005", message, file=display_path(path, root)))
                continue
            found.append(path)
    return found


def _classify(file: Path, explicit: bool, project: Project | None, root: Path, out: Collected,
              manifests: dict[Path, None]) -> None:
    resolved = file.resolve()
    lexical = Path(os.path.abspath(file))
    suffix = file.suffix.lower()
    inside = project is not None and resolved.is_relative_to(project.root)
    if project is not None and lexical.is_relative_to(project.blueprints) and suffix in (".yaml", ".yml"):
        manifests[lexical] = None  # load_manifest refuses one that leads outside blueprints/ (BP005)
    elif inside and resolved.is_relative_to(project.templates.resolve()) and (file.name.endswith(".j2") or suffix == ".painless"):
        for manifest_path in _users_of(resolved, project):
            manifests[manifest_path] = None
    elif suffix == ".json":
        _from_json(file, explicit, root, out)
    elif suffix in (".md", ".markdown", ".py"):
        _from_markdown(file, explicit, root, out)
    elif suffix in (".yaml", ".yml"):
        _from_workflow_yaml(file, root, out)


def _users_of(file: Path, project: Project) -> list[Path]:
    """Manifests whose template is ``file`` or whose templates mention it (scripts, includes)."""
    relative = file.relative_to(project.templates.resolve()).as_posix()
    users = []
    for manifest_path in project.manifest_paths():
        if _escapes(manifest_path, project.blueprints, project.root):
            continue  # loading reports it (BP005)
        text = manifest_path.read_text(encoding="utf-8", errors="replace")
        if f"template: {relative}" in text:
            users.append(manifest_path.resolve())
            continue
        for template in project.templates.rglob("*.j2"):
            if _escapes(template, project.templates, project.root):
                continue  # rendering reports it (BP012)
            if relative in template.read_text(encoding="utf-8", errors="replace") and \
                    f"template: {template.relative_to(project.templates).as_posix()}" in text:
                users.append(manifest_path.resolve())
                break
    return users


def _escapes(path: Path, folder: Path, root: Path) -> bool:
    from toolkit.paths import PathEscape, within

    try:
        within(path, folder, root)
    except PathEscape:
        return True
    return False


def _read(file: Path, display: str, out: Collected) -> str | None:
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        out.diagnostics.append(Diagnostic("BP100", f"not UTF-8 text: {exc.reason} at byte {exc.start}", file=display))
    except OSError as exc:
        out.diagnostics.append(Diagnostic("BP001", f"cannot read: {exc.strerror}", file=display))
    return None


def _from_json(file: Path, explicit: bool, root: Path, out: Collected) -> None:
    display = display_path(file, root)
    text = _read(file, display, out)
    if text is None:
        return
    try:
        doc = parse_json(text)
    except JsonError as err:
        if explicit:
            out.files += 1
            from toolkit.diagnostics import excerpt_around

            excerpt, start = excerpt_around(text, err.position.line)
            out.diagnostics.append(Diagnostic("BP100", f"invalid JSON: {err.message}", file=display,
                                              line=err.position.line, column=err.position.column,
                                              excerpt=excerpt, excerpt_start=start))
        return
    data = doc.data
    from toolkit.documents import workflows

    if workflows.is_workflow(data):
        out.files += 1
        out.targets.extend(_written_target(w, display, "json") for w in workflows.from_json(doc, display))
        return
    if isinstance(data, dict) and isinstance(data.get("connector"), dict) and not (_CONNECTOR_KEYS - {"name"}) & set(data):
        out.files += 1
        out.targets.append(_prefixed_target(doc, display, "/connector", data["connector"], "json"))
        return
    if not explicit and not (isinstance(data, dict) and len(_CONNECTOR_KEYS & set(data)) >= 2):
        return
    out.files += 1
    out.targets.append(json_target(doc, display))


def _from_workflow_yaml(file: Path, root: Path, out: Collected) -> None:
    """A YAML file outside blueprints/ is read when it holds flow-framework create_connector nodes."""
    from toolkit.documents import workflows

    display = display_path(file, root)
    text = _read(file, display, out)
    if text is None or not workflows.MENTIONS_NODE.search(text):
        return
    out.files += 1
    written, problems = workflows.in_yaml_file(text, display)
    out.diagnostics.extend(problems)
    out.targets.extend(_written_target(w, display, "yaml") for w in written)


def _written_target(written, display: str, kind: str) -> Target:
    return Target(written.connector, display, written.locate, kind, label=written.label,
                  duplicates=written.duplicates, elided=set(written.elided))


def _prefixed_target(doc, display: str, prefix: str, connector, kind: str, source_text: str | None = None,
                     to_source=None, label: str = "") -> Target:
    inner = json_locator(doc, display, source_text, to_source)
    duplicates = [(p[len(prefix):], k) for p, k in doc.duplicates if p.startswith(prefix)]
    return Target(connector, display, lambda ptr, offset: inner(prefix + ptr, offset), kind, label=label,
                  duplicates=duplicates)


def _from_markdown(file: Path, explicit: bool, root: Path, out: Collected) -> None:
    """Dev Tools calls, Python and curl code of a Markdown document, or the code of a ``.py`` file."""
    from toolkit.documents.devtools import (connector_calls, managed_service_lines, predict_calls, settings_calls,
                                            suppressions)
    from toolkit.check.document_settings import settings_diagnostics
    from toolkit.documents.embedded import markdown_code_calls, python_file_calls

    display = display_path(file, root)
    text = _read(file, display, out)
    if text is None:
        return
    kind = "python" if file.suffix.lower() == ".py" else "markdown"
    if kind == "python":
        calls, problems = python_file_calls(text, display)
        written = []
    else:
        calls, problems = connector_calls(text, display)
        code_calls, code_problems = markdown_code_calls(text, display)
        calls, problems = sorted(calls + code_calls, key=lambda c: c.request_line), problems + code_problems
        written, more = _written_in_markdown(text, display)
        problems += more
        problems += settings_diagnostics(text, display, calls)
    if not calls and not written and not problems and not explicit:
        return
    out.files += 1
    suppressed = suppressions(text) if calls or written or problems else {}
    out.diagnostics.extend(p for p in problems if p.code not in suppressed)
    out.diagnostics.extend(_unknown_suppressions(text, display) if "blueprint-check:" in text else [])
    settings = settings_calls(text) if calls or written else []
    inputs = _inputs(calls, predict_calls(text)) if calls else []
    managed = _first_calls_after(managed_service_lines(text), [call.request_line for call in calls]) if calls else set()
    for number, (call, call_inputs) in enumerate(zip(calls, inputs)):
        target = _prefixed_target(call.document, display, call.prefix, call.connector, kind,
                                  source_text=text, to_source=call.to_source, label=call.label)
        target.suppressed = dict(suppressed)
        target.elided = call.elided
        for line, values in settings:  # the settings the document applied before this call
            if line < call.request_line:
                target.settings.update(values)
        target.inputs = call_inputs
        target.managed_service_only = number in managed
        out.targets.append(target)
    for piece in written:
        target = _written_target(piece, display, "markdown")
        target.suppressed = dict(suppressed)
        for line, values in settings:
            if line < piece.line:
                target.settings.update(values)
        out.targets.append(target)


def _unknown_suppressions(text: str, display: str) -> list[Diagnostic]:
    """An ignore comment may name only rules that exist: an unknown id would switch nothing off, silently
    (as for a manifest's ``suppress`` and the configuration's selectors)."""
    from toolkit.check.registry import all_rules
    from toolkit.check.selectors import unknown_selectors
    from toolkit.documents.devtools import suppression_lines

    rules = all_rules()
    return [Diagnostic("BP001", f"ignore comment: {message}", file=display, line=line, column=1)
            for rule_id, line in suppression_lines(text) for message in unknown_selectors([rule_id.upper()], rules)]


def _first_calls_after(markers: list[int], call_lines: list[int]) -> set[int]:
    """The index of the first call after each marker line (``call_lines`` in order)."""
    import bisect

    return {index for index in (bisect.bisect_right(call_lines, line) for line in markers) if index < len(call_lines)}


def _inputs(calls: list, predicts: list[tuple[int, dict]]) -> list[dict | None]:
    """Per call, what the document's ``_predict`` calls send (``devtools.inputs_per_call``), taken among
    calls written the same way: code is often an alternative to the Dev Tools call before it."""
    from toolkit.documents.devtools import inputs_per_call

    found: dict[int, dict | None] = {}
    for kind in {type(call) for call in calls}:
        same = [call for call in calls if type(call) is kind]
        found.update(zip(map(id, same), inputs_per_call(same, predicts)))
    return [found[id(call)] for call in calls]


def _written_in_markdown(text: str, display: str) -> tuple[list, list[Diagnostic]]:
    """Connectors a Markdown document writes outside Dev Tools connector calls."""
    from toolkit.documents import fragments, workflows

    written, problems = workflows.in_markdown(text, display)
    return written + fragments.in_markdown(text, display), problems


def _from_manifest(path: Path, project: Project, out: Collected) -> None:
    from toolkit.manifest import load_manifest
    from toolkit.render import render

    try:
        manifest = load_manifest(path, project)
    except ToolkitError as err:
        out.diagnostics.extend(err.diagnostics)
        return
    _check_contracts(manifest, project, out)
    for set_name, variables in manifest.variable_sets():
        try:
            rendered = render(manifest, project, variables)
        except ToolkitError as err:
            out.diagnostics.extend(err.diagnostics)
            continue
        out.targets.append(manifest_target(manifest, project, set_name, rendered))


def manifest_target(manifest, project: Project, label: str, rendered) -> Target:
    """The target for one rendering of ``manifest`` (its variable set or contract case ``label``): findings
    point into its template, scripts or manifest."""
    return Target(rendered.connector, rendered.template, template_locator(rendered, project, manifest), "manifest",
                  label=label, manifest=manifest, suppressed=manifest.data.get("suppress", {}),
                  duplicates=parse_json(rendered.text).duplicates, rendered=rendered,
                  sources=rendered.files)


def json_target(doc, display: str) -> Target:
    """The target for a create-connector body, the whole of the JSON document ``doc`` (of file ``display``)."""
    return Target(doc.data, display, json_locator(doc, display), "json", duplicates=doc.duplicates)


def _check_contracts(manifest, project: Project, out: Collected) -> None:
    """Each contract case the manifest lists must be a valid cassette for this blueprint (BP004)."""
    from toolkit.contract.cassette import CODE, load_cassette
    from toolkit.contract.runner import case_paths

    for path in case_paths(project, manifest):
        if not path.is_file():
            continue  # BP003 already reported it
        out.files += 1
        try:
            cassette = load_cassette(path, project.relative(path))
        except ToolkitError as err:
            out.diagnostics.extend(err.diagnostics)
            continue
        if cassette.blueprint != manifest.id:
            from toolkit.source import load_yaml

            doc = load_yaml(path, project.relative(path))
            out.diagnostics.append(doc.diagnostic(CODE, f"the case is for {cassette.blueprint!r}, but "
                                                        f"{manifest.file} lists it", ["blueprint"]))
