"""robots.txt: verdicts by status, one fetch per origin, wildcards, Crawl-delay capped."""
from __future__ import annotations

import threading

from akhbar.transforms.http import FetchPolicy, FetchResult
from akhbar.transforms.robots import ALLOWED, DEFERRED, DISALLOWED, RobotsCache, rules_from

ROBOTS = b"User-agent: *\nDisallow: /private/\nDisallow: /*.pdf$\n"
OWN_GROUP = b"User-agent: *\nDisallow: /\nCrawl-delay: 30\n\nUser-agent: akhbar\nDisallow: /no-akhbar/\n"


class _StubClient:
    def __init__(self, results):
        self.policy = FetchPolicy()
        self.results = results
        self.calls = []
        self.lock = threading.Lock()

    def get(self, url, max_bytes, headers=None, min_interval=0.0):
        with self.lock:
            self.calls.append(url)
        return self.results[url]


def _ok(body):
    return FetchResult("u", "u", "ok", 200, {}, body)


def test_verdict_by_status():
    assert rules_from(FetchResult("u", "u", "http_404", 404))[0] == ALLOWED
    assert rules_from(FetchResult("u", "u", "http_403", 403))[0] == ALLOWED
    assert rules_from(FetchResult("u", "u", "http_5xx", 503))[0] == DEFERRED
    assert rules_from(FetchResult("u", "u", "http_429", 429))[0] == DEFERRED
    assert rules_from(FetchResult("u", "u", "timeout"))[0] == DEFERRED
    assert rules_from(_ok(ROBOTS))[1] is not None


def test_cache_fetches_once_per_origin_and_applies_rules():
    delays = []
    client = _StubClient({"https://a.example/robots.txt": _ok(ROBOTS),
                          "https://e.example/robots.txt": _ok(OWN_GROUP),
                          "https://b.example/robots.txt": FetchResult("u", "u", "http_404", 404),
                          "https://c.example/robots.txt": FetchResult("u", "u", "http_5xx", 500)})
    cache = RobotsCache(client, lambda host, d: delays.append((host, d)), delay_cap=10.0)
    assert cache.check("https://a.example/news/1")[0] == ALLOWED
    assert cache.check("https://a.example/private/x")[0] == DISALLOWED
    assert cache.check("https://a.example/files/report.pdf")[0] == DISALLOWED
    assert cache.check("https://e.example/no-akhbar/1")[0] == DISALLOWED, "our own group applies"
    assert cache.check("https://e.example/news/1")[0] == ALLOWED, "and only it: the * group is not ours"
    assert cache.check("https://b.example/anything")[0] == ALLOWED
    assert cache.check("https://c.example/a")[0] == DEFERRED and cache.check("https://c.example/b")[0] == DEFERRED
    assert sorted(client.calls) == ["https://a.example/robots.txt", "https://b.example/robots.txt",
                                    "https://c.example/robots.txt", "https://e.example/robots.txt"]
    assert delays == [], "the akhbar group has no Crawl-delay; the * group's does not apply to us"


def test_crawl_delay_is_capped_and_concurrent_checks_share_one_fetch():
    delays = []
    client = _StubClient({"https://d.example/robots.txt": _ok(b"User-agent: *\nCrawl-delay: 30\n")})
    cache = RobotsCache(client, lambda host, d: delays.append((host, d)), delay_cap=10.0)
    threads = [threading.Thread(target=cache.check, args=(f"https://d.example/{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert client.calls == ["https://d.example/robots.txt"]
    assert delays == [("d.example", 10.0)]
