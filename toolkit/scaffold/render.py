"""Render a scaffolding template from ``toolkit/scaffold/templates/``.

The templates write Jinja templates and YAML, so they use their own delimiters (``<@ value @>``,
``<% if ... %>``, ``<# comment #>``) and leave ``{{ }}`` alone. Rendering is sandboxed with strict
undefined names; the values are ids and enums already validated against the manifest schema, and
anything structured goes through the ``json`` or ``yaml`` filter, never pasted as text.
"""

from __future__ import annotations

import functools
import json
from importlib import resources


def render(template: str, **values: object) -> str:
    """The text of ``template`` (a path under ``templates/``) with ``values``."""
    source = resources.files("toolkit.scaffold").joinpath("templates", template).read_text(encoding="utf-8")
    return _environment().from_string(source).render(**values)


@functools.cache
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        variable_start_string="<@", variable_end_string="@>", block_start_string="<%", block_end_string="%>",
        comment_start_string="<#", comment_end_string="#>", undefined=StrictUndefined, autoescape=False,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False)
    env.filters["yaml"] = yaml_block
    return env


def yaml_block(value: object, indent: int = 0) -> str:
    """``value`` as block-style YAML (the manifests' layout), each line after the first indented."""
    from toolkit.contract.cassette import yaml_text

    lines = yaml_text(value).rstrip("\n").split("\n")
    return "\n".join([lines[0], *(" " * indent + line for line in lines[1:])])
