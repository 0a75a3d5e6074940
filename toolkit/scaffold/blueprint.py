"""``blueprint new PROVIDER/NAME --task T --protocol P``: a manifest, a template, a contract case
skeleton and a provider request schema stub for a new blueprint.

What the toolkit cannot know (the endpoint, the model id, the API reference, an AWS signing
service) is written as a template marker such as ``<ACME-ENDPOINT>``: ``blueprint check`` reports
each one left (BP211) where it is written, and the same fact carries the same marker in every file.
"""

from __future__ import annotations

import json
import shlex
import textwrap
from dataclasses import dataclass
from pathlib import Path

from toolkit.scaffold.render import render
from toolkit.scaffold.tasks import SHAPES, Shape

@dataclass(frozen=True)
class NewBlueprint:
    """The id, task and protocol of a blueprint to scaffold (already validated)."""

    id: str
    task: str
    protocol: str

    @property
    def provider(self) -> str:
        return self.id.split("/")[0]

    @property
    def shape(self) -> Shape:
        return SHAPES[self.task]

    @property
    def provider_title(self) -> str:
        return " ".join(word.capitalize() for word in self.provider.replace("_", "-").split("-") if word)

    @property
    def marker(self) -> str:
        """The markers' prefix: the provider in capitals (``ALEPH-ALPHA``)."""
        return self.provider.upper().replace("_", "-")

    @property
    def secret(self) -> str:
        return self.provider.upper().replace("-", "_") + "_API_KEY"


def blueprint_files(new: NewBlueprint, with_schema: bool) -> dict[str, str]:
    """Path (relative to the project) -> text of each file ``new`` scaffolds; the provider request
    schema stub only ``with_schema`` (a project with ``providers/``)."""
    shape = new.shape
    functions = [(key, value) for key, value in (("pre_process_function", shape.pre_process),
                                                 ("post_process_function", shape.post_process)) if value]
    title = f"{new.provider_title} {shape.phrase}"
    values = dict(
        id=new.id, provider=new.provider, task=new.task, protocol=new.protocol, shape=shape, marker=new.marker,
        secret=new.secret, provider_title=new.provider_title, title=title, minimum=_minimum(functions),
        schema=with_schema, functions=functions, body=[("model", '"${parameters.model}"'), *shape.body.items()],
        description=textwrap.fill(
            f"{shape.phrase[0].upper()}{shape.phrase[1:]} from the {new.provider_title} API (scaffolded: say which "
            "models it serves, what the request sends and what the predict output holds).",
            width=100, initial_indent="  ", subsequent_indent="  "),
        record_input=_record_input(shape), example_body=json.dumps(_example_body(shape), ensure_ascii=False))
    files = {
        f"blueprints/{new.id}.yaml": render("blueprint/manifest.yaml", **values),
        f"templates/{new.id}.json.j2": render("blueprint/template.json.j2", **values),
        f"contracts/{new.id}/documented.yaml": render("blueprint/case.yaml", **values),
    }
    if with_schema:
        stub = render("blueprint/provider.schema.json.in", **values, required=["model", *shape.body],
                      properties={"model": {"type": "string", "minLength": 1}, **shape.fields})
        files[f"providers/{new.id}.schema.json"] = json.dumps(json.loads(stub), indent=2, ensure_ascii=False) + "\n"
    return files


def _minimum(functions: list[tuple[str, str]]) -> str:
    """The oldest release with the built-in functions used, and no older than where emulation starts
    (what ``blueprint test`` can prove)."""
    from toolkit.versions.matrix import floor
    from toolkit.versions.profile import Profile

    profile = Profile.for_version()
    keys = [f"function.{name}" for _, name in functions if Profile.knows(f"function.{name}")]
    return max([floor(), *(profile.since(key) for key in keys)]).short


def _record_input(shape: Shape) -> str:
    """The ``blueprint record`` options that send the case's input."""
    found = shape.case_input()
    if "parameters" in found:
        return "--parameters " + shlex.quote(json.dumps(found["parameters"], ensure_ascii=False))
    options = [f"--text-docs {shlex.quote(text)}" for text in found["text_docs"]]
    if "query_text" in found:
        options.insert(0, f"--query-text {shlex.quote(found['query_text'])}")
    return " ".join(options)


def _example_body(shape: Shape) -> dict:
    """Roughly what the scaffolded connector sends for the case's input (for the case's comment)."""
    found = shape.case_input()
    if "parameters" in found:
        return {"model": "the-model-id", **found["parameters"]}
    if "query_text" in found:
        return {"model": "the-model-id", "query": found["query_text"], "documents": found["text_docs"],
                "top_n": len(found["text_docs"])}
    return {"model": "the-model-id", "input": found["text_docs"]}


def scaffold(root: Path, new: NewBlueprint) -> list[str]:
    """Write the scaffold of ``new`` into the project at ``root``; nothing if any file exists."""
    from toolkit.scaffold.writing import write_new

    return write_new(root, blueprint_files(new, with_schema=(root / "providers").is_dir()), "blueprint new")
