"""One Markdown page per blueprint, in the style of the ML Commons remote-inference blueprint docs
(``docs/remote_inference_blueprints`` in opensearch-project/ml-commons): numbered steps, each a
Dev Tools block, with sample responses.

Step 1 is the cluster-settings step of the newest release (``settings_step``) after a table of what
the blueprint adds on each release. The pages pass ``blueprint check`` at its default configuration:
the connector is the one the build checked, and the create call is checked against the trusted
endpoints the step's ``PUT /_cluster/settings`` adds (its ``...`` stands for the cluster's values;
``toolkit.documents.devtools.settings_calls``), or against the release's default list when there is
nothing to add, as on a cluster.
"""

from __future__ import annotations

import json
import re

from toolkit.catalog import calls as calls_mod
from toolkit.catalog.managed_markdown import managed_lines, signed_create_lines
from toolkit.catalog import settings_step
from toolkit.catalog import evidence
from toolkit.catalog.prose import code_span, prose_markdown
from toolkit.catalog.customise import INSTALL


def _text(value: str) -> str:
    """Prose for Markdown (``toolkit.catalog.prose``): renders back to exactly the text written."""
    return prose_markdown(value)


def _cell(value: str) -> str:
    return prose_markdown(value, cell=True)


def _block(text: str, lang: str = "json") -> list[str]:
    return [f"```{lang}", text.rstrip("\n"), "```", ""]


def _code(value: str) -> str:
    """``value`` as an inline code span (its text shown as is)."""
    fence = "``" if "`" in value else "`"
    return f"{fence}{value}{fence}" if fence == "`" else f"{fence} {value} {fence}"


def _settings_step(entry, catalog, number: int) -> list[str]:
    """Step ``number``: a table of what the blueprint adds on each release, then the read-merge-write step of the
    newest release (``settings_step``)."""
    variants = settings_step.variants(entry, catalog.releases, catalog.release_facts)
    lines = [f"## {number}. Add the connector endpoint to the trusted URLs", "",
             "ML Commons creates a connector only when a regex of `plugins.ml_commons.trusted_connector_endpoints_regex` "
             "admits its URL. A `PUT _cluster/settings` replaces that list whole, so read the cluster's lists, add only "
             "what this blueprint needs on your release and write the result back: never paste a whole list.", "",
             "| OpenSearch | Adds |", "|---|---|"]
    for label, step in settings_step.table(entry, catalog.releases):
        lines.append(f"| {label} | {_cell_adds(step, entry)} |")
    newest = variants[-1]
    lines += ["", newest.summary, ""]
    setup = _code(newest.setup_command(entry.id))
    if newest.step.nothing_to_add:
        lines += [f"If the cluster's list was changed, check that it still holds that regex; if not, {setup} (with this "
                  "GET's output as `current.json`) prints what to add.", ""]
        lines += _block(newest.read_devtools)
    else:
        lines += ["1. Read the cluster's lists (where a list was never set, the answer shows ML Commons' default "
                  "under `defaults`):", ""]
        lines += _block(newest.read_devtools)
        lines += ["2. Merge: keep every value the cluster has, in its order, and add only the values above. With `jq`, "
                  "from the answer saved as `current.json` (`transient` over `persistent` over `defaults`, as "
                  "OpenSearch reads them; the result goes to `persistent`, so if the answer holds a list under "
                  "`transient`, which wins, put the merged list there instead):", ""]
        lines += _block(newest.read_curl + "\n" + newest.merge_curl, "bash")
        lines += [f"   or with the toolkit, which also proves that the merged list admits every URL of the blueprint: "
                  f"{setup}.", "",
                  "3. Write the merged settings (in Dev Tools, replace each `...` with the values step 1 returned, in "
                  "order; or `curl ... --data-binary @merged.json`):", ""]
        lines += _block(newest.write_devtools)
    return lines + [f"- {_text(note)}" for note in newest.notes] + [""]


def _cell_adds(step, entry) -> str:
    if not step.available:
        return f"not available: needs OpenSearch {_cell(entry.opensearch_minimum)} or later"
    if step.nothing_to_add:
        return "nothing to add"
    parts = [", ".join(_code(v) for v in values) + ("" if key == settings_step.TRUSTED else f" to {_code(key)}")
             for key, values in step.add.items()]
    parts += [f"{_code(key)}: {_code(json.dumps(value))}" for key, value in step.set.items()]
    return "; ".join(parts).replace("|", "\\|")


