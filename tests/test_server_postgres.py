"""Server plugins for a database that does not speak HTTP, proven against a
real PostgreSQL with pgvector (the pgserver package, installed by uv: its initdb
and pg_ctl, started by helpers.postgres_server) and a correct adapter over it
(tests/engines/pgvector/server.py, through psycopg), swapped into a plugin
rendered with `backend=server` for a postgres image. The generated suite,
unchanged and with its pre-check on, passes against it with no skip, also as
two runs at once against one server, which leave no table behind; with no
server where the URL points, the run stops once, before any test, and never
shows the URL's password."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import (
    ENGINES,
    assert_green,
    assert_stopped_before_any_test,
    free_port,
    postgres_server,
    render,
    run,
    run_suite,
    run_suites_at_once,
    swap_in,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("server-postgres")]
ADAPTER = ENGINES / "pgvector/server.py"
DRIVER = ("psycopg[binary]==3.3.9",)  # the driver an author's plugin would depend on
ANSWERS = {
    "plugin_name": "demo",
    "kinds": ["vector_db"],
    "backend": "server",
    "service_image": "pgvector/pgvector:0.8.0-pg17",
    "service_port": "5432",
    "service_url": "postgresql://postgres@localhost:5432/postgres",
    "service_env": {"POSTGRES_HOST_AUTH_METHOD": "trust"},
}


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL with pgvector for this module's tests, on a free port."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def plugin(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """rag4code-demo (vector_db, backend=server, a postgres image) with the
    pgvector adapter swapped in (the skeleton kept as _reference.py)."""
    root = tmp_path_factory.mktemp("postgres-plugin")
    project = render(template, root / "rag4code-demo", **ANSWERS)
    return project, swap_in(project, {"adapter.py": ADAPTER}, root / ".venv", extra=DRIVER)


def tables(python: Path, url: str) -> list[str]:
    """The tables of the server's database, as the plugin's driver sees them."""
    code = (
        "import json, sys, psycopg\n"
        "with psycopg.connect(sys.argv[1]) as connection:\n"
        "    rows = connection.execute(\"SELECT tablename FROM pg_tables WHERE schemaname = 'public'\")\n"
        "    print(json.dumps(sorted(name for (name,) in rows)))\n"
    )
    found: list[str] = json.loads(run(python, "-c", code, url).stdout)
    return found


def test_postgres_generated_suite_passes_against_a_real_server(
    plugin: tuple[Path, Path], postgres_url: str, tmp_path: Path
) -> None:
    project, python = plugin
    assert_green(run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=postgres_url), min_tests=90)
    assert tables(python, postgres_url) == []


def test_postgres_two_runs_at_once_never_see_each_other(
    plugin: tuple[Path, Path], postgres_url: str, tmp_path: Path
) -> None:
    """Each instance works in a table unique to its run: two runs of the suite
    (all but its slowest tests) against one server at once both pass, and
    drop every table they made."""
    project, python = plugin
    reports = [tmp_path / "run0.xml", tmp_path / "run1.xml"]
    runs = run_suites_at_once(
        python, project, reports, "-k", "not model and not thousands", RAG4CODE_DEMO_URL=postgres_url
    )
    for suite in runs:
        assert_green(suite)
    assert tables(python, postgres_url) == []


def test_postgres_down_stops_the_run_once_without_the_password(plugin: tuple[Path, Path], tmp_path: Path) -> None:
    """The URL variable holds a postgresql:// URL with a password, and no
    server listens there: one message naming the URL (its password as ***),
    before any test; no driver traceback, and the password nowhere."""
    project, python = plugin
    url = f"postgresql://postgres:s3cret-pw@127.0.0.1:{free_port()}/postgres"
    result = run_suite(python, project, tmp_path / "junit.xml", RAG4CODE_DEMO_URL=url)
    assert_stopped_before_any_test(result, url, "s3cret-pw")


def test_postgres_adapter_down_raises_connection_error_without_the_password(plugin: tuple[Path, Path]) -> None:
    """Against a port where nothing listens, `DemoAdapter(url=...)` is made
    offline; its first call, and drop_namespace(), raise ConnectionError
    naming the URL with its password as ***."""
    _, python = plugin
    port = free_port()
    code = (
        "import json, sys\n"
        "from rag4code_demo.adapter import DemoAdapter, drop_namespace\n"
        "store = DemoAdapter(url=sys.argv[1], namespace='t1')\n"
        "for call in (store.count, lambda: drop_namespace('t1', url=sys.argv[1])):\n"
        "    try:\n        call()\n"
        "    except Exception as error:\n        print(json.dumps([type(error).__name__, str(error)]))\n"
    )
    url = f"postgresql://postgres:s3cret-pw@127.0.0.1:{port}/postgres"
    errors = [json.loads(line) for line in run(python, "-c", code, url).stdout.splitlines()]
    assert len(errors) == 2, errors
    for name, message in errors:
        assert name == "ConnectionError", (name, message)
        assert message.startswith(f"cannot reach the service at postgresql://postgres:***@127.0.0.1:{port}/postgres: ")
        assert "s3cret-pw" not in message


def test_postgres_adapter_lost_connection_raises_connection_error_then_reconnects(
    plugin: tuple[Path, Path], postgres_url: str
) -> None:
    """The server ends the adapter's connection (as a restart does): the next
    call raises ConnectionError naming the URL, and the one after connects
    again and finds the records."""
    project, python = plugin
    code = """
