"""``output_processors`` (3.3+, ``ProcessorChain``, spec 5.6 step 4): through ``blueprint predict``, and each
processor on the cases of ML Commons' processor unit tests (``ml-algorithms/src/test/.../engine/processor`` at
950f056) that pass a configuration and a value and compare the result."""

from __future__ import annotations

import json

import pytest

from toolkit.javavalues.numbers import JInt
from toolkit.mlcommons.predict import EmulatorLimit
from toolkit.mlcommons.processors import chain, run
from toolkit.versions import Profile

CHAT = "https://api.openai.com/v1/chat/completions"
ANSWER = {"choices": [{"message": {"content": 'Here you go: {"facts": ["a", "b"], "n": 1.5} thanks'}}]}
EXTRACT = [{"type": "jsonpath_filter", "path": "$.choices[0].message.content"}, {"type": "extract_json"}]


def predict(run_cli, tmp_path, processors, version: str = "3.7", answer=ANSWER, **parameters):
    conn = {"name": "c", "version": "1", "protocol": "http", "credential": {"k": "v"},
            "parameters": {"output_processors": processors, **parameters},
            "actions": [{"action_type": "PREDICT", "method": "POST", "url": CHAT, "request_body": '{"q": "x"}'}]}
    (tmp_path / "c.json").write_text(json.dumps(conn))
    (tmp_path / "r.json").write_text(json.dumps(answer))
    return run_cli("predict", str(tmp_path / "c.json"), "--response", str(tmp_path / "r.json"),
                   "--opensearch-version", version)


def data_as_map(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)["inference_results"][0]["output"][0]["dataAsMap"]


@pytest.mark.parametrize("version, expected", [("3.2", ANSWER), ("3.3", {"facts": ["a", "b"], "n": 1.5})])
def test_the_chain_runs_from_3_3(run_cli, tmp_path, version, expected):
    """MLJsonPathFilterProcessorTest + MLExtractJsonProcessorTest.testExtractJsonFromLLMResponse, chained: the
    JSON an LLM wrote inside its text becomes the tensor's dataAsMap (3.3, #4093); before, the parameter is unknown."""
    assert data_as_map(predict(run_cli, tmp_path, EXTRACT, version)) == expected


def test_response_filter_runs_before_the_chain(run_cli, tmp_path):
    result = predict(run_cli, tmp_path, [{"type": "extract_json"}], response_filter="$.choices[0].message.content")
    assert data_as_map(result) == {"facts": ["a", "b"], "n": 1.5}


def test_an_unknown_type_is_refused(run_cli, tmp_path):
    """MLProcessorType.fromString: ``Invalid ML processor type: X`` (IllegalArgumentException, 400 from 3.3)."""
    result = predict(run_cli, tmp_path, [{"type": "to_strin"}])
    assert (result.code, result.err) == (1, "error 400: Invalid ML processor type: to_strin\n")


def test_a_configuration_gson_cannot_read_as_a_list_is_no_chain(run_cli, tmp_path):
    """extractProcessorConfigs: a single object is a JsonSyntaxException, logged: the response is used as is."""
    assert data_as_map(predict(run_cli, tmp_path, EXTRACT[1])) == ANSWER


def test_a_processor_failing_its_checks_is_not_emulated(run_cli, tmp_path):
    """MLRegexReplaceProcessorTest.testMissingPattern's check, in a chain: initInstance keeps null (then a
    NullPointerException), which the emulator names instead of guessing its message."""
    result = predict(run_cli, tmp_path, [{"type": "regex_replace"}])
    assert result.code == 2 and "'pattern' is required for regex_replace processor" in result.err


@pytest.mark.parametrize("kind", ["set_field", "remove_jsonpath"])
def test_jsonpath_writers_are_not_emulated(run_cli, tmp_path, kind):
    config = {"type": kind, "path": "$.a", "value": 1} if kind == "set_field" else {"type": kind, "paths": ["$.a"]}
    result = predict(run_cli, tmp_path, [config])
    assert result.code == 2 and "JsonPath writes" in result.err


@pytest.mark.parametrize("version, text", [("3.4", '{"s":"a\\u2028b"}'), ("3.5", '{"s":"a\u2028b"}')])
def test_to_string_writes_gson_before_3_5_and_jackson_after(run_cli, tmp_path, version, text):
    """StringUtils.toJson: gson.toJson (escapes U+2028) until #4520 made it Jackson's writeValueAsString (3.5)."""
    result = predict(run_cli, tmp_path, [{"type": "jsonpath_filter", "path": "$.o"}, {"type": "to_string"}], version,
                     answer={"o": {"s": "a\u2028b"}})
    assert data_as_map(result) == {"s": "a\u2028b"}  # the text is JSON again, so parseResponse reads it
    processors = chain(json.dumps([{"type": "to_string"}]), Profile.for_version(version))
    assert run(processors, {"s": "a\u2028b"}, Profile.for_version(version)) == text


