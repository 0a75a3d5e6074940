"""Hypothesis strategies that build Java patterns from a grammar of Java constructs.

Every strategy yields ``(pattern, example)`` where ``example`` is a string the construct is
meant to match, so the differential suite gets near-positive inputs as well as adversarial ones.
"""

from __future__ import annotations

from hypothesis import strategies as st

ADVERSARIAL = ["", "a", "A", "é", "É", "\r", "\n", "\r\n", "\u0085", "\u2028", "\u2029", "@", "?",
               "#", "/", ".", " ", "_", "1", "-", "σ", "Σ", "ς", "α", "😀", "e\u0301", "ß", "\t", "x"]

_LITERALS = st.sampled_from([
    ("a", "a"), ("b", "b"), ("z", "z"), ("A", "A"), ("é", "é"), ("É", "É"), ("0", "0"), ("7", "7"),
    ("-", "-"), ("/", "/"), (":", ":"), ("@", "@"), ("_", "_"), ("σ", "σ"), (" ", " "), ("#", "#"),
    ("\\.", "."), ("\\?", "?"), ("\\@", "@"), ("\\/", "/"), ("\\\\", "\\"), ("\\[", "["), ("\\$", "$"),
    ("\\t", "\t"), ("\\n", "\n"), ("\\r", "\r"), ("\\x41", "A"), ("\\x{e9}", "é"), ("\\u00e9", "é"),
    ("\\0101", "A"), ("\\01", "\x01"), ("\\cA", "\x01"), ("\\e", "\x1b"), ("\\a", "\x07"),
    ("\\x{1F600}", "😀"), ("\\N{LATIN SMALL LETTER E WITH ACUTE}", "é"), ("}", "}"), ("]", "]"),
])

_CLASSES = st.sampled_from([
    (".", "x"), (".", "\r"), ("\\d", "5"), ("\\D", "x"), ("\\w", "a"), ("\\w", "é"), ("\\W", "@"),
    ("\\s", " "), ("\\s", "\u2028"), ("\\S", "x"), ("\\h", "\u00a0"), ("\\H", "a"), ("\\v", "\u2028"),
    ("\\V", "a"), ("\\R", "\r\n"), ("\\p{Alpha}", "é"), ("\\p{Lower}", "a"), ("\\p{Upper}", "A"),
    ("\\p{Punct}", "."), ("\\p{Alnum}", "7"), ("\\p{XDigit}", "f"), ("\\p{Space}", "\x0b"),
    ("\\p{Digit}", "3"), ("\\p{Graph}", "~"), ("\\p{Print}", " "), ("\\p{Cntrl}", "\x7f"),
    ("\\p{Blank}", "\t"), ("\\p{ASCII}", "a"), ("\\p{L}", "é"), ("\\pL", "a"), ("\\p{Lu}", "É"),
    ("\\p{Ll}", "σ"), ("\\p{IsLatin}", "é"), ("\\p{IsGreek}", "α"), ("\\p{InGreek}", "σ"),
    ("\\p{IsAlphabetic}", "é"), ("\\p{IsLetter}", "a"), ("\\p{IsWhite_Space}", "\u0085"),
    ("\\P{L}", "1"), ("\\p{sc=Latin}", "a"), ("\\p{gc=Lu}", "A"), ("\\p{javaLowerCase}", "a"),
    ("\\p{javaWhitespace}", "\x1c"), ("\\p{IsPunctuation}", "@"), ("\\p{Nd}", "5"),
    ("[a-z]", "q"), ("[^a-z]", "1"), ("[a-z&&[^aeiou]]", "b"), ("[a-c[x-z]]", "y"),
    ("[\\w.-]", "."), ("[\\p{L}&&[^a]]", "b"), ("[^\\s]", "x"), ("[a-z&&[def]&&[e]]", "e"),
    ("[^a-z&&[aeiou]]", "b"), ("[abc&&b-d]", "b"), ("[a&&]", "a"), ("[]a]", "]"), ("[^]a]", "b"),
    ("[a-]", "-"), ("[-a]", "-"), ("[\\[\\]]", "["), ("[a-c-e]", "-"), ("[\\x41-\\x43]", "B"),
    ("[\\u00e0-\\u00ff]", "é"), ("[\\Q.-\\E]", "-"), ("[^\\p{L}\\d]", "@"), ("[a-z&&[^x]x]", "x"),
    ("[\\d\\s]", " "), ("[\\W&&[^@]]", "#"), ("[[a]&&[^b]]", "a"), ("[^[^a]]", "a"),
    ("[Z-a]", "_"), ("[@-Z]", "a"), ("[&]", "&"), ("[a&b]", "&"), ("[\\v-\\r]", "\x0c"),
])

_ANCHORS = st.sampled_from(["^", "$", "\\b", "\\B", "\\A", "\\z", "\\Z", "\\G"])
_FLAGS = st.sampled_from(["(?i)", "(?-i)", "(?x)", "(?s)", "(?m)", "(?u)", "(?iu)", "(?d)",
                          "(?U)", "(?ims)", "(?i-u)", "(?dm)", "(?-x)", "(?)"])
_QUANTIFIERS = st.sampled_from([("?", 1), ("*", 2), ("+", 1), ("{2}", 2), ("{0}", 0), ("{1,}", 3),
                                ("{1,2}", 2), ("{0,1}", 0), ("{2,3}", 3)])
