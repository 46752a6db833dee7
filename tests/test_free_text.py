"""Answers can hold anything a person or a script may type: quotes,
backslashes, Jinja, TOML, YAML and Markdown syntax, line breaks, control
characters. Each is either rejected with a message naming the question, nothing
written, or lands in files that all parse and give the answer back exactly.
Free text (description, author_name) keeps anything printable; what cannot be
represented (control characters, several lines) is rejected."""

from __future__ import annotations

import ast
import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomlkit
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, nodes
from markdown_it import MarkdownIt

from tests.helpers import KINDS, REPO, render

# What the validators refuse: control characters but tab, and what YAML reads
# as a line break (NEL, U+2028, U+2029), which would not survive the answers file.
CONTROL = {chr(i) for i in [*range(32), *range(127, 160), 0x2028, 0x2029]} - {"\t"}
HOSTILE = {
    "double quotes": 'say "hi"',
    "single quotes": "it's",
    "backslashes": "C:\\path\\to\\new \\n not a newline \\",
    "jinja expression": "{{ 7 * 7 }}",
    "jinja statement": "{% if true %}x{% endif %}",
    "jinja comment": "{# hidden #}",
    "raw block": "{% raw %}",
    "triple double quotes": 'a """docstring""" breaker',
    "triple single quotes": "a '''docstring''' breaker",
    "hash": "# not a comment",
    "toml table header": '[tool.evil] x = 1"',
    "toml inline": '", dependencies = ["evil"], x = "',
    "yaml specials": "- key: &anchor *alias !!python/object {a: [b]} | > % @ `",
    "yaml document markers": "--- ...",
    "non-ascii": "naïve façade — Zürich, 東京, Ελληνικά",
    "emoji": "🔍 code search 🚀",
    "markdown": "**bold** <script>alert(1)</script> [x](y)",
    "leading spaces": "   padded   ",
    "only punctuation": "!@#$%^&*()",
    "dollar braces": "${{ secrets.TOKEN }}",
    "tab": "a\tb",
    "code injection": '"+str(__import__("os").getcwd())+" $(touch pwned); `id` | \'q\' && \\"r\\"',
    "markdown syntax": "1. - > # *** `code` <b>&amp; ~~gone~~ | a | $x$ _under_ pg_vector",
    "invisible characters": "zero\u200bwidth \u202eright-to-left\ufeff\u00a0nbsp",
    "very long": 'ab"\\' * 50,
}
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])  # GitHub's extensions


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def assert_every_file_parses(dst: Path) -> None:
    """Python, TOML, YAML and JSON files all parse (warnings are errors here:
    an invalid escape sequence in generated Python fails too)."""
    for path in dst.rglob("*"):
        if path.suffix == ".py":
            ast.parse(read(path), str(path))
        elif path.suffix == ".toml":
            tomllib.loads(read(path))
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(read(path))
        elif path.suffix == ".json":
            json.loads(read(path))


def assigned_constants(path: Path) -> dict[str, Any]:
    """Module- and class-level `NAME = <str or int literal>`: a value built by
    an expression (a call, a concatenation) is not a literal and fails here."""
    found: dict[str, Any] = {}
    for node in ast.walk(ast.parse(read(path))):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name.isupper() or name == "plugin_name":
                found[name] = node.value.value if isinstance(node.value, ast.Constant) else node.value
    return found


def readme_description(readme: str) -> str | None:
    """The README's first paragraph (under its title) as CommonMark reads it:
    plain text only (no emphasis, link, code or HTML), or None when there is none."""
    tokens = MARKDOWN.parse(readme)
    assert [t.type for t in tokens[:3]] == ["heading_open", "inline", "heading_close"]
    if tokens[3].type != "paragraph_open" or tokens[4].content.startswith("A [rag4code]"):
        return None
    children = tokens[4].children or []
    assert {child.type for child in children} <= {"text"}, [child.type for child in children]
    return "".join(child.content for child in children)


