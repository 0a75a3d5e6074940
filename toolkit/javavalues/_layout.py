"""Lay out decimal digits the way ``Double.toString``/``Float.toString`` do (all JDKs)."""

from __future__ import annotations


def java_layout(negative: bool, digits: str, exponent: int) -> str:
    """Print ``±d.ddd × 10**exponent``; ``digits`` has no leading zero.

    Values in [10**-3, 10**7) use plain notation with at least one fractional digit; all
    others use ``d.dddE±n`` with at least one digit after the point.
    """
    sign = "-" if negative else ""
    if 0 <= exponent < 7:
        whole = digits[: exponent + 1].ljust(exponent + 1, "0")
        return f"{sign}{whole}.{digits[exponent + 1:] or '0'}"
    if -3 <= exponent < 0:
        return f"{sign}0.{'0' * (-exponent - 1)}{digits}"
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{exponent}"
