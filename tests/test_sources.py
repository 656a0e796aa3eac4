"""The sources file: every problem reported at once, naming the file and the entry."""
from __future__ import annotations

import pytest

from akhbar.pipeline.sources import SourcesError, load_sources, parse_sources
from tests.conftest import run_akhbar

GOOD = {"defaults": {"fetch": {"pages": False, "delay_seconds": 2}},
        "sources": [{"id": "alsumaria", "name": "السومرية نيوز", "country": "IQ", "timezone": "Asia/Baghdad",
                     "feeds": ["https://www.example.com/rss/iraq", "https://www.example.com/rss/world"]},
                    {"id": "bbc_arabic", "feeds": ["http://feeds.example.org/arabic"],
                     "fetch": {"pages": True, "concurrency_per_host": 4}}]}


def test_good_file_gives_one_task_per_feed_with_merged_settings():
    config = parse_sources(GOOD, "s.yaml")
    tasks = config.tasks()
    assert [t.source_id for t in tasks] == ["alsumaria", "alsumaria", "bbc_arabic"], "one task per feed URL"
    assert tasks[0].timezone == "Asia/Baghdad" and tasks[0].country == "IQ"
    assert tasks[0].fetch.pages is False and tasks[0].fetch.delay_seconds == 2.0, "defaults.fetch applies"
    assert tasks[2].fetch.pages is True and tasks[2].fetch.concurrency_per_host == 4, "source overrides defaults"
    assert tasks[2].fetch.delay_seconds == 2.0, "unset keys keep the defaults"
    assert tasks[2].timezone == "UTC"


@pytest.mark.parametrize("bad_id", ["../x", "a/b", ".hidden", "", "UPPER", "x" * 65, "-lead", 7, None])
def test_ids_that_could_reach_a_path_are_refused(bad_id):
    with pytest.raises(SourcesError) as error:
        parse_sources({"sources": [{"id": bad_id, "feeds": ["https://a.example/rss"]}]}, "s.yaml")
    assert "sources[0]" in str(error.value) and "is not valid" in str(error.value)


def test_every_problem_is_reported_at_once():
    document = {"extra": 1, "sources": [
        {"id": "a", "feeds": ["file:///etc/passwd", "ftp://x.example/f"]},
        {"id": "a", "feeds": ["https://ok.example/rss"], "colour": "red"},
        {"id": "b", "feeds": []},
        {"id": "c", "feeds": ["https://ok.example/rss"], "timezone": "Mars/Olympus", "country": "Iraq"},
        {"id": "d", "feeds": ["https://ok.example/rss"], "fetch": {"pages": "yes", "speed": 3}},
    ]}
    with pytest.raises(SourcesError) as error:
        parse_sources(document, "my-sources.yaml")
    problems = error.value.problems
    text = str(error.value)
    assert text.startswith("my-sources.yaml:"), "the message names the file"
    expected = ["unknown top-level key 'extra'", "'file:///etc/passwd' is not an http(s) URL",
                "'ftp://x.example/f' is not an http(s) URL", "duplicate id 'a'", "unknown key 'colour'",
                "feeds must be a non-empty list", "'Mars/Olympus' is not an IANA time zone",
                "'Iraq' is not a two-letter ISO country code", "pages: 'yes' has the wrong type",
                "unknown key 'speed'"]
    for fragment in expected:
        assert any(fragment in p for p in problems), f"missing problem: {fragment}"
    assert len(problems) == len(expected)


def test_bad_file_exits_2_and_writes_nothing(tmp_path):
    sources = tmp_path / "bad.yaml"
    sources.write_text("sources:\n  - id: ../escape\n    feeds: [file:///etc/passwd]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_akhbar("run", "--sources", str(sources), "--output", str(out))
    assert result.returncode == 2, result.stderr
    assert "bad.yaml" in result.stderr and "../escape" in result.stderr
    assert not out.exists(), "nothing is written for a bad sources file"


def test_unreadable_and_non_yaml_files_are_named(tmp_path):
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(str(tmp_path / "missing.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(SourcesError, match="not valid YAML"):
        load_sources(str(broken))


def test_output_that_is_a_file_is_a_bad_command_line(tmp_path):
    sources = tmp_path / "s.yaml"
    sources.write_text("sources:\n  - id: a\n    feeds: [https://a.example/rss]\n", encoding="utf-8")
    not_a_folder = tmp_path / "out.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    result = run_akhbar("run", "--sources", str(sources), "--output", str(not_a_folder))
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr


def test_a_key_given_twice_is_named_with_its_line(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("sources:\n  - id: a\n    feeds: [https://a.example/rss]\nsources:\n  - id: b\n"
                    "    feeds: [https://b.example/rss]\n", encoding="utf-8")
    with pytest.raises(SourcesError) as error:
        load_sources(str(path))
    assert "line 4: key 'sources' appears twice" in str(error.value) and "first on line 1" in str(error.value)
