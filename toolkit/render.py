"""Sandboxed rendering of a blueprint template into a create-connector body.

Templates come from contributors, so the environment is Jinja's ``ImmutableSandboxedEnvironment``
with ``StrictUndefined`` (an unknown variable is an error, never an empty string), autoescape off
(the output is JSON, not HTML), a loader confined to ``templates/`` (no absolute paths, no ``..``,
no symlink that leaves the folder), a wall-clock budget, an output-size cap, size budgets on what
a template computes (``toolkit.template_budget``) and a memory budget (``toolkit.memory``).

Filters a template can use (each returns JSON text ready to embed):

* ``value | tojson`` -- JSON for any value, non-ASCII kept as is.
* ``"openai/embedding.post.painless" | script`` -- a file under ``templates/`` as a JSON string,
  so Painless is edited as code, not as an escaped string.
* ``"OPENAI_API_KEY" | secret`` -- the secret as a JSON string: a visible ``<OPENAI_API_KEY>``
  placeholder unless the user supplied a value. Only secrets declared in the manifest exist.
* ``text | oneline`` -- lines stripped and joined by one space (plain text, not JSON): write a
  ``request_body`` readably in a ``{% set %}`` block, then ``{{ body | oneline | tojson }}``.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError, excerpt_around
from toolkit.manifest import Manifest
from toolkit.paths import PathEscape, confined
from toolkit.project import Project

RENDER_SECONDS = 5.0
MAX_OUTPUT_CHARS = 2_000_000
RENDER_MEMORY_MB = 512  # new address space a render may map (toolkit.memory); sizes: toolkit.template_budget

# Canonical key order of the printed connector (the order of the create body's documentation).
_TOP_ORDER = ["name", "description", "version", "protocol", "parameters", "credential", "actions",
              "client_config", "backend_roles", "add_all_backend_roles", "access_mode"]
_ACTION_ORDER = ["action_type", "name", "method", "url", "headers", "request_body",
                 "pre_process_function", "post_process_function"]


def placeholder(secret_name: str) -> str:
    """What a secret renders as when no value is supplied."""
    return f"<{secret_name}>"


@dataclass
class Rendered:
    """A rendered connector: the template's output text and the parsed body."""

    manifest_id: str
    template: str
    variables: dict
    text: str
    connector: dict
    secrets_used: set[str] = field(default_factory=set)
    scripts: dict[str, str] = field(default_factory=dict)  # templates/-relative path -> embedded text
    loaded: set[str] = field(default_factory=set)  # templates/-relative Jinja templates read (the template, includes)

    @property
    def files(self) -> list[str]:
        """Every file under templates/ the rendering read, project-relative and sorted."""
        return sorted(f"templates/{name}" for name in self.loaded | set(self.scripts))

    def pretty(self) -> str:
        return json.dumps(canonical_order(self.connector), indent=2, ensure_ascii=False) + "\n"


def canonical_order(connector: dict) -> dict:
    """The connector with top-level and action keys in a fixed, documented order."""
    def ordered(obj: dict, order: list[str]) -> dict:
        keys = [k for k in order if k in obj] + [k for k in obj if k not in order]
        return {k: obj[k] for k in keys}

    out = ordered(connector, _TOP_ORDER)
    if isinstance(out.get("actions"), list):
        out["actions"] = [ordered(a, _ACTION_ORDER) if isinstance(a, dict) else a for a in out["actions"]]
    return out


class _ConfinedLoader:
    """Reads templates and scripts from templates/ only (``toolkit.paths.confined``)."""

    def __init__(self, project: Project):
        self.folder, self.root = project.templates, project.root

    def resolve(self, name: str) -> Path:
        try:
            return confined(self.folder, name, self.root)
        except PathEscape as exc:
            raise _Escape(str(exc)) from None

    def read(self, name: str) -> str:
        path = self.resolve(name)
        if not path.is_file():
            raise FileNotFoundError(name)
        return path.read_text(encoding="utf-8")


class _Escape(Exception):
    """A template or script name that points outside templates/ (the ``PathEscape`` message)."""


class _Timeout(Exception):
    pass


class _TooLarge(Exception):
    pass


class _ScriptMissing(Exception):
    pass


class _UndeclaredSecret(Exception):
    pass


_COMPILED: dict[str, tuple[str, object]] = {}  # Jinja's key (template name and file) -> (source checksum, code)


