"""``Double.toString`` and ``Float.toString`` of JDK 17 (``jdk.internal.math.FloatingDecimal``).

Before JDK 19 the digits come from Steele & White style digit generation with a *symmetric*
stopping test, an estimated decimal exponent, and several fast paths whose quirks show in the
output (``2e23`` prints ``1.9999999999999998E23``). This module re-derives that procedure step by
step so that every quirk is reproduced:

* integers below 2**63 with no fractional bits take a fast path that rounds away "insignificant"
  low digits (half up) and strips trailing zeros;
* otherwise digits are generated from ``B / S`` with the half-ulp ``M``; the stopping test is
  ``B < M`` (low) or ``B + M > 10 S`` (high). When all three fit in 32 or 64 bits the test runs
  in ``int``/``long`` arithmetic, including its overflow behaviour; otherwise with big integers,
  where the high test is ``B + M >= 10 S``;
* outside the plain-notation range at least two digits are generated;
* the last digit is rounded up on a high stop (or on a low-and-high stop past the midpoint, or
  at the midpoint when odd); a carry out of all nines keeps the digit count (``1000…``).
"""

from __future__ import annotations

import math
import struct

from toolkit.javavalues._layout import java_layout

# approximately ceil(log2(5**i)), as FloatingDecimal's table
_N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49,
             52, 54, 56, 59, 61]
# number of decimal digits of 2**i that are below the double's precision
_INSIGNIFICANT_DIGITS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7,
                         7, 7, 8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13,
                         13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19]
_EXP_SHIFT = 52


