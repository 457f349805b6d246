"""Comparing and showing returned values: lenient where style differs, strict where meaning does.

A correct solution in any reasonable style must pass: a list of lists equals a list of tuples, a float
within tolerance equals a Decimal. A bool is not an int and None is not 0 or [].
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from judge.protocol import Opaque, Unfit


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal | Fraction) and not isinstance(value, bool)


def equal(expected: Any, got: Any, rel_tol: float = 1e-9, abs_tol: float = 1e-12) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return isinstance(expected, bool) and isinstance(got, bool) and expected == got
    if _number(expected) and _number(got):
        if isinstance(expected, int) and isinstance(got, int):
            return expected == got
        try:
            e, g = float(expected), float(got)
        except (OverflowError, ValueError):
            return False
        if math.isnan(e) or math.isnan(g):
            return math.isnan(e) and math.isnan(g)
        return math.isclose(e, g, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(expected, list | tuple) and isinstance(got, list | tuple):
        return len(expected) == len(got) and all(
            equal(e, g, rel_tol, abs_tol) for e, g in zip(expected, got, strict=True)
        )
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(
            equal(v, got[k], rel_tol, abs_tol) for k, v in expected.items()
        )
    if isinstance(got, Opaque) or isinstance(expected, Opaque):
        return False
    return type(expected) is type(got) and expected == got


def show(value: Any) -> str:
    """A Python literal for the value, as the user would type it."""
    if isinstance(value, Unfit):  # not a literal: what it was, in words
        return value.text
    if isinstance(value, Opaque):
        return f"{value.text}  (a {value.type_name or 'non-literal'} object)"
    text = repr(value)
    return text if len(text) <= 2000 else text[:2000] + " ..."