@pytest.mark.parametrize("version, sent", [("3.2", '{"q":"card 1234 5678"}'), ("3.3", '{"q":"card # #"}')])
def test_input_processors_rewrite_the_payload_from_3_3(run_cli, tmp_path, version, sent):
    """RemoteConnectorExecutor.preparePayloadAndInvoke (#4278): the chain runs on the payload before the
    placeholder check; before 3.3 the parameter is unknown."""
    conn = {"name": "c", "version": "1", "protocol": "http", "credential": {"k": "v"},
            "parameters": {"input_processors": [{"type": "regex_replace", "pattern": "\\d+", "replacement": "#"}]},
            "actions": [{"action_type": "PREDICT", "method": "POST", "url": CHAT, "request_body": '{"q":"${parameters.q}"}'}]}
    (tmp_path / "c.json").write_text(json.dumps(conn))
    result = run_cli("predict", str(tmp_path / "c.json"), "--parameters", '{"q": "card 1234 5678"}', "--show-request",
                     "--opensearch-version", version)
    assert result.code == 0 and result.out.split("\n\n")[1] == sent


SAME = object()  # the test asserts the input comes back
CASES = [
    ('MLExtractJsonProcessorTest.testExtractJsonObjectWhenArrayExpected',
     {'type': 'extract_json', 'extract_type': 'array'}, 'Data: {"key": "value"}', SAME),
    ('MLExtractJsonProcessorTest.testExtractJsonArrayWhenObjectExpected',
     {'type': 'extract_json', 'extract_type': 'object'}, 'Data: [1, 2, 3]', SAME),
    ('MLExtractJsonProcessorTest.testExtractJsonWithDefault',
     {'type': 'extract_json', 'default': 'no_json_found'}, 'No JSON here', 'no_json_found'),
    ('MLExtractJsonProcessorTest.testExtractJsonWithoutDefault',
     {'type': 'extract_json'}, 'No JSON here', SAME),
    ('MLExtractJsonProcessorTest.testExtractJsonWithInvalidJson',
     {'type': 'extract_json', 'default': 'invalid'}, 'Invalid: {broken json}', 'invalid'),
    ('MLExtractJsonProcessorTest.testExtractJsonWithMalformedJson',
     {'type': 'extract_json'}, 'Malformed: {"key": }', SAME),
    ('MLExtractJsonProcessorTest.testExtractJsonEmptyString',
     {'type': 'extract_json', 'default': 'empty'}, '', 'empty'),
    ('MLExtractJsonProcessorTest.testExtractJsonWhitespaceOnly',
     {'type': 'extract_json', 'default': 'whitespace'}, '   ', 'whitespace'),
    ('MLJsonPathFilterProcessorTest.testExtractFromStringInput',
     {'type': 'jsonpath_filter', 'path': '$.name'}, '{"name": "John", "age": 30}', 'John'),
    ('MLJsonPathFilterProcessorTest.testExtractWithNullInput',
     {'type': 'jsonpath_filter', 'path': '$.field'}, None, SAME),
    ('MLRegexCaptureProcessorTest.testCaptureFirstGroup',
     {'type': 'regex_capture', 'pattern': '([a-zA-Z0-9._%+-]+)@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}', 'groups': '1'}, 'Contact: john.doe@example.com', 'john.doe'),
    ('MLRegexCaptureProcessorTest.testCaptureDefaultGroup',
     {'type': 'regex_capture', 'pattern': '([a-zA-Z]+)@([a-zA-Z]+)\\.com'}, 'Email: john@example.com', 'john'),
    ('MLRegexCaptureProcessorTest.testCaptureEntireMatch',
     {'type': 'regex_capture', 'pattern': '\\d{3}-\\d{3}-\\d{4}', 'groups': '0'}, 'Call me at 555-123-4567', '555-123-4567'),
    ('MLRegexCaptureProcessorTest.testCaptureNoMatch',
     {'type': 'regex_capture', 'pattern': '\\d+', 'groups': '1'}, 'No numbers here', 'No numbers here'),
    ('MLRegexCaptureProcessorTest.testCaptureMultilineText',
     {'type': 'regex_capture', 'pattern': '<code>(.*)</code>', 'groups': '1'}, '<code>line1\nline2</code>', 'line1\nline2'),
    ('MLRegexCaptureProcessorTest.testCaptureFirstMatchOnly',
     {'type': 'regex_capture', 'pattern': '(\\d+)', 'groups': '1'}, 'Numbers: 123, 456, 789', '123'),
    ('MLRegexCaptureProcessorTest.testCaptureEmptyString',
     {'type': 'regex_capture', 'pattern': '(\\w+)', 'groups': '1'}, '', ''),
    ('MLRegexCaptureProcessorTest.testCaptureWithNegativeGroupIndex',
     {'type': 'regex_capture', 'pattern': '(\\w+)', 'groups': [JInt(-1), JInt(1)]}, 'test', 'test'),
    ('MLRegexCaptureProcessorTest.testCaptureWithNullInput',
     {'type': 'regex_capture', 'pattern': '(\\w+)', 'groups': '1'}, None, 'null'),
    ('MLRegexReplaceProcessorTest.testReplaceSimplePattern',
     {'type': 'regex_replace', 'pattern': 'world', 'replacement': 'universe'}, 'hello world', 'hello universe'),
    ('MLRegexReplaceProcessorTest.testReplaceAllOccurrences',
     {'type': 'regex_replace', 'pattern': 'foo', 'replacement': 'bar', 'replace_all': True}, 'foo foo foo', 'bar bar bar'),
    ('MLRegexReplaceProcessorTest.testReplaceFirstOccurrence',
     {'type': 'regex_replace', 'pattern': 'foo', 'replacement': 'bar', 'replace_all': False}, 'foo foo foo', 'bar foo foo'),
    ('MLRegexReplaceProcessorTest.testRemovePattern',
     {'type': 'regex_replace', 'pattern': '[^a-zA-Z0-9]', 'replacement': ''}, 'Hello, World! 123', 'HelloWorld123'),
    ('MLRegexReplaceProcessorTest.testReplaceWithBackreference',
     {'type': 'regex_replace', 'pattern': '(\\d{3})-(\\d{3})-(\\d{4})', 'replacement': '($1) $2-$3'}, 'Phone: 555-123-4567', 'Phone: (555) 123-4567'),
    ('MLRegexReplaceProcessorTest.testReplaceSpacesWithUnderscore',
     {'type': 'regex_replace', 'pattern': '\\s+', 'replacement': '_'}, 'hello   world  test', 'hello_world_test'),
    ('MLRegexReplaceProcessorTest.testReplaceDigits',
     {'type': 'regex_replace', 'pattern': '\\d+', 'replacement': 'X'}, 'Order 123 has 456 items', 'Order X has X items'),
    ('MLRegexReplaceProcessorTest.testReplaceEmailDomain',
     {'type': 'regex_replace', 'pattern': '@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}', 'replacement': '@example.com'}, 'Contact: john@test.org and jane@company.com', 'Contact: john@example.com and jane@example.com'),
    ('MLRegexReplaceProcessorTest.testReplaceWithEmptyString',
     {'type': 'regex_replace', 'pattern': 'remove', 'replacement': ''}, 'keep remove this remove text', 'keep  this  text'),
    ('MLRegexReplaceProcessorTest.testDefaultReplacementIsEmpty',
     {'type': 'regex_replace', 'pattern': 'test'}, 'test string', ' string'),
    ('MLRegexReplaceProcessorTest.testDefaultReplaceAllIsTrue',
     {'type': 'regex_replace', 'pattern': 'a', 'replacement': 'A'}, 'banana', 'bAnAnA'),
    ('MLRegexReplaceProcessorTest.testNoMatchReturnsOriginal',
     {'type': 'regex_replace', 'pattern': 'xyz', 'replacement': 'abc'}, 'hello world', 'hello world'),
    ('MLRegexReplaceProcessorTest.testReplaceMultilineText',
     {'type': 'regex_replace', 'pattern': '\\n', 'replacement': ' '}, 'line1\nline2\nline3', 'line1 line2 line3'),
    ('MLRegexReplaceProcessorTest.testReplaceWithDotallFlag',
     {'type': 'regex_replace', 'pattern': '<.*>', 'replacement': ''}, '<tag>content\nmore content</tag>', ''),
    ('MLRegexReplaceProcessorTest.testReplaceCaseSensitivePattern',
     {'type': 'regex_replace', 'pattern': '[a-z]+', 'replacement': 'X'}, 'Hello World', 'HX WX'),
    ('MLRegexReplaceProcessorTest.testReplaceSpecialCharacters',
     {'type': 'regex_replace', 'pattern': '[!@#$%^&*()]', 'replacement': ''}, 'Hello! World@2024#', 'Hello World2024'),
    ('MLRegexReplaceProcessorTest.testReplaceUrlProtocol',
     {'type': 'regex_replace', 'pattern': 'https?://', 'replacement': ''}, 'Visit https://example.com or http://test.org', 'Visit example.com or test.org'),
    ('MLRegexReplaceProcessorTest.testReplaceWithComplexBackreference',
     {'type': 'regex_replace', 'pattern': '(\\w+)\\s+(\\w+)', 'replacement': '$2 $1'}, 'John Doe', 'Doe John'),
    ('MLRegexReplaceProcessorTest.testReplaceNumberInput',
     {'type': 'regex_replace', 'pattern': '4', 'replacement': 'X'}, JInt(42), 'X2'),
    ('MLRegexReplaceProcessorTest.testReplaceEmptyString',
     {'type': 'regex_replace', 'pattern': 'test', 'replacement': 'replaced'}, '', ''),
    ('MLRegexReplaceProcessorTest.testReplaceWhitespaceNormalization',
     {'type': 'regex_replace', 'pattern': '\\s+', 'replacement': ' '}, 'text  with   irregular    spacing', 'text with irregular spacing'),
    ('MLRegexReplaceProcessorTest.testReplaceLeadingTrailingSpaces',
     {'type': 'regex_replace', 'pattern': '^\\s+|\\s+$', 'replacement': ''}, '  hello world  ', 'hello world'),
    ('MLRegexReplaceProcessorTest.testReplaceHtmlTags',
     {'type': 'regex_replace', 'pattern': '<[^>]+>', 'replacement': ''}, '<p>Hello <b>World</b></p>', 'Hello World'),
    ('MLRegexReplaceProcessorTest.testReplaceWithEscapedDollarSign',
     {'type': 'regex_replace', 'pattern': 'price', 'replacement': '\\$100'}, 'The price is high', 'The $100 is high'),
    ('MLRegexReplaceProcessorTest.testReplacePhoneNumberFormat',
     {'type': 'regex_replace', 'pattern': '\\(?([0-9]{3})\\)?[-. ]?([0-9]{3})[-. ]?([0-9]{4})', 'replacement': '$1-$2-$3'}, 'Call (555) 123-4567 or 555.987.6543', 'Call 555-123-4567 or 555-987-6543'),
    ('MLRegexReplaceProcessorTest.testReplaceMultiplePatterns',
     {'type': 'regex_replace', 'pattern': 'cat|dog', 'replacement': 'animal'}, 'I have a cat and a dog', 'I have a animal and a animal'),
    ('MLRegexReplaceProcessorTest.testReplaceWordBoundary',
     {'type': 'regex_replace', 'pattern': '\\btest\\b', 'replacement': 'exam'}, 'test testing tested test', 'exam testing tested exam'),
    ('MLRegexReplaceProcessorTest.testReplaceDateFormat',
     {'type': 'regex_replace', 'pattern': '(\\d{4})-(\\d{2})-(\\d{2})', 'replacement': '$2/$3/$1'}, 'Date: 2024-03-15', 'Date: 03/15/2024'),
    ('MLRegexReplaceProcessorTest.testReplaceOnlyFirstWithMultipleMatches',
     {'type': 'regex_replace', 'pattern': '\\d+', 'replacement': 'NUM', 'replace_all': False}, '123 and 456 and 789', 'NUM and 456 and 789'),
    ('MLRegexReplaceProcessorTest.testReplaceWithNullInput',
     {'type': 'regex_replace', 'pattern': 'test', 'replacement': 'replaced'}, None, 'null'),
    ('MLToStringProcessorTest.testProcessSimpleString',
     {'type': 'to_string'}, 'hello world', 'hello world'),
    ('MLToStringProcessorTest.testProcessNumber',
     {'type': 'to_string'}, JInt(42), '42'),
    ('MLToStringProcessorTest.testProcessBoolean',
     {'type': 'to_string'}, True, 'true'),
    ('MLToStringProcessorTest.testProcessNull',
     {'type': 'to_string'}, None, 'null'),
    ('MLToStringProcessorTest.testDefaultConfigurationNoEscape',
     {'type': 'to_string'}, 'test', 'test'),
]


@pytest.mark.parametrize("test, config, value, expected", CASES, ids=[case[0] for case in CASES])
def test_ml_commons_processor_unit_cases(test, config, value, expected):
    """<Class>.<method>: the processor built from ``config`` (as Java objects, not through Gson) on ``value``."""
    from toolkit.mlcommons.processors import _build

    processor = _build(config, Profile.for_version("3.7"))
    result = processor.process(value)
    assert result is value if expected is SAME else (result == expected and type(result) is type(expected))


@pytest.mark.parametrize("config", [{"type": "set_field", "path": "$.a", "value": "x"},
                                    {"type": "remove_jsonpath", "paths": ["$.a"]}])
def test_ml_commons_writer_unit_cases_are_refused(config):
    """MLSetFieldProcessorTest.testSetFieldOnNonMapInput, MLRemoveJsonPathProcessorTest.testRemoveWithNullInput."""
    from toolkit.mlcommons.processors import _build

    with pytest.raises(EmulatorLimit):
        _build(config, Profile.for_version("3.7")).process("simple string")
