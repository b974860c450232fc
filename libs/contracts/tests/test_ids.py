"""Event ids are UUIDv7: version 7, RFC variant, the creation time up front, ordered."""

from __future__ import annotations

import itertools
import time
import uuid

import pytest

from gts_contracts import new_event_id, uuid7_unix_ms
from gts_contracts.ids import UuidV7Generator


def test_event_id_is_version_7_with_the_rfc_variant() -> None:
    event_id = new_event_id()
    assert event_id.version == 7
    assert event_id.variant == uuid.RFC_4122


def test_event_id_carries_the_current_unix_milliseconds() -> None:
    before = time.time_ns() // 1_000_000
    event_id = new_event_id()
    after = time.time_ns() // 1_000_000
    # The generator may borrow one millisecond ahead when a burst overflows its counter.
    assert before <= uuid7_unix_ms(event_id) <= after + 1


def test_ids_made_in_a_burst_are_strictly_increasing_and_unique() -> None:
    generate = UuidV7Generator()
    ids = [generate() for _ in range(20_000)]
    assert len(set(ids)) == len(ids)
    assert all(a.int < b.int for a, b in itertools.pairwise(ids))
    # The hex form sorts the same way, so text columns order by creation too.
    assert sorted(str(i) for i in ids) == [str(i) for i in ids]


def test_ids_from_later_milliseconds_sort_after_earlier_ones() -> None:
    first = new_event_id()
    time.sleep(0.003)
    second = new_event_id()
    assert uuid7_unix_ms(second) > uuid7_unix_ms(first)
    assert second > first


def test_unix_ms_of_a_non_v7_uuid_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValueError, match=r"event_id: .* version 4, expected 7"):
        uuid7_unix_ms(uuid.uuid4())
