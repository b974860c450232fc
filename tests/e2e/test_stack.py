"""All five services as processes: ready, routed, and refusing cleanly, through the gateway only."""

from __future__ import annotations

import httpx
import pytest

from gts_cli.stack.stack import SERVICES, Stack

pytestmark = pytest.mark.e2e


def test_gateway_ready_lists_every_upstream(stack: Stack) -> None:
    response = httpx.get(stack.internal_url("gateway") + "/health/ready", timeout=5)
    assert response.status_code == 200
    checks = {c["name"]: c["ok"] for c in response.json()["checks"]}
    assert checks == {"nats": True} | {s: True for s in SERVICES if s != "gateway"}


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_serves_health_metrics_and_openapi(stack: Stack, service: str) -> None:
    base, internal = stack.service_url(service), stack.internal_url(service)
    assert httpx.get(base + "/health/live", timeout=5).status_code == 200
    assert httpx.get(internal + "/health/live", timeout=5).status_code == 200
    assert httpx.get(internal + "/health/ready", timeout=5).status_code == 200
    metrics = httpx.get(internal + "/metrics", timeout=5)
    assert metrics.status_code == 200
    assert "gts_http_request_seconds" in metrics.text
    assert httpx.get(base + "/schema/openapi.json", timeout=5).json()["openapi"].startswith("3.")


def test_readiness_and_metrics_are_not_reachable_through_the_gateway(stack: Stack) -> None:
    # The ingress reaches only the gateway's public port: readiness (which names every
    # dependency) and metrics answer on its internal port, as for every service.
    for path in ("/metrics", "/health/ready"):
        hidden = httpx.get(stack.gateway_url + path, timeout=5)
        assert hidden.status_code == 404, path
        assert hidden.headers["content-type"] == "application/problem+json"
    ready = httpx.get(stack.internal_url("gateway") + "/health/ready", timeout=5)
    assert ready.json()["status"] == "ready"
    metrics = httpx.get(stack.internal_url("gateway") + "/metrics", timeout=5)
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'service="gateway"' in metrics.text
    # and the internal port serves nothing else
    assert httpx.get(stack.internal_url("gateway") + "/openapi.json", timeout=5).status_code == 404


def test_merged_openapi_and_docs_are_served(stack: Stack) -> None:
    doc = httpx.get(stack.gateway_url + "/openapi.json", timeout=5).json()
    assert doc["info"]["title"] == "GTS API"
    assert "bearer" in doc["components"]["securitySchemes"]
    page = httpx.get(stack.gateway_url + "/docs", timeout=5)
    assert page.status_code == 200
    assert "/openapi.json" in page.text


def test_unknown_api_path_is_a_problem_json_404(stack: Stack) -> None:
    response = httpx.get(stack.gateway_url + "/api/v1/no-such-thing", timeout=5)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_request_id_is_echoed_back(stack: Stack) -> None:
    response = httpx.get(
        stack.gateway_url + "/health/live", headers={"x-request-id": "abc-123"}, timeout=5
    )
    assert response.headers["x-request-id"] == "abc-123"
