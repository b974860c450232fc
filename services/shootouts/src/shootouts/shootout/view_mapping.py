"""Rows of shootouts, jobs and outputs mapped to the parts of the API's views."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

import msgspec

from shootouts.db.row_structs import from_row
from shootouts.outputs.access import shared_with_anyone
from shootouts.shootout.schemas import JobView, Montage, OutputView


def job_view(row: Any) -> JobView:
    """A job row as the API shows it."""
    return from_row(JobView, row)


def output_view(row: Any) -> OutputView:
    """An output row as the API shows it, with the URL that streams it."""
    return from_row(OutputView, row, url=f"/api/v1/outputs/{row.id}")


def montage(row: Any) -> Montage:
    """A shootout row's montage settings."""
    return from_row(Montage, row, mode=row.montage_mode)


def uuid_lists(stored: list[list[str]]) -> list[list[uuid.UUID]]:
    """Lists of ids stored as JSON strings, as UUIDs: one msgspec call for a whole page."""
    return msgspec.convert(stored, list[list[uuid.UUID]])


def latest_job(row: Any) -> JobView | None:
    """The newest job of a row of `WITH_JOBS` (its `latest_*` columns); None when it has none."""
    if row.latest_id is None:
        return None
    return from_row(JobView, row, prefix="latest_")


def revealed_at(row: Any) -> datetime | None:
    """When the owner revealed the letters of the latest completed render; None for an earlier
    render's reveal (a new render shuffles the letters anew) and when not blind."""
    revealed = row.blind and row.done_id is not None and row.revealed_job_id == row.done_id
    return cast("datetime | None", row.revealed_at) if revealed else None


def hidden(row: Any) -> bool:
    """Whether visitors are kept from which file is which chain: blind and not revealed."""
    return bool(row.blind) and revealed_at(row) is None


def shared_results(results: list[OutputView], *, blind: bool) -> list[OutputView]:
    """The outputs visitors see: all of them unless `blind`; a blind shootout's without the
    kinds only its owner sees and without the chain each file came from."""
    if not blind:
        return results
    # a blind file's chain id is its blind key entry
    return [
        msgspec.structs.replace(r, chain_id=None)
        for r in results
        if shared_with_anyone(r.kind, blind=blind)
    ]
