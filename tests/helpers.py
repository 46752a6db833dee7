"""Helpers shared by the template's tests: run commands, snapshot the template,
render it with copier's API, and build venvs with uv.

Kept free of fixtures (those live in conftest.py) so that the benchmarks can
use them too; both import them as `tests.helpers`.
"""

from __future__ import annotations

import ast
import atexit
import contextlib
import functools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import tomlkit
import yaml
from copier import run_copy, run_update

REPO = Path(__file__).resolve().parent.parent
# uv, resolved once: the UV variable (`uv run` sets it to its own binary),
# else the first on PATH; a pyenv shim rewritten while the tests run must not
# make later commands fail. conftest.py stops the run when there is none.
UV = os.environ.get("UV") or shutil.which("uv") or ""
# Variables that would leak our own venv into a child, and one that would make
# every child compile all it imports again (children cache bytecode in PYCACHE).
ENV_DROP = (
    "VIRTUAL_ENV",
    "UV_PROJECT_ENVIRONMENT",
    "UV_FROZEN",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONDONTWRITEBYTECODE",
)
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@rag4code.invalid",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@rag4code.invalid",
}


# --- Kinds -----------------------------------------------------------------------
# A kind is one folder, kinds/<kind>/, plus one choice of `kinds` in copier.yml.
# Besides what the template renders from it, the folder holds every fact the
# template's own tests, benchmarks and README need about the kind:
#   kind.yml     facts (class suffix, minimum test count, README text, ...)
#   smoke.py     the consumer's smoke call (tests/consumer.py) and its EXPECTED facts
#   answers.yml  the kind's answer set (a scenario named after the kind)
#   broken/      broken adapters its contract must catch (CAUGHT_BY)
#   tolerated/, broken_server/   optional: adapters it must pass; bugs only a
#                store behind a server has
# Every function takes the template's root, so that a test can run them on a
# copy of the template holding a kind of its own (tests/test_new_kind.py).
KIND_PARTS = {
    "adapter.py.jinja",
    "contract.py",
    "support.py",
    "readme.md.jinja",
    "rules.md.jinja",
    "test_contract.py.jinja",
    "kind.yml",
    "smoke.py",
    "answers.yml",
    "broken",
}
KIND_OPTIONAL_PARTS = {"tolerated", "broken_server"}
KIND_FACTS = {"class_suffix", "answers_title", "min_contract_tests", "shows_values", "readme_subtle"}
KIND_OPTIONAL_FACTS = {"readme_subtle_server"}


def kinds(root: Path = REPO) -> list[str]:
    """The kinds, in the order of copier.yml's `kinds` choices (also the order
    copier keeps a multiselect answer in)."""
    config = yaml.safe_load((root / "copier.yml").read_text(encoding="utf-8"))
    return list(config["kinds"]["choices"].values())


def kind_folder(kind: str, root: Path = REPO) -> Path:
    return root / "kinds" / kind


def kind_facts(kind: str, root: Path = REPO) -> dict[str, Any]:
    """kinds/<kind>/kind.yml."""
    facts: dict[str, Any] = yaml.safe_load((kind_folder(kind, root) / "kind.yml").read_text(encoding="utf-8"))
    return facts


KINDS = kinds()
# Shared answer sets (several kinds, special names) live in tests/answers/;
# each kind's own is kinds/<kind>/answers.yml, named after the kind.
ANSWERS = Path(__file__).with_name("answers")
SCENARIOS = [*KINDS, *sorted(path.stem for path in ANSWERS.glob("*.yml"))]
# Correct adapters over real engines, servers and APIs, swapped into renders (swap_in).
ENGINES = Path(__file__).with_name("engines")


def answers_file(scenario: str, root: Path = REPO) -> Path:
    """The file of a named answer set (usable as copier --data-file, but for all_kinds)."""
    own = kind_folder(scenario, root) / "answers.yml"
    return own if own.is_file() else root / "tests/answers" / f"{scenario}.yml"


