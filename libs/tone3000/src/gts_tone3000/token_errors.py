"""Reading the token endpoint's refusals, in both shapes TONE3000 sends.

OAuth's `{error, error_description}` comes from the endpoint itself; `{code, error_code,
msg}` comes from the identity store behind it (e.g. `refresh_token_not_found` once a
refresh token is gone). Either can mean that the grant is dead and the user must sign in.
"""

from __future__ import annotations

import msgspec

from gts_tone3000.errors import Tone3000GrantError

# OAuth errors that mean "this code or refresh token is no good"
OAUTH_GRANT_ERRORS = frozenset({"invalid_grant", "invalid_client", "unauthorized_client"})
# identity-store codes with the same meaning: the session, refresh token or code is gone
STORE_GRANT_ERRORS = frozenset(
    {
        "refresh_token_not_found",
        "refresh_token_already_used",
        "session_not_found",
        "session_expired",
        "user_not_found",
        "user_banned",
        "flow_state_not_found",
        "flow_state_expired",
        "bad_code_verifier",
    }
)


class _OAuthError(msgspec.Struct):
    error: str
    error_description: str | None = None


class _StoreError(msgspec.Struct):
    error_code: str
    code: int | str | None = None
    msg: str | None = None


def grant_error_in(body: bytes) -> Tone3000GrantError | None:
    """The `Tone3000GrantError` a refusal body means, or None when it is no dead grant."""
    try:
        oauth = msgspec.json.decode(body, type=_OAuthError)
    except msgspec.DecodeError:
        pass
    else:
        if oauth.error in OAUTH_GRANT_ERRORS:
            return Tone3000GrantError(oauth.error_description or oauth.error, oauth.error)
        return None
    try:
        store = msgspec.json.decode(body, type=_StoreError)
    except msgspec.DecodeError:
        return None
    if store.error_code in STORE_GRANT_ERRORS:
        return Tone3000GrantError(store.msg or store.error_code, store.error_code)
    return None
