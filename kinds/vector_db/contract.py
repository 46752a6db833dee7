"""The rag4code vector_db contract, API version 1 (group `rag4code.vector_db`).

Template-owned: refreshed by `copier update`; do not edit.

    upsert(ids, vectors, metadatas=None) -> None
    query(vector, *, top_k=10, where=None) -> list[Hit]     # Hit: id, score, metadata
    get(ids) -> list[Record]                                # Record: id, vector, metadata
    delete(ids) -> None
    count() -> int
    dimension: int | None                                   # read-only; None until the first upsert

Similarity is cosine. Each test gets fresh, empty stores from the `store`
fixture or `make()`, built with your `adapter_options` and `instance_options`;
`persists` says whether a store's data outlives its instance. The limits of a
backend (page sizes, request batch sizes, id length or charset rules) are the
adapter's to handle: the tests use thousands of records and awkward ids.
"""

from __future__ import annotations

import copy
import functools
import itertools
import math
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.contract.base import ContractSuite, assert_rejected, is_close

A = [1.0, 0.0, 0.0, 0.0]
B = [0.0, 1.0, 0.0, 0.0]
C = [0.0, 0.0, 1.0, 0.0]
D = [0.0, 0.0, 0.0, 1.0]
AB = [1.0, 1.0, 0.0, 0.0]
MANY = 3000
"""Records in the "thousands" tests: more than one page or request of any
backend we know (Chroma 5461 per add is the exception; 1000 is common)."""
POOL = 5000
"""Records in the selective-filter test: more than the candidate pools that
filter-after-search stores take from an index (1000, 4096, 10 * top_k)."""
APPROXIMATE_INDEX_FIX = (
    "An approximate index (HNSW in FAISS or pgvector, IVF) comes back with fewer"
    " than top_k hits when top_k is large or the filter selective: when it does,"
    " fall back to an exact search over the matching records (pgvector 0.8+ can"
    " also keep scanning: SET hnsw.iterative_scan = strict_order, still short"
    " past hnsw.max_scan_tuples). A fixed pool of nearest candidates filtered"
    " afterwards has the same flaw."
)
"""What the failure of a thousands-of-hits or selective-filter test says to do."""

#: Ids real backends mangle: paths and anchors, unicode, spaces, quotes and
#: characters that break query strings, ids that look like numbers.
TRICKY_IDS = [
    "src/a.py#L10-L20",
    "ünïcødé/файл.py",
    "with space",
    "a:b@c?d=e&f",
    "🙂",
    "it's",
    "a') OR ('1'='1",
    "a,b",
    "_leading_underscore",
    "1.0",
    "C:\\path\\file.py",
]
#: Ids holding the wildcards of SQL LIKE (% _ and its escape \\), of globs
#: (* ? [ ], as in Redis SCAN MATCH or fnmatch) and of regular expressions
#: (. + ^ $ |): as patterns, each would match some of PLAIN_IDS.
WILDCARD_IDS = [
    "a*",
    "a?",
    "a[b]",
    "[ab]",
    "a%",
    "a_",
    "a\\b",
    "a.c",
    "a+",
    "^a$",
    "a|b",
    "%",
    "_",
    "*",
]
#: Ids without wildcards, next to those of WILDCARD_IDS.
PLAIN_IDS = ["a", "b", "aa", "ab", "abc", "ab]"]
#: Groups of distinct ids that lossy id mappings make collide.
COLLIDING_IDS = {
    "case": ["README.md", "readme.md", "ReadMe.md"],
    "unicode normalisation": [
        unicodedata.normalize("NFC", "café.py"),
        unicodedata.normalize("NFD", "café.py"),
    ],
    "surrounding whitespace": ["a", " a", "a ", "a\t"],
    "long shared prefix": [
        "src/" + "very_long_directory_name/" * 20 + "module.py#L1-L20",
        "src/" + "very_long_directory_name/" * 20 + "module.py#L21-L40",
    ],
    "separators": ["a/b", "a_b", "a-b", "a.b", "a%2Fb"],
    "numbers": ["1", "01", "1.0", "+1"],
}
METADATA_TYPES = {"s": "x", "i": 7, "f": 0.25, "t": True, "big": 2**53 + 1}
FALSY = {"zero": 0, "zero_float": 0.0, "empty": "", "false": False}
EXTREME_NUMBERS = {
    "max_int64": 2**63 - 1,
    "min_int64": -(2**63),
    "beyond_float": 2**53 + 1,
    "negative": -12345,
    "tenth": 0.1,
    "third": 1 / 3,
    "huge": 1.5e308,
    "tiny": 5e-324,
    "negative_float": -2.5,
}
STRINGS = {
    "nfd": unicodedata.normalize("NFD", "café"),
    "nfc": unicodedata.normalize("NFC", "café"),
    "emoji": "🙂 👩‍💻",
    "cjk": "函数",
    "newline": "line one\nline two",
    "tab": "a\tb",
    "padded": "  padded  ",
    "quotes": 'it\'s "quoted"',
    "backslash": "C:\\dir\\",
    "long": "x" * 10_000,
}
#: A long string value, one differing from it in the last character only, and
#: its first 256 characters: a keyword index that truncates (or skips) values
#: longer than 256 characters cannot tell them apart (or find them).
LONG_VALUE = "src/" + "very_long_directory_name/" * 400 + "module.py"
LONG_VALUES = {
    "long": LONG_VALUE,
    "long_sibling": LONG_VALUE[:-1] + "Y",
    "prefix_256": LONG_VALUE[:256],
}
#: Keys adapters often use for their own payload fields, and keys that some
#: backends rewrite (case, dots as nested paths, dashes, spaces).
AWKWARD_KEYS = {
    "id": "not the record id",
    "_id": "underscore id",
    "text": "some text",
    "document": "a document",
    "vector": "not a vector",
    "embedding": "not an embedding",
    "score": "not a score",
    "metadata": "nested?",
    "Title": "capitalised",
    "file.path": "src/a.py",
    "a-b": "dash",
    "with space": "space",
    "ünï": "unicode key",
}
#: Finite, non-zero vectors whose float64 norm underflows or overflows.
EXTREME_VECTORS = {
    "subnormal": [5e-324, 0.0, 0.0, 0.0],
    "tiny": [1e-200, 1e-200, 0.0, 0.0],
    "huge": [1e308, 1e308, 0.0, 0.0],
    "wide_range": [1e300, 1e-300, 0.0, 1.0],
}
#: Values equal under Python's == but of different types: `where` tells them apart.
SAME_VALUE_OTHER_TYPE = {
    "int_one": 1,
    "bool_true": True,
    "float_one": 1.0,
    "str_one": "1",
    "int_zero": 0,
    "bool_false": False,
    "float_zero": 0.0,
    "str_empty": "",
    "big": 2**53 + 1,
    "big_neighbour": 2**53,
}


def cosine(u: Sequence[float], v: Sequence[float]) -> float:
    """Cosine similarity, the metric every vector_db plugin uses, exact for any
    finite non-zero vectors (5e-324 and 1e308 components included)."""
    return math.fsum(a * b for a, b in zip(unit(u), unit(v), strict=True))


def unit(vector: Sequence[float]) -> list[float]:
    """`vector` scaled to length 1: divided by its largest component first, so
    that neither the norm nor a product underflows or overflows."""
    largest = max(abs(value) for value in vector)
    scaled = [value / largest for value in vector]
    norm = math.hypot(*scaled)
    return [value / norm for value in scaled]