def assert_answers_land(dst: Path) -> dict[str, Any]:
    """Every recorded answer is exactly what each generated file says, in the
    file's own language: TOML, YAML, Python literals, Markdown, shell words.
    Returns the recorded answers."""
    assert_every_file_parses(dst)
    answers: dict[str, Any] = yaml.safe_load(read(dst / ".copier-answers.yml"))
    project = tomllib.loads(read(dst / "pyproject.toml"))["project"]
    email = {"email": answers["author_email"]} if answers["author_email"] else {}
    assert project["authors"] == [{"name": answers["author_name"], **email}]
    assert (project["description"], project["license"]) == (answers["description"], answers["license"])
    assert project["requires-python"] == ">=" + answers["python_min"]
    if answers["repository_url"]:
        assert project["urls"]["Source"] == answers["repository_url"]
    else:
        assert "urls" not in project
    kinds, name = answers["kinds"], answers["plugin_name"]
    assert {group: list(entries) for group, entries in project["entry-points"].items()} == {
        f"rag4code.{kind}": [name] for kind in kinds
    }
    if len(kinds) == 1:
        [value] = project["entry-points"][f"rag4code.{kinds[0]}"].values()
        assert value == f"rag4code_{name}.adapter:{answers['class_name']}"
    readme = read(dst / "README.md")
    assert readme_description(readme) == (answers["description"].strip() or None)
    if answers["license"] != "Apache-2.0":
        assert f"\nCopyright (c) {answers['author_name']}\n" in read(dst / "LICENSE")
    assert assigned_constants(dst / "tests/contract/test_discovery.py")["NAME"] == name
    assert assigned_constants(dst / "tests/test_contract.py")["plugin_name"] == name
    assert (dst / ".pre-commit-config.yaml").exists() is answers["with_pre_commit"]
    if answers["backend"] != "embedded":
        assert_service_url_lands(dst, answers, readme)
    return answers


def assert_service_url_lands(dst: Path, answers: dict[str, Any], readme: str) -> None:
    """The service's URL: a Python literal in the support package's service module, a YAML value
    in CI, one shell word in README.md's and compose.yaml's `export` lines, a
    code span in README.md."""
    server = answers["backend"] == "server"
    url = answers["service_url"]
    variable = f"RAG4CODE_{answers['plugin_name'].upper()}_URL"
    support = dst / "src" / f"rag4code_{answers['plugin_name']}" / "support" / "service.py"
    assert assigned_constants(support)["DEFAULT_URL"] == url
    code_spans = {
        child.content
        for token in MARKDOWN.parse(readme)
        if token.type == "inline"
        for child in token.children or []
        if child.type == "code_inline"
    }
    assert url in code_spans
    if not server:
        return
    exports = [line.lstrip("# ") for line in [*readme.splitlines(), *read(dst / "compose.yaml").splitlines()]]
    assert [shlex.split(line) for line in exports if line.startswith("export ")] == [
        ["export", f"{variable}={url}"]
    ] * 2
    service = yaml.safe_load(read(dst / "compose.yaml"))["services"]["backend"]
    port = answers["service_port"]
    assert (service["image"], service["ports"]) == (answers["service_image"], [f"{port}:{port}"])
    assert answers["service_image"] in code_spans
    env = {name: str(value) for name, value in (answers.get("service_env") or {}).items()}
    assert service.get("environment", {}) == {name: value.replace("$", "$$") for name, value in env.items()}
    for name, job in (("ci.yml", "test"), ("release.yml", "build")):
        spec = yaml.safe_load(read(dst / ".github/workflows" / name))["jobs"][job]
        assert spec["services"]["backend"]["image"] == answers["service_image"]
        assert spec["services"]["backend"].get("env", {}) == env
        assert spec["env"] == {variable: url}


def assert_render_keeps_text(dst: Path, description: str, author_name: str) -> None:
    """Every generated file is valid and carries the typed text exactly."""
    project = tomlkit.parse(read(dst / "pyproject.toml")).unwrap()["project"]
    assert project["description"] == description
    assert project["authors"] == [{"name": author_name}]
    answers = assert_answers_land(dst)
    assert (answers["description"], answers["author_name"]) == (description, author_name)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_free_text_hostile_examples_render_valid_files(template: Path, tmp_path: Path, text: str) -> None:
    dst = render(template, tmp_path / "out", description=text, author_name=text)
    assert_render_keeps_text(dst, text, text)


@pytest.mark.parametrize("question", ["description", "author_name"])
@pytest.mark.parametrize(
    "text",
    [
        "first line\nsecond line",
        "windows\r\nline",
        "[tool.evil]\nx = 1",
        "nul\x00byte",
        "escape\x1b[31m",
        "next\x85line",
        "line\u2028separator",
        "ends with a newline\n",
        "ends with a return\r",
    ],
)
def test_free_text_multiline_or_control_characters_are_rejected(
    template: Path, tmp_path: Path, question: str, text: str
) -> None:
    dst = tmp_path / "out"
    with pytest.raises(ValueError, match=f"Validation error for question '{question}'.*single line"):
        render(template, dst, **{question: text})
    assert not dst.exists()


printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)  # any text but lone surrogates


@given(description=printable, author_name=printable)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: the profile's
def test_free_text_any_text_renders_valid_files_or_is_rejected(
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    description: str,
    author_name: str,
) -> None:
    dst = tmp_path_factory.mktemp("free") / "out"
    try:
        render(template, dst, description=description, author_name=author_name)
    except ValueError as error:
        assert not dst.exists()
        assert_rejection_is_justified(str(error), description, author_name)
        return
    assert_render_keeps_text(dst, description, author_name)


def assert_rejection_is_justified(message: str, description: str, author_name: str) -> None:
    """Only control characters (and a blank author) may be refused."""
    if "question 'description'" in message:
        assert any(c in CONTROL for c in description), message
    else:
        assert "question 'author_name'" in message, message
        assert not author_name.strip() or any(c in CONTROL for c in author_name), message


# Valid answers with the characters their rules allow that mean something in
# some generated file: a quote, parentheses and ; in a URL path, __ and @ in an
# image, + and % in an address.
UNUSUAL = {
    "url punctuation, all kinds": {
        "kinds": KINDS,
        "backend": "cloud",
        "service_url": "https://api.example.com/v1/it's(a)*+,;=:@!&~%20/",
    },
    "ipv6 url, address, gitlab": {
        "backend": "cloud",
        "service_url": "https://[2001:db8::1]:8443/v1",
        "author_email": "first.last+tag%x@sub.example.co.uk",
        "repository_url": "https://gitlab.example.org/a_b/c.d~e",
    },
    "image digest": {
        "backend": "server",
        "service_image": "registry.example.org:5000/a__b/c-d:V1_2.3-rc@sha256:" + "0" * 64,
        "service_port": "65535",
        "service_url": "http://localhost:65535",
    },
    "postgres url, env with quotes and $": {
        "backend": "server",
        "service_image": "pgvector/pgvector:pg17",
        "service_port": "5432",
        "service_url": "postgresql+psycopg://postgres.x_y-z@127.0.0.1:5432/it's(a)*+,;=:!&~%20/",
        "service_env": {"POSTGRES_HOST_AUTH_METHOD": "trust", "_A1": 5432, "B": 'it\'s "$HOME" $$ {{ x }} \\n é'},
    },
}


@pytest.mark.parametrize("answers", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_free_text_unusual_valid_answers_land_exactly(template: Path, tmp_path: Path, answers: dict[str, Any]) -> None:
    recorded = assert_answers_land(render(template, tmp_path / "out", plugin_name="demo", **answers))
    assert {question: recorded[question] for question in answers} == answers


# Every question, with what it needs to be asked: a valid answer that hostile
# text is added to, inserted into or replaces.
VALID: dict[str, Any] = {
    "plugin_name": "demo",
    "kinds": "embedder",  # one list item
    "class_name": "DemoAdapter",
    "backend": "server",
    "service_image": "qdrant/qdrant:v1.15.5",
    "service_port": "6333",
    "service_url": "https://api.example.com/v1",
    "service_env": {"POSTGRES_HOST_AUTH_METHOD": "trust"},
    "description": "Vector store for demo",
    "author_name": "Jane Doe",
    "author_email": "jane@example.org",
    "repository_url": "https://github.com/jane/rag4code-demo",
    "license": "Apache-2.0",
    "python_min": "3.12",
    "build_backend": "uv_build",
    "with_pre_commit": "false",
}
NEEDS = {
    "service_image": {"backend": "server"},
    "service_port": {"backend": "server"},
    "service_url": {"backend": "cloud"},
    "service_env": {"backend": "server"},
}
# (question, answers it needs, a valid answer): every question, and the
# server's service_url (a local URL of any scheme, port 6333 by default).
QUESTIONS = [
    *((question, NEEDS.get(question, {}), valid) for question, valid in sorted(VALID.items())),
    ("service_url", {"backend": "server"}, "postgresql://postgres@localhost:6333/postgres"),
]
CHOICES = {
    name: spec["choices"] if isinstance(spec["choices"], list) else list(spec["choices"].values())
    for name, spec in yaml.safe_load(read(REPO / "copier.yml")).items()
    if isinstance(spec, dict) and "choices" in spec
}
FRAGMENTS = [
    *"\"'\\`$#*_[<&|:@/ \t",
    *["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x00", "\x1b", "\x7f", "\ufeff", "\u202e"],
    "{{ 7 * 7 }}",
    "{% raw %}",
    "{#",
    "${{ secrets.TOKEN }}",
    '"+str(__import__("pathlib").Path("pwned").touch())+"',
    "\\n",
    "'; touch pwned; '",
    "- ",
    "1. ",
    "%0A",
    "é🔍",
]
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)),
    min_size=1,
    max_size=4,
).map("".join)