_MODES = st.sampled_from(["", "?", "+"])


def _leaf():
    anchors = _ANCHORS.map(lambda a: (a, ""))
    flags = _FLAGS.map(lambda f: (f, ""))
    quoted = st.sampled_from([("\\Qa.b\\E", "a.b"), ("\\Q$\\E", "$"), ("\\Q\\E", ""), ("\\Q1\\E", "1")])
    comments = st.sampled_from([("(?x:a b)", "ab"), ("(?x:[a b])", "a"), ("(?x:a#c\nb)", "ab"),
                                ("(?x:\\ )", " "), ("(?x:a\u2028b)", "a\u2028b"), ("(?x: [^ a] )", "b")])
    return st.one_of(_LITERALS, _LITERALS, _LITERALS, _CLASSES, _CLASSES, _CLASSES, anchors, flags, quoted,
                     comments)


def _quantify(inner):
    def build(parts):
        (pattern, example), (suffix, count), mode = parts
        if not example:  # mostly zero-width: repeating those is refused (fail closed), so don't
            return pattern, example
        return f"(?:{pattern}){suffix}{mode}" if len(pattern) > 1 else f"{pattern}{suffix}{mode}", example * count

    return st.tuples(inner, _QUANTIFIERS, _MODES).map(build)


def _group(inner):
    kinds = st.sampled_from(["(%s)", "(?:%s)", "(?<g%d>%s)", "(?>%s)", "(?i:%s)", "(?-i:%s)",
                             "(?x:%s)", "(?s:%s)", "(?=%s)", "(?!%s)", "(?<=%s)", "(?<!%s)", "(?m:%s)",
                             "(?U:%s)"])

    def build(parts):
        kind, (pattern, example), number = parts
        text = kind % ((number, pattern) if "%d" in kind else pattern)
        return text, "" if kind[:3] in ("(?=", "(?!", "(?<") and "%d" not in kind else example

    return st.tuples(kinds, inner, st.integers(1, 3)).map(build)


def _sequence(inner):
    return st.lists(inner, min_size=2, max_size=4).map(
        lambda items: ("".join(p for p, _ in items), "".join(e for _, e in items)))


def _alternation(inner):
    return st.tuples(inner, inner, st.booleans()).map(
        lambda t: (f"{t[0][0]}|{t[1][0]}", t[0][1] if t[2] else t[1][1]))


def _backref(inner):
    return inner.map(lambda t: (f"({t[0]})\\1", t[1] * 2))


def java_patterns():
    """(pattern, example) pairs from a grammar of the Java constructs the translator supports."""
    core = st.recursive(
        _leaf(),
        lambda inner: st.one_of(_sequence(inner), _quantify(inner), _group(inner), _alternation(inner)),
        max_leaves=10,
    )
    return st.one_of(core, core, core, _backref(core))


def inputs_for(example: str, noise: list[str]) -> list[str]:
    """The example, its near-misses (line terminators, case, truncation) and a little noise."""
    variants = [example, example + "\n", example + "\r\n", example + "\r", example + "\u2028",
                example + "\u0085", "\n" + example, example.upper(), example.lower(), example[:-1],
                example + "x", example * 2]
    return list(dict.fromkeys(variants + noise))


_CLASS_ITEMS = st.sampled_from(["a", "b", "c", "x", "A", "Z", "0", "9", "-", "&", "^", "_", "é", " ",
                                "a-c", "b-d", "A-Z", "0-9", "Z-a", "\\d", "\\w", "\\s", "\\W", "\\p{L}",
                                "\\p{Lu}", "\\P{Alpha}", "\\x41", "\\u00e9", "\\Q-\\E", "\\]", "\\[", "\\-"])
CLASS_PROBES = ["a", "b", "c", "d", "x", "A", "B", "Z", "0", "5", "-", "&", "^", "]", "[", "_", " ",
                "é", "É", "\\", "`", "\n"]


def java_classes():
    """Character classes with nesting, negation, union and ``&&``, under assorted flags."""
    def body(inner):
        part = st.lists(st.one_of(_CLASS_ITEMS, _CLASS_ITEMS, inner), min_size=1, max_size=3).map("".join)
        return st.tuples(st.booleans(), st.lists(part, min_size=1, max_size=3)).map(
            lambda t: "[" + ("^" if t[0] else "") + "&&".join(t[1]) + "]")

    classes = st.recursive(_CLASS_ITEMS.map(lambda item: f"[{item}]"), body, max_leaves=6)
    flags = st.sampled_from(["", "", "(?i)", "(?iu)", "(?x)", "(?U)"])
    return st.tuples(flags, classes).map("".join)


_JUNK = list("[](){}*+?|\\^$.&-:<>=!,PpQEdDwWsSbBkxuNc0123 aA\u00e9#\n") + [
    "\\Q", "\\E", "(?", "[^", "&&", "\\p{L}", "{2}", "{1,", "(?<", "\\x{", "\\u00"]
JUNK_PROBES = ["", "a", "aa", "A", "\n", "\u00e9", "-", "[", "x", "0"]


def junk_patterns():
    """Short strings of regex metacharacters and escape fragments: mostly invalid patterns."""
    return st.lists(st.sampled_from(_JUNK), min_size=1, max_size=12).map("".join)
