"""Properties of every shipped blueprint, for any values its manifest declares legal."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from jsonschema import Draft202012Validator
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from tests.conftest import REPO
from toolkit.manifest import find_manifest, schema_errors
from toolkit.project import Project
from toolkit.render import render

PROJECT = Project(REPO)
SHIPPED = [p.relative_to(PROJECT.blueprints).with_suffix("").as_posix() for p in PROJECT.manifest_paths()]


@pytest.mark.parametrize("blueprint_id", SHIPPED)
def test_any_declared_variable_values_render_a_valid_connector(blueprint_id):
    """Values are merged over the defaults, as ``blueprint render --set`` does, and kept when legal."""
    manifest = find_manifest(PROJECT, blueprint_id)
    legal = Draft202012Validator(manifest.variables_schema)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(values=from_schema(manifest.variables_schema))
    def check(values):
        values = {**manifest.defaults(), **values}
        assume(legal.is_valid(values))
        rendered = render(manifest, PROJECT, values)
        assert schema_errors("connector.schema.json", rendered.connector) == []

    check()


@pytest.mark.parametrize("blueprint_id", SHIPPED)
def test_any_secret_text_renders_valid_json(blueprint_id):
    manifest = find_manifest(PROJECT, blueprint_id)
    name, variables = manifest.variable_sets()[0]

    @settings(max_examples=30, deadline=None)
    @given(values=st.fixed_dictionaries({secret: st.text() for secret in manifest.secrets}))
    def check(values):
        rendered = render(manifest, PROJECT, variables, values)
        assert schema_errors("connector.schema.json", rendered.connector) == []
        for name in rendered.secrets_used:
            assert values[name] in rendered.connector["credential"].values()

    check()


def test_shipped_catalog_is_not_empty():
    assert "openai/embedding" in SHIPPED
