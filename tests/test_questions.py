"""Every answer is validated with a message that names the question and the
rule; a rejected answer writes nothing; good answers give valid names."""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import tomlkit
import yaml
from hypothesis import given
from hypothesis import strategies as st
from packaging.utils import canonicalize_name, is_normalized_name

from tests.helpers import KINDS, REPO, clean_env, render, run

# Keywords and soft keywords of every supported Python (3.12 added `type`).
KEYWORDS = {*keyword.kwlist, *keyword.softkwlist, "type"}


def fast_loop_sample(rows: list[tuple[Any, ...]], key: int) -> list[Any]:
    """`rows` as parameters, all but the first row of each `row[:key]` marked
    slow: the fast loop (`-m "not slow"`) tries one bad answer per question
    (and backend), the whole suite every one."""
    seen: set[tuple[Any, ...]] = set()
    params = []
    for row in rows:
        first = row[:key] not in seen
        seen.add(row[:key])
        params.append(pytest.param(*row, marks=() if first else pytest.mark.slow))
    return params


# (question, rejected value, fragment of the expected message)
REJECTED: list[tuple[str, Any, str]] = [
    ("plugin_name", "Qdrant", "start with a lowercase letter"),
    ("plugin_name", "1db", "start with a lowercase letter"),
    ("plugin_name", "pg-vector", "only lowercase letters, digits and underscores"),
    ("plugin_name", "q drant", "only lowercase letters, digits and underscores"),
    ("plugin_name", "qdrant!", "only lowercase letters, digits and underscores"),
    ("plugin_name", "", "start with a lowercase letter"),
    ("plugin_name", "_qdrant", "start with a lowercase letter"),
    ("plugin_name", "séance", "only lowercase letters"),
    ("plugin_name", "qdrant_", "do not end with an underscore"),
    ("plugin_name", "pg__vector", "put two in a row"),
    ("plugin_name", "rag4code_qdrant", 'Use "qdrant"'),
    ("plugin_name", "rag4codeqdrant", 'Use "qdrant"'),
    ("plugin_name", "class", "Python keyword"),
    ("plugin_name", "import", "Python keyword"),
    ("plugin_name", "match", "soft keyword"),
    ("plugin_name", "a" * 41, "at most 40 characters"),
    # Python's `$` matches before a final newline: validators match the whole answer.
    ("plugin_name", "demo\n", 'Got "demo\\n"'),
    ("class_name", "QdrantAdapter\n", "CapWords identifier"),
    ("class_name", "qdrantAdapter", "CapWords identifier"),
    ("class_name", "1Adapter", "CapWords identifier"),
    ("class_name", "Qdrant_Adapter", "CapWords identifier"),
    ("class_name", "Qdrant-Adapter", "CapWords identifier"),
    ("class_name", "None", "Python keyword"),
    ("class_name", "", "CapWords identifier"),
    ("class_name", "A" + "b" * 50, "at most 50 characters"),
    ("kinds", [], "kinds must name at least one kind"),
    ("kinds", ["vector_db", "graph_db"], "'graph_db' is not in"),
    ("description", "two\nlines", "single line"),
    ("description", "tab\tand\x07bell", "single line"),
    ("description", "x" * 201, "at most 200 characters"),
    ("author_name", "", "must not be empty"),
    ("author_name", "   ", "must not be empty"),
    ("author_name", "Jane\nDoe", "single line"),
    ("author_email", "jane", "an address like jane@example.org"),
    ("author_email", "jane@localhost", "an address like jane@example.org"),
    ("author_email", 'jane"@example.org', "an address like jane@example.org"),
    ("author_email", "Jane <jane@example.org>", "an address like jane@example.org"),
    ("author_email", "jane@example.org\n", "an address like jane@example.org"),
    ("license", "GPL-3.0", "'GPL-3.0' is not in"),
    ("license", "MIT\n", "'MIT\\n' is not in"),
    ("backend", "cloud\n", "'cloud\\n' is not in"),
    ("build_backend", "hatchling\n", "'hatchling\\n' is not in"),
    ("python_min", "3.11\n", "'3.11\\n' is not in"),
    ("python_min", "3.10", "'3.10' is not in"),
    ("python_min", "3.16", "'3.16' is not in"),
    ("repository_url", "github.com/jane/rag4code-qdrant", "must be https://host/owner/name"),
    ("repository_url", "http://github.com/jane/rag4code-qdrant", "must be https://host/owner/name"),
    ("repository_url", "https://jane:secret@github.com/jane/x", "must be https://host/owner/name"),
    ("repository_url", "https://github.com/jane/x?tab=readme", "must be https://host/owner/name"),
    ("repository_url", "https://github.com/jane/x/", "must be https://host/owner/name"),
    ("repository_url", "https://github.com/jane", "must be https://host/owner/name"),
    ("repository_url", "https://github.com/jane/my repo", "must be https://host/owner/name"),
    ("repository_url", 'https://github.com/jane/x"y', "must be https://host/owner/name"),
    ("repository_url", "https://github.com/jane/x.git", 'drop ".git"'),
    ("repository_url", "https://github.com/jane/x\n", "must be https://host/owner/name"),
]


