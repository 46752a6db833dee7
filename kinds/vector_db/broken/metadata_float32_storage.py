"""Breaks: float metadata is stored in a float32 field, so 0.1 comes back as 0.10000000149 and 1.5e308 as infinity."""

import math
import struct

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_upsert

CAUGHT_BY = "test_upsert_metadata_extreme_numbers_round_trip"


def as_float32(value):
    """What a 4-byte REAL / float32 payload field keeps of a float."""
    try:
        return struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:  # out of float32 range: the field holds infinity, as numpy.float32 does
        return math.copysign(math.inf, value)


class DemoAdapter(Reference):
    def upsert(self, ids, vectors, metadatas=None):
        client = self._client()
        dimension, rows = check_upsert(ids, vectors, metadatas, self._dimension)
        for row in rows:
            client.vectors[row.id] = row.vector
            client.metadata[row.id] = {
                key: as_float32(value) if isinstance(value, float) else value for key, value in row.metadata.items()
            }
        self._dimension = dimension
