"""Write this run's additions to the dedup indexes, as temporary files committed with the articles.

Ids and title keys of the articles written, ids of the pages turned away as not Arabic (so they are not
fetched again), and the MinHash signatures of the articles written. They go through the same
``WriteTemporary`` and the same ``Commit`` as the datasets, so they are published exactly when the
articles are (see ``sink_commit``).
"""
from __future__ import annotations

import datetime as dt

import apache_beam as beam

from akhbar.transforms import stored_ids
from akhbar.transforms.dedup_near import MINHASH_SCHEMA, signature_row
from akhbar.transforms.dedup_titles import title_key
from akhbar.transforms.sink import WriteTemporary


class WriteIndexes(beam.PTransform):
    """(records, problems, signatures), or problems alone -> WrittenFile of ``_state/ids`` and ``_state/minhash``."""

    def __init__(self, output: str, run_id: str, started_at: dt.datetime, fetched_at: dt.datetime = None,
                 tag: str = "", flat: bool = True):
        super().__init__()
        self._output, self._run_id, self._tag = output, run_id, tag
        self._flat = flat  # False: a tuple (ids files, signature files), without the Flatten stage
        self._day = started_at.astimezone(dt.timezone.utc).date()
        self._seen = fetched_at or started_at

    def expand(self, inputs):
        if isinstance(inputs, beam.PCollection):  # problems alone: the first phase of a run in waves
            records, problems, signatures = None, inputs, None
        else:
            records, problems, signatures = inputs
        ids_folder = stored_ids.index_folder(stored_ids.IDS, self._day)
        sig_folder = stored_ids.index_folder(stored_ids.MINHASH, self._day)
        seen = self._seen
        id_rows = []
        if records is not None:
            id_rows.append(records | "ArticleIds" >> beam.MapTuple(
                lambda source_id, record: (ids_folder, stored_ids.article_index_row(source_id, record,
                                                                                   title_key(record.title)))))
        turned_away = (problems
                       | "NotArabic" >> beam.Filter(lambda pr: pr.kind == "not_arabic")
                       | "RejectedIds" >> beam.Map(
                           lambda pr: (ids_folder, stored_ids.rejected_index_row(pr.source_id, pr.url, seen))))
        listed_again = (problems
                        | "AlreadyStored" >> beam.Filter(lambda pr: pr.kind == "already_stored")
                        | "SeenAgainIds" >> beam.Map(
                            lambda pr: (ids_folder, stored_ids.seen_again_index_row(pr.source_id, pr.url, seen))))
        ids = ((*id_rows, turned_away, listed_again) | "AllIds" >> beam.Flatten()
               | "WriteIds" >> WriteTemporary(self._output, self._run_id, stored_ids.IDS_SCHEMA, tag=self._tag))
        if signatures is None:
            return ids if self._flat else (ids,)
        sigs = (signatures | "SignatureRows" >> beam.Map(lambda s: (sig_folder, signature_row(s)))
                | "WriteSignatures" >> WriteTemporary(self._output, self._run_id, MINHASH_SCHEMA, tag=self._tag))
        return (ids, sigs) | "IndexFiles" >> beam.Flatten() if self._flat else (ids, sigs)
