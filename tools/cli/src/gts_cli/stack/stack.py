"""Start and stop the whole stack: NATS, PostgreSQL, the TONE3000 sandbox, migrations, services."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from gts_cli.stack.errors import StackError
from gts_cli.stack.processes import Child, venv_bin
from gts_cli.stack.provision import provision_nats
from gts_cli.stack.readiness import READY_TIMEOUT_SECONDS, wait_for_url
from gts_cli.stack.stack_secrets import stack_secrets
from gts_cli.stack.web import default_web_dir
from gts_kit.local.errors import LocalServerError
from gts_kit.local.nats import NatsServer
from gts_kit.local.nats_auth import ADMIN_USER, random_passwords
from gts_kit.local.ports import free_port, port_in_use
from gts_kit.local.postgres import PostgresServer

SERVICES = ("auth", "catalog", "shootouts", "render", "gateway")
OWN_TABLES = ("auth", "catalog", "shootouts")
SANDBOX_CLIENT_ID = "t3k_pub_gts_local"


@dataclass
class StackConfig:
    """Where the stack keeps its data and which external servers (if any) it uses."""

    home: Path
    gateway_port: int = 8000
    host: str = "127.0.0.1"
    database_url: str | None = None
    nats_url: str | None = None
    # NATS user -> password when `nats_url` is a server with GTS's users; None: no
    # authentication there. A NATS the stack starts itself gets fresh passwords.
    nats_passwords: dict[str, str] | None = None
    tone3000_url: str | None = None
    fresh: bool = False
    log_level: str = "INFO"
    # Extra variables per service name ("*" for all).
    env: dict[str, dict[str, str]] = field(default_factory=dict)
    # The web app's build the gateway serves at `/`; None: the API only.
    web_dir: Path | None = field(default_factory=default_web_dir)


class Stack:
    """The running stack; `start` then `stop` (also a context manager)."""

    def __init__(self, config: StackConfig, say: Callable[[str], None] = print) -> None:
        self.config = config
        self.say = say
        self.nats: NatsServer | None = None
        self.postgres: PostgresServer | None = None
        self.children: dict[str, Child] = {}
        self.ports: dict[str, int] = {}
        # Each service's internal port: health and metrics, never the API.
        self.internal_ports: dict[str, int] = {}
        self.database_url = config.database_url or ""
        self.nats_url = config.nats_url or ""
        self.nats_passwords = dict(config.nats_passwords or {})
        self.tone3000_url = config.tone3000_url or ""

    @property
    def gateway_url(self) -> str:
        """Where clients reach GTS."""
        return f"http://{self.config.host}:{self.config.gateway_port}"

    def service_url(self, name: str) -> str:
        """Where one service answers directly (loopback only)."""
        return f"http://{self.config.host}:{self.ports[name]}"

    def internal_url(self, name: str) -> str:
        """Where one service's health and metrics answer (loopback only)."""
        return f"http://{self.config.host}:{self.internal_ports[name]}"

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Bring everything up and wait until the gateway reports every upstream ready."""
        home = self.config.home
        if self.config.fresh and home.exists():
            shutil.rmtree(home)
        home.mkdir(parents=True, exist_ok=True)
        if port_in_use(self.config.gateway_port, self.config.host):
            raise StackError(
                f"port {self.config.gateway_port} is already in use "
                "(set GTS_GATEWAY_PORT to use another)"
            )
        try:
            self._start_servers()
            self._provision()
            self._start_sandbox()
            self._migrate()
            self._start_services()
            self._wait_ready()
            if self.config.web_dir is None:
                self.say("the web app is not built (make web): the gateway serves the API only")
        except (StackError, LocalServerError):
            self.stop()
            raise

    def stop(self) -> None:
        """Stop services first, then the sandbox and the servers."""
        for name in reversed(list(self.children)):
            self.children[name].stop()
        self.children.clear()
        if self.nats is not None:
            self.nats.stop()
            self.nats = None
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None

    def _start_servers(self) -> None:
        if self.config.database_url and self.config.nats_url:
            self.say("using PostgreSQL and NATS from GTS_DATABASE_URL and GTS_NATS_URL")
            return
        if not self.config.nats_url:
            self.nats_passwords = random_passwords()
            self.nats = NatsServer(self.config.home / "nats", passwords=self.nats_passwords)
            self.nats.start()
            self.nats_url = self.nats.url
        if not self.config.database_url:
            self.postgres = PostgresServer(self.config.home / "postgres")
            self.postgres.start()
            self.database_url = self.postgres.url
        self.say(f"NATS {self.nats_url}, PostgreSQL on port {self.database_url.rsplit(':', 1)[-1]}")

    def _provision(self) -> None:
        # Services with their own NATS users may not create streams or buckets: the admin does.
        if self.nats_passwords:
            # in a thread of its own: the caller's thread may be running an event loop
            # (Playwright's sync API does)
            with ThreadPoolExecutor(1) as pool:
                admin = self.nats_passwords[ADMIN_USER]
                pool.submit(asyncio.run, provision_nats(self.nats_url, admin)).result()

    def _start_sandbox(self) -> None:
        if self.config.tone3000_url:
            return
        port = free_port(self.config.host)
        url = f"http://{self.config.host}:{port}"
        child = Child(
            "tone3000-sandbox",
            [venv_bin("tone3000-sandbox"), "--host", self.config.host, "--port", str(port),
             "--redirect-prefix", self.gateway_url + "/"],
            {},
            self.config.home / "logs" / "tone3000-sandbox.log",
        )  # fmt: skip
        child.start()
        self.children[child.name] = child
        self.tone3000_url = url + "/api/v1"
        wait_for_url(child, url + "/api/v1/oauth/authorize?probe=1", accept_any=True)
        self.say(f"TONE3000 is the local sandbox at {url} (GTS_TONE3000_URL not set)")

    def _migrate(self) -> None:
        def run(name: str) -> tuple[str, subprocess.CompletedProcess[str]]:
            return name, subprocess.run(
                [venv_bin(f"gts-{name}"), "migrate"],
                env={**_base_env(), **self._env(name)},
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )

        with concurrent.futures.ThreadPoolExecutor(len(OWN_TABLES)) as pool:
            for name, result in pool.map(run, OWN_TABLES):
                if result.returncode != 0:
                    lines = (result.stderr or result.stdout).strip().splitlines()
                    raise StackError(
                        f"migration of {name} failed: {lines[-1] if lines else result.returncode}"
                    )

    def _start_services(self) -> None:
        taken = {self.config.gateway_port}

        def fresh_port() -> int:
            # nothing listens on them yet: the same free port must not be handed out twice
            while (port := free_port(self.config.host)) in taken:
                pass
            taken.add(port)
            return port

        for name in SERVICES:
            self.ports[name] = self.config.gateway_port if name == "gateway" else fresh_port()
            self.internal_ports[name] = fresh_port()
        for name in SERVICES:
            child = Child(
                name,
                [venv_bin(f"gts-{name}"), "serve"],
                self._env(name),
                self.config.home / "logs" / f"{name}.log",
            )
            child.start()
            self.children[name] = child

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        for name in SERVICES:
            wait_for_url(self.children[name], self.internal_url(name) + "/health/ready", deadline)
        self.say(f"all services ready; logs in {self.config.home / 'logs'}")

    def _env(self, name: str) -> dict[str, str]:
        secrets_ = stack_secrets(self.config.home)
        env = {
            "GTS_DATABASE_URL": self.database_url,
            "GTS_NATS_URL": self.nats_url,
            **self._nats_credentials(name),
            "GTS_HOST": self.config.host,
            "GTS_PORT": str(self.ports.get(name, 0)),
            "GTS_INTERNAL_PORT": str(self.internal_ports.get(name, 0)),
            "GTS_LOG_LEVEL": self.config.log_level,
            # each service's spans, for `gts trace`
            "GTS_TRACES_DIR": str(self.config.home / "traces"),
            "GTS_PUBLIC_URL": self.gateway_url,
            "GTS_TONE3000_URL": self.tone3000_url,
            "GTS_TONE3000_CLIENT_ID": SANDBOX_CLIENT_ID,
        }
        # render parses untrusted audio: it gets neither the identity secret nor the token keys
        if name != "render":
            env["GTS_INTERNAL_SECRET"] = str(secrets_["internal_secret"])
        if name == "auth":
            env["GTS_TOKEN_ENCRYPTION_KEYS"] = json.dumps(secrets_["token_encryption_keys"])
            env["GTS_JWT_PRIVATE_KEYS"] = json.dumps(secrets_["jwt_private_keys"])
        if name == "gateway":
            env.update({f"GTS_{svc.upper()}_URL": self.service_url(svc) for svc in SERVICES[:-1]})
            env.update(
                {f"GTS_{svc.upper()}_INTERNAL_URL": self.internal_url(svc) for svc in SERVICES[:-1]}
            )
            env["GTS_WEB_DIR"] = str(self.config.web_dir or "")
        if name == "render":
            env["GTS_RENDER_CACHE_DIR"] = str(self.config.home / "render-cache")
        env.update(self.config.env.get("*", {}))
        env.update(self.config.env.get(name, {}))
        return env

    def _nats_credentials(self, name: str) -> dict[str, str]:
        if not self.nats_passwords:
            return {}
        return {"GTS_NATS_USER": name, "GTS_NATS_PASSWORD": self.nats_passwords[name]}


def _base_env() -> dict[str, str]:
    return dict(os.environ)
