"""Support code for rag4code adapters: result types, input checks and helpers.

Template-owned: `copier update` refreshes this module with the template's fixes,
so do not edit it (tests/contract/manifest.json lists its hash and a contract
test fails on any edit). Your adapter module imports what it needs from here and
keeps only backend code. Everything here uses the standard library only, so
importing it keeps `EntryPoint.load()` cheap.

What is here, by plugin kind (each name is public API of this module):

- every kind: `Adapter`, a base class giving `close()` (safe to call twice),
  `ensure_open()` (ValueError once closed) and the context-manager protocol;
  `batched()` to split requests for backends with request-size limits.
- backends behind a server or a hosted API: `service_url()` picks the URL
  (argument, then environment variable, then the default); `redact_url()`
  shows a URL's password as `***` in messages; `read_api_key()` the key
  (argument, then environment variable); `check_namespace()`,
  `unique_namespace()` and `stable_namespace()` name the collection, index or
  table an instance uses.
- vector_db: `Hit`, `Record`, `Metadata`; `check_upsert()`, `check_query()`,
  `check_ids()` validate a call whole before anything is written; `cosine()`,
  `matches()` (the `where` rule: equal value of the same type) and
  `stable_key()` (a UUID for backends that restrict ids).
- embedder: `check_texts()` validates `embed()`'s argument; `as_vectors()`
  turns a model's output (lists, tuples, numpy arrays) into fresh lists of
  Python floats and rejects NaN, infinity and all-zero rows.
- chunker: `Chunk`; `check_source()`, `check_max_lines()`; `line_spans()`
  splits lines the way git counts them; `chunks_from_spans()` turns the
  character spans of a character-based splitter into whole-line chunks that
  keep every chunker rule.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, NamedTuple, Self, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

# --- every kind -----------------------------------------------------------------


class Adapter:
    """Base class of the adapters: the life cycle every kind shares.

    `close()` releases resources and may be called twice; every API method
    starts with `self.ensure_open()`, so a call on a closed instance raises
    ValueError; `with Adapter() as adapter:` closes on exit. Override
    `close()` to release your client, and call `super().close()` in it.

    `api_version` is not set here: each adapter declares the API version it
    implements, so a template update that changes the API fails its contract
    test until the adapter itself is adapted.
    """

    _closed = False

    def close(self) -> None:
        """Mark the instance closed; subclasses release their client first."""
        self._closed = True

    def ensure_open(self) -> None:
        """Raise ValueError if `close()` was called: call it first in every method."""
        if self._closed:
            raise ValueError(f"this {type(self).__name__} is closed: make a new one")

    def __enter__(self) -> Self:
        self.ensure_open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `size` items, the last one shorter.

    For backends that limit a request: send each slice, never only the first,
    and never drop the shorter last one.
    """
    if size < 1:
        raise ValueError(f"size must be at least 1, got {size}")
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- backends behind a server ---------------------------------------------------------

_RUN = os.urandom(5).hex()  # this process's share of every unique_namespace()
_NAMESPACES = itertools.count(1)


def service_url(url: str | None, variable: str, default: str) -> str:
    """The service's base URL: `url` when given, else the environment variable
    `variable` (CI and compose users set it), else `default` (localhost).

    Only reads: call it in `__init__` and connect on first use, so that
    `Class()` stays offline. Raises ValueError unless the URL is http(s) with
    a host.
    """
    chosen = url or os.environ.get(variable) or default
    parts = urlsplit(chosen)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        source = (
            "url=" if url else variable if os.environ.get(variable) else "the default"
        )
        raise ValueError(
            "the service URL must be http(s)://host[:port],"
            f" got {redact_url(chosen)!r} from {source}"
        )
    return chosen.rstrip("/")


