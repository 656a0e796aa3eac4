"""The rejects dataset: articles the Arabic gate turned away, kept when a source sets keep_rejects."""
from __future__ import annotations

import pyarrow as pa

from akhbar.schemas.articles import SCHEMA_VERSION, SCHEMA_VERSION_KEY

_TS = pa.timestamp("us", tz="UTC")

REJECTS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("feed_url", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("summary", pa.string()),
        pa.field("body", pa.string()),
        pa.field("body_source", pa.string()),
        pa.field("published_at", _TS),
        pa.field("fetched_at", _TS, nullable=False),
        pa.field("language", pa.string()),
        pa.field("language_score", pa.float32()),
        pa.field("reason", pa.string()),
        pa.field("run_id", pa.string(), nullable=False),
    ],
    metadata={SCHEMA_VERSION_KEY: str(SCHEMA_VERSION).encode()},
)
