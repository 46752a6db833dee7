"""An API key never reaches a committed file or a log of a cloud plugin, one
test per way it could: a cloud embedder plugin whose adapter sends its key
each way real APIs take one (tests/engines/api/embedder.py,
RAG4CODE_DEMO_KEY_STYLE) to the hosted-style API of tests/engines/api/, which
can also echo the key back (a path prefix). Filters the recorder has drop
the key; where no filter can (an unknown header, a response body), the
recording run fails once its cassettes are written, naming them. Each run
records only the fresh-process test: the parent's cassette and the child's,
so every path is also proven through the child's filters. One render, one
venv and one API serve the module; the key is checked in every file of the
project, raw, URL-encoded and base64-encoded."""

from __future__ import annotations

import base64
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, quote_plus

import pytest

from tests.helpers import SuiteResult, api_embedder, fake_embedding_api, run, run_suite

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cloud-secrets")]
VARIABLE = "RAG4CODE_DEMO_API_KEY"
# URL-encoding and base64 (standard and URL-safe: "+" and "/") each change it.
KEY = "sk/rag4code+leak=4f1c 9e27~~~?d0b3??>"
FRESH = "test_embed_fresh_process_gives_same_vector"
CASSETTES = {f"TestDemoAdapter.{FRESH}.yaml", f"TestDemoAdapter.{FRESH}.child.yaml"}


def encodings(key: str) -> set[bytes]:
    """How the adapter and the API send the key: raw, URL-encoded, base64
    (standard and URL-safe, with and without padding) of it and of "demo:key"."""
    found = {key.encode(), quote(key).encode(), quote(key, safe="").encode(), quote_plus(key).encode()}
    for value in (key.encode(), f"demo:{key}".encode()):
        for encoded in (base64.b64encode(value), base64.urlsafe_b64encode(value)):
            found |= {encoded, encoded.rstrip(b"=")}
    return found


FORMS = encodings(KEY)


def holding_the_key(root: Path) -> set[str]:
    """Files under `root` (relative paths) holding the key in any form, also
    across a line that YAML folded at the key's space."""
    holding = set()
    for path in root.rglob("*"):
        data = path.read_bytes() if path.is_file() else b""
        if any(form in text for text in (data, re.sub(rb"\s+", b" ", data)) for form in FORMS):
            holding.add(path.relative_to(root).as_posix())
    return holding


class Plugin(NamedTuple):
    project: Path
    python: Path
    url: str  # the API's base URL, http://127.0.0.1:PORT/v1
    conftest: str  # tests/conftest.py as rendered


@pytest.fixture(scope="session")
def plugin(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plugin]:
    """rag4code-demo (embedder, backend=cloud) over the API, the API running."""
    root = tmp_path_factory.mktemp("cloud-secrets")
    with fake_embedding_api() as url:
        project, python = api_embedder(template, root, url)
        yield Plugin(project, python, url, (project / "tests/conftest.py").read_text(encoding="utf-8"))


def environment(plugin: Plugin, style: str, mode: str, key: str | None) -> dict[str, str]:
    """The variables of a run that sends the key as `style` to the API's `mode`."""
    url = plugin.url.replace("/v1", f"/{mode}/v1") if mode else plugin.url
    return {"RAG4CODE_DEMO_KEY_STYLE": style, "RAG4CODE_DEMO_URL": url} | ({VARIABLE: key} if key else {})


def record(
    plugin: Plugin, tmp_path: Path, *args: str, style: str = "bearer", mode: str = "", conftest: str = ""
) -> SuiteResult:
    """Run the fresh-process test (`-k` FRESH unless `args` select) from no
    cassettes, with the key, `conftest` added to tests/conftest.py."""
    project = plugin.project
    for old in (project / "tests/cassettes").rglob("*.yaml"):
        old.unlink()
    (project / "tests/conftest.py").write_text(plugin.conftest + conftest, encoding="utf-8")
    env = environment(plugin, style, mode, KEY)
    return run_suite(plugin.python, project, tmp_path / "junit.xml", "-k", FRESH, *args, **env)


def cassettes(plugin: Plugin) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (plugin.project / "tests/cassettes").rglob("*.yaml")}


