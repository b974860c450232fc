"""Look at the gear bucket directly, as render would."""

from __future__ import annotations

import nats

from gts_contracts import GEAR_BUCKET


async def bucket_messages(nats_url: str) -> int:
    """Messages (chunks and meta records) in the gear bucket's stream; 0 when it holds nothing."""
    nc = await nats.connect(nats_url)
    try:
        info = await nc.jetstream().stream_info(f"OBJ_{GEAR_BUCKET}")
        return int(info.state.messages)
    finally:
        await nc.close()


async def blob_bytes(nats_url: str, sha256: str) -> bytes | None:
    """The blob's bytes read with nats-py's own ObjectStore, or None when absent."""
    nc = await nats.connect(nats_url)
    try:
        store = await nc.jetstream().object_store(GEAR_BUCKET)
        try:
            return bytes((await store.get(sha256)).data or b"")
        except nats.js.errors.ObjectNotFoundError:
            return None
    finally:
        await nc.close()
