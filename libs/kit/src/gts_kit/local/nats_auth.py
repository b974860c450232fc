"""nats-server `authorization` for GTS: one user per service with the registry's permissions.

`ADMIN_USER` may do anything: it provisions streams and buckets and serves tests that need
the whole server. Passwords are random per run locally; deployments put `$VARIABLE`
references in the file, which nats-server fills from its environment.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping

from gts_contracts.permissions import permissions_for, services

ADMIN_USER = "admin"


def random_passwords() -> dict[str, str]:
    """A fresh password for the admin and for every service."""
    return {name: secrets.token_urlsafe(24) for name in (ADMIN_USER, *services())}


def password_variable(user: str) -> str:
    """The environment variable that holds `user`'s password in a deployment."""
    return f"NATS_{user.upper()}_PASSWORD"


def password_variables() -> dict[str, str]:
    """For a deployed config: each password is the variable `NATS_<USER>_PASSWORD`."""
    return {name: "$" + password_variable(name) for name in (ADMIN_USER, *services())}


_GENERATED = "Generated from the contract registry by `gts nats-auth`: do not edit."


def deployed_config() -> str:
    """The committed `deploy/nats/gts-auth.conf`: passwords from `NATS_<USER>_PASSWORD`."""
    return f"# {_GENERATED}\n" + authorization_config(password_variables())


def deployed_config_map() -> str:
    """The committed ConfigMap `nats-auth` holding `gts-auth.conf` for the NATS Helm release."""
    body = "".join(f"    {line}\n" for line in deployed_config().splitlines())
    return (
        f"# {_GENERATED}\n"
        "# The NATS pods include it (deploy/nats/values.yaml); passwords come from Secrets.\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nats-auth\n"
        f"data:\n  gts-auth.conf: |\n{body}"
    )


def authorization_config(passwords: Mapping[str, str], *, no_auth_user: str | None = None) -> str:
    """The `authorization { users: [...] }` config; a password starting with `$` is a variable.

    `no_auth_user`: the user a connection without credentials becomes (tests only).
    """
    users = [f"    {{user: {ADMIN_USER}, password: {_value(passwords[ADMIN_USER])}}}"]
    for name in services():
        perms = permissions_for(name)
        allow: dict[str, object] = {
            "publish": {"allow": list(perms.publish)},
            "subscribe": {"allow": list(perms.subscribe)},
        }
        if perms.allow_responses:
            allow["allow_responses"] = True
        users.append(
            f"    {{user: {name}, password: {_value(passwords[name])}, "
            f"permissions: {json.dumps(allow)}}}"
        )
    lines = ["authorization {", "  users: [", *users, "  ]", "}"]
    if no_auth_user is not None:
        lines.append(f"no_auth_user: {no_auth_user}")
    return "\n".join(lines) + "\n"


def _value(password: str) -> str:
    return password if password.startswith("$") else json.dumps(password)
