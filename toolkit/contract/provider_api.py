"""The providers' request schemas: what each provider endpoint accepts, checked on every emulated request.

A project keeps one JSON Schema per provider endpoint under ``providers/<provider>/<name>.schema.json``,
written from the provider's API reference. Besides the schema keywords, each file says which
requests it covers and where it comes from::

    "x-endpoint": {"method": "POST", "url": "^https://api\\\\.openai\\\\.com/v1/embeddings$",
                   "docs": "https://platform.openai.com/docs/api-reference/embeddings/create"}

``url`` is a Python regular expression matched against the whole request URL. In a project with a
``providers/`` folder every request a contract case sends must be covered by at least one schema,
and its JSON body must validate against each schema that covers it; a project without the folder
opts out. Where one URL serves several request shapes (a SageMaker endpoint runs whatever model it
hosts), the manifest names its schemas (``provider_api: [sagemaker/jumpstart-text-embedding]``) and
only those apply.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.diagnostics import Diagnostic, ToolkitError

__all__ = ["ProviderSchema", "load_provider_schemas", "request_problems"]


@dataclass(frozen=True)
class ProviderSchema:
    """One endpoint's request schema; ``file`` is relative to the project root."""

    file: str
    method: str
    url: re.Pattern
    docs: str
    schema: dict

    def covers(self, method: str, url: str) -> bool:
        return method.upper() == self.method and self.url.fullmatch(url) is not None

    @property
    def id(self) -> str:
        """``<provider>/<name>``, as a manifest's ``provider_api`` names it."""
        return self.file.removeprefix("providers/").removesuffix(".schema.json")

    @functools.cached_property
    def validator(self):
        from jsonschema import Draft202012Validator

        return Draft202012Validator({k: v for k, v in self.schema.items() if k != "x-endpoint"})


def load_provider_schemas(root: Path) -> list[ProviderSchema] | None:
    """Every schema under ``root/providers`` (None when the project has no such folder); one that
    leads outside providers/ (a symbolic link) is refused unread (BP005)."""
    from toolkit.paths import PathEscape, within

    folder = root / "providers"
    if not folder.is_dir():
        return None
    schemas = []
    for path in sorted(folder.glob("*/*.schema.json")):
        display = path.relative_to(root).as_posix()
        try:
            within(path, folder, root, display)
        except PathEscape as exc:
            raise ToolkitError(Diagnostic("BP005", f"provider schema {exc}; not read", file=display)) from None
        schemas.append(_load(path, display))
    return schemas


def _load(path: Path, display: str) -> ProviderSchema:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    def fail(message: str) -> ToolkitError:
        return ToolkitError(Diagnostic("BP004", f"provider schema: {message}", file=display))

    from toolkit.nesting import loads

    try:
        schema = loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:  # nesting.TooDeep included
        raise fail(f"unreadable: {exc}") from None
    endpoint = schema.get("x-endpoint") if isinstance(schema, dict) else None
    if not isinstance(endpoint, dict) or not all(isinstance(endpoint.get(k), str) for k in ("method", "url", "docs")):
        raise fail('needs "x-endpoint": {"method": ..., "url": <regex>, "docs": <API reference URL>}')
    try:
        Draft202012Validator.check_schema({k: v for k, v in schema.items() if k != "x-endpoint"})
        url = re.compile(endpoint["url"])
    except SchemaError as exc:
        raise fail(f"not a valid JSON Schema: {exc.message}") from None
    except re.error as exc:
        raise fail(f"x-endpoint.url is not a regular expression: {exc}") from None
    return ProviderSchema(display, endpoint["method"].upper(), url, endpoint["docs"], schema)


def request_problems(schemas: list[ProviderSchema], method: str, url: str, body: bytes,
                     named: list[str] | None = None) -> list[str]:
    """Why the provider would refuse this request (empty when every covering schema accepts it).

    ``named`` (a manifest's ``provider_api``) limits the schemas to those ids."""
    covering = [s for s in schemas if s.covers(method, url) and (named is None or s.id in named)]
    if not covering:
        among = f" among {', '.join(named)}" if named else ""
        return [f"no provider request schema under providers/{among} covers {method} {url}"]
    try:
        data: Any = json.loads(body.decode("utf-8")) if body else None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"the request body to {url} is not JSON: {exc}"]
    out = []
    for schema in covering:
        for error in sorted(schema.validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/" + "/".join(map(str, error.absolute_path))
            out.append(f"the request to {url} does not match the provider's API ({schema.file}, {schema.docs}): "
                       f"{where}: {error.message}")
    return out
