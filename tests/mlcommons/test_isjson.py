"""``StringUtils.isJson`` (spec 4.3): org.json 20231013 (20230227 on 2.11.0), then from 2.12 lenient Gson reading
to the end. Cases from ML Commons' ``StringUtilsTest`` at 950f056; the release table was recorded from the JVM
(org.json built from its 20230227 and 20231013 tags, Gson 2.10.1, 2.11.0 and 2.13.2), which the last test re-runs
where an org.json jar is at hand."""

from __future__ import annotations

import base64
import json
import os
import random
from pathlib import Path

import pytest

from toolkit.mlcommons.params import is_json, is_json_or_ndjson
from toolkit.mlcommons.predict import EmulatorLimit
from toolkit.versions import Profile

CHAT = "https://api.openai.com/v1/chat/completions"


@pytest.mark.parametrize("text, expected", [
    # StringUtilsTest.isJson_True
    ("{}", True), ("[]", True), ('{"key": "value"}', True), ('{"key": 123}', True), ("[1, 2, 3]", True),
    ('["a", "b"]', True), ('[1, "a"]', True), ('{"key1": "value", "key2": 123}', True), ("[ ]", True),
    ("[,]", True), ("[abc]", True), ('["abc", 123]', True),
    # StringUtilsTest.isJson_False
    ("{", False), ("[", False), ('{"key": "value}', False), ('{"key": "value", "key": 123}', False),
    ('[1, "a]', False), ('[]"', False), ('[ ]"', False), ('[,]"', False), ('[,"]', False), ('[]"123"', False),
    ('[abc"]', False), ("[abc\n123]", False),
])
def test_string_utils_test_is_json(text, expected):
    assert is_json(text) is expected


@pytest.mark.parametrize("text, expected", [
    # StringUtilsTest.isJsonOrNdjson_NullInput, _BlankInput, _ValidJson, _ValidNdjson(WithCarriageReturn), _NdjsonWithEmptyLines
    (None, False), ("", False), ("   ", False), ("\n", False), ("\t", False), ('{"key": 123}', True),
    ('{"key1": "value1"}\n{"key2": "value2"}', True), ("[1, 2, 3]\n[4, 5, 6]", True),
    ('{"a": 1}\r\n{"b": 2}\r\n{"c": 3}', True), ('{"a": 1}\n  \n{"b": 2}', True), ('\n{"key": "value"}\n', True),
    # _InvalidJson, _InvalidNdjson, _MixedValidInvalidLines, _OpenSearchBulkFormat
    ("not json", False), ("123abc", False), ('{"key1": "value1"}\ninvalid json', False),
    ('{"a": 1}\n{"b": 2\n{"c": 3}', False), ('{"valid": true}\n{invalid}\n{"also_valid": true}', False),
    ("[1, 2, 3]\nplain text\n[4, 5, 6]", False), ('{"index": {"_index": "test"}}\n{"field": "value"}', True),
])
def test_string_utils_test_is_json_or_ndjson(text, expected):
    assert is_json_or_ndjson(text) is expected


# Recorded from the JVM: (text, 2.11.0, 2.12-2.18, 2.19-3.2, 3.3+); "limit" where the emulator declines.
TABLE = [
    ("{a:1}", True, True, True, True), ("{'a':'b'}", True, True, True, True), ("[1,,2]", True, True, True, True),
    ("[NaN]", True, True, True, True), ("[0x10]", True, True, True, True), ("/*c*/[]", False, False, False, False),
    ('{"a":1,}', True, False, False, False), ("[] x", True, False, False, False), ("[]//c", True, False, False, False),
    ("[a b]", True, False, False, False), ("{a b:1}", True, False, False, False), ("{a=1}", False, False, False, False),
    ("[1;2]", False, False, False, False), ('{"a":1;"b":2}', True, True, True, True), ('["a\tb"]', True, True, True, True),
    ('["a\nb"]', False, False, False, False), ("{1:2,01:3}", True, False, False, False), ("{true:1,TRUE:2}", False, False, False, False),
    ("\u000b[1]", True, False, False, False), ("[1\u000c]", True, False, False, False), ("[a\"b]", False, False, False, False),
    ('["\\u+00e9"]', True, "limit", False, False), ('{"a":1,{"b":2}:3}', False, False, False, False),
    ('{"a":1,[1]:3}', True, False, False, False),
    ("[" * 256 + "]" * 256, True, True, True, False), ("[" * 255 + "]" * 255, True, True, True, True),
]


