"""APIs a JSON-building script reaches for: HashSet, TreeMap, Iterator, Optional, Locale case mapping,
Pattern.split, String.codePointAt, functional parameter types, typed lambda parameters, === and !==.

Availability follows OpenSearch's base allowlist (``modules/lang-painless/src/main/resources/org/
opensearch/painless/spi/java.util.txt``, ``java.lang.txt``, ``java.util.regex.txt``); behaviour the
JVM decides (iteration order, text, exception messages) is compared with JDK 17 and 21 (``tests/jvm.py``).
"""

from __future__ import annotations

import base64
import json
import random

import pytest

from tests.jvm import run_oracle
from toolkit.painless import run_script

ORACLE = r"""
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Pattern;

public class JavaUtilOracle {
    static String text(String b64) { return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8); }
    static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }
    static List<Object> items(String field) {
        List<Object> out = new ArrayList<>();
        for (String item : field.isEmpty() ? new String[0] : field.split(",")) {
            String value = text(item.substring(1));
            out.add(item.charAt(0) == 'i' ? (Object) Integer.valueOf(value) : value);
        }
        return out;
    }
    static String run(String[] f) {
        switch (f[0]) {
            case "hashset": {
                Set<Object> s = new HashSet<>(); for (Object x : items(f[1])) s.add(x);
                return s.toString();
            }
            case "hashsetof": return new HashSet<>(items(f[1])).toString();
            case "hashsetclone": {
                HashSet<Object> s = new HashSet<>(); for (Object x : items(f[1])) s.add(x);
                return s.clone().toString();
            }
            case "treemap": {
                TreeMap<Object, Object> m = new TreeMap<>(); int i = 0;
                for (Object x : items(f[1])) m.put(x, i++);
                return m.toString();
            }
            case "split": {
                StringBuilder b = new StringBuilder();
                for (String piece : Pattern.compile(text(f[1])).split(text(f[3]), Integer.parseInt(f[2]))) {
                    b.append(b64(piece)).append(',');
                }
                return b.toString();
            }
            case "case": {
                Locale locale = Locale.forLanguageTag(f[1]);
                String s = text(f[2]);
                return b64(s.toUpperCase(locale)) + "," + b64(s.toLowerCase(locale));
            }
            case "codepoint": {
                String s = text(f[1]);
                int i = Integer.parseInt(f[2]);
                try { return String.valueOf(s.codePointAt(i)); } catch (RuntimeException e) { return e.toString(); }
            }
            default: throw new IllegalArgumentException(f[0]);
        }
    }
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) out.println(run(line.split("\t", -1)));
    }
}
"""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _unb64(text: str) -> str:
    return base64.b64decode(text).decode("utf-8")


def _jvm(major: str, lines: list[str]) -> list[str]:
    return run_oracle(major, ORACLE, "JavaUtilOracle", "".join(line + "\n" for line in lines)).splitlines()


def _items(values: list) -> str:
    return ",".join(("i" if isinstance(v, int) else "s") + _b64(str(v)) for v in values)


def _words(rng: random.Random, count: int) -> list:
    alphabet = "abcxyzAZ09_-é€漢"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(count)]
    return list(dict.fromkeys(values))


@pytest.mark.parametrize("jdk", ["17", "21"])
def test_hashset_and_treemap_order_and_text_match_the_jvm(jdk):
    rng = random.Random(7)
    cases = [_words(rng, rng.randint(0, 40)) for _ in range(60)]
    cases += [[rng.randint(-10**6, 10**6) for _ in range(rng.randint(0, 30))] for _ in range(30)]
    ops = ("hashset", "hashsetof", "hashsetclone", "treemap")
    lines = [f"{op}\t{_items(values)}" for values in cases for op in ops]
    expected = _jvm(jdk, lines)
    scripts = {
        "hashset": "Set s = new HashSet(); for (def x : params.xs) { s.add(x) } return s.toString()",
        "hashsetof": "return new HashSet(params.xs).toString()",
        "hashsetclone": "HashSet s = new HashSet(); for (def x : params.xs) { s.add(x) } return s.clone().toString()",
        "treemap": "Map m = new TreeMap(); int i = 0; for (def x : params.xs) { m.put(x, i++) } return m.toString()",
    }
    got = [run_script(scripts[op], {"xs": values}, jdk=int(jdk)) for values in cases for op in scripts]
    assert got == expected


@pytest.mark.parametrize("jdk", ["17", "21"])
def test_pattern_split_matches_the_jvm(jdk):
    patterns = [",", ",+", "\\s*,\\s*", "x*", "(?=b)", "", "a|b", "\\b", "^", "$", "[0-9]+"]
    inputs = ["", "a,b,,c,,", ",a,,b,", "abcabc", " a , b ,c ", "b", "12ab34cd", "aaa", "a b  c"]
    cases = [(p, limit, text) for p in patterns for limit in (0, -1, 1, 2, 3) for text in inputs]
    expected = _jvm(jdk, [f"split\t{_b64(p)}\t{limit}\t{_b64(text)}" for p, limit, text in cases])
    for (pattern, limit, text), line in zip(cases, expected):
        script = f"return /{pattern}/.split(params.s, {limit})" if pattern else "return /(?:)/.split(params.s, " \
                 f"{limit})"
        result = run_script(script, {"s": text}, jdk=int(jdk))
        assert [str(piece) for piece in result.items] == [_unb64(x) for x in line.split(",")[:-1]], (pattern, text)


