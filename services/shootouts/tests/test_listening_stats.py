"""The listening statistics against values computed by hand (and from published tables)."""

from __future__ import annotations

import math

import pytest

from shootouts.listening.stats import abx_p_value, mean_interval, t_quantile, wilson


def test_twelve_of_sixteen_abx_answers_right_is_p_0_038() -> None:
    # (C(16,12) + C(16,13) + C(16,14) + C(16,15) + C(16,16)) / 2^16 = 2517 / 65536
    assert abx_p_value(12, 16) == pytest.approx(2517 / 65536, abs=1e-15)
    assert round(abx_p_value(12, 16), 3) == 0.038


@pytest.mark.parametrize(
    ("correct", "trials", "expected"),
    [
        (0, 16, 1.0),
        (16, 16, 1 / 65536),
        (8, 16, 39203 / 65536),
        (11, 16, 0.10505676),
        (9, 10, 11 / 1024),
    ],
)
def test_abx_p_values_match_binomial_tails(correct: int, trials: int, expected: float) -> None:
    assert abx_p_value(correct, trials) == pytest.approx(expected, rel=1e-7)


def test_an_impossible_abx_count_is_refused() -> None:
    with pytest.raises(ValueError, match="correct"):
        abx_p_value(17, 16)


def test_wilson_at_zero_half_and_all() -> None:
    # n = 10, z = 1.959964: the textbook Wilson bounds
    none = wilson(0, 10)
    assert (none.estimate, none.low) == (0.0, 0.0)
    assert none.high == pytest.approx(0.277533, abs=1e-6)
    half = wilson(5, 10)
    assert [half.low, half.high] == pytest.approx([0.236593, 0.763407], abs=1e-6)
    every = wilson(10, 10)
    assert every.low == pytest.approx(0.722467, abs=1e-6)
    assert every.high == 1.0


def test_wilson_by_hand_for_a_lopsided_count() -> None:
    z = 1.959963984540054
    n, k = 40, 31
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    got = wilson(k, n)
    assert [got.low, got.high] == pytest.approx([centre - half, centre + half])


def test_wilson_with_no_votes_spans_everything() -> None:
    assert wilson(0, 0) == wilson(0, 0).__class__(0.0, 0.0, 1.0)


@pytest.mark.parametrize(
    ("df", "table"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (120, 1.9799)],
)
def test_t_quantiles_match_the_published_table(df: int, table: float) -> None:
    assert t_quantile(df) == pytest.approx(table, abs=1e-4)


def test_mean_rating_interval_by_hand() -> None:
    # mean 60, sample sd 10, n 3: 60 +- 4.302653 * 10 / sqrt(3)
    got = mean_interval([50.0, 60.0, 70.0])
    assert got is not None
    assert got.estimate == 60.0
    assert got.high - 60.0 == pytest.approx(4.302653 * 10 / math.sqrt(3), abs=1e-5)
    assert got.low == pytest.approx(120.0 - got.high)


def test_mean_interval_of_nothing_or_one_rating() -> None:
    assert mean_interval([]) is None
    one = mean_interval([42.0])
    assert one is not None
    assert (one.low, one.high) == (42.0, 42.0)
