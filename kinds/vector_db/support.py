"""Support for vector_db adapters: result types, input checks, cosine, `where`.

Template-owned: `copier update` refreshes this module; do not edit it
(tests/contract/manifest.json lists its hash). Import from the `support`
package (`from <package>.support import Hit, check_upsert`), which imports
this module only when one of its names is first used. Standard library only.

`Hit`, `Record`, `Metadata`, `MetadataValue`; `check_upsert()`,
`check_query()`, `check_ids()` validate a call whole before anything is
written (`check_vector()`, `check_metadata()` each part); `cosine()`,
`matches()` (the `where` rule: equal value of the same type) and
`stable_key()` (a UUID for backends that restrict ids).
"""

import math
import sys
from collections.abc import Mapping, Sequence
from typing import NamedTuple

__all__ = [
    "Hit",
    "Metadata",
    "MetadataValue",
    "Record",
    "Row",
    "check_ids",
    "check_metadata",
    "check_query",
    "check_upsert",
    "check_vector",
    "cosine",
    "matches",
    "stable_key",
]

MetadataValue = str | int | float | bool
Metadata = dict[str, MetadataValue]


class Hit(NamedTuple):
    """One query result: the record id, its cosine similarity, its metadata."""

    id: str
    score: float
    metadata: Metadata


class Record(NamedTuple):
    """One stored record as `get()` returns it."""

    id: str
    vector: list[float]
    metadata: Metadata


class Row(NamedTuple):
    """One checked upsert item: copies of the caller's id, vector and metadata."""

    id: str
    vector: list[float]
    metadata: Metadata


def check_upsert(
    ids: Sequence[str],
    vectors: Sequence[Sequence[float]],
    metadatas: Sequence[Mapping[str, MetadataValue]] | None,
    dimension: int | None,
) -> tuple[int | None, list[Row]]:
    """Check a whole upsert batch before anything is written.

    Returns the store's dimension (fixed by the first non-empty batch) and the
    rows as copies. Raises TypeError or ValueError naming the first problem:
    mismatched lengths, duplicate or non-string ids, a vector of another
    dimension, zero or non-finite; metadata that is not a str-keyed mapping of
    str, int, float or bool.
    """
    checked_ids = check_ids(ids)
    if len(vectors) != len(checked_ids):
        raise ValueError(f"got {len(checked_ids)} ids but {len(vectors)} vectors")
    if metadatas is None:
        metadatas = [{}] * len(checked_ids)
    elif isinstance(metadatas, Mapping) or len(metadatas) != len(checked_ids):
        raise ValueError(f"got {len(checked_ids)} ids but {len(metadatas)} metadatas")
    if len(set(checked_ids)) != len(checked_ids):
        raise ValueError("ids must be unique within one upsert batch")
    if dimension is None and vectors:
        dimension = len(vectors[0])
    rows = [
        Row(id_, check_vector(vector, dimension), check_metadata(metadata))
        for id_, vector, metadata in zip(checked_ids, vectors, metadatas, strict=True)
    ]
    return dimension, rows


def check_query(
    vector: Sequence[float],
    top_k: int,
    where: Mapping[str, MetadataValue] | None,
    dimension: int | None,
) -> tuple[list[float], Metadata]:
    """Check a query before it reaches the backend.

    Returns copies of the vector and of `where` ({} when None, which matches
    every record).
    """
    if isinstance(top_k, bool) or not isinstance(top_k, int):
        raise TypeError(f"top_k must be an int, got {type(top_k).__name__}")
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    wanted = check_metadata(where or {})
    return check_vector(vector, dimension), wanted


def check_ids(ids: Sequence[str]) -> list[str]:
    """A list copy of `ids`: non-empty strings, else TypeError/ValueError."""
    if isinstance(ids, (str, bytes)):
        raise TypeError("ids must be a sequence of strings, not a single string")
    checked = list(ids)
    for id_ in checked:
        if not isinstance(id_, str):
            raise TypeError(f"ids must be strings, got {id_!r}")
        if not id_:
            raise ValueError("ids must be non-empty strings")
    return checked


