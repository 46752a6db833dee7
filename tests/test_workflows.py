"""GitHub automation of generated plugins and of this repository: workflows pass
actionlint and zizmor (offline), every action is pinned by commit SHA with its
version in a comment and the same pin everywhere, the CI matrix and classifiers
follow `python_min`, the release workflow refuses a tag that is not the project
version, dependabot.yml is valid and grouped with a cooldown, and the pre-commit
config catches conflict markers left by `copier update`."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import tomlkit
import yaml

from tests.helpers import REPO, UV, answers, commit_all, render, run

BIN = Path(sys.executable).parent
PYTHONS = ["3.11", "3.12", "3.13", "3.14", "3.15"]
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})  # (?P<version>v\d+\.\d+\.\d+)$")
# Renders whose workflows differ: each answer set, no pre-commit, the newest floor.
VARIANTS = {
    **{name: answers(name) for name in ("vector_db", "all_kinds", "chunker")},
    "no-pre-commit": {"with_pre_commit": False},
    "python-3.15": {"python_min": "3.15"},
    "server": {"backend": "server", "kinds": ["vector_db", "embedder"]},
    "postgres": {
        "backend": "server",
        "service_image": "pgvector/pgvector:pg17",
        "service_port": "5432",
        "service_url": "postgresql://postgres@localhost:5432/postgres",
        "service_env": {"POSTGRES_HOST_AUTH_METHOD": "trust", "PGDATA": "/var/lib/postgresql/$data", "PGPORT": 5432},
    },
    "cloud": {"backend": "cloud", "kinds": ["embedder"]},
}


@pytest.fixture(
    scope="session",
    # One xdist worker per variant, so that each is rendered once.
    params=[pytest.param(name, marks=pytest.mark.xdist_group(f"workflows-{name}")) for name in sorted(VARIANTS)],
)
def project(request: pytest.FixtureRequest, template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One render per variant. Read-only."""
    return render(template, tmp_path_factory.mktemp(request.param) / "rag4code-qdrant", **VARIANTS[request.param])