@pytest.mark.parametrize("text, answers", [(row[0], row[1:]) for row in TABLE])
def test_is_json_per_release(text, answers):
    for version, expected in zip(("2.11.0", "2.12", "2.19", "3.3"), answers):
        profile = Profile.for_version(version)
        if expected == "limit":
            with pytest.raises(EmulatorLimit, match="NumberFormatException"):
                is_json(text, profile)
        else:
            assert is_json(text, profile) is expected, version


def test_text_nested_past_the_jvm_stack_is_not_decided_before_3_3():
    deep = "[" * 1200 + "]" * 1200
    with pytest.raises(EmulatorLimit, match="thread stack"):
        is_json(deep, Profile.for_version("3.2"))
    assert is_json(deep, Profile.for_version("3.3")) is False


# ---- through the escaping path (spec 4.3): a value that isJson is never escaped
def show(run_cli, tmp_path, request_body: str, value: str, version: str = "3.7"):
    path = tmp_path / "connector.json"
    path.write_text(json.dumps({"name": "c", "version": "1", "protocol": "http", "parameters": {}, "credential": {"k": "v"},
                                "actions": [{"action_type": "PREDICT", "method": "POST", "url": CHAT,
                                             "request_body": request_body}]}))
    return run_cli("predict", str(path), "--parameters", json.dumps({"x": value}), "--show-request",
                   "--opensearch-version", version)


def body(result) -> str:
    assert result.code == 0, result.err
    return result.out.split("\n\n")[1]


def test_lenient_json_values_are_not_escaped(run_cli, tmp_path):
    """``[é]`` (an unquoted word) and ``['a/b']`` (single quotes) are arrays to org.json and Gson: sent as
    written, not as ``[\\u00E9]``; ``[a/b]`` is not (org.json stops a word at ``/``) and is escaped."""
    assert body(show(run_cli, tmp_path, '{"x":"${parameters.x}"}', "[é]")) == '{"x":"[é]"}'
    assert body(show(run_cli, tmp_path, '{"x":${parameters.x}}', "['a/b']")) == "{\"x\":['a/b']}"
    assert body(show(run_cli, tmp_path, '{"x":"${parameters.x}"}', "[a/b]")) == '{"x":"[a\\/b]"}'


def test_a_lenient_payload_passes_the_payload_check(run_cli, tmp_path):
    """StringUtilsTest.isJson_True's ``[,]`` placed bare: the payload ``{"x":[,]}`` is JSON to ML Commons and sent."""
    assert body(show(run_cli, tmp_path, '{"x":${parameters.x}}', "[,]")) == '{"x":[,]}'
    refused = show(run_cli, tmp_path, '{"x":${parameters.x}}', '[,]"')  # StringUtilsTest.isJson_False
    assert (refused.code, refused.err) == (1, 'error 400: Invalid payload: {"x":[,]\\"}\n')


@pytest.mark.parametrize("value, escaped_from", [
    ("[é] x", "2.12"),                              # org.json ignores what follows; Gson (2.12+, #2041) does not
    ("[" * 256 + "é" + "]" * 256, "3.3"),           # Gson 2.13.2 (3.3+) refuses a 256th level
])
def test_what_is_json_follows_the_release(run_cli, tmp_path, value, escaped_from):
    before = Profile.for_version(escaped_from).release
    older = {"2.12": "2.11", "3.3": "3.2"}[escaped_from]
    assert before.short == escaped_from
    assert body(show(run_cli, tmp_path, '{"x":"${parameters.x}"}', value, older)) == '{"x":"%s"}' % value
    assert body(show(run_cli, tmp_path, '{"x":"${parameters.x}"}', value, escaped_from)) == \
        '{"x":"%s"}' % value.replace("é", "\\u00E9")


