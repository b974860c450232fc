"""The small error constructors every service raises: one code per kind of problem."""

from __future__ import annotations

from gts_kit.errors import FieldProblem, invalid, invalid_fields, not_found


def test_invalid_names_the_field_the_reason_and_the_code() -> None:
    error = invalid("name", "must not be blank", "blank")
    assert (error.status, error.detail, error.code) == (422, "name: must not be blank", "blank")
    assert error.problems == (FieldProblem("name", "must not be blank", "blank"),)


def test_invalid_fields_names_every_field_and_is_coded_as_the_first() -> None:
    error = invalid_fields([FieldProblem("a", "too long", "too_long"), FieldProblem("b", "gone")])
    assert (error.detail, error.code, len(error.problems)) == (
        "a: too long; b: gone",
        "too_long",
        2,
    )


def test_every_missing_resource_is_coded_not_found() -> None:
    error = not_found("DI track")
    assert (error.status, error.detail, error.code) == (404, "DI track not found", "not_found")
