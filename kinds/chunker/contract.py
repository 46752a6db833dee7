"""The rag4code chunker contract, API version 1 (group `rag4code.chunker`).

Template-owned: refreshed by `copier update`; do not edit.

    Class(max_lines=...)                       # the size limit of every chunk
    chunk(source, *, path="") -> list[Chunk]   # Chunk: text, start_line, end_line

Lines are split on "\\n" only, as git and editors count them: "\\r\\n" is one
break, while "\\f", "\\v", "\\x1c", U+0085, U+2028 and a lone "\\r" are ordinary
characters inside a line (`str.splitlines()` breaks on all of them: do not use
it). Line numbers are 1-based and inclusive. A chunk's text is the exact source
substring from the first character of `start_line` to the last character of
`end_line`, without `end_line`'s own break ("\\n" or the whole "\\r\\n").

Each test gets fresh instances from the `chunker` fixture or from `make(...)`,
built with your `adapter_options` (and `instance_options`, if you need one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from tests.contract.base import ContractSuite

LIMIT = 5
"""The `max_lines` of the `chunker` fixture: small, so the samples need splitting."""

PYTHON = '''\
"""A module docstring."""

import os
from pathlib import Path

CONSTANT = 42


@decorator
def first(a, b):
    """Add."""
    return a + b


class Shape:
    """A shape."""

    sides = 0

    def area(self):
        total = 0
        for side in range(self.sides):
            total += side
            if total > 10:
                break
            total *= 2
        return total

    async def fetch(self, url):
        return await get(url)


if __name__ == "__main__":
    print(first(1, 2))
'''

JAVASCRIPT = """\
// A comment line
import { readFile } from "fs";

export function parse(text) {
  const lines = text.split("\\n");
  return lines.map((line) => {
    return line.trim();
  });
}

class Parser {
  constructor() {
    this.state = {};
  }
}
"""

PROSE = """\
# Title

First paragraph, one line.

Second paragraph
spans three
lines.
"""

#: Markdown with the lines a Markdown splitter is tempted to drop: front
#: matter, fences, an HTML comment, a table, a rule.
MARKDOWN = """\
---
title: Guide
---

# Install

<!-- generated: do not edit -->
Run this:

```bash
pip install rag4code
```

| option | default |
|--------|---------|
| top_k  | 10      |

---

    indented code
> a quote
"""

#: One long definition without blank lines: the chunker must cut inside it.
DENSE = "def dense():\n" + "".join(f"    x{i} = {i}\n" for i in range(30))

#: Blank lines of several kinds around and between the code.
BLANK_EDGES = "\n\n   \n\tx = 1\n \n\f\n\n  y = 2  \n\t\n\n"

#: Unicode: accents, CJK, emoji (outside the BMP), combining marks, RTL text.
UNICODE = """\
def grüße(名前):
    \"\"\"Say hello 👋 to 名前.\"\"\"
    return f"Grüß Gott, {名前} 🙂"

