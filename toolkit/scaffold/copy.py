"""``blueprint new PROVIDER/NAME --from ID``: an existing blueprint copied under a new id.

The copy holds the manifest (``id``, ``provider``, ``template`` and ``contracts`` renamed), the
template and the Painless scripts it includes with ``script`` (renamed alongside it), and the
contract cases (each one's ``blueprint`` renamed). Files keep their text: only those values are
rewritten, in place, so comments and layout survive. The provider request schemas the cases'
requests need are copied under their own names (a schema describes the provider's API, not the
blueprint), unless the project already has the same file; a project without ``providers/`` gets none.
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.project import Project
from toolkit.source import SourceDocument, parse_yaml

_SCRIPT = re.compile(r"""(?P<quote>["'])(?P<name>[^"'\n]+)(?P=quote)(?=\s*\|\s*script\b)""")


def copy_files(manifest, new_id: str, destination: Project) -> dict[str, str]:
    """Path (relative to the project) -> text of each file of the copy of ``manifest`` as ``new_id``."""
    source: Project = manifest.project
    old_id = manifest.id
    template = renamed(manifest.template, old_id, new_id)
    contracts = {name: renamed(name, old_id, new_id) for name in manifest.contracts}
    edits = {("id",): new_id, ("provider",): new_id.split("/")[0], ("template",): template}
    edits.update({("contracts", index): contracts[name] for index, name in enumerate(manifest.contracts)})
    files = {f"blueprints/{new_id}.yaml": _rewrite(manifest.doc, edits)}
    text = (source.templates / manifest.template).read_text(encoding="utf-8")
    scripts = {match.group("name") for match in _SCRIPT.finditer(text)}
    files[f"templates/{template}"] = _SCRIPT.sub(
        lambda m: m.group("quote") + renamed(m.group("name"), old_id, new_id) + m.group("quote"), text)
    for name in sorted(scripts):
        files[f"templates/{renamed(name, old_id, new_id)}"] = _script(source, name).read_text(encoding="utf-8")
    for name, new_name in contracts.items():
        case = parse_yaml((source.contracts / name).read_text(encoding="utf-8"), f"contracts/{name}")
        files[f"contracts/{new_name}"] = _rewrite(case, {("blueprint",): new_id})
    if destination.providers.is_dir():
        for name in _needed_schemas(manifest):
            text = (source.providers / name).read_text(encoding="utf-8")
            target = destination.providers / name
            if not (target.is_file() and target.read_text(encoding="utf-8") == text):
                files[f"providers/{name}"] = text
    return files


def renamed(name: str, old_id: str, new_id: str) -> str:
    """A file name of blueprint ``old_id`` for ``new_id``: ``openai/embedding.post.painless`` and
    ``openai/embedding/case.yaml`` follow the id, any other name only moves to the new provider."""
    if name.startswith(old_id) and name[len(old_id):][:1] in (".", "/"):
        return new_id + name[len(old_id):]
    return f"{new_id.split('/')[0]}/{name.split('/', 1)[-1]}"


def _script(project: Project, name: str) -> Path:
    """A script the template includes, inside templates/ (BP005 otherwise, as rendering says)."""
    from toolkit.paths import PathEscape, confined

    try:
        return confined(project.templates, name, project.root)
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"script {exc}; not copied", file=f"templates/{name}")) from None


def _needed_schemas(manifest) -> list[str]:
    """The provider request schemas (``providers/``-relative) the blueprint's cases need: those it names
    in ``provider_api``, else every schema of its project that covers a request of its cases."""
    if manifest.provider_api:
        return [f"{name}.schema.json" for name in manifest.provider_api]
    from toolkit.contract.cassette import load_cassette
    from toolkit.contract.provider_api import load_provider_schemas

    schemas = load_provider_schemas(manifest.project.root) or []
    requests = [(item.request.method, item.request.url) for name in manifest.contracts
                for item in load_cassette(manifest.project.contracts / name, f"contracts/{name}").interactions]
    return [schema.file.removeprefix("providers/") for schema in schemas
            if any(schema.covers(method, url) for method, url in requests)]


def _rewrite(doc: SourceDocument, edits: dict[tuple, str]) -> str:
    """``doc``'s text with the scalar at each path replaced, everything else as written."""
    from toolkit.check.locate import yaml_position
    from toolkit.lines import line_starts

    starts = line_starts(doc.text)
    spans = []
    for path, value in edits.items():
        old = _at(doc.data, path)
        where = yaml_position(doc, list(path), 0)
        begin = starts[where.line - 1] + where.column - 1
        if doc.text[begin:begin + len(old)] != old:
            raise ToolkitError(Diagnostic("BP001", f"cannot rename {'/'.join(map(str, path))} ({old!r}) in place: "
                                                   "copy this blueprint by hand", file=doc.path))
        spans.append((begin, begin + len(old), value))
    text = doc.text
    for begin, end, value in sorted(spans, reverse=True):
        text = text[:begin] + value + text[end:]
    return text


def _at(data: object, path: tuple) -> str:
    for part in path:
        data = data[part]
    return data


def copy(manifest, new_id: str, destination: Project) -> list[str]:
    """Write the copy of ``manifest`` as ``new_id`` into ``destination``; nothing if any file exists."""
    from toolkit.scaffold.writing import write_new

    return write_new(Path(destination.root), copy_files(manifest, new_id, destination), "blueprint new")
