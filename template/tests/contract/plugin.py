"""pytest plugin of the rag4code contract suites.

Template-owned: refreshed by `copier update`; do not edit. Loaded by the
template-owned conftest.py at the project root (`pytest_plugins`).

Contract tests never skip: API v1 has no optional capabilities, so a skipped
contract test is a hidden failure (a class-wide `@pytest.mark.skip`, a
`pytest.skip()` in a fixture or a `skipif` would turn the suite green without
running it). The only sanctioned exception is
`@pytest.mark.xfail(strict=True, reason=...)`.

A suite whose backend runs as a server names its URL variable
(`service_url_variable`); when that variable is set and nothing accepts a TCP
connection at the URL's host and port (any scheme: `http`, `postgresql`,
`redis`...), the run stops once, before any test, saying so (a password in
the URL shown as `***`), instead of failing every test with a connection
traceback.

A suite for a hosted API names its key variable (`api_key_variable`): its
tests then run through pytest-recording, replaying tests/cassettes/ (no key,
no network) unless `--record-mode=rewrite` records them again. Credentials
are filtered out of every recording (`vcr_config`); a request no cassette
holds fails with the command that records it. A run that records or talks to
the live API checks every cassette once they are all written, and fails,
naming the file, when one holds a credential or the key in any form (raw,
URL-encoded, base64); the key is shown as `***` in every test report.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import re
import socket
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

import pytest

from tests.contract.base import PROJECT, ContractSuite, manifest

CASSETTES = PROJECT / "tests" / "cassettes"
CREDENTIAL_NAME = re.compile(
    r"key|token|secret|auth|passw|pwd|credential|signature|session|cookie|^sig$",
    re.IGNORECASE,
)
"""What the name of a credential looks like, in any case: request headers,
query parameters, form fields and JSON members (at any depth, string values)
whose name matches are never recorded, nor response headers (Set-Cookie).
A name that only looks like one (a `page_token` parameter) goes too: replayed
requests are filtered alike, so they still match."""
_KEY_VARIABLES = pytest.StashKey[set[str]]()


def _suite(item: pytest.Item) -> type[ContractSuite] | None:
    """The contract suite class a collected test belongs to, if any."""
    cls = getattr(item, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, ContractSuite) else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A skipped contract test is a failure; a request no cassette holds says
    how to record it."""
    report = yield
    _hide_keys(report, _live_keys(item.config))
    suite = _suite(item)
    if suite is None:
        return report
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} was skipped, but rag4code contract tests may not be"
            " skipped: every rule of API v1 applies to every plugin. Remove the"
            " skip; to accept a known failure, override the test with"
            ' @pytest.mark.xfail(strict=True, reason="...").'
        )
    elif report.failed and call.excinfo and _is_missing_recording(call.excinfo.value):
        report.longrepr = (
            f"{item.nodeid} made an HTTP request that no cassette in"
            " tests/cassettes/ holds. Record the cassettes against the live API:"
            f" `{suite.api_key_variable}=<your key> uv run pytest"
            " --record-mode=rewrite`, check them (`uv run pytest` replays them),"
            f" then commit tests/cassettes/.\n\n{report.longrepr}"
        )
    return report


def _hide_keys(report: pytest.TestReport, keys: list[str]) -> None:
    """Show each API key as `***` in the report's traceback and captured
    output and logs (an HTTP client's log line, an error that quotes the URL)."""
    if not keys:
        return
    if report.longrepr is not None:
        text = str(report.longrepr)
        if (hidden := redact(text, keys)) != text:
            report.longrepr = hidden
    report.sections = [(name, redact(text, keys)) for name, text in report.sections]


def redact(text: str, keys: Iterable[str]) -> str:
    """`text` with every form of each key (`key_forms`) replaced by `***`."""
    for key in keys:
        for form in sorted(key_forms(key), key=len, reverse=True):
            text = text.replace(form, "***")
    return text