# شكرا  ·  שלום  ·  नमस्ते  ·  café vs cafe\u0301  ·  𝄞
Ω = "Ω≈ç√∫"
"""

#: Indentation made of tabs, and a no-break space: kept exactly.
INDENTED = "def f():\n\tif x:\n\t\treturn '\u00a0'\n    pass\n"

#: A definition longer than any small limit, then more code: the pieces
#: after the first keep counting from the definition's real position.
LONG_THEN_MORE = (
    "import os\n\n\n"
    + "def long():\n"
    + "".join(f"    step_{i}()\n" for i in range(25))
    + "\n\n"
    + "".join(f"x{i} = {i}\n" for i in range(12))
)

SAMPLES = {
    "python": PYTHON,
    "javascript": JAVASCRIPT,
    "prose": PROSE,
    "markdown": MARKDOWN,
    "dense": DENSE,
    "blank_edges": BLANK_EDGES,
    "unicode": UNICODE,
    "one_line": "x = 1",
    "no_trailing_newline": "a = 1\nb = 2\n\nc = 3",
    "crlf": PYTHON.replace("\n", "\r\n"),
    "mixed_endings": "a = 1\r\nb = 2\nc = 3\r\n\r\nd = 4\n",
    "indented": INDENTED,
    "long_then_more": LONG_THEN_MORE,
    "repeated": "x = 1\ny = 2\n\n" * 30,
}

#: Characters that `str.splitlines()` treats as line breaks but git and
#: editors do not: they must stay inside their line.
NOT_BREAKS = {
    "form_feed": "\f",
    "vertical_tab": "\v",
    "file_separator": "\x1c",
    "group_separator": "\x1d",
    "record_separator": "\x1e",
    "next_line_U+0085": "\x85",
    "line_separator_U+2028": "\u2028",
    "paragraph_separator_U+2029": "\u2029",
    "lone_carriage_return": "\r",
}

#: Repository paths of every shape: the rules hold for each of them.
PATHS = [
    "",
    "a.py",
    "src/pkg/module.py",
    "dir/File.PY",
    "README.md",
    "docs/guide.markdown",
    "Makefile",
    "Dockerfile",
    ".gitignore",
    "x.unknown",
    "archive.tar.gz",
    "no_suffix",
    "lib/ünï/main.rs",
    "web/app.ts",
    "C:\\src\\main.c",
]

BLANK_SOURCES = {
    "empty": "",
    "newline": "\n",
    "newlines": "\n\n\n",
    "spaces_and_newlines": "\n\n  \n",
    "tab": "\t",
    "form_feed": "\f",
    "crlf_only": "\r\n\r\n",
    "mixed_whitespace": " \t\n\v\n \f \n",
}


def line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) indices of each line's text, without its "\\n" or "\\r\\n".

    The contract's own line splitter, independent of the adapter: splits on
    "\\n" only; a final "\\n" ends the last line rather than starting an empty
    one ("a\\n" is one line, "a\\nb" two).
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


def lines_of(source: str) -> list[str]:
    """The text of each line of `source`, numbered from 1 by list index + 1."""
    return [source[start:end] for start, end in line_spans(source)]


def expected_text(source: str, start_line: int, end_line: int) -> str:
    """The exact source substring for lines start_line..end_line (1-based)."""
    spans = line_spans(source)
    return source[spans[start_line - 1][0] : spans[end_line - 1][1]]


def is_blank(text: str) -> bool:
    """True for text that is empty or only whitespace."""
    return not text.strip()


def show(text: str, limit: int = 200) -> str:
    """`repr(text)`, shortened in the middle when long, for assertion messages."""
    shown = repr(text)
    if len(shown) <= limit:
        return shown
    return f"{shown[: limit - 60]} ... {shown[-40:]} ({len(text)} characters)"


def ranges(chunks: list[Any]) -> list[tuple[int, int]]:
    """(start_line, end_line) of each chunk, for readable assertion messages."""
    return [(c.start_line, c.end_line) for c in chunks]


def assert_types(chunks: Any) -> None:
    """`chunks` is a list of objects with a str `text` and int line numbers."""
    assert isinstance(chunks, list), f"expected a list, got {type(chunks)}"
    for c in chunks:
        assert isinstance(c.text, str), f"text must be a str, got {type(c.text)}"
        for name in ("start_line", "end_line"):
            value = getattr(c, name)
            assert isinstance(value, int), f"{name} must be an int, got {value!r}"
            assert not isinstance(value, bool), f"{name} must be an int, got {value!r}"


def assert_line_bounds(source: str, chunks: list[Any]) -> None:
    """Each chunk's lines lie within the source: 1 <= start <= end <= lines."""
    n_lines = len(line_spans(source))
    for c in chunks:
        assert 1 <= c.start_line <= c.end_line <= n_lines, (
            f"chunk lines {c.start_line}..{c.end_line} are not within 1..{n_lines}"
        )


def assert_well_formed(source: str, chunks: list[Any]) -> None:
    """Types and line bounds: what every other check needs first."""
    assert_types(chunks)
    assert_line_bounds(source, chunks)


