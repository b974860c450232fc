"""`/api/v1/signal-chains` and `/api/v1/chain-groups`."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.params import Parameter

from gts_chains import ChainGrammarError, check_chain_order, next_block_kinds
from gts_kit.errors import invalid
from gts_kit.http.paging import Page, Paging
from shootouts.chains.blocks import grammar_problem
from shootouts.chains.catalog import CATALOG, ChainCatalog
from shootouts.chains.schemas import (
    ChainIn,
    ChainPatch,
    ChainView,
    Generated,
    GroupIn,
    GroupView,
    NextBlocks,
)
from shootouts.wiring import Domain

After = Annotated[
    str,
    Parameter(
        description="block kinds so far, comma separated (effect, pedal, amp, amp-cab, ir)",
        max_length=500,
    ),
]

UsingGear = Annotated[
    uuid.UUID | None,
    Parameter(description="only those with a block (or, for a group, a slot option) of this gear"),
]


class SignalChainController(Controller):
    """Signal chains of the signed-in user."""

    path = "/api/v1/signal-chains"

    @post("/")
    async def create(self, domain: Domain, user_id: uuid.UUID, data: ChainIn) -> ChainView:
        """A new chain; 422 with `errors[].code` (grammar codes, UNKNOWN_GEAR, bad params)."""
        return await domain.chains.create(user_id, data)

    @get("/effects")
    async def effects(self, user_id: uuid.UUID) -> ChainCatalog:
        """The built-in effects with their parameters (unit, range, default), and what each
        error code of a chain or group means."""
        return CATALOG

    @get("/next-blocks")
    async def next_blocks(self, user_id: uuid.UUID, after: After = "") -> NextBlocks:
        """Which block kinds may come after `after`, and whether it is a complete chain."""
        kinds = [k.strip() for k in after.split(",") if k.strip()]
        try:
            options = next_block_kinds(kinds)
        except ChainGrammarError as exc:
            problem = grammar_problem(exc, "after")
            raise invalid(problem.field, problem.reason, problem.code or "") from exc
        try:
            check_chain_order(kinds)
            complete = True
        except ChainGrammarError:
            complete = False
        return NextBlocks(after=kinds, next=list(options), complete=complete)

    @get("/")
    async def page(
        self, domain: Domain, user_id: uuid.UUID, paging: Paging, gear_id: UsingGear = None
    ) -> Page[ChainView]:
        """The caller's chains, newest first; with `gear_id`, only the chains using that item."""
        return await domain.chains.page(user_id, paging, gear_id)

    @get("/{chain_id:uuid}")
    async def read(self, domain: Domain, user_id: uuid.UUID, chain_id: uuid.UUID) -> ChainView:
        """One chain, with `usable` false and reasons when its gear is gone."""
        return await domain.chains.get(user_id, chain_id)

    @patch("/{chain_id:uuid}")
    async def edit(
        self, domain: Domain, user_id: uuid.UUID, chain_id: uuid.UUID, data: ChainPatch
    ) -> ChainView:
        """Change a chain (new blocks are checked again)."""
        return await domain.chains.update(user_id, chain_id, data)

    @delete("/{chain_id:uuid}")
    async def remove(self, domain: Domain, user_id: uuid.UUID, chain_id: uuid.UUID) -> None:
        """Delete a chain."""
        await domain.chains.delete(user_id, chain_id)


class ChainGroupController(Controller):
    """Chain groups of the signed-in user."""

    path = "/api/v1/chain-groups"

    @post("/")
    async def create(self, domain: Domain, user_id: uuid.UUID, data: GroupIn) -> GroupView:
        """A new group; 422 when its slots make more combinations than the cap."""
        return await domain.groups.create(user_id, data)

    @get("/")
    async def page(
        self, domain: Domain, user_id: uuid.UUID, paging: Paging, gear_id: UsingGear = None
    ) -> Page[GroupView]:
        """The caller's groups, newest first; with `gear_id`, only the groups that use that
        item in a block or offer it in a slot."""
        return await domain.groups.page(user_id, paging, gear_id)

    @get("/{group_id:uuid}")
    async def read(self, domain: Domain, user_id: uuid.UUID, group_id: uuid.UUID) -> GroupView:
        """One group."""
        return await domain.groups.get(user_id, group_id)

    @delete("/{group_id:uuid}")
    async def remove(self, domain: Domain, user_id: uuid.UUID, group_id: uuid.UUID) -> None:
        """Delete a group (its generated chains stay)."""
        await domain.groups.delete(user_id, group_id)

    @post("/{group_id:uuid}/generate")
    async def generate(self, domain: Domain, user_id: uuid.UUID, group_id: uuid.UUID) -> Generated:
        """One chain per valid combination; the others are reported as skipped."""
        return await domain.groups.generate(user_id, group_id)
