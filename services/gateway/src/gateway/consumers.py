"""What the gateway hears from NATS: job changes and listening updates, for its sockets."""

from __future__ import annotations

from gateway.live.feed import live_feeds
from gts_kit.messaging.subscriptions import Subscription
from gts_kit.service import ServiceContext


def consumers(ctx: ServiceContext) -> list[Subscription]:
    """The service's subscriptions (on every replica)."""
    return [*live_feeds(ctx)]
