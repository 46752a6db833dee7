"""A rag4code vector_db adapter over a real PostgreSQL with pgvector, through
psycopg 3: the `backend=server` skeleton filled in for a SQL database.

Not part of any generated plugin: tests/test_server_postgres.py copies this
file as `rag4code_demo/adapter.py` into a plugin rendered with
`backend=server` for a postgres image, and runs the generated contract suite,
unchanged, against a PostgreSQL started for the test session (the `pgserver`
package's initdb and pg_ctl). Written the way an author fills in the skeleton:

- `url=` and `namespace=` are only kept (and checked) in `__init__`; the
  default URL is read, psycopg imported and the connection made on first use,
  so `Class()` and `EntryPoint.load()` stay offline. A server that does not
  answer, or goes away, raises ConnectionError naming the URL, its password
  as `***` (the support module's `connection_errors()`).
- One table per namespace, named after it (a lowercase SQL name, always
  quoted as an identifier), made by the first upsert: its `vector(n)` column
  type holds the dimension, so a new instance reads it back, also when every
  record was deleted. An HNSW index with cosine distance serves queries
  (built after the first batch is in: faster than row by row).
- HNSW is approximate: it returns at most `hnsw.ef_search` (<= 1000) rows,
  and fewer when a filter is selective. A query that comes back with fewer
  hits than it asked for and than match runs again exactly (index scans off).
- Vectors are stored divided by their largest component: cosine does not
  change, and float32 then holds every vector check_vector() accepts.
- Metadata is kept as JSON text (exact types, ints beyond 2**53); `where`
  matches one tag per item (key, type and value as ASCII JSON, hashed when
  long) held in a text[] column: `tags @> wanted` is equality of type and
  value, so 1, 1.0, True and "1" differ.
- Ids are text, keyed by their SHA-256 (no length limit from the primary-key
  index) and always sent as parameters (`key = ANY(%s)`), never as SQL text
  or patterns. PostgreSQL text cannot hold NUL or lone surrogates: such ids
  are rejected by upsert (and never found by get and delete).
- Every write is one transaction (all or nothing); large requests go in
  slices.
- `drop_namespace()` drops a namespace's table: the generated tests call it
  after each test for the namespaces they used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rag4code_demo.support import (
    DEFAULT_URL,
    URL_VARIABLE,
    Adapter,
    Hit,
    Metadata,
    MetadataValue,
    Record,
    batched,
    check_ids,
    check_namespace,
    check_query,
    check_upsert,
    connection_errors,
    service_url,
)

if TYPE_CHECKING:  # for type checkers only: psycopg is imported on first use
    import psycopg
    from psycopg import sql

BATCH = 1000  # rows or ids per statement
HNSW_MAX_DIMENSION = 2000  # pgvector's HNSW indexes vectors of at most this size
EF_SEARCH = (40, 1000)  # pgvector's default and largest hnsw.ef_search
LONG_TAG = 256  # longer tags are stored hashed (GIN entries are limited to ~2.7 kB)
CREATE_LOCK = 0x72616734636F6465  # advisory lock serialising CREATE EXTENSION/TABLE
TABLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class DemoAdapter(Adapter):
    """rag4code vector_db API v1 over PostgreSQL with pgvector.

    `url=` (a libpq URL, default: the RAG4CODE_DEMO_URL environment variable,
    then DEFAULT_URL) and `namespace=` (the table) say where the records live.
    """

    api_version = 1

    def __init__(self, *, url: str | None = None, namespace: str = "rag4code") -> None:
        self._url = url
        self.namespace = check_table_name(namespace)
        self._connection: psycopg.Connection[tuple[Any, ...]] | None = None
        self._dimension: int | None = None

    @property
    def dimension(self) -> int | None:
        """The table's vector size; None until a first upsert made the table."""
        if self._dimension is None and not self._closed:
            self._stored_dimension()
        return self._dimension

    # --- connection and table ---------------------------------------------------

    def _connect(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The connection, made on first use (after the closed check)."""
        self.ensure_open()
        if self._connection is None or self._connection.closed:
            self._connection = connect(self._url)
        return self._connection

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor[tuple[Any, ...]]]:
        """A cursor in a transaction, committed at the end of the block, rolled
        back on any error; a lost connection raises ConnectionError."""
        connection = self._connect()
        with lost_connection(connection, self._url), connection.transaction(), connection.cursor() as cursor:
            yield cursor

    def _table(self) -> sql.Identifier:
        from psycopg import sql

        return sql.Identifier(self.namespace)

    def _stored_dimension(self) -> int | None:
        """The dimension of the namespace's table, None while there is none;
        read from the server until known (another instance may make the table)."""
        if self._dimension is None:
            with self._transaction() as cursor:
                self._dimension = read_dimension(cursor, self.namespace)
        return self._dimension

    def _create_table(self, cursor: psycopg.Cursor[tuple[Any, ...]], dimension: int) -> bool:
        """Make the table (and the vector extension) unless another instance
        did, under a lock: True if made here; ValueError if it was made for
        another dimension."""
        from psycopg import sql

        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (CREATE_LOCK,))
        cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        existing = read_dimension(cursor, self.namespace)
        if existing is not None and existing != dimension:
            raise ValueError(f"vector has dimension {dimension}, the store uses {existing}")
        if existing is None:
            cursor.execute(
                sql.SQL(
                    "CREATE TABLE {} (key bytea PRIMARY KEY, id text NOT NULL,"
                    " embedding vector({}) NOT NULL, metadata text NOT NULL, tags text[] NOT NULL)"
                ).format(self._table(), sql.Literal(dimension))
            )
        return existing is None

    def _create_indexes(self, cursor: psycopg.Cursor[tuple[Any, ...]], dimension: int) -> None:
        """The HNSW index (cosine) for queries and a GIN index for `where`: made
        after the first batch is in, which is several times faster than
        inserting rows one by one into an HNSW index."""
        from psycopg import sql

        if dimension <= HNSW_MAX_DIMENSION:
            cursor.execute(sql.SQL("CREATE INDEX ON {} USING hnsw (embedding vector_cosine_ops)").format(self._table()))
        cursor.execute(sql.SQL("CREATE INDEX ON {} USING gin (tags)").format(self._table()))

    # --- the API ---------------------------------------------------------------

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, MetadataValue]] | None = None,
    ) -> None:
        """Insert or overwrite records by id; all or nothing."""
        from psycopg import sql

        self.ensure_open()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._stored_dimension())
        if not rows or dimension is None:
            return
        values = [
            (key(check_storable(row.id)), row.id, vector_text(row.vector), json.dumps(row.metadata), tags(row.metadata))
            for row in rows
        ]
        statement = sql.SQL(
            "INSERT INTO {} (key, id, embedding, metadata, tags) VALUES (%s, %s, %s::vector, %s, %s)"
            " ON CONFLICT (key) DO UPDATE SET embedding = EXCLUDED.embedding,"
            " metadata = EXCLUDED.metadata, tags = EXCLUDED.tags"
        ).format(self._table())
        with self._transaction() as cursor:
            created = self._dimension is None and self._create_table(cursor, dimension)
            for batch in batched(values, BATCH):
                cursor.executemany(statement, batch)
            if created:
                self._create_indexes(cursor, dimension)
        self._dimension = dimension

    def query(
        self,
        vector: Sequence[float],
        *,
        top_k: int = 10,
        where: Mapping[str, MetadataValue] | None = None,
    ) -> list[Hit]:
        """The `top_k` most similar records, best first, among those matching `where`."""
        from psycopg import sql

        self.ensure_open()
        query, wanted = check_query(vector, top_k, where, self._stored_dimension())
        if self._dimension is None:
            return []
        filter_ = sql.SQL("WHERE tags @> %(tags)s") if wanted else sql.SQL("")
        search = sql.SQL(
            "SELECT id, metadata, embedding <=> %(vector)s::vector AS distance FROM {} {}"
            " ORDER BY distance LIMIT %(top_k)s"
        ).format(self._table(), filter_)
        parameters = {"vector": vector_text(query), "tags": tags(wanted), "top_k": top_k}
        ef_search = max(EF_SEARCH[0], min(top_k, EF_SEARCH[1]))
        with self._transaction() as cursor:
            cursor.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(ef_search),))
            rows = cursor.execute(search, parameters).fetchall()
            if len(rows) < top_k:
                counted = cursor.execute(
                    sql.SQL("SELECT count(*) FROM {} {}").format(self._table(), filter_), parameters
                ).fetchone()
                if counted is not None and len(rows) < min(top_k, counted[0]):
                    # The index came back short: search again, exactly.
                    cursor.execute("SET LOCAL enable_indexscan = off")
                    rows = cursor.execute(search, parameters).fetchall()
        hits = [
            Hit(id_, max(-1.0, min(1.0, 1.0 - float(distance))), json.loads(metadata))
            for id_, metadata, distance in rows
        ]
        return sorted(hits, key=lambda hit: -hit.score)  # an index may yield near ties out of order

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Records for `ids`, in that order; unknown ids are left out."""
        from psycopg import sql

        self.ensure_open()
        ids = check_ids(ids)
        if self._stored_dimension() is None:
            return []
        statement = sql.SQL("SELECT id, embedding::text, metadata FROM {} WHERE key = ANY(%s)").format(self._table())
        found: dict[str, tuple[str, str]] = {}
        with self._transaction() as cursor:
            for batch in batched(list(dict.fromkeys(ids)), BATCH):
                for id_, embedding, metadata in cursor.execute(statement, ([key(i) for i in batch],)):
                    found[id_] = (embedding, metadata)
        return [Record(id_, parse_vector(found[id_][0]), json.loads(found[id_][1])) for id_ in ids if id_ in found]

    def delete(self, ids: Sequence[str]) -> None:
        """Remove records by id; unknown ids are ignored."""
        from psycopg import sql

        self.ensure_open()
        ids = check_ids(ids)
        if self._stored_dimension() is None:
            return
        statement = sql.SQL("DELETE FROM {} WHERE key = ANY(%s)").format(self._table())
        with self._transaction() as cursor:
            for batch in batched(list(dict.fromkeys(ids)), BATCH):
                cursor.execute(statement, ([key(i) for i in batch],))

    def count(self) -> int:
        """Number of stored records."""
        from psycopg import sql

        self.ensure_open()
        if self._stored_dimension() is None:
            return 0
        with self._transaction() as cursor:
            row = cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(self._table())).fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Close the connection (the server keeps the table); again: nothing."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        super().close()


