"""Canonical article URLs and the article ids derived from them.

Two feeds listing one article with different tracking parameters, fragments, default ports or host case
must give one article_id; courlan's normalization does the work, we drop the fragment it keeps.
"""
from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

import courlan


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragment and default port removed, host lower-cased."""
    url = url.strip()
    try:
        normalized = courlan.normalize_url(url, strict=False)
    except Exception:  # courlan raises on some malformed URLs; keep the URL rather than lose the article
        normalized = url
    parts = urlsplit(normalized)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def article_id(canonical: str) -> str:
    """A stable id: the first 24 hex digits (96 bits) of the SHA-256 of the canonical URL."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:24]
