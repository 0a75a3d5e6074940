"""Compile-time signatures of the allowlisted classes the semantic pass types statically.

Facts from lang-painless' base allowlist (``java.lang.txt``, ``java.util.txt``, ``java.util.regex.txt``
of OpenSearch's ``modules/lang-painless/src/main/resources/org/opensearch/painless/spi/``), written in
our own form: one member per line, ``static`` for static members, ``(A,B)`` for a constructor,
``R name(A,B)`` for a method and ``T NAME`` for a field. Injected constants (``Pattern.split``'s
regex limit factor) are left out: a script passes the other arguments. Painless resolves a method
by name and arity, looking in the class and then in its supertypes (``PARENTS``).

A class marked complete lists every member Painless has for it, so a member missing here is a
compile error ("member method [...] not found"); for the others a missing member is only unknown
(typed ``def``, never an error).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

_PACKAGES = {
    "java.lang": "Object CharSequence Comparable Iterable String StringBuilder Number Integer Long Double Float Short "
                 "Byte Boolean Character Math Appendable Exception RuntimeException IllegalArgumentException "
                 "IllegalStateException ArithmeticException NullPointerException ClassCastException "
                 "NumberFormatException IndexOutOfBoundsException ArrayIndexOutOfBoundsException "
                 "StringIndexOutOfBoundsException UnsupportedOperationException NegativeArraySizeException",
    "java.util": "Collection List ArrayList Set HashSet Map HashMap SortedMap NavigableMap TreeMap Map.Entry Iterator "
                 "Optional Locale Collections Comparator RandomAccess ListIterator Spliterator "
                 "ConcurrentModificationException NoSuchElementException",
    "java.util.regex": "Pattern Matcher",
    "java.util.function": "Function BiFunction Supplier Consumer BiConsumer Predicate BiPredicate UnaryOperator "
                          "ToDoubleFunction ObjIntConsumer",
    "java.util.stream": "Stream IntStream Collectors",
    "java.math": "BigDecimal RoundingMode",
}
CANONICAL = {name: f"{package}.{name}" for package, names in _PACKAGES.items() for name in names.split()}
# Classes lang-painless' own tests can use but no script context of a cluster can: the test allowlist
# (src/test/resources/org/opensearch/painless/spi/org.opensearch.painless.test) has Json "for unit tests
# only"; no base allowlist file (Allowlist.BASE_ALLOWLIST_FILES) has it. A script naming one does not compile.
TEST_ONLY = frozenset({"Json"})

# Direct supertypes Painless sees (allowlisted superclasses and interfaces of the Java class).
PARENTS = {
    "CharSequence": "", "Comparable": "", "Iterable": "", "Appendable": "", "RandomAccess": "",
    "String": "CharSequence Comparable", "StringBuilder": "CharSequence Appendable Comparable",
    "Number": "", "Integer": "Number Comparable", "Long": "Number Comparable", "Double": "Number Comparable",
    "Float": "Number Comparable", "Short": "Number Comparable", "Byte": "Number Comparable",
    "Boolean": "Comparable", "Character": "Comparable", "BigDecimal": "Number Comparable",
    "Collection": "Iterable", "List": "Collection", "ArrayList": "List RandomAccess", "Set": "Collection",
    "HashSet": "Set", "Map": "", "HashMap": "Map", "SortedMap": "Map", "NavigableMap": "SortedMap",
    "TreeMap": "NavigableMap", "ListIterator": "Iterator", "UnaryOperator": "Function",
    "Exception": "", "RuntimeException": "Exception", "IllegalArgumentException": "RuntimeException",
    "IllegalStateException": "RuntimeException", "ArithmeticException": "RuntimeException",
    "NullPointerException": "RuntimeException", "ClassCastException": "RuntimeException",
    "NumberFormatException": "IllegalArgumentException", "IndexOutOfBoundsException": "RuntimeException",
    "ArrayIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "StringIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "UnsupportedOperationException": "RuntimeException", "NegativeArraySizeException": "RuntimeException",
    "ConcurrentModificationException": "RuntimeException", "NoSuchElementException": "RuntimeException",
}

_ITERABLE = """
void forEach(Consumer)
Iterator iterator()
Spliterator spliterator()
boolean any(Predicate)
Collection asCollection()
List asList()
def each(Consumer)
def eachWithIndex(ObjIntConsumer)
boolean every(Predicate)
List findResults(Function)
Map groupBy(Function)
String join(String)
double sum()
double sum(ToDoubleFunction)
"""
_COLLECTION = """
boolean add(def)
boolean addAll(Collection)
void clear()
boolean contains(def)
boolean containsAll(Collection)
boolean isEmpty()
boolean removeAll(Collection)
boolean removeIf(Predicate)
boolean retainAll(Collection)
int size()
Stream stream()
def[] toArray()
def[] toArray(def[])
List collect(Function)
def collect(Collection,Function)
def find(Predicate)
List findAll(Predicate)
def findResult(Function)
def findResult(def,Function)
List split(Predicate)
"""
_LIST = """
void add(int,def)
boolean addAll(int,Collection)
boolean equals(Object)
def get(int)
int hashCode()
int indexOf(def)
int lastIndexOf(def)
ListIterator listIterator()
ListIterator listIterator(int)
def remove(int)
void replaceAll(UnaryOperator)
def set(int,def)
int getLength()
void sort(Comparator)
List subList(int,int)
Object getByPath(String)
Object getByPath(String,Object)
"""
_MAP = """
void clear()
def compute(def,BiFunction)
def computeIfAbsent(def,Function)
def computeIfPresent(def,BiFunction)
boolean containsKey(def)
boolean containsValue(def)
Set entrySet()
boolean equals(Object)
void forEach(BiConsumer)
def get(def)
def getOrDefault(def,def)
boolean isEmpty()
Set keySet()
def merge(def,def,BiFunction)
def put(def,def)
void putAll(Map)
def putIfAbsent(def,def)
def remove(def)
boolean remove(def,def)
def replace(def,def)
boolean replace(def,def,def)
void replaceAll(BiFunction)
int size()
Collection values()
Object getByPath(String)
Object getByPath(String,Object)
List collect(BiFunction)
def collect(Collection,BiFunction)
int count(BiPredicate)
def each(BiConsumer)
boolean every(BiPredicate)
Map.Entry find(BiPredicate)
Map findAll(BiPredicate)
def findResult(BiFunction)
def findResult(def,BiFunction)
List findResults(BiFunction)
Map groupBy(BiFunction)
"""
_SORTED_MAP = """
Comparator comparator()
def firstKey()
SortedMap headMap(def)
def lastKey()
SortedMap subMap(def,def)
SortedMap tailMap(def)
"""
_NAVIGABLE_MAP = """
Map.Entry ceilingEntry(def)
def ceilingKey(def)
Set descendingKeySet()
NavigableMap descendingMap()
Map.Entry firstEntry()
Map.Entry floorEntry(def)
def floorKey(def)
NavigableMap headMap(def,boolean)
Map.Entry higherEntry(def)
def higherKey(def)
Map.Entry lastEntry()
Map.Entry lowerEntry(def)
Set navigableKeySet()
Map.Entry pollFirstEntry()
Map.Entry pollLastEntry()
NavigableMap subMap(def,boolean,def,boolean)
NavigableMap tailMap(def,boolean)
"""
_STRING = """
()
int codePointAt(int)
int codePointBefore(int)
int codePointCount(int,int)
int compareTo(String)
int compareToIgnoreCase(String)
String concat(String)
boolean contains(CharSequence)
boolean contentEquals(CharSequence)
static String copyValueOf(char[])
static String copyValueOf(char[],int,int)
String decodeBase64()
String encodeBase64()
String[] splitOnToken(String)
String[] splitOnToken(String,int)
boolean endsWith(String)
boolean equalsIgnoreCase(String)
static String format(Locale,String,def[])
static String format(String,def[])
void getChars(int,int,char[],int)
int indexOf(String)
int indexOf(String,int)
boolean isEmpty()
static String join(CharSequence,Iterable)
int lastIndexOf(String)
int lastIndexOf(String,int)
int offsetByCodePoints(int,int)
boolean regionMatches(boolean,int,String,int,int)
boolean regionMatches(int,String,int,int)
String replace(CharSequence,CharSequence)
boolean startsWith(String)
boolean startsWith(String,int)
String substring(int)
String substring(int,int)
char[] toCharArray()
String toLowerCase()
String toLowerCase(Locale)
String toUpperCase()
String toUpperCase(Locale)
String trim()
static String valueOf(def)
"""
_STRING_BUILDER = """
()
(CharSequence)
StringBuilder append(def)
StringBuilder append(CharSequence,int,int)
StringBuilder appendCodePoint(int)
int capacity()
int codePointAt(int)
int codePointBefore(int)
int codePointCount(int,int)
StringBuilder delete(int,int)
StringBuilder deleteCharAt(int)
void getChars(int,int,char[],int)
int indexOf(String)
int indexOf(String,int)
StringBuilder insert(int,def)
int lastIndexOf(String)
int lastIndexOf(String,int)
int offsetByCodePoints(int,int)
StringBuilder replace(int,int,String)
StringBuilder reverse()
void setCharAt(int,char)
void setLength(int)
String substring(int)
String substring(int,int)
"""
_INTEGER = """
static int BYTES
static int MAX_VALUE
static int MIN_VALUE
static int SIZE
static int bitCount(int)
static int compare(int,int)
int compareTo(Integer)
static int compareUnsigned(int,int)
static Integer decode(String)
static int divideUnsigned(int,int)
static int hashCode(int)
static int highestOneBit(int)
static int lowestOneBit(int)
static int max(int,int)
static int min(int,int)
static int numberOfLeadingZeros(int)
static int numberOfTrailingZeros(int)
static int parseInt(String)
static int parseInt(String,int)
static int parseUnsignedInt(String)
static int parseUnsignedInt(String,int)
static int remainderUnsigned(int,int)
static int reverse(int)
static int reverseBytes(int)
static int rotateLeft(int,int)
static int rotateRight(int,int)
static int signum(int)
static String toBinaryString(int)
static String toHexString(int)
static String toOctalString(int)
static String toString(int)
static String toString(int,int)
static long toUnsignedLong(int)
static String toUnsignedString(int)
static String toUnsignedString(int,int)
static Integer valueOf(int)
static Integer valueOf(String,int)
"""
_LONG = """
static int BYTES
static long MAX_VALUE
static long MIN_VALUE
static int SIZE
static int bitCount(long)
static int compare(long,long)
int compareTo(Long)
static int compareUnsigned(long,long)
static Long decode(String)
static long divideUnsigned(long,long)
static int hashCode(long)
static long highestOneBit(long)
static long lowestOneBit(long)
static long max(long,long)
static long min(long,long)
static int numberOfLeadingZeros(long)
static int numberOfTrailingZeros(long)
static long parseLong(String)
static long parseLong(String,int)
static long parseUnsignedLong(String)
static long parseUnsignedLong(String,int)
static long remainderUnsigned(long,long)
static long reverse(long)
static long reverseBytes(long)
static long rotateLeft(long,int)
static long rotateRight(long,int)
static int signum(long)
static long sum(long,long)
static String toBinaryString(long)
static String toHexString(long)
static String toOctalString(long)
static String toString(long)
static String toString(long,int)
static String toUnsignedString(long)
static String toUnsignedString(long,int)
static Long valueOf(long)
static Long valueOf(String,int)
"""
_DOUBLE = """
static int BYTES
static int MAX_EXPONENT
static double MAX_VALUE
static int MIN_EXPONENT
static double MIN_NORMAL
static double MIN_VALUE
static double NaN
static double NEGATIVE_INFINITY
static double POSITIVE_INFINITY
static int SIZE
static int compare(double,double)
int compareTo(Double)
static long doubleToLongBits(double)
static long doubleToRawLongBits(double)
static int hashCode(double)
static boolean isFinite(double)
boolean isInfinite()
static boolean isInfinite(double)
boolean isNaN()
static boolean isNaN(double)
static double longBitsToDouble(long)
static double max(double,double)
static double min(double,double)
static double parseDouble(String)
static double sum(double,double)
static String toHexString(double)
static String toString(double)
static Double valueOf(double)
"""
_FLOAT = """
static int BYTES
static int MAX_EXPONENT
static float MAX_VALUE
static int MIN_EXPONENT
static float MIN_NORMAL
static float MIN_VALUE
static float NaN
static float NEGATIVE_INFINITY
static float POSITIVE_INFINITY
static int SIZE
static int compare(float,float)
int compareTo(Float)
static int floatToIntBits(float)
static int floatToRawIntBits(float)
static int hashCode(float)
static float intBitsToFloat(int)
static boolean isFinite(float)
boolean isInfinite()
static boolean isInfinite(float)
boolean isNaN()
static boolean isNaN(float)
static float max(float,float)
static float min(float,float)
static float parseFloat(String)
static float sum(float,float)
static String toHexString(float)
static String toString(float)
static Float valueOf(float)
"""
_SHORT = """
static int BYTES
static short MAX_VALUE
static short MIN_VALUE
static int SIZE
static int compare(short,short)
int compareTo(Short)
static Short decode(String)
static int hashCode(short)
static short parseShort(String)
static short parseShort(String,int)
static short reverseBytes(short)
static String toString(short)
static int toUnsignedInt(short)
static long toUnsignedLong(short)
static Short valueOf(short)
static Short valueOf(String,int)
"""
_BYTE = """
static int BYTES
static byte MAX_VALUE
static byte MIN_VALUE
static int SIZE
static int compare(byte,byte)
int compareTo(Byte)
static Byte decode(String)
static int hashCode(byte)
static byte parseByte(String)
static byte parseByte(String,int)
static String toString(byte)
static int toUnsignedInt(byte)
static long toUnsignedLong(byte)
static Byte valueOf(byte)
static Byte valueOf(String,int)
"""
_BOOLEAN = """
static Boolean TRUE
static Boolean FALSE
boolean booleanValue()
static int compare(boolean,boolean)
int compareTo(Boolean)
static int hashCode(boolean)
static boolean logicalAnd(boolean,boolean)
static boolean logicalOr(boolean,boolean)
static boolean logicalXor(boolean,boolean)
static boolean parseBoolean(String)
static String toString(boolean)
static Boolean valueOf(boolean)
"""
_MATH = """
static double E
static double PI
static double abs(double)
static double acos(double)
static double asin(double)
static double atan(double)
static double atan2(double,double)
static double cbrt(double)
static double ceil(double)
static double copySign(double,double)
static double cos(double)
static double cosh(double)
static double exp(double)
static double expm1(double)
static double floor(double)
static double hypot(double,double)
static double IEEEremainder(double,double)
static double log(double)
static double log10(double)
static double log1p(double)
static double max(double,double)
static double min(double,double)
static double nextAfter(double,double)
static double nextDown(double)
static double nextUp(double)
static double pow(double,double)
static double random()
static double rint(double)
static long round(double)
static double scalb(double,int)
static double signum(double)
static double sin(double)
static double sinh(double)
static double sqrt(double)
static double tan(double)
static double tanh(double)
static double toDegrees(double)
static double toRadians(double)
static double ulp(double)
"""
_COLLECTIONS = """
static List EMPTY_LIST
static Map EMPTY_MAP
static Set EMPTY_SET
static boolean addAll(Collection,def[])
static int binarySearch(List,def)
static int binarySearch(List,def,Comparator)
static void copy(List,List)
static boolean disjoint(Collection,Collection)
static Iterator emptyIterator()
static List emptyList()
static ListIterator emptyListIterator()
static Map emptyMap()
static NavigableMap emptyNavigableMap()
static Set emptySet()
static SortedMap emptySortedMap()
static void fill(List,def)
static int frequency(Collection,def)
static int indexOfSubList(List,List)
static int lastIndexOfSubList(List,List)
static def max(Collection)
static def max(Collection,Comparator)
static def min(Collection)
static def min(Collection,Comparator)
static List nCopies(int,def)
static Set newSetFromMap(Map)
static boolean replaceAll(List,def,def)
static void reverse(List)
static Comparator reverseOrder()
static Comparator reverseOrder(Comparator)
static void rotate(List,int)
static void shuffle(List)
static Set singleton(def)
static List singletonList(def)
static Map singletonMap(def,def)
static void sort(List)
static void sort(List,Comparator)
static void swap(List,int,int)
static Collection unmodifiableCollection(Collection)
static List unmodifiableList(List)
static Map unmodifiableMap(Map)
static NavigableMap unmodifiableNavigableMap(NavigableMap)
static Set unmodifiableSet(Set)
static SortedMap unmodifiableSortedMap(SortedMap)
"""
_LOCALE_FIELDS = ("CANADA CANADA_FRENCH CHINA CHINESE ENGLISH FRANCE FRENCH GERMAN GERMANY ITALIAN ITALY JAPAN "
                  "JAPANESE KOREA KOREAN PRC ROOT SIMPLIFIED_CHINESE TAIWAN TRADITIONAL_CHINESE UK US")
_LOCALE = "\n".join(f"static Locale {name}" for name in _LOCALE_FIELDS.split()) + """
(String)
(String,String)
(String,String,String)
static Locale forLanguageTag(String)
static Locale getDefault()
String getCountry()
String getLanguage()
String getVariant()
String getScript()
String toLanguageTag()
"""
_PATTERN = """
Predicate asPredicate()
int flags()
Matcher matcher(CharSequence)
String pattern()
static String quote(String)
String[] split(CharSequence)
String[] split(CharSequence,int)
Stream splitAsStream(CharSequence)
"""
_MATCHER = """
int end()
int end(int)
boolean find()
boolean find(int)
String group()
String group(int)
String namedGroup(String)
int groupCount()
boolean hasAnchoringBounds()
boolean hasTransparentBounds()
boolean hitEnd()
boolean lookingAt()
boolean matches()
Pattern pattern()
static String quoteReplacement(String)
Matcher region(int,int)
int regionEnd()
int regionStart()
String replaceAll(String)
String replaceFirst(String)
boolean requireEnd()
Matcher reset()
int start()
int start(int)
Matcher useAnchoringBounds(boolean)
Matcher usePattern(Pattern)
Matcher useTransparentBounds(boolean)
"""
_OPTIONAL = """
static Optional empty()
Optional filter(Predicate)
Optional flatMap(Function)
def get()
void ifPresent(Consumer)
boolean isPresent()
Optional map(Function)
static Optional of(def)
static Optional ofNullable(def)
def orElse(def)
def orElseGet(Supplier)
def orElseThrow(Supplier)
"""
_EXCEPTION = "()\n(String)\nString getLocalizedMessage()\nString getMessage()\n"

MEMBERS = {
    "Object": "boolean equals(Object)\nint hashCode()\nString toString()",
    "CharSequence": ("char charAt(int)\nIntStream chars()\nIntStream codePoints()\nint length()\n"
                     "String replaceAll(Pattern,Function)\nString replaceFirst(Pattern,Function)\n"
                     "CharSequence subSequence(int,int)\nString toString()"),
    "Comparable": "int compareTo(def)",
    "Appendable": "Appendable append(CharSequence,int,int)",
    "Iterable": _ITERABLE, "Collection": _COLLECTION, "List": _LIST,
    "ArrayList": "()\n(Collection)\ndef clone()\nvoid trimToSize()",
    "Set": "boolean equals(Object)\nint hashCode()\nboolean remove(def)",
    "HashSet": "()\n(Collection)\ndef clone()",
    "Map": _MAP, "HashMap": "()\n(Map)\ndef clone()", "SortedMap": _SORTED_MAP, "NavigableMap": _NAVIGABLE_MAP,
    "TreeMap": "()\n(Comparator)\ndef clone()",
    "Map.Entry": ("static Comparator comparingByKey()\nstatic Comparator comparingByKey(Comparator)\n"
                  "static Comparator comparingByValue()\nstatic Comparator comparingByValue(Comparator)\n"
                  "boolean equals(Object)\ndef getKey()\ndef getValue()\nint hashCode()\ndef setValue(def)"),
    "Iterator": "void forEachRemaining(Consumer)\nboolean hasNext()\ndef next()\nvoid remove()",
    "Optional": _OPTIONAL, "Locale": _LOCALE, "String": _STRING, "StringBuilder": _STRING_BUILDER,
    "Number": ("byte byteValue()\nshort shortValue()\nint intValue()\nlong longValue()\nfloat floatValue()\n"
               "double doubleValue()"),
    "Integer": _INTEGER, "Long": _LONG, "Double": _DOUBLE, "Float": _FLOAT, "Short": _SHORT, "Byte": _BYTE,
    "Boolean": _BOOLEAN, "Character": "char charValue()\nint compareTo(Character)\nstatic Character valueOf(char)",
    "Math": _MATH, "Collections": _COLLECTIONS, "Pattern": _PATTERN, "Matcher": _MATCHER,
    "Exception": _EXCEPTION + "StackTraceElement[] getStackTrace()",
    "Function": "def apply(def)", "BiFunction": "def apply(def,def)", "Supplier": "def get()",
    "Consumer": "void accept(def)", "BiConsumer": "void accept(def,def)", "Predicate": "boolean test(def)",
    "BiPredicate": "boolean test(def,def)", "Comparator": "int compare(def,def)",
}
for _name in ("RuntimeException IllegalArgumentException IllegalStateException ArithmeticException "
              "NullPointerException ClassCastException NumberFormatException IndexOutOfBoundsException "
              "ArrayIndexOutOfBoundsException StringIndexOutOfBoundsException UnsupportedOperationException "
              "NegativeArraySizeException ConcurrentModificationException NoSuchElementException").split():
    MEMBERS[_name] = _EXCEPTION
# Classes whose every member (own and inherited) is listed above.
COMPLETE = frozenset((
    "Object CharSequence Comparable Iterable Collection List ArrayList Set HashSet Map HashMap SortedMap NavigableMap "
    "TreeMap Map.Entry Iterator Optional String StringBuilder Number Integer Long Double Float Short Byte Boolean "
    "Math Collections Pattern Matcher").split())


@dataclass(frozen=True)
class Method:
    returns: str
    params: tuple[str, ...]
    static: bool


@dataclass
class ClassInfo:
    methods: dict[str, Method] = field(default_factory=dict)  # "name/arity"
    fields: dict[str, str] = field(default_factory=dict)  # static fields: name -> type
    constructors: dict[int, tuple[str, ...]] = field(default_factory=dict)


def _parse(text: str) -> ClassInfo:
    info = ClassInfo()
    for line in text.strip().splitlines():
        static = line.startswith("static ")
        line = line.removeprefix("static ")
        if line.startswith("("):
            params = tuple(p for p in line[1:-1].split(",") if p)
            info.constructors[len(params)] = params
        elif "(" in line:
            head, _, rest = line.partition("(")
            returns, name = head.split()
            params = tuple(p for p in rest[:-1].split(",") if p)
            info.methods[f"{name}/{len(params)}"] = Method(returns, params, static)
        else:
            kind, name = line.split()
            info.fields[name] = kind
    return info


@functools.lru_cache(maxsize=None)
def info(name: str) -> ClassInfo | None:
    text = MEMBERS.get(name)
    return None if text is None else _parse(text)


@functools.lru_cache(maxsize=None)
def supertypes(name: str) -> tuple[str, ...]:
    """``name`` and every supertype Painless sees, nearest first, ``Object`` last."""
    order, queue = [], [name]
    while queue:
        current = queue.pop(0)
        if current not in order:
            order.append(current)
            queue.extend(PARENTS.get(current, "").split())
    if "Object" in order:
        order.remove("Object")
    return tuple(order) + ("Object",)


def is_known(name: str) -> bool:
    return name in CANONICAL


def is_complete(name: str) -> bool:
    return all(t in COMPLETE for t in supertypes(name))


def method(name: str, key: str) -> Method | None:
    """The method ``key`` (``name/arity``) of class ``name`` or of its nearest supertype that has it."""
    for t in supertypes(name):
        found = info(t)
        if found is not None and key in found.methods:
            return found.methods[key]
    return None


def canonical_name(name: str) -> str:
    return CANONICAL.get(name, name)