def test_a_bad_unicode_escape_throws_in_gson_2_10(run_cli, tmp_path):
    """org.json reads ``\\u+0e9`` (Integer.parseInt takes the sign); Gson 2.10.1 (2.12-2.18) throws
    NumberFormatException out of isJson, Gson 2.11 (2.19+) a syntax error: then the value is escaped."""
    value = '["\\u+0e9"]'
    declined = show(run_cli, tmp_path, '{"x":"${parameters.x}"}', value, "2.18")
    assert declined.code == 2 and "not emulated" in declined.err and "NumberFormatException" in declined.err
    assert body(show(run_cli, tmp_path, '{"x":"${parameters.x}"}', value, "2.19")) == '{"x":"[\\"\\\\u+0e9\\"]"}'


# ---- the JVM as the oracle, where an org.json jar is at hand (CI has none: Debian ships no org.json)
def _org_json_jar() -> str | None:
    candidates = [os.environ.get("BLUEPRINT_ORG_JSON_JAR", ""),
                  str(Path.home() / ".m2/repository/org/json/json/20231013/json-20231013.jar")]
    return next((jar for jar in candidates if jar and os.path.isfile(jar)), None)


_ORACLE = """
import java.io.*; import java.nio.charset.StandardCharsets; import java.util.Base64;
public class IsJsonOracle {
  static final com.google.gson.Gson GSON = new com.google.gson.Gson();
  public static void main(String[] a) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      String s = new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
      boolean org;
      try { new org.json.JSONObject(s); org = true; } catch (org.json.JSONException e) {
        try { new org.json.JSONArray(s); org = true; } catch (org.json.JSONException e2) { org = false; } }
      String answer = "false";
      if (org) { try { GSON.fromJson(s, Object.class); answer = "true"; }
                 catch (com.google.gson.JsonSyntaxException e) { answer = "false"; }
                 catch (RuntimeException e) { answer = "limit"; } }
      System.out.println(answer);
    }
  }
}
"""


def _fuzz(count: int) -> list[str]:
    rng = random.Random(16)
    alphabet = list('{}[],;:=>"\'\\/*# \n\t\f\u000babtruenlT10-+.Exü') + ['{"a":1}', "[1,2]", "'q'", "/*c*/", "//x\n",
                                                                          "{a:b}", "[,]", '"\\u00e9"', "a:1", "1:", "TRUE:"]
    texts = []
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        texts.append(rng.choice("[{") + text + rng.choice(["]", "}", "", "] x"]))
    return texts


def test_agrees_with_org_json_and_gson_on_a_jvm():
    """org.json 20231013 with Gson 2.13.2 (3.3+) or Debian's Gson (2.10, as 2.12-2.18 bundle)."""
    from tests import jvm
    from tests.javavalues.oracles import run_with_jars

    jar = _org_json_jar()
    if jar is None:
        pytest.skip("no org.json 20231013 jar: set BLUEPRINT_ORG_JSON_JAR (build it from github.com/stleary/JSON-java)")
    gson_2_13 = Path.home() / ".m2/repository/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar"
    gson, version = (str(gson_2_13), "3.3") if gson_2_13.is_file() else ("/usr/share/java/gson.jar", "2.12")
    if not os.path.isfile(gson):
        pytest.skip("no Gson jar: apt-get install libgoogle-gson-java")
    major = next(iter(jvm.javas()), None) or jvm.require_jvm()
    texts = [row[0] for row in TABLE] + _fuzz(3000)
    answers = run_with_jars(major, _ORACLE, "IsJsonOracle", [base64.b64encode(t.encode()).decode() for t in texts],
                            os.pathsep.join([jar, gson]))
    profile = Profile.for_version(version)
    mine = []
    for text in texts:
        try:
            mine.append(str(is_json(text, profile)).lower())
        except EmulatorLimit:
            mine.append("limit")
    bad = [(t, a, m) for t, a, m in zip(texts, answers, mine) if a != m]
    assert not bad, f"{len(texts) - len(bad)}/{len(texts)} agree; first: {bad[:5]}"
