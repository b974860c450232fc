"""Sign-in attempts: state and PKCE verifier kept server-side for a few minutes, used once.

The state is bound to the browser that started the sign-in: that browser holds a random
value in a cookie and the attempt stores its hash, so a state replayed from another browser
(a login CSRF) is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from auth.db.tables import login_attempts
from auth.domain.secrets import digest, new_secret, utcnow
from gts_kit.errors import FieldProblem, InvalidInputError
from gts_tone3000 import new_pkce_pair, new_state


@dataclass(frozen=True)
class StartedLogin:
    """Where to send the browser and the value its `gts_login` cookie must hold."""

    state: str
    challenge: str
    browser_secret: str


@dataclass(frozen=True)
class SpentLogin:
    """What a valid callback gets back: the PKCE verifier and where to land afterwards."""

    code_verifier: str
    return_to: str


class LoginRefused(Exception):  # noqa: N818 - an outcome shown to the user, not a fault
    """The callback cannot finish the sign-in; `reason` is said to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def checked_return_to(value: str | None) -> str:
    """`return_to` if it is a path on this site, "/" when absent; 422 for anything else."""
    if not value:
        return "/"
    if not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        raise InvalidInputError(
            "return_to must be a path on this site",
            problems=[FieldProblem("return_to", "must be a path on this site starting with /")],
        )
    return value


async def start_login(session: AsyncSession, return_to: str, ttl_seconds: int) -> StartedLogin:
    """Record a new attempt (state, verifier, browser binding) that lives `ttl_seconds`."""
    verifier, challenge = new_pkce_pair()
    state, browser_secret = new_state(), new_secret()
    now = utcnow()
    # old attempts are dead anyway: keep the table small
    await session.execute(delete(login_attempts).where(login_attempts.c.expires_at < now))
    await session.execute(
        insert(login_attempts).values(
            state_hash=digest(state),
            browser_hash=digest(browser_secret),
            code_verifier=verifier,
            return_to=return_to,
            expires_at=now + timedelta(seconds=ttl_seconds),
        )
    )
    return StartedLogin(state, challenge, browser_secret)


async def spend_login(
    session: AsyncSession, state: str | None, browser_secret: str | None
) -> SpentLogin:
    """Spend the attempt named by `state` (it can never be used again); LoginRefused if it is
    missing, unknown, used, expired, or was started by another browser."""
    if not state:
        raise LoginRefused("The sign-in link has no state; please start again.")
    row = (
        await session.execute(
            delete(login_attempts)
            .where(login_attempts.c.state_hash == digest(state))
            .returning(login_attempts)
        )
    ).one_or_none()
    if row is None:
        raise LoginRefused("This sign-in link was already used or is unknown; please start again.")
    if row.expires_at <= utcnow():
        raise LoginRefused("This sign-in link has expired; please start again.")
    if not browser_secret or digest(browser_secret) != row.browser_hash:
        raise LoginRefused("This sign-in was started in another browser; please start again here.")
    return SpentLogin(row.code_verifier, row.return_to)
