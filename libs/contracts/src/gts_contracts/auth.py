"""Messages the auth service produces: user facts and the TONE3000 token request-reply."""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec

from gts_contracts.envelope import AwareDatetime, Event
from gts_contracts.fields import Label, Name, NonEmptyLabel, Text, Token, Url


class UserRegisteredV1(Event, frozen=True, kw_only=True):
    """`auth.user.registered.v1`: a TONE3000 account signed in to GTS for the first time."""

    user_id: uuid.UUID
    tone3000_user_id: NonEmptyLabel
    username: Name
    display_name: Label | None
    avatar_url: Url | None


class UserUpdatedV1(Event, frozen=True, kw_only=True):
    """`auth.user.updated.v1`: a user's profile changed; carries the whole current profile."""

    user_id: uuid.UUID
    tone3000_user_id: NonEmptyLabel
    username: Name
    display_name: Label | None
    avatar_url: Url | None


class GetTone3000TokenV1(msgspec.Struct, frozen=True, kw_only=True):
    """`auth.tone3000.token.get.v1` request: a valid TONE3000 access token for this user."""

    user_id: uuid.UUID


class Tone3000Token(msgspec.Struct, frozen=True, kw_only=True, tag="token", tag_field="type"):
    """A TONE3000 access token that stays valid at least until `expires_at`."""

    access_token: Token
    expires_at: AwareDatetime


Tone3000TokenErrorCode = Literal["reauth_required", "unknown_user", "unavailable"]


class Tone3000TokenError(msgspec.Struct, frozen=True, kw_only=True, tag="error", tag_field="type"):
    """Why no token could be handed out.

    `reauth_required`: the refresh token is gone or revoked, the user must sign in again;
    `unknown_user`: no such user; `unavailable`: TONE3000 could not be reached, retry later.
    """

    code: Tone3000TokenErrorCode
    message: Text


class Tone3000TokenReplyV1(msgspec.Struct, frozen=True, kw_only=True):
    """`auth.tone3000.token.get.v1` reply: a token or a typed error (tagged by `type`)."""

    result: Tone3000Token | Tone3000TokenError
