"""Parsing one HTTP byte range: numbers of any length answer a range or a refusal, never a crash."""

from __future__ import annotations

import pytest

from shootouts.outputs.ranges import ByteRange, RangeNotSatisfiableError, parse_range

SIZE = 1000
HUGE = "9" * 5000  # past Python's 4,300-digit limit on int()


def test_a_start_of_five_thousand_digits_is_not_satisfiable() -> None:
    with pytest.raises(RangeNotSatisfiableError, match="beyond the 1000-byte file"):
        parse_range(f"bytes={HUGE}-", SIZE)
    with pytest.raises(RangeNotSatisfiableError):
        parse_range(f"bytes={HUGE}-{HUGE}", SIZE)


def test_an_end_of_five_thousand_digits_means_to_the_end_of_the_file() -> None:
    assert parse_range(f"bytes=10-{HUGE}", SIZE) == ByteRange(10, SIZE - 1, SIZE)


def test_a_suffix_of_five_thousand_digits_is_the_whole_file() -> None:
    assert parse_range(f"bytes=-{HUGE}", SIZE) == ByteRange(0, SIZE - 1, SIZE)


def test_leading_zeros_do_not_make_a_number_big() -> None:
    assert parse_range("bytes=" + "0" * 5000 + "7-" + "0" * 5000 + "9", SIZE) == ByteRange(
        7, 9, SIZE
    )


def test_the_refusal_quotes_a_long_header_shortly() -> None:
    with pytest.raises(RangeNotSatisfiableError) as refused:
        parse_range(f"bytes={HUGE}x", SIZE)
    assert len(str(refused.value)) < 200


def test_digits_other_than_ascii_are_not_numbers() -> None:
    with pytest.raises(RangeNotSatisfiableError, match="is not 'bytes=start-end'"):
        parse_range("bytes=\u0663-", SIZE)  # ARABIC-INDIC DIGIT THREE
