"""The rag4code vector_db contract, API version 1 (group `rag4code.vector_db`).

Template-owned: refreshed by `copier update`; do not edit.

    upsert(ids, vectors, metadatas=None) -> None
    query(vector, *, top_k=10, where=None) -> list[Hit]     # Hit: id, score, metadata
    get(ids) -> list[Record]                                # Record: id, vector, metadata
    delete(ids) -> None
    count() -> int

Similarity is cosine. Each test gets a fresh, empty store from the `store`
fixture, built through your `adapter_factory`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from tests.contract.base import ContractSuite, is_close

A = [1.0, 0.0, 0.0, 0.0]
B = [0.0, 1.0, 0.0, 0.0]
C = [0.0, 0.0, 1.0, 0.0]
AB = [1.0, 1.0, 0.0, 0.0]
TRICKY_IDS = ["src/a.py#L10-L20", "ünïcødé/файл.py", "with space", "a:b@c?d=e&f", "🙂"]
METADATA = {"path": "src/a.py", "line": 10, "weight": 0.25, "test": False}


def cosine(u: Sequence[float], v: Sequence[float]) -> float:
    """Cosine similarity, the metric every vector_db plugin uses."""
    dot = sum(a * b for a, b in zip(u, v, strict=True))
    return dot / (math.sqrt(sum(a * a for a in u)) * math.sqrt(sum(b * b for b in v)))


def same_direction(actual: Sequence[float], expected: Sequence[float]) -> bool:
    """True when `actual` equals `expected` or a positive multiple of it (stores
    that normalise on write, like Qdrant), within float32 tolerance."""
    if len(actual) != len(expected):
        return False
    scale = math.sqrt(sum(a * a for a in actual)) / math.sqrt(
        sum(e * e for e in expected)
    )
    return scale > 0 and all(
        is_close(a, e * scale) for a, e in zip(actual, expected, strict=True)
    )


def snapshot(
    store: Any, ids: Sequence[str]
) -> tuple[int, list[tuple[str, list[float], dict[str, Any]]]]:
    """What a rejected call must leave untouched: count and every record."""
    return store.count(), [
        (r.id, list(r.vector), dict(r.metadata)) for r in store.get(ids)
    ]


def assert_rejected(store: Any, call: Callable[[], object], ids: Sequence[str]) -> None:
    """`call` raises ValueError or TypeError with a message, and changes nothing."""
    before = snapshot(store, ids)
    with pytest.raises((ValueError, TypeError)) as excinfo:
        call()
    assert str(excinfo.value).strip(), "the error message must name the problem"
    assert snapshot(store, ids) == before, (
        "a rejected call must leave the store unchanged"
    )


class VectorDbContract(ContractSuite):
    """The vector_db contract: subclass once, set `plugin_name`."""

    group = "rag4code.vector_db"

    @pytest.fixture
    def store(self, make: Callable[..., Any]) -> Any:
        """A fresh, empty store for each test."""
        return make()

    @pytest.fixture
    def seeded(self, store: Any) -> Any:
        """A store holding records "a" and "b" (dimension 4)."""
        store.upsert(["a", "b"], [A, B], [{"n": 1}, {"n": 2}])
        return store

    # --- empty store ---------------------------------------------------------

    def test_count_empty_store_is_zero(self, store: Any) -> None:
        """A new store is empty: `count()` is 0.

        If this fails: the store is not isolated; give every instance built by
        `adapter_factory` its own collection, path or namespace.
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

    # --- upsert ----------------------------------------------------------------

    def test_upsert_then_count_counts_records(self, store: Any) -> None:
        """`count()` is the number of distinct ids stored.

        If this fails: check `upsert()` writes every item and `count()` counts them.
        """
        store.upsert(["a", "b", "c"], [A, B, C])
        assert store.count() == 3

    def test_store_empty_again_after_write(self, store: Any) -> None:
        """The previous test's writes are gone: each test gets an empty store.

        If this fails: instances share state (a module-level dict, a fixed
        collection name, a fixed path); isolate them in `adapter_factory`.
        """
        assert store.count() == 0

    def test_upsert_same_id_replaces(self, seeded: Any) -> None:
        """Upserting an existing id overwrites its vector and metadata.

        If this fails: `upsert()` appends or keeps the old record; write by id.
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
        everything to str); store the type or convert back in `get()`/`query()`.
        """
        metadata = {
            "s": "x",
            "i": 7,
            "big": 2**53 + 1,
            "f": 0.1,
            "t": True,
            "f0": False,
            "z": 0,
        }
        store.upsert(["a"], [A], [metadata])
        for record in [*store.get(["a"]), *store.query(A, top_k=1)]:
            got = dict(record.metadata)
            assert got == metadata
            assert {k: type(v) for k, v in got.items()} == {
                k: type(v) for k, v in metadata.items()
            }

    @pytest.mark.parametrize("record_id", TRICKY_IDS)
    def test_upsert_any_nonempty_string_id_round_trips(
        self, store: Any, record_id: str
    ) -> None:
        """Ids are arbitrary non-empty strings (paths, anchors, unicode, spaces).

        If this fails: the backend restricts ids (Qdrant wants UUIDs or
        integers); map ids to a derived key (e.g. uuid5) and keep the original
        id in the payload.
        """
        store.upsert([record_id], [A])
        assert [r.id for r in store.get([record_id])] == [record_id]
        assert [h.id for h in store.query(A, top_k=1)] == [record_id]
        store.delete([record_id])
        assert store.count() == 0

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

    def test_upsert_thousands_in_one_batch(self, store: Any) -> None:
        """A batch of thousands of records is accepted in one call.

        If this fails: the backend limits request size; split the batch inside
        `upsert()` while keeping the all-or-nothing validation up front.
        """
        n, dim = 3000, 16
        ids = [f"doc-{i}" for i in range(n)]
        vectors = [
            [float((i * 7 + j * 3) % 11 + 1) for j in range(dim)] for i in range(n)
        ]
        store.upsert(ids, vectors, [{"i": i} for i in range(n)])
        assert store.count() == n
        assert len(store.query(vectors[42], top_k=10)) == 10
        [record] = store.get(["doc-2999"])
        assert record.metadata == {"i": 2999}

    # --- rejected upserts --------------------------------------------------------

    def test_upsert_wrong_dimension_is_rejected(self, seeded: Any) -> None:
        """The first upsert fixes the dimension; another dimension is rejected.

        If this fails: record the dimension on first write and check every vector.
        """
        assert_rejected(
            seeded, lambda: seeded.upsert(["c"], [[1.0, 0.0, 0.0]]), ["a", "b", "c"]
        )

    def test_upsert_zero_vector_is_rejected(self, seeded: Any) -> None:
        """An all-zero vector has no direction and is rejected.

        If this fails: check the norm of each vector before writing.
        """
        assert_rejected(
            seeded, lambda: seeded.upsert(["c"], [[0.0] * 4]), ["a", "b", "c"]
        )

    @pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
    def test_upsert_non_finite_vector_is_rejected(
        self, seeded: Any, bad: float
    ) -> None:
        """Vectors containing NaN or infinity are rejected.

        If this fails: check `math.isfinite` on every component before writing.
        """
        assert_rejected(
            seeded,
            lambda: seeded.upsert(["c"], [[1.0, bad, 0.0, 0.0]]),
            ["a", "b", "c"],
        )

    def test_upsert_more_ids_than_vectors_is_rejected(self, seeded: Any) -> None:
        """`ids` and `vectors` must have the same length.

        If this fails: compare the lengths before writing (zip() silently truncates).
        """
        assert_rejected(
            seeded, lambda: seeded.upsert(["c", "d"], [C]), ["a", "b", "c", "d"]
        )

    def test_upsert_more_vectors_than_ids_is_rejected(self, seeded: Any) -> None:
        """`ids` and `vectors` must have the same length.

        If this fails: compare the lengths before writing (zip() silently truncates).
        """
        assert_rejected(seeded, lambda: seeded.upsert(["c"], [C, AB]), ["a", "b", "c"])

    def test_upsert_metadatas_length_mismatch_is_rejected(self, seeded: Any) -> None:
        """`metadatas`, when given, has one mapping per id.

        If this fails: compare len(metadatas) with len(ids) before writing.
        """
        assert_rejected(
            seeded,
            lambda: seeded.upsert(["c", "d"], [C, AB], [{"n": 3}]),
            ["a", "b", "c", "d"],
        )

    def test_upsert_duplicate_ids_in_batch_is_rejected(self, seeded: Any) -> None:
        """One batch may not name the same id twice (which one would win?).

        If this fails: check `len(set(ids)) == len(ids)` before writing.
        """
        assert_rejected(
            seeded, lambda: seeded.upsert(["c", "c"], [C, AB]), ["a", "b", "c"]
        )

    def test_upsert_empty_id_is_rejected(self, seeded: Any) -> None:
        """The empty string is not an id.

        If this fails: reject ids that are not non-empty `str` before writing.
        """
        assert_rejected(seeded, lambda: seeded.upsert([""], [C]), ["a", "b"])

    def test_upsert_non_string_id_is_rejected(self, seeded: Any) -> None:
        """Ids are strings; an int id is rejected, not silently converted.

        If this fails: check `isinstance(id, str)` for every id.
        """
        assert_rejected(seeded, lambda: seeded.upsert([7], [C]), ["a", "b", "7"])

    def test_upsert_bad_item_late_in_batch_writes_nothing(self, seeded: Any) -> None:
        """A batch with one bad item is rejected whole: earlier items are not written.

        If this fails: `upsert()` writes item by item and stops at the bad one;
        validate the whole batch before writing anything.
        """
        ids = ["c", "d", "e"]
        assert_rejected(
            seeded,
            lambda: seeded.upsert(ids, [C, AB, [1.0, math.nan, 0.0, 0.0]]),
            ["a", "b", *ids],
        )

    def test_upsert_bad_item_does_not_overwrite_existing(self, seeded: Any) -> None:
        """A rejected batch does not overwrite records that already existed.

        If this fails: validate every item before touching existing records.
        """
        assert_rejected(
            seeded,
            lambda: seeded.upsert(["a", "x"], [C, [0.0] * 4], [{"n": 9}, {}]),
            ["a", "b", "x"],
        )

    # --- query -------------------------------------------------------------------

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

        If this fails: the backend may return distances (1 - cosine) or dot
        products of unnormalised vectors; convert to cosine similarity.
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

    def test_query_top_k_limits_hits(self, store: Any) -> None:
        """At most `top_k` hits come back; fewer when fewer records exist.

        If this fails: pass `top_k` to the backend as its limit.
        """
        store.upsert(["a", "b", "c"], [A, B, C])
        assert len(store.query(A, top_k=2)) == 2
        assert len(store.query(A, top_k=10)) == 3
        assert len(store.query(A)) == 3

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
        vectors = [A] * 20 + [B, C, [0.0, 0.0, 0.0, 1.0]]
        metadatas = [{"keep": False}] * 20 + [{"keep": True}] * 3
        store.upsert(ids, vectors, metadatas)
        assert {h.id for h in store.query(A, top_k=3, where={"keep": True})} == {
            "m1",
            "m2",
            "m3",
        }

    def test_query_where_matches_types_exactly(self, store: Any) -> None:
        """Filtering on a value matches that value, across every metadata type.

        If this fails: the filter compares after a type conversion; compare int,
        float, bool and str values as stored.
        """
        store.upsert(
            ["s", "i", "f", "t"],
            [A, A, A, A],
            [{"v": "1"}, {"v": 1}, {"v": 1.5}, {"v": True}],
        )
        assert [h.id for h in store.query(A, where={"v": "1"})] == ["s"]
        assert [h.id for h in store.query(A, where={"v": 1.5})] == ["f"]
        assert [h.id for h in store.query(A, where={"v": True})] == ["t"]

    def test_query_where_without_match_returns_empty_list(self, seeded: Any) -> None:
        """A filter nothing matches gives [] (also for a key no record has).

        If this fails: a missing key must not raise or match everything.
        """
        assert list(seeded.query(A, where={"n": 42})) == []
        assert list(seeded.query(A, where={"missing": "x"})) == []

    def test_query_hits_carry_id_score_metadata(self, seeded: Any) -> None:
        """Each hit has `id` (str), `score` (float) and `metadata` (a mapping).

        If this fails: return objects with these attributes (a NamedTuple works).
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

    @pytest.mark.parametrize("top_k", [0, -1])
    def test_query_top_k_below_one_is_rejected(self, seeded: Any, top_k: int) -> None:
        """`top_k` must be at least 1.

        If this fails: check `top_k >= 1` before querying.
        """
        assert_rejected(seeded, lambda: seeded.query(A, top_k=top_k), ["a", "b"])

    def test_query_wrong_dimension_is_rejected(self, seeded: Any) -> None:
        """A query vector of another dimension than the stored ones is rejected.

        If this fails: compare `len(vector)` with the store's dimension.
        """
        assert_rejected(seeded, lambda: seeded.query([1.0, 0.0]), ["a", "b"])

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
        assert_rejected(seeded, lambda: seeded.query(bad), ["a", "b"])

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