# Questions asked only for a server backend: (question, rejected value, fragment).
REJECTED_SERVER: list[tuple[str, Any, str]] = [
    ("service_image", "qdrant/qdrant", "an image reference with a tag"),
    ("service_image", "qdrant/qdrant:latest", 'not "latest"'),
    ("service_image", "qdrant/qdrant latest:v1", "an image reference with a tag"),
    ("service_image", "Qdrant/qdrant:v1.15.5", "an image reference with a tag"),
    ("service_image", "", "an image reference with a tag"),
    ("service_port", "0", "a number from 1 to 65535"),
    ("service_port", "70000", "a number from 1 to 65535"),
    ("service_port", "text", "a number from 1 to 65535"),
    ("service_port", "-1", "a number from 1 to 65535"),
    ("service_port", "6333\n", 'Got "6333\\n"'),
    ("service_image", "qdrant/qdrant:v1.15.5\n", "an image reference with a tag"),
    # The server's local URL (service_port 6333, the default): any scheme, never a password.
    ("service_url", "postgresql://postgres:secret@localhost:6333/postgres", "must not hold a password"),
    ("service_url", "redis://:secret@localhost:6333/0", "must not hold a password"),
    ("service_url", "postgresql://u:p@ss/w#rd@localhost:6333/db", "must not hold a password"),
    ("service_url", "postgresql://db.example.com:6333/postgres", "must name localhost or 127.0.0.1"),
    ("service_url", "https://api.example.com:6333/v1", "must name localhost or 127.0.0.1"),
    ("service_url", "postgresql://localhost/postgres", "e.g. postgresql://localhost:6333/postgres"),
    ("service_url", "redis://127.0.0.1:6379/0", "must use port 6333, your answer to service_port"),
    ("service_url", "http://localhost:06333", "must use port 6333"),
    ("service_url", "PostgreSQL://localhost:6333", "must be scheme://[user@]localhost:6333[/path]"),
    ("service_url", "localhost:6333", "must be scheme://[user@]localhost:6333[/path]"),
    ("service_url", "1http://localhost:6333", "must be scheme://[user@]localhost:6333[/path]"),
    ("service_url", "postgresql://localhost:6333/db?sslmode=disable", "no password, query or fragment"),
    ("service_url", "grpc://localhost:6333#x", "no password, query or fragment"),
    ("service_url", "postgresql://us er@localhost:6333/db", "an optional user name"),
    ("service_url", "postgresql://u$er@localhost:6333/db", "an optional user name"),
    ("service_url", "postgresql://localhost:6333/${{ github.token }}", "no @, spaces, quotes, backslashes, $"),
    ("service_url", "postgresql://localhost:6333/$HOME", "no @, spaces, quotes, backslashes, $"),
    ("service_url", "http://localhost:6333\n", "must be scheme://"),
    ("service_url", "http://localhost:6333/\u2028", "must be scheme://"),
    ("service_url", "http://[::1]:6333", "must be scheme://"),
    ("service_url", "http://localhost:6333/a@b", "must not hold a password"),  # as redact_url() reads it
    # The container's environment: a mapping of variable names to one-line text, no secret.
    ("service_env", "[POSTGRES_HOST_AUTH_METHOD]", "must be a mapping of variable names to values"),
    ("service_env", "POSTGRES_HOST_AUTH_METHOD=trust", "must be a mapping"),
    ("service_env", {"postgres_user": "x"}, "names must be A-Z, 0-9 and _"),
    ("service_env", {"1X": "x"}, "not starting with a digit"),
    ("service_env", {"A-B": "x"}, "names must be A-Z, 0-9 and _"),
    ("service_env", {"X\n": "x"}, "names must be A-Z, 0-9 and _"),
    ("service_env", {1: "x"}, "names must be A-Z, 0-9 and _"),
    ("service_env", {"X": True}, "text or whole numbers"),
    ("service_env", {"X": None}, "quote the value"),
    ("service_env", {"X": 1.5}, "text or whole numbers"),
    ("service_env", {"X": {"nested": "x"}}, "text or whole numbers"),
    ("service_env", {"X": "two\nlines"}, "single lines, without control characters"),
    ("service_env", {"X": "ends with a newline\n"}, "single lines"),
    ("service_env", {"X": "tab\there"}, "single lines"),
    ("service_env", {"X": "next\x85line"}, "single lines"),
    ("service_env", {"X": "line\u2028separator"}, '"line\\u2028separator"'),
    ("service_env", {"X": "${{ secrets.GITHUB_TOKEN }}"}, "GitHub evaluates it in ci.yml"),
    ("service_env", {"POSTGRES_PASSWORD": "postgres"}, "must not set a password, key or token"),
    ("service_env", {"MONGO_INITDB_ROOT_PASSWORD": "x"}, "POSTGRES_HOST_AUTH_METHOD: trust"),
    ("service_env", {"QDRANT__SERVICE__API_KEY": "x"}, "must not set a password, key or token"),
    ("service_env", {"MEILI_MASTER_KEY": "x"}, "must not set a password, key or token"),
    ("service_env", {"HF_TOKEN": "x"}, "must not set a password, key or token"),
    ("service_env", {"AWS_SECRET_ACCESS_KEY": "x"}, "must not set a password, key or token"),
    ("service_env", {"GOOGLE_APPLICATION_CREDENTIALS": "x"}, "must not set a password, key or token"),
]
# Asked only for a cloud backend.
REJECTED_CLOUD: list[tuple[str, Any, str]] = [
    ("service_url", "api.example.com/v1", "an https:// URL without credentials, query or fragment"),
    ("service_url", "http://api.example.com/v1", "http:// is only for localhost and 127.0.0.1"),
    ("service_url", "https://user:secret@api.example.com", "an https:// URL without credentials"),
    ("service_url", "https://api.example.com/v1?key=abc", "without credentials, query or fragment"),
    ("service_url", "https://api.example.com/v1#x", "without credentials, query or fragment"),
    ("service_url", "ftp://api.example.com", "an https:// URL"),
    ("service_url", "https://api example.com", "an https:// URL"),
    ("service_url", "https://api.example.com/v1\n", "no spaces, quotes, backslashes, $ or line breaks"),
    ("service_url", "https://api.example.com/v1\r", "an https:// URL"),
    ("service_url", "https://api.example.com/v1\\", "an https:// URL"),
    # Code that ran when rag4code imported the plugin (EntryPoint.load()):
    (
        "service_url",
        'https://api.example.com/v1"+str(__import__("pathlib").Path("pwned").touch())+"',
        "an https:// URL",
    ),
    ("service_url", "https://api.example.com/${{ github.token }}", "an https:// URL"),
    ("service_url", "https://api.example.com/v1/$HOME", "an https:// URL"),
    ("service_url", "https://ä.example.com/v1", "an https:// URL"),
    ("service_url", "http://localhost\n", "an https:// URL"),
]
CHOICES_MESSAGE = "is not in"  # copier's own message for a value outside a question's choices