def key_forms(key: str) -> set[str]:
    """The texts that give `key` away: the key, URL-encoded (`quote`,
    `quote_plus`), and base64 in the standard and URL-safe alphabets (the
    characters that depend on the key alone, so also found with or without
    padding and inside a longer encoded value such as `user:key`; for keys of
    8 bytes or more, as every real key is)."""
    forms = {key, quote(key), quote(key, safe=""), quote_plus(key)}
    data = key.encode("utf-8", "surrogatepass")
    for offset in range(3 if len(data) >= 8 else 0):  # the key's place in 3 bytes
        encoded = base64.b64encode(bytes(offset) + data).decode("ascii")
        core = encoded[(8 * offset + 5) // 6 : 8 * (offset + len(data)) // 6]
        forms |= {core, core.translate(str.maketrans("+/", "-_"))}
    return {form for form in forms if form}


def _is_missing_recording(error: BaseException | None) -> bool:
    """True when vcrpy refused a request it has no recording of, even if the
    backend's client wrapped that error in its own."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__name__ == "CannotOverwriteExistingCassetteException":
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test of a hosted-API suite runs through its cassette."""
    for item in items:
        suite = _suite(item)
        if suite is not None and suite.api_key_variable:
            item.add_marker(pytest.mark.vcr)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    """What pytest-recording records: never a credential (`CREDENTIAL_NAME`).

    To add to it, override this fixture in tests/conftest.py and extend it,
    with hooks defined at the top level of a module (the embedder's
    fresh-process test hands them to its child process by name):

        def drop_my_header(request):
            request.headers.pop("X-My-Credential", None)
            return request

        @pytest.fixture(scope="module")
        def vcr_config(vcr_config):
            hooks = [*vcr_config["before_record_request"], drop_my_header]
            return {**vcr_config, "before_record_request": hooks}
    """
    return {
        "before_record_request": [scrub_request],
        "before_record_response": [scrub_response],
        "decode_compressed_response": True,
    }


def is_credential(name: str) -> bool:
    """True when a header, parameter or member `name` looks like a credential's."""
    return CREDENTIAL_NAME.search(name) is not None


def scrub_request(request: Any) -> Any:
    """vcrpy's `before_record_request`: the request without its credentials."""
    drop_credentials(request)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """vcrpy's `before_record_response`: the response without the headers that
    set or carry a credential (Set-Cookie, a token or session header)."""
    headers = response.get("headers") or {}
    kept = {name: value for name, value in headers.items() if not is_credential(name)}
    return {**response, "headers": kept}


def drop_credentials(request: Any) -> list[str]:
    """Remove the credentials from a vcrpy request, in place: headers, query
    parameters, form fields and JSON members whose name looks like one.
    Returns their names."""
    dropped = [name for name in request.headers if is_credential(name)]
    for name in dropped:
        del request.headers[name]
    parts = urlsplit(request.uri)
    fields = parse_qsl(parts.query, keep_blank_values=True)
    if found := [name for name, _ in fields if is_credential(name)]:
        kept = [(name, value) for name, value in fields if not is_credential(name)]
        request.uri = urlunsplit(parts._replace(query=urlencode(kept)))
        dropped += found
    body = request.body
    if isinstance(body, bytes) and body:
        body, found = _body_without_credentials(body)
        if found:
            request.body = body
            dropped += found
    return dropped


def _body_without_credentials(body: bytes) -> tuple[bytes, list[str]]:
    """A JSON or form body without its credentials, and their names."""
    try:
        text = body.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError:
        return body, []
    except ValueError:  # not JSON: a form, if it parses as one
        try:
            fields = parse_qsl(text, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            return body, []
        found = [name for name, _ in fields if is_credential(name)]
        kept = [(name, value) for name, value in fields if not is_credential(name)]
        return (urlencode(kept).encode() if found else body), found
    found = []
    kept_data = _json_without_credentials(data, found)
    return (json.dumps(kept_data).encode() if found else body), found


def _json_without_credentials(data: Any, found: list[str]) -> Any:
    """A copy of a JSON value without the string members whose name looks like
    a credential's, at any depth; their names are added to `found`."""
    if isinstance(data, dict):
        kept = {}
        for name, value in data.items():
            if isinstance(value, str) and is_credential(name):
                found.append(name)
            else:
                kept[name] = _json_without_credentials(value, found)
        return kept
    if isinstance(data, list):
        return [_json_without_credentials(item, found) for item in data]
    return data


REPLAY_KEY = "rag4code-replay-placeholder"
"""The key a replaying run gives adapters whose variable is unset: clients can
be built as with a real key, and vcrpy answers every request from the
cassettes (a request with no recording fails, saying how to record it)."""


def _replaying(config: pytest.Config) -> bool:
    """True unless this run records (`--record-mode` other than none) or talks
    to the live API (`--disable-recording`)."""
    mode = config.getoption("--record-mode", default=None) or "none"
    return mode == "none" and not config.getoption("--disable-recording", default=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Once every cassette of a recording (or live) run is written: fail the run,
    naming the files, if one holds a credential or an API key in any form."""
    variables = session.config.stash.get(_KEY_VARIABLES, set())
    for variable in variables:
        if os.environ.get(variable) == REPLAY_KEY:  # set for the replay: unset it
            del os.environ[variable]
    if not variables:
        return
    problems = []
    if not _replaying(session.config):
        problems += [
            f"{path.relative_to(PROJECT)} holds {', '.join(names)}"
            for path in cassette_files()
            if (names := credentials_in(path))
        ]
    for variable in sorted(variables):
        if key := os.environ.get(variable):
            problems += [
                f"{path.relative_to(PROJECT)} holds the value of {variable}"
                for path in cassette_files()
                if holds_key(path, key)
            ]
    if problems:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            for problem in problems:
                reporter.write_line(problem, red=True)
            reporter.write_line(
                "Credentials reached the cassettes: delete those files, filter"
                " what carried them (override `vcr_config` in tests/conftest.py)"
                " and record again.",
                red=True,
            )


def cassette_files() -> list[Path]:
    """Every recorded cassette of this project."""
    return sorted(CASSETTES.rglob("*.yaml")) if CASSETTES.is_dir() else []


def credentials_in(path: Path) -> list[str]:
    """The names of the credentials the cassette at `path` holds: what
    `vcr_config`'s filters drop (lowercase, sorted)."""
    try:
        requests, responses = _interactions(path)
    except _unreadable() as error:  # an unreadable file is a finding
        return [f"no readable interactions ({type(error).__name__}: {error})"]
    names = [name for request in requests for name in drop_credentials(request)]
    names += [
        name
        for response in responses
        for name in response.get("headers") or {}
        if is_credential(name)
    ]
    return sorted({name.lower() for name in names})


def holds_key(path: Path, key: str) -> bool:
    """True when the cassette at `path` holds `key` in any of its `key_forms`,
    in the file's text or in any value it stores (a folded line, a binary
    body)."""
    forms = key_forms(key)
    return any(form in text for text in _texts(path) for form in forms)


def _vcr(module: str) -> Any:
    """A module of vcrpy (which has no type hints), imported when first needed."""
    return importlib.import_module(f"vcr.{module}")


def _unreadable() -> tuple[type[Exception], ...]:
    """What reading a damaged cassette raises: YAML's errors, malformed data.
    (An except clause evaluates this only when something was raised, so yaml
    is imported only then.)"""
    yaml_error: type[Exception] = importlib.import_module("yaml").YAMLError
    return (yaml_error, ValueError, TypeError, LookupError, AttributeError)


def _interactions(path: Path) -> tuple[list[Any], list[dict[str, Any]]]:
    """The recorded requests (vcrpy Requests) and responses of a cassette."""
    text = path.read_text(encoding="utf-8")
    loaded = _vcr("serialize").deserialize(text, _vcr("serializers.yamlserializer"))
    return list(loaded[0]), list(loaded[1])


def _texts(path: Path) -> Iterator[str]:
    """The text of the file at `path`, then every string and bytes value it
    stores (decoded), if it is a readable cassette."""
    text = path.read_text(encoding="utf-8", errors="replace")
    yield text
    try:
        data = _vcr("serializers.yamlserializer").deserialize(text)
    except _unreadable():  # not a cassette: its raw text was searched
        return
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            yield value
        elif isinstance(value, bytes):
            yield value.decode("utf-8", errors="replace")
        elif isinstance(value, dict):
            stack += [*value.keys(), *value.values()]
        elif isinstance(value, (list, tuple)):
            stack += value


def _live_keys(config: pytest.Config) -> list[str]:
    """The API keys this run has (not the replay placeholder)."""
    return [
        key
        for variable in config.stash.get(_KEY_VARIABLES, set())
        if (key := os.environ.get(variable)) and key != REPLAY_KEY
    ]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Before any test runs: each service the selected suites use answers, and
    a replaying hosted-API suite has a key to build its client with."""
    suites = {suite for item in session.items if (suite := _suite(item)) is not None}
    keys = {s.api_key_variable for s in suites if s.api_key_variable}
    session.config.stash[_KEY_VARIABLES] = keys
    services = {s.service_url_variable for s in suites if s.service_url_variable}
    for variable in sorted(services):
        url = os.environ.get(variable)
        if url and (problem := unreachable(url)):
            pytest.exit(
                f"No service answers at {_support().redact_url(url)} (from"
                f" {variable}): {problem}."
                " Start it with `docker compose up -d --wait` (compose.yaml),"
                f" or set {variable} to the URL where it runs.",
                returncode=pytest.ExitCode.TESTS_FAILED,
            )
    if _replaying(session.config):
        for variable in keys:
            os.environ.setdefault(variable, REPLAY_KEY)


def _support() -> Any:
    """The plugin's support module (tests/contract/manifest.json names its file)."""
    [name] = [name for name in manifest() if name.endswith("/support.py")]
    return importlib.import_module(".".join(Path(name).with_suffix("").parts[1:]))


DEFAULT_PORTS = {
    "http": 80,
    "https": 443,
    "ws": 80,
    "wss": 443,
    "postgres": 5432,
    "postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "redis": 6379,
    "rediss": 6379,
    "valkey": 6379,
    "mongodb": 27017,
    "amqp": 5672,
    "amqps": 5671,
    "nats": 4222,
    "memcached": 11211,
}
"""The port a URL without one means, by scheme (`postgresql+psycopg` is
`postgresql`); a scheme not listed here needs its port in the URL."""


def unreachable(url: str, timeout: float = 5.0) -> str | None:
    """Why nothing accepts a TCP connection at `url`'s host and port, or None.

    Whatever the scheme (`http`, `postgresql`, `redis`, `grpc`...): plain
    sockets, so the check does not depend on the backend's client or its
    exception types. A URL without a port uses its scheme's (`DEFAULT_PORTS`).
    """
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme.partition("+")[0])
    except ValueError as error:
        return f"its port is not valid ({error})"
    if not parts.scheme or not parts.hostname:
        return "it is not a scheme://host[:port] URL"
    if port is None:
        return f"it names no port, and {parts.scheme}:// has no usual one: add it"
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except (OSError, ValueError) as error:  # ValueError: a host IDNA cannot encode
        return f"{type(error).__name__}: {error}"
