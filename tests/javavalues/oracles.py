"""JVM oracles for the javavalues tests: one JVM per JDK per batch, inputs on stdin.

Values travel in a small token language that both sides read and write:
``n`` null, ``t``/``f`` booleans, ``i<dec>;`` Integer, ``l<dec>;`` Long, ``d<hex>;`` Double bits,
``g<hex>;`` Float bits, ``c<dec>;`` Character, ``s<base64 utf-8>;`` String, ``D<text>;``
BigDecimal, ``[…]`` ArrayList, ``{k v …}`` HashMap, ``(k v …)`` LinkedHashMap, ``@`` the
innermost enclosing collection (a self-reference).
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import subprocess
import tempfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests import jvm
from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JChar, JFloat, JInt, JLong, java_type_of

JDKS = ("17", "21")

VALUE_READER = r"""
    static String src; static int pos;
    static String until() { int e = src.indexOf(';', pos); String s = src.substring(pos, e); pos = e + 1; return s; }
    static Object read(String text) { src = text; pos = 0; return parse(null); }
    static Object parse(Object self) {
        char c = src.charAt(pos++);
        switch (c) {
            case 'n': return null;
            case 't': return Boolean.TRUE;
            case 'f': return Boolean.FALSE;
            case 'i': return Integer.valueOf(Integer.parseInt(until()));
            case 'l': return Long.valueOf(Long.parseLong(until()));
            case 'd': return Double.valueOf(Double.longBitsToDouble(Long.parseUnsignedLong(until(), 16)));
            case 'g': return Float.valueOf(Float.intBitsToFloat(Integer.parseUnsignedInt(until(), 16)));
            case 'c': return Character.valueOf((char) Integer.parseInt(until()));
            case 's': return new String(java.util.Base64.getDecoder().decode(until()), java.nio.charset.StandardCharsets.UTF_8);
            case 'D': return new java.math.BigDecimal(until());
            case '@': return self;
            case '[': {
                java.util.List<Object> l = new java.util.ArrayList<>();
                while (src.charAt(pos) != ']') l.add(parse(l));
                pos++;
                return l;
            }
            case '{': case '(': {
                char end = c == '{' ? '}' : ')';
                java.util.Map<Object, Object> m = c == '{' ? new java.util.HashMap<>() : new java.util.LinkedHashMap<>();
                while (src.charAt(pos) != end) { Object k = parse(m); m.put(k, parse(m)); }
                pos++;
                return m;
            }
            default: throw new IllegalArgumentException("bad token " + c + " at " + pos);
        }
    }
    static String b64(String s) { return java.util.Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
"""


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def unb64(text: str) -> str:
    return base64.b64decode(text).decode("utf-8")


def double_bits(x: float) -> str:
    return format(struct.unpack("<Q", struct.pack("<d", x))[0], "x")


def float_bits(x: float) -> str:
    return format(struct.unpack("<I", struct.pack("<f", x))[0], "x")


def encode(value: object, self_ref: object = None) -> str:
    """The token form of a Python-modelled Java value."""
    if value is None:
        return "n"
    if value is self_ref:
        return "@"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return f"s{b64(value)};"
    if isinstance(value, Decimal):
        return f"D{value};"
    if isinstance(value, (int, float)):
        kind = java_type_of(value)
        if kind is JChar:
            return f"c{int(value)};"
        if kind is JInt:
            return f"i{int(value)};"
        if kind is JLong:
            return f"l{int(value)};"
        if kind is JFloat:
            return f"g{float_bits(value)};"
        return f"d{double_bits(value)};"
    if isinstance(value, list):
        return "[" + "".join(encode(v, value) for v in value) + "]"
    if isinstance(value, Mapping):
        open_, close = ("{", "}") if isinstance(value, JavaHashMap) else ("(", ")")
        return open_ + "".join(encode(k, value) + encode(v, value) for k, v in value.items()) + close
    raise TypeError(type(value))


def collect(strategy, count: int) -> list:
    """``count`` examples drawn by hypothesis (edge cases included), to batch into one JVM run."""
    found = []

    @settings(max_examples=count, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def gather(example):
        found.append(example)

    gather()
    return found


def run_lines(major: str, source: str, class_name: str, lines: list[str]) -> list[str]:
    """Run an oracle on ``lines`` (one answer line per input line expected)."""
    out = jvm.run_oracle(major, source, class_name, "".join(line + "\n" for line in lines))
    answers = out.split("\n")[:-1]
    assert len(answers) == len(lines), f"JDK {major} answered {len(answers)} of {len(lines)} lines"
    return answers


def compare(label: str, major: str, inputs: list, expected: list[str], actual: list[str]) -> None:
    """Assert agreement; print a one-line summary; show the first disagreements."""
    bad = [(i, e, a) for i, e, a in zip(inputs, expected, actual) if e != a]
    print(f"{label} JDK {major}: {len(inputs) - len(bad)}/{len(inputs)} agree with the JVM")
    assert not bad, (f"{label} JDK {major}: {len(inputs) - len(bad)}/{len(inputs)} agree; "
                     f"first disagreements (input, jvm, ours): {bad[:5]}")


# -- third-party jars from Debian packages (libgoogle-gson-java, libcommons-text-java) --------

JARS = {
    "gson": ("/usr/share/java/gson.jar", "libgoogle-gson-java"),
    "commons-text": ("/usr/share/java/commons-text.jar", "libcommons-text-java"),
    "commons-lang3": ("/usr/share/java/commons-lang3.jar", "libcommons-lang3-java"),
}


def require_jars(*names: str) -> str:
    """Skip unless the Debian jars exist; return the classpath."""
    missing = [JARS[n][1] for n in names if not os.path.exists(JARS[n][0])]
    if missing:
        pytest.skip(f"jar(s) missing under /usr/share/java: apt-get install {' '.join(missing)}")
    return os.pathsep.join(JARS[n][0] for n in names)


def run_with_jars(major: str, source: str, class_name: str, lines: list[str], classpath: str) -> list[str]:
    """Like ``run_lines`` but compiling and running with third-party jars on the classpath."""
    java = jvm.require_jvm(major)
    digest = hashlib.sha256((source + classpath).encode()).hexdigest()[:16]
    build = Path(tempfile.gettempdir()) / "blueprint-toolkit-jvm-oracles" / f"{class_name}-jars-{digest}"
    if not (build / f"{class_name}.class").exists():
        build.mkdir(parents=True, exist_ok=True)
        (build / f"{class_name}.java").write_text(source, encoding="utf-8")
        subprocess.run([jvm.javac(), "--release", "17", "-encoding", "UTF-8", "-cp", classpath,
                        "-d", str(build), str(build / f"{class_name}.java")],
                       check=True, capture_output=True, timeout=300)
    proc = subprocess.run([java, "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp",
                           os.pathsep.join([str(build), classpath]), class_name],
                          input="".join(line + "\n" for line in lines).encode("utf-8"),
                          capture_output=True, timeout=300, check=True)
    answers = proc.stdout.decode("utf-8").split("\n")[:-1]
    assert len(answers) == len(lines), f"JDK {major} answered {len(answers)} of {len(lines)} lines"
    return answers
