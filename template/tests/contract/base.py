"""Machinery shared by every rag4code contract suite (vector_db, embedder, chunker).

Template-owned: refreshed by `copier update`; do not edit.

Each kind's suite subclasses `ContractSuite`; the author subclasses that suite
once in tests/test_contract.py and sets `plugin_name`. The suite supplies all
data; the only hook is `adapter_factory`.
"""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar

import pytest

CONTRACT_VERSION = 1
"""The rag4code plugin API version these suites check. Adapters declare the
same number as `api_version`; a template release that changes the API bumps it."""

_HERE = Path(__file__).parent


def load_adapter_class(group: str, name: str) -> type[Any]:
    """Load the class that entry point `name` of `group` points at, as rag4code does."""
    found = [ep for ep in entry_points(group=group) if ep.name == name]
    if not found:
        raise LookupError(
            f"no entry point {name!r} in group {group!r} is installed. Declare it in"
            f' pyproject.toml under [project.entry-points."{group}"] and reinstall'
            " the project (`uv sync --reinstall-package <distribution>`): editable"
            " installs do not pick up new or renamed entry points."
        )
    if len(found) > 1:
        values = ", ".join(sorted(ep.value for ep in found))
        raise LookupError(
            f"{len(found)} installed distributions provide {name!r} in {group!r} ({values}): uninstall the stale one."
        )
    loaded = found[0].load()
    if not isinstance(loaded, type):
        raise TypeError(
            f"entry point {name!r} in {group!r} loads {loaded!r}, not a class: its value must be 'module:ClassName'."
        )
    return loaded


