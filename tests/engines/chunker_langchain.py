"""A rag4code chunker over a character-based splitter: LangChain's
RecursiveCharacterTextSplitter, through the support module's chunks_from_spans().

Not part of any generated plugin: tests/test_engines.py swaps this file in as
`rag4code_demo/adapter.py` of a rendered plugin and runs the generated contract
suite, unchanged, against it. It is the adapter an author writes around a
splitter that knows characters, not lines:

- `max_lines=` (every rag4code chunker accepts it) becomes the splitter's
  `chunk_size` in characters (`max_lines * 60`); the line limit itself is then
  enforced by `chunks_from_spans()`, which cuts oversized pieces into windows.
- The splitter strips whitespace and reports where each piece starts
  (`add_start_index=True`); each piece becomes the span [start, start + len),
  and `chunks_from_spans()` turns the spans into whole-line chunks with the
  exact source text, covering every non-blank line.
- langchain_text_splitters is imported on first use, never at module import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag4code_demo.support import Adapter, Chunk, check_max_lines, check_source, chunks_from_spans

if TYPE_CHECKING:  # for type checkers only: nothing of LangChain is imported at run time
    from langchain_text_splitters import RecursiveCharacterTextSplitter

CHARACTERS_PER_LINE = 60


class DemoAdapter(Adapter):
    """rag4code chunker API v1 over LangChain's RecursiveCharacterTextSplitter."""

    api_version = 1

    def __init__(self, *, max_lines: int = 40) -> None:
        self.max_lines = check_max_lines(max_lines)
        self._splitter: RecursiveCharacterTextSplitter | None = None

    def _load(self) -> RecursiveCharacterTextSplitter:
        """The splitter, made on first use."""
        self.ensure_open()
        if self._splitter is None:
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            self._splitter = RecursiveCharacterTextSplitter(
                chunk_size=self.max_lines * CHARACTERS_PER_LINE, chunk_overlap=0, add_start_index=True
            )
        return self._splitter

    def chunk(self, source: str, *, path: str = "") -> list[Chunk]:
        """Whole-line chunks in source order; [] for an empty or blank source."""
        splitter = self._load()
        check_source(source, path)
        documents = splitter.create_documents([source])
        spans = [
            (document.metadata["start_index"], document.metadata["start_index"] + len(document.page_content))
            for document in documents
            if document.metadata.get("start_index", -1) >= 0
        ]
        return chunks_from_spans(source, spans, max_lines=self.max_lines)

    def close(self) -> None:
        """Drop the splitter; again: nothing."""
        self._splitter = None
        super().close()