@pytest.mark.parametrize(
    ("style", "mode", "carrier"),
    [
        pytest.param("query", "", b"subscription-key", id="url-encoded-in-subscription-key-parameter"),
        pytest.param("upper-header", "", b"api_key", id="API_KEY-header"),
        pytest.param("form", "", b"apikey", id="form-body-starting-apiKey"),
        pytest.param("azure-headers", "", b"x-custom-token", id="Ocp-Apim-Subscription-Key-and-X-Custom-Token"),
        pytest.param("nested-json", "", b"api_key", id="nested-JSON-body"),
        pytest.param("bearer", "echo-headers", b"set-cookie", id="echoed-in-Set-Cookie-and-X-Api-Key-response-headers"),
    ],
)
def test_secrets_filters_drop_the_key_from_parent_and_child_cassettes(
    plugin: Plugin, tmp_path: Path, style: str, mode: str, carrier: bytes
) -> None:
    """The API requires the key, so the recorded request carried it; the
    filters dropped what carried it (any case, at any depth) and the key is in
    no file. A filtered query still replays with no key."""
    result = record(plugin, tmp_path, "--record-mode=rewrite", style=style, mode=mode)
    assert result.returncode == 0, result.output
    recorded = cassettes(plugin)
    assert set(recorded) == CASSETTES
    assert holding_the_key(plugin.project) == set()
    for name, text in recorded.items():
        assert carrier not in text.lower(), name
        assert b"ocp-apim" not in text.lower(), name
        assert b"x-api-key" not in text.lower(), name
    if style == "query":  # replays match the URI: the filter must not break that
        env = environment(plugin, style, mode, key=None)
        replay = run_suite(plugin.python, plugin.project, tmp_path / "replay.xml", "-k", f"{FRESH} or cassettes", **env)
        assert replay.returncode == 0, replay.output
        assert replay.counts["tests"] == 3
        assert replay.counts["failures"] == replay.counts["skipped"] == 0


@pytest.mark.parametrize(
    ("style", "mode"),
    [
        pytest.param("base64-header", "", id="base64-in-a-header-no-filter-knows"),
        pytest.param("bearer", "echo-body", id="echoed-in-the-response-body"),
    ],
)
def test_secrets_key_no_filter_can_drop_fails_the_recording_naming_each_cassette(
    plugin: Plugin, tmp_path: Path, style: str, mode: str
) -> None:
    """The test itself passes; the run fails after the cassettes are written,
    naming exactly the files that hold the key."""
    result = record(plugin, tmp_path, "--record-mode=rewrite", style=style, mode=mode)
    assert result.returncode != 0
    assert result.counts["tests"] == 1
    assert result.failed == set(), result.output
    holding = holding_the_key(plugin.project)
    assert {Path(name).name for name in holding} == CASSETTES
    for name in holding:
        assert f"{name} holds the value of {VARIABLE}" in result.output
    assert KEY not in result.output


CASSETTE = """interactions:
- request:
    body: {body}
    headers:
      X-Trace:
      - {header}
    method: GET
    uri: http://127.0.0.1/v1
  response:
    body:
      string: ''
    headers: {{}}
    status:
      code: 200
      message: OK
version: 1
"""


def test_secrets_recording_check_finds_the_key_raw_url_encoded_and_base64(plugin: Plugin, tmp_path: Path) -> None:
    """The check run after recording (`holds_key`), on one cassette per form of
    the key, and on one whose body YAML folded at the key's space."""
    values = {"raw": KEY, "quote": quote(KEY, safe=""), "quote_plus": quote_plus(KEY)}
    for name, data in {"key": KEY.encode(), "user": b"demo:" + KEY.encode(), "shift": b"abc:" + KEY.encode()}.items():
        for alphabet, encode in (("std", base64.b64encode), ("urlsafe", base64.urlsafe_b64encode)):
            values[f"{name}-{alphabet}"] = encode(data).decode()
            values[f"{name}-{alphabet}-unpadded"] = encode(data).decode().rstrip("=")
        assert values[f"{name}-std"] != values[f"{name}-urlsafe"], "the alphabets differ here"
    for name, value in values.items():
        (tmp_path / f"{name}.yaml").write_text(CASSETTE.format(body="''", header=json.dumps(value)))
    left, right = KEY.split(" ")
    (tmp_path / "folded.yaml").write_text(CASSETTE.format(body=f"'words {left}\n      {right} words'", header="x"))
    (tmp_path / "clean.yaml").write_text(CASSETTE.format(body="'words'", header="x"))
    code = (
        "import json, sys; from pathlib import Path; from tests.contract.cassettes import holds_key;"
        " print(json.dumps({p.stem: holds_key(p, sys.argv[1]) for p in Path(sys.argv[2]).glob('*.yaml')}))"
    )
    found = json.loads(run(plugin.python, "-c", code, KEY, tmp_path, cwd=plugin.project).stdout)
    assert found == {**dict.fromkeys(values, True), "folded": True, "clean": False}