@pytest.mark.parametrize("jdk", ["17", "21"])
def test_locale_case_mapping_matches_the_jvm(jdk):
    rng = random.Random(11)
    alphabet = "aZß漢İıŉǰΐﬀǅ Ⱟ\U00010570éÉ-1"  # U+2C2F and U+10570 gained case mappings after JDK 17
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(300)]
    tags = {"ROOT": "und", "ENGLISH": "en", "US": "en-US", "GERMANY": "de-DE", "FRENCH": "fr"}
    lines = [f"case\t{tag}\t{_b64(text)}" for text in texts for tag in tags.values()]
    expected = _jvm(jdk, lines)
    got = []
    for text in texts:
        for name in tags:
            upper = run_script(f"return params.s.toUpperCase(Locale.{name})", {"s": text}, jdk=int(jdk))
            lower = run_script(f"return params.s.toLowerCase(Locale.{name})", {"s": text}, jdk=int(jdk))
            got.append(_b64(upper) + "," + _b64(lower))
    assert got == expected


@pytest.mark.parametrize("jdk", ["17", "21"])
def test_code_point_at_and_its_bounds_message_match_the_jvm(jdk):
    cases = [("abc", i) for i in (-1, 0, 2, 3, 5)] + [("é漢", 1)]
    expected = _jvm(jdk, [f"codepoint\t{_b64(text)}\t{i}" for text, i in cases])
    got = []
    for text, i in cases:
        try:
            got.append(str(run_script(f"return params.s.codePointAt({i})", {"s": text}, jdk=int(jdk))))
        except Exception as exc:  # a PainlessRuntimeError carries the Java class and message
            got.append(f"{exc.java_class}: {exc.java_message}")
    assert got == expected


def painless(run_cli, tmp_path, script: str, *options: str):
    path = tmp_path / "script.painless"
    path.write_text(script, encoding="utf-8")
    return run_cli("painless", str(path), *options)


@pytest.mark.parametrize(("script", "expected"), [
    # BasicAPITests.testListIterator, testSetIterator, testMapIterator
    ("List x = new ArrayList(); x.add(2); x.add(3); x.add(-2); Iterator y = x.iterator(); "
     "int total = 0; while (y.hasNext()) total += y.next(); return total;", "3"),
    ("Set x = new HashSet(); x.add('a'); x.add('b'); x.add('c'); Iterator y = x.iterator(); "
     "String total = ''; while (y.hasNext()) total += y.next(); return total;", "abc"),
    ("Map x = new HashMap(); x.put(2, 2); x.put(3, 3); x.put(-2, -2); Iterator y = x.values().iterator(); "
     "int total = 0; while (y.hasNext()) total += (int)y.next(); return total;", "3"),
    # Iterator.remove through the iterator is allowed; a HashSet drops duplicates and answers with booleans
    ("List l = [1, 2, 3]; Iterator it = l.iterator(); while (it.hasNext()) { if (it.next() == 2) { it.remove() } } "
     "return l", "[1, 3]"),
    ("Set s = new HashSet(['b', 'a']); boolean again = s.add('a'); return s + ' ' + again + ' ' + s.contains('b')",
     "[a, b] false true"),
    ("Set a = new HashSet([1, 2]); Set b = new HashSet([2, 1]); "
     "return (a == b) + ' ' + a.equals(b) + ' ' + (a.hashCode() == b.hashCode()) + ' ' + a.equals([1, 2])",
     "true true true false"),
    # TreeMap: keys in compareTo order, the navigation methods of java.util.txt
    ("TreeMap m = new TreeMap(); m.put('b', 2); m.put('a', 1); m.put('c', 3); "
     "return m + ' ' + m.firstKey() + m.lastKey() + ' ' + m.ceilingKey('bb') + ' ' + m.floorEntry('bb')",
     "{a=1, b=2, c=3} ac c b=2"),
    ("Map m = new TreeMap((x, y) -> y.compareTo(x)); m.put('a', 1); m.put('b', 2); return m", "{b=2, a=1}"),
    # LambdaTests.testNoArgLambdaDef, testCapture; java.util.txt's Optional
    ("def x = Optional.empty(); x.orElseGet(() -> 1);", "1"),
    ("int x = 5; return Optional.empty().orElseGet(() -> x);", "5"),
    ("return Optional.of('a').map(s -> s + 'b').get() + ' ' + Optional.ofNullable(null) + ' ' + Optional.of(1.5)",
     "ab Optional.empty Optional[1.5]"),
    # LambdaTests.testPrimitiveLambdasWithTypedArgs, testPrimitiveLambdasConvertible: typed lambda parameters
    ("List l = new ArrayList(); l.add(1); l.add(1); return l.stream().mapToInt(int x -> x + 1).sum();", "4"),
    ("List l = new ArrayList(); l.add((short)1); l.add(1); return l.stream().mapToInt(long x -> (int)1).sum();", "2"),
    ("List l = ['looooong', 'short']; l.sort((String a, String b) -> a.length() - b.length()); return l.get(0)",
     "short"),
    # Function and Supplier parameter types (LambdaTests.testNestedCaptureParams, testReservedCapture)
    ("int foo(Function f) { return f.apply(1) } return foo(x -> foo(y -> x + 1))", "2"),
    ("boolean compare(Supplier s, def v) { return s.get() == v } "
     "return compare(() -> new ArrayList(), new ArrayList())",
     "true"),
    # Locale.ROOT, String.codePointAt, Pattern.split
    ("return 'straße'.toUpperCase(Locale.ROOT) + ' ' + 'ÉCOLE'.toLowerCase(Locale.ROOT)", "STRASSE école"),
    ("return 'Aé'.codePointAt(1)", "233"),
    ("return /\\s*,\\s*/.split('a , b,c').length", "3"),
    # RegexTests.testReplaceAllMatchesString, testReplaceAllQuoteReplacement, testReplaceFirstNoMatchString
    ("'the quick brown fox'.replaceAll(/[aeiou]/, m -> m.group().toUpperCase(Locale.ROOT))", "thE qUIck brOwn fOx"),
    ("'the quick brown fox'.replaceAll(/[aeiou]/, m -> '$' + m.group().toUpperCase(Locale.ROOT))",
     "th$E q$U$Ick br$Own f$Ox"),
    ("'i am cat'.replaceFirst(/dolphin/, m -> m.group().toUpperCase(Locale.ROOT))", "i am cat"),
    # EqualsTests.testBranchEquals, testRightHandNull, testTypesEquals
    ("def a = 1; def b = 1; if (a === b) return 1; else return 0;", "1"),
    ("def a = (char)'a'; def b = (char)'a'; if (a === b) return 1; else return 0;", "1"),
    ("def a = 1; Object b = new HashMap(); if (a !== (Object)b) return 1; else return 0;", "1"),
    ("HashMap a = new HashMap(); return a === null", "false"),
    ("boolean x = false; boolean y = false; return x === y", "true"),
    ("double x = 3; double y = 3; return x === y", "true"),  # two primitives compare by value
    ("return (float)3 !== (float)4;", "true"),
])
def test_apis_json_building_scripts_use(run_cli, tmp_path, script, expected):
    result = painless(run_cli, tmp_path, script)
    assert (result.code, result.out, result.err) == (0, expected + "\n", "")


