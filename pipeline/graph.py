"""The floor plan: ``build(p, config)`` wires the steps of DESIGN.md's data flow into one Beam graph."""
from __future__ import annotations

import apache_beam as beam

from akhbar.pipeline.config import RunConfig
from akhbar.pipeline.report import RunReport
from akhbar.schemas.articles import ARTICLES_SCHEMA, record_to_row
from akhbar.schemas.rejects import REJECTS_SCHEMA
from akhbar.transforms import http
from akhbar.transforms.dedup import DropRepeats
from akhbar.transforms.extract import EXTRACTORS, ExtractBranch
from akhbar.transforms.feeds import FetchFeeds, ParseEntries
from akhbar.transforms.gate import ArabicGate
from akhbar.transforms.join import ARTICLE, JoinRecords
from akhbar.transforms.pages import FetchPages
from akhbar.transforms.progress import Progress
from akhbar.transforms.rows import article_partition_row, reject_partition_row
from akhbar.transforms.sink import WritePartitioned


def build(p: beam.Pipeline, config: RunConfig):
    """Add the whole run to ``p``; returns the PCollection holding the run report's path."""
    policy = http.FetchPolicy(allow_private=config.allow_private_addresses)
    run_id = config.run_id
    tasks = config.sources.tasks()

    feeds = (p | "Feeds" >> beam.Create(tasks)
             | "Reshuffle" >> beam.Reshuffle()
             | "FetchFeeds" >> FetchFeeds(policy))
    parsed = feeds.responses | "ParseEntries" >> ParseEntries()
    outcomes = ((feeds.outcomes, parsed.outcomes) | "AllOutcomes" >> beam.Flatten()
                | "FeedProgress" >> Progress(config.progress_dir, "feeds"))
    unique = parsed.entries | "DropRepeats" >> DropRepeats()
    pages = unique.entries | "FetchPages" >> FetchPages(policy)
    gate = (pages.articles | "ArticleProgress" >> Progress(config.progress_dir, "articles")
            | "ArabicGate" >> ArabicGate())

    keyed = gate.arabic | "KeyByArticle" >> beam.Map(lambda article: (article.article_id, article))
    branches = {ARTICLE: keyed}
    extract_problems = []
    for name in config.extractors:
        branch = keyed | ExtractBranch(name, EXTRACTORS[name])
        branches[name] = branch.items
        extract_problems.append(branch.problems)
    records = branches | "Join" >> JoinRecords(run_id)

    written = (records | "PartitionArticles" >> beam.Map(article_partition_row)
               | "WriteParquet" >> WritePartitioned(config.output, "articles", run_id, ARTICLES_SCHEMA, record_to_row))
    rejected = (gate.rejects | "PartitionRejects" >> beam.Map(reject_partition_row, run_id)
                | "WriteRejects" >> WritePartitioned(config.output, "rejects", run_id, REJECTS_SCHEMA, dict))
    rejected_tallies = rejected | "NotArticles" >> beam.Filter(lambda tally: False)

    problems = ((feeds.problems, parsed.problems, unique.problems, pages.problems, gate.problems, *extract_problems)
                | "AllProblems" >> beam.Flatten())
    tallies = (written, rejected_tallies) | "AllTallies" >> beam.Flatten()
    return (outcomes, problems, tallies) | "RunReport" >> RunReport(
        config.output, run_id, config.started_at.isoformat(timespec="seconds"),
        [s.id for s in config.sources.sources])