@pytest.mark.parametrize(
    ("backend", "question", "value", "fragment"),
    fast_loop_sample(
        [
            *(("embedded", *row) for row in REJECTED),
            *(("server", *row) for row in REJECTED_SERVER),
            *(("cloud", *row) for row in REJECTED_CLOUD),
        ],
        key=2,
    ),
)
def test_questions_reject_bad_answer_and_write_nothing(
    template: Path, tmp_path: Path, backend: str, question: str, value: Any, fragment: str
) -> None:
    dst = tmp_path / "rag4code-demo"
    with pytest.raises(ValueError, match=rf"(question|for) '{question}'") as excinfo:
        render(template, dst, **{"backend": backend, question: value})
    assert fragment in str(excinfo.value)
    assert not dst.exists(), "a rejected answer must leave no destination behind"
    if CHOICES_MESSAGE not in fragment:  # our validators' messages, not copier's own
        assert_first_sentence_states_the_rule(str(excinfo.value), question)


def assert_first_sentence_states_the_rule(error: str, question: str) -> None:
    """The interactive prompt shows one line of the message: its first sentence
    fits 80 columns and names the question."""
    assert f"for question '{question}'" in error, error
    message = error.split("': ", 1)[1]
    first = message.split(". ", 1)[0]
    assert len(first) <= 80, first
    assert question in first, f"the first sentence must name the question: {first}"