import json, sys, psycopg
from rag4code_demo.adapter import DemoAdapter, drop_namespace
from tests.contract.namespaces import unique_namespace

url, namespace, seen = sys.argv[1], unique_namespace(), []
with DemoAdapter(url=url, namespace=namespace) as store:
    store.upsert(["a"], [[1.0, 0.0]])
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE pid <> pg_backend_pid() AND datname = current_database()")
    for _ in range(2):
        try:
            seen.append(store.count())
        except ConnectionError as error:
            seen.append(str(error))
drop_namespace(namespace, url=url)
print(json.dumps(seen))
"""
    seen = json.loads(run(python, "-c", code, postgres_url, cwd=project).stdout)
    assert seen[0].startswith(f"cannot reach the service at {postgres_url}: "), seen
    assert seen[1] == 1, seen


def test_postgres_adapter_searches_exactly_when_the_index_comes_back_short(
    plugin: tuple[Path, Path], postgres_url: str
) -> None:
    """With a filter half the records match and the table's statistics known,
    PostgreSQL answers through the HNSW index, which yields `hnsw.ef_search`
    candidates before filtering: about half of top_k. The adapter's answer is
    the top_k among the matching records (an exact search); and a new instance on
    the namespace reads back its records and dimension, also once all are
    deleted."""
    project, python = plugin
    code = """
import json, math, sys, psycopg
from rag4code_demo.adapter import DemoAdapter, drop_namespace, tags, vector_text
from rag4code_demo.support import cosine
from tests.contract.namespaces import unique_namespace

url, namespace = sys.argv[1], unique_namespace()
vectors = [[math.cos(i / 7.0), math.sin(i / 7.0), 1.0 + (i % 13) / 13, (i * 37 % 101) / 101] for i in range(3000)]
ids = [f"doc-{i}" for i in range(3000)]
with DemoAdapter(url=url, namespace=namespace) as store:
    store.upsert(ids, vectors, [{"even": i % 2 == 0} for i in range(3000)])
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'ANALYZE "{namespace}"')
        with connection.transaction():
            connection.execute("SELECT set_config('hnsw.ef_search', '100', true)")
            index = connection.execute(
                f'SELECT count(*) FROM (SELECT 1 FROM "{namespace}" WHERE tags @> %s'
                " ORDER BY embedding <=> %s::vector LIMIT 100) AS hits",
                (tags({"even": True}), vector_text(vectors[1])),
            ).fetchone()[0]
    hits = store.query(vectors[1], top_k=100, where={"even": True})
floor = min(hit.score for hit in hits)
returned = {hit.id for hit in hits}
better = [ids[i] for i in range(0, 3000, 2) if ids[i] not in returned and cosine(vectors[1], vectors[i]) > floor + 1e-5]
reopened = DemoAdapter(url=url, namespace=namespace)
kept = (reopened.dimension, reopened.count(), [r.id for r in reopened.get(["doc-0", "doc-1"])])
reopened.delete(ids)
emptied = DemoAdapter(url=url, namespace=namespace)
print(json.dumps({
    "index": index,
    "hits": len(hits),
    "matching": all(hit.metadata == {"even": True} for hit in hits),
    "better": better,
    "kept": kept,
    "emptied": [emptied.dimension, emptied.count()],
}))
drop_namespace(namespace, url=url)
"""
    found = json.loads(run(python, "-c", code, postgres_url, cwd=project).stdout)
    assert found["index"] < 100, f"the index alone gave {found['index']} hits: this test no longer shows a short index"
    assert (found["hits"], found["matching"], found["better"]) == (100, True, [])
    assert found["kept"] == [4, 3000, ["doc-0", "doc-1"]]
    assert found["emptied"] == [4, 0]
