"""A rag4code vector_db adapter over a real engine: Qdrant, through qdrant-client.

Not part of any generated plugin: tests/test_engines.py swaps this file in as
`rag4code_demo/adapter.py` of a rendered plugin and runs the generated contract
suite, unchanged, against it. It is written the way a plugin author would write
`rag4code-qdrant`, so it also shows how the API v1 rules map onto a real backend:

- `DemoAdapter()` is Qdrant's local mode in memory (`QdrantClient(":memory:")`);
  `url=` or `path=` pick a server or an on-disk local store. qdrant_client is
  imported on first use, never at module import.
- Qdrant wants UUID or integer point ids: a string id maps to `stable_key(id)` (uuid5), and
  the original id is kept in the payload (`"id"`), next to `"metadata"`.
- The collection needs its vector size up front, so it is created by the first
  upsert, with cosine distance (Qdrant normalises vectors on write: `get()`
  returns a positive multiple of what was stored, which the contract allows).
- Every check runs before anything is written; a rejected call changes nothing.
- `where` becomes a Qdrant filter passed to the search itself, so it applies
  before `top_k`. Qdrant keeps bool, int, float and str as distinct types for an
  exact match (`MatchValue`), but takes no float operand there, so a float is an
  equality range `[v, v]` that excludes an integer of the same value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

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
    stable_key,
)

if TYPE_CHECKING:  # for type checkers only: nothing of qdrant_client is imported at run time
    from qdrant_client import QdrantClient
    from qdrant_client.http import models

BATCH = 1024  # points per Qdrant request (upsert, retrieve, delete)
QDRANT_INT = 2**63  # Qdrant payload integers are signed 64-bit


class DemoAdapter(Adapter):
    """rag4code vector_db API v1 over Qdrant (local mode in memory by default)."""

    api_version = 1

    def __init__(
        self,
        *,
        url: str | None = None,
        path: str | None = None,
        collection: str = "rag4code",
        api_key: str | None = None,
    ) -> None:
        if url is not None and path is not None:
            raise ValueError("give url= (a Qdrant server) or path= (local mode on disk), not both")
        if not isinstance(collection, str) or not collection:
            raise ValueError("collection must be a non-empty string")
        self.url = url
        self.path = path
        self.collection = collection
        self._api_key = api_key
        self._client: QdrantClient | None = None
        self._dimension: int | None = None

    @property
    def dimension(self) -> int | None:
        """The collection's vector size; None until the first upsert creates it."""
        return self._dimension

    def _connect(self) -> QdrantClient:
        """The client, made on first use; learns the dimension of an existing collection."""
        self.ensure_open()
        if self._client is None:
            from qdrant_client import QdrantClient

            if self.url is not None:
                client = QdrantClient(url=self.url, api_key=self._api_key)
            else:
                client = QdrantClient(path=self.path) if self.path is not None else QdrantClient(":memory:")
            if client.collection_exists(self.collection):
                vectors = client.get_collection(self.collection).config.params.vectors
                self._dimension = getattr(vectors, "size", None)
            self._client = client
        return self._client

    def _has_collection(self) -> bool:
        """True once the collection exists (created by the first upsert)."""
        self._connect()
        return self._dimension is not None

    # --- the API ---------------------------------------------------------------

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, MetadataValue]] | None = None,
    ) -> None:
        """Insert or overwrite records by id; all or nothing."""
        client = self._connect()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        rows = [row._replace(metadata=_check_metadata(row.metadata)) for row in rows]  # Qdrant's stricter keys
        if not rows:
            return
        # Everything is valid: only now write.
        from qdrant_client.http import models

        if self._dimension is None:
            assert dimension is not None
            client.create_collection(
                self.collection,
                vectors_config=models.VectorParams(size=dimension, distance=models.Distance.COSINE),
            )
            self._dimension = dimension
        points = [
            models.PointStruct(id=stable_key(id_), vector=vector, payload=_payload(id_, meta))
            for id_, vector, meta in rows
        ]
        for batch in batched(points, BATCH):
            client.upsert(self.collection, points=list(batch), wait=True)

    def query(
        self,
        vector: Sequence[float],
        *,
        top_k: int = 10,
        where: Mapping[str, MetadataValue] | None = None,
    ) -> list[Hit]:
        """The `top_k` most similar records, best first, among those matching `where`."""
        exists = self._has_collection()  # connects, so the dimension is known
        query, wanted = check_query(vector, top_k, where, self._dimension)
        wanted = _check_metadata(wanted)  # Qdrant's stricter keys
        if not exists:
            return []
        response = self._connect().query_points(
            self.collection,
            query=query,
            limit=top_k,
            query_filter=_where_filter(wanted),
            with_payload=True,
            with_vectors=False,
        )
        return [_hit(point.payload or {}, point.score) for point in response.points]

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Records for `ids`, in that order; unknown ids are left out."""
        exists = self._has_collection()
        ids = check_ids(ids)
        if not ids or not exists:
            return []
        points = [
            point
            for batch in batched(list(dict.fromkeys(stable_key(id_) for id_ in ids)), BATCH)
            for point in self._connect().retrieve(
                self.collection, ids=list(batch), with_payload=True, with_vectors=True
            )
        ]
        found: dict[str, tuple[list[float], Mapping[str, Any]]] = {}
        for point in points:
            payload = point.payload or {}
            if not isinstance(point.vector, list):  # one unnamed dense vector per point
                raise TypeError(f"unexpected vector in Qdrant: {type(point.vector).__name__}")
            found[payload["id"]] = (cast("list[float]", point.vector), payload)
        return [Record(id_, [float(v) for v in found[id_][0]], _metadata(found[id_][1])) for id_ in ids if id_ in found]

    def delete(self, ids: Sequence[str]) -> None:
        """Remove records by id; unknown ids are ignored."""
        exists = self._has_collection()
        ids = check_ids(ids)
        if not ids or not exists:
            return
        from qdrant_client.http import models

        for batch in batched([stable_key(id_) for id_ in ids], BATCH):
            self._connect().delete(self.collection, points_selector=models.PointIdsList(points=list(batch)), wait=True)

    def count(self) -> int:
        """Number of stored records."""
        if not self._has_collection():
            return 0
        return self._connect().count(self.collection, exact=True).count

    def close(self) -> None:
        """Close the client (an in-memory store is gone after this); again: nothing."""
        if self._client is not None:
            self._client.close()
            self._client = None
        super().close()


def _payload(id_: str, metadata: Metadata) -> dict[str, Any]:
    """A point's payload: the original id beside the caller's metadata, never mixed."""
    return {"id": id_, "metadata": metadata}


def _metadata(payload: Mapping[str, Any]) -> Metadata:
    """A fresh copy of the metadata kept in a point's payload."""
    return dict(payload.get("metadata") or {})


