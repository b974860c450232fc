"""`GET /api/v1/gear` pages by the kit's policy: limit 1 to 200 (20 when absent), offset 0 or
more, anything else a 400 naming the parameter."""

from __future__ import annotations

import pytest

from .conftest import ALICE, Api


async def test_an_absent_limit_is_the_kits_default(api: Api) -> None:
    page = (await api.request(ALICE, "GET", "/api/v1/gear")).json()
    assert (page["limit"], page["offset"], page["total"]) == (20, 0, 0)


@pytest.mark.parametrize(
    ("query", "field"), [("limit=0", "limit"), ("limit=201", "limit"), ("offset=-1", "offset")]
)
async def test_paging_outside_the_policy_is_400_naming_the_parameter(
    api: Api, query: str, field: str
) -> None:
    answer = await api.request(ALICE, "GET", f"/api/v1/gear?{query}")
    assert answer.status_code == 400, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == [field]


async def test_the_largest_page_is_allowed(api: Api) -> None:
    answer = await api.request(ALICE, "GET", "/api/v1/gear?limit=200")
    assert answer.status_code == 200, answer.text
