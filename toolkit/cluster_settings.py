"""The cluster settings a ``predict`` call or a contract case runs under (spec 2).

ML Commons reads four cluster settings on the way of a remote call: the trusted-endpoint regexes
(at creation, and from 3.7 on every call), ``connector.private_ip_enabled`` (2.15+),
``trusted_connector_private_endpoints_regex`` (3.7+) and ``connector_access_control_enabled``
(at creation). Each one comes from the first of:

1. ``--private-ip-enabled`` (that one setting);
2. ``--settings FILE``, the cluster as it is: a ``PUT _cluster/settings`` body, ``GET _cluster/settings``
   output (``include_defaults`` too) or a plain JSON list of trusted regexes (``read_settings_file``);
3. for a blueprint, its manifest: its own ``trusted_endpoints`` (what ``blueprint setup`` adds; the
   checker assumes the same, BP309) and ``cluster: {private_ip_enabled: true}``;
4. the checker configuration (``.blueprint.toml`` or ``[tool.blueprint]``): ``trusted-endpoints``,
   ``extend-trusted-endpoints``, ``private-ip-enabled``, ``private-endpoints``, ``access-control``
   (for a blueprint only the last three, as for ``blueprint check``);
5. the release's defaults: its default trusted list (plus ``extend-trusted-endpoints``), the rest off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.check.model import CheckConfig
from toolkit.diagnostics import Diagnostic, ToolkitError

_SCOPES = ("transient", "persistent", "defaults")  # OpenSearch's precedence; GET output has all three


@dataclass(frozen=True)
class ClusterSettings:
    """What the cluster is known to have (``given``: CheckConfig field -> value, from ``--settings`` or an
    option, each with its origin) over the project's checker configuration."""

    config: CheckConfig = field(default_factory=CheckConfig)
    given: dict = field(default_factory=dict)
    origin: dict = field(default_factory=dict)  # field -> "--settings FILE" or the option
    config_file: str | None = None

    def trusted_endpoints(self, profile=None, manifest=None) -> list[str]:
        """The trusted-endpoint regexes of the cluster on ``profile``'s release (default: the newest) for a
        connector, or for the blueprint ``manifest`` (rules in the module docstring)."""
        if "trusted_endpoints" in self.given:
            return list(self.given["trusted_endpoints"])
        if manifest is not None:
            return list(manifest.trusted_endpoints)
        if self.config.trusted_endpoints is not None:
            return list(self.config.trusted_endpoints)
        from toolkit.versions import Profile

        default = (profile or Profile.for_version()).value("trusted_endpoints.default")
        return [*default, *self.config.extend_trusted_endpoints]

    def trusted_source(self, profile, manifest=None) -> str:
        """Where ``trusted_endpoints`` comes from, as a user reads it."""
        if "trusted_endpoints" in self.given:
            return f"the trusted list of {self.origin['trusted_endpoints']}"
        if manifest is not None:
            return f"the trusted_endpoints of {manifest.file}"
        if self.config.trusted_endpoints is not None:
            return f"trusted-endpoints in {self.config_file}"
        extended = (f" and extend-trusted-endpoints in {self.config_file}"
                    if self.config.extend_trusted_endpoints else "")
        return f"the default list of OpenSearch {profile}{extended} (--settings FILE gives the cluster's)"

    def private_ip_enabled(self, manifest=None) -> bool:
        """``plugins.ml_commons.connector.private_ip_enabled``."""
        if "private_ip_enabled" in self.given:
            return bool(self.given["private_ip_enabled"])
        return self.config.private_ip_enabled or (manifest is not None and manifest.private_ip_enabled)

    def private_endpoints(self) -> list[str]:
        """``plugins.ml_commons.trusted_connector_private_endpoints_regex`` (empty: not set)."""
        return list(self.given.get("private_endpoints", self.config.private_endpoints))

    def access_control(self) -> bool:
        """``plugins.ml_commons.connector_access_control_enabled``."""
        return bool(self.given.get("access_control", self.config.access_control))

    def predict_arguments(self, profile, manifest=None) -> dict:
        """The keyword arguments ``toolkit.mlcommons.predict.predict`` takes for these settings."""
        return {"trusted_endpoints": self.trusted_endpoints(profile, manifest),
                "private_ip_enabled": self.private_ip_enabled(manifest),
                "private_endpoints": self.private_endpoints()}

    def check_config(self, profile, manifest=None) -> CheckConfig:
        """The checker configuration that judges a connector created on this cluster (on ``profile``'s release)."""
        return self.config.replace(trusted_endpoints=self.trusted_endpoints(profile, manifest),
                                   extend_trusted_endpoints=[], private_ip_enabled=self.private_ip_enabled(manifest),
                                   private_endpoints=self.private_endpoints(), access_control=self.access_control())


