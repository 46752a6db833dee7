"""Breaks: the pieces of a definition longer than max_lines are all numbered from the definition's first line."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import Chunk

CAUGHT_BY = "test_chunk_text_is_exact_source_substring"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        chunks, node_start = [], None
        for piece in super().chunk(source, path=path):
            if node_start is None or not piece.text[:1].isspace():  # a piece at column 0 opens a new node
                node_start = piece.start_line
                chunks.append(piece)
            else:  # a later window of the same oversized node: numbered from the node's row, not its own
                chunks.append(Chunk(piece.text, node_start, node_start + piece.end_line - piece.start_line))
        return chunks
