"""Each service's Dockerfile copies only paths that exist and runs its own console script."""

from __future__ import annotations

from pathlib import Path

import pytest
from deploycheck import dockerfile, dockerignore, workspace

SERVICES = ("auth", "catalog", "shootouts", "render", "gateway")


def _problems(repo_root: Path, service: str, text: str) -> list[str]:
    members = workspace.members(repo_root)
    return dockerfile.problems(text, members[f"gts-{service}"], members, repo_root)


def _dockerfile(repo_root: Path, service: str) -> str:
    return (repo_root / "services" / service / "Dockerfile").read_text()


@pytest.mark.parametrize("service", SERVICES)
def test_service_dockerfile_is_sound(repo_root: Path, service: str) -> None:
    assert _problems(repo_root, service, _dockerfile(repo_root, service)) == []


@pytest.mark.parametrize("service", SERVICES)
def test_dependency_layer_is_built_before_the_source_is_copied(
    repo_root: Path, service: str
) -> None:
    instructions = dockerfile.parse(_dockerfile(repo_root, service))
    keywords = [(i.keyword, i.arguments) for i in instructions]
    lock_sync = next(
        n for n, (k, a) in enumerate(keywords) if k == "RUN" and "--no-install-workspace" in a
    )
    first_source = next(
        n for n, (k, a) in enumerate(keywords) if k == "COPY" and a.startswith("services/")
    )
    assert lock_sync < first_source


def test_render_image_relies_on_the_wheel_ffmpeg_not_apt(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "render")
    assert "imageio_ffmpeg.get_ffmpeg_exe()" in text
    assert "apt-get" not in text


def test_copy_of_a_missing_path_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "auth").replace(
        "COPY libs/kit libs/kit", "COPY libs/kit libs/kit\nCOPY libs/no-such-lib libs/no-such-lib"
    )
    assert any("'libs/no-such-lib' does not exist" in p for p in _problems(repo_root, "auth", text))


def test_copy_of_a_dockerignored_path_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "auth").replace(
        "COPY libs/kit libs/kit", "COPY libs/kit libs/kit\nCOPY .venv /app/.venv"
    )
    assert any("left out by .dockerignore" in p for p in _problems(repo_root, "auth", text))


def test_unknown_entry_point_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "catalog").replace(
        'CMD ["gts-catalog", "serve"]', 'CMD ["gts-katalog", "serve"]'
    )
    problems = _problems(repo_root, "catalog", text)
    assert any("'gts-katalog' is not a console script of gts-catalog" in p for p in problems)


def test_another_services_entry_point_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "gateway").replace(
        'CMD ["gts-gateway", "serve"]', 'CMD ["gts-render", "serve"]'
    )
    assert any("not a console script" in p for p in _problems(repo_root, "gateway", text))


def test_missing_workspace_dependency_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "render").replace("COPY libs/nam libs/nam\n", "")
    assert any("gts-nam" in p for p in _problems(repo_root, "render", text))


def test_root_runtime_user_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root, "shootouts").replace("USER 10001:10001", "USER root")
    assert any("non-root USER" in p for p in _problems(repo_root, "shootouts", text))


def test_continued_lines_and_comments_parse_as_one_instruction() -> None:
    text = 'FROM x AS a\nRUN one \\\n# a comment inside\n    two\nCMD ["a", "b"]\n'
    parsed = dockerfile.parse(text)
    assert [(i.keyword, i.arguments, i.line) for i in parsed] == [
        ("FROM", "x AS a", 1),
        ("RUN", "one two", 2),
        ("CMD", '["a", "b"]', 5),
    ]


@pytest.mark.parametrize("service", ["auth", "catalog", "shootouts"])
def test_runtime_keeps_the_migrations_where_the_code_looks_for_them(
    repo_root: Path, service: str
) -> None:
    # MIGRATIONS_DIR is `Path(__file__).parents[3] / "migrations"`: only an editable install
    # with the sources copied into the runtime finds it there.
    metadata = (
        repo_root / "services" / service / "src" / service / "db" / "metadata.py"
    ).read_text()
    assert 'parents[3] / "migrations"' in metadata, "migrations moved: revisit the Dockerfile"
    assert (repo_root / "services" / service / "migrations" / "env.py").is_file()
    text = _dockerfile(repo_root, service)
    assert "--no-editable" not in text
    runtime = dockerfile.final_stage(dockerfile.parse(text))
    assert any(i.keyword == "COPY" and i.arguments == "--from=build /app /app" for i in runtime)


def test_gateway_image_builds_the_web_app_and_serves_its_build(repo_root: Path) -> None:
    instructions = dockerfile.parse(_dockerfile(repo_root, "gateway"))
    stages = [i for i in instructions if i.keyword == "FROM"]
    web = next(s for s in stages if s.arguments.split()[-1] == "web")
    assert "node:" in web.arguments
    web_runs = [
        i.arguments
        for i in instructions[instructions.index(web) : instructions.index(stages[-2])]
        if i.keyword == "RUN"
    ]
    assert any("npm ci" in r for r in web_runs), "the web app's packages come from its lock file"
    assert any("npm run build" in r for r in web_runs)
    runtime = dockerfile.final_stage(instructions)
    copies = [i.arguments.split() for i in runtime if i.keyword == "COPY"]
    served = next(c[-1] for c in copies if c[0] == "--from=web" and c[1] == "/web/dist")
    env = " ".join(i.arguments for i in runtime if i.keyword == "ENV")
    assert f"GTS_WEB_DIR={served}" in env


def test_the_web_apps_local_packages_and_build_stay_out_of_the_context(repo_root: Path) -> None:
    ignore = dockerignore.DockerIgnore.of(repo_root)
    assert ignore.excludes("web/node_modules/react/index.js")
    assert ignore.excludes("web/dist/index.html")
    assert not ignore.excludes("web/src/main.tsx")
    assert not ignore.excludes("web/package-lock.json")