def test_questions_rejected_answer_keeps_existing_folder_byte_for_byte(template: Path, tmp_path: Path) -> None:
    dst = tmp_path / "rag4code-demo"
    (dst / "src").mkdir(parents=True)
    before = {
        "README.md": b"my notes\n",
        "src/work.py": b"print('mine')\r\n",
        "data.bin": bytes(range(256)),
    }
    for name, content in before.items():
        (dst / name).write_bytes(content)
    with pytest.raises(ValueError, match="Validation error for question 'plugin_name'"):
        render(template, dst, plugin_name="Bad")
    after = {p.relative_to(dst).as_posix(): p.read_bytes() for p in dst.rglob("*") if p.is_file()}
    assert after == before


# Copier leaves a scandir iterator open when it aborts on a conflict.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_questions_copy_into_existing_folder_never_overwrites_user_files(template: Path, tmp_path: Path) -> None:
    """Copier never overwrites a differing file without --overwrite: in a
    non-interactive run it stops at the first conflict (README.md here)."""
    dst = tmp_path / "rag4code-demo"
    dst.mkdir()
    mine = {"README.md": b"my readme\n", "notes.txt": b"keep me\n"}
    for name, content in mine.items():
        (dst / name).write_bytes(content)
    with pytest.raises(Exception, match="Interactive session required"):
        render(template, dst)
    for name, content in mine.items():
        assert (dst / name).read_bytes() == content


def test_questions_copy_with_overwrite_keeps_unrelated_user_files(template: Path, tmp_path: Path) -> None:
    """--overwrite replaces template paths only; other user files stay."""
    from copier import run_copy

    dst = tmp_path / "rag4code-demo"
    dst.mkdir()
    (dst / "notes.txt").write_bytes(b"keep me\n")
    run_copy(
        str(template),
        dst,
        defaults=True,
        overwrite=True,
        unsafe=False,
        vcs_ref="v0.0.1",
        quiet=True,
    )
    assert (dst / "notes.txt").read_bytes() == b"keep me\n"
    assert (dst / "src/rag4code_demo/adapter.py").is_file()


