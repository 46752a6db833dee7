"""Render time: `copier copy --defaults` of this template against an empty
one-file copier template.

The empty template is copier's own floor (clone the tagged repo, read
copier.yml, write one file), so the ratio is what this template's questions,
validators, Jinja and file count add on top of copier itself. Both render
in-process through copier's API (tests/helpers.render), from tagged git
snapshots, exactly as the template's tests do; interpreter start-up and
copier's import are left out because they are the same for every template.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import commit_all, render, run

from .common import Context, Row, paired, timed


def empty_template(root: Path) -> Path:
    """A copier template with no questions and one plain file, tagged v0.0.1."""
    (root / "copier.yml").write_text("", encoding="utf-8")
    (root / "README.md").write_text("An empty template.\n", encoding="utf-8")
    commit_all(root, "empty template", init=True)
    run("git", "tag", "v0.0.1", cwd=root)
    return root


def measure(ctx: Context) -> list[Row]:
    floor_template = empty_template(ctx.fresh("empty-template"))

    def copy(template: Path) -> float:
        return timed(lambda: render(template, ctx.fresh("render") / "rag4code-demo"))

    copy(ctx.template)  # warm-up: copier's lazily imported modules, the OS file cache
    copy(floor_template)
    cases, floors = paired(ctx.repeat, lambda: copy(ctx.template), lambda: copy(floor_template))
    return [Row("render", "render: this template --defaults vs empty template", cases, floors)]
