"""Article pages: fetch the HTML and take its main text with trafilatura; fall back to the feed's text.

The page is decoded by us (transforms/encoding.py: declarations checked against the bytes, windows-1256
detected when undeclared or mislabelled) before trafilatura sees it, so no page turns into mojibake.
Pages are fetched concurrently across hosts, politely per host, after robots.txt (transforms/robots.py).
"""
from __future__ import annotations

import copy
import datetime as dt
from typing import Dict, Iterator, Optional, Tuple

import apache_beam as beam
import trafilatura
from trafilatura.settings import Extractor

from akhbar.schemas.events import PROBLEMS, Problem
from akhbar.schemas.records import Article, FeedEntry
from akhbar.transforms import encoding, http
from akhbar.transforms.fetch_dofn import ConcurrentFetchDoFn, Job, host_key
from akhbar.transforms.packing import pack, unpack
from akhbar.transforms.robots import ALLOWED, RobotsCache
from akhbar.transforms.text import clean_lines

#: A page text shorter than this, and shorter than the feed's own text, is not trusted as the body.
MIN_PAGE_CHARS = 80
#: Tagged output: feed URLs with pages deferred (robots.txt unreachable), so the next run parses them again.
DEFERRED_FEEDS = "deferred_feeds"
#: An entry is deferred at most this long after publication; older ones go out with the feed's text, so a
#: host whose robots.txt stays broken loses page text, never articles.
MAX_DEFERRAL = dt.timedelta(days=2)


def main_text(body: bytes, headers: Dict[str, str], url: str) -> str:
    """The article's main text, one paragraph per line, or "" when trafilatura finds none."""
    if not body:
        return ""
    markup = encoding.decode(body, headers)
    # fast=True skips trafilatura's fallback comparison with two other extractors: half the cost (7.7 ->
    # 3.9 ms per page on the benchmark's replay pages, same text on 300 of 300). A short result gets the
    # full treatment, where the fallback earns its cost.
    text = clean_lines(_extract(markup, url, fast=True))
    if len(text) < MIN_PAGE_CHARS:
        text = clean_lines(_extract(markup, url, fast=False))
    return text


def _extract(markup: str, url: str, fast: bool) -> str:
    return trafilatura.extract(markup, url=url, options=_options(url, fast)) or ""


_TEMPLATES: Dict[bool, Extractor] = {}


def _options(url: str, fast: bool) -> Extractor:
    """trafilatura's options for one page: txt, no comments, no tables, precision, no dedup, ``fast``.

    Built once and copied per page with its URL (as trafilatura's own command line does), because
    building them reads trafilatura's config file settings again each time (~40 us a page).
    """
    template = _TEMPLATES.get(fast)
    if template is None:
        template = _TEMPLATES[fast] = Extractor(output_format="txt", comments=False, tables=False, precision=True,
                                                dedup=False, fast=fast)
    options = copy.copy(template)
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor(url=url) sets it
    return options


def choose_body(entry: FeedEntry, page_text: str) -> Tuple[str, str]:
    """(body, body_source): the page text, else the feed's full content, else its summary."""
    feed_best = max((entry.content, entry.summary), key=len)
    if page_text and (len(page_text) >= MIN_PAGE_CHARS or len(page_text) >= len(feed_best)):
        return page_text, "page"
    if entry.content:
        return entry.content, "feed_content"
    return entry.summary, "summary"


PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class _FetchPageDoFn(ConcurrentFetchDoFn):
    """(host, [(FeedEntry, feed fetched_at)]) -> Article; pages of one host share its limits and robots.txt."""

    def __init__(self, policy: http.FetchPolicy, clock=None):
        super().__init__(policy, clock)
        self._fallbacks = beam.metrics.Metrics.counter("pages", "fallback_to_feed")
        self._fetched = beam.metrics.Metrics.counter("pages", "fetched")
        self._deferred = beam.metrics.Metrics.counter("pages", "deferred")

    def setup(self):
        super().setup()
        self.robots = RobotsCache(self.client, self.scheduler.raise_delay, self.policy.crawl_delay_cap)

    def plan(self, element):
        entry, feed_fetched_at = unpack(element)  # packed by FetchPages.expand
        if not entry.task.fetch.pages:
            yield from self._article(entry, feed_fetched_at, "")
            return
        settings = entry.task.fetch

        def work():
            verdict, message, fetched_robots = self.robots.check(entry.url)
            if verdict != ALLOWED:
                return entry, feed_fetched_at, None, (f"robots_{verdict}", message)
            if fetched_robots:  # robots.txt took this host's turn: wait the delay before the page
                self.clock.sleep(settings.delay_seconds)
            result = self.client.get(entry.url, self.policy.page_max_bytes, {"Accept": PAGE_ACCEPT},
                                     min_interval=settings.delay_seconds)
            return entry, self.clock.now(), result, None

        yield Job(host_key(entry.url), settings.concurrency_per_host, settings.delay_seconds, work)

    def complete(self, value):
        entry, fetched_at, result, refusal = value
        page_text = ""
        if refusal is not None and refusal[0] == "robots_deferred" and self._may_defer(entry, fetched_at):
            self._deferred.inc()
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", *refusal))
            yield beam.pvalue.TaggedOutput(DEFERRED_FEEDS, entry.feed_url)
            return
        if refusal is not None:
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", *refusal))
        elif result.ok:
            self._fetched.inc()
            try:
                page_text = main_text(result.body or b"", result.headers, result.final_url)
            except Exception as exc:  # a hostile page costs its own text, not the article
                yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", "extract_error",
                                                                 f"{type(exc).__name__}: {exc}"[:300]))
        else:
            yield beam.pvalue.TaggedOutput(PROBLEMS, Problem(entry.source_id, entry.url, "page", result.outcome,
                                                             result.message))
        yield from self._article(entry, fetched_at, page_text)

    @staticmethod
    def _may_defer(entry: FeedEntry, now: dt.datetime) -> bool:
        return entry.published_at is None or now - entry.published_at <= MAX_DEFERRAL

    def _article(self, entry: FeedEntry, fetched_at: dt.datetime, page_text: str):
        body, body_source = choose_body(entry, page_text)
        if entry.task.fetch.pages and body_source != "page":
            self._fallbacks.inc()
        yield Article(entry=entry, body=body, body_source=body_source, fetched_at=fetched_at)


class FetchPages(beam.PTransform):
    """(FeedEntry, feed fetched_at) -> Article with its best body; page failures keep the feed's text.

    Outputs ``articles``, ``problems`` and ``deferred_feeds``: entries of a host whose robots.txt could not
    be read (5xx, timeout) are not written this run; their feeds' URLs go to the feed state so the next
    run parses those feeds again (pipeline/feed_state.py) and fetches the pages then.
    """

    def __init__(self, policy: http.FetchPolicy, clock=None):
        super().__init__()
        self._policy = policy
        self._clock = clock

    def expand(self, entries):
        return (entries
                # packed across the group: one bytes string per entry, not a FeedEntry, its task and a
                # datetime pickled by every coder on the way (and decoded and encoded again in the launcher)
                | "KeyByHost" >> beam.Map(lambda pair: (host_key(pair[0].url), pack(pair)))
                | "GroupByHost" >> beam.GroupByKey()
                | "FetchAndExtract" >> beam.ParDo(_FetchPageDoFn(self._policy, self._clock)).with_outputs(
                    PROBLEMS, DEFERRED_FEEDS, main="articles"))
