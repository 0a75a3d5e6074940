"""Allowlisted methods, one or more checks each (java.lang.txt of lang-painless for the signatures)."""

from __future__ import annotations

import pytest

from toolkit.painless.errors import PainlessRuntimeError, PainlessUnsupported

from .helpers import run, text


@pytest.mark.parametrize(("source", "expected"), [
    # String
    ("return 'hello'.length()", "5"), ("return 'hello'.charAt(1)", "e"), ("return 'hello'.substring(1)", "ello"),
    ("return 'hello'.substring(1, 3)", "el"), ("return 'hello'.indexOf('l')", "2"),
    ("return 'hello'.indexOf('l', 3)", "3"), ("return 'hello'.lastIndexOf('l')", "3"),
    ("return 'hello'.lastIndexOf('l', 2)", "2"), ("return 'hello'.contains('ell')", "true"),
    ("return 'hello'.startsWith('he')", "true"), ("return 'hello'.startsWith('l', 2)", "true"),
    ("return 'hello'.endsWith('lo')", "true"), ("return ''.isEmpty()", "true"),
    ("return 'a'.concat('b')", "ab"), ("return 'a-b-c'.replace('-', '+')", "a+b+c"),
    ("return '  x \t'.trim()", "x"), ("return 'AbC'.toLowerCase() + 'AbC'.toUpperCase()", "abcABC"),
    ("return 'a'.equals('a') && !'a'.equals(null)", "true"), ("return 'ABC'.equalsIgnoreCase('abc')", "true"),
    ("return 'b'.compareTo('a') + ',' + 'a'.compareTo('abc')", "1,-2"), ("return 'ab'.hashCode()", "3105"),
    ("return 'a,b,,'.splitOnToken(',').length", "4"), ("return 'a,b,c'.splitOnToken(',', 2)[1]", "b,c"),
    ("return 'hi'.encodeBase64()", "aGk="), ("return 'aGk='.decodeBase64()", "hi"),
    ("return 'ab'.toCharArray()[1]", "b"), ("return 'abc'.subSequence(0, 2)", "ab"),
    ("return String.valueOf(1.0) + String.join('|', ['a', 'b'])", "1.0a|b"),
    # StringBuilder
    ("def sb = new StringBuilder('x'); sb.append(1).append(2.0).append(null).append([1]); return sb",
     "x12.0null[1]"),
    ("def sb = new StringBuilder(); sb.append('abc'); return sb.length() + ',' + sb.charAt(2)", "3,c"),
    ("return new StringBuilder('abc').reverse().toString()", "cba"),
    ("return new StringBuilder('abc').insert(1, 'X')", "aXbc"),
    ("def sb = new StringBuilder('abc,'); sb.setLength(sb.length() - 1); return sb", "abc"),
    ("return new StringBuilder('abc').deleteCharAt(0).toString()", "bc"),
    ("return new StringBuilder('abcd').delete(1, 3).toString()", "ad"),
    ("return new StringBuilder('abcd').replace(1, 3, 'X').toString()", "aXd"),
    ("return new StringBuilder('abcb').indexOf('b') + new StringBuilder('ab').substring(1)", "1b"),
    # List
    ("def l = [1]; l.add(2); l.add(0, 0); l.addAll([3, 4]); return l", "[0, 1, 2, 3, 4]"),
    ("def l = [1, 2, 3]; l.set(0, 9); l.remove(1); return l + ',' + l.get(1) + ',' + l.size()", "[9, 3],3,2"),
    ("def l = [1, 2, 1]; return l.indexOf(1) + ',' + l.lastIndexOf(1) + ',' + l.contains(2)", "0,2,true"),
    ("def l = [1, 2]; l.clear(); return l.isEmpty()", "true"),
    ("return [1, 2, 3, 4].subList(1, 3)", "[2, 3]"),
    ("def l = ['b', 'c', 'a']; l.sort(null); return l", "[a, b, c]"),
    ("def l = [1, 2, 3, 4]; l.removeIf(x -> x > 2); return l", "[1, 2]"),
    ("return [1, 2].join('-') + [1, 2].any(x -> x > 1) + [1, 2].every(x -> x > 1)", "1-2truefalse"),
    ("return [1, 2, 3].findAll(x -> x != 2) + '' + [1, 2].find(x -> x > 1) + [1, 2].collect(x -> x * 3)",
     "[1, 3]2[3, 6]"),
    ("[1, 2].each(x -> x); return [1, 2].getLength()", "2"),
    ("return [1, 2].hashCode() + ',' + [1, 2].equals([1, 2])", "994,true"),
    ("return new ArrayList([1, 2]).size() + new ArrayList().size()", "2"),
    ("return [1, 2.5].sum() + ',' + ['a', 'bb'].sum(s -> s.length())", "3.5,3.0"),
    ("return [1, 2, 3].containsAll([3, 1])", "true"),
    # Map
    ("def m = new HashMap(); m.put('a', 1); return m.get('a') + ',' + m.getOrDefault('b', 7)", "1,7"),
    ("def m = ['a': 1]; m.putIfAbsent('a', 2); m.putIfAbsent('b', 3); return m", "{a=1, b=3}"),
    ("def m = ['a': 1, 'b': 2]; m.remove('a'); return m.containsKey('b') + ',' + m.containsValue(2)", "true,true"),
    ("def m = ['a': 1]; m.putAll(['b': 2]); return m.size() + ',' + m.keySet() + ',' + m.values()",
     "2,[a, b],[1, 2]"),
    ("def out = []; ['a': 1].entrySet().forEach(e -> out.add(e.getKey() + e.getValue())); return out", "[a1]"),
    ("def out = []; ['a': 1].forEach((k, v) -> out.add(k + v)); return out", "[a1]"),
    ("def m = [:]; m.computeIfAbsent('k', k -> []).add(1); return m", "{k=[1]}"),
    ("def m = ['a': 1]; m.clear(); return m.isEmpty()", "true"),
    ("def m = [:]; for (w in ['x', 'y', 'x']) { m.merge(w, 1, (a, b) -> a + b) } return m", "{x=2, y=1}"),
    ("def m = ['a': 1]; m.compute('a', (k, v) -> v + 1); m.compute('b', (k, v) -> null); return m", "{a=2}"),
    ("def m = ['a': 1]; for (e in m.entrySet()) { if (e != null) { return e } } return null", "a=1"),
    # Numbers, Math, parsing
    ("return Math.max(1, 2) + ',' + Math.min(1.5, 2) + ',' + Math.abs(-3)", "2.0,1.5,3.0"),
    ("return Math.round(2.5) + ',' + Math.round(-2.5) + ',' + Math.round(0.49999999999999994)", "3,-2,0"),
    ("return Math.floor(-1.5) + ',' + Math.ceil(-0.5) + ',' + Math.sqrt(16) + ',' + Math.signum(-2.0)",
     "-2.0,-0.0,4.0,-1.0"),
    ("return Math.PI", "3.141592653589793"),
    ("return Integer.parseInt('-42') + Long.parseLong('9000000000')", "8999999958"),
    ("return Double.parseDouble(' 1.5e3 ') + ',' + Double.parseDouble('1f')", "1500.0,1.0"),
    ("return Integer.valueOf(5) + Integer.toString(6) + Integer.max(1, 2)", "562"),
    ("return Double.valueOf(1) + ',' + Double.isNaN(0.0 / 0.0) + ',' + Double.toString(1)", "1.0,true,1.0"),
    ("return Long.MAX_VALUE + ',' + Integer.MIN_VALUE + ',' + Double.MAX_VALUE", "9223372036854775807,-2147483648,"
     "1.7976931348623157E308"),
    ("def x = 5; return x.doubleValue() + ',' + x.longValue() + ',' + x.compareTo(7) + ',' + x.equals(5L)",
     "5.0,5,-1,false"),
    ("return 2.5.intValue() + ',' + (0.0 / 0).isNaN()", "2,true"),
    ("return Boolean.parseBoolean('TRUE') + ',' + true.booleanValue()", "true,true"),
    # BigDecimal
    ("return new BigDecimal('1.2345').setScale(2, RoundingMode.HALF_UP)", "1.23"),
    ("return new BigDecimal('2.5').setScale(0, RoundingMode.HALF_EVEN)", "2"),
    ("return new BigDecimal(0.1)", "0.1000000000000000055511151231257827021181583404541015625"),
    ("return BigDecimal.valueOf(0.1).add(new BigDecimal('0.20'))", "0.30"),
    ("return new BigDecimal('1E+3').toPlainString() + ',' + new BigDecimal('1E+3')", "1000,1E+3"),
    ("return new BigDecimal('1.50').stripTrailingZeros() + ',' + new BigDecimal('2').multiply(new BigDecimal('0.5'))",
     "1.5,1.0"),
    ("return new BigDecimal('1.5').doubleValue() + new BigDecimal('10').compareTo(new BigDecimal('9.99'))", "2.5"),
    # Streams
    ("return [3, 1, 2].stream().filter(x -> x > 1).sorted().collect(Collectors.toList())", "[2, 3]"),
    ("return ['a', 'b'].stream().collect(Collectors.joining(', ', '<', '>'))", "<a, b>"),
    ("return [1, 2, 3].stream().count() + ',' + [1, 2].stream().anyMatch(x -> x == 2)", "3,true"),
    ("return [1, 2, 3].stream().limit(2).skip(1).findFirst().get()", "2"),
    ("return [].stream().findFirst().orElse('none') + [1].stream().findFirst().isPresent()", "nonetrue"),
    ("return [1, 2].stream().mapToLong(x -> x).sum()", "3"),
    # Collections
    ("def l = [3, 1, 2]; Collections.sort(l); Collections.reverse(l); return l", "[3, 2, 1]"),
    ("def l = ['b', 'a']; Collections.sort(l, (x, y) -> y.compareTo(x)); return l", "[b, a]"),
    ("return Collections.max([1, 5, 2]) + Collections.min(['b', 'a'])", "5a"),
    ("return Collections.emptyList().size() + Collections.singletonList(7).get(0)", "7"),
    # Exceptions
    ("return new IllegalStateException('m').getMessage()", "m"),
    ("return new RuntimeException().toString()", "java.lang.RuntimeException"),
])
def test_method(source, expected):
    assert text(source) == expected