def redact_url(url: str) -> str:
    """`url` with its password, if it has one, shown as `***`.

    For every message that names a URL: wrap a driver's exception as
    `ConnectionError(f"... {redact_url(url)}: {error}")`, never with the URL
    itself, which may carry a password (`postgresql://user:secret@host/db`).
    """
    # The password runs to the last "@": people leave "@", "/" or "#" in it.
    scheme, separator, rest = url.partition("://")
    userinfo, at, host = rest.rpartition("@")
    user, colon, _ = userinfo.partition(":")
    if not separator or not at or not colon or any(c in user for c in "/?#"):
        return url
    return f"{scheme}://{user}:***@{host}"


def check_namespace(namespace: str) -> str:
    """`namespace` (a collection, index or table name) if it is a non-empty str
    without whitespace or "/", else TypeError/ValueError."""
    if not isinstance(namespace, str):
        raise TypeError(f"namespace must be a str, got {type(namespace).__name__}")
    if not namespace or any(c.isspace() or c == "/" for c in namespace):
        raise ValueError(
            f"namespace must be a non-empty name without spaces or '/', got {namespace!r}"
        )
    return namespace


def read_api_key(api_key: str | None, variable: str) -> str:
    """The API key: `api_key` when given, else the environment variable
    `variable`; ValueError naming the variable when there is none. Call it on
    first use (not in `__init__`, not at import), so that `Class()` works
    without a key; never write the key into a file."""
    key = api_key or os.environ.get(variable)
    if not key:
        raise ValueError(f"no API key: set {variable} or pass api_key=")
    return key


def stable_namespace(seed: str) -> str:
    """A namespace derived from `seed` alone (e.g. a test's id and an index),
    the same in every run: for recorded HTTP, whose replayed requests must
    repeat the recorded ones exactly. Letters and digits, 21 characters."""
    import hashlib  # noqa: PLC0415  # here, not at the top: see stable_key()

    return "t" + hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def unique_namespace(prefix: str = "t") -> str:
    """A namespace no other process or instance uses: lowercase letters and
    digits only, starting with a letter, at most 24 characters (a name every
    backend we know accepts). Give each test's instances their own, and two
    test runs against one server never see each other's data."""
    return f"{prefix}{_RUN}{next(_NAMESPACES):06d}"


# --- vector_db ------------------------------------------------------------------

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
    # uuid and hashlib are imported where they are used, not at the top: they
    # cost more than the rest of this module, and every EntryPoint.load() pays
    # for the top of the module.
    import uuid  # noqa: PLC0415

    return str(uuid.uuid5(uuid.UUID(_KEY_NAMESPACE), id_))


# --- embedder -------------------------------------------------------------------


def check_texts(texts: Sequence[str]) -> list[str]:
    """A list copy of `texts`, or TypeError naming what is wrong with them.

    A bare str is refused: it is a sequence of one-character strings, and would
    otherwise be embedded character by character.
    """
    if isinstance(texts, (str, bytes, bytearray)):
        raise TypeError(
            f"texts must be a sequence of strings, not a single {type(texts).__name__}: to embed one text, pass [text]"
        )
    try:
        batch = list(texts)
    except TypeError:
        raise TypeError(
            f"texts must be a sequence of strings, got {type(texts).__name__}"
        ) from None
    for index, text in enumerate(batch):
        if not isinstance(text, str):
            raise TypeError(
                f"texts[{index}] must be a str, got {type(text).__name__}: {text!r:.60}"
            )
    return batch


def as_vectors(
    rows: Iterable[Iterable[Any]], count: int, dimension: int
) -> list[list[float]]:
    """A model's output as `count` fresh lists of `dimension` Python floats.

    Accepts lists, tuples or numpy rows (`float()` of each value), and raises
    ValueError when the model returned another number of rows or values, NaN,
    infinity, or an all-zero row (which no cosine store can rank): fix the
    model call rather than passing such vectors on.
    """
    vectors = [[float(value) for value in row] for row in rows]
    if len(vectors) != count:
        raise ValueError(f"the model returned {len(vectors)} vectors for {count} texts")
    for index, vector in enumerate(vectors):
        if len(vector) != dimension:
            raise ValueError(
                f"vector {index} has {len(vector)} values, dimension is {dimension}"
            )
        if not all(math.isfinite(value) for value in vector):
            raise ValueError(f"vector {index} holds NaN or infinity")
        if not any(vector):
            raise ValueError(
                f"vector {index} is all zeros: give texts without tokens a fixed non-zero vector"
            )
    return vectors