def same_direction(actual: Sequence[float], expected: Sequence[float]) -> bool:
    """True when `actual` equals `expected` or a positive multiple of it (stores
    that normalise on write, like Qdrant), within float32 tolerance."""
    if len(actual) != len(expected) or not any(actual):
        return False
    if not all(math.isfinite(value) for value in actual):
        return False
    return all(
        is_close(a, e) for a, e in zip(unit(actual), unit(expected), strict=True)
    )


def many(n: int, dim: int = 8) -> list[list[float]]:
    """`n` non-zero vectors pointing different ways (deterministic)."""
    return [
        [1.0 + i / n]
        + [1.0 + (i + 1) * (2 * j + 1) % 101 / 101 for j in range(dim - 1)]
        for i in range(n)
    ]


def basis(index: int, dim: int) -> list[float]:
    """A vector pointing along axis `index`, slightly tilted so none is orthogonal."""
    return [1.0 if j == index else 0.01 for j in range(dim)]


def snapshot(
    store: Any, ids: Sequence[str]
) -> tuple[int, list[tuple[str, list[float], dict[str, Any]]]]:
    """What a rejected call must leave untouched: count and every record."""
    return store.count(), [
        (r.id, list(r.vector), dict(r.metadata)) for r in store.get(ids)
    ]


def assert_rejected_unchanged(
    store: Any, call: Callable[[], object], ids: Sequence[str]
) -> None:
    """`call` raises ValueError or TypeError with a message, and changes nothing."""
    before = snapshot(store, ids)
    assert_rejected(call)
    after = snapshot(store, ids)
    assert after == before, "a rejected call must leave the store unchanged"