def test_secrets_vcr_config_overridden_with_a_hook_filters_parent_and_child(plugin: Plugin, tmp_path: Path) -> None:
    """`vcr_config` extended in tests/conftest.py with a hook, as its docstring
    shows: the fresh-process test hands it to its child, whose cassette is
    filtered the same way (it used to fail: a function is not JSON)."""
    hook = """

from typing import Any

import pytest


def drop_client_context(request: Any) -> Any:
    request.headers.pop("X-Client-Context", None)
    return request


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict[str, Any]) -> dict[str, Any]:
    hooks = [*vcr_config["before_record_request"], drop_client_context]
    return {**vcr_config, "before_record_request": hooks}
"""
    result = record(plugin, tmp_path, "--record-mode=rewrite", style="base64-header", conftest=hook)
    assert result.returncode == 0, result.output
    assert set(cassettes(plugin)) == CASSETTES
    assert holding_the_key(plugin.project) == set()
    lambdas = hook.replace("drop_client_context]", "lambda request: request]")
    result = record(plugin, tmp_path, "--record-mode=rewrite", style="base64-header", conftest=lambdas)
    assert result.failed == {FRESH}, result.output
    assert "define its hooks at the top level of a module such as tests/conftest.py" in result.output


def test_secrets_cassette_check_runs_after_the_recording_is_written(plugin: Plugin, tmp_path: Path) -> None:
    """A `vcr_config` that keeps a credential header (with its value replaced)
    passes tests/contract/test_cassettes.py, which runs before the new cassettes are
    written; the run still fails once they are, naming each file and header."""
    keep_header = """

import pytest


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    return {"filter_headers": [("API_KEY", "redacted")]}
"""
    selection = ("-k", f"{FRESH} or cassettes")
    result = record(plugin, tmp_path, "--record-mode=rewrite", *selection, style="upper-header", conftest=keep_header)
    assert result.returncode != 0
    assert result.counts["tests"] == 3
    assert result.failed == set(), result.output
    assert holding_the_key(plugin.project) == set()
    for name in CASSETTES:
        assert f"tests/cassettes/test_contract/{name} holds api_key" in result.output


@pytest.mark.parametrize(
    ("how", "shown"),
    [
        ("--disable-recording", "RuntimeError: the API answered 500"),
        ("--record-mode=rewrite", "/fail/v1/embeddings?subscription-key=***> not in cassette"),  # vcrpy's log
    ],
)
def test_secrets_failing_test_of_a_live_or_recording_run_prints_no_key(
    plugin: Plugin, tmp_path: Path, how: str, shown: str
) -> None:
    """The API answers 500 with the key in its message (the URL carries it
    too): the traceback, the adapter's error and the captured log show `***`,
    and no settings print locals (which held the key)."""
    result = record(plugin, tmp_path, how, style="query", mode="fail")
    assert result.failed == {FRESH}, result.output
    assert "quota exceeded for key ***" in result.output
    assert shown in result.output
    assert not any(form.decode() in result.output for form in FORMS)
    assert not re.search(r"^key +=", result.output, re.MULTILINE), "locals printed"
    pyproject = tomllib.loads((plugin.project / "pyproject.toml").read_text(encoding="utf-8"))
    assert not {"-l", "--showlocals"} & set(pyproject["tool"]["pytest"]["addopts"])
