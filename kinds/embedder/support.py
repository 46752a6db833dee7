"""Support for embedder adapters: the checks around a model call.

Template-owned: `copier update` refreshes this module; do not edit it
(tests/contract/manifest.json lists its hash). Import from the `support`
package (`from <package>.support import as_vectors, check_texts`), which
imports this module only when one of its names is first used. Standard
library only.

`check_texts()` validates `embed()`'s argument; `as_vectors()` turns a
model's output (lists, tuples, numpy arrays) into fresh lists of Python
floats and rejects NaN, infinity and all-zero rows.
"""

import math
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["as_vectors", "check_texts"]


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
