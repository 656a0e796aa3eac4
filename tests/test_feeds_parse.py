"""Feed parsing from bytes, canonical URLs and ids, and the choice of body."""
from __future__ import annotations

import datetime as dt

from akhbar.schemas.records import FeedEntry, FeedTask, FetchSettings
from akhbar.transforms.canonical import article_id, canonical_url
from akhbar.transforms.feeds import parse_feed, usable_time
from akhbar.transforms.pages import choose_body, main_text
from akhbar.transforms.text import clean_lines, html_to_text
from tests.conftest import FIXTURES

TASK = FeedTask(source_id="furat", feed_url="http://127.0.0.1/rss/iraq.xml", country="IQ", timezone="Asia/Baghdad")


def _fixture(path: str) -> bytes:
    return (FIXTURES / "site" / path).read_bytes().replace(b"{base}", b"http://127.0.0.1:8000")


def test_rss_items_become_entries_and_items_without_links_are_skipped():
    entries, outcome, _ = parse_feed(_fixture("rss/iraq.xml"), {"content-type": "application/rss+xml"}, TASK)
    assert outcome == "ok"
    titles = [e.title for e in entries]
    assert len(entries) == 5, titles
    assert "عنصر بلا رابط يجب أن يهمل" not in titles
    first = entries[0]
    assert first.url == "http://127.0.0.1:8000/pages/mosul-hospital.html", "tracking parameters removed"
    assert first.summary == "افتتحت وزارة الصحة العراقية مستشفى جديداً في الموصل & ضواحيها."
    assert first.published_at == dt.datetime(2026, 11, 23, 4, 0, tzinfo=dt.timezone.utc), "converted to UTC"
    no_date = [e for e in entries if "بلا تاريخ" in e.title][0]
    assert no_date.published_at is None


def test_atom_content_html_becomes_paragraph_lines():
    entries, outcome, _ = parse_feed(_fixture("atom/gulf.xml"), {}, TASK)
    assert outcome == "ok" and len(entries) == 3
    assert entries[0].title == "الإمارات تستضيف منتدى الطاقة الدولي", "markup in a title is removed"
    assert entries[0].content.count("\n") == 1, entries[0].content
    assert entries[0].authors == ("مراسل الخليج الآن",)
    assert entries[1].content == "" and entries[1].summary.startswith("أعلنت سلطنة عمان")


def test_html_instead_of_a_feed_is_not_a_feed():
    entries, outcome, _ = parse_feed(_fixture("pages/mosul-hospital.html"), {"content-type": "text/html"}, TASK)
    assert entries == [] and outcome == "not_a_feed"


def test_canonical_url_merges_tracking_fragment_port_and_case_variants():
    variants = ["https://WWW.Example.com:443/ar/news/1?utm_source=rss&id=5#top",
                "https://www.example.com/ar/news/1?id=5&utm_medium=feed",
                "https://www.example.com/ar/news/1?id=5&fbclid=abc"]
    assert len({canonical_url(v) for v in variants}) == 1
    assert len({article_id(canonical_url(v)) for v in variants}) == 1
    assert canonical_url("https://www.example.com/ar/news/1?id=6") != canonical_url(variants[0]), "real parameters stay"


def test_usable_time_rejects_future_and_ancient_dates():
    fetched = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc)
    assert usable_time(dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc), fetched) is None
    assert usable_time(dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc), fetched) is None
    ok = dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)
    assert usable_time(ok, fetched) == ok


def test_body_falls_back_from_page_to_feed_content_to_summary():
    entry = FeedEntry("s", "f", "u", "id", "عنوان", "ملخص قصير", "المحتوى الكامل للخبر في الموجز", (), None, TASK)
    assert choose_body(entry, "نص الصفحة " * 20) == ("نص الصفحة " * 20, "page")
    assert choose_body(entry, "") == ("المحتوى الكامل للخبر في الموجز", "feed_content")
    no_content = FeedEntry("s", "f", "u", "id", "عنوان", "ملخص قصير", "", (), None, TASK)
    assert choose_body(no_content, "") == ("ملخص قصير", "summary")


def test_main_text_drops_boilerplate_and_reads_meta_charset():
    text = main_text(_fixture("pages/meta-charset.html"), {"content-type": "text/html"}, "http://x/p")
    assert "يجب أن يقرأ النص العربي هنا صحيحاً" in text
    assert "شبكة الفرات" not in text, "the header link is boilerplate"
    assert "Ø" not in text and "Ù" not in text, "no mojibake"


def test_main_text_with_reused_options_matches_a_fresh_trafilatura_call():
    # main_text copies one prebuilt trafilatura Extractor per page (building it costs ~40 us a page); the
    # text must be what trafilatura gives with the same settings passed as arguments, and the URL of one
    # page must not stay in the shared template.
    import trafilatura

    from akhbar.transforms import encoding, pages

    body, headers = _fixture("pages/meta-charset.html"), {"content-type": "text/html"}
    for url in ("http://x/a", "http://y/b"):
        fresh = trafilatura.extract(encoding.decode(body, headers), url=url, output_format="txt",
                                    include_comments=False, include_tables=False, favor_precision=True,
                                    deduplicate=False, fast=True)
        assert main_text(body, headers, url) == clean_lines(fresh) != ""
        assert pages._options(url, True).source == url
    assert all(t.url is None and t.source is None for t in pages._TEMPLATES.values())


def test_html_to_text_keeps_paragraphs_and_unescapes():
    assert html_to_text("<p>سطر &amp; أول</p><p>سطر   ثان</p>") == "سطر & أول\nسطر ثان"
    assert html_to_text("نص عادي &quot;مقتبس&quot;") == 'نص عادي "مقتبس"'


def test_direction_marks_and_no_break_spaces_from_arabic_feeds_are_cleaned():
    # Arabic CMSs put RLM/LRM marks around Latin words and no-break spaces in titles; they are invisible
    # and would break matching and equality of titles.
    raw = "\u200fالرئيس\u00a0الفرنسي \u200eMacron\u200e\u200f يزور   بغداد\r\n\r\n"
    assert html_to_text(raw) == "الرئيس الفرنسي Macron يزور بغداد"