def assert_exact_text(source: str, chunks: list[Any]) -> None:
    """Each chunk's text is the exact source substring of its line range."""
    assert_well_formed(source, chunks)
    for c in chunks:
        expected = expected_text(source, c.start_line, c.end_line)
        assert c.text == expected, (
            f"chunk {c.start_line}..{c.end_line} has text {show(c.text)}, but"
            f" those lines of the source are {show(expected)}"
        )


def assert_in_order(chunks: list[Any]) -> None:
    """Chunks come in source order: start lines never go down."""
    starts = [c.start_line for c in chunks]
    assert starts == sorted(starts), f"chunks out of source order: {ranges(chunks)}"


def assert_covered(source: str, chunks: list[Any]) -> None:
    """Every non-blank line lies within some chunk's line range."""
    covered = {n for c in chunks for n in range(c.start_line, c.end_line + 1)}
    missing = [
        (number, show(line, 60))
        for number, line in enumerate(lines_of(source), start=1)
        if not is_blank(line) and number not in covered
    ]
    assert not missing, (
        f"non-blank lines not in any chunk: {missing[:5]} (chunks: {ranges(chunks)})"
    )


def assert_not_blank(chunks: list[Any]) -> None:
    """No chunk's text is empty or only whitespace."""
    blank = [
        (c.start_line, c.end_line, show(c.text, 60)) for c in chunks if is_blank(c.text)
    ]
    assert not blank, f"blank chunks: {blank[:5]}"


def assert_within_limit(chunks: list[Any], max_lines: int) -> None:
    """No chunk spans more than `max_lines` lines."""
    too_long = [r for r in ranges(chunks) if r[1] - r[0] + 1 > max_lines]
    assert not too_long, f"chunks longer than max_lines={max_lines}: {too_long}"


def assert_valid(source: str, chunks: list[Any], max_lines: int | None) -> None:
    """Every rule of the chunker contract at once (limit checked when given)."""
    assert_exact_text(source, chunks)
    assert_in_order(chunks)
    assert_covered(source, chunks)
    assert_not_blank(chunks)
    if max_lines is not None:
        assert_within_limit(chunks, max_lines)


