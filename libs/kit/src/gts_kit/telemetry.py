"""Traces of everything a service does, with OpenTelemetry: a span for each HTTP request
(`gts_kit.http.tracing`), each message published and handled (FastStream's middleware, the
context carried in message headers and kept in the outbox), and what services add (render's
stages).

Each service process has its own tracer provider. Spans go to a JSON-lines file under
`GTS_TRACES_DIR` (what `gts up` sets and `gts trace` reads), and to an OTLP collector when
`OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, with the
standard OTEL_* variables for its headers and timeouts.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from opentelemetry import propagate
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.trace import Tracer

from gts_kit.settings import ServiceSettings

TRACER_NAME = "gts"
_OTLP_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


class JsonLinesExporter(SpanExporter):
    """Appends each finished span to `path` as one JSON object: ids, parent, name, service,
    start and end (ns since the epoch), status and attributes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a", encoding="utf-8")
        self._lock = threading.Lock()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        lines = [json.dumps(span_record(span), separators=(",", ":")) + "\n" for span in spans]
        with self._lock:
            self._file.writelines(lines)
            self._file.flush()
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        with self._lock:
            self._file.close()


def span_record(span: ReadableSpan) -> dict[str, object]:
    """What `gts trace` reads of a span."""
    context = span.get_span_context()
    assert context is not None
    return {
        "trace_id": f"{context.trace_id:032x}",
        "span_id": f"{context.span_id:016x}",
        "parent_id": f"{span.parent.span_id:016x}" if span.parent is not None else None,
        "name": span.name,
        "service": span.resource.attributes.get("service.name", ""),
        "start": span.start_time,
        "end": span.end_time,
        "status": span.status.status_code.name,
        "attributes": {k: _plain(v) for k, v in (span.attributes or {}).items()},
    }


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def tracer_provider(service: str, settings: ServiceSettings) -> TracerProvider:
    """The process's tracer provider for `service`, exporting where the settings say."""
    provider = TracerProvider(resource=Resource.create({"service.name": f"gts-{service}"}))
    if settings.traces_dir:
        path = Path(settings.traces_dir) / f"{service}-{os.getpid()}.jsonl"
        provider.add_span_processor(
            BatchSpanProcessor(JsonLinesExporter(path), schedule_delay_millis=200)
        )
    if any(os.environ.get(name) for name in _OTLP_VARIABLES):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider


def tracer(provider: TracerProvider) -> Tracer:
    """The tracer GTS's own spans come from."""
    return provider.get_tracer(TRACER_NAME)


def context_headers() -> dict[str, str]:
    """The current trace context as W3C headers (`traceparent`), to carry in a message."""
    headers: dict[str, str] = {}
    propagate.inject(headers)
    return headers


def context_from(headers: Mapping[str, str]) -> Context:
    """The trace context carried in `headers` (empty when there is none)."""
    return propagate.extract(dict(headers))
