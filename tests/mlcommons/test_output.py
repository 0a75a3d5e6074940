"""Predict output printing and parsing (spec 5.5, 5.6 step 6, 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JDouble, JFloat, JLong
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.output import (
    ClassCastError, ModelTensor, ModelTensorOutput, ModelTensors, data_type_from_filter, parse_response,
    parse_tensor_json, read_jackson_json, write_json,
)


def test_6_tensor_key_order_and_omitted_nulls():
    tensor = ModelTensor(
        data_as_map={"k": 1}, result="r", byte_buffer=(b"\x01\x02", "BIG_ENDIAN"), data=[1], shape=[1],
        data_type="INT32", name="n")
    assert tensor.to_json() == ('{"name":"n","data_type":"INT32","shape":[1],"data":[1],'
                                '"byte_buffer":{"array":"AQI=","order":"BIG_ENDIAN"},"result":"r","dataAsMap":{"k":1}}')
    assert ModelTensor(name="response").to_json() == '{"name":"response"}'


def test_6_output_shape():
    tensors = ModelTensors([ModelTensor(name="a")], status_code=200)
    assert ModelTensorOutput([tensors, ModelTensors([], 200)]).to_json() == \
        '{"inference_results":[{"output":[{"name":"a"}],"status_code":200},{"status_code":200}]}'
    assert ModelTensorOutput().to_json() == "{}"
    assert ModelTensors([ModelTensor(name="a")]).to_json() == '{"output":[{"name":"a"}]}'


@pytest.mark.parametrize("value,text", [
    (2, "2"), (JLong(2**40), "1099511627776"), (2.0, "2.0"), (100.0, "100.0"), (1e-5, "1.0E-5"), (1e7, "1.0E7"),
    (0.001, "0.001"), (JFloat(0.1), "0.1"), (Decimal("0.12345678901234567890"), "0.12345678901234567890"),
    (Decimal("1E+3"), "1000"), (True, "true"), (None, "null"),
])
def test_6_number_printing(value, text):
    assert write_json(value) == text


def test_6_double_printing_jdk_profiles():
    assert write_json(1.0E23, jdk=17) == "9.999999999999999E22"  # JDK 17's Double.toString was not shortest
    assert write_json(1.0E23, jdk=21) == "1.0E23"


def test_6_strings_escaped_like_jackson():
    assert write_json('a"\\/\n\x01é\u2028') == '"a\\"\\\\/\\n\\u0001é\u2028"'


def _hash_map(**items) -> JavaHashMap:
    table = JavaHashMap()
    for key, value in items.items():
        table.put(key, value)
    return table


def test_6_maps_print_in_their_own_order():
    table = _hash_map(role=1, content=2, model=3)
    assert write_json(table) == '{"role":1,"model":3,"content":2}'


def test_6_data_without_type_cannot_be_built():
    for data_type in (None, "UNKNOWN"):
        with pytest.raises(IllegalArgumentError, match="^data type is null$"):
            ModelTensor(name="x", data_type=data_type, data=[1.0])


@pytest.mark.parametrize("path,expected", [
    ("$.embeddings.int8", "INT8"), ("$.embeddings.uint8", "UINT8"), ("$.embeddings.binary", "BINARY"),
    ("$.embeddings.ubinary", "UBINARY"), ("$.embeddings.float", None), ("$.booleans", "BOOLEAN"),
    ("$.X.Float64", "FLOAT64"), ("$.a.unknown", "UNKNOWN"), ("$.embedding", None), ("$.int32.float16", "FLOAT16"),
])
def test_5_4_data_type_from_filter(path, expected):
    assert data_type_from_filter(path) == expected


def test_5_5_tensor_json_recognised_fields_only():
    tensors = parse_tensor_json('{"answer":"x"}')
    assert [t.to_json() for t in tensors] == ["{}"]
    text = ('[{"name":"a","data_type":"FLOAT32","shape":[2],"data":[1,0.5],"result":"r","byte_buffer":'
            '{"array":"AQI=","order":"LITTLE_ENDIAN"},"dataAsMap":{"role":1,"content":{"model":2,"name":3}}}]')
    (tensor,) = parse_tensor_json(text)
    assert tensor.to_json() == ('{"name":"a","data_type":"FLOAT32","shape":[2],"data":[1,0.5],"result":"r",'
                                '"dataAsMap":{"role":1,"content":{"name":3,"model":2}}}')


def test_5_5_data_kept_only_with_a_type():
    (tensor,) = parse_tensor_json('{"name":"a","data":[1,2]}')
    assert tensor.data is None
    (tensor,) = parse_tensor_json('{"data_type":"INT32","data":[]}')
    assert tensor.data is None


def test_5_5_tensor_json_errors():
    with pytest.raises(IllegalArgumentError,
                       match="^No enum constant org.opensearch.ml.common.output.model.MLResultDataType.float32$"):
        parse_tensor_json('{"data_type":"float32"}')
    with pytest.raises(IllegalArgumentError, match="^data type is null$"):
        parse_tensor_json('{"data_type":"UNKNOWN","data":[1]}')
    with pytest.raises(ClassCastError):
        parse_tensor_json('{"data_type":"FLOAT32","data":["x"]}')
    with pytest.raises(IllegalArgumentError, match="^Invalid JSON format: Duplicate field 'a'"):
        parse_tensor_json('{"name":"x","name":"y","dataAsMap":{"a":1,"a":2}}')


def test_5_6_parse_response_rules():
    assert parse_response('{"b":1,"a":{"c":2.5}}').to_json() == '{"name":"response","dataAsMap":{"b":1,"a":{"c":2.5}}}'
    assert parse_response('["x",1]').to_json() == '{"name":"response","dataAsMap":{"response":["x",1]}}'
    assert parse_response("Hello!").to_json() == '{"name":"response","dataAsMap":{"response":"Hello!"}}'
    assert parse_response(JDouble(3.0)).to_json() == '{"name":"response","dataAsMap":{"response":3.0}}'
    assert parse_response([1, 2]).to_json() == '{"name":"response","dataAsMap":{"response":[1,2]}}'
    assert parse_response(None).to_json() == '{"name":"response","dataAsMap":{"response":null}}'
    table = _hash_map(role=1, content=2, model=3)
    assert parse_response(table).to_json() == '{"name":"response","dataAsMap":{"role":1,"model":3,"content":2}}'


def test_5_5_jackson_numbers():
    value = read_jackson_json('{"a":1,"b":3000000000,"c":0.10000000000000000000001}')
    assert write_json(value) == '{"a":1,"b":3000000000,"c":0.1}'