def answers(scenario: str, root: Path = REPO) -> dict[str, Any]:
    """A named answer set; all_kinds gets every kind (its file names none)."""
    data: dict[str, Any] = yaml.safe_load(answers_file(scenario, root).read_text(encoding="utf-8"))
    if scenario == "all_kinds":
        data["kinds"] = kinds(root)
    return data


# What the shared answer sets' plugin_name gives as CapWords (each kind's own in
# its kind.yml): written out, not derived, so that the tests check copier.yml's
# formulas rather than repeat them.
TITLES = {"toolkit": "Toolkit", "tree_sitter_code_splitter_plus_embedding": "TreeSitterCodeSplitterPlusEmbedding"}


def expected_entry_points(data: dict[str, Any], root: Path = REPO) -> dict[str, str]:
    """kind -> the entry-point value an answer set must produce."""
    name, chosen = data["plugin_name"], data["kinds"]
    titles = TITLES | {answers(k, root)["plugin_name"]: kind_facts(k, root)["answers_title"] for k in kinds(root)}
    if len(chosen) == 1:
        return {chosen[0]: f"rag4code_{name}.adapter:{data.get('class_name', titles[name] + 'Adapter')}"}
    return {kind: f"rag4code_{name}.{kind}:{titles[name]}{kind_facts(kind, root)['class_suffix']}" for kind in chosen}


def template_owned_files(data: dict[str, Any]) -> set[str]:
    """The template-owned files a render of answer set `data` holds, written out
    from the README's ownership table: the root conftest.py, everything in
    tests/contract/ and in src/<package>/support/ (a module per kind, the
    service's for a server or hosted API; namespaces for their tests, the
    recording plugin and its test for a hosted API)."""
    backend = data.get("backend", "embedded")
    remote = ["service"] if backend != "embedded" else []
    support = ["__init__", *data["kinds"], *remote]
    contract = ["__init__", "base", "completeness", "plugin", "test_discovery", *data["kinds"]]
    contract += ["namespaces"] if backend != "embedded" else []
    contract += ["cassettes", "test_cassettes"] if backend == "cloud" else []
    return (
        {"conftest.py", "tests/contract/manifest.json"}
        | {f"src/rag4code_{data['plugin_name']}/support/{name}.py" for name in support}
        | {f"tests/contract/{name}.py" for name in contract}
    )


# Compiled bytecode (and pytest's rewritten test modules) of every child
# Python go here, not into the renders, which tests share read-only; kept
# between runs, since compiling each fresh venv's packages again on every
# pytest start would cost more than the tests themselves.
PYCACHE = Path(tempfile.gettempdir()) / "rag4code-template-tests-pycache"


def prune_pycache() -> None:
    """Drop the bytecode cached for folders that are gone. Each run's venvs,
    and each build's isolated environment (in uv's cache), live in new
    temporary folders whose paths never come back, so without this PYCACHE
    grows by the bytecode of all of them, run after run (hundreds of MB)."""
    if sys.platform == "win32":  # the mirror's first part there is a drive, not "/"
        return
    stack = [PYCACHE] if PYCACHE.is_dir() else []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if not entry.is_dir(follow_symlinks=False):
                    continue
                cached = Path(entry.path)
                if (Path("/") / cached.relative_to(PYCACHE)).is_dir():
                    stack.append(cached)
                else:
                    shutil.rmtree(cached, ignore_errors=True)


def clean_env(**extra: str) -> dict[str, str]:
    """os.environ for a child: without ENV_DROP, with a git identity, no Python
    downloads, and bytecode cached outside the renders."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROP}
    env.update(GIT_IDENTITY, UV_PYTHON_DOWNLOADS="never", PYTHONPYCACHEPREFIX=str(PYCACHE))
    # Tools run inside read-only session renders: leave no caches behind there.
    env.update(RUFF_NO_CACHE="true", MYPY_CACHE_DIR=os.devnull, **extra)
    return env


class CommandFailed(Exception):
    """A command exited non-zero; the message carries its stdout and stderr."""

    def __init__(self, command: list[str], result: subprocess.CompletedProcess[str]) -> None:
        self.command, self.returncode = command, result.returncode
        self.stdout, self.stderr = result.stdout, result.stderr
        super().__init__(
            f"command failed ({result.returncode}): {' '.join(command)}\n"
            f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
        )


def run(*cmd: str | Path, cwd: Path | None = None, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing output; with `check`, a failure raises
    CommandFailed showing both streams."""
    command = [str(c) for c in cmd]
    result = subprocess.run(command, cwd=cwd, env=clean_env(**env), capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise CommandFailed(command, result)
    return result


def template_files() -> list[str]:
    """The template repo's files as a fresh clone would have them, plus uncommitted
    and untracked (not ignored) work, so tests see the working tree."""
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).stdout
    return sorted(name for name in listed.split("\0") if name and (REPO / name).is_file())