def _hit(payload: Mapping[str, Any], score: float) -> Hit:
    """A Hit from a scored point; the score is cosine similarity (clamped against
    float32 rounding, which can land a hair outside [-1, 1])."""
    return Hit(payload["id"], max(-1.0, min(1.0, float(score))), _metadata(payload))


def _where_filter(wanted: Metadata) -> models.Filter | None:
    """`where` as a Qdrant filter: every key equal, with its type (AND)."""
    if not wanted:
        return None
    from qdrant_client.http import models

    must: list[models.Condition] = []
    must_not: list[models.Condition] = []
    for key, value in wanted.items():
        field = f'metadata."{key}"'
        if isinstance(value, float):
            # MatchValue takes no float: an equality range, minus an int of the same value.
            must.append(models.FieldCondition(key=field, range=models.Range(gte=value, lte=value)))
            if value.is_integer() and abs(value) < QDRANT_INT:
                must_not.append(models.FieldCondition(key=field, match=models.MatchValue(value=int(value))))
        else:
            must.append(models.FieldCondition(key=field, match=models.MatchValue(value=value)))
    return models.Filter(must=must, must_not=must_not or None)


def _check_metadata(metadata: Mapping[str, MetadataValue]) -> Metadata:
    """A copy of `metadata`: string keys Qdrant can address, str/int/float/bool values."""
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a mapping, got {type(metadata).__name__}")
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise TypeError(f"metadata keys must be strings, got {key!r}")
        if not key or '"' in key:
            raise ValueError(f"metadata key {key!r} must be non-empty and without '\"' (a Qdrant payload path)")
        if not isinstance(value, (str, int, float, bool)):
            raise TypeError(f"metadata {key!r} must be str, int, float or bool, got {value!r}")
        if isinstance(value, int) and not isinstance(value, bool) and not -QDRANT_INT <= value < QDRANT_INT:
            raise ValueError(f"metadata {key!r} = {value} does not fit Qdrant's 64-bit integers")
    return dict(metadata)
