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


def test_files_without_disallow_skip_matching_and_agree_with_protego():
    # A robots.txt with no Disallow line allows every URL: check() answers without Protego's per-URL
    # matching (~50 us for a long Arabic path). Any line that could be a Disallow (all of Protego's
    # spellings start with "di") sends the file through Protego as before.
    from protego import Protego

    from akhbar.transforms.robots import disallows_nothing

    urls = ["https://n.example/", "https://n.example/ar/%D8%AE%D8%A8%D8%B1-1.html", "https://n.example/a/b?x=1",
            "https://n.example/private/x", "https://n.example/robots.txt", "https://n.example/f.pdf"]
    free = ["User-agent: *\nAllow: /\n", "", "# nothing\n", "User-agent: *\n\n",
            "Sitemap: https://n.example/media/sitemap.xml\nUser-agent: *\nCrawl-delay: 2\n"]
    ruled = ["User-agent: *\nDisallow: /private/\n", "user-agent: akhbar\n  DISALLOW /\n",
             "\ufeffDisallow: /x\n", "User-agent: *\nDisalow: /f.pdf\n", "User-agent: *\r\nDiasllow: /\r\n",
             "User-agent: *\nDisallow:\n"]  # an empty Disallow allows all, but it still goes through Protego
    assert all(disallows_nothing(t) for t in free)
    assert not any(disallows_nothing(t) for t in ruled)
    for text in free:
        parsed = Protego.parse(text)
        assert all(parsed.can_fetch(u, "akhbar") for u in urls), text
    client = _StubClient({"https://n.example/robots.txt": _ok(free[-1].encode()),
                          "https://r.example/robots.txt": _ok(ruled[0].encode())})
    cache = RobotsCache(client, lambda host, d: None, delay_cap=10.0)
    assert [cache.check(u)[0] for u in urls] == [ALLOWED] * len(urls)
    assert cache._origins["https://n.example/robots.txt"].allows_all
    assert cache.check("https://r.example/private/x")[0] == DISALLOWED
    assert not cache._origins["https://r.example/robots.txt"].allows_all
