"""docker-compose.yml: valid Compose, a sound start order, only the gateway published."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from deploycheck import compose, docs

from gts_contracts.permissions import services
from gts_kit.local.nats_auth import ADMIN_USER, password_variable


@pytest.fixture(scope="module")
def stack(repo_root: Path) -> dict[str, Any]:
    return compose.load(repo_root / "docker-compose.yml")


@pytest.fixture(scope="module")
def documented(repo_root: Path) -> set[str]:
    return docs.documented_variables((repo_root / "docs" / "deploy.md").read_text())


def test_compose_file_matches_the_compose_specification(stack: dict[str, Any]) -> None:
    assert compose.schema_errors(stack) == []


def test_compose_file_keeps_the_stacks_rules(
    stack: dict[str, Any], documented: set[str], repo_root: Path
) -> None:
    assert compose.problems(stack, documented, repo_root) == []


def test_required_variables_are_the_secrets_and_the_client_id(stack: dict[str, Any]) -> None:
    required = {name for name, has_default in compose.variables(stack).items() if not has_default}
    assert required == {
        "GTS_INTERNAL_SECRET",
        "GTS_TONE3000_CLIENT_ID",
        "GTS_TOKEN_ENCRYPTION_KEYS",
        "GTS_JWT_PRIVATE_KEYS",
        *(password_variable(user) for user in (ADMIN_USER, *services())),
    }


def test_every_gts_setting_the_stack_passes_is_documented(
    stack: dict[str, Any], documented: set[str]
) -> None:
    passed = {
        key
        for service in stack["services"].values()
        for key in service.get("environment", {})
        if key.startswith("GTS_")
    }
    assert passed - documented == set()


def test_table_owners_wait_for_their_migration(stack: dict[str, Any]) -> None:
    for service in ("auth", "catalog", "shootouts"):
        migrate = stack["services"][f"{service}-migrate"]
        assert migrate["command"] == [f"gts-{service}", "migrate"]
        assert stack["services"][service]["depends_on"][f"{service}-migrate"] == {
            "condition": "service_completed_successfully"
        }
    assert not any(name.startswith(("render-", "gateway-")) for name in stack["services"])


def test_only_the_gateway_publishes_port_8000(stack: dict[str, Any]) -> None:
    published = {name: s["ports"] for name, s in stack["services"].items() if "ports" in s}
    assert list(published) == ["gateway"]
    assert published["gateway"][0].endswith(":8000")


def test_render_stops_slower_than_its_checkpoint_interval(stack: dict[str, Any]) -> None:
    assert stack["services"]["render"]["stop_grace_period"] == "60s"


def test_unknown_service_field_fails_the_schema(stack: dict[str, Any]) -> None:
    broken = copy.deepcopy(stack)
    broken["services"]["auth"]["helthcheck"] = broken["services"]["auth"].pop("healthcheck")
    assert any("helthcheck" in error for error in compose.schema_errors(broken))


def test_depends_on_a_missing_service_is_caught(
    stack: dict[str, Any], documented: set[str], repo_root: Path
) -> None:
    broken = copy.deepcopy(stack)
    broken["services"]["gateway"]["depends_on"]["billing"] = {"condition": "service_healthy"}
    problems = compose.problems(broken, documented, repo_root)
    assert "services.gateway.depends_on: 'billing' is not a service" in problems


def test_waiting_for_health_of_a_service_without_healthcheck_is_caught(
    stack: dict[str, Any], documented: set[str], repo_root: Path
) -> None:
    broken = copy.deepcopy(stack)
    del broken["services"]["render"]["healthcheck"]
    problems = compose.problems(broken, documented, repo_root)
    assert "services.render: no healthcheck" in problems
    assert any("depends_on.render: waits for health" in p for p in problems)


def test_a_published_internal_service_is_caught(
    stack: dict[str, Any], documented: set[str], repo_root: Path
) -> None:
    broken = copy.deepcopy(stack)
    broken["services"]["catalog"]["ports"] = ["8001:8000"]
    problems = compose.problems(broken, documented, repo_root)
    assert any(p.startswith("services.catalog.ports") for p in problems)


def test_an_undocumented_required_variable_is_caught(
    stack: dict[str, Any], documented: set[str], repo_root: Path
) -> None:
    broken = copy.deepcopy(stack)
    broken["services"]["render"]["environment"]["GTS_SECRET_SAUCE"] = "${GTS_SECRET_SAUCE}"
    problems = compose.problems(broken, documented, repo_root)
    assert "variable GTS_SECRET_SAUCE has no default and is not documented in docs/deploy.md" in (
        problems
    )


def test_variables_tell_defaults_and_literal_dollars_apart() -> None:
    data = {"a": "${ONE:-1} ${TWO} $THREE $${NOT_ONE} ${FOUR:?needed} ${FIVE-5}"}
    assert compose.variables(data) == {
        "ONE": True,
        "TWO": False,
        "THREE": False,
        "FOUR": False,
        "FIVE": True,
    }


# ---- least privilege: each service its own NATS user, render without the identity secret ----

NATS_CONFIG = "deploy/nats/gts-auth.conf"


def _password_variables(env: dict[str, Any]) -> set[str]:
    return {v for v in compose.variables(env) if v.startswith("NATS_") and v.endswith("_PASSWORD")}


def test_each_service_signs_in_to_nats_as_itself_with_only_its_own_password(
    stack: dict[str, Any],
) -> None:
    for service in services():
        env = stack["services"][service]["environment"]
        assert env["GTS_NATS_USER"] == service
        assert env["GTS_NATS_PASSWORD"].startswith("${" + password_variable(service))
        assert _password_variables(env) == {password_variable(service)}, service


def test_nats_runs_with_the_generated_users_and_every_password(stack: dict[str, Any]) -> None:
    nats = stack["services"]["nats"]
    command = nats["command"]
    config_path = command[command.index("-c") + 1]
    assert f"./{NATS_CONFIG}:{config_path}:ro" in nats["volumes"]
    users = (ADMIN_USER, *services())
    assert set(nats["environment"]) == {password_variable(u) for u in users}
    for user in users:
        assert nats["environment"][password_variable(user)].startswith(
            "${" + password_variable(user) + ":?"
        )


def test_provisioning_runs_as_the_admin_before_every_service(stack: dict[str, Any]) -> None:
    provision = stack["services"]["provision"]
    assert provision["command"][1:] == ["provision"]
    assert provision["environment"]["GTS_NATS_USER"] == ADMIN_USER
    assert _password_variables(provision["environment"]) == {password_variable(ADMIN_USER)}
    assert provision["depends_on"]["nats"] == {"condition": "service_healthy"}
    for service in services():
        assert stack["services"][service]["depends_on"]["provision"] == {
            "condition": "service_completed_successfully"
        }
    admin_users = {
        name
        for name, s in stack["services"].items()
        if password_variable(ADMIN_USER) in _password_variables(s.get("environment", {}))
    }
    assert admin_users == {"nats", "provision"}


def test_render_gets_neither_the_identity_secret_nor_the_token_keys(
    stack: dict[str, Any],
) -> None:
    render = stack["services"]["render"]["environment"]
    assert {"GTS_INTERNAL_SECRET", "GTS_TOKEN_ENCRYPTION_KEYS", "GTS_JWT_PRIVATE_KEYS"}.isdisjoint(
        render
    )
    holders = {
        name
        for name, s in stack["services"].items()
        if "GTS_TOKEN_ENCRYPTION_KEYS" in s.get("environment", {})
    }
    assert holders == {"auth"}
