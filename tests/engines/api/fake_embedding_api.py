"""A small hosted-embeddings API for tests/test_cloud.py, on the standard library:
`python fake_embedding_api.py PORT` serves POST /v1/embeddings the way hosted
APIs do (a key required, at most 96 inputs per request, each vector with its
index), with deterministic 16-dimensional vectors.

The key may come the ways real APIs take one (tests/engines/api/embedder.py
sends each, tests/test_cloud_secrets.py records each): a bearer header, the
`API_KEY`, `Ocp-Apim-Subscription-Key` or `X-Custom-Token` header,
base64("demo:" + key) in `X-Client-Context`, the `subscription-key` query
parameter, the `apiKey` form field, or `auth.credentials[0].api_key` in the
JSON body. A path prefix makes the API misbehave with it, as some do:
/echo-headers/v1/... sends it back in Set-Cookie and an `X-Api-Key` response
header, /echo-body/v1/... in the response body, /fail/v1/... answers 500 with
the key in the error message."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

DIMENSION = 16
MAX_INPUTS = 96
MODES = {"", "echo-headers", "echo-body", "fail"}


def vector(text: str) -> list[float]:
    """A unit vector that depends on the text alone, never all zeros."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=2 * DIMENSION).digest()
    raw = [int.from_bytes(digest[2 * i : 2 * i + 2], "big") - 32767.5 for i in range(DIMENSION)]
    norm = math.sqrt(sum(v * v for v in raw))
    return [v / norm for v in raw]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        url = urlsplit(self.path)
        mode, _, endpoint = url.path.strip("/").rpartition("v1/")
        if endpoint != "embeddings" or mode.strip("/") not in MODES:
            return self.answer(404, {"error": "not found"})
        mode = mode.strip("/")
        raw = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Type") == "application/x-www-form-urlencoded":
            form = {name: values[0] for name, values in parse_qs(raw.decode()).items()}
            body: dict[str, Any] = {"input": json.loads(form.get("input", "null")), "apiKey": form.get("apiKey")}
        else:
            body = json.loads(raw)
        key = self.key(body, parse_qs(url.query).get("subscription-key", [""])[0])
        if not key:
            return self.answer(401, {"error": "missing API key"})
        if mode == "fail":
            return self.answer(500, {"error": f"quota exceeded for key {key}"})
        texts = body.get("input")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return self.answer(400, {"error": "input must be a list of strings"})
        if len(texts) > MAX_INPUTS:
            return self.answer(400, {"error": f"at most {MAX_INPUTS} inputs per request"})
        payload: dict[str, Any] = {"data": [{"index": i, "embedding": vector(t)} for i, t in enumerate(texts)]}
        if mode == "echo-body":
            payload["request"] = {"key": key}
        headers = {"Set-Cookie": f"session={key}; HttpOnly", "X-Api-Key": key} if mode == "echo-headers" else {}
        return self.answer(200, payload, headers)

    def key(self, body: dict[str, Any], query_key: str) -> str:
        """The key, wherever the client put it ("" if nowhere)."""
        context = base64.b64decode(self.headers.get("X-Client-Context", "")).decode()
        nested = (body.get("auth") or {}).get("credentials") or [{}]
        found = [
            self.headers.get("Authorization", "").removeprefix("Bearer ").strip(),
            *(self.headers.get(name, "") for name in ("API_KEY", "Ocp-Apim-Subscription-Key", "X-Custom-Token")),
            context.removeprefix("demo:"),
            query_key,
            body.get("apiKey") or "",
            nested[0].get("api_key", ""),
        ]
        return next((key for key in found if key), "")

    def answer(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read the responses, not a log."""


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
