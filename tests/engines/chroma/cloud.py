"""The cloud-mode Chroma adapter (see _chroma.py), standing in for a hosted API:
the URL variable, the default URL (the rendered service_url) and the key
variable from the rendered support module; the key
is required and sent as headers; one HTTP client per instance, so each test's
cassette holds all of its own requests."""

from __future__ import annotations

from rag4code_demo._chroma import ChromaAdapter
from rag4code_demo.support import API_KEY_VARIABLE, DEFAULT_URL, URL_VARIABLE


class DemoAdapter(ChromaAdapter):
    url_variable = URL_VARIABLE
    default_url = DEFAULT_URL
    api_key_variable = API_KEY_VARIABLE


def drop_namespace(namespace: str, *, url: str | None = None, api_key: str | None = None) -> None:
    """Delete a collection: the generated tests call it after each test."""
    DemoAdapter.drop(namespace, url, api_key)
