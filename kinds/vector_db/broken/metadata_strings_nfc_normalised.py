"""Breaks: string metadata values are stored NFC-normalised, so an NFD string comes back in another form."""

import unicodedata

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_strings_round_trip_exactly"


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {
                key: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
                for key, value in row.metadata.items()
            }
        self._dimension = dimension
