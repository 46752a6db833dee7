"""Breaks: for Markdown paths, front matter, code-fence lines and HTML comments are blanked before splitting (only prose and code are kept), so those lines are lost."""

import re

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_chunk_any_path_keeps_every_rule"

NOISE = re.compile(r"^(```.*|~~~.*|---|<!--.*-->)\r?$", re.MULTILINE)


class DemoAdapter(Reference):
    def chunk(self, source, *, path=""):
        if path.lower().endswith((".md", ".markdown")):
            source = NOISE.sub("", source)  # keeps the line breaks, so numbers stay right
        return super().chunk(source, path=path)
