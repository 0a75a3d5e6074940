"""commons-text StringSubstitutor semantics and the placeholder tokenizer (spec 4.5 step 4)."""

from __future__ import annotations

import pytest

from toolkit.mlcommons.errors import IllegalStateError
from toolkit.mlcommons.substitute import CREDENTIAL, substitute, tokenize_placeholders


@pytest.mark.parametrize("template, values, expected", [
    ("${parameters.a}", {"a": "x"}, "x"),
    ("${parameters.model_config.context}", {"model_config.context": "ok"}, "ok"),
    ("${parameters. a} ${parameters.a }", {"a": "x"}, "${parameters. a} ${parameters.a }"),
    ("${parameters.missing}", {}, "${parameters.missing}"),
    ("${parameters.x:-dflt}", {}, "dflt"),
    ("${parameters.x:-dflt}", {"x": None}, "dflt"),
    ("[${parameters.x:-dflt}]", {"x": ""}, "[]"),
    ("${parameters.p}", {"p": "Q: ${parameters.q}", "q": "why"}, "Q: why"),
    ("cost $${parameters.price}", {"price": "5"}, "cost ${parameters.price}"),
    ("${parameters.a${parameters.b}}", {"a": "A", "b": "B"}, "${parameters.a${parameters.b}}"),
    ("$$${parameters.a}", {"a": "x"}, "$${parameters.a}"),
    ("${parameters.a", {"a": "x"}, "${parameters.a"),
    # the default is the text up to the first '}': "${parameters.a", inserted and not resolved
    ("${parameters.d:-${parameters.a}}", {"a": "x"}, "${parameters.a}"),
    ("${parameters.a}", {"a": "${parameters.b"}, "${parameters.b"),
])
def test_4_5_substitution(template, values, expected):
    assert substitute(template, values) == expected


def test_4_5_a_value_ending_in_dollar_escapes_the_next_placeholder():
    """StringSubstitutor checks the character before each prefix after earlier replacements, so a
    substituted value ending in '$' consumes itself as the escape of the placeholder that follows."""
    assert substitute("${parameters.a}${parameters.b}", {"a": "5$", "b": "B"}) == "5${parameters.b}"
    assert substitute("${parameters.a} ${parameters.b}", {"a": "5$", "b": "B"}) == "5$ B"


def test_4_5_cycle_message_names_template_and_chain():
    with pytest.raises(IllegalStateError) as caught:
        substitute('{"a":"${parameters.a}"}', {"a": "${parameters.b}", "b": "${parameters.a}"})
    assert caught.value.message == 'Infinite loop in property interpolation of {"a":"${parameters.a}"}: a->b'
    with pytest.raises(IllegalStateError, match=r"of \$\{parameters.x\}: x$"):
        substitute("${parameters.x}", {"x": "again ${parameters.x}"})


def test_4_8_credential_prefix_only_touches_credentials():
    assert substitute("Bearer ${credential.k} ${parameters.k}", {"k": "s"}, CREDENTIAL) == "Bearer s ${parameters.k}"


def _one(text):
    (found,) = [p for p in tokenize_placeholders(text)]
    return found


@pytest.mark.parametrize("text, problem", [
    ("x ${parameters. a}", "whitespace in the name"),
    ("x ${parameters.a", "no closing"),
    ("x ${parameter.a}", "write ${parameters."),
    ("x ${params.a}", "write ${parameters."),
    ("x ${Parameters.a}", "write ${parameters."),
    ("x ${credentials.k}", "write ${credential."),
    ("x ${ parameters.a}", "whitespace inside"),
    ("x ${parameters}", "has no name"),
    ("x ${parameters.}", "empty name"),
    ("x {parameters.a}", "missing '$'"),
])
def test_4_5_tokenizer_reports_malformed_placeholders_with_offsets(text, problem):
    found = _one(text)
    assert found.start == 2 and problem in found.problem


def test_4_5_tokenizer_well_formed_and_defaults_and_escapes():
    found = list(tokenize_placeholders('{"a": "${parameters.a}", "n": ${parameters.n:-1}, "c": "$${credential.k}", '
                                       '"t": "${parameters.a.toString()}", "o": "${other.x}"}'))
    assert [(p.namespace, p.name, p.default, p.problem, p.escaped) for p in found] == [
        ("parameters", "a", None, None, False), ("parameters", "n", "1", None, False),
        ("credential", "k", None, None, True), ("parameters", "a.toString()", None, None, False)]
    assert found[3].to_string and found[3].base_name == "a"
    assert found[0].start == 7 and found[0].end == 22