def cluster_settings(settings: tuple[str, str] | None = None, private_ip_enabled: bool = False) -> ClusterSettings:
    """The settings of ``--settings FILE`` (its name and text) and ``--private-ip-enabled`` over the checker
    configuration found from the working directory (as ``blueprint check`` finds it)."""
    from toolkit.check.config import load_config

    config, path = load_config(Path.cwd())
    given, origin = {}, {}
    if settings is not None:
        file, text = settings
        given = read_settings(text, file)
        origin = {name: f"--settings {file}" for name in given}
    if private_ip_enabled:
        given["private_ip_enabled"], origin["private_ip_enabled"] = True, "--private-ip-enabled"
    return ClusterSettings(config, given, origin, str(path) if path else None)


def read_settings(text: str, file: str) -> dict:
    """CheckConfig field -> value for each ML Commons setting the file sets (``devtools.SETTING_FIELDS``):
    transient over persistent over defaults, flat or nested keys, booleans also as ``"true"``; a plain JSON
    list is the trusted list. Any problem is a ``ToolkitError`` at its place in the file."""
    from toolkit.documents.devtools import SETTING_FIELDS, SettingEntry, flat_settings, setting_value, setting_value_problem
    from toolkit.jsonsource import JsonError, offset_to_position, parse_json

    try:
        doc = parse_json(text)
    except JsonError as exc:
        raise ToolkitError(Diagnostic("BP001", f"--settings: not JSON: {exc.message}", file=file,
                                      line=exc.position.line, column=exc.position.column)) from None
    data = doc.data
    if isinstance(data, list):
        entries = [SettingEntry("trusted_endpoints", "plugins.ml_commons.trusted_connector_endpoints_regex", data, "")]
    elif isinstance(data, dict):
        sections = [(f"/{scope}", data[scope]) for scope in _SCOPES if isinstance(data.get(scope), dict)]
        found: dict[str, SettingEntry] = {}
        for ptr, section in [*sections, ("", {k: v for k, v in data.items() if k not in _SCOPES})]:
            for key, value, where in flat_settings(section, ptr):
                if key in SETTING_FIELDS and SETTING_FIELDS[key] not in found:
                    found[SETTING_FIELDS[key]] = SettingEntry(SETTING_FIELDS[key], key, value, where)
        entries = list(found.values())
    else:
        entries = []
    if not entries:
        raise ToolkitError(Diagnostic("BP001", "--settings: no ML Commons connector setting in the file (a PUT "
                                               "_cluster/settings body, GET _cluster/settings?include_defaults=true "
                                               "output or a JSON list of trusted regexes)", file=file))
    problems = []
    for entry in entries:
        problem = setting_value_problem(entry)
        if problem:
            offset = doc.value_offset(_culprit(entry))
            position = offset_to_position(text, offset) if offset is not None else None
            problems.append(Diagnostic("BP001", f"--settings: {problem}", file=file,
                                       line=position.line if position else None,
                                       column=position.column if position else None))
    if problems:
        raise ToolkitError(*problems)
    return {entry.name: setting_value(entry.name, entry.value) for entry in entries}


def _culprit(entry) -> str:
    """The pointer of what is wrong in a refused setting: its first invalid regex, else its value."""
    from toolkit.check.config import regex_problems

    if isinstance(entry.value, list):
        for index, regex in enumerate(entry.value):
            if isinstance(regex, str) and regex_problems(entry.name, [regex]):
                return f"{entry.pointer}/{index}"
    return entry.pointer