def file_digest(path: Path) -> str:
    """sha256 of a text file with CRLF read as LF, so a git checkout on Windows
    (core.autocrlf) does not count as an edit."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def changed_vendored_files() -> list[str]:
    """Vendored files whose content differs from what the template shipped."""
    manifest = json.loads((_HERE / "manifest.json").read_text(encoding="utf-8"))
    return [
        name
        for name, digest in sorted(manifest["files"].items())
        if file_digest(_HERE / name) != digest
    ]


def is_close(actual: float, expected: float) -> bool:
    """Float comparison fit for float32 storage (about 7 significant digits)."""
    return math.isclose(actual, expected, rel_tol=1e-5, abs_tol=1e-5)


class ContractSuite:
    """Tests every plugin kind shares: loading, construction, version, integrity.

    Subclassed by each kind's suite, which sets `group`; the author's subclass
    sets `plugin_name`.
    """

    group: ClassVar[str]
    plugin_name: ClassVar[str]

    @pytest.fixture
    def adapter_class(self) -> type[Any]:
        """The class behind this plugin's entry point, loaded as rag4code loads it."""
        return load_adapter_class(self.group, self.plugin_name)

    @pytest.fixture
    def adapter_factory(self, adapter_class: type[Any]) -> Callable[..., Any]:
        """THE hook: return a callable that builds an EMPTY, isolated instance.

        The suite calls it with the options a test needs (e.g. `max_lines=` for a
        chunker) and closes every instance after the test. Override it to add
        your own options, for example a temporary path or a server URL:

            @pytest.fixture
            def adapter_factory(self, adapter_class, tmp_path):
                return functools.partial(adapter_class, path=str(tmp_path))

        A server-backed store must hand every test its own empty collection.
        """
        return adapter_class

    @pytest.fixture
    def make(self, adapter_factory: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
        """Build instances through the hook; close them all after the test."""
        made: list[Any] = []

        def build(**options: Any) -> Any:
            instance = adapter_factory(**options)
            made.append(instance)
            return instance

        try:
            yield build
        finally:
            for instance in made:
                instance.close()

    def test_api_version_matches_contract(self, adapter_class: type[Any]) -> None:
        """The adapter's `api_version` equals the contract version of these tests.

        If this fails after `copier update`: the rag4code plugin API changed. Read
        the template's CHANGELOG for what changed in this contract version, adapt
        the adapter, then set `api_version` to the new number.
        """
        declared = getattr(adapter_class, "api_version", None)
        assert declared == CONTRACT_VERSION, (
            f"{adapter_class.__name__}.api_version is {declared!r} but the vendored"
            f" contract is version {CONTRACT_VERSION}. The rag4code plugin API"
            " changed: see the template CHANGELOG, adapt the adapter, then set"
            f" api_version = {CONTRACT_VERSION}."
        )

    def test_class_constructs_without_arguments(self, adapter_class: type[Any]) -> None:
        """`Class()` works with no arguments (an embedded or in-memory default).

        If this fails: give every `__init__` option a default; connect lazily on
        first use rather than in `__init__` if the default needs a backend.
        """
        adapter_class().close()

    def test_instance_is_context_manager(self, make: Callable[..., Any]) -> None:
        """`with instance as x:` gives back the instance itself and closes it.

        If this fails: define `__enter__` (return self) and `__exit__` (call close).
        """
        instance = make()
        with instance as entered:
            assert entered is instance, "__enter__ must return the instance itself"

    def test_loading_imports_only_stdlib_and_the_plugin(self) -> None:
        """`EntryPoint.load()` imports nothing but the plugin's own package and the
        standard library, so that rag4code can load a plugin cheaply.

        If this fails: a backend client is imported at module level. Import it
        inside the method that first needs it (the skeleton's `_connect()` or
        `_load()`), or under `if TYPE_CHECKING:` for type hints only.
        """
        result = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE, self.group, self.plugin_name],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        imported = json.loads(result.stdout)
        assert imported == [], (
            f"loading {self.plugin_name!r} from {self.group!r} imported {imported}:"
            " import backend libraries on first use, not at module import."
        )

    def test_vendored_suite_is_unchanged(self) -> None:
        """The vendored contract files are exactly what the template shipped.

        If this fails: undo your edits to tests/contract/ (`git checkout --
        tests/contract`). To accept a failing contract test, override it in
        tests/test_contract.py with @pytest.mark.xfail(strict=True, reason=...).
        """
        changed = changed_vendored_files()
        assert not changed, (
            f"tests/contract/ files were edited: {', '.join(changed)}. They are"
            " template-owned; restore them with `git checkout -- tests/contract`."
        )

    def test_contract_tests_are_not_overridden(self) -> None:
        """Contract tests are neither deleted nor overridden, except as strict xfail.

        If this fails: remove your override, or mark it
        @pytest.mark.xfail(strict=True, reason="why the backend cannot comply"),
        so the exception is visible and fails once the backend complies.
        """
        contract = [c for c in type(self).__mro__ if _is_contract_class(c)]
        names = {n for c in contract for n in vars(c) if n.startswith("test_")}
        problems = []
        for name in sorted(names):
            owner = next((c for c in type(self).__mro__ if name in vars(c)), None)
            if owner is None or owner in contract:
                continue
            test = vars(owner)[name]
            if not callable(test):
                problems.append(f"{name} was removed in {owner.__name__}")
            elif not _is_strict_xfail(test):
                problems.append(
                    f"{name} is overridden in {owner.__name__} without @pytest.mark.xfail(strict=True, reason=...)"
                )
        class_marks = [m.name for m in getattr(type(self), "pytestmark", [])]
        if {"skip", "skipif", "xfail"} & set(class_marks):
            problems.append(f"{type(self).__name__} carries class-wide {class_marks}")
        assert not problems, "; ".join(problems)


_LOAD_PROBE = """
import json, sys
from importlib.metadata import entry_points

group, name = sys.argv[1:]
(point,) = [ep for ep in entry_points(group=group) if ep.name == name]
before = set(sys.modules)
own = point.value.partition(":")[0].split(".")[0]
point.load()
added = {module.split(".")[0] for module in set(sys.modules) - before}
print(json.dumps(sorted(added - set(sys.stdlib_module_names) - {own, "__future__"})))
"""


def _is_contract_class(cls: type) -> bool:
    """True for the vendored suite classes (defined in this package)."""
    return cls.__module__.rpartition(".")[0] == __name__.rpartition(".")[0]


def _is_strict_xfail(test: Any) -> bool:
    """True when a test carries xfail with strict=True and a non-empty reason."""
    return any(
        mark.name == "xfail"
        and mark.kwargs.get("strict") is True
        and str(mark.kwargs.get("reason", "")).strip()
        for mark in getattr(test, "pytestmark", [])
    )
