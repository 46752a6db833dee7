"""A rag4code chunker adapter over a real parser: tree-sitter with its Python grammar.

Not part of any generated plugin: tests/test_engines.py swaps this file in as
`rag4code_demo/adapter.py` of a rendered plugin and runs the generated contract
suite, unchanged, against it. It is written the way a plugin author would write
`rag4code-tree-sitter`:

- Python sources (`path` ending in .py/.pyi, or no path) are parsed; every
  top-level definition (`def`, `class`, decorated, with the comment lines right
  above it) starts a new chunk, and smaller top-level statements between them
  are packed together up to `max_lines`.
- A node longer than `max_lines` is cut at the starts of its own statements
  (methods, then the statements inside them), and as a last resort into line
  windows, so no chunk exceeds the limit.
- Other files are cut into windows that prefer to start after a blank line.
- tree-sitter reports UTF-8 byte offsets; they are mapped to lines through the
  support module's "\\n"-only line split (`line_spans`), and every chunk's text
  is a slice of the original `str`, so CRLF, lone "\\r", U+2028 and non-ASCII
  text come out exact.
- tree_sitter is imported on first use, never at module import.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

from rag4code_demo.support import Adapter, Chunk, check_max_lines, check_source, line_spans

if TYPE_CHECKING:  # for type checkers only: nothing of tree_sitter is imported at run time
    from tree_sitter import Node, Parser

PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")
DEFINITIONS = frozenset({"function_definition", "class_definition", "decorated_definition"})
MAX_DEPTH = 64  # how deep an oversized node is opened up before falling back to windows


class DemoAdapter(Adapter):
    """A syntax-aware Python chunker on tree-sitter (rag4code chunker API v1)."""

    api_version = 1

    def __init__(self, *, max_lines: int = 40) -> None:
        self.max_lines = check_max_lines(max_lines)
        self._parser: Parser | None = None

    def _load(self) -> Parser:
        """The tree-sitter parser for Python, made on first use."""
        self.ensure_open()
        if self._parser is None:
            import tree_sitter_python
            from tree_sitter import Language, Parser

            self._parser = Parser(Language(tree_sitter_python.language()))
        return self._parser

    # --- the API ---------------------------------------------------------------

    def chunk(self, source: str, *, path: str = "") -> list[Chunk]:
        """Split `source` into chunks in source order; [] if it is empty or blank."""
        self.ensure_open()
        check_source(source, path)
        spans = line_spans(source)
        blank = [not source[start:end].strip() for start, end in spans]
        if all(blank):
            return []
        if not path or path.endswith(PYTHON_SUFFIXES):
            cuts = self._syntax_cuts(source, spans)
        else:  # no grammar for it: paragraphs
            cuts = {i: False for i in range(1, len(spans)) if blank[i - 1] and not blank[i]}
        return [
            Chunk(source[spans[first][0] : spans[last][1]], first + 1, last + 1)
            for first, last in self._pack(blank, cuts)
        ]

    def close(self) -> None:
        """Drop the parser; again: nothing."""
        self._parser = None
        super().close()

    # --- helpers ---------------------------------------------------------------

    def _syntax_cuts(self, source: str, spans: list[tuple[int, int]]) -> dict[int, bool]:
        """Line indices where a chunk may start (value False) or must start (True)."""
        data = source.encode("utf-8", "surrogatepass")
        line_bytes = []  # UTF-8 offset of the first byte of each line
        offset, previous = 0, 0
        for start, _ in spans:
            offset += len(source[previous:start].encode("utf-8", "surrogatepass"))
            line_bytes.append(offset)
            previous = start
        tree = self._load().parse(data)
        cuts: dict[int, bool] = {}

        def line_of(byte: int) -> int:
            return bisect_right(line_bytes, byte) - 1

        def lines_of(node: Node) -> tuple[int, int]:
            return line_of(node.start_byte), line_of(max(node.start_byte, node.end_byte - 1))

        def starts_line(node: Node) -> bool:
            """True when only whitespace stands before the node on its line."""
            return not data[line_bytes[line_of(node.start_byte)] : node.start_byte].strip()

        def mark(siblings: list[Node], depth: int) -> None:
            """Cuts among sibling nodes: a definition (with the comment lines right
            above it) starts a chunk, and so does whatever follows a definition;
            other statements may share a chunk. Oversized nodes are opened up."""
            for index, node in enumerate(siblings):
                first, last = lines_of(node)
                if starts_line(node):
                    if node.type in DEFINITIONS:
                        above = index - 1
                        while (
                            above >= 0
                            and siblings[above].type == "comment"
                            and starts_line(siblings[above])
                            and lines_of(siblings[above])[1] == first - 1
                        ):
                            first = lines_of(siblings[above])[0]
                            above -= 1
                        cuts[first] = True
                    elif index and siblings[index - 1].type in DEFINITIONS:
                        cuts[first] = True
                    else:
                        cuts.setdefault(first, False)
                if last - first + 1 > self.max_lines and depth < MAX_DEPTH:
                    mark(_statements(node), depth + 1)

        mark(tree.root_node.children, 0)
        return cuts

    def _pack(self, blank: list[bool], cuts: dict[int, bool]) -> list[tuple[int, int]]:
        """(first, last) line indices of each chunk: the segments between cuts,
        trimmed of blank lines, packed up to `max_lines`, oversized ones windowed."""
        bounds = sorted({0, *cuts, len(blank)})
        chunks: list[tuple[int, int]] = []
        current: tuple[int, int] | None = None
        for start, stop in pairwise(bounds):
            first, last = _trim(blank, start, stop)
            if first > last:
                continue  # blank lines only
            if current is not None and not cuts.get(start, False) and last - current[0] < self.max_lines:
                current = (current[0], last)
                continue
            if current is not None:
                chunks.append(current)
            while last - first >= self.max_lines:  # longer than the limit: windows
                window_first, window_last = _trim(blank, first, first + self.max_lines)
                chunks.append((window_first, window_last))
                first, _ = _trim(blank, first + self.max_lines, last + 1)
            current = (first, last)
        if current is not None:
            chunks.append(current)
        return chunks


def _statements(node: Node) -> list[Node]:
    """The nodes inside `node` to cut between: a compound statement's block, else its children."""
    body = node.child_by_field_name("body") or node.child_by_field_name("definition")
    if body is not None and node.type in DEFINITIONS:
        return _statements(body) if body.type in DEFINITIONS else list(body.children)
    return list(node.named_children)


def _trim(blank: list[bool], start: int, stop: int) -> tuple[int, int]:
    """The first and last non-blank line indices in [start, stop); first > last if none."""
    while start < stop and blank[start]:
        start += 1
    while stop > start and blank[stop - 1]:
        stop -= 1
    return start, stop - 1
