"""The rag4code embedder contract, API version 1 (group `rag4code.embedder`).

Template-owned: refreshed by `copier update`; do not edit.

    dimension: int                           # length of every vector, > 0
    embed(texts) -> list[list[float]]        # one vector per text, in order

Vectors are finite and depend on the text alone: not on the batch, the call,
the instance or the process. Each test gets a fresh instance from the
`embedder` fixture, built through your `adapter_factory`; the fresh-process
test also builds `Class()` with no arguments in a new interpreter.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.contract.base import ContractSuite, is_close

CODE = [
    "def parse_file(path: str) -> Module:\n    return Parser(path).parse()\n",
    "class HttpClient:\n    def getJSON(self, url):\n        return self.session.get(url)\n",
    "SELECT id, name FROM users WHERE id = 42;",
]
UNICODE = "naïve 函数 🙂"
UNICODE_TEXTS = [
    UNICODE,
    "# Kommentar: Größe prüfen\nif größe > 0: ...",
    "// 日本語のコメント\nlet データ = 1;",
    "ünïcødé/файл.py",
    "e\u0301 \u200b \u202eRTL\u202c",
]
NO_TOKENS = {"empty": "", "whitespace": "  \n\t\r\n  ", "punctuation": "(){}[];:.,"}
LONG_TEXT = "".join(
    f"def handler_{i}(request):\n    return respond(request, status={i % 500})\n\n"
    for i in range(4000)
)[:200_000]
NOT_STRINGS = {"int": 42, "none": None, "bytes": b"bytes"}

FRESH_PROCESS = """
import json, sys
from importlib.metadata import entry_points

group, name, texts_file, out_file = sys.argv[1:]
texts = json.loads(open(texts_file, encoding="utf-8").read())
(point,) = entry_points(group=group, name=name)
instance = point.load()()
try:
    vectors = instance.embed(texts)
finally:
    instance.close()
with open(out_file, "w", encoding="utf-8") as out:
    json.dump([[float(value) for value in vector] for vector in vectors], out)