@given(name=st.from_regex(r"[a-z][a-z0-9]{0,9}(_[a-z0-9]{1,9}){0,3}", fullmatch=True))
def test_questions_accepted_plugin_names_give_pypa_valid_names(
    template: Path, tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    """Whatever plugin_name the validator accepts renders a normalized
    distribution name and entry points valid under the PyPA specification."""
    dst = tmp_path_factory.mktemp("name") / "out"
    if name in KEYWORDS or name.startswith("rag4code"):
        with pytest.raises(ValueError, match="Validation error for question 'plugin_name'"):
            render(template, dst, only=("pyproject.toml",), plugin_name=name)
        return
    render(template, dst, only=("pyproject.toml",), plugin_name=name)
    project = tomlkit.parse((dst / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert canonicalize_name(project["name"]) == project["name"] == "rag4code-" + name.replace("_", "-")
    for group, entries in project["entry-points"].items():
        assert re.fullmatch(r"\w+(\.\w+)*", group)
        for entry_name, value in entries.items():
            assert re.fullmatch(r"[\w.-]+", entry_name)
            module, _, attr = value.partition(":")
            assert all(part.isidentifier() for part in [*module.split("."), attr])


@pytest.mark.parametrize("name", ["qdrant", "pg_vector", "sentence_transformers", "x", "a1_b2", "q" * 40])
def test_questions_good_plugin_names_render_valid_names(template: Path, tmp_path: Path, name: str) -> None:
    dst = render(template, tmp_path / "out", only=("pyproject.toml",), plugin_name=name)
    project = tomlkit.parse((dst / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert is_normalized_name(project["name"])
    [(group, entries)] = project["entry-points"].items()
    assert re.fullmatch(r"\w+(\.\w+)*", group)
    [(entry_name, value)] = entries.items()
    assert entry_name == name
    module, _, attr = value.partition(":")
    assert all(part.isidentifier() for part in [*module.split("."), attr])


def test_questions_template_needs_no_trust() -> None:
    config = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(config)


def test_questions_every_question_has_help_and_a_default() -> None:
    config = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))
    asked = {name: spec for name, spec in config.items() if not name.startswith("_") and spec.get("when") is not False}
    assert set(asked) >= {
        "plugin_name",
        "kinds",
        "class_name",
        "description",
        "author_name",
        "author_email",
        "license",
        "python_min",
    }
    for name, spec in asked.items():
        assert spec.get("help"), f"{name} has no help"
        assert "default" in spec, f"{name} has no default"


COPIER_YML = yaml.safe_load((REPO / "copier.yml").read_text(encoding="utf-8"))
COMPUTED = sorted(name for name, spec in COPIER_YML.items() if isinstance(spec, dict) and spec.get("when") is False)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("rag4code-qdrant", "qdrant"),
        ("rag4code-pg-vector", "pg_vector"),
        ("my plugin2", "my_plugin2"),
        ("rag4code-Qdrant.v2", "qdrant_v2"),
        ("2048-db", "db"),
        ("rag4code", "plugin"),
        ("123", "plugin"),
        ("class", "class_plugin"),
        ("Über Vector DB", "ber_vector_db"),
        ("x" * 45 + "-y", "x" * 40),
    ],
)
def test_questions_plugin_name_default_is_valid_for_any_folder(
    template: Path, tmp_path: Path, folder: str, expected: str
) -> None:
    """The default comes from the destination folder, made into a valid name,
    so neither --defaults nor the interactive prompt fails before it starts."""
    dst = render(template, tmp_path / folder, only=(".copier-answers.yml",))
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert answers["plugin_name"] == expected


@pytest.mark.parametrize("name", COMPUTED)
def test_questions_computed_values_cannot_be_set_from_outside(template: Path, tmp_path: Path, name: str) -> None:
    """-d package_name=os (or any computed value) is refused, nothing written:
    computed values bypass validators, so taking them would let any text into
    the generated files."""
    dst = tmp_path / "rag4code-demo"
    with pytest.raises(ValueError, match=rf"{name} cannot be set: computed from your answers"):
        render(template, dst, **{name: 'x"\n[tool.evil]\nos = 1'})
    assert not dst.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_questions_longest_class_name_keeps_generated_code_formatted(template: Path, tmp_path: Path, kind: str) -> None:
    """class_name at its limit (50) with the longest plugin_name (40): the
    generated project still passes `ruff format --check`, as its CI runs it."""
    dst = render(template, tmp_path / "out", plugin_name="p" * 40, kinds=[kind], class_name="A" + "b" * 49)
    run(Path(sys.executable).parent / "ruff", "format", "--check", "--no-cache", ".", cwd=dst)


@pytest.mark.slow
def test_questions_interactive_prompt_starts_in_an_awkward_folder(template_repo: Path, tmp_path: Path) -> None:
    """In a real terminal, copying into "my plugin2" shows the first question
    with a valid default instead of a traceback."""
    child = pexpect.spawn(
        str(Path(sys.executable).parent / "copier"),
        ["copy", "--vcs-ref", "v0.0.1", str(template_repo), str(tmp_path / "my plugin2")],
        env={**clean_env(), "TERM": "xterm", "COLUMNS": "100", "LINES": "40"},
        encoding="utf-8",
        timeout=60,
    )
    try:
        child.expect("Short name of the backend")
        child.expect("my_plugin2")
    finally:
        child.sendcontrol("c")
        child.close(force=True)
    assert "Traceback" not in (child.before or "")


ACCEPTED = yaml.safe_load((Path(__file__).with_name("accepted_answers.yml")).read_text(encoding="utf-8"))


# The fast loop renders every fourth (each 0.4 s); the whole suite, all.
@pytest.mark.parametrize(
    "data",
    [pytest.param(data, marks=() if i % 4 == 0 else pytest.mark.slow) for i, data in enumerate(ACCEPTED)],
    ids=[str(i) for i in range(len(ACCEPTED))],
)
def test_questions_every_answer_an_earlier_release_accepted_is_still_accepted(
    template: Path, tmp_path: Path, data: dict[str, Any]
) -> None:
    """A release never rejects what an earlier one accepted: copier would drop
    the stored answer on update and fall back to a default."""
    dst = render(template, tmp_path / "rag4code-plugin", only=(".copier-answers.yml",), **data)
    stored = yaml.safe_load((dst / ".copier-answers.yml").read_text(encoding="utf-8"))
    for key, value in data.items():  # copier keeps multiselect answers in choice order
        assert (sorted(stored[key]) if isinstance(value, list) else stored[key]) == (
            sorted(value) if isinstance(value, list) else value
        ), key
