"""``response_filter`` against real Jayway JsonPath on the JVM (spec 5.4, 5.6; issue 16 item 7).

ML Commons reads ``response_filter`` with ``JsonPath.read(response, filter)`` (``ConnectorUtils.processOutput``,
``tryReadResponseFilter``), whose default provider is json-smart with its *ordered* mapper: objects are
``LinkedHashMap`` in the provider's order, arrays ``JSONArray``, numbers Integer, Long, BigInteger,
Double or BigDecimal. The oracle runs the library on generated documents and paths and prints each
result with its Java classes and iteration order; ``toolkit.mlcommons.jsonpath`` must print the same.

Libraries: Debian's ``libjsonpath-java`` (json-path 2.0.0 with json-smart 2.2) and, where the machine
has a local Maven repository, json-path 2.10.0 with json-smart 2.6.0. ML Commons pins json-path 2.9.0
and json-smart 2.5.2. Only values, classes and order are compared, which the two agree on; the
``PathNotFoundException`` messages differ between them and are not compared.
"""

from __future__ import annotations

import base64
import json
import os
import random
from decimal import Decimal
from pathlib import Path

import pytest

from tests.javavalues.oracles import run_with_jars
from toolkit.javavalues.numbers import JInt, JLong, double_to_string
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.jsonpath import PathNotFoundError, parse_response_json, read

pytestmark = pytest.mark.jvm

_M2 = Path.home() / ".m2" / "repository"
_DEBIAN = ("json-path 2.0.0 (libjsonpath-java)",
           ["/usr/share/java/json-path.jar", "/usr/share/java/json-smart.jar", "/usr/share/java/accessors-smart.jar",
            "/usr/share/java/asm.jar", "/usr/share/java/slf4j-api.jar"])
_MAVEN = ("json-path 2.10.0 (~/.m2)",
          [str(_M2 / "com/jayway/jsonpath/json-path/2.10.0/json-path-2.10.0.jar"),
           str(_M2 / "net/minidev/json-smart/2.6.0/json-smart-2.6.0.jar"),
           str(_M2 / "net/minidev/accessors-smart/2.5.2/accessors-smart-2.5.2.jar"),
           *sorted(str(p) for p in (_M2 / "org/slf4j/slf4j-api").glob("*/slf4j-api-*.jar"))[-1:]])

