"""`copier update`, recopy and copy-over never lose the author's work and never
rewrite a stored answer behind the author's back: a change that would delete
code is refused with nothing written, and every message says what to do.

Each test takes a plugin rendered from a throwaway template repository (tags
v0.0.1 and v0.0.2) and committed as the author would (conftest.py's
`author_plugin`: a copy of its own, rendered once per release and answers),
and runs copier on it."""

from __future__ import annotations

import itertools
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import commit_all, edit, make_venv, release, render, run, run_suite, update

COPIER = Path(sys.executable).parent / "copier"

# Every test clones the template repo and runs `copier update` (seconds each).
pytestmark = pytest.mark.slow


def same_release(repo: Path) -> None:
    """v0.0.2 identical to v0.0.1: only the version moves."""


def tree(dst: Path) -> dict[str, bytes]:
    """Every file of the work tree (git data left out), for before/after checks."""
    return {
        p.relative_to(dst).as_posix(): p.read_bytes() for p in dst.rglob("*") if p.is_file() and ".git" not in p.parts
    }


def assert_clean(dst: Path) -> None:
    assert run("git", "status", "--porcelain", "--untracked-files=all", cwd=dst).stdout == ""


@pytest.mark.parametrize(
    ("start", "change", "fragment"),
    [
        ({}, {"plugin_name": "other"}, "plugin_name cannot change on update"),
        ({}, {"kinds": ["vector_db", "embedder"]}, "kinds cannot change this way on update"),
        (
            {"kinds": ["vector_db", "embedder"]},
            {"kinds": ["embedder"]},
            "copier would delete src/rag4code_qdrant/vector_db.py",
        ),
        *(
            ({"backend": start}, {"backend": change}, f'written for "{start}". Your adapter')
            for start, change in itertools.permutations(["embedded", "server", "cloud"], 2)
        ),
    ],
    ids=[
        "rename",
        "one-kind-to-two",
        "drop-a-kind",
        *(f"backend-{a}-to-{b}" for a, b in itertools.permutations(["embedded", "server", "cloud"], 2)),
    ],
)
def test_update_refuses_a_change_that_would_delete_author_code(
    author_plugin: Callable[..., Path],
    tmp_path: Path,
    start: dict[str, object],
    change: dict[str, object],
    fragment: str,
) -> None:
    dst = author_plugin(tmp_path, same_release, **start)
    module = next((dst / "src/rag4code_qdrant").glob("[!_s]*.py"))
    module.write_text(module.read_text(encoding="utf-8") + "\n# the author's backend code\n", encoding="utf-8")
    commit_all(dst, "author code")
    before = tree(dst)
    with pytest.raises(ValueError, match="Validation error for question") as excinfo:
        update(dst, **change)
    assert fragment in str(excinfo.value)
    assert "README" in str(excinfo.value), "the message must point to the documented path"
    assert tree(dst) == before
    assert_clean(dst)


POSTGRES = {
    "backend": "server",
    "service_image": "pgvector/pgvector:pg17",
    "service_port": "5432",
    "service_url": "postgresql://postgres@localhost:5432/postgres",
}


@pytest.mark.parametrize(
    ("start", "change", "new"),
    [
        ({"backend": "cloud"}, {"service_url": "https://api.other.example/v2"}, "https://api.other.example/v2"),
        ({"backend": "server"}, {"service_port": "6334"}, "http://localhost:6334"),
        (POSTGRES, {"service_port": "5433"}, "postgresql://postgres@localhost:5433/postgres"),
        (POSTGRES, {"service_url": "postgresql://me@127.0.0.1:5432/db"}, "postgresql://me@127.0.0.1:5432/db"),
    ],
    ids=["cloud-url", "server-port", "postgres-port", "postgres-url"],
)
def test_update_with_a_changed_service_url_moves_every_file_to_it(
    author_plugin: Callable[..., Path], tmp_path: Path, start: dict[str, str], change: dict[str, str], new: str
) -> None:
    """The service's URL is written only into template-owned and shared files
    (the support package's DEFAULT_URL, README.md, compose.yaml, CI), and the
    author's adapter reads it from the support package: an update with a changed
    service_url (or service_port, which moves the recorded URL's port with it)
    leaves no file on the old URL, and keeps the author's code."""
    dst = author_plugin(tmp_path, same_release, **start)
    support = dst / "src/rag4code_qdrant/support/service.py"
    old = re.search(r'^DEFAULT_URL = "(.+)"$', support.read_text(encoding="utf-8"), re.MULTILINE)
    assert old is not None
    adapter = dst / "src/rag4code_qdrant/adapter.py"
    adapter.write_text(adapter.read_text(encoding="utf-8") + "\n# the author's backend code\n", encoding="utf-8")
    commit_all(dst, "author code")
    update(dst, **change)
    assert f'DEFAULT_URL = "{new}"' in support.read_text(encoding="utf-8")
    assert "from rag4code_qdrant.support import (\n    DEFAULT_URL," in adapter.read_text(encoding="utf-8")
    assert adapter.read_text(encoding="utf-8").endswith("# the author's backend code\n")
    files = tree(dst)
    on_old = [name for name, text in files.items() if old[1].encode() in text and name != ".copier-answers.yml"]
    assert on_old == [], f"still on {old[1]}"
    assert new.encode() in files["README.md"]
    assert not [name for name in files if name.endswith(".rej")]
    assert not [name for name, text in files.items() if re.search(rb"^<<<<<<< ", text, re.MULTILINE)]