def _callers(entry, number) -> list[str]:
    """The next section: what "callers" means, and the recipe of each verified one (``toolkit.catalog.recipes``)."""
    from toolkit.catalog.recipes import EXPLAINED

    if not entry.callers:
        return []
    lines = [f"## {next(number)}. Call the model from OpenSearch", "", _text(EXPLAINED), ""]
    lines += [f"- `{name}`: {'verified' if ok else 'not verified'}" for name, ok in sorted(entry.callers.items())]
    lines.append("")
    for recipe in entry.recipes:
        links = ", ".join(f"[{url.rsplit('/', 1)[1]}]({url})" for url in recipe.docs)
        lines += [f"### {_text(recipe.title)}", ""]
        if recipe.needs_newer:
            lines += [f"Needs OpenSearch {recipe.since} or later: the documentation says the feature was introduced "
                      f"in {recipe.since}; the blueprint itself works from {entry.opensearch_minimum}.", ""]
        lines += [
                  f"Use the model_id the register call returned for `<MODEL_ID>`. The texts are those of the contract "
                  f"case `{recipe.case}`; the bodies follow the OpenSearch documentation: {links}.", ""]
        for call in recipe.calls:
            lines += [f"#### {_text(call.title)}", ""] + ([_text(call.note), ""] if call.note else [])
            lines += _block(call.devtools())
    return lines


def markdown_page(entry, catalog) -> str:
    steps = calls_mod.sequence(entry)
    by_step = {call.step: call for call in steps}
    lines = [f"# {_text(entry.title)}: connector blueprint", "",
             _text(entry.description), "",
             "| | |", "|---|---|",
             f"| Blueprint | {code_span(entry.id, cell=True)} |", f"| Provider | {_cell(entry.provider)} |", f"| Task | {_cell(entry.task)} |",
             f"| Protocol | {_cell(entry.protocol)} |", f"| Minimum OpenSearch version | {_cell(entry.opensearch_minimum)} |",
             f"| Check | {entry.check_status}" + (f" ({entry.warnings} warnings)" if entry.warnings else "") + " |",
             f"| Contract cases | {entry.cases_passed}/{len(entry.cases)} passed |",
             f"| Connector version | {code_span(entry.version, cell=True)} |", f"| Revision | {_revision(entry.revision)} |"]
    if entry.managed_only:
        lines.append("| Runs on | Amazon OpenSearch Service only |")
    for name, ok in sorted(entry.callers.items()):
        lines.append(f"| Caller {_cell(name)} | {'verified' if ok else 'not verified'} |")
    # the manifest's suppressions, with their reasons, for `blueprint check` of this page
    suppressed = dict(entry.suppressed)
    if entry.managed_only:  # what the manifest's opensearch.managed_service_only tells the checker
        suppressed.setdefault("BP603", "for Amazon OpenSearch Service only (the manifest's managed_service_only)")
    lines += [""] + [f"<!-- blueprint-check: ignore {rule_id}: {' '.join(reason.split()).replace('--', '- -')} -->"
                     for rule_id, reason in sorted(suppressed.items())]
    lines += ["", f"Generated by `blueprint catalog build` from `{entry.manifest_file}` (blueprint-toolkit). "
              f"Render it with other values with `blueprint render {entry.id} --set NAME=VALUE` (`{INSTALL}`).", ""]

    number = iter(range(1, 100))
    if not entry.managed_only:
        lines += _settings_step(entry, catalog, next(number))
    if entry.managed_only:
        lines += managed_lines(entry, number)

    create = by_step["create"]
    lines += [f"## {next(number)}. Create the connector for {_text(entry.title)}", ""]
    if entry.variables:
        supplied = ", ".join(f"`{name}`" for name in entry.customise.supplied) if entry.customise else ""
        lines += ["The connector below uses the blueprint's defaults:" if entry.connector.name == "default" else
                  f"The connector below uses the example `{entry.connector.name}`: put in your own {supplied} (no "
                  f"default), with `blueprint render {entry.id} --set NAME=VALUE`.", "",
                  "| Variable | Default | Allowed | Description |", "|---|---|---|---|"]
        lines += [f"| {code_span(v.name, cell=True)} | {code_span(v.default, cell=True) if v.default is not None else ''} | "
                  f"{_cell(v.allowed)} | "
                  f"{_cell(v.description)} |" for v in entry.variables]
        lines.append("")
    lines += ["Replace each secret placeholder with its value:", ""]
    lines += [f"- {code_span(f'<{name}>')}: {_text(text)}" for name, text in entry.secrets] + [""]
    lines += _block(create.devtools())
    if entry.managed_only:
        lines += signed_create_lines(entry)
    lines += ["#### Sample response", ""] + _block(json.dumps(create.response, indent=2))

    register = by_step["register"]
    lines += [f"## {next(number)}. Register the model", "", _text(register.note), ""] + _block(register.devtools())
    lines += ["#### Sample response", ""] + _block(json.dumps(register.response, indent=2))

    deploy = by_step["deploy"]
    lines += [f"## {next(number)}. Deploy the model", "", _text(deploy.note), ""] + _block(deploy.devtools())

    predict = by_step["predict"]
    lines += [f"## {next(number)}. Test model inference", ""]
    sample = entry.sample
    if sample is not None:
        lines += [f"From the contract case {code_span(sample.name)} ({code_span(sample.file)}): {_text(sample.description)}", ""]
    lines += _block(predict.devtools())
    if sample is not None:
        lines += ["#### Sample response", "",
                  f"The ML Commons {'response' if sample.output is not None else 'error'}; the provider's answer was "
                  f"{_text(sample.provenance_text)}.", ""]
        lines += _block(json.dumps(sample.output if sample.output is not None else {"error": sample.error},
                                   indent=2, ensure_ascii=False))
    lines += _callers(entry, number)
    if entry.managed_service is not None and not entry.managed_only:
        lines += managed_lines(entry)
    lines += _evidence(entry)
    lines += ["## Checked with", "",
              f"{len(entry.rules)} rules of `blueprint check` (see `blueprint rules ID`): "
              + ", ".join(entry.rules) + ".", ""]
    if entry.suppressed:
        lines += [f"- {rule_id} switched off by the manifest: {_text(reason)}" for rule_id, reason in
                  sorted(entry.suppressed.items())] + [""]
    if entry.links:
        lines += ["## References", ""] + [f"- [{_text(link['title'])}]({_destination(link['url'])})"
                                          for link in entry.links] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _revision(revision) -> str:
    if revision is None or revision.last is None:
        return "unknown (no git history)"
    return (f"{code_span(revision.last.short, cell=True)} of {revision.last.date}, {revision.count} "
            f"commit{'s' if revision.count != 1 else ''}" + (", uncommitted changes" if revision.modified else ""))


