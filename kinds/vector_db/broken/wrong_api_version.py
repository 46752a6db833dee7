"""Breaks: the adapter declares another api_version than the vendored contract."""

from rag4code_demo._reference import DemoAdapter as Reference

CAUGHT_BY = "test_api_version_matches_contract"


class DemoAdapter(Reference):
    api_version = 2
