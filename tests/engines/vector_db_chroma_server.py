"""A rag4code vector_db adapter over a real server: Chroma (`chroma run`),
through its HTTP client.

Not part of any generated plugin: tests/test_server.py renders a plugin with
`backend=server`, swaps this file in as `rag4code_demo/adapter.py` and runs
the generated contract suite, unchanged, against a Chroma server started for
the test session. Written the way an author fills in the server skeleton:

- `url=` (default: RAG4CODE_DEMO_URL, then localhost) and `namespace=` (the
  Chroma collection) are only read in `__init__`; chromadb is imported and the
  client made on first use, so `Class()` and `EntryPoint.load()` stay offline.
- Chroma ids are any strings, so ids are stored as given.
- Chroma's `where` compares numbers across types (1 matches 1.0), so each
  metadata item also gets a typed tag (`rag4code:tag:<key>` = JSON of type and
  value) that `where` matches with `$eq`; the metadata itself is kept as JSON
  in `rag4code:json`, so values and types come back exactly.
- Requests are split at Chroma's batch limit; the collection uses cosine
  distance, so a hit's score is 1 - distance.
- One HTTP client per URL and process, shared by the instances.
- `drop_namespace()` deletes a collection: the generated tests call it after
  each test for the namespaces they used.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from rag4code_demo.support import (
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
    service_url,
)

if TYPE_CHECKING:  # for type checkers only: nothing of chromadb is imported at run time
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

URL_VARIABLE = "RAG4CODE_DEMO_URL"
DEFAULT_URL = "http://localhost:8000"
JSON_KEY = "rag4code:json"
TAG = "rag4code:tag:"
ID_BATCH = 1000  # ids per get or delete request


class DemoAdapter(Adapter):
    """rag4code vector_db API v1 over a Chroma server."""

    api_version = 1

    def __init__(self, *, url: str | None = None, namespace: str = "rag4code") -> None:
        self.url = service_url(url, URL_VARIABLE, DEFAULT_URL)
        self.namespace = check_namespace(namespace)
        self._collection: Collection | None = None
        self._batch = 0
        self._dimension: int | None = None

    @property
    def dimension(self) -> int | None:
        """The collection's vector size; None until the first upsert."""
        return self._dimension

    def _client(self) -> Collection:
        """The collection, made on first use; an existing one keeps its dimension."""
        self.ensure_open()
        if self._collection is None:
            client = _connect(self.url)
            self._collection = client.get_or_create_collection(
                self.namespace, configuration={"hnsw": {"space": "cosine"}}
            )
            self._batch = client.get_max_batch_size()
            peek = self._collection.peek(1)
            if peek["embeddings"] is not None and len(peek["embeddings"]):
                self._dimension = len(peek["embeddings"][0])
        return self._collection

    # --- the API ---------------------------------------------------------------

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Sequence[float]],
        metadatas: Sequence[Mapping[str, MetadataValue]] | None = None,
    ) -> None:
        """Insert or overwrite records by id; all or nothing."""
        collection = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for batch in batched(rows, self._batch):
            collection.upsert(
                ids=[row.id for row in batch],
                embeddings=[row.vector for row in batch],
                metadatas=[_stored(row.metadata) for row in batch],
            )
        self._dimension = dimension

    def query(
        self,
        vector: Sequence[float],
        *,
        top_k: int = 10,
        where: Mapping[str, MetadataValue] | None = None,
    ) -> list[Hit]:
        """The `top_k` most similar records, best first, among those matching `where`."""
        collection = self._client()
        query, wanted = check_query(vector, top_k, where, self._dimension)
        stored = collection.count()
        if not stored:
            return []
        result = collection.query(
            query_embeddings=[query],
            n_results=min(top_k, stored),
            where=_where(wanted),
            include=["metadatas", "distances"],
        )
        ids = result["ids"][0]
        metadatas = (result["metadatas"] or [[]])[0]
        distances = (result["distances"] or [[]])[0]
        hits = [
            Hit(id_, max(-1.0, min(1.0, 1.0 - float(distance))), _metadata(meta))
            for id_, meta, distance in zip(ids, metadatas, distances, strict=True)
        ]
        return sorted(hits, key=lambda hit: -hit.score)

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Records for `ids`, in that order; unknown ids are left out."""
        collection = self._client()
        ids = check_ids(ids)
        found: dict[str, Record] = {}
        for batch in batched(list(dict.fromkeys(ids)), ID_BATCH):
            result = collection.get(ids=list(batch), include=["embeddings", "metadatas"])
            embeddings = result["embeddings"] if result["embeddings"] is not None else []
            for id_, vector, meta in zip(result["ids"], embeddings, result["metadatas"] or [], strict=True):
                found[id_] = Record(id_, [float(v) for v in vector], _metadata(meta))
        return [found[id_]._replace(metadata=dict(found[id_].metadata)) for id_ in ids if id_ in found]

    def delete(self, ids: Sequence[str]) -> None:
        """Remove records by id; unknown ids are ignored."""
        collection = self._client()
        for batch in batched(list(dict.fromkeys(check_ids(ids))), ID_BATCH):
            collection.delete(ids=list(batch))

    def count(self) -> int:
        """Number of stored records."""
        return self._client().count()

    def close(self) -> None:
        """Forget the collection (the server keeps it); again: nothing."""
        self._collection = None
        super().close()


def drop_namespace(namespace: str, *, url: str | None = None) -> None:
    """Delete the collection `namespace` and all its records (no error if absent)."""
    from chromadb.errors import NotFoundError

    client = _connect(service_url(url, URL_VARIABLE, DEFAULT_URL))
    with contextlib.suppress(NotFoundError):
        client.delete_collection(check_namespace(namespace))


_CLIENTS: dict[str, ClientAPI] = {}


def _connect(url: str) -> ClientAPI:
    """The Chroma HTTP client for `url`, one per URL and process (chromadb is
    imported here, on first use)."""
    if url not in _CLIENTS:
        import chromadb

        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        _CLIENTS[url] = chromadb.HttpClient(host=parts.hostname or "localhost", port=port, ssl=parts.scheme == "https")
    return _CLIENTS[url]


def _stored(metadata: Metadata) -> dict[str, Any]:
    """Chroma metadata: the exact JSON, plus one typed tag per item for `where`."""
    return {JSON_KEY: json.dumps(metadata), **{TAG + key: _tag(value) for key, value in metadata.items()}}


def _tag(value: MetadataValue) -> str:
    """A value with its type, as one string: 1, 1.0 and True differ."""
    if isinstance(value, float) and value == 0:
        value = 0.0  # -0.0 == 0.0
    return json.dumps([type(value).__name__, value])


def _where(wanted: Metadata) -> dict[str, Any] | None:
    """`where` as a Chroma filter on the typed tags: every key equal (AND)."""
    conditions: list[dict[str, Any]] = [{TAG + key: {"$eq": _tag(value)}} for key, value in wanted.items()]
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def _metadata(stored: Mapping[str, Any] | None) -> Metadata:
    """The caller's metadata, exactly as upserted."""
    loaded: Metadata = json.loads(str((stored or {})[JSON_KEY]))
    return loaded
