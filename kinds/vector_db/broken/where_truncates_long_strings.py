"""Breaks: the filter index holds the first 256 characters of each string (and the filter is cut alike), so a long value matches every record sharing its prefix."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_query, matches

CAUGHT_BY = "test_query_where_long_string_matches_exactly"

KEYWORD_LENGTH = 256  # characters of a string the filter index keeps


def indexed(metadata):
    """Metadata as the filter index compares it: strings cut to KEYWORD_LENGTH."""
    return {key: value[:KEYWORD_LENGTH] if isinstance(value, str) else value for key, value in metadata.items()}


class DemoAdapter(Reference):
    def query(self, vector, *, top_k=10, where=None):
        _, wanted = check_query(vector, top_k, where, self._dimension)
        ranked = super().query(vector, top_k=max(1, self.count()))  # every record, best first
        return [hit for hit in ranked if matches(indexed(hit.metadata), indexed(wanted))][:top_k]