def copy_template(dst: Path) -> Path:
    """The template working tree copied to `dst`, as a plain folder: copier
    renders it without cloning (several times faster than from a repo), so the
    tests of rendered content use it."""
    for name in template_files():
        (dst / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dst / name)
    return dst


def snapshot_template(dst: Path, tag: str = "v0.0.1") -> Path:
    """The template working tree as a new git repo at `dst`, committed and
    tagged: a clean, versioned template (no DirtyLocalWarning) for the tests
    of `copier update` and of versions."""
    copy_template(dst)
    commit_all(dst, f"template {tag}", init=True)
    run("git", "tag", tag, cwd=dst)
    return dst


def commit_all(repo: Path, message: str, init: bool = False) -> None:
    """git add -A and commit (optionally after git init)."""
    if init:
        run("git", "init", "-q", "-b", "main", cwd=repo)
    run("git", "add", "-A", cwd=repo)
    run("git", "commit", "-q", "--allow-empty", "-m", message, cwd=repo)


def render(
    template: Path, dst: Path, vcs_ref: str = "v0.0.1", only: tuple[str, ...] | None = None, **data: Any
) -> Path:
    """Render the template into `dst` with copier's API, defaults for anything
    not given; at `vcs_ref` when the template is a git repo. With `only` (names
    of files at the project root), copier's `exclude` leaves out every other
    file: every question is still asked and validated, in two-thirds of the time."""
    run_copy(
        str(template),
        dst,
        data=data,
        defaults=True,
        unsafe=False,
        vcs_ref=vcs_ref if (template / ".git").exists() else None,
        quiet=True,
        exclude=() if only is None else ["*", *(f"!{name}" for name in only)],
    )
    return dst


def rendered_files(root: Path) -> set[str]:
    """Project-relative paths of every file in a render (git data left out)."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) by `new` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def release(template: Path, tmp_path: Path, change: Callable[[Path], None]) -> Path:
    """A copy of the v0.0.1 template repo with `change` committed as v0.0.2."""
    repo = tmp_path / "template"
    shutil.copytree(template, repo)
    change(repo)
    commit_all(repo, "template v0.0.2")
    run("git", "tag", "v0.0.2", cwd=repo)
    return repo


def plugin_at_v1(repo: Path, tmp_path: Path, **data: str) -> Path:
    """rag4code-qdrant rendered from v0.0.1 and committed, as an author has it."""
    dst = render(repo, tmp_path / "rag4code-qdrant", **data)
    commit_all(dst, "generated from the template", init=True)
    return dst


def update(dst: Path, **data: str) -> None:
    """`copier update --defaults` to v0.0.2, conflicts as inline markers."""
    run_update(
        dst,
        data=data,
        defaults=True,
        overwrite=True,
        unsafe=False,
        vcs_ref="v0.0.2",
        quiet=True,
        conflict="inline",
    )


def change_readme_only(repo: Path) -> None:
    edit(
        repo / "template/README.md.jinja",
        "## License\n",
        "## Support\n\nAsk on the rag4code forum.\n\n## License\n",
    )


@functools.cache
def find_python(version: str) -> Path | None:
    """The real path of a CPython `version` ("3.12") interpreter: from PATH, else
    from pyenv's versions folder (pyenv's shims answer only for the selected
    version, and may be rewritten while the tests run)."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(str(p) for p in pyenv_root.glob(f"versions/{version}.*/bin/python{version}"))
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2], sys.executable)"],
            capture_output=True,
            text=True,
            check=False,
        )
        found, _, executable = probe.stdout.strip().partition(" ")
        if probe.returncode == 0 and found == version:
            return Path(executable)
    return None


