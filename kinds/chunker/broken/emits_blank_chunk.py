"""Breaks: runs of blank lines are emitted as chunks of their own."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_no_chunk_is_blank"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        chunks = super().chunk(source, path=path)
        lines = source.split("\n")
        if source.endswith("\n"):
            lines.pop()
        blank = [
            Chunk(line.removesuffix("\r"), number, number)
            for number, line in enumerate(lines, start=1)
            if not line.strip()
        ]
        return sorted(chunks + blank, key=lambda c: c.start_line)