def test_update_adds_a_kind_to_a_plugin_with_several(author_plugin: Callable[..., Path], tmp_path: Path) -> None:
    """Adding a kind to a multi-kind plugin deletes nothing: the new kind's
    module and suite arrive, the author's modules and test file stay."""
    dst = author_plugin(tmp_path, same_release, kinds=["vector_db", "embedder"])
    mine = dst / "src/rag4code_qdrant/vector_db.py"
    edit(mine, "    api_version = 1\n", "    api_version = 1\n    backend = 'qdrant'  # the author's edit\n")
    commit_all(dst, "author code")
    author_tests = (dst / "tests/test_contract.py").read_bytes()
    update(dst, kinds=["vector_db", "embedder", "chunker"])
    assert "backend = 'qdrant'  # the author's edit" in mine.read_text(encoding="utf-8")
    assert (dst / "src/rag4code_qdrant/chunker.py").is_file()
    assert (dst / "tests/contract/chunker.py").is_file()
    assert (dst / "tests/test_contract.py").read_bytes() == author_tests


def forbid_zzz(repo: Path) -> None:
    """A later release whose plugin_name validator refuses names with "zzz"."""
    edit(
        repo / "copier.yml",
        "    {%- elif plugin_name | length > 40 -%}",
        "    {%- elif 'zzz' in plugin_name -%}\n"
        '    plugin_name must not contain zzz. Got "{{ plugin_name }}".\n'
        "    {%- elif plugin_name | length > 40 -%}",
    )


def test_update_never_replaces_a_stored_answer_a_new_release_rejects(template_repo: Path, tmp_path: Path) -> None:
    """Copier drops a stored answer the new validator rejects and falls back to
    the default; the default of an existing plugin is its stored answer, so the
    update stops, naming the value, instead of renaming the plugin after its
    folder."""
    repo = release(template_repo, tmp_path, forbid_zzz)
    dst = render(repo, tmp_path / "my-plugin-folder", plugin_name="zzz_keep")
    commit_all(dst, "generated", init=True)
    before = tree(dst)
    with pytest.raises(ValueError, match=r"plugin_name must not contain zzz\. Got \"zzz_keep\""):
        update(dst)
    assert tree(dst) == before
    assert not (dst / "src/rag4code_my_plugin_folder").exists()


def pin_hatchling(repo: Path) -> None:
    edit(repo / "copier.yml", "'hatchling': 'hatchling>=1.27'", "'hatchling': 'hatchling>=1.28'")


@pytest.mark.parametrize("mode", ["inline", "rej"])
def test_update_message_says_how_to_find_conflicts(
    author_plugin: Callable[..., Path], tmp_path: Path, mode: str
) -> None:
    """After every update copier prints where conflicts are: inline markers and
    *.rej files, and how to undo."""
    dst = author_plugin(tmp_path, pin_hatchling)
    edit(dst / "pyproject.toml", 'requires = ["hatchling>=1.27"]', 'requires = ["hatchling>=1.27,<2"]')
    commit_all(dst, "author pins hatchling")
    result = run(COPIER, "update", "--defaults", "--vcs-ref", "v0.0.2", "--conflict", mode, cwd=dst)
    message = result.stdout + result.stderr
    for hint in ("*.rej", "grep -rn '^<<<<<<< ' .", "git checkout HEAD -- . && git clean -fd", "uv run pytest"):
        assert hint in message, hint
    conflicted = list(dst.rglob("*.rej")) if mode == "rej" else [dst / "pyproject.toml"]
    assert conflicted, "the scenario must conflict"
    if mode == "inline":
        assert "<<<<<<< before updating" in (dst / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command", [["copy", "--defaults", "{repo}", "."], ["recopy", "--defaults"]], ids=["copy", "recopy"]
)
def test_copying_again_over_a_plugin_is_refused_and_changes_nothing(
    released: Callable[[Callable[[Path], None]], Path],
    author_plugin: Callable[..., Path],
    tmp_path: Path,
    command: list[str],
) -> None:
    """Without --overwrite, copy or recopy over a plugin would record a new
    template version and stop at the first changed file; it is refused first."""
    repo = released(same_release)
    dst = author_plugin(tmp_path, same_release)
    before = tree(dst)
    args = [part.format(repo=repo) for part in command]
    result = run(COPIER, *args, "--vcs-ref", "v0.0.2", cwd=dst, check=False)
    assert result.returncode != 0
    assert "This folder already holds a rag4code plugin: update it" in result.stderr
    assert tree(dst) == before
    assert_clean(dst)