def check_vector(vector: Sequence[float], dimension: int | None) -> list[float]:
    """A copy of `vector` as floats, checked for dimension, finiteness and norm.

    A vector whose float64 norm underflows (components like 5e-324) or
    overflows (like 1e308) is rejected here, where the caller can still fix
    it: accepted, it would fail or score 0.0 at query time, and no float32
    store could hold it.
    """
    if isinstance(vector, (str, bytes)):
        raise TypeError("a vector must be a sequence of numbers, not a string")
    values = []
    for value in vector:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"vector components must be numbers, got {value!r}")
        values.append(float(value))
    if dimension is not None and len(values) != dimension:
        raise ValueError(
            f"vector has dimension {len(values)}, the store uses {dimension}"
        )
    if not all(math.isfinite(value) for value in values):
        raise ValueError("vector components must be finite (no NaN or infinity)")
    if not any(values):
        raise ValueError("a zero vector has no direction: cosine is undefined")
    squares = math.fsum(value * value for value in values)
    if squares < sys.float_info.min or math.isinf(squares):
        problem = "overflows" if math.isinf(squares) else "underflows"
        raise ValueError(
            f"the vector's norm {problem} float64 (largest component"
            f" {max(map(abs, values))!r}): scale it to components near 1"
        )
    return values


def check_metadata(metadata: Mapping[str, MetadataValue]) -> Metadata:
    """A copy of `metadata`, checked for str keys and str/int/float/bool values;
    floats must be finite (NaN equals nothing, so `where` could never find it)."""
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a mapping, got {type(metadata).__name__}")
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise TypeError(f"metadata keys must be strings, got {key!r}")
        if not isinstance(value, (str, int, float, bool)):
            raise TypeError(
                f"metadata {key!r} must be str, int, float or bool, got {value!r}"
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"metadata {key!r} must be finite, got {value!r}")
    return dict(metadata)


def matches(
    metadata: Mapping[str, MetadataValue], where: Mapping[str, MetadataValue]
) -> bool:
    """The `where` rule: every key present with an equal value of the same type
    (True is not 1, 1 is not 1.0); {} matches everything."""
    return all(
        key in metadata
        and type(metadata[key]) is type(value)
        and metadata[key] == value
        for key, value in where.items()
    )


def cosine(u: Sequence[float], v: Sequence[float]) -> float:
    """Cosine similarity of two non-zero vectors, clamped to [-1, 1].

    Each vector is first divided by its largest component, so that no product
    or sum of squares underflows or overflows, whatever the magnitudes.
    """
    u, v = _scaled(u), _scaled(v)
    dot = math.fsum(a * b for a, b in zip(u, v, strict=True))
    return max(-1.0, min(1.0, dot / (math.hypot(*u) * math.hypot(*v))))


def _scaled(vector: Sequence[float]) -> list[float]:
    """`vector` divided by its largest absolute component (in [-1, 1])."""
    largest = max(map(abs, vector))
    return [value / largest for value in vector]


_KEY_NAMESPACE = "0f6c3a52-7d4e-5b8a-9c1d-2e3f4a5b6c7d"


def stable_key(id_: str) -> str:
    """A UUID string derived from `id_` alone (uuid5), the same in every process.

    For backends that accept only UUIDs or short ASCII keys (Qdrant, some SQL
    schemas): store the original id in the payload and give it back from there;
    never truncate, lowercase or normalise ids, which makes distinct ids collide.
    """
    # uuid is imported here, not at the top: it costs more than the rest of
    # this module, and every EntryPoint.load() of the plugin pays for the top.
    import uuid  # noqa: PLC0415

    return str(uuid.uuid5(uuid.UUID(_KEY_NAMESPACE), id_))
