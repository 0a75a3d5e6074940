"""ML Commons integration (spec mlcommons-connectors.md 5.3 and 5.5) and scripts in the style of its docs."""

from __future__ import annotations

import json
import random

import pytest

from toolkit.javavalues.numbers import JDouble, JInt, JLong
from toolkit.painless import mlcommons as mc
from toolkit.painless import parse, run_script
from toolkit.painless.errors import PainlessRuntimeError, PainlessSyntaxError, PainlessUnsupported

# ---- escape() injection: detection (JVM-checked: java.util.regex on JDK 17 and JDK 21 gave these) ----
DETECTION_CASES = [
    ("escape(x)", True, True), ("String escape(def x)", False, False), ("String  escape(", False, False),
    ("def s = escape(x)", True, True), ("xescape(", False, False), ("\u00e9escape(", False, True),
    ("MyString escape(", True, True), ("String\nescape(", False, False), ("return escape (x)", True, True),
]


@pytest.mark.parametrize(("script", "on_17", "on_21"), DETECTION_CASES)
def test_is_escape_used_matches_java_regex_on_each_jdk(script, on_17, on_21):
    assert mc.is_escape_used(script, jdk=17) is on_17
    assert mc.is_escape_used(script, jdk=21) is on_21


@pytest.mark.parametrize(("script", "defines"), [
    ("String escape(def input) { return input }", True), ("String escape(String s){", True),
    ("String  escape ( def x ) ", True), ("def escape(def x) {}", False), ("String escape(x)", False),
    ("String escape(int x) {}", False),
])
def test_contains_escape_method(script, defines):
    assert mc.contains_escape_method(script) is defines


def test_helper_is_prepended_only_when_used_and_not_defined():
    used = "return escape(params.x)"
    assert mc.add_default_method(used) == mc.DEFAULT_ESCAPE_FUNCTION + used
    own = "String escape(def x) { return 'own' } return escape(params.x)"
    assert mc.add_default_method(own) == own
    assert mc.add_default_method("return params.x") == "return params.x"
    prepared = mc.prepare_post_process(used)
    assert prepared.injected and prepared.source.startswith("\n    String escape(def input) { \n")


def test_helper_text_holds_raw_control_characters_and_parses():
    helper = mc.DEFAULT_ESCAPE_FUNCTION
    for raw in ("'\r'", "'\n'", "'\b'", "'\f'"):
        assert raw in helper
    script = parse(helper + "return escape('x')")
    assert [f.name for f in script.functions] == ["escape"]


@pytest.mark.parametrize(("given", "escaped"), [
    ("plain", "plain"),
    ('say "hi"', 'say \\"hi\\"'),
    ("back\\slash", "back\\\\slash"),
    ("cr\rlf\n", "cr\\rlf\\n"),
    ("tab\tstays", "tab\tstays"),  # TAB is not escaped
    ("a\\tb", "a\\\\\\\\tb"),  # backslash-t: step 1 doubles the backslash, step 4 adds two more
    ("bs\bff\f", "bs\\bff\\f"),
    ("caf\u00e9 \u2028", "caf\u00e9 \u2028"),  # non-ASCII untouched
])
def test_default_escape_behaviour(given, escaped):
    assert mc.run_post_process("return escape(params.text)", json.dumps({"text": given})) == escaped


def test_helper_calls_on_non_strings_fail_like_painless():
    with pytest.raises(PainlessRuntimeError, match="dynamic method \\[java.lang.Integer, contains/1\\]"):
        mc.run_post_process("return escape(params.n)", '{"n": 1}')


def test_error_positions_refer_to_the_users_script():
    with pytest.raises(PainlessRuntimeError) as err:
        mc.run_post_process("def x = escape(params.t);\nreturn x.foo()", '{"t": "a"}')
    assert (err.value.line, err.value.column) == (2, 9)


# ---- params ----
def test_pre_process_params_escape_docs_with_gson_and_type_numbers_as_double():
    params = mc.pre_process_params(['he said "hi"\n', "<b>"], parameters={"k": 3, "nested": {"x": [1]}})
    assert params["text_docs"] == ['he said \\"hi\\"\\n', "<b>"]
    assert list(params) == ["algorithm", "text_docs", "parameters"]
    assert type(params["parameters"]["k"]) is JDouble
    assert run_script("return '' + params.parameters.k + params.parameters.nested.x", params) == "3.0[1.0]"
    html = mc.pre_process_params(["<b>"], html_safe=True)
    assert html["text_docs"] == ["\\u003cb\\u003e"]


