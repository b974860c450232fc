"""What `gts up` hands each service: its own NATS user only; render no identity secret or keys."""

from __future__ import annotations

from pathlib import Path

from gts_cli.stack.stack import SERVICES, Stack, StackConfig
from gts_kit.local.nats_auth import ADMIN_USER, random_passwords

SECRETS_RENDER_MUST_NOT_HAVE = (
    "GTS_INTERNAL_SECRET",
    "GTS_TOKEN_ENCRYPTION_KEYS",
    "GTS_JWT_PRIVATE_KEYS",
)


def _stack(tmp_path: Path) -> tuple[Stack, dict[str, str]]:
    passwords = random_passwords()
    config = StackConfig(
        home=tmp_path, nats_url="nats://127.0.0.1:4222", nats_passwords=passwords, web_dir=None
    )
    stack = Stack(config, say=lambda _line: None)
    # The ports `start` would pick; the gateway's environment names every upstream's.
    for number, name in enumerate(SERVICES):
        stack.ports[name] = 18000 + number
        stack.internal_ports[name] = 19000 + number
    return stack, passwords


def test_each_service_signs_in_to_nats_as_itself(tmp_path: Path) -> None:
    stack, passwords = _stack(tmp_path)
    for name in SERVICES:
        env = stack._env(name)
        assert (env["GTS_NATS_USER"], env["GTS_NATS_PASSWORD"]) == (name, passwords[name])
        others = {p for user, p in passwords.items() if user != name}
        assert others.isdisjoint(env.values()), f"{name} got another user's NATS password"
        assert passwords[ADMIN_USER] not in env.values()


def test_render_gets_neither_the_identity_secret_nor_the_token_keys(tmp_path: Path) -> None:
    stack, _ = _stack(tmp_path)
    assert set(SECRETS_RENDER_MUST_NOT_HAVE).isdisjoint(stack._env("render"))
    assert {n for n in SERVICES if "GTS_TOKEN_ENCRYPTION_KEYS" in stack._env(n)} == {"auth"}
    assert "GTS_INTERNAL_SECRET" in stack._env("gateway")
