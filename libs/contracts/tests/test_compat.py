"""check_compatible: which schema changes break producers or consumers, which pass."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec

from gts_contracts.compat import check_compatible


def _schema(message_type: Any) -> dict[str, Any]:
    return msgspec.json.schema(message_type)


class Base(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: float
    stage: Literal["amp", "cab"]


class Dropped(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    stage: Literal["amp", "cab"]


class Retyped(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: str
    stage: Literal["amp", "cab"]


class AddedOptional(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: float
    stage: Literal["amp", "cab"]
    message: str | None = None


class AddedRequired(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: float
    stage: Literal["amp", "cab"]
    worker: str


class EnumShrunk(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: float
    stage: Literal["amp"]


class EnumGrown(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: float
    stage: Literal["amp", "cab", "video"]


class BecameNullable(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str | None
    percent: float
    stage: Literal["amp", "cab"]


class Tightened(msgspec.Struct, frozen=True, kw_only=True):
    job_id: str
    percent: Annotated[float, msgspec.Meta(le=100)]
    stage: Literal["amp", "cab"]


class Documented(msgspec.Struct, frozen=True, kw_only=True):
    """Only the words changed."""

    job_id: Annotated[str, msgspec.Meta(description="the job")]
    percent: float
    stage: Literal["amp", "cab"]


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


def test_identical_schemas_are_compatible() -> None:
    assert check_compatible(_schema(Base), _schema(Base)) == []


def test_an_added_optional_field_is_compatible() -> None:
    assert check_compatible(_schema(Base), _schema(AddedOptional)) == []


def test_changed_descriptions_are_compatible() -> None:
    assert check_compatible(_schema(Base), _schema(Documented)) == []


def test_a_dropped_field_breaks() -> None:
    assert check_compatible(_schema(Base), _schema(Dropped)) == ["percent: field dropped"]


def test_a_retyped_field_breaks() -> None:
    assert check_compatible(_schema(Base), _schema(Retyped)) == [
        "percent: retyped from number to string"
    ]


def test_an_added_required_field_breaks() -> None:
    assert check_compatible(_schema(Base), _schema(AddedRequired)) == [
        "worker: new field is required; old messages lack it"
    ]


def test_a_field_that_became_required_breaks() -> None:
    assert check_compatible(_schema(OptionalBase), _schema(OptionalNowRequired)) == [
        "note: field became required; old messages may lack it"
    ]


def test_a_removed_enum_value_breaks() -> None:
    assert check_compatible(_schema(Base), _schema(EnumShrunk)) == [
        'stage: enum values removed: ["cab"]'
    ]


def test_an_added_enum_value_breaks_old_consumers() -> None:
    assert check_compatible(_schema(Base), _schema(EnumGrown)) == [
        'stage: enum values added, old consumers reject them: ["video"]'
    ]


def test_a_field_that_became_nullable_breaks_old_consumers() -> None:
    assert check_compatible(_schema(Base), _schema(BecameNullable)) == [
        "job_id: now also allows null, which old consumers cannot read"
    ]


def test_a_tightened_constraint_breaks() -> None:
    assert check_compatible(_schema(Base), _schema(Tightened)) == [
        "percent: maximum changed from None to 100"
    ]


def test_a_retyped_field_deep_inside_a_tagged_union_is_found_with_its_path() -> None:
    assert check_compatible(_schema(Chain), _schema(ChainDeepRetyped)) == [
        'blocks[]<type=enum ["effect"]>.params[].gain_db: retyped from number to integer'
    ]


def test_a_removed_union_member_breaks_and_an_added_one_too() -> None:
    assert check_compatible(_schema(Chain), _schema(ChainLostEffect)) == [
        'blocks[]: no longer accepts type=enum ["effect"], which old messages may carry'
    ]
    assert check_compatible(_schema(Chain), _schema(ChainGainedPedal)) == [
        'blocks[]: now also allows type=enum ["pedal"], which old consumers cannot read'
    ]
