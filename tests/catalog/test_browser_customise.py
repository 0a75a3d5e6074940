"""The customise form in a real browser (headless Chromium, as ``test_browser.py``): the connector it
renders is byte for byte what ``blueprint render`` prints for the same values, the command it writes
runs, and values the variables schema refuses are refused on the page too."""

from __future__ import annotations

import shlex

import pytest

from tests.conftest import MINIMAL_MANIFEST

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# three variable sets: (blueprint, start from, field -> text typed or chosen)
SETS = [
    ("openai/embedding", "", {"model": "text-embedding-3-large", "dimensions": "256"}),
    ("bedrock/claude-converse", "sonnet-4-5-eu-rag",
     {"system_prompt": 'Say "hi" \\ then\nstop. é 😀 \u2028 <b>&amp;</b>', "temperature": "1e-5",
      "max_tokens": "0042", "session_token": "false"}),
    ("sagemaker/embedding", "", {"endpoint_name": "my-endpoint", "mode": "embedding",
                                 "input_docs_processed_step_size": "16", "region": "eu-west-1"}),
]


def _fill(page, values: dict) -> None:
    for name, text in values.items():
        field = page.locator(f"#var-{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(text)
        else:
            field.fill(text)


def _command(page) -> list[str]:
    install, line = page.text_content("#customise-command").split("\n", 1)
    assert install == "pip install blueprint-toolkit"
    words = shlex.split(line)
    assert words[:2] == ["blueprint", "render"]
    return words[1:]


@pytest.mark.parametrize("blueprint, start, values", SETS, ids=[s[0] for s in SETS])
def test_the_form_renders_what_blueprint_render_prints(page, site, run_cli, blueprint, start, values):
    page.goto((site / "blueprints" / f"{blueprint}.html").as_uri())
    assert page.is_visible("#customise-form") and not page.is_visible("#customise-static")
    if start:
        page.select_option("#customise-base", start)
    _fill(page, values)
    shown = page.text_content("#customise-body")
    command = _command(page)
    assert ("--example" in command) == bool(start)
    result = run_cli(*command)
    assert result.code == 0, result.err
    assert shown == result.out
    assert page.problems == []


def test_starting_from_an_example_gives_its_connector(page, site, run_cli):
    page.goto((site / "blueprints" / "openai" / "embedding.html").as_uri())
    page.select_option("#customise-base", "ada-002")
    assert page.input_value("#var-dimensions") == ""  # null, an empty optional field
    assert _command(page) == ["render", "openai/embedding", "--example", "ada-002", "--devtools"]
    assert page.text_content("#customise-body") == run_cli("render", "openai/embedding", "--example", "ada-002",
                                                           "--devtools").out


@pytest.mark.parametrize("values, field, message", [
    ({"dimensions": "2000"}, "dimensions", "at most 1536 (with model text-embedding-3-small)"),
    ({"dimensions": "0"}, "dimensions", "at least 1"),
    ({"dimensions": "many"}, "dimensions", "is not an integer"),
])
def test_values_the_schema_refuses_are_refused_on_the_page(page, site, run_cli, values, field, message):
    page.goto((site / "blueprints" / "openai" / "embedding.html").as_uri())
    _fill(page, values)
    assert message in page.text_content(f"#var-{field}-error")
    assert page.get_attribute(f"#var-{field}", "aria-invalid") == "true"
    assert not page.is_visible("#customise-output")
    assert run_cli(*_command(page)).code == 2  # blueprint render refuses them too


def test_a_value_only_the_user_has_is_asked_for_not_defaulted(page, site):
    page.goto((site / "blueprints" / "sagemaker" / "embedding.html").as_uri())
    assert page.input_value("#var-endpoint_name") == ""
    assert page.get_attribute("#var-endpoint_name", "placeholder").startswith("e.g. ")
    assert "is required" in page.text_content("#var-endpoint_name-error")
    assert "'endpoint_name=<endpoint_name>'" in page.text_content("#customise-command")
    assert not page.is_visible("#customise-output")


def test_where_the_template_needs_jinja_the_page_writes_the_command(page, tmp_project, run_cli, tmp_path):
    """A template that decides on an integer's value: no connector on the page, a command that runs."""
    from tests.catalog.conftest import build_site

    manifest = MINIMAL_MANIFEST.replace("      default: acme-embed-1\n", "      default: acme-embed-1\n"
                                        "    size:\n      type: integer\n      description: Size.\n"
                                        "      minimum: 1\n      default: 8\n")
    template = ('{"name": {{ model | tojson }}, "version": "1", "protocol": "http", "parameters": {"model": '
                '{{ model | tojson }}{% if size > 100 %}, "big": true{% endif %}}, "credential": {"key": '
                '{{ "ACME_KEY" | secret }}}, "actions": [{"action_type": "predict", "method": "POST", "url": '
                '"https://api.acme.example/v1/embed", "headers": {"Authorization": "Bearer ${credential.key}"}, '
                '"request_body": "{ \\"model\\": \\"${parameters.model}\\", \\"input\\": ${parameters.input} }"}]}\n')
    tmp_project.minimal(manifest, template)
    out = tmp_path / "site"
    build_site(out, cwd=tmp_project.root)
    page.goto((out / "blueprints" / "acme" / "embed.html").as_uri())
    assert "needs Jinja logic" in page.text_content("section[aria-labelledby=customise]")
    assert "decides on the value of 'size'" in page.text_content("section[aria-labelledby=customise]")
    assert page.query_selector("#customise-output") is None
    _fill(page, {"size": "512"})
    command = _command(page)
    assert command == ["render", "acme/embed", "--set", "size=512", "--devtools"]
    result = run_cli(*command, cwd=tmp_project.root)
    assert result.code == 0 and '"big": true' in result.out
    assert page.problems == []
