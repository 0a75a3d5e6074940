"""``run_script``: parse, compile and run a Painless script with ``params``, under hard bounds.

Bounds: Painless' cumulative loop counter (``max_loop_counter``) and inline script size
(``MAX_SCRIPT_BYTES``, checked by the parser); the emulator's own call depth, wall-clock budget,
maximum string length, ``context.MAX_ITEMS`` and a memory budget (``MEMORY_MB`` of new address space
for the run; see ``toolkit.memory``). A Java exception that escapes the script becomes
``PainlessRuntimeError``; the script itself can reach nothing but the allowlist tables.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping
from decimal import Decimal

from toolkit.javavalues.numbers import JDouble, java_type_of
from toolkit.memory import memory_budget
from toolkit.painless.compiler import Compiler
from toolkit.painless.context import Context
from toolkit.painless.errors import PainlessLimitError, PainlessRuntimeError, PainlessUnsupported
from toolkit.painless.flow import Returned
from toolkit.painless.nodes import Script
from toolkit.painless.parser import parse
from toolkit.painless.values import NUMBER_TYPES, JavaThrow, exception_class_name

_LEAVES = frozenset({str, bool, type(None), Decimal, *NUMBER_TYPES})  # values java_params keeps as they are
DEFAULT_TIMEOUT_S = 5.0
DEFAULT_MAX_DEPTH = 200
DEFAULT_MAX_CHARS = 10_000_000
MEMORY_MB = 1024
_FRAMES_PER_CALL = 40  # Python frames one Painless call may use (generous)


def run_script(source: str | Script, params: Mapping | None = None, *, jdk: int = 21,
               max_loop_counter: int = 1_000_000, timeout_s: float | None = None,
               max_depth: int = DEFAULT_MAX_DEPTH, max_chars: int = DEFAULT_MAX_CHARS, comment_at_eof: bool = True,
               returns: str = "Object"):
    """Run ``source`` (text or a parsed ``Script``) and return its value as Java values.

    ``params`` is the script's ``params`` map; plain Python ints and floats in it are typed the
    way Java would read a literal (int or long, double); pass ``toolkit.javavalues`` numbers to be
    exact. Raises ``PainlessSyntaxError``/``PainlessCompileError`` before running,
    ``PainlessRuntimeError`` for an uncaught Java exception, ``PainlessLimitError`` for a bound
    and ``PainlessUnsupported`` for anything outside the emulator. ``timeout_s`` defaults to
    ``DEFAULT_TIMEOUT_S``, read at each call. ``returns`` is the script context's return type, which
    the compile-time checks cast the returned values to (``String`` for ML Commons' TemplateScript).
    """
    if jdk not in (17, 21):
        raise ValueError("jdk must be 17 or 21")
    if isinstance(source, str):
        main, layout, params_slot = compiled_program(source, jdk, comment_at_eof, returns)
    else:
        main, layout, params_slot = Compiler(source, jdk, returns).compile_script()
    ctx = Context(jdk=jdk, max_loop_counter=max_loop_counter,
                  timeout_s=DEFAULT_TIMEOUT_S if timeout_s is None else timeout_s, max_depth=max_depth,
                  max_chars=max_chars)
    frame = [None] * layout.size
    frame[0] = ctx
    frame[params_slot] = java_params(params or {})
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 1000 + max_depth * _FRAMES_PER_CALL))
    try:
        with memory_budget(MEMORY_MB):
            result = main(frame)
    except JavaThrow as exc:
        raise PainlessRuntimeError(exception_class_name(exc.exc.cls), exc.exc.message, exc.line, exc.col) from None
    except RecursionError:
        raise PainlessLimitError("the script nests too deeply for the emulator") from None
    except MemoryError:
        raise PainlessLimitError(f"the script needs more than the emulator's limit of {MEMORY_MB} MB of memory") \
            from None
    finally:
        sys.setrecursionlimit(old_limit)
    return result.value if isinstance(result, Returned) else None


@functools.lru_cache(maxsize=256)
def compiled_program(source: str, jdk: int, comment_at_eof: bool = True, returns: str = "Object"):
    """Parse and compile ``source`` once per process, as OpenSearch caches compiled scripts.

    The compiled closures hold no run state (each run gets its own ``Context`` and frames);
    failures are not cached, so a bad script raises the same error every time.
    """
    return Compiler(parse(source, comment_at_eof=comment_at_eof), jdk, returns).compile_script()


def java_params(value):
    """Deep copy of a JSON-like value with numbers typed (int → Integer/Long, float → Double)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is list:
        return [item if type(item) in _LEAVES else java_params(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _LEAVES else java_params(item) for key, item in value.items()}
    if isinstance(value, bool) or value is None or isinstance(value, (str, Decimal)):
        return value
    if type(value) in NUMBER_TYPES:
        return value
    if isinstance(value, int):
        try:
            return java_type_of(value)(value)
        except (TypeError, OverflowError):
            pass
        raise PainlessUnsupported(f"the parameter value {value} (beyond long: a BigInteger)")
    if isinstance(value, float):
        return float.__new__(JDouble, value)
    if isinstance(value, Mapping):
        return {key: java_params(item) for key, item in value.items()} if type(value) is dict else value
    if isinstance(value, (list, tuple)):
        return [java_params(item) for item in value]
    raise PainlessUnsupported(f"a parameter of Python type {type(value).__name__}")
