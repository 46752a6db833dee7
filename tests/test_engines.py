"""The contract suites are not too strict: adapters over real engines pass them.
(The adapters in tests/engines/chroma/, tests/engines/pgvector/ and
tests/engines/api/ need a server: tests/test_server.py,
tests/test_server_postgres.py and tests/test_cloud.py run them.)

Each engine adapter in tests/engines/ is a correct plugin written over a real
backend (Qdrant's local mode in memory, embedded LanceDB on disk, a
tree-sitter parser). It is swapped into a rendered, installed plugin as
`adapter.py`, the way tests/test_broken_adapters.py swaps in broken ones, and
the generated suite, unchanged, must pass with no failure, error or skip (an
engine on disk configures its test class as the generated file says). Together with the broken
adapters this brackets the contracts: strict enough to catch one-rule bugs,
loose enough for real engines (float32 storage, vectors normalised on write,
byte offsets from a parser).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ENGINES, assert_green, render, run_suite, swap_in

# One case per engine: engine file in tests/engines/, kind, pinned PyPI requirements,
# and whether the plugin keeps its data on disk (its test class then gives each
# instance a folder and sets persists, as the generated file's docstring shows).
# Pins keep the proof reproducible; every one installs prebuilt wheels and runs offline.
# LanceDB runs on disk only: the code it runs in memory too (only the URI differs),
# and the persistence tests; the others run the generated test file unchanged.
# (That each engine imports its backend only on first use is a contract test of its own.)
CASES = [
    pytest.param("vector_db_qdrant.py", "vector_db", ("qdrant-client==1.20.0",), False, id="vector_db-qdrant"),
    pytest.param("vector_db_lancedb.py", "vector_db", ("lancedb==0.40.0",), True, id="vector_db-lancedb-on_disk"),
    pytest.param(
        "chunker_langchain.py", "chunker", ("langchain-text-splitters==1.1.3",), False, id="chunker-langchain_splitter"
    ),
    pytest.param(
        "chunker_tree_sitter.py",
        "chunker",
        ("tree-sitter==0.26.1", "tree-sitter-python==0.25.0"),
        False,
        id="chunker-tree_sitter",
    ),
]
# The on-disk pattern in the docstring of the generated `instance_options`:
# the indented example after "set `persists = True` too:".
ON_DISK_EXAMPLE = re.compile(r"`persists = True` too:\n\n((?: {12}.*\n)+)")


def keep_data_on_disk(test_contract: Path) -> None:
    """Configure the generated test class as its docstring tells the author of
    an engine on disk: its example `instance_options` (a folder per instance
    under tmp_path) replaces the in-memory one, and `persists = True`."""
    text = test_contract.read_text(encoding="utf-8")
    match = ON_DISK_EXAMPLE.search(text)
    assert match, "the generated instance_options no longer shows the on-disk pattern"
    example = textwrap.indent(textwrap.dedent(match.group(1)), "    ")
    fixture = re.compile(r"    @pytest\.fixture\n    def instance_options\(.*?\n        return dict[^\n]*\n", re.DOTALL)
    text, replaced = fixture.subn(lambda _: example, text)
    assert replaced == 1, text
    text, replaced = re.subn(r"(?m)^    persists = False.*$", "    persists = True  # in a folder per instance", text)
    assert replaced == 1, text
    text = text.replace("from collections.abc import", "import itertools\nfrom collections.abc import", 1)
    text = text.replace("from typing import", "from pathlib import Path\nfrom typing import", 1)
    test_contract.write_text(text, encoding="utf-8")


def test_every_engine_has_a_case() -> None:
    """An engine adapter added to tests/engines/ without a case would prove nothing."""
    assert {path.name for path in ENGINES.glob("*.py")} == {case.values[0] for case in CASES}


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "kind", "requirements", "on_disk"), CASES)
def test_engine_passes_the_contract_suite(
    engine: str, kind: str, requirements: tuple[str, ...], on_disk: bool, template: Path, tmp_path: Path
) -> None:
    """The generated contract suite passes, unchanged, against a real engine."""
    project = render(template, tmp_path / "rag4code-demo", plugin_name="demo", kinds=[kind])
    if on_disk:
        keep_data_on_disk(project / "tests/test_contract.py")
    python = swap_in(project, {"adapter.py": ENGINES / engine}, tmp_path / ".venv", extra=requirements)
    assert_green(run_suite(python, project, tmp_path / "junit.xml"))
