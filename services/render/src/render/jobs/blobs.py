"""Blobs by sha256, fetched once from the object store and kept in a local, verified cache."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
from pathlib import Path

from gts_engine.whole_files import written_whole
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.blobs.store import BlobNotFoundError

PART_SUFFIX = ".part"


class MissingBlobError(LookupError):
    """A blob the command names is not in its bucket (`what` says which input it is)."""

    def __init__(self, what: str, sha256: str) -> None:
        super().__init__(f"{what} blob {sha256} is missing")
        self.what = what
        self.sha256 = sha256


class BlobCache:
    """Reads blobs from a store through a folder of files named by their sha256.

    A cached file is hashed again on every read, so a damaged cache entry is fetched anew
    rather than rendered. The folder holds at most `max_bytes`: after each fetch the least
    recently used files go (a read marks a file used), so a long-lived worker never fills
    its disk. Caches may share a folder; the bound is the folder's.
    """

    def __init__(self, store: NatsObjectBlobStore, directory: Path, max_bytes: int) -> None:
        self.store = store
        self.directory = directory
        self.max_bytes = max_bytes
        directory.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        """Where the blob `sha256` is cached."""
        return self.directory / sha256[:2] / sha256

    async def read(self, sha256: str, what: str) -> bytes:
        """The blob's bytes, verified against `sha256`; MissingBlobError naming `what` if absent."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            pass
        else:
            if hashlib.sha256(data).hexdigest() == sha256:
                with contextlib.suppress(FileNotFoundError):  # trimmed meanwhile: still read
                    os.utime(path)
                return data
            path.unlink(missing_ok=True)
        data = await self._fetch(sha256, what)
        _write_atomically(path, data)
        await asyncio.to_thread(self.trim)
        return data

    def trim(self) -> int:
        """Delete the least recently used files until the folder holds at most `max_bytes`;
        returns how many bytes went."""
        files = []
        for folder in os.scandir(self.directory):
            if folder.is_dir():
                for entry in os.scandir(folder.path):
                    if entry.is_file() and not entry.name.endswith(PART_SUFFIX):
                        stat = entry.stat()
                        files.append((stat.st_mtime, stat.st_size, entry.path))
        excess = sum(size for _, size, _ in files) - self.max_bytes
        freed = 0
        for _, size, path in sorted(files):
            if freed >= excess:
                break
            Path(path).unlink(missing_ok=True)
            freed += size
        return freed

    async def _fetch(self, sha256: str, what: str) -> bytes:
        try:
            parts = [chunk async for chunk in self.store.get(sha256)]
        except BlobNotFoundError as exc:
            raise MissingBlobError(what, sha256) from exc
        data = b"".join(parts)
        # the store verifies too; this guards the cache against a store that does not
        if hashlib.sha256(data).hexdigest() != sha256:
            raise MissingBlobError(what, sha256)
        return data


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path, PART_SUFFIX) as out:
        out.write(data)