def test_post_process_params_types_and_wrapping():
    params = mc.post_process_params('{"a": 1, "b": 3000000000, "c": 1.5, "d": [1, 2.0], "e": null}')
    assert type(params["a"]) is JInt and type(params["b"]) is JLong and type(params["c"]) is JDouble
    assert list(params) == ["a", "b", "c", "d", "e"]
    assert run_script("return '' + params.d", params) == "[1, 2.0]"
    assert mc.post_process_params("[1, 2]") == {"result": [1, 2]}


@pytest.mark.parametrize(("response", "message"), [
    ('{"a": 1, "a": 2}', "Invalid JSON format"), ("hello", "Invalid JSON format"),
    ('"text"', "Unsupported response type"), ("42", "Unsupported response type"),
    ('{"a": NaN}', "Invalid JSON format"),
])
def test_post_process_params_rejects_what_ml_commons_rejects(response, message):
    with pytest.raises(PainlessRuntimeError, match=message):
        mc.post_process_params(response)


def test_read_pre_process_output():
    out = mc.read_pre_process_output('{"parameters": {"input": ["a"], "n": 3, "s": "x", "o": {"k": null}}}')
    assert out == {"input": '["a"]', "n": "3.0", "s": "x", "o": '{"k":null}'}
    assert mc.read_pre_process_output('{"other": 1}') == {}
    with pytest.raises(PainlessRuntimeError, match="Preprocess function output is null"):
        mc.read_pre_process_output(None)
    with pytest.raises(PainlessUnsupported):
        mc.read_pre_process_output({"parameters": {}})


# ---- scripts in the style of ML Commons' built-in docs and public blueprints ----
OPENAI_EMBEDDING_POST = """
    def name = "sentence_embedding";
    def dataType = "FLOAT32";
    if (params.data == null || params.data.length == 0) {
        return params.message;
    }
    def shape = [params.data[0].embedding.length];
    def json = "{" +
               "\\"name\\":\\"" + name + "\\"," +
               "\\"data_type\\":\\"" + dataType + "\\"," +
               "\\"shape\\":" + shape + "," +
               "\\"data\\":" + params.data[0].embedding +
               "}";
    return json;
"""

BEDROCK_EMBEDDING_POST_LOOP = """
    def embedding = params.embedding;
    if (embedding == null) {
      throw new IllegalArgumentException("no embedding in the response");
    }
    StringBuilder sb = new StringBuilder("[{\\"name\\":\\"sentence_embedding\\",\\"data_type\\":\\"FLOAT32\\",");
    sb.append("\\"shape\\":[").append(embedding.length).append("],\\"data\\":[");
    for (int i = 0; i < embedding.length; i++) {
      sb.append(embedding[i]);
      if (i < embedding.length - 1) { sb.append(","); }
    }
    sb.append("]}]");
    return sb.toString();
"""

COHERE_CHAT_POST = """
    if (params.text == null) { return null; }
    def citations = params.citations == null ? 0 : params.citations.size();
    return '{"name":"response","dataAsMap":{"answer":"' + escape(params.text) + '","citations":' + citations + '}}';
"""

CLAUDE_PRE = """
    StringBuilder builder = new StringBuilder('[');
    for (int i = 0; i < params.messages.length; i++) {
      builder.append('{"role":"').append(params.messages[i].role).append('","content":"');
      builder.append(escape(params.messages[i].content)).append('"}');
      if (i < params.messages.length - 1) { builder.append(','); }
    }
    builder.append(']');
    return '{"parameters":{"messages":' + builder.toString() + ',"max_tokens":' + params.max_tokens + '}}';
"""


def test_openai_embedding_post_process():
    response = json.dumps({"object": "list", "data": [{"embedding": [0.1, -0.25, 1e-05, 3.0]}]})
    out = mc.run_post_process(OPENAI_EMBEDDING_POST, response)
    assert out == ('{"name":"sentence_embedding","data_type":"FLOAT32","shape":[4],'
                   '"data":[0.1, -0.25, 1.0E-5, 3.0]}')
    assert mc.run_post_process(OPENAI_EMBEDDING_POST, '{"message": "quota"}') == "quota"