@pytest.mark.parametrize(("source", "message"), [
    ("def s = 'a,b'; return s.split(',')", "dynamic method [java.lang.String, split/1] not found"),
    ("def s = 'abc'; return s.matches('a')", "dynamic method [java.lang.String, matches/1] not found"),
    ("def s = 'abc'; return s.length", "dynamic getter [java.lang.String, length] not found"),
    ("def n = 5; return n.size()", "dynamic method [java.lang.Integer, size/0] not found"),
    ("def sb = new StringBuilder(); return sb.foo()", "dynamic method [java.lang.StringBuilder, foo/0] not found"),
])
def test_methods_painless_does_not_have_are_errors(source, message):
    with pytest.raises(PainlessRuntimeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        run(source)


@pytest.mark.parametrize(("source", "exception"), [
    ("return 'abc'.charAt(5)", "StringIndexOutOfBoundsException"),
    ("return 'abc'.substring(2, 1)", "StringIndexOutOfBoundsException"),
    ("return Integer.parseInt('2147483648')", "NumberFormatException"),
    ("return Integer.parseInt(' 1')", "NumberFormatException"),
    ("return Double.parseDouble('abc')", "NumberFormatException"),
    ("def s = '1.5'; return Double.valueOf(s)", "ClassCastException"),
    ("return new BigDecimal('1.25').setScale(1)", "ArithmeticException"),
    ("return [].stream().findFirst().get()", "NoSuchElementException"),
    ("def l = [1, 2]; for (def x : l) { l.add(3) }", "ConcurrentModificationException"),
    ("return [1].get(-2)", "IndexOutOfBoundsException"),
    ("def a = new int[2]; a[2] = 1", "ArrayIndexOutOfBoundsException"),
    ("def n = 10; return new ArrayList(n)", "ClassCastException"),  # only ArrayList() and ArrayList(Collection)
    ("def n = 16; return new HashMap(n)", "ClassCastException"),
    ("def l = ['a']; l.remove('a')", "ClassCastException"),  # List.remove(int) is the only remove/1
    ("def l = [1]; return l.push(2)", "dynamic method \\[java.util.ArrayList, push/1\\] not found"),
    ("def m = ['a': 1]; return m.length()", "dynamic method \\[java.util.HashMap, length/0\\] not found"),
])
def test_methods_throw_java_exceptions(source, exception):
    with pytest.raises(PainlessRuntimeError, match=exception):
        run(source)


def test_removing_during_iteration_quirk_of_array_list():
    # ArrayList.Itr.hasNext() is cursor != size: removing from the end on the second-last element exits silently.
    assert text("def l = [1, 2, 3]; for (def x : l) { if (x == 2) l.remove(2); } return l") == "[1, 2]"


@pytest.mark.parametrize("source", [
    "return 'ÄB'.toLowerCase()",
    "return '😀'.length()",
    "return ['a': 1].keySet().add('b')",
    "return [1, 2].eachWithIndex((x, i) -> x)",
    "return ['a': 1].computeIfPresent('a', (x, y) -> x)",
    "return [1.5, 2.5].stream().mapToDouble(x -> x).sum()",
    "return Integer.parseInt('ff', 16)",
    "return '😀'.replaceAll(/a/, m -> 'b')",
])
def test_unmodelled_methods_are_unsupported(source):
    with pytest.raises(PainlessUnsupported):
        run(source)
