"""String.valueOf, commons-text escapeJson and Gson against the real JVM libraries.

String.valueOf needs only the JDK. The escapeJson and Gson oracles need Debian's jars
(libcommons-text-java with libcommons-lang3-java, and libgoogle-gson-java); they skip with the
package names when those are absent.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal

import pytest
from hypothesis import strategies as st

from tests.javavalues.oracles import (
    JDKS, VALUE_READER, b64, collect, compare, encode, require_jars, run_lines, run_with_jars, unb64,
)
from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JChar, JDouble, JFloat, JInt, JLong
from toolkit.javavalues.text import (
    escape_json_commons_text, gson_escape_string, gson_to_json, java_to_string,
)

pytestmark = pytest.mark.jvm

VALUE_OF = """
import java.io.*;
import java.nio.charset.StandardCharsets;

public class ValueOfOracle {
""" + VALUE_READER + """
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) System.out.println(b64(String.valueOf(read(line))));
    }
}
"""

scalars = st.one_of(
    st.none(), st.booleans(), st.text(max_size=8),
    st.integers(-(2**31), 2**31 - 1).map(JInt), st.integers(-(2**63), 2**63 - 1).map(JLong),
    st.floats().map(JDouble), st.floats(width=32).map(JFloat),
    st.integers(0, 0xFFFF).filter(lambda c: not 0xD800 <= c < 0xE000).map(JChar),
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(lambda d: abs(d.adjusted()) < 50),
)


def _hashmap(pairs) -> JavaHashMap:
    m = JavaHashMap()
    for k, v in pairs:
        m[k] = v
    return m


map_keys = st.one_of(st.none(), st.text(max_size=5), st.integers(-100, 100).map(JInt), st.floats().map(JDouble))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(st.tuples(map_keys, inner), max_size=5).map(_hashmap),
        st.dictionaries(st.text(max_size=4), inner, max_size=4),
    ),
    max_leaves=20,
)

SELF_REFERENCES = []
_list: list = ["a"]
_list.append(_list)
SELF_REFERENCES.append(_list)
_map = JavaHashMap()
_map[_map] = "key"  # hashed while empty, as in Java
_map["me"] = _map
SELF_REFERENCES.append(_map)
_dict: dict = {"x": 1}
_dict["self"] = _dict
SELF_REFERENCES.append(_dict)


@functools.cache
def value_cases() -> list:
    return SELF_REFERENCES + [[2e23, 1e23, 5e-324, JFloat(1e-45)]] + collect(values, 500)


@functools.cache
def gson_cases() -> list:
    fixed = [[0.00001, 1e21, 100000.0, JInt(1), 1.0], Decimal("1E+3"), "<b>&='\u2028"]
    return fixed + collect(gson_values, 600)


@pytest.mark.parametrize("major", JDKS)
def test_string_value_of_matches_jvm(major):
    cases = value_cases()
    lines = [encode(v) for v in cases]
    jvm_out = [unb64(x) for x in run_lines(major, VALUE_OF, "ValueOfOracle", lines)]
    compare("String.valueOf", major, lines, jvm_out, [java_to_string(v, int(major)) for v in cases])


ESCAPE = """
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.commons.text.StringEscapeUtils;

public class EscapeJsonOracle {
""" + VALUE_READER + """
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) System.out.println(b64(StringEscapeUtils.escapeJson((String) read(line))));
    }
}
"""

texts = st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=0x3000)),
                  st.text(alphabet='"\\/\b\f\n\r\t\x00\x1f\x7f\x80 <>&=\'\u2028\u2029😀é'))


def test_escape_json_matches_commons_text():
    classpath = require_jars("commons-text", "commons-lang3")
    cases = ["", "café", "\x7f", "😀", "\u2028/"] + collect(texts, 1500)
    lines = [encode(t) for t in cases]
    jvm_out = [unb64(x) for x in run_with_jars("21", ESCAPE, "EscapeJsonOracle", lines, classpath)]
    compare("commons-text escapeJson", "21", lines, jvm_out, [escape_json_commons_text(t) for t in cases])


GSON = """
import java.io.*;
import java.nio.charset.StandardCharsets;
import com.google.gson.*;

public class GsonOracle {
""" + VALUE_READER + """
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Gson mlCommons = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        Gson plain = new Gson();
        String line;
        while ((line = in.readLine()) != null) {
            Object value = read(line);
            StringBuilder sb = new StringBuilder();
            for (Gson g : new Gson[] {mlCommons, plain}) {
                try { sb.append(b64(g.toJson(value))); }
                catch (IllegalArgumentException e) { sb.append("!").append(b64(e.getMessage())); }
                sb.append(' ');
            }
            String s = value instanceof String ? (String) value : "";
            String quoted = mlCommons.toJson(s);
            sb.append(b64(quoted.substring(1, quoted.length() - 1)));
            System.out.println(sb);
        }
    }
}
"""


def _ours_gson(value, jdk: int, **flags) -> str:
    try:
        return b64(gson_to_json(value, jdk=jdk, **flags))
    except ValueError as error:
        return "!" + b64(str(error))


def _ours_gson_line(value, jdk: int) -> str:
    escaped = gson_escape_string(value if isinstance(value, str) else "")
    return " ".join([_ours_gson(value, jdk), _ours_gson(value, jdk, html_safe=True, serialize_nulls=False),
                     b64(escaped)])


gson_values = st.one_of(texts, values, st.lists(st.sampled_from([JDouble(math.nan), math.inf, -math.inf])))


@pytest.mark.parametrize("major", JDKS)
def test_gson_matches_real_gson(major):
    classpath = require_jars("gson")
    cases = gson_cases()
    lines = [encode(v) for v in cases]
    jvm_out = run_with_jars(major, GSON, "GsonOracle", lines, classpath)
    compare("Gson", major, lines, jvm_out, [_ours_gson_line(v, int(major)) for v in cases])