ORACLE = r"""
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class JsonPathOracle {
    static String dec(String b) { return new String(Base64.getDecoder().decode(b), StandardCharsets.UTF_8); }

    static void show(Object o, StringBuilder out) {
        if (o == null) { out.append("null"); return; }
        if (o instanceof Map) {
            out.append(o.getClass().getName()).append('{');
            for (Object e : ((Map<?, ?>) o).entrySet()) {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                out.append(Base64.getEncoder().encodeToString(entry.getKey().toString().getBytes(StandardCharsets.UTF_8)));
                out.append('=');
                show(entry.getValue(), out);
                out.append(',');
            }
            out.append('}');
            return;
        }
        if (o instanceof List) {
            out.append(o.getClass().getName()).append('[');
            for (Object item : (List<?>) o) { show(item, out); out.append(','); }
            out.append(']');
            return;
        }
        String text = o instanceof String
            ? Base64.getEncoder().encodeToString(((String) o).getBytes(StandardCharsets.UTF_8)) : o.toString();
        out.append(o.getClass().getName()).append(':').append(text);
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            StringBuilder out = new StringBuilder();
            try {
                show(JsonPath.read(dec(parts[0]), dec(parts[1])), out);
            } catch (PathNotFoundException e) {
                out.setLength(0);
                out.append("PathNotFound");
            } catch (RuntimeException e) {
                out.setLength(0);
                out.append("error ").append(e.getClass().getName());
            }
            System.out.println(out);
        }
    }
}
"""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _show(value, jdk: int) -> str:
    """Our value printed as the oracle prints the JVM's."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "java.util.LinkedHashMap{" + "".join(f"{_b64(k)}={_show(v, jdk)}," for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "net.minidev.json.JSONArray[" + "".join(_show(v, jdk) + "," for v in value) + "]"
    if isinstance(value, str):
        return "java.lang.String:" + _b64(value)
    if isinstance(value, bool):
        return f"java.lang.Boolean:{'true' if value else 'false'}"
    if isinstance(value, Decimal):
        return f"java.math.BigDecimal:{value}"
    if isinstance(value, float):
        return f"java.lang.Double:{double_to_string(value, jdk)}"
    kind = "java.lang.Integer" if isinstance(value, JInt) else "java.lang.Long" if isinstance(value, JLong) \
        else "java.math.BigInteger"
    return f"{kind}:{int(value)}"


# Keys chosen so that Java's HashMap order differs from the order written (Comprehend's entities among them).
_KEYS = ["BeginOffset", "EndOffset", "Score", "Text", "Type", "role", "content", "model", "z", "a", "Entities",
         "embedding", "index", "relevance_score", "b", "choices", "message"]


def _number(rng: random.Random) -> str:
    return rng.choice(["0", "-7", "2147483647", "2147483648", "-9223372036854775808", "9223372036854775808",
                       "123456789012345678901234", "0.5", "-1.25e-5", "1E10", "0.9987996816635132",
                       "1.2345678901234567890", "12345678901234567.5", "1e400", "100.0"])


def _value(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if depth > 2 or roll < 0.35:
        return rng.choice([_number(rng), '"text"', '"caf\\u00e9 \\ud83d\\ude00"', "true", "false", "null"])
    if roll < 0.7:
        keys = rng.sample(_KEYS, rng.randint(1, 6))
        if rng.random() < 0.1:
            keys.append(keys[0])  # a repeated key
        return "{" + ",".join(f'"{k}":{_value(rng, depth + 1)}' for k in keys) + "}"
    return "[" + ",".join(_value(rng, depth + 1) for _ in range(rng.randint(0, 3))) + "]"


def _paths(document) -> list[str]:
    paths = ["$", "$.*", "$[*]", "$[0]", "$[-1]", "$.Entities", "$.Entities[*]", "$.Entities[0].Text", "$.z.*",
             "$['content']", "$.choices[0].message"]
    if isinstance(document, dict):
        for key, value in document.items():
            paths += [f"$.{key}", f"$.{key}.*", f"$.{key}[*].a", f"$.{key}[0]"]
            if isinstance(value, dict):
                paths += [f"$.{key}.{inner}" for inner in value]
    return paths


def _cases(count: int = 150) -> list[tuple[str, str]]:
    rng = random.Random(16)
    documents = ['{"Entities":[{"BeginOffset":0,"EndOffset":3,"Score":0.9987996816635132,"Text":"Bob",'
                 '"Type":"PERSON"}]}']
    documents += [_value(rng, 0) for _ in range(count)] + ["null"]
    return [(doc, path) for doc in documents for path in _paths(json.loads(doc))]


def _ours(document: str, path: str, jdk: int) -> str:
    try:
        return _show(read(parse_response_json(document), path), jdk)
    except PathNotFoundError:
        return "PathNotFound"
    except IllegalArgumentError:
        return "error java.lang.IllegalArgumentException"


def _library(label: str, jars: list[str]) -> str:
    missing = [jar for jar in jars if not os.path.exists(jar)]
    if missing or not jars:
        pytest.skip(f"{label}: missing {', '.join(missing) or 'slf4j-api'} (apt-get install libjsonpath-java, "
                    "or a local Maven repository with json-path 2.10.0)")
    return os.pathsep.join(jars)


def _compare(library, major: str, cases: list[tuple[str, str]]) -> None:
    classpath = _library(*library)
    answers = run_with_jars(major, ORACLE, "JsonPathOracle", [f"{_b64(d)}\t{_b64(p)}" for d, p in cases], classpath)
    ours = [_ours(document, path, int(major)) for document, path in cases]
    bad = [(case, java, mine) for case, java, mine in zip(cases, answers, ours) if java != mine]
    print(f"[jsonpath agreement] {library[0]} JDK {major}: {len(cases) - len(bad)}/{len(cases)} agree")
    assert not bad, bad[:3]


@pytest.mark.parametrize("major", ["17", "21"])
@pytest.mark.parametrize("library", [_DEBIAN, _MAVEN], ids=["debian-2.0.0", "maven-2.10.0"])
def test_the_provider_reads_documents_as_jayway_does(library, major):
    """What the emulator relies on from every version: the whole document (``$``) with its classes,
    number types and the provider's key order (LinkedHashMap)."""
    _compare(library, major, sorted({(document, "$") for document, _ in _cases() if document != "null"}))


@pytest.mark.parametrize("major", ["17", "21"])
def test_paths_agree_with_json_path_2_10(major):
    """Paths, misses and errors as json-path 2.10 (the nearest to ML Commons' 2.9.0 here) has them.
    json-path 2.0.0 differs on misses (an index on a non-array is InvalidPathException there, and some
    indefinite misses return [] instead of PathNotFoundException): it is not the reference for them."""
    _compare(_MAVEN, major, _cases())
