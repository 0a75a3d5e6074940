"""The cluster-settings step of a blueprint on each OpenSearch release: what to add to the cluster's
settings, and the read-merge-write calls that add it. Never a ``PUT`` of a whole list.

ML Commons creates a connector only when a regex of ``plugins.ml_commons.trusted_connector_endpoints_regex``
admits its URL. That setting is a list (``Setting.listSetting`` in ``MLCommonsSettings.java``), and a
``PUT _cluster/settings`` replaces a list whole, so pasting a list drops the cluster's own entries
and, on an older release, trusts the newer default list's. The step therefore reads the cluster's
lists (``GET`` with ``include_defaults``: a list never set shows ML Commons' default), adds only what
the blueprint needs and writes the result back (``jq`` or ``blueprint setup --existing`` does the merge).

What a blueprint needs on a release is ``toolkit.settings.plan_settings`` on that release's default
list: its own regex for each rendered URL the default list does not admit (Java semantics), nothing
when the list admits them all, and the private-host settings when it calls a private host.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field

from toolkit.settings import LIST_SETTINGS, PRIVATE_ENDPOINTS, TRUSTED, current_settings_path

KEEP = "..."  # in a Dev Tools body: every value the cluster's list has now, in order
# GET _cluster/settings output of a cluster whose trusted list was set: what --existing reads
EXISTING_EXAMPLE = {"persistent": {"plugins": {"ml_commons": {"trusted_connector_endpoints_regex": [
    r"^https://api\.openai\.com/.*$", r"^https://search\.internal\.example\.com/v1/embed$"]}}}}
RELEASE = "{release}"  # in a note: the release (or releases) it is about, filled in by ``note_text``


@dataclass
class Needs:
    """What one blueprint needs on one release."""

    available: bool = True  # False: the release is older than the blueprint's minimum
    add: dict[str, list[str]] = field(default_factory=dict)  # list setting -> values to add to the cluster's
    set: dict[str, object] = field(default_factory=dict)  # other setting -> the value to set
    trusted: dict[str, str] = field(default_factory=dict)  # URL the default list admits -> the regex that does
    notes: list[str] = field(default_factory=list)  # about this blueprint on this release (``note_text``)

    @property
    def nothing_to_add(self) -> bool:
        return self.available and not self.add and not self.set


@dataclass
class ReleaseFacts:
    """What every blueprint shares on one release: ML Commons' default trusted list, and the notes on
    what the settings do there."""

    default: list[str]
    notes: list[str]  # what the settings do on the release (``note_text``)
    default_notes: list[str]  # what the endpoint audit finds in the default list


def release_facts(profile) -> ReleaseFacts:
    from toolkit.settings import plan_settings, release_notes

    unnamed = _Unnamed(profile)
    notes, plan = release_notes(unnamed), plan_settings([], unnamed)
    return ReleaseFacts(list(profile.value("trusted_endpoints.default")), notes,
                        [n for n in plan.notes if n not in notes and n != plan.list_note])


def note_text(note: str, releases: str) -> str:
    """A note of ``Needs`` or ``ReleaseFacts`` about ``releases`` (e.g. ``2.15–3.6``)."""
    return note.replace(RELEASE, releases)


class _Unnamed:
    """A ``Profile`` that calls its release ``RELEASE`` in notes, so releases with the same notes group."""

    def __init__(self, profile) -> None:
        self._profile = profile

    def __getattr__(self, name: str):
        return getattr(self._profile, name)

    def __str__(self) -> str:
        return RELEASE


def needs(manifest, profile, rendered: dict, facts: ReleaseFacts) -> Needs:
    """What ``manifest`` (rendered as ``rendered``: (id, variable set) -> connector) needs on the release
    of ``profile`` over its default list (``facts``)."""
    from toolkit.settings import plan_settings

    plan = plan_settings([manifest], _Unnamed(profile), rendered=rendered, existing_private=[])
    add = {TRUSTED: list(plan.added)} if plan.added else {}
    if plan.persistent.get(PRIVATE_ENDPOINTS):
        add[PRIVATE_ENDPOINTS] = list(plan.persistent[PRIVATE_ENDPOINTS])
    trusted = {c.url: c.regex for c in plan.coverage if c.regex is not None and c.regex not in plan.added}
    general = {plan.list_note, *facts.notes, *facts.default_notes}
    notes = [n for n in plan.notes if n not in general]
    return Needs(True, add, {k: v for k, v in plan.persistent.items() if k not in LIST_SETTINGS}, trusted,
                 notes + [p.message for p in plan.problems])


def grouped(by_release: dict[str, object]) -> list[tuple[list[str], object]]:
    """(releases, value) for each distinct value of ``by_release``, in the order first seen."""
    groups: list[tuple[list[str], object]] = []
    for release, value in by_release.items():
        group = next((g for g in groups if g[1] == value), None)
        if group is None:
            groups.append(([release], value))
        else:
            group[0].append(release)
    return groups


def release_label(releases: list[str], every: list[str]) -> str:
    """``2.11–2.14`` for a run of consecutive releases of ``every``, runs joined with commas."""
    runs: list[list[str]] = []
    for release in releases:
        if runs and every.index(release) == every.index(runs[-1][-1]) + 1:
            runs[-1].append(release)
        else:
            runs.append([release])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


# The calls. Dev Tools paths start with a slash, as calls.Call's do; curl reads the cluster from the
# environment like every other curl command of the site.
_URL = "${OPENSEARCH_URL:-https://localhost:9200}"
_AUTH = '-u "${OPENSEARCH_USER:-admin}:$OPENSEARCH_PASSWORD"'


def read_path(step: Needs) -> str:
    """``GET`` path of the cluster's values of the lists ``step`` adds to (the trusted list at least)."""
    return "/" + current_settings_path([key for key in LIST_SETTINGS if key == TRUSTED or key in step.add])