def drop_namespace(namespace: str, *, url: str | None = None) -> None:
    """Drop the table of `namespace` and all its records (no error if absent)."""
    from psycopg import sql

    statement = sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(check_table_name(namespace)))
    with connect(url) as connection, lost_connection(connection, url):
        connection.execute(statement)


# --- helpers -------------------------------------------------------------------------


def connect(url: str | None) -> psycopg.Connection[tuple[Any, ...]]:
    """A connection in autocommit mode (transactions are explicit blocks);
    ConnectionError naming the URL, its password as ***, when none can be made."""
    import psycopg

    resolved = service_url(url, URL_VARIABLE, DEFAULT_URL)
    with connection_errors(resolved, psycopg.OperationalError):
        return psycopg.connect(resolved, autocommit=True, connect_timeout=10)


@contextlib.contextmanager
def lost_connection(connection: psycopg.Connection[tuple[Any, ...]], url: str | None) -> Iterator[None]:
    """The connection lost in the block (the server went away) as ConnectionError;
    any other error as it is."""
    import psycopg

    try:
        yield
    except psycopg.OperationalError:
        if not connection.broken:
            raise
        with connection_errors(service_url(url, URL_VARIABLE, DEFAULT_URL), psycopg.OperationalError):
            raise


def read_dimension(cursor: psycopg.Cursor[tuple[Any, ...]], namespace: str) -> int | None:
    """The `vector(n)` size of the table's embedding column; None without a table."""
    row = cursor.execute(
        "SELECT atttypmod FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = 'embedding'",
        (f'"{namespace}"',),
    ).fetchone()
    return int(row[0]) if row else None


