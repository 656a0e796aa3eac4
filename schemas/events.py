"""What steps tell the run report besides their main output: feed outcomes, problems and tallies.

Every element that leaves the main path leaves as a Problem with a reason, so nothing disappears unseen.
"""
from __future__ import annotations

from dataclasses import dataclass

PROBLEMS = "problems"
OUTCOMES = "outcomes"
TALLIES = "tallies"

#: Problem kinds that are counted under their own heading rather than listed as errors.
COUNTED_KINDS = {"not_arabic": "not_arabic", "duplicate": "duplicates", "already_stored": "already_stored",
                 # a page robots.txt disallows keeps the feed's text: a site's policy, not an error of the run
                 "robots_disallowed": "robots_disallowed",
                 # published before the dedup lookback window: it could not be told from an article stored then
                 "too_old": "too_old"}


@dataclass(frozen=True)
class Problem:
    source_id: str
    url: str
    stage: str  # fetch, parse, page, language, extract, dedup, write
    kind: str  # timeout, http_404, not_arabic, duplicate ...
    message: str = ""


@dataclass(frozen=True)
class FeedOutcome:
    """Exactly one per feed per run: ok, not_modified, unchanged, http_404, timeout, parse_error ..."""

    source_id: str
    feed_url: str
    outcome: str
    entries: int = 0
    message: str = ""
    # what the next run needs (pipeline/feed_state.py): validators, body hash, when it was checked (ISO UTC)
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""
    checked_at: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome not in ("ok", "not_modified", "unchanged", "skipped_backoff")


@dataclass(frozen=True)
class Tally:
    """A count for the report (``written`` ...), per source."""

    source_id: str
    key: str
    count: int