def rejection(call: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """What `call` returns and None, or None and the ValueError or TypeError it
    raised: for rules that allow either a correct answer or a rejection."""
    try:
        return call(), None
    except (ValueError, TypeError) as error:
        return None, error


def typed(metadata: Any) -> dict[str, tuple[type, Any]]:
    """Metadata as key -> (type, value), so that 1 and True compare unequal."""
    return {key: (type(value), value) for key, value in dict(metadata).items()}


class VectorDbContract(ContractSuite):
    """The vector_db contract: subclass once, set `plugin_name`."""

    group = "rag4code.vector_db"
    persists: ClassVar[bool] = False
    """True when the store's data lives outside the process (a server, a hosted
    API, an embedded engine with a path): a new instance built with the same
    options as a closed one then sees its records and its dimension. False for
    a store in process memory, whose new instance starts empty."""

    def api_calls(self) -> dict[str, Callable[[Any], object]]:
        return {
            "count": lambda store: store.count(),
            "upsert": lambda store: store.upsert(["a"], [A]),
            "query": lambda store: store.query(A),
            "get": lambda store: store.get(["a"]),
            "delete": lambda store: store.delete(["a"]),
        }

    @pytest.fixture
    def store(self, make: Callable[..., Any]) -> Any:
        """A fresh, empty store for each test."""
        return make()

    @pytest.fixture
    def seeded(self, store: Any) -> Any:
        """A store holding records "a" and "b" (dimension 4)."""
        store.upsert(["a", "b"], [A, B], [{"n": 1}, {"n": 2}])
        return store

    # --- empty store and isolation -----------------------------------------------

    def test_count_empty_store_is_zero(self, store: Any) -> None:
        """A new store is empty: `count()` is 0.

        If this fails: the store is not isolated; give every instance its own
        collection, path or namespace in `instance_options`.
        """
        assert store.count() == 0

    def test_query_empty_store_returns_empty_list(self, store: Any) -> None:
        """Querying an empty store returns [] rather than raising.

        If this fails: `query()` probably fails on a missing collection or an
        unknown dimension; return [] when nothing is stored.
        """
        assert list(store.query(A, top_k=3)) == []

    def test_get_empty_store_returns_empty_list(self, store: Any) -> None:
        """`get()` on an empty store returns [] (missing ids are omitted).

        If this fails: `get()` must skip unknown ids instead of raising.
        """
        assert list(store.get(["nope"])) == []

    def test_new_instance_does_not_see_another_instances_records(
        self, make: Callable[..., Any]
    ) -> None:
        """Each instance the factory builds is an isolated, empty store.

        A server or cloud suite's factory builds them at one URL, each with a
        `namespace=` of its own: this is where a store that ignores its
        namespace fails.

        If this fails: instances share state (a module-level or class-level
        dict, a fixed collection name, a fixed path); give each instance its
        own namespace or path in `instance_options`, and keep each namespace's
        records in a collection, index or table of its own.
        """
        first = make()
        first.upsert(["a", "b"], [A, B])
        second = make()
        assert second.count() == 0, (
            f"a new instance counts {second.count()} records: those another"
            " instance wrote"
        )
        assert list(second.get(["a", "b"])) == []

    # --- dimension -----------------------------------------------------------------

    def test_dimension_is_none_before_the_first_upsert(self, store: Any) -> None:
        """`dimension` is None while nothing was ever upserted.

        If this fails: do not guess a dimension (0, a default, the model's)
        before the first upsert fixes it.
        """
        assert store.dimension is None

    def test_dimension_is_fixed_by_the_first_upsert(self, store: Any) -> None:
        """The first upsert fixes `dimension`; rejected calls and deletes keep it.

        If this fails: record the first batch's vector length and keep it for
        the life of the store.
        """
        store.upsert(["a"], [A])
        assert store.dimension == 4
        assert_rejected(lambda: store.upsert(["b"], [[1.0, 2.0, 3.0]]))
        store.delete(["a"])
        assert store.dimension == 4

    def test_dimension_is_read_only(self, seeded: Any) -> None:
        """Assigning to `dimension` raises AttributeError: the store owns it.

        If this fails: expose `dimension` as a property without a setter.
        """
        with pytest.raises(AttributeError):
            seeded.dimension = 7
        assert seeded.dimension == 4

    # --- upsert --------------------------------------------------------------------

    def test_upsert_then_count_counts_records(self, store: Any) -> None:
        """`count()` is the number of distinct ids stored.

        If this fails: check `upsert()` writes every item and `count()` counts them.
        """
        store.upsert(["a", "b", "c"], [A, B, C])
        assert store.count() == 3

    def test_upsert_same_id_replaces(self, seeded: Any) -> None:
        """Upserting an existing id overwrites its vector and metadata.

        If this fails: `upsert()` appends, skips existing ids or keeps the old
        record; write by id (an insert-only backend call is not an upsert).
        """
        seeded.upsert(["a"], [C], [{"n": 3}])
        assert seeded.count() == 2
        [record] = seeded.get(["a"])
        assert same_direction(record.vector, C)
        assert record.metadata == {"n": 3}

    def test_upsert_without_metadata_gives_empty_metadata(self, store: Any) -> None:
        """`metadatas=None` stores each record with empty metadata ({}).

        If this fails: default missing metadata to {} in `upsert()`.
        """
        store.upsert(["a"], [A])
        [record] = store.get(["a"])
        assert dict(record.metadata) == {}
        [hit] = store.query(A, top_k=1)
        assert dict(hit.metadata) == {}

    def test_upsert_metadata_types_round_trip(self, store: Any) -> None:
        """Metadata values come back with the same value and type (str, int, float, bool).

        If this fails: the backend converts types (bool to int, int to float,
        everything to str); store the type or convert back in `get()`/`query()`
        (check bool before int: `isinstance(True, int)` is true).
        """
        store.upsert(["a"], [A], [METADATA_TYPES])
        for record in [*store.get(["a"]), *store.query(A, top_k=1)]:
            assert typed(record.metadata) == typed(METADATA_TYPES)

    def test_upsert_metadata_falsy_values_round_trip(self, store: Any) -> None:
        """0, 0.0, "" and False are stored and come back like any other value.

        If this fails: a truthiness test (`if value:`) drops or rewrites them;
        test `is None` or nothing at all.
        """
        store.upsert(["a"], [A], [FALSY])
        [record] = store.get(["a"])
        assert typed(record.metadata) == typed(FALSY)

    def test_upsert_metadata_extreme_numbers_round_trip(self, store: Any) -> None:
        """Every int64 and every float64 comes back exactly (no float32, no JSON loss).

        If this fails: numbers pass through float32 storage (0.1 comes back as
        0.10000000149), through a JSON library that reads big ints as floats, or
        through a string field; store 64-bit values.
        """
        store.upsert(["a"], [A], [EXTREME_NUMBERS])
        [record] = store.get(["a"])
        assert typed(record.metadata) == typed(EXTREME_NUMBERS)

    def test_upsert_metadata_strings_round_trip_exactly(self, store: Any) -> None:
        """String values come back exactly: unicode form, whitespace, long text.

        If this fails: the backend normalises unicode (NFC), strips or collapses
        whitespace, or truncates long strings (a VARCHAR length); store the
        text as given.
        """
        store.upsert(["a"], [A], [STRINGS])
        [record] = store.get(["a"])
        assert typed(record.metadata) == typed(STRINGS)

    def test_upsert_metadata_keys_round_trip_exactly(self, store: Any) -> None:
        """Any str key comes back as given, even "id", "text" or "vector", and the
        record keeps its own id.

        If this fails: the adapter mixes its own payload fields (the original
        id, the document text) with the caller's metadata, or the backend
        rewrites keys (lower-cases them, reads "a.b" as a nested path); keep
        the caller's metadata under one field of its own.
        """
        store.upsert(["the-id"], [A], [AWKWARD_KEYS])
        [record] = store.get(["the-id"])
        assert record.id == "the-id"
        assert typed(record.metadata) == typed(AWKWARD_KEYS)
        [hit] = store.query(A, top_k=1)
        assert hit.id == "the-id"

    @pytest.mark.parametrize("record_id", TRICKY_IDS)
    def test_upsert_any_nonempty_string_id_round_trips(
        self, store: Any, record_id: str
    ) -> None:
        """Ids are arbitrary non-empty strings (paths, anchors, unicode, quotes).

        If this fails: the backend restricts ids (Qdrant wants UUIDs or
        integers), or the adapter builds a query string or filter expression
        from them; map ids to a derived key (`support.stable_key()`), keep the
        original id in the payload, and pass ids as parameters, never as text.
        """
        store.upsert([record_id, "other"], [A, B])
        assert [r.id for r in store.get([record_id])] == [record_id]
        assert [h.id for h in store.query(A, top_k=1)] == [record_id]
        store.delete([record_id])
        assert [r.id for r in store.get([record_id, "other"])] == ["other"]

    @pytest.mark.parametrize("group", sorted(COLLIDING_IDS))
    def test_upsert_ids_a_lossy_mapping_would_merge_stay_distinct(
        self, store: Any, group: str
    ) -> None:
        """Ids differing only in case, unicode form, whitespace, separators or
        after a long shared prefix are distinct records.

        If this fails: the id reaches the backend changed (lower-cased,
        normalised, stripped, truncated to a length limit, "/" replaced by "_");
        map ids with a collision-free function (`support.stable_key()`) and keep
        the original.
        """
        ids = COLLIDING_IDS[group]
        vectors = [basis(i, len(ids)) for i in range(len(ids))]
        store.upsert(ids, vectors, [{"i": i} for i in range(len(ids))])
        assert store.count() == len(ids)
        records = store.get(ids)
        assert [r.id for r in records] == ids
        for i, record in enumerate(records):
            assert record.metadata == {"i": i}, record.id
            assert same_direction(record.vector, vectors[i]), record.id
            assert store.query(vectors[i], top_k=1)[0].id == ids[i]
        store.delete(ids[:1])
        assert [r.id for r in store.get(ids)] == ids[1:]

    def test_upsert_copies_caller_data(self, store: Any) -> None:
        """Changing the caller's lists or dicts after upsert does not change the store.

        If this fails: `upsert()` keeps references; copy vectors and metadata.
        """
        ids, vector, metadata = ["a"], list(A), {"n": 1}
        store.upsert(ids, [vector], [metadata])
        ids[0] = "zzz"
        vector[0], vector[1] = 0.0, 1.0
        metadata["n"] = 99
        [record] = store.get(["a"])
        assert same_direction(record.vector, A)
        assert record.metadata == {"n": 1}

    def test_upsert_does_not_modify_its_arguments(self, store: Any) -> None:
        """`upsert()` leaves the caller's ids, vectors and metadatas as they were.

        If this fails: the adapter normalises vectors in place (numpy's `/=`,
        faiss.normalize_L2), sorts or dedupes the ids list, or adds its own keys
        to the metadata dicts; work on copies.
        """
        ids = ["b", "a"]
        vectors = [[3.0, 4.0, 0.0, 0.0], [0.0, 0.0, 2.0, 0.0]]
        metadatas: list[dict[str, Any]] = [{"n": 1}, {}]
        before = copy.deepcopy((ids, vectors, metadatas))
        store.upsert(ids, vectors, metadatas)
        assert (ids, vectors, metadatas) == before

    def test_upsert_thousands_in_one_batch(self, store: Any) -> None:
        """A batch of thousands of records is accepted whole, in one call.

        If this fails: the backend limits the request size; split the batch
        inside `upsert()` (`support.batched()`), send every slice including the
        shorter last one, and keep the all-or-nothing validation up front.
        """
        ids = [f"doc-{i}" for i in range(MANY)]
        vectors = many(MANY)
        store.upsert(ids, vectors, [{"i": i} for i in range(MANY)])
        assert store.count() == MANY
        for i in (0, 999, 1000, 1023, 1024, 2047, 2048, MANY - 1):
            [record] = store.get([ids[i]])
            assert record.metadata == {"i": i}
            assert same_direction(record.vector, vectors[i])

    # --- rejected upserts ----------------------------------------------------------

    def test_upsert_wrong_dimension_is_rejected(self, seeded: Any) -> None:
        """The first upsert fixes the dimension; another dimension is rejected.

        If this fails: record the dimension on first write and check every vector.
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert(["c"], [[1.0, 0.0, 0.0]]), ["a", "b", "c"]
        )

    def test_upsert_zero_vector_is_rejected(self, seeded: Any) -> None:
        """An all-zero vector has no direction and is rejected.

        If this fails: check the norm of each vector before writing.
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert(["c"], [[0.0] * 4]), ["a", "b", "c"]
        )

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    def test_upsert_non_finite_vector_is_rejected(
        self, seeded: Any, bad: float
    ) -> None:
        """Vectors containing NaN or infinity are rejected.

        If this fails: check `math.isfinite` on every component before writing.
        """
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(["c"], [[1.0, bad, 0.0, 0.0]]),
            ["a", "b", "c"],
        )

    @pytest.mark.parametrize("name", sorted(EXTREME_VECTORS))
    def test_upsert_vector_with_extreme_norm_is_scored_exactly_or_rejected(
        self, store: Any, name: str
    ) -> None:
        """A finite vector whose float64 norm underflows or overflows (components
        like 5e-324 or 1e308) is rejected by `upsert()`, changing nothing, or
        stored and scored exactly: never accepted and then failing at query
        time (ZeroDivisionError, NaN) or scoring 0.0.

        If this fails: reject such vectors up front (the support module's
        `check_vector()` does), or compute cosine on vectors divided by their
        largest component; a float32 backend turns 1e308 into infinity and
        5e-324 into 0, so reject what it cannot hold.
        """
        vector = EXTREME_VECTORS[name]
        _, error = rejection(lambda: store.upsert(["x"], [vector]))
        if error is not None:
            assert str(error).strip(), "the error message must name the problem"
            assert (store.count(), store.dimension) == (0, None), (
                "a rejected upsert must leave the store unchanged"
            )
            return
        [record] = store.get(["x"])
        assert same_direction(record.vector, vector), (
            f"stored {vector}, got back {record.vector}"
        )
        store.upsert(["a", "b"], [A, B])
        for probe in (A, B, AB, [1.0, -1.0, 0.5, 0.0]):
            scores = {hit.id: hit.score for hit in store.query(probe, top_k=3)}
            assert is_close(scores["x"], cosine(probe, vector)), (
                f"query {probe}: score of {vector} is {scores['x']},"
                f" cosine is {cosine(probe, vector)}"
            )

    @pytest.mark.parametrize("name", sorted(EXTREME_VECTORS))
    def test_query_vector_with_extreme_norm_is_scored_exactly_or_rejected(
        self, seeded: Any, name: str
    ) -> None:
        """A query vector whose float64 norm underflows or overflows is rejected,
        or every score is its exact cosine similarity.

        If this fails: validate the query vector as `upsert()` validates vectors
        (`check_query()` does), or compute cosine on scaled vectors.
        """
        vector = EXTREME_VECTORS[name]
        before = snapshot(seeded, ["a", "b"])
        hits, error = rejection(lambda: seeded.query(vector, top_k=2))
        if error is not None:
            assert str(error).strip(), "the error message must name the problem"
            assert snapshot(seeded, ["a", "b"]) == before
            return
        scores = {hit.id: hit.score for hit in hits}
        expected = {"a": cosine(vector, A), "b": cosine(vector, B)}
        assert scores.keys() == expected.keys(), scores
        for id_, score in scores.items():
            assert is_close(score, expected[id_]), (scores, expected)

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    def test_upsert_non_finite_metadata_is_rejected(
        self, seeded: Any, bad: float
    ) -> None:
        """Metadata values NaN and infinity are rejected, and the whole batch with
        them: NaN equals nothing, so `where` could never find the record.

        If this fails: check `math.isfinite` on float metadata values before
        writing (the support module's `check_metadata()` does).
        """
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(["a", "c"], [C, C], [{"n": 5}, {"m": bad}]),
            ["a", "b", "c"],
        )

    @pytest.mark.parametrize("bad", [math.nan, math.inf])
    def test_query_where_non_finite_value_is_rejected(
        self, seeded: Any, bad: float
    ) -> None:
        """A `where` value of NaN or infinity is rejected: no stored value equals it.

        If this fails: validate `where` like metadata (`check_query()` does).
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.query(A, where={"n": bad}), ["a", "b"]
        )

    def test_upsert_more_ids_than_vectors_is_rejected(self, seeded: Any) -> None:
        """`ids` and `vectors` must have the same length.

        If this fails: compare the lengths before writing (zip() silently truncates).
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert(["c", "d"], [C]), ["a", "b", "c", "d"]
        )

    def test_upsert_more_vectors_than_ids_is_rejected(self, seeded: Any) -> None:
        """`ids` and `vectors` must have the same length.

        If this fails: compare the lengths before writing (zip() silently truncates).
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert(["c"], [C, AB]), ["a", "b", "c"]
        )

    def test_upsert_metadatas_length_mismatch_is_rejected(self, seeded: Any) -> None:
        """`metadatas`, when given, has one mapping per id.

        If this fails: compare len(metadatas) with len(ids) before writing.
        """
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(["c", "d"], [C, AB], [{"n": 3}]),
            ["a", "b", "c", "d"],
        )

    def test_upsert_duplicate_ids_in_batch_is_rejected(self, seeded: Any) -> None:
        """One batch may not name the same id twice (which one would win?).

        If this fails: check `len(set(ids)) == len(ids)` before writing.
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert(["c", "c"], [C, AB]), ["a", "b", "c"]
        )

    def test_upsert_empty_id_is_rejected(self, seeded: Any) -> None:
        """The empty string is not an id.

        If this fails: reject ids that are not non-empty `str` before writing.
        """
        assert_rejected_unchanged(seeded, lambda: seeded.upsert([""], [C]), ["a", "b"])

    def test_upsert_non_string_id_is_rejected(self, seeded: Any) -> None:
        """Ids are strings; an int id is rejected, not silently converted.

        If this fails: check `isinstance(id, str)` for every id.
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.upsert([7], [C]), ["a", "b", "7"]
        )

    def test_upsert_bad_item_late_in_batch_writes_nothing(self, seeded: Any) -> None:
        """A batch with one bad item is rejected whole: earlier items are not written.

        If this fails: `upsert()` writes item by item (or slice by slice) and
        stops at the bad one; validate the whole batch before writing anything.
        """
        ids = ["c", "d", "e"]
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(ids, [C, AB, [1.0, math.nan, 0.0, 0.0]]),
            ["a", "b", *ids],
        )

    def test_upsert_bad_item_does_not_overwrite_existing(self, seeded: Any) -> None:
        """A rejected batch does not overwrite records that already existed.

        If this fails: validate every item before touching existing records.
        """
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(["a", "x"], [C, [0.0] * 4], [{"n": 9}, {}]),
            ["a", "b", "x"],
        )

    def test_upsert_thousands_with_bad_record_last_writes_nothing(
        self, seeded: Any
    ) -> None:
        """A batch of thousands whose last record is invalid is rejected whole: no
        slice of it is written, and no existing record in it is overwritten.

        If this fails: `upsert()` checks and writes one request slice at a time
        (500 or 1000 records), so the slices before the bad record are already
        written when it is found; check the whole batch (`check_upsert()`)
        before sending the first slice.
        """
        ids = ["a", *(f"doc-{i}" for i in range(1, MANY))]
        vectors = many(MANY, dim=4)
        vectors[-1] = [1.0, math.nan, 0.0, 0.0]
        sample = ["a", "b", *(ids[i] for i in (1, 499, 500, 999, 1000, 2048, -2))]
        assert_rejected_unchanged(
            seeded,
            lambda: seeded.upsert(ids, vectors, [{"n": 9}] * MANY),
            sample,
        )

    def test_upsert_rejected_first_batch_leaves_store_empty_and_dimension_unset(
        self, store: Any
    ) -> None:
        """A rejected first upsert changes nothing: `count()` stays 0, `dimension`
        stays None, and the next valid batch may have any dimension.

        If this fails: the adapter creates the collection or table (fixing its
        vector size) or records the dimension from the first vector before the
        batch is checked, or counts the batch before it is written; check the
        whole batch first (`check_upsert()`), then create and write.
        """
        three = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
        rejected: dict[str, tuple[list[Any], list[Any], Any]] = {
            "metadata value a list": (["a", "b"], three, [{}, {"n": [1]}]),
            "non-finite metadata": (["a", "b"], three, [{}, {"f": math.inf}]),
            "NaN vector": (["a", "b"], [three[0], [math.nan, 0.0, 0.0]], None),
            "zero vector": (["a", "b"], [three[0], [0.0, 0.0, 0.0]], None),
            "mixed dimensions": (["a", "b"], [three[0], [1.0, 0.0, 0.0, 0.0]], None),
            "duplicate ids": (["a", "a"], three, None),
            "more ids than vectors": (["a", "b", "c"], three, None),
            "more metadatas than ids": (["a", "b"], three, [{}, {}, {}]),
            "empty id": (["a", ""], three, None),
            "non-string id": (["a", 7], three, None),
        }
        for problem, (ids, vectors, metadatas) in rejected.items():
            assert_rejected(functools.partial(store.upsert, ids, vectors, metadatas))
            assert (store.count(), store.dimension) == (0, None), (
                f"an upsert rejected for {problem} changed the empty store:"
                f" count() is {store.count()}, dimension is {store.dimension!r}"
            )
            assert list(store.get(["a", "b", "c"])) == [], problem
        store.upsert(["a"], [[1.0, 2.0]])
        assert (store.count(), store.dimension) == (1, 2)

    # --- query ---------------------------------------------------------------------

    def test_query_returns_best_first(self, store: Any) -> None:
        """Hits come best first: highest cosine similarity first.

        If this fails: sort by descending score (some backends return distances:
        convert them to similarities).
        """
        store.upsert(["far", "near", "mid"], [C, A, AB])
        assert [h.id for h in store.query([1.0, 0.1, 0.0, 0.0], top_k=3)] == [
            "near",
            "mid",
            "far",
        ]

    def test_query_scores_are_cosine_similarities(self, store: Any) -> None:
        """Each hit's score is the cosine similarity to the query, in [-1, 1].

        If this fails: the backend may return distances (1 - cosine, or
        Euclidean) or another mapping of them ((1 + cos) / 2, 1 / (1 + d));
        convert to cosine similarity.
        """
        vectors = {
            "same": [2.0, 0.0, 0.0, 0.0],
            "diag": AB,
            "ortho": B,
            "opposite": [-3.0, 0.0, 0.0, 0.0],
        }
        store.upsert(list(vectors), list(vectors.values()))
        hits = store.query(A, top_k=4)
        assert {h.id for h in hits} == set(vectors)
        for hit in hits:
            assert -1.0 - 1e-5 <= hit.score <= 1.0 + 1e-5
            assert is_close(hit.score, cosine(A, vectors[hit.id])), hit

    def test_query_ranks_by_cosine_whatever_the_magnitudes(self, store: Any) -> None:
        """Ranking and scores follow the cosine, not the dot product: a long vector
        does not beat a short one that points closer to the query.

        If this fails: the backend ranks by inner product (e.g. a FAISS
        IndexFlatIP or an "ip"/"dot" metric) on vectors that are not normalised;
        use its cosine metric, or normalise stored and query vectors.
        """
        stored = {
            "tiny": [0.001, 0.0, 0.0, 5e-5],
            "short": [0.01, 0.001, 0.0, 0.0],
            "long": [100.0, 100.0, 0.0, 0.0],
        }
        store.upsert(list(stored), list(stored.values()))
        for query in (A, [250.0, 0.0, 0.0, 0.0], [0.004, 0.0, 0.0, 0.0]):
            hits = store.query(query, top_k=3)
            assert [h.id for h in hits] == list(stored), (query, hits)
            for hit in hits:
                assert is_close(hit.score, cosine(query, stored[hit.id])), (query, hit)

    def test_query_identical_vectors_are_distinct_hits(self, store: Any) -> None:
        """Distinct ids with identical vectors are distinct hits.

        If this fails: the adapter or backend dedupes by vector, by content hash
        or by score; every stored id is its own record.
        """
        store.upsert(["x", "y", "z", "other"], [AB, AB, AB, C])
        hits = store.query(AB, top_k=3)
        assert sorted(h.id for h in hits) == ["x", "y", "z"]
        assert all(is_close(h.score, 1.0) for h in hits)

    def test_query_top_k_limits_hits(self, store: Any) -> None:
        """At most `top_k` hits come back; fewer when fewer records exist.

        If this fails: pass `top_k` to the backend as its limit.
        """
        store.upsert(["a", "b", "c"], [A, B, C])
        assert len(store.query(A, top_k=2)) == 2
        assert len(store.query(A, top_k=10)) == 3
        assert len(store.query(A)) == 3

    def test_query_top_k_in_the_thousands_returns_k_hits(self, store: Any) -> None:
        """`top_k` in the thousands gives that many hits, best first.

        If this fails: an approximate index (HNSW in FAISS or pgvector, IVF)
        finds fewer than `top_k` neighbours when `top_k` is large: when it
        comes back short, fall back to an exact search (pgvector 0.8+:
        `SET hnsw.iterative_scan = strict_order`). Or the results are capped
        at a limit of the backend (10, 100, 1000...): pass `top_k` as the
        limit, raising the backend's maximum if it has one.
        """
        vectors = many(MANY)
        store.upsert([f"doc-{i}" for i in range(MANY)], vectors)
        hits = store.query(vectors[0], top_k=2500)
        assert len(hits) == 2500, (
            f"top_k=2500 over {MANY} records gave {len(hits)} hits."
            f" {APPROXIMATE_INDEX_FIX}"
        )
        assert len({h.id for h in hits}) == 2500
        scores = [h.score for h in hits]
        assert all(a >= b - 1e-5 for a, b in itertools.pairwise(scores))
        everything = store.query(vectors[0], top_k=MANY + 500)
        assert len(everything) == MANY, (
            f"top_k={MANY + 500} over {MANY} records gave {len(everything)} hits."
            f" {APPROXIMATE_INDEX_FIX}"
        )

    def test_query_where_keeps_only_matching_records(self, store: Any) -> None:
        """`where` keeps hits whose metadata equals every given key and value.

        If this fails: translate `where` into the backend's equality filter, one
        condition per key, all required (AND).
        """
        store.upsert(
            ["a", "b", "c", "d"],
            [A, A, AB, B],
            [
                {"lang": "py", "kind": "def"},
                {"lang": "rs", "kind": "def"},
                {"lang": "py", "kind": "class"},
                {"lang": "py", "kind": "def"},
            ],
        )
        hits = store.query(A, top_k=10, where={"lang": "py", "kind": "def"})
        assert [h.id for h in hits] == ["a", "d"]
        assert all(h.metadata["lang"] == "py" for h in hits)

    def test_query_where_applies_before_top_k(self, store: Any) -> None:
        """With `where`, k matching records exist means k hits come back.

        If this fails: the filter runs after the top-k search, so matching
        records ranked below k non-matching ones are lost; filter inside the
        search.
        """
        ids = [f"noise-{i}" for i in range(20)] + ["m1", "m2", "m3"]
        vectors = [A] * 20 + [B, C, D]
        metadatas = [{"keep": False}] * 20 + [{"keep": True}] * 3
        store.upsert(ids, vectors, metadatas)
        assert {h.id for h in store.query(A, top_k=3, where={"keep": True})} == {
            "m1",
            "m2",
            "m3",
        }

    def test_query_where_in_the_thousands_returns_k_matching_hits(
        self, store: Any
    ) -> None:
        """Thousands of matching records and a large `top_k`: `top_k` hits, all matching.

        If this fails: an approximate index (HNSW in FAISS or pgvector, IVF)
        comes back short on a filtered search with a large `top_k`, or the
        adapter filters a fixed number of nearest candidates afterwards; when
        the filtered search returns fewer than `top_k` hits, fall back to an
        exact search over the matching records (pgvector 0.8+:
        `SET hnsw.iterative_scan = strict_order`).
        """
        vectors = many(MANY)
        store.upsert(
            [f"doc-{i}" for i in range(MANY)],
            vectors,
            [{"even": i % 2 == 0} for i in range(MANY)],
        )
        hits = store.query(vectors[1], top_k=1200, where={"even": True})
        assert len(hits) == 1200, (
            f"top_k=1200 where even=True ({MANY // 2} records match) gave"
            f" {len(hits)} hits. {APPROXIMATE_INDEX_FIX}"
        )
        assert all(h.metadata == {"even": True} for h in hits)
        odd = store.query(vectors[1], top_k=2000, where={"even": False})
        assert len(odd) == MANY // 2, (
            f"top_k=2000 where even=False ({MANY // 2} records match) gave"
            f" {len(odd)} hits. {APPROXIMATE_INDEX_FIX}"
        )

    def test_query_selective_where_finds_the_farthest_matches(self, store: Any) -> None:
        """A filter that only a few records match finds them, best first, even
        when they are the farthest of thousands of records.

        If this fails: `where` is applied to a fixed pool of nearest candidates
        (over-fetching 10 * top_k, or an index's candidate list of 1000 or
        4096), and the matching records lie beyond it; or an approximate index
        (HNSW, IVF) gives up before it reaches them. When the filtered search
        returns fewer than `top_k` hits, fall back to an exact search over the
        matching records (pgvector 0.8+: `SET hnsw.iterative_scan =
        strict_order`).
        """
        rare = {
            "rare-1": [-1.0, -1.0, -1.0, 0.5],
            "rare-2": [-1.0, -1.0, -1.0, 0.0],
            "rare-3": [-1.0, -1.0, -1.0, -1.0],
        }
        common = POOL - len(rare)
        store.upsert(
            [f"doc-{i}" for i in range(common)] + list(rare),
            many(common, dim=4) + list(rare.values()),
            [{"tag": "common"}] * common + [{"tag": "rare"}] * len(rare),
        )
        query = [1.0, 1.0, 1.0, 1.0]
        for top_k, expected in ((2, ["rare-1", "rare-2"]), (10, list(rare))):
            found = [
                h.id for h in store.query(query, top_k=top_k, where={"tag": "rare"})
            ]
            assert found == expected, (
                f"top_k={top_k} where tag='rare' gave {found}: the {len(rare)}"
                f" matching records are the farthest of {POOL}."
                f" {APPROXIMATE_INDEX_FIX}"
            )

    def test_query_where_empty_mapping_matches_every_record(self, seeded: Any) -> None:
        """`where={}` matches every record, exactly like `where=None`.

        If this fails: an empty filter is sent to the backend as "match nothing"
        or rejected; send no filter when `where` is empty.
        """
        assert sorted(h.id for h in seeded.query(A, where={})) == ["a", "b"]
        assert sorted(h.id for h in seeded.query(A, where=None)) == ["a", "b"]

    def test_query_where_matches_types_exactly(self, store: Any) -> None:
        """A `where` value matches only an equal value of the same type: True is
        not 1, 1 is not 1.0, 0 is not False or "", 2**53 + 1 is not 2**53.

        If this fails: the filter compares after a conversion (Python's ==
        treats True == 1 == 1.0, a float conversion merges big ints, a string
        conversion merges 1 and "1"); compare type and value as stored.
        """
        names = list(SAME_VALUE_OTHER_TYPE)
        store.upsert(
            names,
            [A] * len(names),
            [{"v": value} for value in SAME_VALUE_OTHER_TYPE.values()],
        )
        for name, value in SAME_VALUE_OTHER_TYPE.items():
            found = [h.id for h in store.query(A, top_k=20, where={"v": value})]
            assert found == [name], (
                f"where v = {value!r}: expected [{name!r}], got {found}"
            )

    def test_query_where_long_string_matches_exactly(self, store: Any) -> None:
        """A `where` string of thousands of characters matches the records holding
        exactly that string: not none, not those sharing its first characters.

        If this fails: the backend's filter index keeps string values only up
        to a length (a keyword field's `ignore_above: 256`, a VARCHAR, a
        truncated or hashed prefix), so long values are not found or match
        their neighbours; filter on a field that holds the whole string (or
        on a full hash of it, then compare the strings).
        """
        names = list(LONG_VALUES)
        store.upsert(
            names,
            [basis(i, 4) for i in range(len(names))],
            [{"s": value} for value in LONG_VALUES.values()],
        )
        for name, value in LONG_VALUES.items():
            found = [h.id for h in store.query(A, top_k=5, where={"s": value})]
            assert found == [name], (
                f"where s = <{len(value)} characters>: expected [{name!r}], got"
                f" {found} ({', '.join(f'{n}: {len(v)} characters' for n, v in LONG_VALUES.items())})"
            )

    def test_query_where_without_match_returns_empty_list(self, seeded: Any) -> None:
        """A filter nothing matches gives [] (also for a key no record has).

        If this fails: a missing key must not raise or match everything.
        """
        assert list(seeded.query(A, where={"n": 42})) == []
        assert list(seeded.query(A, where={"missing": "x"})) == []

    def test_query_hits_carry_id_score_metadata(self, seeded: Any) -> None:
        """Each hit has `id` (str), `score` (float) and `metadata` (a mapping).

        If this fails: return objects with these attributes (the support
        module's `Hit` NamedTuple).
        """
        hit = seeded.query(A, top_k=1)[0]
        assert hit.id == "a"
        assert isinstance(hit.score, float)
        assert dict(hit.metadata) == {"n": 1}

    def test_query_result_changes_do_not_change_store(self, seeded: Any) -> None:
        """Mutating a returned hit's metadata does not change what is stored.

        If this fails: return copies, not the stored dicts.
        """
        hit = seeded.query(A, top_k=1)[0]
        if isinstance(hit.metadata, dict):
            hit.metadata["n"] = 99
        assert seeded.get(["a"])[0].metadata == {"n": 1}

    def test_query_returns_a_new_list_each_time(self, seeded: Any) -> None:
        """Each call returns a list of its own: emptying one does not empty the next.

        If this fails: a result cache hands out its own list; return a copy.
        """
        seeded.query(A, top_k=2).clear()
        assert len(seeded.query(A, top_k=2)) == 2

    def test_query_does_not_modify_its_arguments(self, seeded: Any) -> None:
        """`query()` leaves the caller's vector and `where` mapping as they were.

        If this fails: the adapter normalises the query vector in place, or
        pops keys from / adds operators to the `where` dict; work on copies.
        """
        vector, where = [3.0, 4.0, 0.0, 0.0], {"n": 1}
        seeded.query(vector, top_k=2, where=where)
        assert (vector, where) == ([3.0, 4.0, 0.0, 0.0], {"n": 1})

    @pytest.mark.parametrize("top_k", [0, -1])
    def test_query_top_k_below_one_is_rejected(self, seeded: Any, top_k: int) -> None:
        """`top_k` must be at least 1.

        If this fails: check `top_k >= 1` before querying.
        """
        assert_rejected_unchanged(
            seeded, lambda: seeded.query(A, top_k=top_k), ["a", "b"]
        )

    def test_query_wrong_dimension_is_rejected(self, seeded: Any) -> None:
        """A query vector of another dimension than the stored ones is rejected.

        If this fails: compare `len(vector)` with the store's dimension.
        """
        assert_rejected_unchanged(seeded, lambda: seeded.query([1.0, 0.0]), ["a", "b"])

    @pytest.mark.parametrize(
        "bad",
        [[0.0, 0.0, 0.0, 0.0], [math.nan, 0.0, 0.0, 1.0], [math.inf, 0.0, 0.0, 0.0]],
    )
    def test_query_zero_or_non_finite_vector_is_rejected(
        self, seeded: Any, bad: list[float]
    ) -> None:
        """A zero or non-finite query vector has no cosine similarity and is rejected.

        If this fails: validate the query vector as `upsert()` validates vectors.
        """
        assert_rejected_unchanged(seeded, lambda: seeded.query(bad), ["a", "b"])

    # --- get -----------------------------------------------------------------------

    def test_get_returns_records_in_requested_order(self, store: Any) -> None:
        """`get()` returns records in the order of the ids asked for.

        If this fails: the backend returns its own order; reorder by the ids.
        """
        store.upsert(["a", "b", "c"], [A, B, C], [{"n": 1}, {"n": 2}, {"n": 3}])
        records = store.get(["c", "a", "b"])
        assert [r.id for r in records] == ["c", "a", "b"]
        assert [r.metadata["n"] for r in records] == [3, 1, 2]
        for record, vector in zip(records, [C, A, B], strict=True):
            assert same_direction(record.vector, vector)

    def test_get_omits_missing_ids(self, seeded: Any) -> None:
        """Unknown ids are left out of `get()`'s result, not returned as None.

        If this fails: skip ids the backend did not find.
        """
        assert [r.id for r in seeded.get(["x", "b", "y"])] == ["b"]

    def test_get_thousands_of_ids_returns_every_record_in_order(
        self, store: Any
    ) -> None:
        """`get()` of thousands of ids returns all of them, in the order asked.

        If this fails: the backend limits ids per request or returns one page
        (a scroll limit, 1000 ids per call, SQL's variable limit); split the
        ids (`support.batched()`) and join the answers in the order asked.
        """
        ids = [f"doc-{i}" for i in range(MANY)]
        vectors = many(MANY)
        store.upsert(ids, vectors, [{"i": i} for i in range(MANY)])
        wanted = ids[::-1]
        records = store.get(wanted)
        assert [r.id for r in records] == wanted
        assert [r.metadata["i"] for r in records] == list(range(MANY))[::-1]
        for i in (0, 1000, 2047, MANY - 1):
            assert same_direction(records[MANY - 1 - i].vector, vectors[i])

    def test_get_ids_with_pattern_characters_match_literally(self, store: Any) -> None:
        """`get()` matches ids literally: `*`, `?`, `[`, `%`, `_`, `\\`, `.` are
        characters of the id, not wildcards.

        If this fails: the ids reach the backend as patterns (SQL `LIKE`, a
        glob such as Redis `SCAN MATCH` or `fnmatch`, a regular expression),
        so `a%` or `a*` finds every id starting with "a"; compare ids for
        equality (`= ANY(...)`, `IN (...)` with parameters, exact keys).
        """
        ids = PLAIN_IDS + WILDCARD_IDS
        store.upsert(ids, [basis(i, len(ids)) for i in range(len(ids))])
        wrong = {
            id_: found
            for id_ in ids
            if (found := [r.id for r in store.get([id_])]) != [id_]
        }
        assert not wrong, f"get([id]) gave other records: {wrong}"
        assert [r.id for r in store.get(WILDCARD_IDS)] == WILDCARD_IDS

    def test_get_vector_equals_stored_up_to_positive_factor(self, store: Any) -> None:
        """`get()` returns the stored vector, or a positive multiple of it.

        If this fails: the vector is scrambled on the way in or out (wrong
        order of components, lost precision beyond float32, wrong record).
        """
        vector = [0.5, -1.25, 3.0, 0.125]
        store.upsert(["v"], [vector])
        assert same_direction(store.get(["v"])[0].vector, vector)

    def test_get_result_changes_do_not_change_store(self, seeded: Any) -> None:
        """Mutating a returned record's vector or metadata does not change the store.

        If this fails: return copies of vectors and metadata, not stored objects.
        """
        [record] = seeded.get(["a"])
        if isinstance(record.vector, list):
            record.vector[0], record.vector[1] = 0.0, 1.0
        if isinstance(record.metadata, dict):
            record.metadata["n"] = 99
        [again] = seeded.get(["a"])
        assert same_direction(again.vector, A)
        assert again.metadata == {"n": 1}

    def test_get_and_delete_do_not_modify_their_arguments(self, seeded: Any) -> None:
        """`get()` and `delete()` leave the caller's list of ids as it was.

        If this fails: the adapter sorts, dedupes or pops the ids in place;
        iterate over a copy.
        """
        ids = ["b", "zzz", "a"]
        seeded.get(ids)
        assert ids == ["b", "zzz", "a"]
        seeded.delete(ids)
        assert ids == ["b", "zzz", "a"]

    # --- delete ----------------------------------------------------------------------

    def test_delete_removes_records(self, seeded: Any) -> None:
        """Deleted ids are gone from count, get and query.

        If this fails: check `delete()` passes every id to the backend.
        """
        seeded.delete(["a"])
        assert seeded.count() == 1
        assert list(seeded.get(["a"])) == []
        assert [h.id for h in seeded.query(A)] == ["b"]

    def test_delete_unknown_id_is_noop(self, seeded: Any) -> None:
        """Deleting an id that was never written does not raise or change anything.

        If this fails: `delete()` re-raises the backend's not-found error;
        ignore unknown ids.
        """
        seeded.delete(["never-written"])
        seeded.delete([])
        assert seeded.count() == 2

    def test_delete_removes_only_the_ids_given(self, store: Any) -> None:
        """`delete()` removes exactly the ids given, whatever characters they hold.

        If this fails: the ids are pasted into a filter expression or a joined
        string (`id in ('a,b')`, "a,b".split(",")), so quotes and commas delete
        other records or none; pass ids as a list parameter.
        """
        ids = ["a", "b", "a,b", "it", "it's", "a') OR ('1'='1", "x y", "x"]
        store.upsert(ids, [basis(i, len(ids)) for i in range(len(ids))])
        store.delete(["a,b", "it's", "a') OR ('1'='1", "x y"])
        assert [r.id for r in store.get(ids)] == ["a", "b", "it", "x"]
        assert store.count() == 4

    def test_delete_ids_with_pattern_characters_match_literally(
        self, store: Any
    ) -> None:
        """`delete()` removes exactly the ids given, even ids holding `*`, `?`,
        `[`, `%`, `_`, `\\` or `.`: they are not wildcards.

        If this fails: the ids reach the backend as patterns (SQL `LIKE`, a
        glob such as Redis `SCAN MATCH` or `fnmatch`, a regular expression),
        so deleting `%` or `*` deletes everything; delete by exact id.
        """
        ids = PLAIN_IDS + WILDCARD_IDS
        store.upsert(ids, [basis(i, len(ids)) for i in range(len(ids))])
        store.delete(WILDCARD_IDS)
        left = [r.id for r in store.get(ids)]
        assert left == PLAIN_IDS, (
            f"deleting {WILDCARD_IDS} left {left}; expected {PLAIN_IDS}"
        )
        assert store.count() == len(PLAIN_IDS)

    def test_delete_thousands_of_ids_removes_them_all(self, store: Any) -> None:
        """`delete()` of thousands of ids removes every one of them.

        If this fails: only the first request's worth of ids is deleted, or a
        paged delete skips pages as rows shift; split the ids
        (`support.batched()`) and send every slice.
        """
        ids = [f"doc-{i}" for i in range(MANY)]
        store.upsert(ids, many(MANY))
        store.delete(ids[:2500])
        assert store.count() == MANY - 2500
        assert list(store.get(ids[:2500])) == []
        assert [r.id for r in store.get(ids[2500:])] == ids[2500:]

    # --- persistence -----------------------------------------------------------------

    def test_reopened_store_has_the_records_of_the_closed_one(
        self, make: Callable[..., Any], reopen: Callable[[Any], Any]
    ) -> None:
        """A store whose data lives outside the process (`persists = True`) shows
        the records and dimension of a closed instance to a new instance built
        with the same options; one in process memory (`persists = False`) starts
        empty again.

        If this fails with persists = True: writes stayed in memory (a cache, an
        unflushed buffer, an index not saved on `close()`), the new instance
        looks elsewhere (a name or path made in `__init__` instead of taken from
        the options), or `dimension` is only set by an upsert: read it from the
        backend when the store already exists. A test class that still
        overrides `adapter_factory` builds a new namespace on reopening: move
        that set-up into `instance_options`.
        """
        first = make()
        first.upsert(
            ["a", "gone", "c"],
            [A, B, [0.5, -2.0, 0.25, 3.0]],
            [METADATA_TYPES, {"n": 2}, {"flag": False, "zero": 0.0, "s": ""}],
        )
        first.delete(["gone"])
        first.close()
        again = reopen(first)
        dimension = again.dimension  # first, before any call connects
        count = again.count()
        if not self.persists:
            assert (count, dimension) == (0, None), (
                f"your store kept its data after close: set persists = True in"
                f" your test class (a new instance built with the same options"
                f" had {count} records and dimension {dimension!r})"
            )
            return
        assert dimension == 4, (
            f"the reopened store's dimension is {dimension!r}, not 4: read it"
            " from the backend when the store already holds data"
        )
        assert count == 2, f"the reopened store holds {count} records, not 2"
        records = again.get(["a", "gone", "c"])
        assert [r.id for r in records] == ["a", "c"]
        assert same_direction(records[0].vector, A)
        assert same_direction(records[1].vector, [0.5, -2.0, 0.25, 3.0])
        assert typed(records[0].metadata) == typed(METADATA_TYPES)
        assert typed(records[1].metadata) == typed(
            {"flag": False, "zero": 0.0, "s": ""}
        )

    def test_reopened_store_keeps_the_dimension_after_every_record_was_deleted(
        self, make: Callable[..., Any], reopen: Callable[[Any], Any]
    ) -> None:
        """With `persists = True`, a store whose records were all deleted before
        `close()` still has its dimension when reopened, and enforces it.

        If this fails: the dimension is read from the stored records (none are
        left); keep it with the collection or table (its schema, its
        configuration, or metadata of its own).
        """
        first = make()
        first.upsert(["a"], [A])
        first.delete(["a"])
        first.close()
        again = reopen(first)
        dimension = again.dimension  # first, before any call connects
        expected = 4 if self.persists else None
        assert dimension == expected, (
            f"the reopened store's dimension is {dimension!r}, not {expected!r}"
            + ("" if self.persists else ": set persists = True in your test class")
        )
        assert again.count() == 0
        if self.persists:
            assert_rejected(lambda: again.upsert(["b"], [[1.0, 2.0, 3.0]]))

    # --- random operations against a reference model -------------------------------

    def test_model_random_operations_match_a_reference(
        self, make: Callable[..., Any]
    ) -> None:
        """Random sequences of upsert, delete, query, get and count, with awkward
        ids, typed metadata and vectors of very different lengths, give what a
        plain dict with exact cosine search gives.

        Deterministic: the same sequences every run (`model_examples` of them).
        If this fails: the printed steps reproduce the failure; look at the last
        call's method first.
        """

        class Machine(_VectorDbMachine):
            def make(self, **options: Any) -> Any:
                return make(**options)

        self.run_model(Machine, steps=15)


_MODEL_IDS = [
    "a",
    "A",
    " a",
    unicodedata.normalize("NFC", "é.py"),
    unicodedata.normalize("NFD", "é.py"),
    "src/x.py#L1-L9",
    "src/x.py#L10-L19",
    "p/" + "q" * 200 + "/1",
    "p/" + "q" * 200 + "/2",
    "💾",
    "it's",
    "1",
]
_MODEL_VALUES: list[str | int | float | bool] = [
    0,
    1,
    1.0,
    True,
    False,
    "",
    "1",
    -7,
    2.5,
]
_component = st.sampled_from([-3.0, -1.0, -0.5, 0.0, 0.001, 0.5, 1.0, 2.0, 1000.0])
_vectors = st.lists(_component, min_size=4, max_size=4).filter(any)
_metadata = st.dictionaries(
    st.sampled_from(["k", "lang", "id"]), st.sampled_from(_MODEL_VALUES), max_size=3
)


class _VectorDbMachine(RuleBasedStateMachine):
    """Drives a store and a dict side by side; every answer must agree."""

    def make(self, **options: Any) -> Any:
        """A new instance from the test's factory (set by the test)."""
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.store = self.make()
        self.model: dict[str, tuple[list[float], dict[str, Any]]] = {}

    @rule(
        batch=st.lists(
            st.tuples(st.sampled_from(_MODEL_IDS), _vectors, _metadata),
            min_size=1,
            max_size=6,
            unique_by=lambda item: item[0],
        )
    )
    def upsert(self, batch: list[tuple[str, list[float], dict[str, Any]]]) -> None:
        ids, vectors, metadatas = (list(column) for column in zip(*batch, strict=True))
        self.store.upsert(ids, vectors, metadatas)
        for id_, vector, metadata in batch:
            self.model[id_] = (vector, metadata)

    @rule(
        ids=st.lists(st.sampled_from([*_MODEL_IDS, "never"]), max_size=4, unique=True)
    )
    def delete(self, ids: list[str]) -> None:
        self.store.delete(ids)
        for id_ in ids:
            self.model.pop(id_, None)

    @rule(
        ids=st.lists(st.sampled_from([*_MODEL_IDS, "never"]), max_size=6, unique=True)
    )
    def get(self, ids: list[str]) -> None:
        records = self.store.get(ids)
        assert [r.id for r in records] == [i for i in ids if i in self.model]
        for record in records:
            vector, metadata = self.model[record.id]
            assert same_direction(record.vector, vector), record
            assert typed(record.metadata) == typed(metadata), record

    @precondition(lambda self: self.model)
    @rule(
        vector=_vectors,
        top_k=st.integers(1, 8),
        where=st.one_of(st.none(), _metadata),
    )
    def query(
        self, vector: list[float], top_k: int, where: dict[str, Any] | None
    ) -> None:
        hits = self.store.query(vector, top_k=top_k, where=where)
        wanted = typed(where or {})
        matching = {
            id_: cosine(vector, stored)
            for id_, (stored, metadata) in self.model.items()
            if wanted.items() <= typed(metadata).items()
        }
        assert len(hits) == min(top_k, len(matching)), (hits, matching)
        assert len({h.id for h in hits}) == len(hits), hits
        for hit in hits:
            assert hit.id in matching, hit
            assert is_close(hit.score, matching[hit.id]), (hit, matching[hit.id])
            assert typed(hit.metadata) == typed(self.model[hit.id][1]), hit
        scores = [h.score for h in hits]
        assert all(a >= b - 1e-5 for a, b in itertools.pairwise(scores)), hits
        if hits:
            returned = {h.id for h in hits}
            floor = min(scores)
            better = [
                i for i, s in matching.items() if i not in returned and s > floor + 1e-4
            ]
            assert not better, f"{better} score higher than returned hits {hits}"

    @invariant()
    def count_matches(self) -> None:
        assert self.store.count() == len(self.model)

    def teardown(self) -> None:
        self.store.close()
