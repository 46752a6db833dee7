"""A small hosted-embeddings API for tests/test_cloud.py, on the standard library:
`python fake_embedding_api.py PORT` serves POST /v1/embeddings the way hosted
APIs do (a bearer key required, at most 96 inputs per request, each vector
with its index), with deterministic 16-dimensional vectors."""

from __future__ import annotations

import hashlib
import json
import math
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMENSION = 16
MAX_INPUTS = 96


def vector(text: str) -> list[float]:
    """A unit vector that depends on the text alone, never all zeros."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=2 * DIMENSION).digest()
    raw = [int.from_bytes(digest[2 * i : 2 * i + 2], "big") - 32767.5 for i in range(DIMENSION)]
    norm = math.sqrt(sum(v * v for v in raw))
    return [v / norm for v in raw]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/v1/embeddings":
            return self.answer(404, {"error": "not found"})
        if not self.headers.get("Authorization", "").removeprefix("Bearer ").strip():
            return self.answer(401, {"error": "missing API key"})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        texts = body.get("input")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return self.answer(400, {"error": "input must be a list of strings"})
        if len(texts) > MAX_INPUTS:
            return self.answer(400, {"error": f"at most {MAX_INPUTS} inputs per request"})
        return self.answer(200, {"data": [{"index": i, "embedding": vector(t)} for i, t in enumerate(texts)]})

    def answer(self, status: int, payload: object) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read the responses, not a log."""


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
