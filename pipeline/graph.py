"""The floor plan: ``build(p, config)`` wires the steps of DESIGN.md's data flow into one Beam graph."""
from __future__ import annotations

import dataclasses

import apache_beam as beam

from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.feed_state import WriteFeedState, load_states
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
from akhbar.transforms.packing import PackedReshuffle
from akhbar.transforms.pages import FetchPages
from akhbar.transforms.progress import Progress
from akhbar.transforms.rows import article_partition_row, reject_partition_row
from akhbar.transforms.sink import Commit, ToFolders, WriteTemporary


def build(p: beam.Pipeline, config: RunConfig):
    """Add the whole run to ``p``; returns the PCollection holding the run report's path."""
    policy = dataclasses.replace(config.fetch_policy or http.FetchPolicy(), allow_private=config.allow_private_addresses)
    feed_states = load_states(config.output)  # validators, body hashes, health: from the previous run
    run_id = config.run_id
    tasks = config.sources.tasks()

    feeds = (p | "Feeds" >> beam.Create(tasks)
             | "Reshuffle" >> beam.Reshuffle()
             | "FetchFeeds" >> FetchFeeds(policy, states=feed_states))
    parsed = feeds.responses | "ParseEntries" >> ParseEntries()
    outcomes = ((feeds.outcomes, parsed.outcomes) | "AllOutcomes" >> beam.Flatten()
                | "FeedProgress" >> Progress(config.progress_dir, "feeds"))
    dedup = config.sources.dedup
    unique = parsed.entries | "DropRepeats" >> DedupEntries(config.output, config.started_at, dedup.lookback_days,
                                                           dedup.title_window_days)
    pages = unique.entries | "FetchPages" >> FetchPages(policy)
    # Pages are fetched grouped by host; spreading the articles again lets every worker share the gate and
    # the extraction, however unevenly the articles fall across hosts.
    gate = (pages.articles | "ArticleProgress" >> Progress(config.progress_dir, "articles")
            | "Spread" >> PackedReshuffle()
            | "ArabicGate" >> ArabicGate())

    keyed = gate.arabic | "KeyByArticle" >> beam.Map(lambda article: (article.article_id, article))
    branches = {ARTICLE: keyed}
    extract_problems = []
    for name in config.extractors:
        branch = keyed | ExtractBranch(name, EXTRACTORS[name])
        branches[name] = branch.items
        extract_problems.append(branch.problems)
    near = keyed | "NearDuplicates" >> NearDuplicates(config.output, config.started_at, dedup.near_window_days)
    branches[DUPLICATE_OF] = near.marks
    records = branches | "Join" >> JoinRecords(run_id)

    articles = (records | "PartitionArticles" >> beam.Map(article_partition_row)
                | "ArticleFolders" >> ToFolders("articles")
                | "WriteParquet" >> WriteTemporary(config.output, run_id, ARTICLES_SCHEMA, record_to_row, grouped=False))
    rejects = (gate.rejects | "PartitionRejects" >> beam.Map(reject_partition_row, run_id)
               | "RejectFolders" >> ToFolders("rejects")
               | "WriteRejects" >> WriteTemporary(config.output, run_id, REJECTS_SCHEMA, dict, grouped=False))
    index_problems = (gate.problems, unique.problems) | "IndexProblems" >> beam.Flatten()
    indexes = (records, index_problems, near.signatures) | "WriteIndexes" >> WriteIndexes(
        config.output, run_id, config.started_at)
    written = (articles, rejects, indexes) | "AllFiles" >> beam.Flatten() | "Publish" >> Commit(config.output, run_id)

    problems = ((feeds.problems, parsed.problems, unique.problems, pages.problems, gate.problems, *extract_problems)
                | "AllProblems" >> beam.Flatten())
    tallies = (written, near.tallies) | "AllTallies" >> beam.Flatten()
    report = (outcomes, problems, tallies) | "RunReport" >> RunReport(
        config.output, run_id, config.started_at.isoformat(timespec="seconds"),
        [s.id for s in config.sources.sources])
    _ = report | "WriteFeedState" >> WriteFeedState(config.output, feed_states, outcomes,  # after the report
                                                    pages.deferred_feeds)
    return report
