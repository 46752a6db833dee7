"""Breaks: get() finds each id with a regular expression (MongoDB's `$regex`), so "a.c" also returns "abc" and "a+" returns "aa"."""

import re

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Record, check_ids

CAUGHT_BY = "test_get_ids_with_pattern_characters_match_literally"


class DemoAdapter(Reference):
    def get(self, ids):
        client = self._client()
        records = []
        for id_ in check_ids(ids):
            try:
                pattern = re.compile(id_)
            except re.error:  # not a valid pattern: looked up as it is
                pattern = re.compile(re.escape(id_))
            records += [
                Record(key, list(client.vectors[key]), dict(client.metadata[key]))
                for key in list(client.vectors)  # {"_id": {"$regex": "^<id>$"}}
                if pattern.fullmatch(key)
            ]
        return records
