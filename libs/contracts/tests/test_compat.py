"""check_compatible: which schema changes break producers or consumers, which pass."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
import pytest

from gts_contracts.compat import check_compatible


def _schema(message_type: Any) -> dict[str, Any]:
    return msgspec.json.schema(message_type)


_PROGRESS: dict[str, Any] = {"job_id": str, "percent": float, "stage": Literal["amp", "cab"]}


def _progress(name: str, doc: str | None = None, **changes: Any) -> type[msgspec.Struct]:
    """A progress message like `Base` with `changes` applied: a field name mapped to its new
    type, to (type, default) for an optional field, or to None to drop it; new ones go last."""
    fields = [
        (field, *spec) if isinstance(spec, tuple) else (field, spec)
        for field, spec in {**_PROGRESS, **changes}.items()
        if spec is not None
    ]
    return msgspec.defstruct(name, fields, frozen=True, kw_only=True, namespace={"__doc__": doc})


Base = _progress("Base")
Dropped = _progress("Dropped", percent=None)
Retyped = _progress("Retyped", percent=str)
AddedOptional = _progress("AddedOptional", message=(str | None, None))
AddedRequired = _progress("AddedRequired", worker=str)
EnumShrunk = _progress("EnumShrunk", stage=Literal["amp"])
EnumGrown = _progress("EnumGrown", stage=Literal["amp", "cab", "video"])
BecameNullable = _progress("BecameNullable", job_id=str | None)
Tightened = _progress("Tightened", percent=Annotated[float, msgspec.Meta(le=100)])
Documented = _progress(
    "Documented",
    "Only the words changed.",
    job_id=Annotated[str, msgspec.Meta(description="the job")],
)


class OptionalBase(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    note: str = ""


class OptionalNowRequired(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    note: str


class Inner(msgspec.Struct, frozen=True, kw_only=True):
    gain_db: float


class InnerRetyped(msgspec.Struct, frozen=True, kw_only=True):
    gain_db: int


class Gear(msgspec.Struct, frozen=True, kw_only=True, tag="gear", tag_field="type"):
    name: str


class Effect(msgspec.Struct, frozen=True, kw_only=True, tag="effect", tag_field="type"):
    params: list[Inner]


class EffectNested(msgspec.Struct, frozen=True, kw_only=True, tag="effect", tag_field="type"):
    params: list[InnerRetyped]


class Pedal(msgspec.Struct, frozen=True, kw_only=True, tag="pedal", tag_field="type"):
    name: str


class Chain(msgspec.Struct, frozen=True, kw_only=True):
    blocks: list[Gear | Effect]


class ChainDeepRetyped(msgspec.Struct, frozen=True, kw_only=True):
    blocks: list[Gear | EffectNested]


class ChainLostEffect(msgspec.Struct, frozen=True, kw_only=True):
    blocks: list[Gear]


class ChainGainedPedal(msgspec.Struct, frozen=True, kw_only=True):
    blocks: list[Gear | Effect | Pedal]


@pytest.mark.parametrize(
    ("old", "new", "problems"),
    [
        pytest.param(Base, Base, [], id="identical_schemas_are_compatible"),
        pytest.param(Base, AddedOptional, [], id="an_added_optional_field_is_compatible"),
        pytest.param(Base, Documented, [], id="changed_descriptions_are_compatible"),
        pytest.param(Base, Dropped, ["percent: field dropped"], id="a_dropped_field_breaks"),
        pytest.param(
            Base, Retyped, ["percent: retyped from number to string"], id="a_retyped_field_breaks"
        ),
        pytest.param(
            Base,
            AddedRequired,
            ["worker: new field is required; old messages lack it"],
            id="an_added_required_field_breaks",
        ),
        pytest.param(
            OptionalBase,
            OptionalNowRequired,
            ["note: field became required; old messages may lack it"],
            id="a_field_that_became_required_breaks",
        ),
        pytest.param(
            Base,
            EnumShrunk,
            ['stage: enum values removed: ["cab"]'],
            id="a_removed_enum_value_breaks",
        ),
        pytest.param(
            Base,
            EnumGrown,
            ['stage: enum values added, old consumers reject them: ["video"]'],
            id="an_added_enum_value_breaks_old_consumers",
        ),
        pytest.param(
            Base,
            BecameNullable,
            ["job_id: now also allows null, which old consumers cannot read"],
            id="a_field_that_became_nullable_breaks_old_consumers",
        ),
        pytest.param(
            Base,
            Tightened,
            ["percent: maximum changed from None to 100"],
            id="a_tightened_constraint_breaks",
        ),
        pytest.param(
            Chain,
            ChainDeepRetyped,
            ['blocks[]<type=enum ["effect"]>.params[].gain_db: retyped from number to integer'],
            id="a_retyped_field_deep_inside_a_tagged_union_is_found_with_its_path",
        ),
        pytest.param(
            Chain,
            ChainLostEffect,
            ['blocks[]: no longer accepts type=enum ["effect"], which old messages may carry'],
            id="a_removed_union_member_breaks",
        ),
        pytest.param(
            Chain,
            ChainGainedPedal,
            ['blocks[]: now also allows type=enum ["pedal"], which old consumers cannot read'],
            id="an_added_union_member_breaks",
        ),
    ],
)
def test_check_compatible_names_each_breaking_change(
    old: type[msgspec.Struct], new: type[msgspec.Struct], problems: list[str]
) -> None:
    assert check_compatible(_schema(old), _schema(new)) == problems
