"""Cluster settings a set of blueprints needs (spec mlcommons-connectors.md sections 2 and 3).

``plan_settings`` turns manifests into the ``PUT _cluster/settings`` body they need:

* ``plugins.ml_commons.trusted_connector_endpoints_regex``: the cluster's existing list (never
  dropped, order kept) followed by each blueprint's tight regexes not already in it;
* ``plugins.ml_commons.connector_access_control_enabled`` when asked for;
* ``plugins.ml_commons.connector.private_ip_enabled`` and (3.7+)
  ``plugins.ml_commons.trusted_connector_private_endpoints_regex`` for blueprints that call
  private hosts, such as a local Ollama.

It also proves the result: every URL of every rendered variable set, substituted with the
connector's parameters as ML Commons does at creation, must fully match a regex of the final list
(Java semantics); every added regex must pass the setting validator and the endpoint audit.
Notes explain what the settings do and do not do (e.g. ``only_run_on_ml_node``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.diagnostics import Diagnostic

TRUSTED = "plugins.ml_commons.trusted_connector_endpoints_regex"
ACCESS_CONTROL = "plugins.ml_commons.connector_access_control_enabled"
PRIVATE_IP = "plugins.ml_commons.connector.private_ip_enabled"
PRIVATE_ENDPOINTS = "plugins.ml_commons.trusted_connector_private_endpoints_regex"

NOTES = [
    "Existing trusted-endpoint regexes are kept: the list in this call is the cluster's list plus what these "
    "blueprints add. A model keeps the list it was deployed with: redeploy models after changing it.",
    "plugins.ml_commons.only_run_on_ml_node does not affect remote models: it limits local models to ML "
    "nodes. Remote models run on the nodes listed in "
    "plugins.ml_commons.task_dispatcher.eligible_node_role.remote_model (default data and ml).",
    "Since OpenSearch 3.7 the cluster also re-checks the resolved URL of every remote call against this list.",
]


@dataclass
class Coverage:
    blueprint: str
    variable_set: str
    url: str
    regex: str | None  # None: no regex admits the URL


@dataclass
class SettingsPlan:
    persistent: dict[str, object]
    added: list[str]
    coverage: list[Coverage]
    notes: list[str]
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def body(self) -> dict:
        return {"persistent": self.persistent}


def plan_settings(manifests, project, existing: list[str] | None = None, access_control: bool = False,
                  rendered: dict[tuple[str, str], dict] | None = None,
                  existing_source: "ExistingSource | None" = None) -> SettingsPlan:
    """The settings plan for ``manifests`` (module docstring). ``rendered`` maps (blueprint id, variable
    set) to connectors already rendered (e.g. by ``blueprint build``), so they are not rendered again.

    With ``existing_source`` (the cluster's own list, from ``--existing``), every kept regex that the
    setting validator refuses (BP304: a 3.7+ cluster refuses the whole call) or the audit finds loose
    (BP305) is a problem at its place in that file, unless ``existing_source.keep_unsafe``; notes say
    the same of ML Commons' default list or of what the user keeps."""
    from toolkit.check.rules.endpoints import is_private_host
    from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS, RegexTimeout, compile, validate_setting_regex
    from toolkit.javaregex.audit import audit_one
    from toolkit.javaregex.urls import real_host
    from toolkit.mlcommons.endpoint import substitute_url
    from toolkit.mlcommons.params import parameter_map
    from toolkit.render import render

    regexes = list(DEFAULT_TRUSTED_ENDPOINTS if existing is None else existing)
    added: list[str] = []
    problems: list[Diagnostic] = []
    urls: list[tuple[str, str, str]] = []
    private: list[str] = []
    for manifest in manifests:
        for index, regex in enumerate(manifest.trusted_endpoints):
            message = validate_setting_regex(regex)
            if message:
                problems.append(manifest.doc.diagnostic("BP304", f"the cluster setting refuses it: '{message}'",
                                                        ["trusted_endpoints", index]))
                continue
            for finding in audit_one(regex):
                if finding.severity == "error":
                    problems.append(manifest.doc.diagnostic("BP305", f"{finding.message}: e.g. {finding.counterexample}",
                                                            ["trusted_endpoints", index]))
            if regex not in regexes:
                regexes.append(regex)
                added.append(regex)
        for set_name, variables in manifest.variable_sets():
            connector = (rendered or {}).get((manifest.id, set_name)) or render(manifest, project, variables).connector
            for action in connector.get("actions", []):
                url = substitute_url(action.get("url", ""), parameter_map(connector.get("parameters", {})))
                urls.append((manifest.id, set_name, url))
                host = real_host(url)
                if host and is_private_host(host) and url not in private:
                    private.append(url)
    kept = [r for r in regexes if r not in added]
    unsafe = [(r, f) for r in kept for f in audit_one(r) if f.severity == "error"]
    if existing_source is not None and not existing_source.keep_unsafe:
        problems += [existing_source.problem(r, f) for r, f in unsafe]
    coverage = []
    for blueprint, set_name, url in urls:
        try:
            regex = next((r for r in regexes if compile(r).matches(url)), None)
        except RegexTimeout as exc:
            regex = None
            problems.append(Diagnostic("BP309", f"{blueprint} [{set_name}]: cannot tell whether {url} is admitted: "
                                                f"the regex {exc.pattern!r} took longer than {exc.timeout:g} s to match it"))
        else:
            if regex is None:
                problems.append(Diagnostic("BP309", f"{blueprint} [{set_name}]: no trusted-endpoint regex admits {url}"))
        coverage.append(Coverage(blueprint, set_name, url, regex))
    persistent: dict[str, object] = {TRUSTED: regexes}
    notes = list(NOTES)
    loose = [(r, f) for r, f in unsafe if f.code not in _REFUSED]
    refused = list(dict.fromkeys(r for r, f in unsafe if f.code in _REFUSED))
    if loose:
        notes.append(f"{len({r for r, _ in loose})} kept regexes are loose (endpoint audit errors), e.g. "
                     + "; ".join(_loose_example(r, f) for r, f in loose[:2])
                     + ". Replace them when nothing else needs them (--no-existing starts from an empty list).")
    if refused:
        notes.append(f"{len(refused)} kept regexes are refused by the setting validator of OpenSearch 3.7 and "
                     f"later, which then refuses this whole call: {', '.join(refused[:3])}.")
    if access_control:
        persistent[ACCESS_CONTROL] = True
        notes.append(f"{ACCESS_CONTROL}: connectors must then say who may use them (backend_roles, "
                     "add_all_backend_roles, access_mode); `blueprint check --access-control` checks them.")
    if private:
        from toolkit.javaregex.suggest import escape

        persistent[PRIVATE_IP] = True
        persistent[PRIVATE_ENDPOINTS] = sorted({f"^{escape(_origin(url))}/.*$" for url in private})
        notes.append(f"{PRIVATE_IP} lets connectors call private hosts ({', '.join(sorted({real_host(u) for u in private}))}); "
                     f"{PRIVATE_ENDPOINTS} (3.7+) limits them to these origins. Both apply to every connector.")
    return SettingsPlan(persistent, added, coverage, notes, problems)


def _loose_example(regex: str, finding) -> str:
    """``regex accepts URL`` where the audit has a counterexample, else what it found."""
    return f"{regex} accepts {finding.counterexample}" if finding.counterexample else f"{regex}: {finding.message}"


_REFUSED = {"EP001", "EP002"}  # audit codes for a regex the cluster setting refuses


@dataclass
class ExistingSource:
    """The cluster's own trusted list as a file gave it: where each regex is, and whether the user keeps
    unsafe ones on purpose (``--keep-unsafe``)."""

    file: str
    text: str
    keep_unsafe: bool = False

    def problem(self, regex: str, finding) -> Diagnostic:
        """An audit error about a kept regex, at its place in the file: BP304 when the setting refuses it
        (a 3.7+ cluster then refuses the whole call), BP305 when it admits other hosts."""
        import json

        from toolkit.diagnostics import excerpt_around

        code = "BP304" if finding.code in _REFUSED else "BP305"
        example = f": e.g. {finding.counterexample}" if finding.counterexample else ""
        message = f"kept regex {regex!r}: {finding.message}{example}"
        hint = "replace it with a tight regex (blueprint endpoints suggest URL), or pass --keep-unsafe to keep it"
        index = self.text.find(json.dumps(regex, ensure_ascii=False))
        if index < 0:
            return Diagnostic(code, message, file=self.file, hint=hint)
        line = self.text.count("\n", 0, index) + 1
        column = index - (self.text.rfind("\n", 0, index) + 1) + 1
        excerpt, start = excerpt_around(self.text, line)
        return Diagnostic(code, message, file=self.file, line=line, column=column, hint=hint,
                          excerpt=excerpt, excerpt_start=start)


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