def check_table_name(namespace: str) -> str:
    """`namespace` if it can name a table as it is: a lowercase SQL name."""
    check_namespace(namespace)
    if not TABLE_NAME.fullmatch(namespace):
        raise ValueError(
            "namespace names a PostgreSQL table: lowercase letters, digits and _,"
            f" not starting with a digit, at most 63 characters; got {namespace!r}"
        )
    return namespace


def check_storable(id_: str) -> str:
    """`id_` if PostgreSQL text can hold it, else ValueError (before any write)."""
    if "\x00" in id_:
        raise ValueError(f"id {id_!r} holds a NUL character, which PostgreSQL text cannot store")
    try:
        id_.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"id {id_!r} is not valid Unicode (a lone surrogate): PostgreSQL cannot store it") from None
    return id_


def key(id_: str) -> bytes:
    """The primary key of an id: its SHA-256 (any id, any length)."""
    return hashlib.sha256(id_.encode("utf-8", "surrogatepass")).digest()


def vector_text(vector: Sequence[float]) -> str:
    """pgvector's text form of `vector` divided by its largest component."""
    largest = max(abs(value) for value in vector)
    return "[" + ",".join(repr(value / largest) for value in vector) + "]"


def parse_vector(text: str) -> list[float]:
    """A vector from pgvector's text form, "[1,0.5,...]"."""
    return [float(value) for value in text.strip("[]").split(",")]


def tags(metadata: Metadata) -> list[str]:
    """One tag per item, its key, type and value: what `where` matches."""
    found = []
    for name, value in metadata.items():
        if isinstance(value, float) and value == 0:
            value = 0.0  # -0.0 == 0.0
        tag = json.dumps([name, type(value).__name__, value])
        found.append(tag if len(tag) <= LONG_TAG else "#" + hashlib.sha256(tag.encode("ascii")).hexdigest())
    return found
