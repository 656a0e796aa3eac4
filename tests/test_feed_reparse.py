"""A feed that stays byte-identical is still parsed once per third of ``lookback_days``, so items it keeps
listing are dated again in the stored-ids index and never written twice (pipeline/feed_state.reparse_stale)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import run_akhbar, write_sources

pytestmark = pytest.mark.e2e


def _run(sources, out, run_id):
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out), "--run-id", run_id,
                        "--workers", "1", "--allow-private-addresses")
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((out / "_runs" / f"{run_id}.json").read_text(encoding="utf-8"))
    state = json.loads((out / "_state" / "feeds.json").read_text(encoding="utf-8"))
    return report, {f["feed_url"]: f for f in state["feeds"]}


def test_a_feed_unchanged_for_ten_days_is_parsed_again_and_nothing_is_written_twice(tmp_path, site):
    sources = write_sources(tmp_path / "sources.yaml", site.base)
    out = tmp_path / "out"
    first, states = _run(sources, out, "r1")
    iraq = f"{site.base}/rss/iraq.xml"
    assert states[iraq]["last_outcome"] == "ok" and states[iraq]["last_parsed"]
    written = first["totals"]["written"]
    assert written > 0

    second, states = _run(sources, out, "r2")
    assert states[iraq]["last_outcome"] == "unchanged", "the same bytes a day later: not parsed"
    assert second["totals"]["written"] == 0 and second["totals"]["already_stored"] == 0

    # Ten days of such runs: the state now says the feed was last parsed ten days ago.
    state_file = out / "_state" / "feeds.json"
    document = json.loads(state_file.read_text(encoding="utf-8"))
    ten_days_ago = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=10, minutes=1)).isoformat()
    for feed in document["feeds"]:
        if feed["feed_url"] == iraq:
            feed["last_parsed"] = ten_days_ago
    state_file.write_text(json.dumps(document), encoding="utf-8")

    third, states = _run(sources, out, "r3")
    assert states[iraq]["last_outcome"] == "ok", "parsed again although its bytes did not change"
    assert states[iraq]["last_parsed"] > ten_days_ago
    others = [url for url in states if url != iraq and states[url]["last_outcome"] != "http_404"]
    assert others and all(states[url]["last_outcome"] == "unchanged" for url in others)
    assert third["totals"]["written"] == 0, "its items are already stored"
    assert third["sources"]["furat"]["already_stored"] > 0, "and their ids were seen (and dated) again"