class ChunkerContract(ContractSuite):
    """The chunker contract: subclass once, set `plugin_name`."""

    group = "rag4code.chunker"

    def api_calls(self) -> dict[str, Callable[[Any], object]]:
        return {"chunk": lambda chunker: chunker.chunk("x = 1\n")}

    @pytest.fixture
    def chunker(self, make: Callable[..., Any]) -> Any:
        """A fresh chunker with a small size limit (`max_lines=LIMIT`)."""
        return make(max_lines=LIMIT)

    # --- the shape of a chunk --------------------------------------------------

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_result_is_list_of_chunks_with_int_lines(
        self, chunker: Any, name: str
    ) -> None:
        """`chunk()` returns a list of chunks: `text` str, `start_line`/`end_line` int.

        If this fails: return a list (not a generator) of objects with these
        three attributes, e.g. the skeleton's `Chunk` NamedTuple; convert the
        parser's numbers with int().
        """
        chunks = chunker.chunk(SAMPLES[name])
        assert_types(chunks)
        assert chunks, "a non-blank source must give at least one chunk"

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_line_numbers_are_one_based_within_source(
        self, chunker: Any, name: str
    ) -> None:
        """Line numbers are 1-based, inclusive: 1 <= start_line <= end_line <= lines.

        If this fails: the parser's rows are probably 0-based (tree-sitter's
        are): add 1 to both; an end row that points past the last line usually
        means the end position is exclusive, or a final "\\n" was counted as
        starting one more line.
        """
        source = SAMPLES[name]
        chunks = chunker.chunk(source)
        assert_types(chunks)
        assert_line_bounds(source, chunks)

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_text_is_exact_source_substring(
        self, chunker: Any, name: str
    ) -> None:
        """A chunk's text is the exact source substring of its lines, minus the last break.

        Exactly: from the first character of start_line to the last character of
        end_line, without end_line's "\\n" or "\\r\\n".

        If this fails: slice the original string rather than rebuilding the text
        (no strip(), dedent or re-joined lines); drop the final "\\n" or "\\r\\n";
        if your parser reports byte offsets, convert them to str indices first.
        """
        source = SAMPLES[name]
        assert_exact_text(source, chunker.chunk(source))

    # --- order, coverage, blank chunks -------------------------------------------

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_results_come_in_source_order(self, chunker: Any, name: str) -> None:
        """Chunks come in source order: each starts no earlier than the previous.

        If this fails: sort the chunks by start_line before returning them (a
        parser that walks the tree or a queue may visit nodes out of order).
        """
        assert_in_order(chunker.chunk(SAMPLES[name]))

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_every_nonblank_line_is_covered(
        self, chunker: Any, name: str
    ) -> None:
        """Every non-blank line lies within some chunk: nothing is lost.

        If this fails: lines between syntax nodes (imports, comments, module
        code) or the last line are dropped; emit a chunk for the gaps too.
        """
        source = SAMPLES[name]
        assert_covered(source, chunker.chunk(source))

    @pytest.mark.parametrize("name", sorted(SAMPLES))
    def test_chunk_no_chunk_is_blank(self, chunker: Any, name: str) -> None:
        """No chunk is empty or only whitespace.

        If this fails: skip ranges made of blank lines only, instead of
        emitting them as chunks.
        """
        assert_not_blank(chunker.chunk(SAMPLES[name]))

    @pytest.mark.parametrize("name", sorted(BLANK_SOURCES))
    def test_chunk_empty_or_blank_source_returns_empty_list(
        self, chunker: Any, name: str
    ) -> None:
        """An empty source, or one of whitespace only, gives [].

        If this fails: return [] when `not source.strip()` instead of one blank
        chunk, or raising.
        """
        assert list(chunker.chunk(BLANK_SOURCES[name])) == []

    # --- the size limit -----------------------------------------------------------

    def test_construct_accepts_max_lines_keyword(
        self, make: Callable[..., Any]
    ) -> None:
        """Every chunker accepts `max_lines=` (the size limit) as a keyword argument.

        If this fails: add `max_lines: int = <your default>` to `__init__`'s
        keyword arguments (a wrapped splitter's own `chunk_size` is in
        characters or tokens: translate, do not rename), and honour it.
        """
        try:
            chunker = make(max_lines=3)
        except TypeError as error:
            pytest.fail(f"Class(max_lines=3) raised TypeError: {error}")
        assert_within_limit(chunker.chunk(DENSE), 3)

    @pytest.mark.parametrize("max_lines", [1, 2, 3, 7, 40])
    def test_chunk_never_exceeds_max_lines(
        self, make: Callable[..., Any], max_lines: int
    ) -> None:
        """No chunk spans more than the `max_lines` the instance was built with.

        If this fails: a definition longer than the limit was kept whole, or the
        limit is off by one (lines start_line..end_line are end - start + 1);
        split long nodes into windows of at most `max_lines` lines.
        """
        chunker = make(max_lines=max_lines)
        for source in SAMPLES.values():
            chunks = chunker.chunk(source)
            assert_well_formed(source, chunks)
            assert_within_limit(chunks, max_lines)

    @pytest.mark.parametrize("max_lines", [1, 2, 3, 7, 40])
    def test_chunk_any_limit_keeps_every_rule(
        self, make: Callable[..., Any], max_lines: int
    ) -> None:
        """Every rule holds whatever `max_lines` is, 1 included.

        If this fails (and the tests with the default limit pass): look for an
        off-by-one at window edges, e.g. a cut that drops or repeats the line at
        the boundary, or a one-line chunk handled as a special case.
        """
        chunker = make(max_lines=max_lines)
        for source in SAMPLES.values():
            assert_valid(source, chunker.chunk(source), max_lines)

    def test_chunk_definition_longer_than_limit_is_split(self, chunker: Any) -> None:
        """A definition longer than `max_lines` is split; the pieces cover all of it.

        If this fails: a syntax-aware chunker kept an oversized node whole;
        fall back to line windows inside nodes bigger than the limit.
        """
        chunks = chunker.chunk(DENSE)
        assert len(chunks) >= len(lines_of(DENSE)) // LIMIT
        assert_valid(DENSE, chunks, LIMIT)

    def test_chunk_default_instance_obeys_rules(self, make: Callable[..., Any]) -> None:
        """An instance built with no options chunks by the same rules.

        If this fails: the default options differ from the tested ones in a
        way that breaks a rule; check the defaults of `__init__`.
        """
        chunker = make()
        for source in SAMPLES.values():
            assert_valid(source, chunker.chunk(source), None)

    @pytest.mark.parametrize("max_lines", [0, -1])
    def test_construct_max_lines_below_one_is_rejected(
        self, make: Callable[..., Any], max_lines: int
    ) -> None:
        """`max_lines` must be at least 1: `Class(max_lines=0)` raises.

        If this fails: check `max_lines >= 1` in `__init__` and raise ValueError
        naming it (no limit, or an endless loop, is not an acceptable fallback).
        """
        with pytest.raises((ValueError, TypeError)) as excinfo:
            make(max_lines=max_lines)
        assert str(excinfo.value).strip(), "the error message must name the problem"

    @pytest.mark.parametrize("max_lines", ["5", 2.5])
    def test_construct_max_lines_not_int_is_rejected(
        self, make: Callable[..., Any], max_lines: object
    ) -> None:
        """`max_lines` must be an int: a str or float raises.

        If this fails: check `isinstance(max_lines, int)` in `__init__` and raise
        TypeError naming it.
        """
        with pytest.raises((ValueError, TypeError)) as excinfo:
            make(max_lines=max_lines)
        assert str(excinfo.value).strip(), "the error message must name the problem"

    # --- line breaks ---------------------------------------------------------------

    def test_chunk_crlf_source_keeps_line_numbers_and_breaks(
        self, chunker: Any
    ) -> None:
        """In a CRLF source "\\r\\n" is one break: line numbers are those of the LF source.

        Texts keep their inner "\\r\\n" and drop the last line's whole "\\r\\n".

        If this fails: "\\r" was counted as a break of its own (line numbers
        doubled or shifted), the "\\r\\n" was normalised to "\\n" inside the
        text, or a "\\r" was left at the end of the text.
        """
        crlf = PYTHON.replace("\n", "\r\n")
        chunks = chunker.chunk(crlf)
        assert_valid(crlf, chunks, LIMIT)
        assert max(c.end_line for c in chunks) == len(lines_of(PYTHON))
        for c in chunks:
            assert not c.text.endswith("\r"), f"text ends with \\r: {show(c.text)}"
            assert c.text.count("\n") == c.text.count("\r\n"), (
                f"CRLF lost inside chunk {c.start_line}..{c.end_line}: {show(c.text)}"
            )

    def test_chunk_source_without_trailing_newline_covers_last_line(
        self, make: Callable[..., Any]
    ) -> None:
        """A last line without "\\n" is chunked like any other line.

        If this fails: lines are taken only up to the last "\\n"; keep the text
        after it as the last line.
        """
        for max_lines in (1, LIMIT):
            chunker = make(max_lines=max_lines)
            for source in ("x = 1", "a = 1\nb = 2", "a = 1\r\n\r\nlast = True"):
                chunks = chunker.chunk(source)
                assert_valid(source, chunks, max_lines)
                assert chunks[-1].end_line == len(lines_of(source))

    @pytest.mark.parametrize("name", sorted(NOT_BREAKS))
    def test_chunk_unusual_separator_does_not_start_line(
        self, make: Callable[..., Any], name: str
    ) -> None:
        """Only "\\n" breaks lines: "\\f", "\\v", U+2028, lone "\\r"... stay inside.

        So line numbers match what git and editors show.

        If this fails: the lines were split with `str.splitlines()` (or a
        regex on "\\r|\\n"); split on "\\n" only, e.g. `source.split("\\n")`,
        and treat a "\\r" just before "\\n" as part of the break.
        """
        separator = NOT_BREAKS[name]
        source = f"a = 1{separator}b = 2\nc = 3\n"
        chunks = make(max_lines=1).chunk(source)
        assert {(c.start_line, c.end_line, c.text) for c in chunks} == {
            (1, 1, f"a = 1{separator}b = 2"),
            (2, 2, "c = 3"),
        }
        chunks = make(max_lines=LIMIT).chunk(source)
        assert_valid(source, chunks, LIMIT)

    # --- unusual content ------------------------------------------------------------

    def test_chunk_unicode_source_keeps_characters_and_lines(
        self, chunker: Any
    ) -> None:
        """Non-ASCII text (accents, CJK, emoji, combining marks, RTL) works exactly.

        If this fails: offsets were computed in bytes (tree-sitter reports byte
        offsets) and used on the str, or the text was re-encoded or normalised;
        map byte offsets to str indices, and never normalise the text.
        """
        chunks = chunker.chunk(UNICODE)
        assert_valid(UNICODE, chunks, LIMIT)
        assert "".join(c.text for c in chunks).count("🙂") == 1

    def test_chunk_very_long_line_is_kept_whole(self, chunker: Any) -> None:
        """A single line of 100,000 characters is chunked like any line: whole.

        If this fails: a character budget cut the line, or a recursive or
        quadratic step gave up; chunks hold whole lines only.
        """
        long_line = "data = '" + "x" * 100_000 + "'"
        source = f"import os\n{long_line}\nprint(data)\n"
        chunks = chunker.chunk(source)
        assert_valid(source, chunks, LIMIT)
        assert any(long_line in c.text for c in chunks)

    def test_chunk_many_lines_obey_rules(self, chunker: Any) -> None:
        """A file of thousands of lines is chunked by the same rules.

        If this fails: look for a recursion limit or an off-by-one that only
        shows after many chunks.
        """
        source = PYTHON * 100
        assert_valid(source, chunker.chunk(source), LIMIT)

    @pytest.mark.parametrize("path", PATHS)
    def test_chunk_any_path_keeps_every_rule(
        self, make: Callable[..., Any], path: str
    ) -> None:
        """`path=` (the file's repository path) is accepted, and every rule holds
        whatever it is: known or unknown suffix, any case, no suffix, empty.

        If this fails: the chunker picks its method from the suffix, and one
        method (or the fallback for suffixes it does not know) ignores
        `max_lines`, drops lines (Markdown fences or front matter, headers) or
        rewrites text; every method must keep every rule, and a path you do
        not recognise is chunked by lines.
        """
        for max_lines in (1, LIMIT):
            chunker = make(max_lines=max_lines)
            for source in SAMPLES.values():
                assert_valid(source, chunker.chunk(source, path=path), max_lines)

    def test_chunk_leading_bom_is_kept_in_text(self, make: Callable[..., Any]) -> None:
        """A leading byte-order mark (U+FEFF) is part of line 1: the first chunk's
        text starts with it, as the exact source substring.

        If this fails: the chunker strips the BOM (`lstrip("\\ufeff")`, a
        re-decode with "utf-8-sig", a parser that skips it) and the first
        chunk's text no longer matches the source; chunk the source as given
        (decoding is the caller's business), or add the BOM back to the first
        chunk's text.
        """
        chunkers = {max_lines: make(max_lines=max_lines) for max_lines in (1, LIMIT)}
        for source in ("\ufeff" + PYTHON, "\ufeff" + JAVASCRIPT.replace("\n", "\r\n")):
            for path in ("", "a.py", "README.md"):
                for max_lines, chunker in chunkers.items():
                    chunks = chunker.chunk(source, path=path)
                    assert_valid(source, chunks, max_lines)
                    first = chunks[0]
                    assert first.start_line == 1, ranges(chunks)
                    assert first.text.startswith("\ufeff"), (
                        f"path={path!r}: the first chunk lost the source's leading"
                        f" BOM: {show(first.text, 60)}"
                    )

    # --- determinism and bad input --------------------------------------------------

    def test_chunk_same_input_gives_same_chunks(self, make: Callable[..., Any]) -> None:
        """The same source gives the same chunks, twice in a row and from two instances.

        If this fails: the result depends on state left by earlier calls,
        on set or dict iteration, on `hash()` or on randomness; derive it from
        the source alone.
        """
        first, second = make(max_lines=LIMIT), make(max_lines=LIMIT)
        for source in SAMPLES.values():
            once = [_as_tuple(c) for c in first.chunk(source)]
            assert [_as_tuple(c) for c in first.chunk(source)] == once
            assert [_as_tuple(c) for c in second.chunk(source)] == once

    @pytest.mark.parametrize(
        "source",
        [b"x = 1\n", None, 42, ["x = 1"]],
        ids=["bytes", "None", "int", "list"],
    )
    def test_chunk_non_string_source_is_rejected(
        self, chunker: Any, source: object
    ) -> None:
        """A source that is not a str (bytes, None, a list of lines) is rejected.

        If this fails: check `isinstance(source, str)` first and raise TypeError
        naming the type; decode bytes in the caller, not here.
        """
        with pytest.raises((TypeError, ValueError)) as excinfo:
            chunker.chunk(source)
        assert str(excinfo.value).strip(), "the error message must name the problem"
        assert_valid(PYTHON, chunker.chunk(PYTHON), LIMIT)

    def test_chunk_repeated_code_gets_its_own_line_numbers(self, chunker: Any) -> None:
        """Identical blocks repeated in a file each get their own line numbers.

        If this fails: line numbers come from searching the chunk's text in the
        source (`source.find(text)` finds the first copy); track the position
        while splitting instead.
        """
        source = "x = 1\ny = 2\n" * 40
        chunks = chunker.chunk(source)
        assert_valid(source, chunks, LIMIT)
        starts = [c.start_line for c in chunks]
        assert len(set(starts)) == len(starts), (
            f"chunks share start lines: {ranges(chunks)}"
        )

    # --- random sources against a reference model ------------------------------

    def test_model_random_sources_keep_every_rule(
        self, make: Callable[..., Any]
    ) -> None:
        """Random sources (blank and whitespace lines, CRLF, lone CR, form feeds,
        U+2028, unicode, long lines, no final newline) and random `max_lines`
        give chunks that keep every rule, and the same chunks when asked again.

        Deterministic: the same sources every run (`model_examples` of them).
        If this fails: the printed steps reproduce the failure.
        """

        class Machine(_ChunkerMachine):
            def make(self, **options: Any) -> Any:
                return make(**options)

        self.run_model(Machine, steps=5)


