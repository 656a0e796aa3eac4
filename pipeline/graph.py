"""The floor plan: ``build(p, config)`` wires the steps of DESIGN.md's data flow into one Beam graph.

The graph is made of two parts that a run in waves (pipeline/waves_run.py) also uses on their own:
``front`` (feeds -> parsed entries -> exact dedup: small data) and ``page_work`` (pages -> gate -> extraction
branches -> near-duplicates -> join -> temporary files). ``build`` joins them into one pipeline and adds
the single commit, the run report and the feed state.
"""
from __future__ import annotations

import dataclasses
from typing import NamedTuple, Optional, Sequence

import apache_beam as beam

from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.feed_state import WriteFeedState, load_states, reparse_stale
from akhbar.pipeline.report import RunReport
from akhbar.schemas.articles import ARTICLES_SCHEMA, record_to_row
from akhbar.schemas.rejects import REJECTS_SCHEMA
from akhbar.transforms import http
from akhbar.transforms.dedup import DedupEntries
from akhbar.transforms.dedup_index import WriteIndexes
from akhbar.transforms.dedup_near import NearDuplicates
from akhbar.transforms.extract import EXTRACTORS, ExtractBranch
from akhbar.transforms.feeds import FetchFeeds, ParseEntries
from akhbar.transforms.gate import ArabicGate
from akhbar.transforms.join import ARTICLE, DUPLICATE_OF, JoinRecords
from akhbar.transforms.packing import PackedSpread
from akhbar.transforms.pages import FetchPages
from akhbar.transforms.progress import Progress
from akhbar.transforms.rows import article_partition_row, reject_partition_row
from akhbar.transforms.sink import Commit, ToFolders, WriteTemporary


def fetch_policy(config: RunConfig, share: int = 1) -> http.FetchPolicy:
    """``share``: processes that fetch pages from the same hosts at once (waves side by side)."""
    return dataclasses.replace(config.fetch_policy or http.FetchPolicy(), allow_private=config.allow_private_addresses,
                               host_share=share)


class Front(NamedTuple):
    outcomes: beam.PCollection  # FeedOutcome per feed
    problems: beam.PCollection  # Problem of the feed, parse and dedup steps
    entries: beam.PCollection  # (FeedEntry, feed fetched_at), once per story
    dedup_problems: beam.PCollection  # the dedup step's own problems (already_stored feeds the ids index)


class Feeds(NamedTuple):
    outcomes: beam.PCollection  # FeedOutcome per feed
    problems: tuple  # Problem of the feed and parse steps (PCollections)
    entries: beam.PCollection  # (FeedEntry, feed fetched_at) per entry listed


def feeds(p: beam.Pipeline, config: RunConfig, policy: http.FetchPolicy, feed_states, tasks=None) -> Feeds:
    """Feeds (``tasks``, default all of the run's) -> parsed entries, before any dedup."""
    fetched = (p | "Feeds" >> beam.Create(config.sources.tasks() if tasks is None else tasks)
               | "Reshuffle" >> beam.Reshuffle()
               | "FetchFeeds" >> FetchFeeds(policy, states=reparse_stale(feed_states or {}, config.started_at,
                                                                        config.sources.dedup.lookback_days)))
    parsed = fetched.responses | "ParseEntries" >> ParseEntries()
    outcomes = ((fetched.outcomes, parsed.outcomes) | "AllOutcomes" >> beam.Flatten()
                | "FeedProgress" >> Progress(config.progress_dir, "feeds"))
    return Feeds(outcomes, (fetched.problems, parsed.problems), parsed.entries)


def drop_repeats(entries, config: RunConfig, packed: bool = False):
    """Exact dedup against this run and the stored indexes: ``.entries`` once per story (packed if asked),
    ``.problems``."""
    dedup = config.sources.dedup
    return entries | "DropRepeats" >> DedupEntries(config.output, config.started_at, dedup.lookback_days,
                                                   dedup.title_window_days, packed=packed)


def front(p: beam.Pipeline, config: RunConfig, policy: http.FetchPolicy, feed_states,
          packed: bool = False) -> Front:
    """Feeds -> parsed entries -> exact dedup against this run and the stored indexes (entries packed if asked)."""
    head = feeds(p, config, policy, feed_states)
    unique = drop_repeats(head.entries, config, packed)
    problems = (*head.problems, unique.problems) | "FrontProblems" >> beam.Flatten()
    return Front(head.outcomes, problems, unique.entries, unique.problems)


