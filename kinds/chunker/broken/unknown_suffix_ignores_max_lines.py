"""Breaks: a path whose suffix names no language it knows (`x.unknown`, `File.PY`) falls back to a splitter without the size limit, so max_lines is ignored."""

from pathlib import PurePosixPath

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_any_path_keeps_every_rule"

LANGUAGES = {".py", ".js", ".ts", ".rs", ".md", ".c", ".go", ".java"}
UNLIMITED = 1_000_000  # the fallback splitter's size: "whole paragraphs"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        suffix = PurePosixPath(path).suffix
        if suffix and suffix not in LANGUAGES:
            fallback = Reference(max_lines=UNLIMITED)
            try:
                return fallback.chunk(source, path=path)
            finally:
                fallback.close()
        return super().chunk(source, path=path)
