"""The rag4code embedder contract, API version 1 (group `rag4code.embedder`).

Template-owned: refreshed by `copier update`; do not edit.

    dimension: int                           # length of every vector, > 0
    embed(texts) -> list[list[float]]        # one vector per text, in order

Vectors are finite and depend on the text alone: not on the batch, the call,
the instance or the process (equal up to the last float32 digits: `TOLERANCE`,
relative to the vector's length). Each test gets a fresh instance from the
`embedder` fixture, built with your `adapter_options`; the fresh-process
test also builds `Class()` with no arguments in a new interpreter.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule

from tests.contract.base import ContractSuite, assert_rejected

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
#: Texts a bag-of-words model finds no token in: each must still get a
#: non-zero vector, or the vector store downstream rejects it.
TOKENLESS = {
    **NO_TOKENS,
    "emoji": "🙂🚀",
    "symbols": "→ ≠ ∑ ¬",
    "zero_width": "\u200b\u200d",
    "control": "\x00\x1b",
}
TOLERANCE = 1e-4
"""How far two vectors of one text may differ, relative to their length: the
same text gives the same vector up to the last float32 digits, never more."""
MANY = 3000
"""Texts in the "thousands" test: more than one request of any provider we know
(OpenAI takes 2048 inputs, Cohere 96, Voyage 128)."""

FRESH_PROCESS = """
import contextlib, importlib, json, os, sys
from importlib.metadata import entry_points

group, name, texts_file, out_file = sys.argv[1:]
texts = json.loads(open(texts_file, encoding="utf-8").read())
(point,) = entry_points(group=group, name=name)
wrapper = os.environ.get("RAG4CODE_CHILD_CONTEXT")  # from pytest_rag4code_child_env
if wrapper:  # e.g. a hosted API's recording, in a cassette of the child's own
    sys.path.insert(0, os.environ["RAG4CODE_CHILD_PROJECT"])
    module, _, function = wrapper.partition(":")
    context = getattr(importlib.import_module(module), function)()
else:
    context = contextlib.nullcontext()
with context:
    instance = point.load()()
    try:
        vectors = instance.embed(texts)
    finally:
        instance.close()
with open(out_file, "w", encoding="utf-8") as out:
    json.dump([[float(value) for value in vector] for vector in vectors], out)
