"""A rag4code embedder over a hosted embeddings API (the shape of OpenAI's,
Voyage's or Mistral's), through urllib, for a plugin rendered with
`backend=cloud`.

Not part of any generated plugin: tests/test_cloud.py swaps this file in as
`rag4code_demo/adapter.py` (the rendered support module names the URL and
key variables) and records and replays the generated suite
against tests/engines/api/fake_embedding_api.py. Written the way an author fills in the
cloud skeleton: the URL and the key are read on first use, the key goes out as
a bearer header, requests are split at the API's 96-input limit, the answer is
put back in input order by its index and checked by `as_vectors()`. The API
does not publish its vectors' size: `dimension` learns it with one request on
first use, as DESIGN allows a hosted embedder, and keeps it.

`RAG4CODE_DEMO_KEY_STYLE` sends the key another way that real APIs take (see
STYLES), for tests/test_cloud_secrets.py: each is a way it could reach a
cassette.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import quote, urlencode

from rag4code_demo.support import (
    API_KEY_VARIABLE,
    DEFAULT_URL,
    URL_VARIABLE,
    Adapter,
    as_vectors,
    batched,
    check_texts,
    read_api_key,
    service_url,
)

MAX_INPUTS = 96  # the API's limit per request
STYLE_VARIABLE = "RAG4CODE_DEMO_KEY_STYLE"
STYLES = {
    "bearer": "Authorization: Bearer <key> (the default)",
    "base64-header": 'X-Client-Context: base64("demo:<key>"), a name no filter knows',
    "query": "?subscription-key=<key, URL-encoded>",
    "upper-header": "API_KEY: <key>",
    "form": "a form body starting apiKey=<key>&",
    "azure-headers": "Ocp-Apim-Subscription-Key: <key> and X-Custom-Token: <key>",
    "nested-json": '{"auth": {"credentials": [{"api_key": "<key>"}]}, ...}',
}


class DemoAdapter(Adapter):
    """rag4code embedder API v1 over a hosted embeddings API."""

    api_version = 1

    def __init__(self, *, url: str | None = None, api_key: str | None = None) -> None:
        self._url = url
        self._api_key = api_key
        self._endpoint: tuple[str, str] | None = None  # (url, key), read on first use
        self._dimension: int | None = None  # learnt from the API on first use

    @property
    def dimension(self) -> int:
        """The model's output size: one request the first time, then kept."""
        if self._dimension is None:
            [probe] = self._post(["dimension"])
            self._dimension = len(probe)
        return self._dimension

    def _client(self) -> tuple[str, str]:
        self.ensure_open()
        if self._endpoint is None:
            url = service_url(self._url, URL_VARIABLE, DEFAULT_URL)
            self._endpoint = (url, read_api_key(self._api_key, API_KEY_VARIABLE))
        return self._endpoint

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order, whatever the request limit."""
        self._client()
        batch = check_texts(texts)
        rows: list[list[float]] = []
        for part in batched(batch, MAX_INPUTS):
            rows.extend(self._post(list(part)))
        return as_vectors(rows, len(batch), self.dimension)

    def _post(self, texts: list[str]) -> list[list[float]]:
        """The API's vectors for at most MAX_INPUTS texts, in their order."""
        url, key = self._client()
        try:
            with urllib.request.urlopen(self._request(url, key, texts), timeout=30) as response:
                data = json.load(response)["data"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"the API answered {error.code}: {error.read().decode()}") from error
        return [item["embedding"] for item in sorted(data, key=lambda item: item["index"])]

    @staticmethod
    def _request(url: str, key: str, texts: list[str]) -> urllib.request.Request:
        """The POST of `texts`, with the key sent as STYLE_VARIABLE says."""
        style = os.environ.get(STYLE_VARIABLE, "bearer")
        body: dict[str, object] = {"input": texts, "model": "demo-16"}
        headers = {"Content-Type": "application/json"}
        endpoint = f"{url}/embeddings"
        if style == "bearer":
            headers["Authorization"] = f"Bearer {key}"
        elif style == "base64-header":
            headers["X-Client-Context"] = base64.b64encode(f"demo:{key}".encode()).decode()
        elif style == "query":
            endpoint += f"?subscription-key={quote(key, safe='')}"
        elif style == "upper-header":
            headers["API_KEY"] = key
        elif style == "azure-headers":
            headers.update({"Ocp-Apim-Subscription-Key": key, "X-Custom-Token": key})
        elif style == "nested-json":
            body["auth"] = {"credentials": [{"api_key": key}]}
        elif style == "form":
            form = urlencode({"apiKey": key, "input": json.dumps(texts), "model": "demo-16"}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            return urllib.request.Request(endpoint, data=form, headers=headers, method="POST")
        else:
            raise ValueError(f"{STYLE_VARIABLE}={style!r}: not one of {sorted(STYLES)}")
        return urllib.request.Request(endpoint, data=json.dumps(body).encode(), headers=headers, method="POST")

    def close(self) -> None:
        """Forget the endpoint; again: nothing."""
        self._endpoint = None
        super().close()
