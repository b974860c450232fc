"""What auth hears from NATS: TONE3000 token requests (it answers them)."""

from __future__ import annotations

from auth.events.token_responder import token_responder
from gts_kit.messaging.subscriptions import Subscription
from gts_kit.service import ServiceContext


def consumers(ctx: ServiceContext) -> list[Subscription]:
    """The service's subscriptions."""
    return [token_responder(ctx)]
