"""A rag4code vector_db adapter over a real server: Chroma (`chroma run`),
through its HTTP client; the shared part of server.py and cloud.py.

Not part of any generated plugin: tests/test_server.py and tests/test_cloud.py
copy this file as `rag4code_demo/_chroma.py` and server.py or cloud.py as
`rag4code_demo/adapter.py` into a plugin rendered with `backend=server` or
`backend=cloud`, and run the generated contract suite, unchanged, against a
Chroma server started for the test session. Written the way an author fills
in those skeletons:

- `url=`, `api_key=` and `namespace=` (the Chroma collection) are only kept
  in `__init__`; the defaults are read, chromadb is imported and the client
  made on first use, so `Class()` and `EntryPoint.load()` stay offline.
- A key, when there is one, goes out as request headers (Authorization and
  X-API-Key), which the contract's recording filters keep out of cassettes.
- Chroma ids are any strings, so ids are stored as given.
- Chroma's `where` compares numbers across types (1 matches 1.0), so each
  metadata item also gets a typed tag (`rag4code:tag:<key>` = JSON of type and
  value) that `where` matches with `$eq`; the metadata itself is kept as JSON
  in `rag4code:json`, so values and types come back exactly.
- Requests are split at Chroma's batch limit; the collection uses cosine
  distance, so a hit's score is 1 - distance.
- A server adapter shares one HTTP client per URL in the process; a cloud
  adapter makes one per instance, so every test records its own handshake.
- `drop_namespace()` deletes a collection: the generated tests call it after
  each test for the namespaces they used.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar
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
    read_api_key,
    service_url,
)

if TYPE_CHECKING:  # for type checkers only: nothing of chromadb is imported at run time
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

JSON_KEY = "rag4code:json"
TAG = "rag4code:tag:"
ID_BATCH = 1000  # ids per get or delete request


class ChromaAdapter(Adapter):
    """rag4code vector_db API v1 over a Chroma server."""

    api_version = 1
    url_variable: ClassVar[str]
    default_url: ClassVar[str]
    api_key_variable: ClassVar[str | None] = None  # set: a key is required and sent
    share_clients: ClassVar[bool] = False

    def __init__(self, *, url: str | None = None, api_key: str | None = None, namespace: str = "rag4code") -> None:
        self._url = url
        self._api_key = api_key
        self.namespace = check_namespace(namespace)
        self._collection: Collection | None = None
        self._batch = 0
        self._dimension: int | None = None

    @property
    def dimension(self) -> int | None:
        """The collection's vector size; None until the first upsert."""
        self._client()  # an existing collection has its size
        return self._dimension

    def _client(self) -> Collection:
        """The collection, made on first use; an existing one keeps its dimension."""
        self.ensure_open()
        if self._collection is None:
            client = self.connect(self._url, self._api_key)
            self._collection = client.get_or_create_collection(
                self.namespace, configuration={"hnsw": {"space": "cosine"}}
            )
            self._batch = client.get_max_batch_size()
            # The server keeps a collection's size, also once every record is deleted.
            self._dimension = self._collection.get_model().dimension
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

    @classmethod
    def connect(cls, url: str | None, api_key: str | None) -> ClientAPI:
        """A Chroma HTTP client for the service (chromadb is imported here, on
        first use), the key sent as headers when the API needs one."""
        resolved = service_url(url, cls.url_variable, cls.default_url)
        key = read_api_key(api_key, cls.api_key_variable) if cls.api_key_variable else None
        if cls.share_clients and (resolved, key) in _CLIENTS:
            return _CLIENTS[resolved, key]
        import chromadb
        from chromadb.config import Settings

        parts = urlsplit(resolved)
        tls = parts.scheme == "https"
        headers = {"Authorization": f"Bearer {key}", "X-API-Key": key} if key else None
        client = chromadb.HttpClient(
            host=parts.hostname or "localhost",
            port=parts.port or (443 if tls else 80),
            ssl=tls,
            headers=headers,
            # Plain HTTP has no certificates to check: without this, every
            # client loads the CA bundle (50 ms each, hundreds of clients a run).
            settings=None if tls else Settings(chroma_server_ssl_verify=False),
        )
        if cls.share_clients:
            _CLIENTS[resolved, key] = client
        return client

    @classmethod
    def drop(cls, namespace: str, url: str | None, api_key: str | None) -> None:
        """Delete the collection `namespace` and all its records (no error if absent)."""
        from chromadb.errors import NotFoundError

        with contextlib.suppress(NotFoundError):
            cls.connect(url, api_key).delete_collection(check_namespace(namespace))


_CLIENTS: dict[tuple[str, str | None], ClientAPI] = {}


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