def venv_python(venv: Path) -> Path:
    """The interpreter of a venv, on POSIX or Windows."""
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def site_packages(python: Path) -> Path:
    """The purelib folder of the venv that `python` belongs to."""
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return Path(run(python, "-c", code).stdout.strip())


@functools.cache
def dev_group_site_packages(requirements: tuple[str, ...]) -> Path:
    """The site-packages of one venv per process holding a dev dependency group
    (pytest, hypothesis, ...), shared by the venvs of make_venv. A fresh venv's
    first pytest start compiles pytest and hypothesis again (about 2 s: bytecode
    is cached by source path, and uv has no bytecode cache), so sharing the
    group's files compiles them once per process. Removed when the process
    exits; the path is computed once, with the venv."""
    venv = Path(tempfile.mkdtemp(prefix="rag4code-dev-group-"))
    atexit.register(shutil.rmtree, venv, ignore_errors=True)
    run(UV, "venv", "-q", "--allow-existing", "--python", sys.executable, venv)
    run(UV, "pip", "install", "-q", "--python", venv_python(venv), *requirements)
    return site_packages(venv_python(venv))


def make_venv(venv: Path, project: Path, *, editable: bool, extra: tuple[str, ...] = ()) -> Path:
    """A fresh uv venv with `project` installed (wheel build or editable) plus
    `extra`; returns its interpreter. The project's dev dependency group comes
    from dev_group_site_packages, through a .pth file: the venv's own packages
    come first on sys.path, then the group's. (The tests of an author's own set-up,
    `uv sync` and `uv run`, install the group into the project's venv.)"""
    run(UV, "venv", "-q", "--python", sys.executable, venv)
    python = venv_python(venv)
    assert python.is_file(), f"uv venv made no interpreter at {python}"
    group = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]["dev"]
    (site_packages(python) / "_dev_group.pth").write_text(
        f"{dev_group_site_packages(tuple(group))}\n", encoding="utf-8"
    )
    target = ["-e", str(project)] if editable else [str(project)]
    run(UV, "pip", "install", "-q", "--python", python, *target, *extra)
    return python


class SuiteResult:
    """Outcome of a generated project's pytest run, read from its JUnit report
    (absent when pytest stopped before collecting, e.g. a failing conftest)."""

    def __init__(self, process: subprocess.CompletedProcess[str], report: Path) -> None:
        self.returncode = process.returncode
        self.output = process.stdout + process.stderr
        self.counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
        self.failed: set[str] = set()  # test names, parameters left out
        # test class name -> the tests of it that ran, and those that failed
        self.ran_by_class: dict[str, set[str]] = {}
        self.failed_by_class: dict[str, set[str]] = {}
        if not report.exists():
            return
        suite = ET.parse(report).getroot().find("testsuite")
        assert suite is not None, self.output
        self.counts = {key: int(suite.get(key, "0")) for key in self.counts}
        for case in suite.iter("testcase"):
            name, test_class = case.get("name", "").partition("[")[0], case.get("classname", "").rpartition(".")[2]
            self.ran_by_class.setdefault(test_class, set()).add(name)
            if case.find("failure") is not None or case.find("error") is not None:
                self.failed.add(name)
                self.failed_by_class.setdefault(test_class, set()).add(name)


# A generated project's own pytest, as the tests and benchmarks run it with the
# project's venv Python: quiet, and leaving no .pytest_cache in shared renders.
PYTEST = ("-m", "pytest", "-q", "-p", "no:cacheprovider")


def run_suite(python: Path, project: Path, report: Path, *args: str, **env: str) -> SuiteResult:
    """Run the generated project's own pytest with `python` (extra pytest `args`,
    e.g. `-k NAME`); never raises on failures."""
    process = run(python, *PYTEST, f"--junitxml={report}", *args, cwd=project, check=False, **env)
    return SuiteResult(process, report)


