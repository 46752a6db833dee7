"""Breaks: get() finds each id with a glob match (Redis `SCAN MATCH`, fnmatch), so `a*` or `a?` also returns "ab"."""

import fnmatch

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Record, check_ids

CAUGHT_BY = "test_get_ids_with_pattern_characters_match_literally"


class DemoAdapter(Reference):
    def get(self, ids):
        client = self._client()
        return [
            Record(key, list(client.vectors[key]), dict(client.metadata[key]))
            for id_ in check_ids(ids)
            for key in list(client.vectors)  # SCAN 0 MATCH <id>
            if fnmatch.fnmatchcase(key, id_)
        ]
