"""The rag4code reranker contract, a toy kind (group `rag4code.reranker`).

Template-owned: refreshed by `copier update`; do not edit.

    rerank(query, documents) -> list[int]    # indices of documents, best first

The template's own tests add this kind to a copy of the template to prove
that a kind is one folder (tests/test_new_kind.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.contract.base import ContractSuite, assert_rejected

DOCUMENTS = ["def parse(path): ...", "class Client: ...", "SELECT 1;"]


class RerankerContract(ContractSuite):
    """The reranker contract: subclass once, set `plugin_name`."""

    group = "rag4code.reranker"

    def api_calls(self) -> dict[str, Callable[[Any], object]]:
        return {"rerank": lambda reranker: reranker.rerank("x", ["x = 1"])}

    @pytest.fixture
    def reranker(self, make: Callable[..., Any]) -> Any:
        """A fresh instance for each test."""
        return make()

    def test_rerank_gives_every_index_once(self, reranker: Any) -> None:
        """`rerank()` returns a list holding each document's index exactly once.

        If this fails: return `list[int]`, a permutation of range(len(documents)).
        """
        order = reranker.rerank("parse a file", DOCUMENTS)
        assert type(order) is list
        assert sorted(order) == list(range(len(DOCUMENTS)))

    def test_rerank_puts_the_query_itself_first(self, reranker: Any) -> None:
        """A document equal to the query ranks first.

        If this fails: the order is reversed (worst first) or ignores the query.
        """
        assert reranker.rerank(DOCUMENTS[1], DOCUMENTS)[0] == 1

    def test_rerank_of_no_documents_is_empty(self, reranker: Any) -> None:
        """`rerank(query, [])` is `[]`."""
        assert reranker.rerank("x", []) == []

    def test_rerank_bare_string_is_rejected(self, reranker: Any) -> None:
        """`documents` given as one `str` is rejected, not ranked per character."""
        assert_rejected(lambda: reranker.rerank("x", "abc"))
