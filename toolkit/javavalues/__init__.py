"""Java value semantics shared by the Painless interpreter and the ML Commons emulator.

``numbers``: typed Java primitives, arithmetic, casts, ``Double/Float.toString`` (JDK 17 and 21).
``hashmap``: ``java.util.HashMap`` with its exact iteration order, Java ``hashCode``/``equals``.
``text``: ``String.valueOf``, commons-text ``escapeJson``, Gson string escaping and serialisation.
"""
