"""Breaks: delete() joins the ids with "," into one parameter the backend splits, so "a,b" deletes "a" and "b"."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_delete_removes_only_the_ids_given"


class DemoAdapter(Reference):
    def delete(self, ids):
        parameter = ",".join(check_ids(ids))  # DELETE /points?ids=a,b,c
        super().delete(parameter.split(",") if parameter else [])  # how the backend reads it
