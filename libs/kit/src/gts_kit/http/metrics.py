"""Prometheus metrics of the kit, served at `/metrics` on the internal port."""

from __future__ import annotations

from litestar import Response, get
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

from gts_kit.http.internal_port import served_on

HTTP_REQUESTS = Histogram(
    "gts_http_request_seconds",
    "HTTP request duration in seconds",
    ["service", "method", "status"],
)
OUTBOX_PUBLISHED = Counter("gts_outbox_published_total", "Outbox rows published", ["service"])
OUTBOX_PUBLISH_ERRORS = Counter(
    "gts_outbox_publish_errors_total", "Outbox publish attempts that failed", ["service"]
)
OUTBOX_DEAD_LETTERS = Counter(
    "gts_outbox_dead_letters_total",
    "Outbox rows NATS refused for good, moved to the dead-letter table",
    ["service"],
)
CONSUMER_PROCESSED = Counter(
    "gts_consumer_processed_total", "Messages handled and acked", ["service", "consumer"]
)
CONSUMER_FAILURES = Counter(
    "gts_consumer_failures_total",
    "Handler failures (each redelivery counts)",
    ["service", "consumer"],
)
CONSUMER_DEAD_LETTERS = Counter(
    "gts_consumer_dead_letters_total",
    "Messages given up on after max_deliver, or undecodable",
    ["service", "consumer"],
)


@get("/metrics", include_in_schema=False, sync_to_thread=False, opt=served_on("internal"))
def metrics() -> Response[bytes]:
    """The Prometheus text exposition of every metric in this process."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
