"""Template markers are values the reader fills in: reported once (BP211), judged as unknown values by
every other rule. Each fixture is a Markdown Dev Tools document checked through the CLI, with exact
positions."""

from __future__ import annotations

import copy
import json

import pytest

from toolkit.check.rules._examples import AWS_BASE, BASE, MANIFEST, TEMPLATE, project


def _doc(connector: dict, settings: dict | None = None) -> str:
    blocks = [f"PUT _cluster/settings\n{json.dumps({'persistent': settings}, indent=2)}"] if settings else []
    blocks.append(f"POST /_plugins/_ml/connectors/_create\n{json.dumps(connector, indent=2)}")
    return "# Tutorial\n\n" + "\n".join(f"```json\n{block}\n```\n" for block in blocks)


def _check(run_cli, tmp_path, doc: str, *select: str) -> list[tuple[str, int, int, str]]:
    (tmp_path / "doc.md").write_text(doc)
    args = [arg for code in select for arg in ("--select", code)]
    result = run_cli("check", "doc.md", "--format", "json", *args, cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return sorted((d["code"], d["line"], d["column"], d["severity"]) for d in json.loads(result.out)["diagnostics"])


def _messages(run_cli, tmp_path, doc: str, code: str) -> list[str]:
    (tmp_path / "doc.md").write_text(doc)
    result = run_cli("check", "doc.md", "--format", "json", "--select", code, cwd=tmp_path)
    return [d["message"] for d in json.loads(result.out)["diagnostics"]]


def _at(doc: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) of the ``nth`` line holding ``needle``, at the needle."""
    hits = [(number, line.index(needle) + 1) for number, line in enumerate(doc.splitlines(), 1) if needle in line]
    return hits[nth]


def _connector(base: dict = BASE, **changes) -> dict:
    data = copy.deepcopy(base)
    for path, value in changes.items():
        node = data
        *parents, last = path.split("__")
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    return data


def _with_parameters(values: dict[str, str]) -> dict:
    """The OpenAI example connector whose body uses each of ``values`` inside quotes."""
    fields = ", ".join(f'"{name}": "${{parameters.{name}}}"' for name in values)
    return _connector(parameters={"model": "text-embedding-3-small", **values},
                      actions__0__request_body="{ \"input\": ${parameters.input}, " + fields + " }")


# --- every marker form, reported once where it is written -------------------------------------

FORMS = {  # a parameter per form docs use; the marker is the whole value unless shown otherwise
    "a": "<PLEASE ADD YOUR AWS REGION HERE>",
    "b": "<REGION>",
    "c": "<your_api_key>",
    "d": "<NONE|START|END>",
    "e": "<mcp server url>",
    "f": "YOUR AWS REGION",
    "g": "your_aws_region",
    "h": "your-aws-region",
    "i": "yourRegion",
    "j": "your_sagemaker_model_inference_endpoint_created_in_last_step",
    "k": "your_aws_region like us-east-1",
    "l": "{{region}}",
    "m": "${{ create_connector.region }}",
    "n": "{region}",
    "o": "${AWS_REGION}",
}  # a value that is only "..." is an elision: the document shows it in part, nothing is reported on it
INSIDE = {  # a marker inside a longer value: (value, marker)
    "q": ("arn:aws:iam::xxxxxxxxxxxx:role/opensearch", "xxxxxxxxxxxx"),
    "r": ("Answer in <LANGUAGE>, briefly", "<LANGUAGE>"),
    "s": ("emb://<folder_ID>/text-search-doc/latest", "<folder_ID>"),
    "t": ("sk-XXXX", "XXXX"),
}


def _inside(doc: str, key: str, value: str, marker: str) -> tuple[int, int]:
    """(line, column) of ``marker`` in the string ``value`` written as ``"key": "value"``."""
    line, column = _at(doc, f'"{key}": "{value}"')
    return line, column + len(f'"{key}": "') + value.index(marker)


def test_each_marker_form_is_one_info_finding_at_the_marker(run_cli, tmp_path):
    inside = {name: value for name, (value, _) in INSIDE.items()}
    doc = _doc(_connector(_with_parameters({**FORMS, **inside}), name="<YOUR CONNECTOR NAME>",
                          credential={"openAI_key": "<PLEASE ADD YOUR OPENAI API KEY HERE>"}))
    expected = [_inside(doc, "name", "<YOUR CONNECTOR NAME>", "<")]
    expected += [_inside(doc, name, value, value) for name, value in FORMS.items()]
    expected += [_inside(doc, name, value, marker) for name, (value, marker) in INSIDE.items()]
    # the credential's marker is not reported: a document leaves secrets to its reader
    assert _check(run_cli, tmp_path, doc) == sorted(("BP211", *where, "info") for where in expected)


@pytest.mark.parametrize("name", [
    "Cohere <embed>",            # an HTML element name after a space: markup, not a marker
    "Cohere <b>embed</b>",
    "Cohere <img src=x>",
])
def test_markup_in_a_name_is_not_a_marker(run_cli, tmp_path, name):
    doc = _doc(_connector(name=name))
    line, column = _at(doc, '"name"')
    assert _check(run_cli, tmp_path, doc) == [("BP109", line, column, "error")]


@pytest.mark.parametrize("prompt", [
    "<context>${parameters.context}</context> Answer from the context.",  # an XML tag with its closing tag
    "Your task is to answer: ${parameters.context}",                    # prose that says "your"
    "Is a < b and c > d? ${parameters.context}",                        # comparisons
    "${parameters.context}",
])
def test_prompts_are_not_markers(run_cli, tmp_path, prompt):
    connector = _with_parameters({"prompt": prompt})
    connector["parameters"]["context"] = "c"
    assert _check(run_cli, tmp_path, _doc(connector)) == []


def test_a_marker_in_a_rendered_blueprint_is_an_error(run_cli, tmp_path):
    template = TEMPLATE.replace('"version": "1"', '"version": "<YOUR VERSION>"')
    for name, text in project(MANIFEST, template).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    [finding] = json.loads(result.out)["diagnostics"]
    line = template.splitlines()[finding["line"] - 1]
    assert (finding["code"], finding["severity"], finding["file"]) == ("BP211", "error", "templates/acme/embed.json.j2")
    assert finding["column"] == line.index("<YOUR VERSION>") + 1


# --- URLs: only the fixed text around a marker is judged -----------------------------------------

def test_a_double_slash_behind_a_marker_host_is_found(run_cli, tmp_path):
    connector = _connector(
        parameters={"model": "gpt-4o", "endpoint": "<YOUR RESOURCE NAME>.openai.azure.com/",
                    "deployment": "<YOUR DEPLOYMENT NAME>"},
        actions__0__url="https://${parameters.endpoint}/openai/deployments/${parameters.deployment}/embeddings"
                        "?api-version=<YOUR API VERSION>")
    doc = _doc(connector)
    url_line, url_column = _at(doc, '"url"')
    placeholder = url_line, _at(doc, "${parameters.endpoint}")[1]
    assert _check(run_cli, tmp_path, doc, "BP212", "BP301") == [("BP212", *placeholder, "warning")]
    [message] = _messages(run_cli, tmp_path, doc, "BP212")
    assert message == ("after substitution the URL has '//' in its path: 'https://<YOUR RESOURCE NAME>.openai.azure.com"
                       "//openai/deployments/<YOUR DEPLOYMENT NAME>/embeddings?api-version=<YOUR API VERSION>'")
    assert ("BP211", url_line, url_column + doc.splitlines()[url_line - 1][url_column:].index("<YOUR API") + 1,
            "info") in _check(run_cli, tmp_path, doc)


def test_a_fixed_part_that_breaks_the_url_is_still_an_error(run_cli, tmp_path):
    doc = _doc(_connector(actions__0__url="https://<YOUR HOST>/v1/chat completions"))
    assert _check(run_cli, tmp_path, doc, "BP212") == [("BP212", *_at(doc, '"url"'), "error")]  # the fixed text
    [message] = _messages(run_cli, tmp_path, doc, "BP212")
    assert "with its markers filled in ('https://x/v1/chat completions') it is still malformed: illegal " \
           "character ' ' at index 17" in message


@pytest.mark.parametrize("url", [
    "https://bedrock-runtime.<PLEASE ADD YOUR AWS REGION HERE>.amazonaws.com/model/m/invoke",
    "https://bedrock-runtime.your_aws_region.amazonaws.com/model/m/invoke",
    "https://runtime.sagemaker.{{region}}.amazonaws.com/endpoints/e/invocations",
    "<YOUR SAGEMAKER ENDPOINT>",
    "your_sagemaker_model_inference_endpoint_created_in_last_step",
    "https://api.openai.com/v1/<YOUR PATH>",
])
def test_a_url_some_fill_makes_trusted_is_not_judged(run_cli, tmp_path, url):
    assert _check(run_cli, tmp_path, _doc(_connector(actions__0__url=url)), "BP212", "BP301") == []


def test_a_fixed_host_no_regex_admits_is_untrusted_whatever_the_fill(run_cli, tmp_path):
    doc = _doc(_connector(actions__0__url="https://api.mistral.ai/v1/<MODEL>/embeddings"))
    assert _check(run_cli, tmp_path, doc, "BP301") == [("BP301", *_at(doc, '"url"'), "error")]
    assert _messages(run_cli, tmp_path, doc, "BP301") == [
        "'Connector URL is not matching the trusted connector endpoint regex' whatever '<MODEL>' is filled with: "
        "no regex admits a URL that starts with 'https://api.mistral.ai/v1/'"]


def test_a_trusted_list_with_a_marker_is_not_judged(run_cli, tmp_path):
    connector = _connector(actions__0__url="https://api.mistral.ai/v1/embeddings")
    settings = {"plugins.ml_commons.trusted_connector_endpoints_regex": ["<YOUR ENDPOINT REGEX>"]}
    assert _check(run_cli, tmp_path, _doc(connector, settings), "BP301") == []
    settings = {"plugins.ml_commons.trusted_connector_endpoints_regex": ["^https://api\\.cohere\\.ai/.*$"]}
    assert [code for code, *_ in _check(run_cli, tmp_path, _doc(connector, settings), "BP301")] == ["BP301"]


# --- one malformed placeholder, one finding ------------------------------------------------------

def test_a_malformed_placeholder_is_one_finding(run_cli, tmp_path):
    connector = _connector(AWS_BASE, parameters={**AWS_BASE["parameters"], "endpoint": "bedrock-runtime"},
                           actions__0__url="https://${parameters. endpoint}.${parameters.region}.amazonaws.com"
                                           "/model/${parameters.model}/invoke")
    doc = _doc(connector)
    assert _check(run_cli, tmp_path, doc) == [("BP201", *_at(doc, "${parameters. endpoint}"), "error")]
    assert _messages(run_cli, tmp_path, doc, "BP201") == [
        "'${parameters. endpoint}': whitespace in the name ' endpoint': ML Commons looks the name up literally and "
        "finds nothing; so connector parameter 'endpoint' is never used"]


def test_an_unused_parameter_is_info(run_cli, tmp_path):
    doc = _doc(_connector(parameters={"model": "text-embedding-3-small", "auth": "Sig_V4"}))
    assert _check(run_cli, tmp_path, doc) == [("BP204", *_at(doc, '"auth"'), "info")]


# --- AWS: the signing region and the URL's region --------------------------------------------------

_BEDROCK_EAST = "https://bedrock-runtime.us-east-1.amazonaws.com/model/${parameters.model}/invoke"


def test_a_hard_coded_url_region_constrains_a_marker_signing_region(run_cli, tmp_path):
    connector = _connector(AWS_BASE, parameters__region="<PLEASE ADD YOUR AWS REGION HERE>",
                           actions__0__url=_BEDROCK_EAST)
    doc = _doc(connector)
    assert _check(run_cli, tmp_path, doc, "BP6") == [("BP604", *_at(doc, "us-east-1"), "warning")]
    assert _messages(run_cli, tmp_path, doc, "BP604") == [
        "the URL hard-codes the region 'us-east-1': the signing region '<PLEASE ADD YOUR AWS REGION HERE>' must be "
        "filled with 'us-east-1' too"]


@pytest.mark.parametrize("region, url", [
    ("<YOUR AWS REGION>", AWS_BASE["actions"][0]["url"]),  # ${parameters.region}: whatever the fill, they agree
    ("us-west-2", "https://bedrock-runtime.<REGION>.amazonaws.com/model/${parameters.model}/invoke"),
    ("us-west-2", "https://bedrock-runtime.your_aws_region.amazonaws.com/model/${parameters.model}/invoke"),
])
def test_a_marker_region_on_either_side_is_not_a_mismatch(run_cli, tmp_path, region, url):
    doc = _doc(_connector(AWS_BASE, parameters__region=region, actions__0__url=url))
    assert _check(run_cli, tmp_path, doc, "BP6") == []


def test_a_concrete_mismatch_is_still_an_error_and_a_marker_url_still_names_its_service(run_cli, tmp_path):
    doc = _doc(_connector(AWS_BASE, parameters__region="us-west-2", actions__0__url=_BEDROCK_EAST))
    assert _check(run_cli, tmp_path, doc, "BP6") == [("BP604", *_at(doc, "us-east-1"), "error")]
    marker_url = "https://bedrock-runtime.<REGION>.amazonaws.com/model/${parameters.model}/invoke"
    doc = _doc(_connector(AWS_BASE, parameters__service_name="sagemaker", actions__0__url=marker_url))
    assert _check(run_cli, tmp_path, doc, "BP605") == [("BP605", *_at(doc, '"service_name"'), "error")]
    doc = _doc(_connector(AWS_BASE, parameters__service_name="<SERVICE NAME>", actions__0__url=marker_url))
    assert _check(run_cli, tmp_path, doc, "BP605") == []


# --- private hosts through parameters, MCP URLs ------------------------------------------------------

def test_a_private_host_supplied_through_a_parameter(run_cli, tmp_path):
    connector = _connector(parameters={"model": "qwen3:4b", "endpoint": "127.0.0.1:11434"},
                           actions__0__url="http://${parameters.endpoint}/v1/chat/completions")
    doc = _doc(connector)
    assert _check(run_cli, tmp_path, doc, "BP303") == [("BP303", *_at(doc, "${parameters.endpoint}/v1"), "error")]
    assert _messages(run_cli, tmp_path, doc, "BP303") == [
        "'Remote inference host name has private ip address: 127.0.0.1' (the host comes from a connector parameter)"]
    connector["parameters"]["endpoint"] = "<YOUR OLLAMA HOST>:11434"
    assert _check(run_cli, tmp_path, _doc(connector), "BP303") == []


_MCP = {"name": "MCP", "description": "d", "version": "1", "protocol": "mcp_streamable_http",
        "url": "https://mcp.acme.example", "credential": {"key": "<MCP_KEY>"},
        "headers": {"Authorization": "Bearer ${credential.key}"}}


def test_an_mcp_url_is_matched_against_the_trusted_list_as_written(run_cli, tmp_path):
    doc = _doc(_MCP)
    assert _check(run_cli, tmp_path, doc, "BP301", "BP303") == [("BP301", *_at(doc, '"url"'), "error")]
    settings = {"plugins.ml_commons.trusted_connector_endpoints_regex": ["^https://mcp\\.acme\\.example$"]}
    assert _check(run_cli, tmp_path, _doc(_MCP, settings), "BP301") == []
    assert _check(run_cli, tmp_path, _doc({**_MCP, "url": "<Your MCP Server URL>"}), "BP301") == []


# --- values: kinds, payloads, names, secrets ------------------------------------------------------------

def test_a_marker_value_has_no_kind_and_breaks_no_payload(run_cli, tmp_path):
    connector = _connector(parameters={"model": "<MODEL_ID>", "dimensions": "<DIMENSIONS>", "texts": "[\"<TEXT>\"]"},
                           actions__0__request_body='{ "input": ${parameters.texts}, "model": "${parameters.model}", '
                                                    '"dimensions": ${parameters.dimensions} }')
    assert _check(run_cli, tmp_path, _doc(connector), "BP209", "BP210") == []


def test_a_body_that_is_a_marker_hides_no_placeholder(run_cli, tmp_path):
    body = '<Your model input, for example {"input": "${parameters.inputText}"}>'
    doc = _doc(_connector(actions__0__request_body=body, actions__0__pre_process_function=None))
    line, column = _at(doc, '"request_body"')
    assert _check(run_cli, tmp_path, doc, "BP2") == [("BP211", line, column + len('"request_body": "'), "info")]


def test_a_name_is_judged_around_its_marker(run_cli, tmp_path):
    doc = _doc(_connector(name="Bedrock <YOUR MODEL> [v2]"))
    line, column = _at(doc, '"name"')
    assert _check(run_cli, tmp_path, doc, "BP109") == [("BP109", line, column, "error")]
    assert _messages(run_cli, tmp_path, doc, "BP109")[0].startswith("Model connector name contains '[', ']': ")


@pytest.mark.parametrize("changes", [
    {"actions__0__method": "<HTTP METHOD>"},
    {"actions__0__action_type": "<ACTION TYPE>"},
    {"protocol": "<http|aws_sigv4>"},
    {"actions__0__name": "<YOUR ACTION NAME>"},
])
def test_a_marker_in_an_enumerated_field_is_the_readers_choice(run_cli, tmp_path, changes):
    doc = _doc(_connector(**changes))
    assert [code for code, *_ in _check(run_cli, tmp_path, doc, "BP1")] == []


def test_a_marker_is_not_a_secret_and_a_marker_key_name_is_not_judged(run_cli, tmp_path):
    connector = _connector(credential={"openAI_key": "sk-proj-" + "x" * 48},
                           actions__0__headers={"Authorization": "Bearer ${credential.secretArn.<YOUR KEY NAME>}"})
    assert _check(run_cli, tmp_path, _doc(connector), "BP310", "BP201", "BP203") == []


@pytest.mark.parametrize("url, reported", [
    ("https://api.example.com/v1/predict", False),   # RFC 2606: a stand-in for the reader's endpoint
    ("https://models.example.org:8443/v1/predict", False),
    ("https://models.acme.example/v1/predict", True),  # a fictional provider, judged like any host
    ("https://example.com.evil.com/v1/predict", True),  # not a reserved host: judged as written
    ("https://api.mistral.ai/v1/embeddings", True),
])
def test_a_documentation_host_is_not_judged_against_the_trusted_list(run_cli, tmp_path, url, reported):
    doc = _doc(_connector(actions__0__url=url))
    expected = [("BP301", *_at(doc, '"url"'), "error")] if reported else []
    assert _check(run_cli, tmp_path, doc, "BP301") == expected


# --- a blueprint: markers it writes outside its template ----------------------------------------------

_CASE = """\
schema_version: 1
blueprint: acme/embed
description: An unfinished case.
provenance: {kind: documented, source: "https://<ACME-API-REFERENCE>"}
input: {text_docs: [hello]}
interactions:
  - request: {method: POST, url: "https://<ACME-HOST>/v1/embed"}
    response: {status: 200}
expected: {output: {}}
"""
_SCHEMA = """\
{
  "x-endpoint": {"method": "POST", "url": "^https://<ACME-HOST>/v1/embed$", "docs": "https://<ACME-API-REFERENCE>"},
  "type": "object"
}
"""


def _blueprint_markers(tmp_path) -> dict[str, str]:
    """acme/embed writing a marker in each place BP211 reads outside the template, and prose quoting
    ``<text>`` where none is read."""
    manifest = MANIFEST.replace("      default: acme-embed-1", "      default: <ACME MODEL ID>")
    manifest = manifest.replace("description: Model id.", "description: The model, as in <model>:embed.")
    manifest = manifest.replace("  - ^https://api\\.acme\\.example/v1/embed$", "  - ^https://<ACME-HOST>/v1/embed$")
    manifest = manifest.replace("url: https://acme.example/docs", "url: https://<ACME-API-REFERENCE>")
    manifest = manifest.replace("opensearch:", "examples:\n  - name: other\n    variables: {model: \"acme <OTHER MODEL>\"}\n"
                                "contracts: [acme/embed/one.yaml]\nprovider_api: [acme/embed]\nopensearch:")
    template = TEMPLATE.replace("https://api.acme.example/v1/embed", "https://<ACME-HOST>/v1/embed")
    files = project(manifest, template, **{"contracts/acme/embed/one.yaml": _CASE,
                                           "providers/acme/embed.schema.json": _SCHEMA})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return files


def test_a_blueprint_reports_each_marker_it_writes_where_it_is_written(run_cli, tmp_path):
    files = _blueprint_markers(tmp_path)
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    found = sorted((d["code"], d["file"], d["line"], d["column"], d["severity"])
                   for d in json.loads(result.out)["diagnostics"])

    def at(name: str, needle: str) -> tuple:
        return ("BP211", name, *_at(files[name], needle), "error")

    manifest, case, schema = "blueprints/acme/embed.yaml", "contracts/acme/embed/one.yaml", "providers/acme/embed.schema.json"
    assert result.code == 1 and found == sorted([
        at(manifest, "<ACME MODEL ID>"), at(manifest, "<OTHER MODEL>"), at(manifest, "<ACME-HOST>"),
        at(manifest, "<ACME-API-REFERENCE>"), at(case, "<ACME-API-REFERENCE>"), at(case, "<ACME-HOST>"),
        at(schema, "<ACME-HOST>"), at(schema, "<ACME-API-REFERENCE>"),
        at("templates/acme/embed.json.j2", "<ACME-HOST>"),  # in the URL; the model marker only where written
    ])