@st.composite
def hostile_answer(draw: st.DrawFn, question: str, valid: Any) -> Any:
    """Hostile text alone, appended to a valid answer ("6333\\n", a URL and
    a quote), put in front of it or into it, or repeated into a very long
    answer; for a mapping (service_env), such text as a name or a value."""
    if isinstance(valid, dict):
        name, value = next(iter(valid.items()))
        return draw(
            st.sampled_from(
                [
                    {name: draw(hostile_answer(question, value))},
                    {draw(hostile_answer(question, name)): value},
                    {**valid, "OTHER_1": draw(hostile)},
                ]
            )
        )
    text = draw(hostile)
    at = draw(st.integers(0, len(valid)))
    value = draw(
        st.sampled_from([text, valid + text, text + valid, valid[:at] + text + valid[at:], valid + text * 1000])
    )
    if question == "kinds":  # a list: valid kinds and the hostile item
        return [*draw(st.lists(st.sampled_from(CHOICES["kinds"]), unique=True)), value]
    return value


@given(data=st.data(), case=st.sampled_from(QUESTIONS))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: the profile's
def test_free_text_hostile_answer_to_any_question_is_rejected_or_lands_exactly(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, case: tuple[str, dict[str, str], Any]
) -> None:
    """One question per example, each given hostile text: either copier
    rejects it, naming the question and writing nothing (always, for a choice
    not on the list), or every generated file parses and gives the answer back
    where it lands (pyproject.toml, the answers file, Python literals, YAML
    values, README.md, shell words)."""
    question, needs, valid = case
    assert_hostile_answer_is_rejected_or_lands(template, tmp_path_factory, data, question, needs, valid)


@pytest.mark.parametrize("case", QUESTIONS[-1:] + [c for c in QUESTIONS if c[0] == "service_env"], ids=["url", "env"])
@given(data=st.data())
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # examples: the profile's
def test_free_text_hostile_server_url_or_environment_is_rejected_or_lands_exactly(
    template: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, case: tuple[str, dict[str, str], Any]
) -> None:
    """The same, with the profile's examples for each of the answers that land
    in compose.yaml and the CI service: the server's URL and its container's
    environment."""
    question, needs, valid = case
    assert_hostile_answer_is_rejected_or_lands(template, tmp_path_factory, data, question, needs, valid)


def assert_hostile_answer_is_rejected_or_lands(
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
    question: str,
    needs: dict[str, str],
    valid: Any,
) -> None:
    value = data.draw(hostile_answer(question, valid), label="value")
    dst = tmp_path_factory.mktemp("hostile") / "out"
    answers = {"plugin_name": "demo", **needs, question: value}
    items = value if isinstance(value, list) else [value]
    choice = question in CHOICES and all(item in CHOICES[question] for item in items)
    try:
        render(template, dst, **answers)
    except ValueError as error:
        assert not dst.exists()
        assert_rejection_names_the_question(str(error), question, value, choice)
        event("rejected")
        return
    event("rendered")
    assert question not in CHOICES or choice, f"{value!r} is not a choice of {question}, yet it was accepted"
    recorded = assert_answers_land(dst)[question]
    if question == "with_pre_commit":  # copier reads a bool answer as YAML would
        assert isinstance(recorded, bool)
    else:
        assert recorded == ([kind for kind in CHOICES["kinds"] if kind in value] if question == "kinds" else value)


