"""Content-addressed blob storage (keyed by sha256) on the NATS JetStream Object Store,
wire-compatible with nats-py's ObjectStore.

Puts stream chunks to a fresh subject while hashing, then publish the meta record under the
sha256 name only if no live record exists (expected-last-subject-sequence), so concurrent puts
of the same bytes keep one copy. Failures purge the chunks written so far.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterable, AsyncIterator
from datetime import UTC, datetime

from nats.js import JetStreamContext, api
from nats.js.errors import APIError, BucketNotFoundError
from nats.js.errors import NotFoundError as JsNotFoundError
from nats.js.kv import MSG_ROLLUP_SUBJECT
from nats.nuid import NUID

from gts_kit.blobs.store import (
    BlobCorruptError,
    BlobDigestMismatchError,
    BlobInfo,
    BlobNotFoundError,
    BlobStoreFullError,
    BlobTooLargeError,
)

CHUNK_BYTES = 128 * 1024
READ_TIMEOUT_SECONDS = 10.0
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_WRONG_LAST_SEQUENCE = 10071
_STORE_FAILED = 10077  # "maximum bytes exceeded" on a bucket at its limit
_DIGEST_PREFIX = "SHA-256="


class NatsObjectBlobStore:
    """Blobs in one Object Store bucket, keyed by lower-case hex sha256."""

    def __init__(self, js: JetStreamContext, bucket: str) -> None:
        self._js = js
        self.bucket = bucket
        self._stream = f"OBJ_{bucket}"
        self._nuid = NUID()

    @classmethod
    async def open(
        cls, js: JetStreamContext, bucket: str, *, replicas: int = 1, max_bytes: int | None = None
    ) -> NatsObjectBlobStore:
        """Bind to `bucket`, creating it with `replicas` copies when it does not exist yet.

        With `max_bytes`, the bucket holds at most that many bytes (an existing bucket is
        brought to it); a put that does not fit raises BlobStoreFullError.
        """
        try:
            await js.object_store(bucket)
        except BucketNotFoundError:
            await js.create_object_store(
                bucket,
                config=api.ObjectStoreConfig(
                    bucket=bucket, replicas=replicas, max_bytes=max_bytes or -1
                ),
            )
        else:
            if max_bytes is not None:
                config = (await js.stream_info(f"OBJ_{bucket}")).config
                if config.max_bytes != max_bytes or config.discard != api.DiscardPolicy.NEW:
                    config.max_bytes = max_bytes
                    config.discard = api.DiscardPolicy.NEW
                    await js.update_stream(config)
        return cls(js, bucket)

    async def put(
        self,
        chunks: AsyncIterable[bytes],
        *,
        max_bytes: int,
        expected_sha256: str | None = None,
    ) -> BlobInfo:
        """Store a stream of bytes, hashing while writing; return the blob (existing if known).

        Raises BlobTooLargeError past `max_bytes` bytes and BlobDigestMismatchError when the
        hash is not `expected_sha256`; on any failure nothing is left behind. At most one
        chunk of 128 KiB is held at a time.
        """
        nuid = self._nuid.next().decode()  # a fresh chunk subject, as nats-py's ObjectStore does
        chunk_subject = f"$O.{self.bucket}.C.{nuid}"
        hasher = hashlib.sha256()
        buffer = bytearray()
        total = 0
        sent = 0
        try:
            async for piece in chunks:
                total += len(piece)
                if total > max_bytes:
                    raise BlobTooLargeError(max_bytes)
                hasher.update(piece)
                buffer += piece
                while len(buffer) >= CHUNK_BYTES:
                    await self._js.publish(chunk_subject, bytes(buffer[:CHUNK_BYTES]))
                    del buffer[:CHUNK_BYTES]
                    sent += 1
            if buffer:
                await self._js.publish(chunk_subject, bytes(buffer))
                sent += 1
            sha = hasher.hexdigest()
            if expected_sha256 is not None and expected_sha256.lower() != sha:
                raise BlobDigestMismatchError(expected_sha256.lower(), sha)
            created = await self._publish_meta(sha, nuid, total, sent, hasher.digest())
        except APIError as exc:
            await self._purge(chunk_subject)
            if exc.err_code == _STORE_FAILED:
                raise BlobStoreFullError(self.bucket) from exc
            raise
        except BaseException:
            await self._purge(chunk_subject)
            raise
        if not created:
            # the same bytes were already stored: keep the first copy, drop ours
            await self._purge(chunk_subject)
        return BlobInfo(sha, total, created)

    async def get(self, sha256: str) -> AsyncIterator[bytes]:
        """The blob's bytes in chunks; BlobNotFoundError if absent, BlobCorruptError at the end
        when the bytes do not hash to `sha256`."""
        info, _ = await self._meta(sha256)
        if info is None:
            raise BlobNotFoundError(sha256)
        if info.size == 0 or not info.chunks:
            if hashlib.sha256(b"").hexdigest() != sha256:
                raise BlobCorruptError(f"blob {sha256}: stored empty")
            return
        # The stream named: looking it up by subject needs the JetStream API on every stream.
        sub = await self._js.subscribe(
            f"$O.{self.bucket}.C.{info.nuid}", stream=self._stream, ordered_consumer=True
        )
        hasher = hashlib.sha256()
        try:
            for _ in range(info.chunks):
                msg = await sub.next_msg(timeout=READ_TIMEOUT_SECONDS)
                hasher.update(msg.data)
                yield msg.data
        finally:
            await sub.unsubscribe()
        if hasher.hexdigest() != sha256:
            raise BlobCorruptError(f"blob {sha256}: stored bytes hash to {hasher.hexdigest()}")

    async def stat(self, sha256: str) -> BlobInfo | None:
        """The blob's size, or None when absent."""
        info, _ = await self._meta(sha256)
        return None if info is None else BlobInfo(sha256, info.size or 0)

    async def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return await self.stat(sha256) is not None

    async def delete(self, sha256: str) -> bool:
        """Mark the blob deleted and purge its chunks; False when there was none."""
        info, _ = await self._meta(sha256)
        if info is None:
            return False
        tombstone = api.ObjectInfo(
            name=sha256, bucket=self.bucket, nuid=info.nuid, size=0, chunks=0,
            digest="", mtime="", deleted=True,
        )  # fmt: skip
        await self._js.publish(
            self._meta_subject(sha256),
            json.dumps(tombstone.as_dict()).encode(),
            headers={api.Header.ROLLUP: MSG_ROLLUP_SUBJECT},
        )
        await self._purge(f"$O.{self.bucket}.C.{info.nuid}")
        return True

    async def _publish_meta(
        self, sha: str, nuid: str, size: int, chunks: int, digest: bytes
    ) -> bool:
        existing, last_seq = await self._meta(sha)
        if existing is not None:
            return False
        info = api.ObjectInfo(
            name=sha,
            bucket=self.bucket,
            nuid=nuid,
            size=size,
            chunks=chunks,
            mtime=datetime.now(UTC).isoformat(),
            digest=_DIGEST_PREFIX + base64.urlsafe_b64encode(digest).decode(),
            options=api.ObjectMetaOptions(max_chunk_size=CHUNK_BYTES),
        )
        try:
            await self._js.publish(
                self._meta_subject(sha),
                json.dumps(info.as_dict()).encode(),
                headers={
                    api.Header.ROLLUP: MSG_ROLLUP_SUBJECT,
                    api.Header.EXPECTED_LAST_SUBJECT_SEQUENCE: str(last_seq),
                },
            )
        except APIError as exc:
            if exc.err_code == _WRONG_LAST_SEQUENCE:
                return False  # a concurrent put of the same bytes won
            raise
        return True

    async def _meta(self, sha256: str) -> tuple[api.ObjectInfo | None, int]:
        # (live record or None, sequence of the last meta message or 0)
        if not _SHA256_RE.match(sha256):
            raise ValueError(f"sha256: {sha256!r} is not 64 lower-case hex digits")
        try:
            msg = await self._js.get_last_msg(self._stream, self._meta_subject(sha256))
        except JsNotFoundError:
            return None, 0
        info = api.ObjectInfo.from_response(json.loads(msg.data or b"{}"))
        return (None if info.deleted else info), msg.seq or 0

    def _meta_subject(self, sha256: str) -> str:
        return f"$O.{self.bucket}.M.{base64.urlsafe_b64encode(sha256.encode()).decode()}"

    async def _purge(self, subject: str) -> None:
        await self._js.purge_stream(self._stream, subject=subject)