def read_devtools(step: Needs) -> str:
    return f"GET {read_path(step)}"


def read_curl(step: Needs) -> str:
    return f'curl -sS "{_URL}{read_path(step)}" \\\n  {_AUTH} > current.json'


def merge_program(step: Needs) -> str:
    """The jq program that turns the GET's output into the PUT body: each list as the cluster has it
    (``transient`` over ``persistent`` over ``defaults``, as OpenSearch reads them) followed by the
    values it lacks; the other settings as given."""
    lists = (". as $now | $add | with_entries(.key as $k"
             " | (first($now | (.transient, .persistent, .defaults) | getpath($k | split(\".\")) // empty) // [])"
             " as $has | .value = $has + (.value - $has))")
    return "{persistent: (" + lists + (" + $set" if step.set else "") + ")}"


def merge_curl(step: Needs) -> str:
    """The jq command that writes merged.json from current.json."""
    args = f"--argjson add {shlex.quote(json.dumps(step.add, ensure_ascii=False))}"
    if step.set:
        args += f" \\\n   --argjson set {shlex.quote(json.dumps(step.set, ensure_ascii=False))}"
    return f"jq {args} \\\n   {shlex.quote(merge_program(step))} \\\n   current.json > merged.json"


def setup_command(blueprint: str, release: str) -> str:
    return f"blueprint setup {blueprint} --opensearch-version {release} --existing current.json --format json > merged.json"


def write_devtools(step: Needs) -> str:
    """The PUT with ``...`` where the cluster's current values go (so a blind paste fails rather than
    replacing the cluster's lists)."""
    marker = "\u0000keep\u0000"
    persistent: dict[str, object] = {key: [marker, *values] for key, values in step.add.items()}
    persistent.update(step.set)
    body = json.dumps({"persistent": persistent}, indent=2, ensure_ascii=False)
    return "PUT /_cluster/settings\n" + body.replace(json.dumps(marker), KEEP)


def write_curl() -> str:
    return (f'curl -sS -X PUT "{_URL}/_cluster/settings" \\\n  {_AUTH} \\\n'
            "  -H 'Content-Type: application/json' --data-binary @merged.json")


def summary(step: Needs, releases: str) -> str:
    """One sentence (inline Markdown): what the step adds on ``releases``, or why there is nothing to add."""
    if not step.available:
        return f"Not available: OpenSearch {releases} is older than the blueprint's minimum release."
    if step.nothing_to_add:
        trusted = "; ".join(f"`{url}` with `{regex}`" for url, regex in step.trusted.items())
        return f"Nothing to add: the default list of OpenSearch {releases} already trusts {trusted}."
    parts = [f"adds {_values(values)} to `{key}`" for key, values in step.add.items()]
    parts += [f"sets `{key}` to `{json.dumps(value)}`" for key, value in step.set.items()]
    return f"On OpenSearch {releases} this step " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") \
        + parts[-1] + "."


def _values(values: list[str]) -> str:
    return ", ".join(f"`{v}`" for v in values)


@dataclass
class Variant:
    """The step as a page shows it for some releases: what the blueprint needs there, and the notes."""

    releases: list[str]
    label: str  # e.g. ``2.15–3.6``
    step: Needs
    notes: list[str]  # the blueprint's notes, then what the settings do on these releases

    @property
    def summary(self) -> str:
        return summary(self.step, self.label)

    @property
    def read_devtools(self) -> str:
        return read_devtools(self.step)

    @property
    def read_curl(self) -> str:
        return read_curl(self.step)

    @property
    def merge_curl(self) -> str:
        return merge_curl(self.step)

    @property
    def write_devtools(self) -> str:
        return write_devtools(self.step)

    @property
    def write_curl(self) -> str:
        return write_curl()

    def setup_command(self, blueprint: str) -> str:
        return setup_command(blueprint, self.releases[-1])


def table(entry, every: list[str]) -> list[tuple[str, Needs]]:
    """(releases label, what the blueprint needs there) for each group of releases with the same needs."""
    return [(release_label(releases, every), step) for releases, step in grouped(entry.settings_by_release)]


def variants(entry, every: list[str], facts: dict[str, ReleaseFacts]) -> list[Variant]:
    """The step of ``entry`` (a ``model.Entry``) for each group of releases of ``every`` on which it is the
    same, newest group last."""
    groups = grouped({release: (entry.settings_by_release[release], facts[release].notes + (
        facts[release].default_notes if entry.settings_by_release[release].trusted else [])) for release in every})
    out = []
    for releases, (step, notes) in groups:
        label = release_label(releases, every)
        shown = [*step.notes, *(notes if step.available else [])]  # the default list's audit where it is relied on
        out.append(Variant(releases, label, step, [note_text(n, label) for n in shown]))
    return sorted(out, key=lambda v: every.index(v.releases[-1]))
