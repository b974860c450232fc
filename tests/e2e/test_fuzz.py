"""Property-based fuzzing of every operation in the gateway's merged OpenAPI document.

Signed in as a sandbox user: no response is a 5xx, every response matches its documented
status codes, content type and schema, and every error body is problem+json.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gateway.openapi import BROWSER_PAGES
from gts_cli.client import GtsClient
from gts_cli.stack.stack import Stack

from .conftest import signed_in

pytestmark = pytest.mark.e2e

EXAMPLES_PER_OPERATION = 30
# How a request is framed on the wire is the HTTP client's and server's business, not the
# API's: a made-up Content-Length (negative cases add random headers) is refused by uvicorn
# as "Invalid HTTP request" before any GTS code sees it.
FRAMING_HEADERS = ("content-length", "transfer-encoding", "host", "connection", "expect")


@pytest.fixture(scope="module")
def fuzz_user(stack: Stack) -> Iterator[GtsClient]:
    yield from signed_in(stack, "bob")  # bob only reads elsewhere; fuzzing spends his quotas


def errors_are_problem_json(ctx: CheckContext, response: Any, case: Any) -> bool | None:
    """Every 4xx/5xx answer is RFC 9457 problem+json with its status in the body."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    if case.formatted_path in BROWSER_PAGES and content_type.startswith("text/html"):
        return None  # sign-in pages refuse with a friendly page for the browser
    assert content_type.startswith("application/problem+json"), (
        f"{case.method} {case.formatted_path} -> {response.status_code} {content_type}"
    )
    body = response.json()
    assert body["status"] == response.status_code
    assert body["title"]
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    errors_are_problem_json,
]


def test_every_operation_keeps_its_contract(stack: Stack, fuzz_user: GtsClient) -> None:
    api = schemathesis.openapi.from_url(stack.gateway_url + "/openapi.json")
    headers = {"Authorization": f"Bearer {fuzz_user.access_token}"}
    results = list(api.get_all_operations())
    assert not [result.err() for result in results if isinstance(result, Err)]
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) > 40  # the whole public API, not a stub
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def fuzz(case: Any) -> None:
                for name in FRAMING_HEADERS:
                    case.headers.pop(name, None)
                case.call_and_validate(
                    base_url=stack.gateway_url,
                    headers=headers,
                    checks=CHECKS,
                    timeout=30,
                )

            try:
                fuzz()
            except Unsatisfiable:
                continue  # nothing to make invalid (no parameters): only positive cases apply
            except (Exception, BaseExceptionGroup) as failure:  # one report lists every finding
                failures.append(f"{operation.label} [{mode.value}]: {failure}"[:1500])
    assert not failures, "\n\n".join(failures)
