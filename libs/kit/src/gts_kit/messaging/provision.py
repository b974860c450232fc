"""Create every stream and bucket of the contracts: run by a NATS user allowed to (the admin).

Services with their own NATS users may not create streams or buckets; `gts up`, compose and
the Kubernetes Job run this first. A service on a server without authentication runs it at
start-up itself.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import nats
from nats.errors import Error as NatsError
from nats.js import JetStreamContext, api
from nats.js.errors import BucketNotFoundError

from gts_contracts import BUCKETS
from gts_kit.blobs.nats_store import NatsObjectBlobStore
from gts_kit.messaging.streams import StreamLimits, ensure_streams, stream_limits
from gts_kit.settings import ServiceSettings

log = logging.getLogger("gts.provision")
CONNECT_TIMEOUT_SECONDS = 5
CONNECT_ATTEMPTS = 3


class ProvisionError(Exception):
    """NATS could not be reached, refused the user, or refused a stream or bucket."""


def _cause(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


async def _quiet(exc: Exception) -> None:
    # nats-py prints a traceback per failed try by default; the caller reports the last.
    log.debug("NATS: %r", exc)


async def provision_as(settings: ServiceSettings) -> None:
    """Sign in as `settings`' NATS user (the admin in a deployment) and provision with its
    replicas and size limits; every failure is a ProvisionError with a one-line cause."""
    try:
        nc = await nats.connect(
            settings.nats_url,
            user=settings.nats_user or None,
            password=settings.nats_password or None,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
            # A few tries, then give up: compose and the Kubernetes Job run it again.
            max_reconnect_attempts=CONNECT_ATTEMPTS,
            reconnect_time_wait=1,
            error_cb=_quiet,
        )
    except (OSError, NatsError) as exc:
        raise ProvisionError(f"cannot connect to {settings.nats_url}: {_cause(exc)}") from exc
    try:
        await provision(
            nc.jetstream(),
            settings.nats_replicas,
            stream_limits(settings.stream_max_bytes, settings.stream_max_age_seconds),
            settings.bucket_max_bytes,
        )
    except (OSError, NatsError) as exc:
        raise ProvisionError(_cause(exc)) from exc
    finally:
        await nc.close()


async def provision(
    js: JetStreamContext,
    replicas: int = 1,
    limits: Mapping[str, StreamLimits] | None = None,
    bucket_max_bytes: Mapping[str, int] | None = None,
) -> None:
    """Streams brought to their declared config; missing buckets created with `replicas`;
    object buckets bounded by their declared size (`bucket_max_bytes` overrides, by name)."""
    await ensure_streams(js, replicas, limits)
    for bucket in BUCKETS:
        if bucket.kind == "object":
            max_bytes = (bucket_max_bytes or {}).get(bucket.name, bucket.max_bytes)
            await NatsObjectBlobStore.open(js, bucket.name, replicas=replicas, max_bytes=max_bytes)
            continue
        try:
            await js.key_value(bucket.name)
        except BucketNotFoundError:
            await js.create_key_value(
                config=api.KeyValueConfig(
                    bucket=bucket.name,
                    history=1,
                    ttl=bucket.ttl_seconds,
                    replicas=replicas,
                )
            )
            log.info("created key-value bucket %s", bucket.name)
