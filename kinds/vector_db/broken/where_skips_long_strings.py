"""Breaks: the filter index skips string values longer than 256 characters (a keyword field's `ignore_above: 256`), so `where` on a long value finds nothing."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_where_long_string_matches_exactly"

IGNORE_ABOVE = 256  # longer strings are stored, but not indexed for filtering


def indexed(metadata):
    """What the filter index holds of a record's metadata."""
    return {key: value for key, value in metadata.items() if not (isinstance(value, str) and len(value) > IGNORE_ABOVE)}


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        _, wanted = check_query(vector, top_k, where, self._dimension)
        ranked = super().query(vector, top_k=max(1, self.count()))  # every record, best first
        return [hit for hit in ranked if matches(indexed(hit.metadata), wanted)][:top_k]