"""


def same_vector(actual: Sequence[float], expected: Sequence[float]) -> bool:
    """True when both vectors have the same length and differ by at most
    TOLERANCE of `expected`'s length (Euclidean distance): equal up to the last
    float32 digits, which hosted and GPU backends change between calls."""
    if len(actual) != len(expected):
        return False
    if not all(math.isfinite(value) for value in [*actual, *expected]):
        return False
    return math.dist(actual, expected) <= TOLERANCE * math.hypot(*expected)


def assert_vectors(vectors: Any, count: int, dimension: int) -> None:
    """`vectors` is a list of `count` fresh lists of `dimension` finite Python
    floats, none all zeros."""
    assert isinstance(vectors, list), (
        f"embed() must return a list, got {type(vectors).__name__}"
    )
    assert len(vectors) == count, f"{count} texts gave {len(vectors)} vectors"
    for index, vector in enumerate(vectors):
        assert type(vector) is list, (
            f"vector {index} is a {type(vector).__name__}, not a list"
        )
        assert len(vector) == dimension, (
            f"vector {index} has length {len(vector)}, dimension is {dimension}"
        )
        bad = [v for v in vector if type(v) is not float or not math.isfinite(v)]
        assert not bad, f"vector {index} has non-float or non-finite values {bad[:5]}"
        assert any(vector), f"vector {index} is all zeros"
    shared = len(vectors) - len({id(vector) for vector in vectors})
    assert not shared, f"{shared} vectors are the same list object as another one"


class EmbedderContract(ContractSuite):
    """The embedder contract: subclass once, set `plugin_name`."""

    group = "rag4code.embedder"

    def api_calls(self) -> dict[str, Callable[[Any], object]]:
        return {"embed": lambda embedder: embedder.embed(["x = 1"])}

    @pytest.fixture
    def embedder(self, make: Callable[..., Any]) -> Any:
        """A fresh instance for each test."""
        return make()

    # --- shape ---------------------------------------------------------------

    def test_dimension_is_positive_int(self, embedder: Any) -> None:
        """`dimension` is an int greater than 0.

        If this fails: set `self.dimension` in `__init__` to the model's output
        size (an int, not a numpy integer or a string); if it is only known once
        the model is loaded, make `dimension` a property that loads the model
        (a hosted model may make one request to learn it, then keep it).
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

    def test_dimension_is_known_before_the_first_call(
        self, make: Callable[..., Any]
    ) -> None:
        """A new instance knows its `dimension`, and the vectors have that length.

        If this fails: `dimension` is None, 0 or a guess until the model has
        run once; set it from the model's configuration (or make `dimension` a
        property that loads the model) and send that size to the provider.
        """
        embedder = make()
        dimension = embedder.dimension
        assert isinstance(dimension, int), f"dimension before any call: {dimension!r}"
        assert dimension > 0, f"dimension before any call: {dimension!r}"
        assert_vectors(embedder.embed(CODE), len(CODE), dimension)

    def test_embed_vectors_are_fresh_lists_of_python_floats(
        self, embedder: Any
    ) -> None:
        """Vectors are lists of finite Python floats, one new list per text (also
        for a text that appears twice).

        If this fails: convert the model's output with `.tolist()` or
        `support.as_vectors()` (numpy arrays and numpy floats are not Python
        floats), and do not hand the same list to two texts or keep it in a cache.
        """
        texts = [CODE[0], CODE[0], CODE[1]]
        assert_vectors(embedder.embed(texts), len(texts), embedder.dimension)

    def test_embed_thousands_in_one_batch_match_single_embeddings(
        self, embedder: Any
    ) -> None:
        """A batch of thousands gives one vector per text, each the text's own.

        If this fails: the provider limits inputs per request and the adapter
        sends only the first slice, drops the shorter last one, or puts the
        slices' answers back in the wrong order; split with
        `support.batched()` and keep the order of the texts.
        """
        texts = [
            f"def handler_{i}(request_{i % 7}):\n    return {i}\n" for i in range(MANY)
        ]
        vectors = embedder.embed(texts)
        assert_vectors(vectors, MANY, embedder.dimension)
        for i in (0, 95, 96, 127, 128, 1023, 1024, 2047, 2048, MANY - 1):
            [alone] = embedder.embed([texts[i]])
            assert same_vector(vectors[i], alone), f"text {i} of {MANY}"

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
        """Embedding a text again with the same instance gives the same vector
        (up to relative 1e-4: the last float32 digits may differ, no more).

        If this fails: `embed()` is random (dropout left on: put the model in
        eval mode) or keeps state between calls; or, for a hosted or GPU model,
        the answers differ beyond float32 noise (a model version that changes
        between calls, half precision, a nondeterministic reduction): pin the
        model version, use float32 and deterministic kernels.
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
        self, adapter_class: type[Any], tmp_path: Path, request: pytest.FixtureRequest
    ) -> None:
        """A new interpreter gives the same vectors as this one (`Class()` in both).

        Vectors are stored and compared across runs, so they must not depend on
        the process. The child runs with another PYTHONHASHSEED.

        If this fails: the adapter uses Python's built-in `hash()`, which is
        salted per process; hash with `hashlib` (blake2b, sha256) instead. Or it
        seeds randomness from the clock or the process id. (For a hosted API
        the child's HTTP goes through a cassette of its own, `<test>.child.yaml`:
        tests/contract/cassettes.py, through the hook `pytest_rag4code_child_env`.)
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
        env = {**os.environ, "PYTHONHASHSEED": other_seed}
        # What the child needs besides (a hosted API's plugin records its HTTP).
        env.update(request.config.hook.pytest_rag4code_child_env(request=request) or {})
        result = subprocess.run(
            [
                sys.executable,
                "-X",
                "utf8",
                "-P",
                "-c",
                FRESH_PROCESS,
                self.group,
                self.plugin_name,
                str(texts_file),
                str(out_file),
            ],
            env=env,
            capture_output=True,
            encoding="utf-8",  # the child's too (-X utf8), whatever the locale (Windows)
            errors="replace",
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

    @pytest.mark.parametrize("text", TOKENLESS.values(), ids=TOKENLESS.keys())
    def test_embed_text_without_tokens_gives_a_non_zero_vector(
        self, embedder: Any, text: str
    ) -> None:
        """A text without tokens (empty, blank, punctuation, emoji) gets a finite,
        non-zero vector, alone and inside a batch.

        If this fails: a bag-of-words model (HashingVectorizer, TF-IDF) gives
        all zeros, or normalising zeros gives NaN, and a vector store rejects
        the vector; return a fixed non-zero vector for such texts, and do not
        drop them from the batch.
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

    def test_embed_does_not_modify_its_arguments(self, embedder: Any) -> None:
        """`embed()` leaves the caller's list as it was.

        If this fails: `embed()` sorts, strips, truncates, dedupes or pads the
        list in place; work on a copy (`list(texts)`).
        """
        texts = [CODE[2], "", LONG_TEXT, CODE[0], "  padded  ", CODE[2]]
        before = list(texts)
        embedder.embed(texts)
        assert texts == before

    def test_embed_batches_joining_to_the_same_text_get_their_own_vectors(
        self, embedder: Any
    ) -> None:
        """A text's vector depends on that text only, not on how a batch would
        read when joined: ["a-b", "c"] and ["a", "b-c"] give each text its own.

        If this fails: a cache is keyed by the joined batch ("-".join(texts))
        or by a truncated hash; key it by the whole text (and model).
        """
        first = embedder.embed(["parse-file", "load"])
        second = embedder.embed(["parse", "file-load"])
        for text, vector in zip(
            ["parse-file", "load", "parse", "file-load"], [*first, *second], strict=True
        ):
            [alone] = embedder.embed([text])
            assert same_vector(vector, alone), text

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

    # --- random batches against a reference model ------------------------------

    def test_model_random_batches_match_a_reference(
        self, make: Callable[..., Any]
    ) -> None:
        """Random batches of awkward texts (unicode and its NFD form, blank,
        long, repeated) from two instances give every text the vector it got
        the first time, with every shape rule kept.

        Deterministic: the same batches every run (`model_examples` of them).
        If this fails: the printed steps reproduce the failure.
        """

        class Machine(_EmbedderMachine):
            def make(self, **options: Any) -> Any:
                return make(**options)

        self.run_model(Machine, steps=10)


_MODEL_TEXTS = [
    "",
    " ",
    "\n\t",
    "def f(x):\n    return x",
    "def f(y):\n    return y",
    unicodedata.normalize("NFC", "café = 1"),
    unicodedata.normalize("NFD", "café = 1"),
    "🙂",
    "函数()",
    "x" * 5000,
    "SELECT * FROM t;",
    "a-b",
    "a",
    "b-c",
]


class _EmbedderMachine(RuleBasedStateMachine):
    """Embeds random batches with two instances; each text keeps its vector."""

    def make(self, **options: Any) -> Any:
        """A new instance from the test's factory (set by the test)."""
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.instances = [self.make(), self.make()]
        self.seen: dict[str, list[float]] = {}

    @rule(
        texts=st.lists(st.sampled_from(_MODEL_TEXTS), max_size=8),
        which=st.integers(0, 1),
        as_tuple=st.booleans(),
    )
    def embed(self, texts: list[str], which: int, as_tuple: bool) -> None:
        embedder = self.instances[which]
        before = list(texts)
        vectors = embedder.embed(tuple(texts) if as_tuple else texts)
        assert texts == before, "embed() modified its argument"
        assert_vectors(vectors, len(texts), embedder.dimension)
        for text, vector in zip(texts, vectors, strict=True):
            expected = self.seen.setdefault(text, list(vector))
            assert same_vector(vector, expected), f"{text[:40]!r} changed its vector"

    def teardown(self) -> None:
        for embedder in self.instances:
            embedder.close()