def _wrap(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def _estimate_dec_exp(fract_bits: int, bin_exp: int) -> int:
    """floor of a cheap log10 estimate, computed with the same double operations as Java."""
    mantissa_bits = (1023 << _EXP_SHIFT) | (fract_bits & ((1 << _EXP_SHIFT) - 1))
    d2 = struct.unpack("<d", struct.pack("<Q", mantissa_bits))[0]
    d = (d2 - 1.5) * 0.289529654 + 0.176091259 + float(bin_exp) * 0.301029995663981
    return math.floor(d)


def _long_digits(value: int, insignificant: int) -> tuple[str, int]:
    """The integer fast path: drop ``insignificant`` low digits (rounding half up)."""
    if insignificant:
        power = 10 ** insignificant
        value, residue = divmod(value, power)
        if residue >= power >> 1:
            value += 1
    text = str(value)
    return text.rstrip("0"), len(text) + insignificant


def _round_up(digits: list[int], dec_exponent: int) -> tuple[list[int], int]:
    i = len(digits) - 1
    while digits[i] == 9 and i > 0:
        digits[i] = 0
        i -= 1
    if digits[i] == 9:
        digits[0] = 1
        return digits, dec_exponent + 1
    digits[i] += 1
    return digits, dec_exponent


def _dtoa(bin_exp: int, fract_bits: int, n_significant_bits: int) -> tuple[str, int]:
    """Digits and FloatingDecimal's ``decExponent`` (value = 0.digits × 10**decExponent)."""
    tail_zeros = (fract_bits & -fract_bits).bit_length() - 1
    n_fract_bits = _EXP_SHIFT + 1 - tail_zeros
    n_tiny_bits = max(0, n_fract_bits - bin_exp - 1)
    if (-21 <= bin_exp <= 62 and n_tiny_bits == 0
            and n_fract_bits + _N_5_BITS[n_tiny_bits] < 64):
        insignificant = 0
        if bin_exp > n_significant_bits:
            p2 = bin_exp - n_significant_bits - 1
            insignificant = _INSIGNIFICANT_DIGITS[p2] if 1 < p2 < len(_INSIGNIFICANT_DIGITS) else 0
        shift = bin_exp - _EXP_SHIFT
        value = fract_bits << shift if shift >= 0 else fract_bits >> -shift
        return _long_digits(value, insignificant)

    dec_exp = _estimate_dec_exp(fract_bits, bin_exp)
    b5 = max(0, -dec_exp)
    b2 = b5 + n_tiny_bits + bin_exp
    s5 = max(0, dec_exp)
    s2 = s5 + n_tiny_bits
    m5, m2 = b5, b2 - n_significant_bits
    fract_bits >>= tail_zeros
    b2 -= n_fract_bits - 1
    common = min(b2, s2)
    b2, s2, m2 = b2 - common, s2 - common, m2 - common
    if n_fract_bits == 1:  # power of two: the lower neighbour is closer (but the test stays symmetric)
        m2 -= 1
    if m2 < 0:
        b2, s2, m2 = b2 - m2, s2 - m2, 0

    b_bits = n_fract_bits + b2 + (_N_5_BITS[b5] if b5 < len(_N_5_BITS) else b5 * 3)
    ten_s_bits = s2 + 1 + (_N_5_BITS[s5 + 1] if s5 + 1 < len(_N_5_BITS) else (s5 + 1) * 3)
    digits: list[int] = []

    if b_bits < 64 and ten_s_bits < 64:
        width = 32 if b_bits < 32 and ten_s_bits < 32 else 64
        b = _wrap(_wrap(fract_bits * 5**b5, width) << b2, width)
        s = _wrap(5**s5 << s2, width)
        m = _wrap(5**m5 << m2, width)
        tens = _wrap(s * 10, width)
        q, b = b // s, _wrap(10 * (b % s), width)
        m = _wrap(m * 10, width)
        low, high = b < m, _wrap(b + m, width) > tens
        if q == 0 and not high:
            dec_exp -= 1
        else:
            digits.append(q)
        if not -3 <= dec_exp < 8:
            low = high = False
        while not low and not high:
            q, b = b // s, _wrap(10 * (b % s), width)
            m = _wrap(m * 10, width)
            if m > 0:
                low, high = b < m, _wrap(b + m, width) > tens
            else:  # m overflowed
                low = high = True
            digits.append(q)
        low_digit_difference = _wrap((b << 1) - tens, width)
    else:
        b = fract_bits * 5**b5 << b2
        s = 5**s5 << s2
        m = 5**m5 << m2
        ten_s = 10 * s
        q, b = divmod(b, s)
        b *= 10
        m *= 10
        low, high = b < m, b + m >= ten_s
        if q == 0 and not high:
            dec_exp -= 1
        else:
            digits.append(q)
        if not -3 <= dec_exp < 8:
            low = high = False
        while not low and not high:
            q, b = divmod(b, s)
            b *= 10
            m *= 10
            low, high = b < m, b + m >= ten_s
            digits.append(q)
        low_digit_difference = (2 * b > ten_s) - (2 * b < ten_s) if high and low else 0

    dec_exponent = dec_exp + 1
    if high and (not low or low_digit_difference > 0
                 or (low_digit_difference == 0 and digits[-1] & 1)):
        digits, dec_exponent = _round_up(digits, dec_exponent)
    return "".join(map(str, digits)), dec_exponent


def _special(x: float) -> str | None:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0.0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    return None


def _print(negative: bool, digits: str, dec_exponent: int) -> str:
    return java_layout(negative, digits, dec_exponent - 1)


def double_to_string(x: float) -> str:
    """``Double.toString`` on JDK 17."""
    special = _special(x)
    if special is not None:
        return special
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    biased, fraction = (bits >> 52) & 0x7FF, bits & ((1 << 52) - 1)
    if biased == 0:
        significant = fraction.bit_length()
        shift = (64 - significant) - 11
        fraction <<= shift
        bin_exp = 1 - shift
    else:
        fraction |= 1 << 52
        bin_exp, significant = biased, 53
    return _print(x < 0, *_dtoa(bin_exp - 1023, fraction, significant))


def float_to_string(x: float) -> str:
    """``Float.toString`` on JDK 17; ``x`` must hold a binary32 value."""
    special = _special(x)
    if special is not None:
        return special
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    biased, fraction = (bits >> 23) & 0xFF, bits & ((1 << 23) - 1)
    if biased == 0:
        significant = fraction.bit_length()
        shift = (32 - significant) - 8
        fraction <<= shift
        bin_exp = 1 - shift
    else:
        fraction |= 1 << 23
        bin_exp, significant = biased, 24
    return _print(x < 0, *_dtoa(bin_exp - 127, fraction << (_EXP_SHIFT - 23), significant))
