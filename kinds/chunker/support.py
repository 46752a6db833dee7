"""Support for chunker adapters: the chunk type, input checks, line splitting.

Template-owned: `copier update` refreshes this module; do not edit it
(tests/contract/manifest.json lists its hash). Import from the `support`
package (`from <package>.support import Chunk, line_spans`), which imports
this module only when one of its names is first used. Standard library only.

`Chunk`; `check_source()`, `check_max_lines()`; `line_spans()` splits lines
the way git counts them; `chunks_from_spans()` turns the character spans of a
character-based splitter into whole-line chunks that keep every chunker rule.
"""

import bisect
from collections.abc import Iterable
from typing import NamedTuple

__all__ = [
    "Chunk",
    "check_max_lines",
    "check_source",
    "chunks_from_spans",
    "line_spans",
]


class Chunk(NamedTuple):
    """One piece of a source file: its exact text and its 1-based inclusive lines."""

    text: str
    start_line: int
    end_line: int


def check_source(source: str, path: str) -> None:
    """TypeError unless `source` and `path` are str (decode bytes in the caller)."""
    if not isinstance(source, str):
        raise TypeError(f"source must be a str, got {type(source).__name__}")
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__}")


def check_max_lines(max_lines: int) -> int:
    """`max_lines` if it is an int of at least 1, else TypeError/ValueError."""
    if isinstance(max_lines, bool) or not isinstance(max_lines, int):
        raise TypeError(f"max_lines must be an int, got {type(max_lines).__name__}")
    if max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, got {max_lines}")
    return max_lines


def line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) str indices of every line's text, without its "\\n" or "\\r\\n".

    Splits on "\\n" only, as git and editors count lines: "\\f", "\\v", U+2028 and
    a lone "\\r" stay inside their line (`str.splitlines()` would break there).
    A final "\\n" ends the last line rather than starting an empty one.
    """
    spans = []
    start = 0
    while start < len(source):
        newline = source.find("\n", start)
        if newline == -1:
            spans.append((start, len(source)))
            break
        crlf = newline > start and source[newline - 1] == "\r"
        spans.append((start, newline - 1 if crlf else newline))
        start = newline + 1
    return spans


def chunks_from_spans(
    source: str, spans: Iterable[tuple[int, int]], *, max_lines: int
) -> list[Chunk]:
    """Whole-line chunks from the character spans [start, end) of a splitter.

    For authors who wrap a character-based splitter (LangChain's text
    splitters, a tree-sitter node's byte range converted to str indices): each
    span becomes the lines it touches, trimmed of blank edge lines and cut into
    windows of at most `max_lines`; non-blank lines no span touched get chunks
    of their own. The result keeps every chunker rule: source order, exact
    text, every non-blank line covered, no blank chunk, the size limit.
    """
    check_max_lines(max_lines)
    lines = line_spans(source)
    blank = [not source[start:end].strip() for start, end in lines]
    starts = [start for start, _ in lines]
    ranges: set[tuple[int, int]] = set()
    for span_start, span_end in spans:
        if span_end <= span_start:
            continue
        first = _line_of(starts, span_start)
        last = _line_of(starts, span_end - 1)
        ranges.update(_windows(blank, first, last, max_lines))
    covered = {index for first, last in ranges for index in range(first, last + 1)}
    index = 0
    while index < len(lines):
        if blank[index] or index in covered:
            index += 1
            continue
        last = index
        while last + 1 < len(lines) and not blank[last + 1] and last + 1 not in covered:
            last += 1
        ranges.update(_windows(blank, index, last, max_lines))
        index = last + 1
    return [
        Chunk(source[lines[first][0] : lines[last][1]], first + 1, last + 1)
        for first, last in sorted(ranges)
    ]


def _line_of(starts: list[int], offset: int) -> int:
    """Index of the line holding str index `offset`, given the lines' starts."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _windows(
    blank: list[bool], first: int, last: int, max_lines: int
) -> list[tuple[int, int]]:
    """Line-index ranges covering the non-blank lines of first..last, each at most
    `max_lines` long and starting and ending on a non-blank line."""
    windows = []
    while first <= last:
        while first <= last and blank[first]:
            first += 1
        if first > last:
            break
        end = min(first + max_lines - 1, last)
        while blank[end]:
            end -= 1
        windows.append((first, end))
        first = end + 1
    return windows
