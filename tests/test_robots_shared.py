"""robots.txt answers shared by the waves of one run (transforms/robots.py ``SHARED_ENV``)."""
from __future__ import annotations

import os

from akhbar.transforms.http import FetchPolicy, FetchResult
from akhbar.transforms.robots import ALLOWED, DEFERRED, DISALLOWED, SHARED_ENV, RobotsCache

ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n"


class _Client:
    def __init__(self, results):
        self.policy = FetchPolicy()
        self.results, self.calls = results, []

    def get(self, url, max_bytes, headers=None, min_interval=0.0):
        self.calls.append(url)
        return self.results[url]


RESULTS = {"https://a.example/robots.txt": FetchResult("u", "u", "ok", 200, {}, ROBOTS),
           "https://b.example/robots.txt": FetchResult("u", "u", "http_404", 404),
           "https://c.example/robots.txt": FetchResult("u", "u", "http_5xx", 503, message="HTTP 503")}


def _wave(delays):
    client = _Client(RESULTS)
    cache = RobotsCache(client, lambda host, d: delays.append((host, d)), delay_cap=10.0)
    answers = [cache.check(url) for url in ("https://a.example/news/1", "https://a.example/private/2",
                                            "https://b.example/x", "https://c.example/y")]
    return client.calls, answers


def test_a_later_wave_reads_the_first_waves_answers(tmp_path, monkeypatch):
    monkeypatch.setenv(SHARED_ENV, str(tmp_path))
    delays = []
    calls, first = _wave(delays)
    assert sorted(calls) == sorted(RESULTS)
    assert [a[0] for a in first] == [ALLOWED, DISALLOWED, ALLOWED, DEFERRED]
    assert first[0][2] and first[2][2], "the first wave made the requests"
    assert len(os.listdir(tmp_path)) == 2, "the 5xx answer is not kept: the next wave asks again"
    delays_later = []
    calls, later = _wave(delays_later)
    assert calls == ["https://c.example/robots.txt"], "only the unreachable one is asked again"
    assert [a[:2] for a in later] == [a[:2] for a in first], "the same verdicts"
    assert not later[0][2] and not later[2][2], "no request, so no wait for the host's turn"
    assert delays_later == delays == [("a.example", 2.0)], "Crawl-delay applies in every wave"


def test_without_the_folder_each_cache_asks(monkeypatch, tmp_path):
    monkeypatch.delenv(SHARED_ENV, raising=False)
    assert sorted(_wave([])[0]) == sorted(RESULTS) and sorted(_wave([])[0]) == sorted(RESULTS)
    monkeypatch.setenv(SHARED_ENV, str(tmp_path / "gone"))  # the run ended and removed it: asked, not kept
    assert sorted(_wave([])[0]) == sorted(RESULTS) and not (tmp_path / "gone").exists()
