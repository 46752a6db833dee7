"""Breaks: delete() removes `WHERE id LIKE %s` (a helper shared with prefix deletes), so "%" deletes every record and "a_" deletes "ab"."""

import re

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_delete_ids_with_pattern_characters_match_literally"


def like(pattern):
    """SQL LIKE as a regular expression: % any run, _ any character, \\ escapes the next one."""
    parts, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            parts.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        index += 1
    return re.compile("".join(parts), re.DOTALL)


class DemoAdapter(Reference):
    def delete(self, ids):
        client = self._client()
        patterns = [like(id_) for id_ in check_ids(ids)]
        doomed = [key for key in client.vectors if any(pattern.fullmatch(key) for pattern in patterns)]
        super().delete(doomed)