"""


def same_vector(actual: Sequence[float], expected: Sequence[float]) -> bool:
    """True when both vectors have the same length and equal components, within
    float32 tolerance."""
    return len(actual) == len(expected) and all(
        is_close(a, e) for a, e in zip(actual, expected, strict=True)
    )


def assert_vectors(vectors: Any, count: int, dimension: int) -> None:
    """`vectors` is a list of `count` lists of `dimension` finite floats."""
    assert isinstance(vectors, list), (
        f"embed() must return a list, got {type(vectors).__name__}"
    )
    assert len(vectors) == count, f"{count} texts gave {len(vectors)} vectors"
    for index, vector in enumerate(vectors):
        assert isinstance(vector, list), (
            f"vector {index} is a {type(vector).__name__}, not a list"
        )
        assert len(vector) == dimension, (
            f"vector {index} has length {len(vector)}, dimension is {dimension}"
        )
        bad = [v for v in vector if not isinstance(v, float) or not math.isfinite(v)]
        assert not bad, f"vector {index} has non-float or non-finite values {bad[:5]}"


def assert_rejected(call: Callable[[], object]) -> None:
    """`call` raises ValueError or TypeError with a message naming the problem."""
    with pytest.raises((ValueError, TypeError)) as excinfo:
        call()
    assert str(excinfo.value).strip(), "the error message must name the problem"


class EmbedderContract(ContractSuite):
    """The embedder contract: subclass once, set `plugin_name`."""

    group = "rag4code.embedder"

    @pytest.fixture
    def embedder(self, make: Callable[..., Any]) -> Any:
        """A fresh instance for each test."""
        return make()

    # --- shape ---------------------------------------------------------------

    def test_dimension_is_positive_int(self, embedder: Any) -> None:
        """`dimension` is an int greater than 0.

        If this fails: set `self.dimension` in `__init__` to the model's output
        size (an int, not a numpy integer or a string); if it is only known once
        the model is loaded, make `dimension` a property that loads the model.
        """
        dimension = embedder.dimension
        assert isinstance(dimension, int), type(dimension)
        assert not isinstance(dimension, bool), "dimension must be an int, not a bool"
        assert dimension > 0

    def test_embed_batch_gives_one_vector_per_text(self, embedder: Any) -> None:
        """`embed(texts)` returns one vector per text, each of length `dimension`.

        If this fails: check the model's output size matches `dimension`, and
        that `embed()` returns exactly one vector per input, in input order
        (no dropped empty texts, no split long texts).
        """
        vectors = embedder.embed(CODE)
        assert len(vectors) == len(CODE), f"{len(CODE)} texts, {len(vectors)} vectors"
        assert [len(v) for v in vectors] == [embedder.dimension] * len(CODE)

    def test_embed_vectors_are_lists_of_finite_floats(self, embedder: Any) -> None:
        """Vectors are lists of finite Python floats (no NaN, no infinity).

        If this fails: convert the model's output with `.tolist()` (a numpy or
        torch array is not a list of floats), and check for NaN, which a model
        may produce for unusual input or in float16.
        """
        assert_vectors(embedder.embed(CODE), len(CODE), embedder.dimension)

    # --- determinism -------------------------------------------------------------

    def test_embed_same_text_twice_in_batch_gives_same_vector(
        self, embedder: Any
    ) -> None:
        """A text that appears twice in one batch gets the same vector twice.

        If this fails: the vector depends on the text's position in the batch
        (a positional bias, a stateful tokenizer); embed every text alike.
        """
        first, _, second = embedder.embed([CODE[0], CODE[1], CODE[0]])
        assert same_vector(first, second)

    def test_embed_text_in_batch_equals_text_alone(self, embedder: Any) -> None:
        """A text gets the same vector in a batch as when embedded alone.

        If this fails: the vector depends on its neighbours (normalising over
        the batch, padding that leaks into pooling); use the attention mask when
        pooling and normalise each vector on its own.
        """
        batch = embedder.embed([*CODE, UNICODE])
        for text, in_batch in zip([*CODE, UNICODE], batch, strict=True):
            [alone] = embedder.embed([text])
            assert same_vector(in_batch, alone), text

    def test_embed_repeated_call_gives_same_vector(self, embedder: Any) -> None:
        """Embedding a text again with the same instance gives the same vector.

        If this fails: `embed()` is random (dropout left on: put the model in
        eval mode) or keeps state between calls.
        """
        assert same_vector(embedder.embed([CODE[1]])[0], embedder.embed([CODE[1]])[0])

    def test_embed_new_instance_gives_same_vector(
        self, make: Callable[..., Any]
    ) -> None:
        """Two instances with the same options give the same vector for a text.

        If this fails: each instance draws its own randomness (a random seed,
        random projection or salt in `__init__`); derive it from a fixed value.
        """
        first, second = make(), make()
        assert same_vector(first.embed([CODE[2]])[0], second.embed([CODE[2]])[0])

    def test_embed_fresh_process_gives_same_vector(
        self, adapter_class: type[Any], tmp_path: Path
    ) -> None:
        """A new interpreter gives the same vectors as this one (`Class()` in both).

        Vectors are stored and compared across runs, so they must not depend on
        the process. The child runs with another PYTHONHASHSEED.

        If this fails: the adapter uses Python's built-in `hash()`, which is
        salted per process; hash with `hashlib` (blake2b, sha256) instead. Or it
        seeds randomness from the clock or the process id.
        """
        texts = [*CODE, UNICODE, ""]
        instance = adapter_class()
        try:
            here = instance.embed(texts)
        finally:
            instance.close()
        texts_file, out_file = tmp_path / "texts.json", tmp_path / "vectors.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        seed = os.environ.get("PYTHONHASHSEED", "")
        other_seed = str(random.choice([n for n in range(1, 100) if str(n) != seed]))
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                FRESH_PROCESS,
                self.group,
                self.plugin_name,
                str(texts_file),
                str(out_file),
            ],
            env={**os.environ, "PYTHONHASHSEED": other_seed},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"the fresh process failed:\n{result.stderr}"
        there = json.loads(out_file.read_text(encoding="utf-8"))
        for text, mine, theirs in zip(texts, here, there, strict=True):
            assert same_vector(mine, theirs), (
                f"{text!r} embeds differently in a process with"
                f" PYTHONHASHSEED={other_seed}: is Python's hash() used?"
            )

    def test_embed_different_texts_give_different_vectors(self, embedder: Any) -> None:
        """Texts that differ in content get different vectors.

        If this fails: the text is not reaching the model (a constant vector,
        an empty tokenizer vocabulary, everything truncated away), or `embed()`
        returns a cached vector for the wrong text.
        """
        pairs = [
            ("def parse_file", "class HttpClient"),
            ("def parse_file", "def write_file"),
            (CODE[0], CODE[2]),
        ]
        for left, right in pairs:
            first, second = embedder.embed([left, right])
            assert not same_vector(first, second), (left, right)

    # --- edge cases ----------------------------------------------------------------

    def test_embed_empty_list_returns_empty_list(self, embedder: Any) -> None:
        """`embed([])` returns [] rather than raising.

        If this fails: return [] before calling the model (many models fail on
        an empty batch, and `max()` over no lengths raises).
        """
        assert embedder.embed([]) == []

    @pytest.mark.parametrize("text", NO_TOKENS.values(), ids=NO_TOKENS.keys())
    def test_embed_text_without_tokens_gives_finite_vector(
        self, embedder: Any, text: str
    ) -> None:
        """An empty, blank or punctuation-only text gets a finite vector.

        If this fails: normalising a zero vector divides by zero (NaN); return
        a fixed finite vector instead, and do not drop the text from the batch.
        """
        assert_vectors(embedder.embed([text]), 1, embedder.dimension)
        assert_vectors(embedder.embed(["x = 1", text, "y"]), 3, embedder.dimension)

    def test_embed_unicode_text_gives_finite_vector(self, embedder: Any) -> None:
        """Non-ASCII text (accents, CJK, emoji, combining and control marks) works.

        If this fails: the text is encoded as ASCII or Latin-1 somewhere;
        encode as UTF-8, and do not assume one character is one byte.
        """
        vectors = embedder.embed(UNICODE_TEXTS)
        assert_vectors(vectors, len(UNICODE_TEXTS), embedder.dimension)

    def test_embed_very_long_text_gives_finite_vector(self, embedder: Any) -> None:
        """A very long text (200,000 characters) gets a finite vector.

        If this fails: the model rejects input past its context length;
        truncate (or embed windows and average them) inside `embed()`.
        """
        vectors = embedder.embed([LONG_TEXT, "short"])
        assert_vectors(vectors, 2, embedder.dimension)

    def test_embed_any_sequence_is_accepted(self, embedder: Any) -> None:
        """`texts` may be any sequence of str, e.g. a tuple, not only a list.

        If this fails: convert with `list(texts)` before handing it to the model.
        """
        from_tuple = embedder.embed(tuple(CODE))
        from_list = embedder.embed(list(CODE))
        assert len(from_tuple) == len(CODE)
        for left, right in zip(from_tuple, from_list, strict=True):
            assert same_vector(left, right)

    def test_embed_input_list_is_not_mutated(self, embedder: Any) -> None:
        """`embed()` leaves the caller's list as it was.

        If this fails: `embed()` sorts, strips, truncates or pads the list in
        place; work on a copy (`list(texts)`).
        """
        texts = [CODE[2], "", LONG_TEXT, CODE[0], "  padded  "]
        before = list(texts)
        embedder.embed(texts)
        assert texts == before

    def test_embed_result_changes_do_not_change_later_results(
        self, embedder: Any
    ) -> None:
        """Changing a returned vector does not change what `embed()` returns later.

        If this fails: a cache hands out its own lists; return copies.
        """
        [vector] = embedder.embed([CODE[0]])
        expected = list(vector)
        vector[:] = [0.0] * len(vector)
        assert same_vector(embedder.embed([CODE[0]])[0], expected)

    # --- rejected input --------------------------------------------------------------

    @pytest.mark.parametrize("item", NOT_STRINGS.values(), ids=NOT_STRINGS.keys())
    def test_embed_non_string_item_is_rejected(self, embedder: Any, item: Any) -> None:
        """An item that is not a str is rejected with TypeError or ValueError.

        If this fails: check `isinstance(text, str)` for every item before
        calling the model; do not convert with `str()` (b"x" would embed as
        "b'x'", None as "None").
        """
        assert_rejected(lambda: embedder.embed(["def ok(): pass", item]))

    def test_embed_bare_string_is_rejected(self, embedder: Any) -> None:
        """A single str instead of a sequence of str is rejected.

        A str is itself a sequence of one-character strings, so without a check
        it would silently embed character by character (or, with some models,
        return one flat vector).

        If this fails: raise TypeError when `isinstance(texts, str)`.
        """
        assert_rejected(lambda: embedder.embed("def parse_file(path): ..."))

    def test_embed_after_rejected_call_still_works(self, embedder: Any) -> None:
        """After a rejected call the instance still works and gives the same vectors.

        If this fails: `embed()` changes state before validating (a half-filled
        buffer or cache, a closed model); validate the whole batch first.
        """
        expected = embedder.embed(CODE)
        assert_rejected(lambda: embedder.embed([CODE[0], CODE[1], None]))
        assert_rejected(lambda: embedder.embed(CODE[2]))
        again = embedder.embed(CODE)
        assert len(again) == len(expected)
        for left, right in zip(again, expected, strict=True):
            assert same_vector(left, right)
