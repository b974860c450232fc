"""The one Dockerfile (`deploy/Dockerfile`) builds every service: for each SERVICE it copies
only paths that exist and that service needs, and runs the service's own console script."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from deploycheck import compose, dockerfile, dockerignore, service_image, workspace

SERVICES = ("auth", "catalog", "shootouts", "render", "gateway")
DOCKERFILE = Path("deploy") / "Dockerfile"


def _problems(repo_root: Path, service: str, text: str) -> list[str]:
    members = workspace.members(repo_root)
    return service_image.problems(text, members[f"gts-{service}"], members, repo_root)


def _dockerfile(repo_root: Path) -> str:
    return (repo_root / DOCKERFILE).read_text()


def _shipped(text: str, service: str) -> list[dockerfile.Instruction]:
    """What the image of `service` is made of: its stage and those it is built on."""
    chain = dockerfile.image_stages(service_image.service_stages(text, service))
    return [i for stage in chain for i in [stage.start, *stage.body]]


@pytest.mark.parametrize("service", SERVICES)
def test_service_image_is_sound(repo_root: Path, service: str) -> None:
    assert _problems(repo_root, service, _dockerfile(repo_root)) == []


def test_every_service_of_the_workspace_has_its_stage_and_no_dockerfile_of_its_own(
    repo_root: Path,
) -> None:
    services = sorted(
        m.directory.removeprefix("services/")
        for m in workspace.members(repo_root).values()
        if m.directory.startswith("services/")
    )
    assert services == sorted(SERVICES)
    names = {s.name for s in dockerfile.stages(dockerfile.parse(_dockerfile(repo_root)))}
    assert {f"service-{s}" for s in SERVICES} <= names
    assert not list(repo_root.glob("services/*/Dockerfile"))


@pytest.mark.parametrize("service", SERVICES)
def test_dependency_layer_is_built_before_the_source_is_copied(
    repo_root: Path, service: str
) -> None:
    all_stages = service_image.service_stages(_dockerfile(repo_root), service)
    layer = next(
        s for s in all_stages if any("--no-install-workspace" in i.arguments for i in s.body)
    )
    built_on = dockerfile.image_stages(all_stages[: all_stages.index(layer) + 1])
    before = [i for s in built_on for i in s.body]
    lock_sync = next(n for n, i in enumerate(before) if "--no-install-workspace" in i.arguments)
    assert f"--package gts-{service}" in before[lock_sync].arguments
    copied = [i.arguments for i in before[:lock_sync] if i.keyword == "COPY"]
    assert not [c for c in copied if "libs" in c or "services/" in c]


@pytest.mark.parametrize("service", SERVICES)
def test_the_sources_stage_keeps_exactly_the_libraries_the_service_needs(
    repo_root: Path, service: str, tmp_path: Path
) -> None:
    # Runs the stage's own COPYs and RUN (shell and uv, no Docker) in a scratch folder.
    uv = shutil.which("uv") or shutil.which("uv", path=str(repo_root / ".tools" / "bin"))
    if uv is None:
        pytest.skip("uv is not installed")
    all_stages = service_image.service_stages(_dockerfile(repo_root), service)
    chain = dockerfile.image_stages(all_stages[: [s.name for s in all_stages].index("sources") + 1])
    for ins in [i for stage in chain for i in stage.body]:
        if ins.keyword == "COPY" and "from" not in dockerfile.copy_sources(ins)[0]:
            _copy_out_of_the_context(repo_root, ins, tmp_path)
        elif ins.keyword == "RUN":
            env = {**os.environ, "SERVICE": service, "PATH": f"{Path(uv).parent}:/usr/bin:/bin"}
            subprocess.run(["sh", "-c", ins.arguments], cwd=tmp_path, env=env, check=True)
    members = workspace.members(repo_root)
    needed = {members[n].directory for n in workspace.closure(f"gts-{service}", members)}
    kept = {f"libs/{p.name}" for p in (tmp_path / "libs").iterdir()}
    assert kept == {d for d in needed if d.startswith("libs/")}


def _copy_out_of_the_context(repo_root: Path, ins: dockerfile.Instruction, workdir: Path) -> None:
    """Carry out a COPY from the build context into `workdir`, leaving out what .dockerignore
    leaves out of the context."""
    ignore = dockerignore.DockerIgnore.of(repo_root)

    def ignored(folder: str, names: list[str]) -> list[str]:
        relative = Path(folder).relative_to(repo_root).as_posix()
        return [n for n in names if ignore.excludes(f"{relative}/{n}")]

    destination = workdir / ins.arguments.split()[-1]
    for source in dockerfile.copy_sources(ins)[1]:
        if (repo_root / source).is_file():
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy(repo_root / source, destination)
        else:
            shutil.copytree(repo_root / source, destination, ignore=ignored)


def test_a_source_copy_before_the_dependency_layer_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root).replace(
        "FROM uv AS dependencies\nARG SERVICE\n",
        "FROM uv AS dependencies\nARG SERVICE\nCOPY services/${SERVICE} services/${SERVICE}\n",
    )
    assert any("before the dependency layer" in p for p in _problems(repo_root, "auth", text))


def test_render_image_relies_on_the_wheel_ffmpeg_not_apt(repo_root: Path) -> None:
    text = _dockerfile(repo_root)
    assert "imageio_ffmpeg.get_ffmpeg_exe()" in text
    assert not [i for i in dockerfile.parse(text) if "apt-get" in i.arguments]
    members = workspace.members(repo_root)
    manifests = [
        (repo_root / members[name].directory / "pyproject.toml").read_text()
        for name in workspace.closure("gts-render", members)
    ]
    assert any("imageio-ffmpeg" in m for m in manifests), "render's ffmpeg comes from that wheel"


def test_only_the_render_image_has_a_scratch_folder_its_user_owns(repo_root: Path) -> None:
    text = _dockerfile(repo_root)
    for service in SERVICES:
        shipped = _shipped(text, service)
        env = " ".join(i.arguments for i in shipped if i.keyword == "ENV")
        runs = " ".join(i.arguments for i in shipped if i.keyword == "RUN")
        scratch = "GTS_RENDER_CACHE_DIR=/var/cache/gts-render" in env
        owned = "install -d -o gts -g gts /var/cache/gts-render" in runs
        assert scratch == owned == (service == "render"), service
        assert ("MPLCONFIGDIR=" in env) == (service == "render"), service


@pytest.mark.parametrize(
    ("original", "broken", "service", "problem"),
    [
        pytest.param(
            "COPY libs libs",
            "COPY libs libs\nCOPY libs/no-such-lib libs/no-such-lib",
            "auth",
            "'libs/no-such-lib' does not exist",
            id="copy of a missing path",
        ),
        pytest.param(
            "COPY libs libs",
            "COPY libs libs\nCOPY .venv /app/.venv",
            "auth",
            "left out by .dockerignore",
            id="copy of a dockerignored path",
        ),
        pytest.param(
            'CMD ["gts-catalog", "serve"]',
            'CMD ["gts-katalog", "serve"]',
            "catalog",
            "'gts-katalog' is not a console script of gts-catalog",
            id="unknown entry point",
        ),
        pytest.param(
            'CMD ["gts-gateway", "serve"]',
            'CMD ["gts-render", "serve"]',
            "gateway",
            "not a console script",
            id="another service's entry point",
        ),
        pytest.param(
            "COPY libs libs",
            "COPY libs/kit libs/kit",
            "render",
            "gts-nam",
            id="missing workspace dependency",
        ),
        pytest.param(
            "COPY --from=sources /app/libs libs",
            "COPY libs libs",
            "gateway",
            "never narrows it",
            id="copying every library without narrowing",
        ),
        pytest.param(
            "COPY services/${SERVICE} services/${SERVICE}\n# Editable",
            "COPY services/${SERVICE} services/${SERVICE}\nCOPY services/render services/render\n"
            "# Editable",
            "auth",
            "copies services/render, which gts-auth does not need",
            id="copying another service's sources",
        ),
    ],
)
def test_a_broken_dockerfile_is_caught_naming_the_problem(
    repo_root: Path, original: str, broken: str, service: str, problem: str
) -> None:
    text = _dockerfile(repo_root).replace(original, broken)
    assert any(problem in p for p in _problems(repo_root, service, text))


def test_root_runtime_user_is_caught(repo_root: Path) -> None:
    text = _dockerfile(repo_root).replace(
        "FROM runtime AS service-shootouts\nUSER 10001:10001",
        "FROM runtime AS service-shootouts\nUSER root",
    )
    assert any("non-root USER" in p for p in _problems(repo_root, "shootouts", text))
    assert not any("non-root USER" in p for p in _problems(repo_root, "auth", text))


def test_continued_lines_and_comments_parse_as_one_instruction() -> None:
    text = 'FROM x AS a\nRUN one \\\n# a comment inside\n    two\nCMD ["a", "b"]\n'
    parsed = dockerfile.parse(text)
    assert [(i.keyword, i.arguments, i.line) for i in parsed] == [
        ("FROM", "x AS a", 1),
        ("RUN", "one two", 2),
        ("CMD", '["a", "b"]', 5),
    ]


def test_build_arguments_pick_the_stages_of_the_image() -> None:
    text = (
        "ARG SERVICE\nFROM py AS base\nRUN echo $PATH $SERVICE\nFROM base AS service-a\n"
        'CMD ["a"]\nFROM base AS service-b\nCOPY --from=tool /x /x\nCMD ["b"]\n'
        "FROM other AS tool\nFROM service-${SERVICE}\n"
    )
    all_stages = dockerfile.stages(dockerfile.with_args(dockerfile.parse(text), {"SERVICE": "b"}))
    assert all_stages[0].body[0].arguments == "echo $PATH b"
    assert [s.name for s in dockerfile.image_stages(all_stages)] == ["base", "service-b", None]
    assert [s.name for s in dockerfile.used_stages(all_stages)] == ["base", "service-b", None]


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
    text = _dockerfile(repo_root)
    assert "--no-editable" not in text
    shipped = _shipped(text, service)
    assert any(i.keyword == "COPY" and i.arguments == "--from=build /app /app" for i in shipped)


def test_gateway_image_builds_the_web_app_and_serves_its_build(repo_root: Path) -> None:
    text = _dockerfile(repo_root)
    all_stages = service_image.service_stages(text, "gateway")
    web = next(s for s in dockerfile.used_stages(all_stages) if s.name == "web")
    assert "node:" in web.base
    web_runs = [i.arguments for i in web.body if i.keyword == "RUN"]
    assert any("npm ci" in r for r in web_runs), "the web app's packages come from its lock file"
    assert any("npm run build" in r for r in web_runs)
    shipped = _shipped(text, "gateway")
    copies = [i.arguments.split() for i in shipped if i.keyword == "COPY"]
    served = next(c[-1] for c in copies if c[0] == "--from=web" and c[1] == "/web/dist")
    env = " ".join(i.arguments for i in shipped if i.keyword == "ENV")
    assert f"GTS_WEB_DIR={served}" in env


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "gateway"])
def test_other_images_never_build_the_web_app(repo_root: Path, service: str) -> None:
    all_stages = service_image.service_stages(_dockerfile(repo_root), service)
    assert "web" not in {s.name for s in dockerfile.used_stages(all_stages)}


def test_compose_builds_every_image_from_the_one_dockerfile(repo_root: Path) -> None:
    data = compose.load(repo_root / "docker-compose.yml")
    built = {}
    for name, spec in data["services"].items():
        if "build" in spec:
            build = spec["build"]
            assert Path(build.get("context", ".")) / build["dockerfile"] == DOCKERFILE, name
            image = spec["image"].split(":")[0]
            assert image == f"gts-{build['args']['SERVICE']}", name
            built[name] = build["args"]["SERVICE"]
    assert set(built.values()) == set(SERVICES)


def test_the_web_apps_local_packages_and_build_stay_out_of_the_context(repo_root: Path) -> None:
    ignore = dockerignore.DockerIgnore.of(repo_root)
    assert ignore.excludes("web/node_modules/react/index.js")
    assert ignore.excludes("web/dist/index.html")
    assert not ignore.excludes("web/src/main.tsx")
    assert not ignore.excludes("web/package-lock.json")
