"""Free-text answers (description, author_name) can hold anything printable:
quotes, backslashes, Jinja and TOML syntax, YAML specials, emoji. Every
generated file stays valid and gives the text back exactly; what cannot be
represented (control characters, several lines) is rejected with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit
import yaml
from helpers import render
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
}


def assert_render_keeps_text(dst: Path, description: str, author_name: str) -> None:
    """Every generated file is valid and carries the typed text exactly."""
    project = tomlkit.parse((dst / "pyproject.toml").read_text(encoding="utf-8")).unwrap()["project"]
    assert project["description"] == description
    assert project["authors"] == [{"name": author_name}]
    for path in dst.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    for path in [*dst.rglob("*.yml"), *dst.rglob("*.yaml")]:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = yaml.safe_load((dst / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert (answers["description"], answers["author_name"]) == (
        description,
        author_name,
    )
    assert description in (dst / "README.md").read_text(encoding="utf-8")
    assert author_name in (dst / "LICENSE").read_text(encoding="utf-8")


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
