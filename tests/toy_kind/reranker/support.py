"""Support for reranker adapters (the toy kind of tests/test_new_kind.py): the
input check every reranker needs.

Template-owned: `copier update` refreshes this module; do not edit it. Import
from the `support` package (`from <package>.support import check_documents`).
"""

from collections.abc import Sequence

__all__ = ["check_documents"]


def check_documents(documents: Sequence[str]) -> list[str]:
    """A list copy of `documents`, or TypeError: a bare str is refused (it is a
    sequence of one-character documents), and so is any item that is not str."""
    if isinstance(documents, str):
        raise TypeError("documents must be a sequence of str, not one str")
    checked = list(documents)
    for index, document in enumerate(checked):
        if not isinstance(document, str):
            raise TypeError(f"documents[{index}] must be a str, got {type(document).__name__}")
    return checked
