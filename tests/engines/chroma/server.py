"""The server-mode Chroma adapter (see _chroma.py): the URL variable and the
default URL from the rendered support module, one
HTTP client per URL shared by the instances, no key."""

from __future__ import annotations

from rag4code_demo._chroma import ChromaAdapter
from rag4code_demo.support import DEFAULT_URL, URL_VARIABLE


class DemoAdapter(ChromaAdapter):
    url_variable = URL_VARIABLE
    default_url = DEFAULT_URL
    share_clients = True


def drop_namespace(namespace: str, *, url: str | None = None) -> None:
    """Delete a collection: the generated tests call it after each test."""
    DemoAdapter.drop(namespace, url, None)