def _as_tuple(chunk: Any) -> tuple[str, int, int]:
    """A chunk as a plain (text, start_line, end_line) tuple, for comparison."""
    return (chunk.text, chunk.start_line, chunk.end_line)


_MODEL_LINES = [
    "",
    "   ",
    "\t",
    "\f",
    "def f(x):",
    "    return x",
    "\treturn y\r",
    "class K:",
    "a = 1 \u2028 b = 2",
    "c = 3\v",
    "# ünïcødé 🙂 函数",
    "x" * 300,
    "}",
    "end",
    "@decorator",
]


class _ChunkerMachine(RuleBasedStateMachine):
    """Chunks random sources; every rule holds and the answer never changes."""

    def make(self, **options: Any) -> Any:
        """A new instance from the test's factory (set by the test)."""
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.chunkers: dict[int, Any] = {}
        self.seen: dict[tuple[str, int], list[tuple[str, int, int]]] = {}

    @rule(
        lines=st.lists(st.sampled_from(_MODEL_LINES), max_size=40),
        separator=st.sampled_from(["\n", "\r\n"]),
        final_break=st.booleans(),
        max_lines=st.integers(1, 12),
    )
    def chunk(
        self, lines: list[str], separator: str, final_break: bool, max_lines: int
    ) -> None:
        source = separator.join(lines) + (separator if final_break and lines else "")
        if max_lines not in self.chunkers:
            self.chunkers[max_lines] = self.make(max_lines=max_lines)
        chunks = self.chunkers[max_lines].chunk(source)
        if is_blank(source):
            assert chunks == [], f"blank source gave {ranges(chunks)}"
        assert_valid(source, chunks, max_lines)
        answer = [_as_tuple(c) for c in chunks]
        assert self.seen.setdefault((source, max_lines), answer) == answer

    def teardown(self) -> None:
        for chunker in self.chunkers.values():
            chunker.close()
