"""The rejects dataset: articles the Arabic gate turned away, kept when a source sets keep_rejects.

Built from the articles schema's own fields, so the columns the two datasets share can never drift apart.
"""
from __future__ import annotations

import pyarrow as pa

from akhbar.schemas.articles import ARTICLES_SCHEMA, SCHEMA_VERSION, SCHEMA_VERSION_KEY

_SHARED = ("article_id", "url", "feed_url", "title", "summary", "body", "body_source", "published_at", "fetched_at",
           "language", "language_score")

REJECTS_SCHEMA = pa.schema(
    [ARTICLES_SCHEMA.field(name) for name in _SHARED]
    + [pa.field("reason", pa.string()), ARTICLES_SCHEMA.field("run_id")],
    metadata={SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()},
)
