"""Fitting complexity classes to measured costs. Pure functions: no timing happens here.

Each class is fitted as cost = a + b*g(n) with a, b >= 0 (the constant absorbs call overhead), by
least squares on relative error, so small and large n weigh alike. The observed class is the
smallest one that fits within the noise. A check fails only when the evidence is unambiguous: the
smallest fitting class is above the bound AND the cost grew by clearly more than the bound allows
over the measured range AND (for a sublinear bound) by at least half of what the cheapest linear step
there is (a memmove of half a list, measured at the same sizes in the same sandbox: the yardstick)
grew by. Cache misses make an O(log n) structure's cost creep up by a few times at 100k items; only a
real linear term grows like the yardstick. Anything in between is "undetermined", which never fails.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

CLASSES: dict[str, Callable[[float], float]] = {
    "O(1)": lambda n: 1.0,
    "O(log n)": lambda n: math.log(n),
    "O(n)": lambda n: n,
    "O(n log n)": lambda n: n * math.log(n),
    "O(n^2)": lambda n: n * n,
}
ORDER = list(CLASSES)

# Relative fit error accepted as "fits": timing minima on a busy machine wobble by a few percent.
FIT_TOLERANCE = 0.12
# Growth beyond the bound's own growth by this factor is required before failing a time check.
GROWTH_MARGIN = 1.6
# Growth of at least this share of the yardstick's growth is needed to call an operation linear.
YARDSTICK_SHARE = 0.5
# A memory check reads bytes retained per operation (tracemalloc): under this, nothing is kept.
RETAINED_BYTES_O1 = 2.0


@dataclass(frozen=True)
class Fit:
    observed: str  # a class in ORDER, or "undetermined"
    passed: bool
    determined: bool
    ratio: float
    errors: dict[str, float]
    detail: str


def _fit(sizes: list[int], costs: list[float], g: Callable[[float], float]) -> float:
    """Relative RMS error of the best cost = a + b*g(n), a, b >= 0."""
    xs = [g(n) for n in sizes]
    w = [1.0 / c for c in costs]  # weighting by 1/cost turns the error into a relative one

    def err(a: float, b: float) -> float:
        return math.sqrt(sum(((a + b * x) * wi - 1.0) ** 2 for x, wi in zip(xs, w, strict=True)) / len(xs))

    # Weighted least squares for (a, b) on rows (wi, wi*xi) -> 1.
    s_aa = sum(wi * wi for wi in w)
    s_ab = sum(wi * wi * x for wi, x in zip(w, xs, strict=True))
    s_bb = sum((wi * x) ** 2 for wi, x in zip(w, xs, strict=True))
    r_a = sum(w)
    r_b = sum(wi * x for wi, x in zip(w, xs, strict=True))
    det = s_aa * s_bb - s_ab * s_ab
    candidates = [(r_a / s_aa, 0.0), (0.0, r_b / s_bb if s_bb else 0.0)]
    if abs(det) > 1e-300:
        a = (r_a * s_bb - r_b * s_ab) / det
        b = (s_aa * r_b - s_ab * r_a) / det
        if a >= 0 and b >= 0:
            candidates.append((a, b))
    return min(err(a, b) for a, b in candidates)


def classify(
    sizes: list[int],
    costs: list[float],
    expected: str,
    tolerance: float = FIT_TOLERANCE,
    yardstick: list[float] | None = None,
) -> Fit:
    if len(sizes) < 3 or any(c <= 0 for c in costs):
        return Fit("undetermined", True, False, 0.0, {}, "too few usable measurements")
    errors = {name: _fit(sizes, costs, g) for name, g in CLASSES.items()}
    ratio = costs[-1] / costs[0]
    fitting = [name for name in ORDER if errors[name] <= tolerance]
    if not fitting:
        return Fit("undetermined", True, False, ratio, errors, "no class fits the measurements (too noisy)")
    observed = fitting[0]
    within = ORDER.index(observed) <= ORDER.index(expected)
    g = CLASSES[expected]
    allowed = g(sizes[-1]) / g(sizes[0])
    if within:
        return Fit(observed, True, True, ratio, errors, f"cost grew x{ratio:.2f}; {expected} allows x{allowed:.2f}")
    sublinear_bound = ORDER.index(expected) < ORDER.index("O(n)")
    if yardstick and sublinear_bound and len(yardstick) >= len(costs):
        grew, linear = costs[-1] - costs[0], yardstick[len(costs) - 1] - yardstick[0]
        if linear > 0 and grew < YARDSTICK_SHARE * linear:
            return Fit(
                expected, True, True, ratio, errors,
                f"cost grew {grew * 1e6:.2f} us from n={sizes[0]:,} to n={sizes[-1]:,}; a linear step grows "
                f"{linear * 1e6:.2f} us here, so the creep is cache effects, not a linear term",
            )
    if ratio > allowed * GROWTH_MARGIN:
        return Fit(
            observed, False, True, ratio, errors,
            f"cost grew x{ratio:.2f} from n={sizes[0]:,} to n={sizes[-1]:,}; {expected} allows about x{allowed:.2f}",
        )
    return Fit(
        "undetermined", True, False, ratio, errors,
        f"best fit {observed}, but the growth (x{ratio:.2f}) is too small to be sure it exceeds {expected}",
    )


def classify_memory(sizes: list[int], retained: list[float], expected: str) -> Fit:
    """Bytes retained per operation: ~0 means the state does not grow; a steady amount means O(n) state."""
    per_op = sorted(retained)[len(retained) // 2]
    observed = "O(1)" if per_op <= RETAINED_BYTES_O1 else "O(n)"
    passed = ORDER.index(observed) <= ORDER.index(expected)
    detail = f"{per_op:.1f} bytes kept per call (median over sizes); O(1) memory keeps none"
    return Fit(observed, passed, True, 0.0, {}, detail)