def test_json_is_not_allowlisted_outside_opensearch_tests(run_cli, tmp_path):
    # JsonTests runs with lang-painless' test allowlist, which has org.opensearch.painless.api.Json "for unit
    # tests only"; no base allowlist file has it, so a cluster refuses the script at compile time.
    result = painless(run_cli, tmp_path, "def data = ['hello': 'world'];\nreturn Json.dump(data)", "--check",
                      "--format", "json")
    error = json.loads(result.out)["error"]
    assert (result.code, error["kind"], error["message"], error["line"], error["column"]) == (
        1, "compile error", "cannot resolve symbol [Json]", 2, 12)


@pytest.mark.parametrize(("script", "exception"), [
    ("Optional.empty().get()", "java.util.NoSuchElementException: No value present"),
    ("Optional.of(null)", "java.lang.NullPointerException"),
    ("def o = Optional.empty(); return o.isEmpty()",  # java.util.txt's Optional has no isEmpty (Java 11)
     "java.lang.IllegalArgumentException: dynamic method [java.util.Optional, isEmpty/0] not found"),
    ("def l = [1, 2]; def it = l.iterator(); it.next(); l.add(3); it.next()",
     "java.util.ConcurrentModificationException"),
    ("def it = [1].iterator(); it.remove()", "java.lang.IllegalStateException"),
    ("def m = new TreeMap(); m.put('a', 1); m.put(1, 2)", "java.lang.ClassCastException"),
    ("def m = new TreeMap(); m.put(null, 1)", "java.lang.NullPointerException"),
])
def test_java_exceptions_of_these_apis(run_cli, tmp_path, script, exception):
    result = painless(run_cli, tmp_path, script)
    assert result.code == 1 and f"runtime error: {exception}" in result.err, result.err


@pytest.mark.parametrize("script", [
    "return 'a'.toLowerCase(new Locale('tr'))",
    "return 'ΟΔΟΣ'.toLowerCase(Locale.ROOT)",  # Java's final-sigma context differs from Python's
    "def a = 'x' + params.x; def b = 'x' + params.x; return a === b",  # the identity of two Strings
])
def test_what_the_emulator_cannot_decide_is_refused(run_cli, tmp_path, script):
    result = painless(run_cli, tmp_path, script, "--params", '{"x": "y"}')
    assert result.code == 1 and "unsupported in this emulator" in result.err
