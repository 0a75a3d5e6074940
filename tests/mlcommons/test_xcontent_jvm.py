"""``toolkit.mlcommons.xcontent`` against the JVM (spec 1.4; issue 16 item 4).

OpenSearch's ``intValue()`` reads a JSON string with ``Double.parseDouble``, checks the int range and
truncates; numbers and the other tokens go to Jackson (``getIntValue``, ``getBooleanValue``). The
oracles run ``Double.parseDouble`` on JDK 17 and 21, and Jackson's parser where the machine's local
Maven repository has jackson-core (the oldest and the newest found there: 2.17.2 and 2.22.3 on the
machine this was written on; OpenSearch 3.x ships a Jackson 2 in between). OpenSearch's own few
lines around them (the range check, ``Booleans``) are read from its source, not run.
"""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest

from tests.javavalues.oracles import run_lines, run_with_jars
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.xcontent import InputCoercionError, JsonParseError, NumberFormatError, read_boolean, read_int

pytestmark = pytest.mark.jvm

PARSE_DOUBLE = r"""
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class ParseDoubleOracle {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String text = new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
            String answer;
            try {
                double d = Double.parseDouble(text);
                answer = d < Integer.MIN_VALUE || d > Integer.MAX_VALUE ? "range" : "ok " + (int) d;
            } catch (NumberFormatException e) {
                answer = "nfe " + Base64.getEncoder().encodeToString(e.getMessage().getBytes(StandardCharsets.UTF_8));
            }
            System.out.println(answer);
        }
    }
}
"""

_PIECES = ["", " ", "\t", "\x01", "+", "-", "0", "1", "7", "12", "2147483647", "2147483648", ".", "e", "E", "5",
           "x", "X", "0x", "1p", "p", "P", "a", "f", "F", "d", "D", "NaN", "Infinity", "_", "\u00a0", "\u0663", "e-"]
CURATED = ["30", " 30 ", "30.9", "-30.9", "1e3", "abc", "", "   ", "NaN", "-NaN", "+Infinity", "-Infinity", "1e10",
           "0x1p4", "0x1.8P1d", "0X.8p-1", "0x10", "30d", "30F", "1_0", "+.5f", ".", "1.", "-.", "1e", "1e+",
           "2147483647.9", "2147483648", "-2147483648", "-2147483649", "1e400", "0x1p99999", "\u00a030", "١"]


def _strings() -> list[str]:
    rng = random.Random(4)
    return CURATED + ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 5))) for _ in range(600)]


def _ours(text: str) -> str:
    try:
        return f"ok {read_int(text)}"
    except NumberFormatError as exc:
        return "nfe " + base64.b64encode(exc.message.encode("utf-8")).decode("ascii")
    except IllegalArgumentError as exc:
        assert exc.message == f"Value [{text}] is out of range for an integer"
        return "range"


@pytest.mark.parametrize("major", ["17", "21"])
def test_int_from_a_string_follows_double_parse_double(major):
    strings = _strings()
    answers = run_lines(major, PARSE_DOUBLE, "ParseDoubleOracle",
                        [base64.b64encode(s.encode("utf-8")).decode("ascii") for s in strings])
    bad = [(s, java, _ours(s)) for s, java in zip(strings, answers) if java != _ours(s)]
    print(f"[xcontent agreement] Double.parseDouble JDK {major}: {len(strings) - len(bad)}/{len(strings)} agree")
    assert not bad, bad[:5]


JACKSON = r"""
import com.fasterxml.jackson.core.*;
import java.io.*;
import java.nio.charset.StandardCharsets;

public class JacksonOracle {
    static String first(Exception e) { return e.getClass().getSimpleName() + ": " + e.getMessage().split("\n")[0]; }

    public static void main(String[] args) throws IOException {
        JsonFactory factory = new JsonFactory();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonParser parser = factory.createParser("{\"v\":" + line + "}");
            parser.nextToken(); parser.nextToken(); parser.nextToken();
            String number, bool;
            try { number = "int " + parser.getIntValue(); } catch (Exception e) { number = first(e); }
            try { bool = "boolean " + parser.getBooleanValue(); } catch (Exception e) { bool = first(e); }
            System.out.println(number + " | " + bool);
        }
    }
}
"""
# Literals written as Python prints them back (the emulator has the parsed value, not the literal).
VALUES = ["null", "true", "false", "0", "-7", "2147483647", "2147483648", "-2147483649", "30.9", "-30.9",
          "2147483647.5", "-2147483648.9", "3000000000.0", "1e-05", "{\"a\": 1}", "[1]", "[]", "{}"]


def _jackson_jars() -> list[str]:
    root = Path.home() / ".m2" / "repository" / "com" / "fasterxml" / "jackson" / "core" / "jackson-core"
    return sorted(str(jar) for jar in root.glob("*/jackson-core-*.jar") if "sources" not in jar.name)


def _ours_jackson(value) -> str:
    def attempt(reader, label):
        try:
            result = reader(value)
        except (JsonParseError, InputCoercionError) as exc:
            return f"{exc.java_class.rsplit('.', 1)[1]}: {exc.message}"
        return f"{label} {str(result).lower() if isinstance(result, bool) else result}"

    return f"{attempt(read_int, 'int')} | {attempt(read_boolean, 'boolean')}"


@pytest.mark.parametrize("major", ["17", "21"])
def test_numbers_and_other_tokens_follow_jackson(major):
    import json

    jars = _jackson_jars()
    if not jars:
        pytest.skip("no jackson-core under ~/.m2/repository/com/fasterxml/jackson/core (a local Maven repository)")
    for jar in (jars[0], jars[-1]):
        answers = run_with_jars(major, JACKSON, "JacksonOracle", VALUES, jar)
        ours = [_ours_jackson(json.loads(value)) for value in VALUES]
        bad = [(value, java, mine) for value, java, mine in zip(VALUES, answers, ours) if java != mine]
        print(f"[xcontent agreement] {Path(jar).name} JDK {major}: {len(VALUES) - len(bad)}/{len(VALUES)} agree")
        assert not bad, bad[:5]