# --- chunker --------------------------------------------------------------------


class Chunk(NamedTuple):
    """One piece of a source file: its exact text and its 1-based inclusive lines."""

    text: str
    start_line: int
    end_line: int


def check_source(source: str, path: str) -> None:
    """TypeError unless `source` and `path` are str (decode bytes in the caller)."""
    if not isinstance(source, str):
        raise TypeError(f"source must be a str, got {type(source).__name__}")
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__}")


def check_max_lines(max_lines: int) -> int:
    """`max_lines` if it is an int of at least 1, else TypeError/ValueError."""
    if isinstance(max_lines, bool) or not isinstance(max_lines, int):
        raise TypeError(f"max_lines must be an int, got {type(max_lines).__name__}")
    if max_lines < 1:
        raise ValueError(f"max_lines must be at least 1, got {max_lines}")
    return max_lines


def line_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) str indices of every line's text, without its "\\n" or "\\r\\n".

    Splits on "\\n" only, as git and editors count lines: "\\f", "\\v", U+2028 and
    a lone "\\r" stay inside their line (`str.splitlines()` would break there).
    A final "\\n" ends the last line rather than starting an empty one.
    """
    spans = []
    start = 0
    while start < len(source):
        newline = source.find("\n", start)
        if newline == -1:
            spans.append((start, len(source)))
            break
        crlf = newline > start and source[newline - 1] == "\r"
        spans.append((start, newline - 1 if crlf else newline))
        start = newline + 1
    return spans


def chunks_from_spans(
    source: str, spans: Iterable[tuple[int, int]], *, max_lines: int
) -> list[Chunk]:
    """Whole-line chunks from the character spans [start, end) of a splitter.

    For authors who wrap a character-based splitter (LangChain's text
    splitters, a tree-sitter node's byte range converted to str indices): each
    span becomes the lines it touches, trimmed of blank edge lines and cut into
    windows of at most `max_lines`; non-blank lines no span touched get chunks
    of their own. The result keeps every chunker rule: source order, exact
    text, every non-blank line covered, no blank chunk, the size limit.
    """
    check_max_lines(max_lines)
    lines = line_spans(source)
    blank = [not source[start:end].strip() for start, end in lines]
    starts = [start for start, _ in lines]
    ranges: set[tuple[int, int]] = set()
    for span_start, span_end in spans:
        if span_end <= span_start:
            continue
        first = _line_of(starts, span_start)
        last = _line_of(starts, span_end - 1)
        ranges.update(_windows(blank, first, last, max_lines))
    covered = {index for first, last in ranges for index in range(first, last + 1)}
    index = 0
    while index < len(lines):
        if blank[index] or index in covered:
            index += 1
            continue
        last = index
        while last + 1 < len(lines) and not blank[last + 1] and last + 1 not in covered:
            last += 1
        ranges.update(_windows(blank, index, last, max_lines))
        index = last + 1
    return [
        Chunk(source[lines[first][0] : lines[last][1]], first + 1, last + 1)
        for first, last in sorted(ranges)
    ]


def _line_of(starts: list[int], offset: int) -> int:
    """Index of the line holding str index `offset` (binary search on line starts)."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _windows(
    blank: list[bool], first: int, last: int, max_lines: int
) -> list[tuple[int, int]]:
    """Line-index ranges covering the non-blank lines of first..last, each at most
    `max_lines` long and starting and ending on a non-blank line."""
    windows = []
    while first <= last:
        while first <= last and blank[first]:
            first += 1
        if first > last:
            break
        end = min(first + max_lines - 1, last)
        while blank[end]:
            end -= 1
        windows.append((first, end))
        first = end + 1
    return windows
