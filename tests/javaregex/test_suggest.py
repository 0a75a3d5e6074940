"""Suggested regexes: tight, accepted by ML Commons' validator, clean under the audit, and
admitting every legal placeholder value."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.javaregex import compile, validate_setting_regex
from toolkit.javaregex.audit import audit_one
from toolkit.javaregex.suggest import TemplateError, suggest

TEMPLATES = {
    "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke": [
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-sonnet-20240229-v1:0/invoke",
        "https://bedrock-runtime.eu-west-3.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
    ],
    "https://runtime.sagemaker.${parameters.region}.amazonaws.com/endpoints/${parameters.endpoint}/invocations": [
        "https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-embedding-endpoint/invocations",
    ],
    "https://api.openai.com/v1/chat/completions": ["https://api.openai.com/v1/chat/completions"],
    "https://${parameters.resource}.openai.azure.com/openai/deployments/${parameters.deployment}/embeddings"
    "?api-version=${parameters.api_version}": [
        "https://my-resource.openai.azure.com/openai/deployments/ada-002/embeddings?api-version=2024-02-01",
    ],
    "https://generativelanguage.googleapis.com/v1beta/models/${parameters.model}:generateContent": [
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-pro:generateContent",
    ],
}


@pytest.mark.parametrize(("template", "examples"), TEMPLATES.items())
def test_suggestions_pass_the_audit_and_admit_real_urls(template, examples):
    regex = suggest(template).regex
    assert validate_setting_regex(regex) is None
    assert [f for f in audit_one(regex) if f.severity != "info"] == []
    pattern = compile(regex)
    for url in examples:
        assert pattern.matches(url), url


def test_host_placeholders_get_a_dns_label_and_path_placeholders_a_segment():
    result = suggest("https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke")
    assert result.regex == (r"^https://bedrock-runtime\.[a-z0-9-]{1,63}\.amazonaws\.com/model/"
                            r"[A-Za-z0-9._~:!$&'+,;=%-]+/invoke$")
    pattern = compile(result.regex)
    for hostile in ("https://bedrock-runtime.x@evil.com/a.amazonaws.com/model/m/invoke",
                    "https://bedrock-runtime.evil.com/a.amazonaws.com/model/m/invoke",
                    "https://bedrock-runtime.us-east-1.amazonaws.com/model/a/b/invoke",
                    "https://bedrock-runtime.us-east-1.amazonaws.com/model/a?x=/invoke",
                    "https://bedrock-runtime.us-east-1.amazonaws.com/model/${parameters.model}/invoke"):
        assert not pattern.matches(hostile), hostile


def test_a_pinned_placeholder_uses_its_own_values():
    regex = suggest("https://bedrock-runtime.${parameters.region}.amazonaws.com/x",
                    {"region": "us-east-1|eu-west-1"}).regex
    pattern = compile(regex)
    assert pattern.matches("https://bedrock-runtime.eu-west-1.amazonaws.com/x")
    assert not pattern.matches("https://bedrock-runtime.ap-south-1.amazonaws.com/x")


@pytest.mark.parametrize("template", ["https://${parameters.host}/v1", "https://${parameters.a}.com/x",
                                      "${parameters.scheme}://x.com/", "https://u@x.com/", "x.com/a"])
def test_templates_that_cannot_be_made_safe_are_refused(template):
    with pytest.raises(TemplateError):
        suggest(template)


_LABEL = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
_SEGMENT = st.text(st.sampled_from("abcXYZ019._~:-!$&'+,;=%"), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(region=_LABEL, model=_SEGMENT)
def test_every_legal_value_is_admitted(region, model):
    template = "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke"
    pattern = compile(suggest(template).regex)
    url = template.replace("${parameters.region}", region).replace("${parameters.model}", model)
    assert pattern.matches(url)