def fake_uvx(tmp_path: Path) -> dict[str, str]:
    """PATH with a `uvx` that runs this environment's copier, so the printed
    recipe runs as written without downloading anything."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    uvx = bin_dir / "uvx"
    uvx.write_text(f'#!/bin/sh\nshift\nexec "{COPIER}" "$@"\n', encoding="utf-8")
    uvx.chmod(uvx.stat().st_mode | stat.S_IXUSR)
    return {"PATH": f"{bin_dir}:/usr/bin:/bin"}


def recipe(output: str) -> str:
    """The restore command a guard printed."""
    match = re.search(r'(d="\$\(mktemp -d\)" && uvx copier copy .*?)(?:\.?$|\n)', output, re.MULTILINE)
    assert match, f"no restore command in:\n{output}"
    return match.group(1)


def add_contract_test(repo: Path) -> None:
    path = repo / "kinds/vector_db/contract.py"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\ndef test_added_in_v2() -> None:\n    assert True\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("damage", ["edited-and-committed", "deleted-and-committed"])
def test_restore_recipe_works_right_after_an_update(
    author_plugin: Callable[..., Path], tmp_path: Path, damage: str
) -> None:
    """The guards' recipe restores template-owned files as the recorded version
    made them, also right after an update (where `git checkout` would bring back
    the edit, or the old version)."""
    dst = author_plugin(tmp_path, add_contract_test)
    contract = dst / "tests/contract/vector_db.py"
    if damage.startswith("edited"):
        edit(contract, "    group = ", "    # the author's tweak\n    group = ")
    else:
        contract.unlink()
    commit_all(dst, "author damages a template-owned file")
    update(dst)
    python = make_venv(tmp_path / ".venv", dst, editable=True)
    guard = ("-k", "test_vendored_suite_is_unchanged or test_count_empty_store_is_zero")
    broken = run_suite(python, dst, tmp_path / "before.xml", *guard)
    assert broken.returncode != 0, broken.output
    run("bash", "-c", recipe(broken.output), cwd=dst, **fake_uvx(tmp_path))
    fixed = run_suite(python, dst, tmp_path / "after.xml", *guard)
    assert fixed.returncode == 0, fixed.output
    assert fixed.counts["tests"] == 2, fixed.counts
    assert "test_added_in_v2" in contract.read_text(encoding="utf-8")
    assert "the author's tweak" not in contract.read_text(encoding="utf-8")


def test_next_steps_after_copy_lead_to_a_clean_tree_and_a_working_update(
    released: Callable[[Callable[[Path], None]], Path], tmp_path: Path
) -> None:
    """Run the after-copy message's commands as printed (the destination has a
    space in its name): the tree ends clean, so `copier update` then works."""
    repo = released(same_release)
    dst = tmp_path / "my plugin"
    result = run(COPIER, "copy", "--defaults", "--vcs-ref", "v0.0.1", "-d", "plugin_name=qdrant", repo, dst)
    message = result.stdout + result.stderr
    steps = message.split("Next steps:", 1)[1].strip("\n").split("\n\n", 1)[0]
    commands = [line.split("  #")[0].strip() for line in steps.splitlines()]
    assert commands[0].startswith("cd '"), commands
    run("bash", "-c", " && ".join(commands), cwd=tmp_path)
    assert_clean(dst)
    run(COPIER, "update", "--defaults", "--vcs-ref", "v0.0.2", cwd=dst)
    assert "_commit: v0.0.2" in (dst / ".copier-answers.yml").read_text(encoding="utf-8")
