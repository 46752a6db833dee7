"""Breaks: path= must name a known language; other paths raise."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_any_path_keeps_every_rule"


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if path and not path.endswith((".py", ".js", ".ts", ".rs")):
            raise ValueError(f"no grammar for {path!r}")
        return super().chunk(source, path=path)
