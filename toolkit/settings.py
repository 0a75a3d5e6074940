"""Cluster settings a set of blueprints needs on one OpenSearch release (spec mlcommons-connectors.md
sections 2 and 3; version-matrix.md B1, B3, B5, B6, B8, H2).

``plan_settings`` turns manifests and a ``Profile`` into the ``PUT _cluster/settings`` body they need:

* ``plugins.ml_commons.trusted_connector_endpoints_regex``: the cluster's existing list (never
  dropped, order kept), else the release's default list, followed by the blueprint's own tight regex
  for each rendered URL that list does not admit yet (none when it admits them all: on 2.12 the
  default list already trusts Cohere's API). The setting replaces the whole list, so the notes say
  which list this is;
* ``plugins.ml_commons.connector_access_control_enabled`` when asked for;
* ``plugins.ml_commons.connector.private_ip_enabled`` (2.15+) and
  ``plugins.ml_commons.trusted_connector_private_endpoints_regex`` (3.7+) for blueprints that call
  private hosts, such as a local Ollama: only the settings the release has (a cluster refuses a call
  that names a setting it does not know); before 2.15 such a blueprint cannot work (BP303).

It also proves the result: every URL of every rendered variable set, substituted with the
connector's parameters as ML Commons does at creation, must fully match a regex of the final list
(Java semantics); every added regex must pass the endpoint audit, and the setting validator where
the release has one (3.7+; before, a note). Notes explain what the settings do and do not do on that
release (when the list is checked, ``only_run_on_ml_node``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from toolkit.diagnostics import Diagnostic

TRUSTED = "plugins.ml_commons.trusted_connector_endpoints_regex"
ACCESS_CONTROL = "plugins.ml_commons.connector_access_control_enabled"
PRIVATE_IP = "plugins.ml_commons.connector.private_ip_enabled"
PRIVATE_ENDPOINTS = "plugins.ml_commons.trusted_connector_private_endpoints_regex"
LIST_SETTINGS = (TRUSTED, PRIVATE_ENDPOINTS)  # the settings whose value is a list the cluster may have extended


def current_settings_path(lists=(TRUSTED,)) -> str:
    """The ``GET`` path (no leading slash) that shows the cluster's values of the settings ``lists``: where
    set (``persistent``, ``transient``) or else ML Commons' default (``include_defaults``), and nothing else
    (``filter_path``, whose ``*`` matches the scope: docs ``api-reference/common-parameters.md``)."""
    return "_cluster/settings?include_defaults=true&filter_path=" + ",".join(f"*.{key}" for key in lists)

_REMOTE_NODES = ("plugins.ml_commons.only_run_on_ml_node does not affect remote models: it limits local models to ML "
                 "nodes. Remote models run on the nodes listed in "
                 "plugins.ml_commons.task_dispatcher.eligible_node_role.remote_model (default data and ml).")
_REMOTE_NODES_BEFORE = ("On OpenSearch {profile} plugins.ml_commons.only_run_on_ml_node (default true) also limits "
                        "remote models: they run on ML nodes, and a cluster without ML nodes cannot deploy them until "
                        "it is set to false (data nodes then run them). "
                        "plugins.ml_commons.task_dispatcher.eligible_node_role.remote_model comes in {since}.")


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
    list_note: str = ""  # the first of ``notes``: which trusted list the call writes, and what it replaces

    @property
    def body(self) -> dict:
        return {"persistent": self.persistent}


def plan_settings(manifests, profile, existing: list[str] | None = None, access_control: bool = False,
                  rendered: dict[tuple[str, str], dict] | None = None,
                  existing_source: "ExistingSource | None" = None,
                  existing_private: list[str] | None = None) -> SettingsPlan:
    """The settings plan for ``manifests`` on the release of ``profile`` (a ``toolkit.versions.Profile``;
    module docstring). ``existing`` is the list to keep (None: the release's default list), and
    ``existing_private`` the cluster's private-endpoint list (None: unknown).
    ``rendered`` maps (blueprint id, variable set) to connectors already rendered (e.g. by
    ``blueprint build``), so they are not rendered again.

    With ``existing_source`` (the cluster's own list, from ``--existing``), every kept regex but the
    release's defaults that the setting validator refuses (BP304, where the release has the validator: it then refuses the whole
    call) or the audit finds loose (BP305) is a problem at its place in that file, unless
    ``existing_source.keep_unsafe``; notes say the same of the default list or of what the user keeps."""
    from toolkit.check.rules.endpoints import is_private_host
    from toolkit.javaregex import RegexTimeout, validate_setting_regex
    from toolkit.javaregex.audit import audit_one
    from toolkit.javaregex.urls import real_host
    from toolkit.mlcommons.endpoint import substitute_url
    from toolkit.mlcommons.params import parameter_map
    from toolkit.render import render

    validator = profile.has("setting.regex_validator")
    since = profile.since("setting.regex_validator").short
    regexes = list(profile.value("trusted_endpoints.default") if existing is None else existing)
    added: list[str] = []
    problems: list[Diagnostic] = []
    notes: list[str] = []
    urls: list[tuple[str, str, str]] = []
    private: dict[str, object] = {}  # private URL -> the first manifest that calls it
    own: dict[str, list[str]] = {}  # blueprint -> its regexes the release accepts
    for manifest in manifests:
        own[manifest.id] = []
        for index, regex in enumerate(manifest.trusted_endpoints):
            message = validate_setting_regex(regex)
            if message and (validator or not _compiles(regex)):
                why = "the cluster setting refuses it" if validator else "Java cannot compile it"
                problems.append(manifest.doc.diagnostic("BP304", f"{why}: '{message}'", ["trusted_endpoints", index]))
                continue
            if message:
                notes.append(f"{manifest.id}: OpenSearch {profile} accepts {regex}, but the setting validator of "
                             f"{since} and later refuses it ('{message}'): replace it before upgrading.")
            for finding in audit_one(regex):
                if finding.severity == "error" and finding.code not in _REFUSED:
                    problems.append(manifest.doc.diagnostic("BP305", f"{finding.message}: e.g. {finding.counterexample}",
                                                            ["trusted_endpoints", index]))
            own[manifest.id].append(regex)
        for set_name, variables in manifest.variable_sets():
            connector = (rendered or {}).get((manifest.id, set_name)) or render(manifest, manifest.project, variables).connector
            for action in connector.get("actions", []):
                url = substitute_url(action.get("url", ""), parameter_map(connector.get("parameters", {})))
                urls.append((manifest.id, set_name, url))
                host = real_host(url)
                if host and is_private_host(host):
                    private.setdefault(url, manifest)
    for blueprint, set_name, url in urls:  # the blueprint's own regex for each URL the list does not admit yet
        if _first_admitting(regexes, url, []) is None:  # a kept regex too slow to tell: the coverage reports it
            slow: list[RegexTimeout] = []
            regex = _first_admitting(own[blueprint], url, slow)
            problems += [_too_slow(blueprint, set_name, url, exc) for exc in slow]
            if regex is not None:
                regexes.append(regex)
                added.append(regex)
    kept = [r for r in regexes if r not in added]
    unsafe = [(r, f) for r in kept for f in audit_one(r) if f.severity == "error"]
    if existing_source is not None and not existing_source.keep_unsafe:
        # ML Commons' own default regexes are the release's, not the cluster's: noted below, not findings
        default = set(profile.value("trusted_endpoints.default"))
        problems += [existing_source.problem(r, f) for r, f in unsafe if r not in default
                     and (f.code != "EP002" or validator)]  # EP002: only the validator refuses it
    coverage = []
    for blueprint, set_name, url in urls:
        try:
            regex = next((r for r in regexes if _admits(r, url)), None)
        except RegexTimeout as exc:
            regex = None
            problems.append(_too_slow(blueprint, set_name, url, exc))
        else:
            if regex is None:
                problems.append(Diagnostic("BP309", f"{blueprint} [{set_name}]: no trusted-endpoint regex admits {url}"))
        coverage.append(Coverage(blueprint, set_name, url, regex))
    persistent: dict[str, object] = {TRUSTED: regexes}
    list_note = _list_note(profile, manifests, existing, existing_source, bool(added))
    notes[:0] = [list_note, *release_notes(profile)]
    loose = [(r, f) for r, f in unsafe if f.code not in _REFUSED]
    refused = list(dict.fromkeys(r for r, f in unsafe if f.code in _REFUSED))
    if loose:
        notes.append(f"{len({r for r, _ in loose})} kept regexes are loose (endpoint audit errors), e.g. "
                     + "; ".join(_loose_example(r, f) for r, f in loose[:2])
                     + ". Replace them when nothing else needs them (--no-existing starts from an empty list).")
    if refused and validator:
        notes.append(f"{len(refused)} kept regexes are refused by the setting validator of OpenSearch {since} and "
                     f"later, which then refuses this whole call: {', '.join(refused[:3])}.")
    elif refused:
        notes.append(f"{len(refused)} kept regexes are accepted by OpenSearch {profile} but refused by the setting "
                     f"validator of {since} and later, which then refuses this whole call: replace them before "
                     f"upgrading: {', '.join(refused[:3])}.")
    if access_control:
        persistent[ACCESS_CONTROL] = True
        notes.append(f"{ACCESS_CONTROL}: connectors must then say who may use them (backend_roles, "
                     "add_all_backend_roles, access_mode); `blueprint check --access-control` checks them.")
    if private:
        _private(profile, private, existing_private, persistent, notes, problems)
    return SettingsPlan(persistent, added, coverage, notes, problems, list_note)


def _list_note(profile, manifests, existing, existing_source, adds: bool) -> str:
    """What the trusted list of the call is, and what it replaces (the setting replaces the whole list)."""
    if existing_source is not None:
        if not adds:
            return f"Nothing to add: the cluster's list ({existing_source.file}) already admits every URL of these blueprints."
        return (f"The trusted list in this call is the cluster's list ({existing_source.file}) kept in order, plus "
                "what these blueprints add.")
    if existing is not None:
        return ("The trusted list in this call replaces the cluster's whole list with only these blueprints' "
                "regexes: connectors that need others can no longer be created or updated.")
    ids = " ".join(m.id for m in manifests)
    default = profile.value("trusted_endpoints.default")
    instead = (f"save its `GET _cluster/settings?include_defaults=true` output as current.json and run "
               f"`blueprint setup {ids} --opensearch-version {profile} --existing current.json`")
    if not adds:
        return (f"Nothing to add: OpenSearch {profile}'s default list ({len(default)} regexes) already admits every "
                f"URL of these blueprints. If the cluster's list is not that default, {instead}.")
    return (f"The trusted list in this call is OpenSearch {profile}'s default list ({len(default)} regexes) plus "
            f"what these blueprints add, and it replaces the cluster's whole list. If the cluster's list is not "
            f"that default, {instead} instead.")


def release_notes(profile) -> list[str]:
    """When the cluster checks the list, and where remote models run, on this release."""
    since = profile.since("trusted_endpoints.per_call_check").short
    if profile.has("trusted_endpoints.per_call_check"):
        check = ("Every remote call re-checks its resolved URL against the list its model was deployed with "
                 f"(OpenSearch {since} and later): redeploy models after changing it.")
    else:
        check = (f"OpenSearch {profile} checks the list when a connector is created or updated (or a model is "
                 "registered with an inline connector), not at predict time: deployed models are not re-checked "
                 f"({since} and later re-check every call).")
    if profile.has("setting.eligible_node_role.remote_model"):
        return [check, _REMOTE_NODES]
    return [check, _REMOTE_NODES_BEFORE.format(profile=profile,
                                               since=profile.since("setting.eligible_node_role.remote_model").short)]


def _private(profile, private: dict[str, object], existing: list[str] | None, persistent: dict, notes: list[str],
             problems: list[Diagnostic]) -> None:
    """The private-host settings this release has (the cluster's private-endpoint list kept when known),
    or why these blueprints cannot work on it."""
    from toolkit.javaregex.suggest import escape
    from toolkit.javaregex.urls import real_host

    hosts = ", ".join(sorted({real_host(u) for u in private}))
    if not profile.has("setting.private_ip_enabled"):
        for url, manifest in private.items():
            problems.append(Diagnostic(
                "BP303", f"{manifest.id} cannot work on OpenSearch {profile}: it refuses every private host ({url}); "
                         f"{PRIVATE_IP} exists from {profile.since('setting.private_ip_enabled').short}",
                file=manifest.file, hint="choose a later --opensearch-version, or a public endpoint"))
        return
    persistent[PRIVATE_IP] = True
    if not profile.has("setting.trusted_connector_private_endpoints_regex"):
        notes.append(f"{PRIVATE_IP} lets every connector call any private host (these blueprints call {hosts}); "
                     f"OpenSearch {profile} has no allowlist for them ({PRIVATE_ENDPOINTS} comes in "
                     f"{profile.since('setting.trusted_connector_private_endpoints_regex').short}).")
        return
    origins = sorted({f"^{escape(_origin(url))}/.*$" for url in private})
    persistent[PRIVATE_ENDPOINTS] = [*(existing or []), *(o for o in origins if o not in (existing or []))]
    notes.append(f"{PRIVATE_IP} lets connectors call private hosts ({hosts}); {PRIVATE_ENDPOINTS} limits them to "
                 "its regexes. Both apply to every connector.")
    if existing is None:
        notes.append(f"{PRIVATE_ENDPOINTS} in this call replaces the cluster's list too: if the cluster has one, "
                     "run with --existing and its `GET _cluster/settings?include_defaults=true` output.")


def _compiles(regex: str) -> bool:
    from toolkit.javaregex import compile
    from toolkit.javaregex.errors import PatternSyntaxError

    try:
        compile(regex)
    except PatternSyntaxError:
        return False
    return True


def _first_admitting(regexes: list[str], url: str, slow: list) -> str | None:
    """The first of ``regexes`` that admits ``url``; one that takes too long to tell admits nothing here
    and its ``RegexTimeout`` goes to ``slow``."""
    from toolkit.javaregex import RegexTimeout

    for regex in regexes:
        try:
            if _admits(regex, url):
                return regex
        except RegexTimeout as exc:
            slow.append(exc)
    return None


def _too_slow(blueprint: str, set_name: str, url: str, exc) -> Diagnostic:
    return Diagnostic("BP309", f"{blueprint} [{set_name}]: cannot tell whether {url} is admitted: "
                               f"the regex {exc.pattern!r} took longer than {exc.timeout:g} s to match it")


@functools.lru_cache(maxsize=65536)  # the catalog asks the same on every release
def _admits(regex: str, url: str) -> bool:
    """Whether ``regex`` fully matches ``url`` (Java); one Java cannot compile admits nothing."""
    from toolkit.javaregex import compile

    return _compiles(regex) and compile(regex).matches(url)


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