def workflow(project: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((project / ".github/workflows" / name).read_text(encoding="utf-8"))
    return data


def uses_lines(root: Path) -> list[str]:
    """Every `uses:` value in the workflows under `root`, with its comment."""
    return [
        line.split("uses:", 1)[1].strip()
        for path in sorted((root / ".github/workflows").glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("uses:", "- uses:"))
    ]


def test_workflows_pass_actionlint_and_zizmor(project: Path) -> None:
    workflows = sorted((project / ".github/workflows").glob("*.yml"))
    live = ["live.yml"] if (project / ".github/workflows/live.yml").exists() else []
    assert [w.name for w in workflows] == ["ci.yml", *live, "release.yml", "template-update.yml"]
    run(BIN / "actionlint", "-color=false", *workflows, cwd=project)
    result = run(BIN / "zizmor", "--offline", "--no-progress", ".github", cwd=project)
    assert "No findings to report" in result.stdout + result.stderr


def test_workflows_of_this_repository_pass_actionlint_and_zizmor() -> None:
    run(BIN / "actionlint", "-color=false", *sorted((REPO / ".github/workflows").glob("*.yml")), cwd=REPO)
    result = run(BIN / "zizmor", "--offline", "--no-progress", ".github", cwd=REPO)
    assert "No findings to report" in result.stdout + result.stderr


def test_workflows_pin_every_action_by_sha_with_its_version(project: Path) -> None:
    """`owner/repo@<40 hex>  # vX.Y.Z`, and the same pin as this repository's own
    workflows (which dependabot keeps current), so a bump there is a bump here."""
    own = {m["action"]: line for line in uses_lines(REPO) if (m := PINNED.match(line))}
    for line in uses_lines(project):
        match = PINNED.match(line)
        assert match, f"not pinned by SHA with a version comment: {line}"
        if match["action"] in own:
            assert line == own[match["action"]], f"pin differs from .github/workflows/: {line}"


@pytest.mark.parametrize("python_min", PYTHONS)
def test_workflows_matrix_and_classifiers_run_from_python_min_to_newest(
    template: Path, tmp_path: Path, python_min: str
) -> None:
    project = render(template, tmp_path / "rag4code-qdrant", only=("pyproject.toml", ".github"), python_min=python_min)
    supported = PYTHONS[PYTHONS.index(python_min) :]
    assert workflow(project, "ci.yml")["jobs"]["test"]["strategy"]["matrix"]["python-version"] == supported
    metadata = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert metadata["requires-python"] == f">={python_min}"
    versions = [c.rpartition(" :: ")[2] for c in metadata["classifiers"] if re.search(r":: 3\.\d+$", c)]
    assert versions == supported


def test_workflows_python_choices_are_the_supported_cpythons(rendered: Path) -> None:
    """3.10 reached its end of life in October 2026; 3.11 is the default floor."""
    config = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))
    assert config["python_min"]["choices"] == PYTHONS
    assert "3.10" not in config["python_min"]["choices"]
    answers = yaml.safe_load((rendered / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["python_min"] == "3.11"


@pytest.mark.parametrize(("tag", "accepted"), [("v0.1.0", True), ("v0.2.0", False), ("0.1.0", False)])
def test_workflows_release_refuses_a_tag_that_is_not_the_version(
    rendered: Path, tmp_path: Path, tag: str, accepted: bool
) -> None:
    """The release job's first check, run as the workflow runs it (bash, uv on PATH)."""
    [check] = [
        s for s in workflow(rendered, "release.yml")["jobs"]["build"]["steps"] if "does not match" in s.get("run", "")
    ]
    script = tmp_path / "check.sh"
    script.write_text(check["run"], encoding="utf-8")
    result = run("bash", "-e", script, cwd=rendered, check=False, TAG=tag, PATH=f"{Path(UV).parent}:/usr/bin:/bin")
    assert (result.returncode == 0) is accepted, result.stdout + result.stderr
    if not accepted:
        assert f"::error::Tag {tag} does not match version" in result.stdout


def test_workflows_release_publishes_without_cache_or_third_party_action(rendered: Path) -> None:
    """The tag build restores no cache (cache poisoning), and the job holding
    `id-token: write` runs only GitHub's and uv's own pinned actions."""
    release = workflow(rendered, "release.yml")
    for job in release["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("astral-sh/setup-uv@"):
                assert step["with"]["enable-cache"] is False
    publish = release["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert [step["uses"].partition("@")[0] for step in publish["steps"] if "uses" in step] == [
        "actions/download-artifact",
        "astral-sh/setup-uv",
        "astral-sh/attest-action",  # PEP 740 attestations, right before the upload
    ]
    assert publish["steps"][-1]["run"] == "uv publish --trusted-publishing always dist/*"


def test_workflows_release_attests_with_the_verified_attest_action(rendered: Path) -> None:
    """astral-sh/attest-action v0.0.6 is commit f589a42 (checked against the
    action's repository when it was pinned); uv publish uploads the
    attestations it makes, so the files go to PyPI with their provenance."""
    [step] = [s for s in workflow(rendered, "release.yml")["jobs"]["publish"]["steps"] if "attest" in s.get("uses", "")]
    assert step["uses"] == "astral-sh/attest-action@f589a42a7efb6fe400b4f400de60b4bc90390027"
    readme = (rendered / "README.md").read_text(encoding="utf-8")
    assert "uvx pypi-attestations verify pypi --repository" in readme


def test_workflows_dependabot_is_valid_grouped_and_cooled_down(project: Path) -> None:
    config = project / ".github/dependabot.yml"
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", config)
    updates = yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]
    ecosystems = [update["package-ecosystem"] for update in updates]
    has_hooks = (project / ".pre-commit-config.yaml").exists()
    assert ecosystems == ["uv", "github-actions", "pre-commit"] if has_hooks else ["uv", "github-actions"]
    for update in updates:
        assert update["groups"], update
        assert update["cooldown"]["default-days"] >= 7, update
    uv = tomlkit.parse((project / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["tool"]["uv"]
    assert uv["exclude-newer"] == "7 days", "uv lock: the same cool-down as Dependabot"
    assert uv["required-version"] == ">=0.11.1", "older uv misreads a relative exclude-newer"


def test_workflows_dependabot_of_this_repository_updates_uv_lock_and_actions() -> None:
    config = REPO / ".github/dependabot.yml"
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", config)
    updates = yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]
    assert [update["package-ecosystem"] for update in updates] == ["uv", "github-actions"]
    assert all(update["groups"] and update["cooldown"]["default-days"] >= 7 for update in updates)


@pytest.mark.parametrize(
    ("backend", "python_min", "others"),
    [("embedded", "3.11", ["3.11", "3.15"]), ("cloud", "3.13", ["3.13", "3.15"]), ("embedded", "3.15", ["3.15"])],
)
def test_workflows_ci_runs_on_macos_and_windows_unless_a_server_backs_it(
    template: Path, tmp_path: Path, backend: str, python_min: str, others: list[str]
) -> None:
    """Linux runs every supported Python; macOS and Windows the oldest and the
    newest; a server plugin only Linux (service containers need Linux runners),
    and its README says so. Every step runs in bash, on every system."""
    extra = {"service_url": "https://api.example.com/v1"} if backend == "cloud" else {}
    project = render(template, tmp_path / "rag4code-qdrant", backend=backend, python_min=python_min, **extra)
    job = workflow(project, "ci.yml")["jobs"]["test"]
    assert job["runs-on"] == "${{ matrix.os }}"
    assert job["defaults"] == {"run": {"shell": "bash"}}
    matrix = job["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest"]
    assert matrix["python-version"] == PYTHONS[PYTHONS.index(python_min) :]
    assert sorted((e["os"], e["python-version"]) for e in matrix["include"]) == sorted(
        (os, version) for os in ("macos-latest", "windows-latest") for version in others
    )
    [pytest_step] = [s for s in job["steps"] if s.get("run") == "uv run pytest"]
    assert pytest_step["env"] == {"PYTHONWARNDEFAULTENCODING": "1"}
    server = render(template, tmp_path / "server" / "rag4code-qdrant", backend="server")
    matrix = workflow(server, "ci.yml")["jobs"]["test"]["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest"]
    assert "include" not in matrix
    assert "It runs on\nLinux only" in (server / "README.md").read_text(encoding="utf-8")


def test_workflows_pre_commit_config_is_valid_and_optional(template: Path, tmp_path: Path) -> None:
    only = (".pre-commit-config.yaml",)
    with_hooks = render(template, tmp_path / "with" / "rag4code-qdrant", only=only)
    run(BIN / "pre-commit", "validate-config", with_hooks / ".pre-commit-config.yaml")
    without = render(template, tmp_path / "without" / "rag4code-qdrant", only=only, with_pre_commit=False)
    assert not (without / ".pre-commit-config.yaml").exists()


def test_workflows_pre_commit_catches_markers_left_by_copier_update(rendered: Path, tmp_path: Path) -> None:
    """Run the configured check-merge-conflict hook, with its configured args, on
    a README holding copier's inline markers: outside a git merge, it must fail."""
    hooks = yaml.safe_load((rendered / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = [h for repo in hooks["repos"] for h in repo["hooks"] if h["id"] == "check-merge-conflict"]
    readme = tmp_path / "README.md"
    readme.write_text("# x\n<<<<<<< before updating\nmine\n=======\ntheirs\n>>>>>>> after updating\n", encoding="utf-8")
    run("git", "init", "-q", cwd=tmp_path)
    caught = run(BIN / "check-merge-conflict", *hook.get("args", []), readme, cwd=tmp_path, check=False)
    assert caught.returncode == 1, caught.stdout
    readme.write_text("# x\nresolved\n", encoding="utf-8")
    assert run(BIN / "check-merge-conflict", *hook.get("args", []), readme, cwd=tmp_path, check=False).returncode == 0


@pytest.mark.parametrize("with_attributes", [True, False], ids=["generated", "without-gitattributes"])
def test_workflows_gitattributes_keep_lf_on_a_crlf_checkout(
    rendered: Path, tmp_path: Path, with_attributes: bool
) -> None:
    """With `core.autocrlf=true` (Windows' default) files still check out with LF,
    so `copier update` merges line by line instead of whole files; without the
    generated .gitattributes they would not."""
    origin = tmp_path / "origin"
    shutil.copytree(rendered, origin)
    if not with_attributes:
        (origin / ".gitattributes").unlink()
    commit_all(origin, "render", init=True)
    clone = tmp_path / "clone"
    run("git", "clone", "-q", "--config", "core.autocrlf=true", origin, clone)
    assert (b"\r\n" in (clone / "README.md").read_bytes()) is not with_attributes


@pytest.mark.parametrize("kinds", [["vector_db"], ["embedder", "chunker"]])
def test_workflows_server_backend_gets_compose_and_a_ci_service(
    template: Path, tmp_path: Path, kinds: list[str]
) -> None:
    """compose.yaml (valid by the Compose specification's schema) and the CI
    and release jobs run the same image, with a health check and the URL
    variable set; an embedded plugin gets neither."""
    answers = {"backend": "server", "service_image": "qdrant/qdrant:v1.15.5", "service_port": "6333"}
    only = ("compose.yaml", ".github")
    project = render(template, tmp_path / "rag4code-qdrant", only=only, kinds=kinds, **answers)
    compose = project / "compose.yaml"
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec", compose)
    service = yaml.safe_load(compose.read_text(encoding="utf-8"))["services"]["backend"]
    assert service["image"] == "qdrant/qdrant:v1.15.5"
    assert service["ports"] == ["6333:6333"]
    assert "/dev/tcp/127.0.0.1/6333" in " ".join(service["healthcheck"]["test"])
    for name, job in (("ci.yml", "test"), ("release.yml", "build")):
        spec = workflow(project, name)["jobs"][job]
        assert spec["services"]["backend"]["image"] == "qdrant/qdrant:v1.15.5"
        assert spec["services"]["backend"]["ports"] == ["6333:6333"]
        assert "--health-cmd" in spec["services"]["backend"]["options"]
        assert spec["env"] == {"RAG4CODE_QDRANT_URL": "http://localhost:6333"}
    embedded = render(template, tmp_path / "embedded" / "rag4code-qdrant", only=only, kinds=kinds)
    assert not (embedded / "compose.yaml").exists()
    assert "services" not in workflow(embedded, "ci.yml")["jobs"]["test"]


def test_workflows_postgres_server_gets_its_environment_health_check_and_url(template: Path, tmp_path: Path) -> None:
    """A PostgreSQL server: compose.yaml (valid by the Compose schema) and the
    CI and release services set the container's environment (compose writes $
    as $$, which it reads back as $), wait for `pg_isready` as the URL's user
    over TCP, and the support package, CI and README use the postgres URL."""
    url = "postgresql://rag4code@127.0.0.1:5432/postgres"
    env = {
        "POSTGRES_HOST_AUTH_METHOD": "trust",
        "POSTGRES_USER": "rag4code",
        "PGDATA": "/var/lib/$data",
        "PGPORT": 5432,
    }
    answers = {"service_image": "pgvector/pgvector:pg17", "service_port": "5432", "service_url": url}
    only = ("compose.yaml", ".github", "src", "README.md")
    project = render(template, tmp_path / "rag4code-pgvector", only=only, backend="server", service_env=env, **answers)
    compose = project / "compose.yaml"
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec", compose)
    service = yaml.safe_load(compose.read_text(encoding="utf-8"))["services"]["backend"]
    health = "pg_isready -h 127.0.0.1 -p 5432 -U rag4code"
    assert service["environment"] == {**env, "PGDATA": "/var/lib/$$data", "PGPORT": "5432"}
    assert service["healthcheck"]["test"] == ["CMD-SHELL", f"{health} || exit 1"]
    for name, job in (("ci.yml", "test"), ("release.yml", "build")):
        spec = workflow(project, name)["jobs"][job]
        assert spec["services"]["backend"]["env"] == {**env, "PGPORT": "5432"}
        assert spec["services"]["backend"]["options"].startswith(f'--health-cmd "{health}" ')
        assert spec["env"] == {"RAG4CODE_PGVECTOR_URL": url}
    support = (project / "src/rag4code_pgvector/support/service.py").read_text(encoding="utf-8")
    assert f'\nDEFAULT_URL = "{url}"\n' in support
    assert f"export RAG4CODE_PGVECTOR_URL={url}\n" in (project / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("image", "url", "health"),
    [
        ("postgres:17.6", "postgresql://localhost:5432/db", "pg_isready -h 127.0.0.1 -p 5432 -U postgres"),
        ("ghcr.io/x/postgis:17-3.5", "postgres://me@localhost:5432", "pg_isready -h 127.0.0.1 -p 5432 -U me"),
        ("redis:8.2.1", "redis://localhost:6379/0", "redis-cli -h 127.0.0.1 -p 6379 ping"),
        ("redis/redis-stack-server:7.4.0-v6", "redis://localhost:6379", "redis-cli -h 127.0.0.1 -p 6379 ping"),
        ("valkey/valkey:8.1@sha256:" + "0" * 64, "redis://localhost:6379", "valkey-cli -h 127.0.0.1 -p 6379 ping"),
        ("mongo:8.0.13", "mongodb://localhost:27017", "mongosh --quiet --port 27017 --eval 'db.runCommand({ping: 1})'"),
        ("registry.example.org:5000/team/postgres-tools:v1", "grpc://localhost:9000", None),
        ("qdrant/qdrant:v1.15.5", "http://localhost:6333", None),
    ],
)
def test_workflows_server_health_check_fits_the_image(
    template: Path, tmp_path: Path, image: str, url: str, health: str | None
) -> None:
    """The image's own readiness command where its family has one (named by
    the image's last path part), else the bash TCP probe; the same command in
    compose.yaml and CI."""
    port = url.rpartition(":")[2].partition("/")[0]
    answers = {"backend": "server", "service_image": image, "service_port": port, "service_url": url}
    project = render(template, tmp_path / "rag4code-demo", only=("compose.yaml", ".github"), **answers)
    expected = health or f"bash -c ':> /dev/tcp/127.0.0.1/{port}'"
    assert re.fullmatch(r"[A-Za-z0-9 ._/'>:{}()-]+", expected), "goes between double quotes as it is"
    service = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))["services"]["backend"]
    assert service["healthcheck"]["test"] == ["CMD-SHELL", f"{expected} || exit 1"]
    options = workflow(project, "ci.yml")["jobs"]["test"]["services"]["backend"]["options"]
    assert options.startswith(f'--health-cmd "{expected}" ')


def test_workflows_cloud_backend_runs_the_live_suite_weekly_with_least_rights(template: Path, tmp_path: Path) -> None:
    """A cloud plugin's live.yml: weekly and by hand, contents read only, the
    key from a secret of the GitHub environment `live-api` (zizmor's auditor
    finds no secret outside an environment) given to that step alone,
    recording off; the CI workflow replays (it has no key)."""
    url = "https://api.voyageai.com/v1"
    project = render(template, tmp_path / "rag4code-voyage", only=(".github",), backend="cloud", service_url=url)
    live = workflow(project, "live.yml")
    on = live[True]  # YAML 1.1 reads the key `on` as True
    assert [entry["cron"] for entry in on["schedule"]] == ["23 5 * * 1"]  # weekly
    assert "workflow_dispatch" in on
    assert live["permissions"] == {}
    [job] = live["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["environment"] == "live-api"
    audit = run(BIN / "zizmor", "--offline", "--no-progress", "--persona=auditor", ".github", cwd=project, check=False)
    assert "secrets-outside-env" not in audit.stdout + audit.stderr
    assert "live.yml" in audit.stderr, "zizmor audited live.yml"
    [step] = [s for s in job["steps"] if "run" in s]
    assert step["run"] == "uv run pytest --disable-recording"
    assert step["env"] == {"RAG4CODE_VOYAGE_API_KEY": "${{ secrets.RAG4CODE_VOYAGE_API_KEY }}"}
    assert "RAG4CODE_VOYAGE_API_KEY" not in (project / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    embedded = render(template, tmp_path / "embedded" / "rag4code-voyage", only=(".github",))
    assert not (embedded / ".github/workflows/live.yml").exists()
