"""Breaks: lines before the first definition (imports, comments) are lost."""

import re

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_every_nonblank_line_is_covered"
DEFINITION = re.compile(r"(?:@|def |class |async def |export |function )")


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        chunks = super().chunk(source, path=path)
        lines = source.split("\n")
        first = next(
            (n for n, line in enumerate(lines, start=1) if DEFINITION.match(line)),
            1,
        )
        return [c for c in chunks if c.end_line >= first]
