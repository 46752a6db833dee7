"""Breaks: get() sorts the caller's list of ids in place to look them up in key order."""

from rag4code_demo._reference import DemoAdapter as Reference
from rag4code_demo.support import check_ids

CAUGHT_BY = "test_get_and_delete_do_not_modify_their_arguments"


class DemoAdapter(Reference):
    def get(self, ids):
        position = {id_: index for index, id_ in enumerate(check_ids(ids))}
        if isinstance(ids, list):
            ids.sort()  # one range scan over the sorted keys, instead of one lookup per id
        records = super().get(ids)
        records.sort(key=lambda record: position[record.id])  # back in the order asked
        return records