def _compiled():
    """A process-wide cache of compiled templates, by template file, used while the source's checksum
    is unchanged: each render has an environment of its own (its filters hold its secrets), but every
    environment is made alike here, so a template is compiled once per process while unchanged."""
    from jinja2 import BytecodeCache

    class InMemory(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            checksum, code = _COMPILED.get(bucket.key, (None, None))
            if checksum == bucket.checksum:
                bucket.code = code

        def dump_bytecode(self, bucket) -> None:
            _COMPILED[bucket.key] = (bucket.checksum, bucket.code)

    return InMemory()


def _environment(project: Project, secrets: dict[str, str | None], used: set[str], scripts: dict[str, str],
                 loaded: set[str]):
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, Undefined, pass_context

    from toolkit.template_budget import BudgetedSandbox, text_size

    loader = _ConfinedLoader(project)

    class Loader(BaseLoader):
        def get_source(self, environment, template):
            try:
                path = loader.resolve(template)
                source = loader.read(template)
            except FileNotFoundError:
                raise TemplateNotFound(template) from None
            loaded.add(template)
            mtime = path.stat().st_mtime
            return source, str(path), lambda: path.stat().st_mtime == mtime

    env = BudgetedSandbox(loader=Loader(), undefined=StrictUndefined, autoescape=False,
                          keep_trailing_newline=True, auto_reload=False, bytecode_cache=_compiled())

    def defined(value):
        if isinstance(value, Undefined):
            str(value)  # raises UndefinedError naming the variable
        return value

    def tojson(value) -> str:
        text_size(defined(value))
        return json.dumps(value, ensure_ascii=False)

    # script and secret take the context so that Jinja cannot run them on constants at compile
    # time: a secret inside a false {% if %} must not count as used.
    @pass_context
    def script(context, name: str) -> str:
        defined(name)
        try:
            text = loader.read(str(name)).rstrip()
        except FileNotFoundError:
            raise _ScriptMissing(str(name)) from None
        scripts[str(name)] = text
        return json.dumps(text, ensure_ascii=False)

    @pass_context
    def secret(context, name: str) -> str:
        if defined(name) not in secrets:
            raise _UndeclaredSecret(str(name))
        used.add(name)
        value = secrets[name]
        return json.dumps(placeholder(name) if value is None else value, ensure_ascii=False)

    def oneline(text: str) -> str:
        return " ".join(line.strip() for line in str(defined(text)).splitlines() if line.strip())

    env.filters.update(tojson=tojson, script=script, secret=secret, oneline=oneline)
    return env


@contextmanager
def _time_budget(seconds: float):
    """Interrupt rendering after ``seconds`` (only possible on the main thread, as in the CLI)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(manifest: Manifest, project: Project, variables: dict, secrets: dict[str, str | None] | None = None) -> Rendered:
    """Render ``manifest``'s template with ``variables``; the output must be a JSON object.

    ``secrets`` maps declared secret names to values; a missing name or ``None`` renders the
    placeholder. Raises ``ToolkitError`` (BP010-BP013) with template or output positions.
    """
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    values = {name: None for name in manifest.secrets}
    values.update(secrets or {})
    used: set[str] = set()
    scripts: dict[str, str] = {}
    loaded: set[str] = set()
    env = _environment(project, values, used, scripts, loaded)
    template_file = f"templates/{manifest.template}"
    context = {"blueprint": {k: manifest.data[k] for k in ("id", "title", "description", "provider", "task")}, **variables}
    from toolkit.memory import memory_budget

    try:
        with _time_budget(RENDER_SECONDS), memory_budget(RENDER_MEMORY_MB):
            template = env.get_template(manifest.template)
            text = _bounded_join(template.generate(**context))
    except TemplateSyntaxError as exc:
        raise ToolkitError(_at_template(project, exc.filename, exc.lineno, "BP010", f"template syntax error: {exc.message}")) from None
    except TemplateNotFound as exc:
        raise ToolkitError(Diagnostic("BP010", f"template not found: templates/{exc.name}", file=manifest.file)) from None
    except UndefinedError as exc:
        filename, line = _template_frame(exc, project)
        name = _undefined_name(str(exc))
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP011",
                                        f"undefined variable: {exc.message}", word=name,
                                        hint=f"declare {name!r} under variables in {manifest.file}" if name else None)) from None
    except SecurityError as exc:
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP012",
                                        f"refused by the sandbox: {exc}")) from None
    except _Escape as exc:
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP012",
                                        f"path {exc.args[0]}: only files inside templates/ can be included")) from None
    except _ScriptMissing as exc:
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP010",
                                        f"script not found: templates/{exc.args[0]}", word=exc.args[0])) from None
    except _UndeclaredSecret as exc:
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP011",
                                        f"secret {exc.args[0]!r} is not declared in the manifest", word=exc.args[0],
                                        hint=f"add it under secrets in {manifest.file}")) from None
    except _Timeout:
        raise ToolkitError(Diagnostic("BP012", f"rendering took longer than {RENDER_SECONDS:g} s (a runaway loop?)",
                                      file=template_file)) from None
    except _TooLarge:
        raise ToolkitError(Diagnostic("BP012", f"rendered output exceeds {MAX_OUTPUT_CHARS:,} characters",
                                      file=template_file)) from None
    except MemoryError as exc:
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP012",
                                        f"rendering needs more than {RENDER_MEMORY_MB} MB of memory")) from None
    except Exception as exc:  # noqa: BLE001 - template runtime errors (filters, maths) are input errors
        filename, line = _template_frame(exc, project)
        raise ToolkitError(_at_template(project, filename or template_file, line, "BP010",
                                        f"template error: {type(exc).__name__}: {exc}")) from None
    connector = _parse_unechoed(text, template_file, manifest, project, variables, values)
    return Rendered(manifest.id, template_file, variables, text, connector, used, scripts, loaded)


def _bounded_join(chunks) -> str:
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise _TooLarge()
        out.append(chunk)
    return "".join(out)


def parse_rendered(text: str, template_file: str) -> dict:
    """Parse rendered output; invalid JSON is reported at its line:col in the output, with context."""
    from toolkit.nesting import loads

    try:
        data = loads(text)
    except json.JSONDecodeError as exc:  # nesting.TooDeep included
        excerpt, start = excerpt_around(text, exc.lineno)
        raise ToolkitError(Diagnostic(
            "BP013", f"the rendered output is not valid JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno} "
            "of the rendered output shown below)", file=template_file, line=exc.lineno, column=exc.colno,
            excerpt=excerpt, excerpt_start=start,
            hint="use the tojson, script and secret filters for values; they quote and escape")) from None
    if not isinstance(data, dict):
        raise ToolkitError(Diagnostic("BP013", f"the rendered output is a JSON {type(data).__name__}, not an object",
                                      file=template_file, line=1, column=1))
    return data


def _parse_unechoed(text: str, template_file: str, manifest: Manifest, project: Project, variables: dict,
                    secrets: dict[str, str | None]) -> dict:
    """``parse_rendered``, but an error's excerpt never shows a supplied secret: it is taken from a
    second rendering with each secret replaced by as many ``*`` as its JSON text has characters (so
    columns stay where they were), or left out when that rendering fails elsewhere."""
    try:
        return parse_rendered(text, template_file)
    except ToolkitError as exc:
        supplied = {name: value for name, value in secrets.items() if value and value.strip("*")}
        if not supplied:
            raise
        found = exc.diagnostics[0]
        stars = {name: "*" * (len(json.dumps(value, ensure_ascii=False)) - 2) for name, value in supplied.items()}
        try:
            render(manifest, project, variables, {**secrets, **stars})
            again = None
        except ToolkitError as masked:
            again = masked.diagnostics[0]
        same = again is not None and (again.code, again.line, again.excerpt_start) == (found.code, found.line,
                                                                                       found.excerpt_start)
        excerpt = again.excerpt if same else ()
        start = found.excerpt_start if same else None
        raise ToolkitError(found._replace(excerpt=excerpt, excerpt_start=start)) from None


def _template_frame(exc: BaseException, project: Project) -> tuple[str | None, int | None]:
    """The innermost traceback frame inside templates/ (Jinja rewrites frames to template lines)."""
    templates = str(project.templates.resolve())
    found = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(templates + os.sep):
            found = (project.relative(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return found


def _undefined_name(message: str) -> str | None:
    # Jinja: "'model' is undefined" or "'dict object' has no attribute 'x'"
    if message.endswith(" is undefined") and message.startswith("'"):
        return message[1:].split("'")[0]
    if "has no attribute '" in message:
        return message.split("has no attribute '")[1].rstrip("'")
    return None


def _at_template(project: Project, filename: str | None, line: int | None, code: str, message: str,
                 word: str | None = None, hint: str | None = None) -> Diagnostic:
    """A diagnostic at a template line; the column is where ``word`` first appears on it."""
    display = project.relative(Path(filename)) if filename and os.path.isabs(filename) else filename
    column, excerpt, start = None, (), None
    if line and display:
        try:
            text = (project.root / display).read_text(encoding="utf-8")
        except OSError:
            text = ""
        lines = text.splitlines()
        if 0 < line <= len(lines):
            column = 1 + max(0, lines[line - 1].find(word)) if word and word in lines[line - 1] else 1
            excerpt, start = excerpt_around(text, line)
    return Diagnostic(code, message, file=display, line=line, column=column, hint=hint, excerpt=excerpt, excerpt_start=start)