def assert_rejection_names_the_question(message: str, question: str, value: Any, choice: bool) -> None:
    """Copier's own message for a choice not on the list, ours for the rest;
    free text is refused only for what it cannot hold."""
    assert not choice, message
    expected = "Invalid choice for" if question in CHOICES else "Validation error for question"
    assert f"{expected} '{question}'" in message, message
    if question == "description":
        assert any(c in CONTROL for c in value) or len(value) > 200, message
    elif question == "author_name":
        assert not value.strip() or any(c in CONTROL for c in value), message
    elif question == "service_env":  # names like POSTGRES_USER, no secret; one-line values, no ${{
        assert any(
            not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name)
            or re.search(r"PASSW|SECRET|CREDENTIAL|(^|_)(PASS|PWD|TOKENS?|(API)?KEYS?)(_|$)", name)
            or any(c in CONTROL or c == "\t" for c in value)
            or "${{" in value
            for name, value in value.items()
        ), message


def test_free_text_property_test_asks_every_question() -> None:
    """A new question needs a valid answer here, so that it gets hostile ones."""
    config = yaml.safe_load(read(REPO / "copier.yml"))
    asked = {name for name, spec in config.items() if not name.startswith("_") and spec.get("when") is not False}
    assert asked == set(VALID)


# Values written as they are, even between quotes: identifiers, numbers,
# choices and hashes, whose validators (or formulas) admit only letters,
# digits, _ . and -.
PLAIN = {
    "adapters",
    "api_key_variable",
    "backend",
    "build_backend_module",
    "build_requires",
    "digest",
    "distribution_name",
    "exported",  # a name of a support module's __all__, matched by \w+
    "kind",
    "kinds",
    "license",
    "model_examples",
    "module",  # a kind, or "service"
    "package_name",
    "plugin_name",
    "python_min",
    "service_health",  # from the image's name, port digits and a URL's user name ([A-Za-z0-9._-])
    "service_port",
    "service_url_variable",
    "version",
}
# Answers that are text: written only through an escaped form (a computed
# value named *_toml, *_python, ...), except where listed: LICENSE (plain text,
# not scanned here), image references as YAML plain scalars and, like URLs, in
# README.md's code spans (their validators exclude backticks).
TEXT = {
    "description",
    "author_name",
    "author_email",
    "repository_url",
    "service_url",
    "service_default_url",
    "service_env",
    "service_image",
}
RAW_TEXT_IN = {"service_image": {"yml", "yaml", "md"}, "service_url": {"md"}, "service_default_url": {"md"}}
ESCAPED_FOR = {
    "toml": {"toml"},
    "python": {"py"},
    "yaml": {"yml", "yaml"},
    "compose": {"yaml"},
    "md": {"md"},
    "shell": {"md", "yaml"},
}


def template_expressions() -> list[tuple[str, str, set[str], bool]]:
    """(file, language, names read, between quotes) for each {{ expression }}
    of every template file outside raw blocks. Between quotes: after an odd
    number of quotes on its line, or inside a Python triple-quoted string."""
    jinja, found = Environment(), []
    for path in sorted(p for folder in ("template", "kinds", "partials") for p in (REPO / folder).rglob("*.jinja")):
        text = re.sub(r"\{% raw %\}.*?\{% endraw %\}", "", read(path), flags=re.DOTALL)
        language = (re.findall(r"\.(py|toml|ya?ml|md|json)\b", path.name) or ["text"])[-1]
        for match in re.finditer(r"""\{\{-?((?:'[^']*'|"[^"]*"|[^'"])*?)-?\}\}""", text):
            line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
            quoted = line.count('"') % 2 == 1 or line.count("'") % 2 == 1
            quoted |= language == "py" and text[: match.start()].count('"""') % 2 == 1
            names = {name.name for name in jinja.parse("{{" + match.group(1) + "}}").find_all(nodes.Name)}
            found.append((str(path.relative_to(REPO)), language, names, quoted))
    return found


def test_free_text_answers_reach_files_only_through_escaped_values() -> None:
    """No answer is pasted into a quoted literal unless it is an identifier,
    a number or a choice; text reaches a file only in the form escaped for
    that file's language (description_toml in TOML, service_default_url_python
    in Python, ...). The escaped values themselves carry their quotes."""
    expressions = template_expressions()
    assert len(expressions) > 100  # the scan sees the templates
    for path, language, names, quoted in expressions:
        if quoted:
            assert names <= PLAIN, f"{path}: {names - PLAIN} written between quotes; use an escaped value"
        for name in names & TEXT:
            assert language in RAW_TEXT_IN.get(name, set()), f"{path}: {name} written raw into {language}"
        for name in names:
            suffix = name.rpartition("_")[2]
            if suffix in ESCAPED_FOR:
                assert language in ESCAPED_FOR[suffix], f"{path}: {name} is for {suffix}, not {language}"
