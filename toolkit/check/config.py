"""Checker configuration: ``.blueprint.toml`` (top level) or ``[tool.blueprint]`` in ``pyproject.toml``.

The nearest file upwards from the working directory wins (never through a symbolic link that leads
outside the folder it is found in). Keys may be written with dashes or
underscores::

    [tool.blueprint]
    trusted-endpoints = ["^https://api\\.openai\\.com/.*$"]   # default: the target release's default list
    extend-trusted-endpoints = ["^https://api\\.mistral\\.ai/v1/.*$"]
    access-control = true             # plugins.ml_commons.connector_access_control_enabled
    private-ip-enabled = false        # plugins.ml_commons.connector.private_ip_enabled
    private-endpoints = []            # plugins.ml_commons.trusted_connector_private_endpoints_regex
    target-version = "2.19"           # the OpenSearch release to check for (default: from a blueprint's
                                      # opensearch.minimum to the newest release, else the newest release)
    select = ["BP1", "BP301"]         # rule ids or prefixes (default: all)
    ignore = ["BP204"]
    fail-on = "error"                 # error | warning | info
    [tool.blueprint.per-file-ignores]
    "docs/legacy/*.md" = ["BP109"]
    [tool.blueprint.suppress]         # one finding, for files that cannot hold comments
    "examples/openai.json#/actions/0/url" = ["BP301"]
"""

from __future__ import annotations

from pathlib import Path

from toolkit.check.model import CheckConfig
from toolkit.diagnostics import Diagnostic, Severity, ToolkitError

_LISTS = {"trusted_endpoints", "extend_trusted_endpoints", "private_endpoints", "select", "ignore"}
_BOOLS = {"access_control", "private_ip_enabled"}
_TABLES = {"per_file_ignores", "suppress"}
_STRINGS = {"target_version", "fail_on"}


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest config file and its blueprint table, or None; a file that is a symbolic link
    leading outside its folder is refused unread (BP005)."""
    from toolkit.paths import PathEscape, within

    for folder in (start, *start.parents):
        for name in (".blueprint.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            try:
                within(path, folder, folder)
            except PathEscape as exc:
                raise ToolkitError(Diagnostic("BP005", f"configuration {exc}; not read", file=str(path))) from None
            import tomllib  # only where there is a file (a few milliseconds of a cold check)

            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ToolkitError(Diagnostic("BP001", f"invalid TOML: {exc}", file=str(path))) from None
            except RecursionError:  # tomllib recurses once per level of arrays and inline tables
                raise ToolkitError(Diagnostic("BP001", "invalid TOML: arrays or inline tables nested too deeply",
                                              file=str(path))) from None
            table = data if name == ".blueprint.toml" else data.get("tool", {}).get("blueprint")
            if table is not None:
                return path, table
    return None


def load_config(start: Path) -> tuple[CheckConfig, Path | None]:
    found = find_config(start)
    if found is None:
        return CheckConfig(), None
    path, table = found
    return parse_config(table, str(path)), path


def parse_config(table: dict, file: str) -> CheckConfig:
    values: dict = {}
    problems = []
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key in _LISTS and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(f"{raw_key} must be a list of strings")
        elif key in _BOOLS and not isinstance(value, bool):
            problems.append(f"{raw_key} must be true or false")
        elif key in _STRINGS and not isinstance(value, str):
            problems.append(f"{raw_key} must be a string")
        elif key in _TABLES and not (isinstance(value, dict) and all(
                isinstance(v, list) and all(isinstance(i, str) for i in v) for v in value.values())):
            problems.append(f"{raw_key} must be a table of lists of rule ids")
        elif key not in _LISTS | _BOOLS | _TABLES | _STRINGS:
            problems.append(f"unknown key {raw_key!r}")
        else:
            values[key] = value
    if "target_version" in values:
        from toolkit.versions.profile import UnknownRelease, resolve

        try:
            resolve(values["target_version"], "target-version")
        except UnknownRelease as exc:
            problems.append(exc.diagnostics[0].message)
    if "fail_on" in values and values["fail_on"] not in ("error", "warning", "info"):
        problems.append("fail-on must be error, warning or info")
    for key in ("trusted_endpoints", "extend_trusted_endpoints", "private_endpoints"):
        problems.extend(regex_problems(key, values.get(key, [])))
    problems.extend(selector_problems(values))
    if problems:
        raise ToolkitError(*(Diagnostic("BP001", f"configuration: {p}", file=file) for p in problems))
    extend = values.get("extend_trusted_endpoints", [])
    config = CheckConfig(**{k: v for k, v in values.items() if k != "fail_on"})
    listed = {"trusted-endpoints": config.trusted_endpoints or [], "extend-trusted-endpoints": extend,
              "private-endpoints": config.private_endpoints}
    config.regex_sources = {regex: f"{key} in {file}" for key, regexes in listed.items() for regex in regexes}
    if "fail_on" in values:
        config.fail_on = Severity(values["fail_on"])
    if extend and config.trusted_endpoints:
        config.trusted_endpoints = [*config.trusted_endpoints, *extend]
        config.extend_trusted_endpoints = []
    return config


def selector_problems(values: dict) -> list[str]:
    """``select``, ``ignore``, ``per-file-ignores`` and ``suppress`` must name rules that exist."""
    named = [(key.replace("_", "-"), values.get(key, [])) for key in ("select", "ignore")]
    for key in ("per_file_ignores", "suppress"):
        named += [(f"{key.replace('_', '-')}.{where!r}", ids) for where, ids in values.get(key, {}).items()]
    if not any(ids for _, ids in named):
        return []
    from toolkit.check.registry import all_rules
    from toolkit.check.selectors import unknown_selectors

    rules = all_rules()
    return [f"{key}: {message}" for key, ids in named for message in unknown_selectors(ids, rules)]


def regex_problems(key: str, regexes: list[str]) -> list[str]:
    """Configured regexes must be valid Java regexes (they are matched as the cluster would)."""
    if not regexes:
        return []
    from toolkit.javaregex import PatternSyntaxError, compile

    problems = []
    for regex in regexes:
        try:
            compile(regex)
        except PatternSyntaxError as exc:
            problems.append(f"{key.replace('_', '-')}: {regex!r} is not a valid Java regex: {exc.description} "
                            f"near index {exc.index}")
    return problems