def changelog_page(catalog) -> str:
    """``markdown/changelog.md``: the build stamp, then each blueprint's version and commits, newest first."""
    from toolkit.catalog.history import CHANGELOG_LIMIT

    stamp = catalog.history.stamp
    lines = ["# Changelog", "",
             ("Built outside a git checkout: the commit is unknown, and there is no history." if not catalog.history.known
              else f"Built from commit {code_span(stamp.short)} of {stamp.date}"
              + (", with uncommitted changes to the blueprints." if stamp.modified else ".")), "",
             f"Each blueprint's connector version and the commits that changed its files, newest first (at most "
             f"{CHANGELOG_LIMIT} each). A connector's version changes whenever what it renders changes "
             "(`blueprints/versions.lock`, rule BP023).", ""]
    for entry in catalog.entries:
        lines += [f"## {_text(entry.title)} ({code_span(entry.id)})", "",
                  f"Version {code_span(entry.version)}; revision {_revision(entry.revision)}. "
                  f"[Blueprint page]({entry.markdown.removeprefix('markdown/')})", ""]
        revision = entry.revision
        if revision is not None and revision.commits:
            lines += [f"- {c.date} {code_span(c.short)} {_text(c.subject)}" for c in revision.commits]
            older = revision.count - len(revision.commits)
            lines += [f"- and {older} older commit{'s' if older != 1 else ''}"] if older else []
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _evidence(entry) -> list[str]:
    """Every contract case with its evidence (``toolkit.catalog.evidence``), as on the HTML page; abridged
    lists of numbers have every value in a collapsed ``<details>`` block."""
    if not entry.cases:
        return []
    lines = ["## Contract cases: requests and responses", "",
             "**What “passed” and “verified” mean:** " + _text(evidence.meaning(entry.cases)), ""]
    for case in entry.cases:
        source = case.provenance.get("source")
        answer = (_text(case.provenance_text) if case.provenance.get("kind") == "recorded" else
                  "written from the provider's documentation" + (f": [{_text(source)}]({_destination(source)})"
                                                                 if source else ""))
        lines += [f"### Case {code_span(case.name)}: {'passed' if case.passed else 'failed'}, "
                  f"{_text(evidence.badge(case))}", "", _text(case.description), "",
                  f"- Provider's answer: {answer}",
                  f"- Ran on: {_text(evidence.releases_ran(case, entry.compatibility))}"]
        note = evidence.vectors_note(case)
        lines += ([f"- Vectors: {_text(note)}"] if note else []) + [""]
        for row in evidence.case_blocks(case):
            for block in row:
                lines += [f"{_text(block.label)}:", ""] + _block(block.text, _FENCE_LANGUAGE[block.kind])
                if block.full:
                    lines += ["<details><summary>Every value</summary>", ""] + \
                        _block(block.full, _FENCE_LANGUAGE[block.kind]) + ["</details>", ""]
    return lines


_FENCE_LANGUAGE = {"call": "json", "message": "http", "json": "json"}


def _destination(url: str) -> str:
    """A link destination: as it is, or between ``<>`` (where only ``<``, ``>`` and ``\\`` are escaped) when it
    has white space, parentheses or angle brackets."""
    url = " ".join(str(url).split())
    if re.fullmatch(r"[^\s()<>\\]+", url):
        return url
    return "<" + url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>") + ">"
