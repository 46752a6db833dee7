r"""Breaks: lines come from str.splitlines(), so "\f", "\v", U+2028, a lone "\r"... start new lines."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk, check_source

CAUGHT_BY = "test_chunk_unusual_separator_does_not_start_line"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        self._parser()
        check_source(source, path)
        lines = source.splitlines(keepends=True)
        chunks = []
        start = 0
        while start < len(lines):
            window = lines[start : start + self.max_lines]
            while window and not window[-1].strip():
                window.pop()
            while window and not window[0].strip():
                window.pop(0)
                start += 1
            if window:
                text = "".join(window).removesuffix("\n").removesuffix("\r")
                chunks.append(Chunk(text, start + 1, start + len(window)))
            start += max(len(window), 1)
        return chunks
