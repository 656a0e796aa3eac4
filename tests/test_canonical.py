"""Canonical URLs: one article, one id, however a feed decorates its link."""
from __future__ import annotations

import gzip
import json
from collections import Counter
from urllib.parse import quote

import pytest

from akhbar.transforms.canonical import article_id, canonical_url


@pytest.mark.parametrize("variant", [
    "https://www.example.com/news/1?utm_source=rss&utm_medium=feed",
    "https://www.example.com/news/1?fbclid=IwAR0&gclid=x",
    "https://www.example.com/news/1#comments",
    "https://www.example.com:443/news/1",
    "HTTPS://WWW.EXAMPLE.COM/news/1",
    "  https://www.example.com/news/1?xtor=RSS-3 ",
])
def test_decorated_links_give_one_id(variant):
    assert canonical_url(variant) == "https://www.example.com/news/1"
    assert article_id(canonical_url(variant)) == article_id("https://www.example.com/news/1")


def test_meaningful_parts_are_kept():
    assert canonical_url("https://x.example/a?id=5&utm_source=t") == "https://x.example/a?id=5"
    assert canonical_url("https://x.example/a?b=2&a=1") == canonical_url("https://x.example/a?a=1&b=2")
    assert canonical_url("https://x.example:8443/a") == "https://x.example:8443/a", "a non-default port matters"
    assert canonical_url("http://x.example:80/a") == "http://x.example/a"
    assert article_id(canonical_url("https://x.example/a?id=5")) != article_id(canonical_url("https://x.example/a?id=6"))


def test_arabic_slug_raw_or_percent_encoded_is_one_url():
    raw = "http://www.france24.com/ar/20180218-وفاة-المخرج"
    encoded = "http://www.france24.com" + quote("/ar/20180218-وفاة-المخرج")
    assert canonical_url(raw) == canonical_url(encoded)


def test_article_id_is_stable_and_short():
    assert article_id("https://x.example/a") == article_id("https://x.example/a")
    assert len(article_id("https://x.example/a")) == 24


@pytest.mark.corpus
def test_france24_category_feeds_list_about_1100_repeats(corpora):
    """France 24 lists one article in several category feeds: 3,974 listings, 2,869 articles."""
    with gzip.open(corpora / "france24.jsonl.gz", "rt", encoding="utf-8") as handle:
        urls = [json.loads(line)["url"] for line in handle]
    ids = Counter(article_id(canonical_url(url)) for url in urls)
    assert len(urls) == 3974
    assert len(ids) == 2869 and len(urls) - len(ids) == 1105
