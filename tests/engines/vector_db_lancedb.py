"""A rag4code vector_db adapter over a second real engine: LanceDB, embedded.

Not part of any generated plugin: tests/test_engines.py swaps this file in as
`rag4code_demo/adapter.py` of a rendered plugin and runs the generated contract
suite, unchanged, against it. Written the way a plugin author would write
`rag4code-lancedb`:

- `DemoAdapter()` is an in-memory database (`lancedb.connect("memory://")`, one
  per instance); `path=` keeps the table in a folder, where a later instance
  with the same path finds it (tests/test_engines.py runs it on disk, a folder
  per instance and `persists = True`: the code that runs in memory too, and
  the persistence tests). lancedb and pyarrow are imported on first use, never
  at module import.
- One Arrow table: `id` (any string, so no id mapping), `vector` (float32,
  fixed size, so the table is created by the first upsert), `metadata` (JSON, so
  str, int, float and bool come back with their type) and `tags`, one typed
  `key=value` token per metadata item, which `where` matches with
  `array_has_all` as a prefilter of the search, applied before `top_k`.
- An upsert is one `merge_insert` on `id`: one commit, all or nothing, after
  every check has passed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from rag4code_demo.support import (  # the template's types and checks
    Adapter,
    Hit,
    Metadata,
    MetadataValue,
    Record,
    batched,
    check_ids,
    check_query,
    check_upsert,
)

if TYPE_CHECKING:  # for type checkers only: nothing of lancedb is imported at run time
    from lancedb.db import DBConnection
    from lancedb.query import LanceVectorQueryBuilder
    from lancedb.table import Table

BATCH = 1000  # ids per SQL `IN (...)` list


class DemoAdapter(Adapter):
    """rag4code vector_db API v1 over LanceDB (in memory by default)."""

    api_version = 1

    def __init__(self, *, path: str | None = None, table: str = "rag4code") -> None:
        if not isinstance(table, str) or not table:
            raise ValueError("table must be a non-empty string")
        self.path = path
        self.table_name = table
        self._db: DBConnection | None = None
        self._table: Table | None = None
        self._dimension: int | None = None

    @property
    def dimension(self) -> int | None:
        """The table's vector size; None until the first upsert creates it."""
        self._connect()  # a table already in `path` has its size
        return self._dimension

    def _connect(self) -> DBConnection:
        """The database, opened on first use; opens the table if it already exists."""
        self.ensure_open()
        if self._db is None:
            import lancedb

            db = lancedb.connect(self.path if self.path is not None else "memory://")
            if self.table_name in db.list_tables().tables:
                self._table = db.open_table(self.table_name)
                self._dimension = self._table.schema.field("vector").type.list_size
            self._db = db
        return self._db

    # --- the API ---------------------------------------------------------------

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, MetadataValue]] | None = None,
    ) -> None:
        """Insert or overwrite records by id; all or nothing."""
        db = self._connect()
        dimension, checked = check_upsert(ids, vectors, metadatas, self._dimension)
        rows = [
            {"id": id_, "vector": vector, "metadata": json.dumps(meta), "tags": _tags(meta)}
            for id_, vector, meta in checked
        ]
        if not rows:
            return
        # Everything is valid: only now write, in one commit.
        if self._table is None:
            import pyarrow as pa  # type: ignore[import-untyped]

            assert dimension is not None
            schema = pa.schema(
                [
                    pa.field("id", pa.string(), nullable=False),
                    pa.field("vector", pa.list_(pa.float32(), dimension), nullable=False),
                    pa.field("metadata", pa.string(), nullable=False),
                    pa.field("tags", pa.list_(pa.string()), nullable=False),
                ]
            )
            self._table = db.create_table(self.table_name, data=rows, schema=schema)
            self._dimension = dimension
            return
        self._table.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(rows)

    def query(
        self,
        vector: Sequence[float],
        *,
        top_k: int = 10,
        where: Mapping[str, MetadataValue] | None = None,
    ) -> list[Hit]:
        """The `top_k` most similar records, best first, among those matching `where`."""
        self._connect()  # opens an existing table, so the dimension is known
        query, wanted = check_query(vector, top_k, where, self._dimension)
        if self._table is None:
            return []
        search = cast("LanceVectorQueryBuilder", self._table.search(query))
        search = search.distance_type("cosine").select(["id", "metadata", "_distance"]).limit(top_k)
        if wanted:
            tokens = ", ".join(_sql_string(tag) for tag in _tags(wanted))
            search = search.where(f"array_has_all(tags, [{tokens}])", prefilter=True)
        return [
            # cosine distance is 1 - similarity; clamp float32 rounding into [-1, 1]
            Hit(row["id"], max(-1.0, min(1.0, 1.0 - float(row["_distance"]))), json.loads(row["metadata"]))
            for row in search.to_list()
        ]

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Records for `ids`, in that order; unknown ids are left out."""
        self._connect()
        ids = check_ids(ids)
        if not ids or self._table is None:
            return []
        found = {}
        for batch in batched(list(dict.fromkeys(ids)), BATCH):
            rows = (
                self._table.search()
                .where(f"id IN ({', '.join(map(_sql_string, batch))})")
                .select(["id", "vector", "metadata"])
                .limit(len(batch))
                .to_list()
            )
            found.update((row["id"], row) for row in rows)
        return [
            Record(id_, [float(v) for v in found[id_]["vector"]], json.loads(found[id_]["metadata"]))
            for id_ in ids
            if id_ in found
        ]

    def delete(self, ids: Sequence[str]) -> None:
        """Remove records by id; unknown ids are ignored."""
        self._connect()
        ids = check_ids(ids)
        if self._table is not None:
            for batch in batched(list(dict.fromkeys(ids)), BATCH):
                self._table.delete(f"id IN ({', '.join(map(_sql_string, batch))})")

    def count(self) -> int:
        """Number of stored records."""
        self._connect()
        return 0 if self._table is None else self._table.count_rows()

    def close(self) -> None:
        """Drop the connection (an in-memory database is gone after this); again: nothing."""
        self._table = None
        self._db = None
        super().close()


def _tags(metadata: Metadata) -> list[str]:
    """One token per metadata item, carrying key, type and value, for exact `where` matches."""
    tokens = []
    for key, value in metadata.items():
        if isinstance(value, float) and value == 0:
            value = 0.0  # -0.0 == 0.0
        tokens.append(json.dumps([key, type(value).__name__, value], ensure_ascii=False))
    return tokens


def _sql_string(text: str) -> str:
    """`text` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
