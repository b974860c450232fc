"""The statistics of listening: ABX p-values, preference intervals, mean ratings.

Exact formulas, standard library only: the one-sided binomial tail under guessing, the
Wilson score interval for a proportion, and Student's t interval for a mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist, fmean, stdev

CONFIDENCE = 0.95
_Z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)  # 1.959964...


@dataclass(frozen=True, slots=True)
class Interval:
    """An estimate with its 95 % interval."""

    estimate: float
    low: float
    high: float


def abx_p_value(correct: int, trials: int) -> float:
    """P(at least `correct` right of `trials`) when every answer is a coin toss (one-sided)."""
    if not 0 <= correct <= trials:
        raise ValueError(f"correct must be within 0..{trials}, got {correct}")
    tail = sum(math.comb(trials, k) for k in range(correct, trials + 1))
    return float(tail / 2**trials)


def wilson(successes: int, total: int) -> Interval:
    """The share `successes / total` with its Wilson score interval (0..1); with no
    observations the estimate is 0 and the interval the whole range."""
    if not 0 <= successes <= total:
        raise ValueError(f"successes must be within 0..{total}, got {successes}")
    if total == 0:
        return Interval(0.0, 0.0, 1.0)
    p = successes / total
    z2 = _Z * _Z
    scale = 1 + z2 / total
    centre = (p + z2 / (2 * total)) / scale
    half = _Z / scale * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return Interval(p, low, high)


def mean_interval(values: list[float]) -> Interval | None:
    """The mean with Student's t interval; None without values, a point for one value."""
    if not values:
        return None
    mean = fmean(values)
    if len(values) == 1:
        return Interval(mean, mean, mean)
    half = t_quantile(len(values) - 1) * stdev(values) / math.sqrt(len(values))
    return Interval(mean, mean - half, mean + half)


def t_quantile(df: int) -> float:
    """Student's t quantile at (1 + CONFIDENCE) / 2 for `df` degrees of freedom, found by
    bisection on the distribution function (exact to 1e-10)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    target = 0.5 + CONFIDENCE / 2
    low, high = 0.0, 1000.0
    for _ in range(200):
        mid = (low + high) / 2
        if _t_cdf(mid, df) < target:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _t_cdf(t: float, df: int) -> float:
    """Student's t distribution function for t >= 0, through the regularized incomplete
    beta function: 1 - I_x(df/2, 1/2) / 2 with x = df / (df + t^2)."""
    x = df / (df + t * t)
    return 1.0 - 0.5 * _betainc(df / 2, 0.5, x)


def _betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b) by its continued fraction
    (Lentz's method), using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where it converges
    slowly."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    front = math.exp(log_front + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1.0 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return result
