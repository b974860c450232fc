"""Creating the stack's JetStream streams and buckets as the NATS admin user."""

from __future__ import annotations

from gts_kit.local.nats_auth import ADMIN_USER


async def provision_nats(nats_url: str, admin_password: str) -> None:
    """Create every stream and object-store bucket GTS uses on the NATS at `nats_url`."""
    import nats

    from gts_kit.messaging.provision import provision

    nc = await nats.connect(nats_url, user=ADMIN_USER, password=admin_password, connect_timeout=5)
    try:
        await provision(nc.jetstream())
    finally:
        await nc.close()
