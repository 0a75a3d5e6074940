"""The HTML pages: the index, one page per blueprint and the rules page.

Jinja templates in ``templates/`` with autoescaping on: every value from a manifest, a connector or
a contract case is escaped; only HTML this package produced (highlighted JSON, the SVG diagram,
the rules reference) is passed as ``Markup``. Pages link to ``assets/catalog.css`` and
``assets/catalog.js`` by relative paths, so the site works from ``file://``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from toolkit.catalog import calls as calls_mod
from toolkit.catalog import settings_step
from toolkit.catalog import evidence
from toolkit.catalog.compat import WORDS, compatibility
from toolkit.catalog.customise import INSTALL
from toolkit.catalog.recipes import EXPLAINED
from toolkit.catalog.diagram import flow_svg
from toolkit.catalog.highlight import highlight_call, highlight_json, highlight_message

ASSETS = ("catalog.css", "catalog.js", "customise.js")
CREATE = "POST /_plugins/_ml/connectors/_create\n"  # a rendering's Dev Tools form, as blueprint render --devtools


@functools.cache
def _environment():
    """The Jinja environment, made once per process (templates are compiled on first use)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = resources.files("toolkit.catalog").joinpath("templates")
    from markupsafe import Markup, escape

    from toolkit.catalog.prose import prose_html

    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = lambda text: Markup(prose_html(str(text)))  # prose: code spans, everything else literal
    env.globals["meaning"] = evidence.meaning
    highlighters = {"call": highlight_call, "message": highlight_message, "json": highlight_json}
    env.filters["highlight"] = lambda text, kind: Markup(highlighters[kind](str(text)))
    env.filters["wbr"] = lambda text: Markup(str(escape(text)).replace("_", "_<wbr>"))  # long snake_case names
    env.filters["devtools"] = lambda text: Markup(highlight_call(str(text)))  # a Dev Tools call, highlighted
    return env


def assets() -> dict[str, str]:
    """The static files, by name under ``assets/``."""
    folder = resources.files("toolkit.catalog").joinpath("static")
    return {name: folder.joinpath(name).read_text(encoding="utf-8") for name in ASSETS}


def _pretty(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _search_text(entry) -> str:
    parts = [entry.id, entry.title, entry.provider, entry.task, entry.protocol, entry.description, *entry.tags,
             *(str(r.variables.get("model", "")) for r in entry.renderings), *entry.callers]
    return " ".join(" ".join(parts).lower().split())


def _managed_context(entry) -> dict:
    """What ``_managed_service.html`` shows: the variant connector and the set-up steps, highlighted."""
    from markupsafe import Markup

    from toolkit.catalog.managed import SOURCES, emulation_note, steps

    if entry.managed_service is None:
        return {}
    return {"managed_connector_html": Markup(highlight_json(entry.managed_variants[0].text)),
            "managed_steps": [(step, [(label, Markup(highlight_json(text)) if language == "json" else text)
                                      for label, text, language in step.blocks]) for step in steps(entry)],
            "managed_note": emulation_note(entry), "managed_sources": SOURCES}


def render_pages(catalog) -> dict[str, str]:
    """Every HTML page of the site, by path relative to its root."""
    from markupsafe import Markup

    from toolkit.catalog.prose import prose_html
    from toolkit.catalog.rulespage import rule_sections

    env = _environment()
    common = {"version": catalog.toolkit_version, "checked_with": len(catalog.checked_with), "release": catalog.release,
              "release_given": catalog.release_given, "stamp": catalog.history.stamp}
    pages = {}
    filters = [(name, catalog.values(name)) for name in ("provider", "task", "protocol")]
    pages["index.html"] = env.get_template("index.html").render(
        **common, root="", page="index", entries=catalog.entries, providers=catalog.values("provider"),
        filters=filters, search={e.id: _search_text(e) for e in catalog.entries}, has_callers=catalog.has_callers,
        explained=EXPLAINED, skipped=catalog.skipped, releases=catalog.releases, compat={e.id: compatibility(e) for e in catalog.entries})
    template = env.get_template("blueprint.html")
    existing_example = Markup(highlight_json(_pretty(settings_step.EXISTING_EXAMPLE)))
    for number, entry in enumerate(catalog.entries):
        root = "../" * entry.page.count("/")
        sample = entry.sample
        call_rows = [(call, Markup(highlight_call(call.devtools())), call.curl()) for call in calls_mod.sequence(entry)]
        pages[entry.page] = template.render(
            **common, root=root, page="blueprint", e=entry, description=Markup(prose_html(entry.description)),
            compat=compatibility(entry), words=WORDS,
            svg=Markup(flow_svg(entry.flow, f"flow-{number}")),
            connector_html=Markup(highlight_json(entry.connector.text)),
            other_renderings=[(r, Markup(highlight_call(CREATE + r.text.rstrip("\n")))) for r in entry.renderings[1:]],
            install=INSTALL, explained=EXPLAINED, recipe_ids={r.caller for r in entry.recipes},
            recipes=[(r, [(call, Markup(highlight_call(call.devtools())), call.curl()) for call in r.calls])
                     for r in entry.recipes],
            settings_variants=settings_step.variants(entry, catalog.releases, catalog.release_facts),
            settings_table=settings_step.table(entry, catalog.releases),
            trusted_key=settings_step.TRUSTED, existing_example=existing_example, calls=call_rows, sample=sample,
            evidence=[(case, evidence.case_blocks(case), evidence.badge(case),
                       evidence.releases_ran(case, entry.compatibility), evidence.vectors_note(case))
                      for case in entry.cases],
            **_managed_context(entry))
    from toolkit.catalog.history import CHANGELOG_LIMIT

    pages["changelog.html"] = env.get_template("changelog.html").render(
        **common, root="", page="changelog", entries=catalog.entries, known=catalog.history.known,
        limit=CHANGELOG_LIMIT)
    from toolkit.check.rules._examples import AWS_BASE, BASE

    bases = [(label, Markup(highlight_json(text if isinstance(text, str) else _pretty(text))))
             for label, text in (("OpenAI example connector", BASE), ("Bedrock example connector", AWS_BASE))]
    pages["rules.html"] = env.get_template("rules.html").render(
        **common, root="", page="rules", rules=catalog.rules, bases=bases,
        sections=[(rule, Markup(text)) for rule, text in rule_sections(catalog.rules)])
    return pages