class PageWork(NamedTuple):
    """Each a tuple of PCollections: flattened by ``build``, side inputs of the spool in a run in waves."""

    files: tuple  # WrittenFile under _tmp/<run_id>/: articles, rejects, ids and signature indexes
    problems: tuple  # Problem of the page, gate and extraction steps
    tallies: tuple  # Tally("near_duplicates")
    deferred_feeds: tuple  # feed URLs whose pages were put off to a later run
    signatures: beam.PCollection  # WrittenFile of the signature index (also among ``files``)


def page_work(entries, config: RunConfig, policy: http.FetchPolicy, index_problems=None,
              prior_signatures: Sequence[str] = (), tag: str = "",
              stored_signatures: Optional[Sequence[str]] = None) -> PageWork:
    """(FeedEntry, fetched_at) -> temporary files of the run, nothing published.

    ``index_problems``: more problems whose ids go to the ids index (the dedup step's already_stored);
    ``prior_signatures``: signature files of this run's earlier waves, or a callable that waits for them
    (waves side by side, pipeline/wave_prior.py: the near-duplicate candidates then run after the extraction,
    so the wait overlaps the least work); ``tag`` keeps the waves' index file names apart;
    ``stored_signatures``: the earlier runs' signature files when already listed.
    """
    run_id = config.run_id
    pages = entries | "FetchPages" >> FetchPages(policy)
    # Pages are fetched grouped by host; spreading the articles again lets every worker share the gate and
    # the extraction, however unevenly the articles fall across hosts.
    gate = (pages.articles | "ArticleProgress" >> Progress(config.progress_dir, "articles")
            | "Spread" >> PackedSpread()
            | "ArabicGate" >> ArabicGate())

    keyed = gate.arabic | "KeyByArticle" >> beam.Map(lambda article: (article.article_id, article))
    branches = {ARTICLE: keyed}
    extract_problems = []
    for name in config.extractors:
        branch = keyed | ExtractBranch(name, EXTRACTORS[name])
        branches[name] = branch.items
        extract_problems.append(branch.problems)
    near = keyed | "NearDuplicates" >> NearDuplicates(config.output, config.started_at,
                                                      config.sources.dedup.near_window_days, prior=prior_signatures,
                                                      stored=stored_signatures,
                                                      after=[branches[name] for name in config.extractors])
    branches[DUPLICATE_OF] = near.marks
    records = branches | "Join" >> JoinRecords(run_id)

    articles = (records | "PartitionArticles" >> beam.Map(article_partition_row)
                | "ArticleFolders" >> ToFolders("articles")
                | "WriteParquet" >> WriteTemporary(config.output, run_id, ARTICLES_SCHEMA, record_to_row, grouped=False))
    rejects = (gate.rejects | "PartitionRejects" >> beam.Map(reject_partition_row, run_id)
               | "RejectFolders" >> ToFolders("rejects")
               | "WriteRejects" >> WriteTemporary(config.output, run_id, REJECTS_SCHEMA, dict, grouped=False))
    id_problems = gate.problems if index_problems is None else (
        (gate.problems, index_problems) | "IndexProblems" >> beam.Flatten())
    indexes = (records, id_problems, near.signatures) | "WriteIndexes" >> WriteIndexes(
        config.output, run_id, config.started_at, tag=tag, flat=False)
    return PageWork((articles, rejects, *indexes), (pages.problems, gate.problems, *extract_problems),
                    (near.tallies,), (pages.deferred_feeds,), indexes[1])


def build(p: beam.Pipeline, config: RunConfig, feed_states: Optional[dict] = None):
    """Add the whole run to ``p``; returns the PCollection holding the run report's path."""
    policy = fetch_policy(config)
    if feed_states is None:
        feed_states = load_states(config.output)  # validators, body hashes, health: from the previous run
    head = front(p, config, policy, feed_states)
    work = page_work(head.entries, config, policy, index_problems=head.dedup_problems)
    written = work.files | "AllFiles" >> beam.Flatten() | "Publish" >> Commit(config.output, config.run_id)

    problems = (head.problems, *work.problems) | "AllProblems" >> beam.Flatten()
    tallies = (written, *work.tallies) | "AllTallies" >> beam.Flatten()
    report = (head.outcomes, problems, tallies) | "RunReport" >> RunReport(
        config.output, config.run_id, config.started_at.isoformat(timespec="seconds"),
        [s.id for s in config.sources.sources])
    _ = report | "WriteFeedState" >> WriteFeedState(config.output, feed_states, head.outcomes,  # after the report
                                                    work.deferred_feeds[0])
    return report