def run_suites_at_once(python: Path, project: Path, reports: list[Path], *args: str, **env: str) -> list[SuiteResult]:
    """Run the generated project's own pytest once per report, all at the same
    time, each with the same extra `args` and `env`; never raises on failures."""
    command = [python, *PYTEST, *args]
    processes = [
        subprocess.Popen(
            [*command, f"--junitxml={report}"],
            cwd=project,
            env=clean_env(**env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for report in reports
    ]
    results = []
    for process, report in zip(processes, reports, strict=True):
        output = process.communicate(timeout=600)[0]
        results.append(SuiteResult(subprocess.CompletedProcess(process.args, process.returncode, output, ""), report))
    return results


def assert_green(result: SuiteResult, min_tests: int = 1) -> None:
    """The generated suite passed: exit code 0, no failure, error or skip, and
    at least `min_tests` tests ran."""
    counts = result.counts
    assert result.returncode == 0, f"failed {sorted(result.failed)}:\n{result.output}"
    assert counts["failures"] == counts["errors"] == counts["skipped"] == 0, f"{counts}\n{result.output}"
    assert counts["tests"] >= min_tests, f"{counts}\n{result.output}"


def assert_stopped_before_any_test(result: SuiteResult, url: str, password: str) -> None:
    """The generated suite, its RAG4CODE_DEMO_URL set to `url` where nothing
    listens, stopped once before any test with the pre-check's message: the URL
    with `password` as ***, how to start the service, the variable; no
    traceback, and the password nowhere."""
    shown = url.replace(password, "***")
    assert result.returncode != 0
    assert result.output.count(f"No service answers at {shown} (from RAG4CODE_DEMO_URL)") == 1, result.output
    assert password not in result.output
    assert "docker compose up -d --wait" in result.output
    assert "or set RAG4CODE_DEMO_URL to the URL where it runs" in result.output
    assert result.counts["failures"] == result.counts["errors"] == 0
    assert "Traceback" not in result.output
    assert " passed" not in result.output
    assert " failed" not in result.output


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def listening(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:`port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def chroma_server(root: Path) -> Iterator[str]:
    """A real Chroma server (`chroma run`, from the dev group's chromadb) with
    its data under `root`, on a free port; yields its URL, stops it on exit."""
    port = free_port()
    log_path = root / "chroma.log"
    command = [Path(sys.executable).parent / "chroma", "run", "--path", root / "data", "--host", "127.0.0.1"]
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen([*map(str, command), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while not listening(port):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma run did not start:\n{log_path.read_text(encoding='utf-8')}")
                time.sleep(0.25)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


PGSERVER = "pgserver==0.1.4"  # PostgreSQL 16.2 with pgvector 0.6.2, as manylinux wheels for CPython 3.11 and 3.12


@functools.cache
def postgres_install() -> Path:
    """pgserver's PostgreSQL (bin/, lib/, share/ with pgvector), installed by uv
    for CPython 3.12 whatever Python runs the tests: its programs do not use
    Python, and pgserver has wheels for 3.11 and 3.12 only. Kept in a folder
    under /tmp that every user can read (the server may run as `nobody`),
    reused by later runs; a process that loses the race to create it drops
    its own copy."""
    folder = Path("/tmp" if sys.platform != "win32" else tempfile.gettempdir())
    target = folder / f"rag4code-{PGSERVER.replace('==', '-')}"
    if not (target / "pgserver/pginstall/bin/initdb").is_file():
        scratch = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=folder))
        command = ("pip", "install", "-q", "--no-deps", "--python-version", "3.12", "--python", sys.executable)
        run(UV, *command, "--target", scratch, PGSERVER)
        scratch.chmod(0o755)
        try:
            scratch.rename(target)
        except OSError:  # another process made it first
            shutil.rmtree(scratch, ignore_errors=True)
    return target / "pgserver/pginstall"


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL with pgvector (from the pgserver package: its initdb and
    pg_ctl, see postgres_install) on a free 127.0.0.1 port, trust
    authentication, no fsync; yields `postgresql://postgres@127.0.0.1:PORT/postgres`,
    stops the server and removes its data on exit.

    initdb refuses to run as root: run as root (CI), the server runs as
    `nobody`, with its data in a folder of its own under /tmp (pytest's
    temporary folders are private to root)."""
    install = postgres_install()
    user = "nobody" if sys.platform != "win32" and os.geteuid() == 0 else None
    # nobody must reach the data folder: /tmp, whatever TMPDIR says.
    root = Path(tempfile.mkdtemp(prefix="rag4code-postgres-", dir="/tmp" if user else None))
    log_path, server_log, data, port = root / "tools.log", root / "server.log", root / "data", free_port()
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def postgres(tool: str, *args: str | Path) -> None:
        with log_path.open("a", encoding="utf-8") as log:  # not a pipe: the server inherits it
            code = subprocess.run(
                [install / "bin" / tool, *args], stdout=log, stderr=subprocess.STDOUT, user=user, check=False
            ).returncode
        if code != 0:
            logs = "\n".join(path.read_text(encoding="utf-8") for path in (log_path, server_log) if path.exists())
            raise RuntimeError(f"{tool} failed ({code}):\n{logs}")

    try:
        if user is not None:
            import pwd  # POSIX only

            account = pwd.getpwnam(user)
            os.chown(root, account.pw_uid, account.pw_gid)
        postgres("initdb", "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")
        postgres("pg_ctl", "-D", data, "-l", server_log, "-w", "-t", "60", "-o", options, "start")
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            postgres("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def fake_embedding_api() -> Iterator[str]:
    """The hosted-style embeddings API of tests/engines/api/ on a free port;
    yields its base URL (`http://127.0.0.1:PORT/v1`), stops it on exit."""
    port = free_port()
    script = ENGINES / "api/fake_embedding_api.py"
    api = subprocess.Popen([sys.executable, str(script), str(port)])
    try:
        while not listening(port):
            assert api.poll() is None, "the fake embeddings API did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        api.terminate()
        api.wait(timeout=10)


def api_embedder(template: Path, root: Path, url: str) -> tuple[Path, Path]:
    """rag4code-demo (embedder, backend=cloud, service_url `url`) rendered
    under `root` with the adapter of tests/engines/api/embedder.py swapped in,
    installed editable in a fresh venv: the project and its interpreter."""
    project = render(
        template, root / "rag4code-demo", plugin_name="demo", kinds=["embedder"], backend="cloud", service_url=url
    )
    return project, swap_in(project, {"adapter.py": ENGINES / "api/embedder.py"}, root / ".venv")


def constant(path: Path, name: str) -> Any:
    """The literal value of the module-level constant `name` in the file at
    `path` (read, not imported), or None when it has none."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    return None


def caught_by(path: Path) -> tuple[str, str]:
    """The rule a broken adapter breaks (its docstring, "Breaks: ...") and the
    contract test that must catch it (its CAUGHT_BY)."""
    rule = (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").removeprefix("Breaks: ").strip()
    expected = constant(path, "CAUGHT_BY")
    assert expected, f"{path} has no CAUGHT_BY"
    return rule, expected


def swap_in(project: Path, files: Mapping[str, Path | str], venv: Path, extra: tuple[str, ...] = ()) -> Path:
    """In a rendered rag4code-demo: keep the skeleton as `_reference.py` (so an
    adapter can subclass it), put `files` into the package (a path in it ->
    the file to copy there, or the text to write; `adapter.py` is what the
    entry point loads), and install the project editable into a fresh venv at
    `venv`, with the `extra` requirements; returns the venv's interpreter."""
    package = project / "src/rag4code_demo"
    (package / "adapter.py").rename(package / "_reference.py")
    for name, source in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path):
            shutil.copyfile(source, package / name)
        else:
            (package / name).write_text(source, encoding="utf-8")
    return make_venv(venv, project, editable=True, extra=extra)


def swap_in_adapters(project: Path, kind: str, adapters: dict[str, Path], venv: Path) -> Path:
    """swap_in each adapter as `variants/<name>.py` of a rendered rag4code-demo,
    under an entry point `name` of the kind, beside `reference` for the skeleton
    (adapter.py re-exports it for the generated tests' imports); returns the
    venv's interpreter."""
    pyproject = project / "pyproject.toml"
    document = tomlkit.parse(pyproject.read_text(encoding="utf-8"))
    document["project"]["entry-points"][f"rag4code.{kind}"] = {
        **{name: f"rag4code_demo.variants.{name}:DemoAdapter" for name in adapters},
        "reference": "rag4code_demo._reference:DemoAdapter",
    }
    pyproject.write_text(tomlkit.dumps(document), encoding="utf-8")
    files: dict[str, Path | str] = {
        "adapter.py": "from rag4code_demo._reference import *  # noqa: F403\n",
        "variants/__init__.py": "",
    }
    return swap_in(project, files | {f"variants/{name}.py": path for name, path in adapters.items()}, venv)


VARIANTS = "tests/test_variants.py"


def write_contract_classes(project: Path, classes: dict[str, dict[str, object]]) -> None:
    """VARIANTS in a rendered project: per class name, a subclass of the
    generated contract class with the given attributes (`plugin_name`, the
    entry point it tests, and any other), in the order given."""
    generated = (project / "tests/test_contract.py").read_text(encoding="utf-8")
    [contract] = re.findall(r"^class (Test\w+)\(", generated, flags=re.MULTILINE)
    code = [
        f"class {name}(test_contract.{contract}):\n"
        + "".join(f"    {key} = {value!r}\n" for key, value in attrs.items())
        for name, attrs in classes.items()
    ]
    (project / VARIANTS).write_text("from tests import test_contract\n\n\n" + "\n\n".join(code), encoding="utf-8")


def broken_adapters(kind: str, folder: str = "broken", root: Path = REPO) -> list[Path]:
    """The adapters in kinds/<kind>/<folder>/ (broken, tolerated, broken_server)."""
    return sorted((kind_folder(kind, root) / folder).glob("*.py"))


def consume(python: Path, kind: str, plugin_name: str, root: Path = REPO) -> dict[str, Any]:
    """What tests/consumer.py, run by `python` (a plugin's venv), saw of the plugin
    `plugin_name` of `kind`: `listed`, `imported_by_listing`, `loaded`, and `used`
    (`api_version` and what the kind's smoke call returned)."""
    smoke = kind_folder(kind, root) / "smoke.py"
    command = (python, root / "tests/consumer.py", f"rag4code.{kind}", plugin_name, f"rag4code_{plugin_name}", smoke)
    seen: dict[str, Any] = json.loads(run(*command).stdout)
    return seen


def smoke_expected(kind: str, root: Path = REPO) -> dict[str, Any]:
    """What the kind's smoke call must return on the rendered skeleton (smoke.py's EXPECTED)."""
    expected: dict[str, Any] = constant(kind_folder(kind, root) / "smoke.py", "EXPECTED")
    return expected


# --- Checks of the kinds, on any copy of the template (tests/test_repo.py) ----------

STRENGTH_HEADER = "| kind | caught | subtle ones among them |\n|---|---|---|\n"


def defined_tests(path: Path) -> set[str]:
    """Names of the test functions and methods defined in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def check_kind_folders(root: Path = REPO) -> None:
    """Each kind is a folder of kinds/ with the same parts, and a choice in copier.yml."""
    folders = sorted(p.name for p in (root / "kinds").iterdir() if p.is_dir())
    assert sorted(kinds(root)) == folders, f"copier.yml's kinds choices {kinds(root)} are not the folders {folders}"
    for kind in folders:
        parts = {p.name for p in kind_folder(kind, root).iterdir()} - {"__pycache__"}
        missing, unknown = KIND_PARTS - parts, parts - KIND_PARTS - KIND_OPTIONAL_PARTS
        assert not missing, f"kinds/{kind} lacks {sorted(missing)}"
        assert not unknown, f"kinds/{kind} holds {sorted(unknown)}: not a part of a kind ({sorted(KIND_PARTS)})"


def check_kind_facts(root: Path = REPO) -> None:
    """Each kind's kind.yml, smoke.py and answers.yml hold what the tests read."""
    for kind in kinds(root):
        folder, facts = kind_folder(kind, root), kind_facts(kind, root)
        keys = set(facts)
        assert KIND_FACTS <= keys <= KIND_FACTS | KIND_OPTIONAL_FACTS, f"kinds/{kind}/kind.yml has {sorted(keys)}"
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", facts["class_suffix"]), facts["class_suffix"]
        assert isinstance(facts["min_contract_tests"], int), facts["min_contract_tests"]
        assert facts["min_contract_tests"] > 0, facts["min_contract_tests"]
        shows = facts["shows_values"]
        assert (folder / "broken" / f"{shows['broken']}.py").is_file(), f"kinds/{kind}: no broken/{shows['broken']}.py"
        assert shows["output"], f"kinds/{kind}/kind.yml: shows_values.output is empty"
        has_server = (folder / "broken_server").is_dir()
        assert has_server == ("readme_subtle_server" in facts), f"kinds/{kind}: readme_subtle_server iff broken_server/"
        assert answers(kind, root)["kinds"] == [kind], f"kinds/{kind}/answers.yml must choose kinds: [{kind}]"
        smoke = ast.parse((folder / "smoke.py").read_text(encoding="utf-8"))
        assert "use" in {node.name for node in smoke.body if isinstance(node, ast.FunctionDef)}, f"{kind}: no use()"
        assert isinstance(smoke_expected(kind, root), dict), f"kinds/{kind}/smoke.py: EXPECTED must be a dict literal"


def check_broken_adapters(root: Path = REPO) -> None:
    """Every broken adapter names the rule it breaks and a test of its kind's
    contract that catches it (CAUGHT_BY); one folder has at least one."""
    shared = defined_tests(root / "template/tests/contract/base.py")
    for kind in kinds(root):
        tests = shared | defined_tests(kind_folder(kind, root) / "contract.py")
        assert broken_adapters(kind, root=root), f"kinds/{kind}/broken/ holds no adapter"
        for folder in ("broken", "broken_server"):
            for path in broken_adapters(kind, folder, root):
                rule, expected = caught_by(path)
                assert rule, f"{path.relative_to(root)}: its docstring must say 'Breaks: <the rule>'"
                assert expected in tests, f"{path.relative_to(root)}: CAUGHT_BY names no {kind} contract test"


def strength_table(root: Path = REPO) -> str:
    """README's table in "How strong are the contracts": a row per kind folder
    (and per broken_server/), counted from the folders, its text from kind.yml."""
    rows = []
    for kind in kinds(root):
        facts = kind_facts(kind, root)
        for folder, suffix, key in (
            ("broken", "", "readme_subtle"),
            ("broken_server", ", server", "readme_subtle_server"),
        ):
            if (kind_folder(kind, root) / folder).is_dir():
                count = len(broken_adapters(kind, folder, root))
                rows.append(f"| {kind}{suffix} | {count} / {count} | {facts[key]} |\n")
    return STRENGTH_HEADER + "".join(rows)


def check_readme_table(root: Path = REPO) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert strength_table(root) in readme, (
        "README.md's table of caught broken adapters is not what kinds/*/ say:"
        " `uv run python tests/helpers.py` writes it."
    )


def refresh_readme_table(root: Path = REPO) -> None:
    """Write strength_table into README.md, in place of the table there."""
    path = root / "README.md"
    readme = path.read_text(encoding="utf-8")
    start = readme.index(STRENGTH_HEADER)
    end = readme.index("\n\n", start) + 1
    path.write_text(readme[:start] + strength_table(root) + readme[end:], encoding="utf-8")


KIND_CHECKS = (check_kind_folders, check_kind_facts, check_broken_adapters, check_readme_table)


if __name__ == "__main__":  # `uv run python tests/helpers.py`: README's table from kinds/*/
    refresh_readme_table()
