"""A rag4code embedder over a hosted embeddings API (the shape of OpenAI's,
Voyage's or Mistral's), through urllib, for a plugin rendered with
`backend=cloud`.

Not part of any generated plugin: tests/test_cloud.py swaps this file in as
`rag4code_demo/adapter.py` (the rendered skeleton kept as `_reference.py`
names the URL and key variables) and records and replays the generated suite
against tests/engines/api/fake_embedding_api.py. Written the way an author fills in the
cloud skeleton: the URL and the key are read on first use, the key goes out as
a bearer header, requests are split at the API's 96-input limit, the answer is
put back in input order by its index and checked by `as_vectors()`.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Sequence

from rag4code_demo._reference import API_KEY_VARIABLE, DEFAULT_URL, URL_VARIABLE
from rag4code_demo.support import Adapter, as_vectors, batched, check_texts, read_api_key, service_url

MAX_INPUTS = 96  # the API's limit per request


class DemoAdapter(Adapter):
    """rag4code embedder API v1 over a hosted embeddings API."""

    api_version = 1

    def __init__(self, *, url: str | None = None, api_key: str | None = None) -> None:
        self._url = url
        self._api_key = api_key
        self._endpoint: tuple[str, str] | None = None  # (url, key), read on first use

    @property
    def dimension(self) -> int:
        """The model's output size, known without a request."""
        return 16

    def _client(self) -> tuple[str, str]:
        self.ensure_open()
        if self._endpoint is None:
            url = service_url(self._url, URL_VARIABLE, DEFAULT_URL)
            self._endpoint = (url, read_api_key(self._api_key, API_KEY_VARIABLE))
        return self._endpoint

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order, whatever the request limit."""
        url, key = self._client()
        batch = check_texts(texts)
        rows: list[list[float]] = []
        for part in batched(batch, MAX_INPUTS):
            request = urllib.request.Request(
                f"{url}/embeddings",
                data=json.dumps({"input": list(part), "model": "demo-16"}).encode(),
                headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=30) as response:
                data = json.load(response)["data"]
            rows.extend(item["embedding"] for item in sorted(data, key=lambda item: item["index"]))
        return as_vectors(rows, len(batch), self.dimension)

    def close(self) -> None:
        """Forget the endpoint; again: nothing."""
        self._endpoint = None
        super().close()