def test_bedrock_embedding_loop_with_integers_in_the_response():
    out = mc.run_post_process(BEDROCK_EMBEDDING_POST_LOOP, '{"embedding": [1, 0.5, -2], "inputTextTokenCount": 3}')
    assert json.loads(out) == [{"name": "sentence_embedding", "data_type": "FLOAT32", "shape": [3],
                                "data": [1, 0.5, -2]}]
    assert '"data":[1,0.5,-2]' in out  # Jackson reads 1 and -2 as Integer: no ".0"


def test_bedrock_embedding_loop_on_3072_floats_matches_java_text():
    values = [random.Random(7).uniform(-1, 1) for _ in range(3072)]
    out = mc.run_post_process(BEDROCK_EMBEDDING_POST_LOOP, json.dumps({"embedding": values}))
    assert json.loads(out)[0]["data"] == values
    assert json.loads(out)[0]["shape"] == [3072]


def test_missing_embedding_throws_like_the_script_says():
    with pytest.raises(PainlessRuntimeError, match="IllegalArgumentException: no embedding in the response"):
        mc.run_post_process(BEDROCK_EMBEDDING_POST_LOOP, '{"other": 1}')


def test_cohere_chat_post_process_with_escape_injection():
    response = json.dumps({"text": 'Use "quotes"\nand lines', "citations": [{"start": 0}]})
    out = mc.run_post_process(COHERE_CHAT_POST, response)
    assert json.loads(out) == {"name": "response", "dataAsMap": {"answer": 'Use "quotes"\nand lines', "citations": 1}}


def test_claude_pre_process_with_escape_injection():
    params = {"messages": [{"role": "user", "content": 'What is "RAG"?\nExplain.'},
                           {"role": "assistant", "content": "Retrieval\taugmented"}], "max_tokens": 300}
    out = mc.run_pre_process(CLAUDE_PRE, params)
    assert json.loads(out["messages"]) == params["messages"]
    assert out["max_tokens"] == "300.0"  # Gson reads the returned JSON's numbers as Double (5.3)


def test_claude_pre_process_with_ml_commons_double_numbers():
    params = {"messages": [], "max_tokens": JDouble(300)}
    out = mc.run_pre_process(CLAUDE_PRE, params)
    assert out == {"messages": "[]", "max_tokens": "300.0"}


def test_json_encoded_backslash_n_in_a_script_is_a_lexing_error():
    # A blueprint that writes "\\n" inside a JSON string puts backslash-n into a Painless string literal.
    with pytest.raises(PainlessSyntaxError, match="invalid escape"):
        mc.run_post_process(json.loads('"return \\"a\\\\nb\\""'), "{}")


# ---- reading a post-process result as model tensors (5.5) ----
def test_tensor_json_keeps_known_fields_only():
    out = mc.read_post_process_output('{"name":"e","data_type":"FLOAT32","shape":[2],"data":[0.5,1],"extra":1}')
    assert out == [{"name": "e", "data_type": "FLOAT32", "shape": [2], "data": [0.5, 1]}]
    assert mc.read_post_process_output('{"answer": "x"}') == [{}]


def test_data_needs_a_data_type_and_values():
    assert mc.read_post_process_output('[{"name": "a", "data": [1]}, {"data_type": "FLOAT32", "data": []}]') == [
        {"name": "a"}, {"data_type": "FLOAT32"}]


def test_data_as_map_is_in_hashmap_order():
    out = mc.read_post_process_output('{"dataAsMap": {"b": 1, "a": {"y": 1, "x": 2}, "zz": 2.5}}')
    data = out[0]["dataAsMap"]
    assert list(data) == ["zz", "a", "b"] and list(data["a"]) == ["x", "y"]


def test_non_json_output_becomes_a_response_tensor():
    assert mc.read_post_process_output("plain text") == [{"name": "response", "dataAsMap": {"response": "plain text"}}]
    assert mc.read_post_process_output('"quoted"') == [{"name": "response", "dataAsMap": {"response": '"quoted"'}}]
    with pytest.raises(PainlessUnsupported):
        mc.read_post_process_output(["not", "a", "string"])


def test_end_to_end_openai_embedding_to_tensors():
    response = json.dumps({"data": [{"embedding": [0.25, -1.5]}]})
    tensors = mc.read_post_process_output(mc.run_post_process(OPENAI_EMBEDDING_POST, response))
    assert tensors == [{"name": "sentence_embedding", "data_type": "FLOAT32", "shape": [2], "data": [0.25, -1.5]}]
