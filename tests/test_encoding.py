"""Charsets: declarations in order of trust, overruled only by evidence; windows-1256 found when undeclared."""
from __future__ import annotations

import codecs

import feedparser
import pytest

from akhbar.transforms.encoding import arabic_share, as_utf8_xml, decode, declared_charset, sniff

AR = "أعلنت وزارة الموارد المائية أن منسوب المياه في السدود ارتفع بشكل ملحوظ بعد الأمطار"
FR = "Le ministère a annoncé une hausse très forte des prix à Paris, déjà élevée l'été dernier"


@pytest.mark.parametrize("body,headers", [
    (AR.encode("cp1256"), {}),
    (AR.encode("cp1256"), {"content-type": "text/html; charset=iso-8859-1"}),
    (AR.encode("cp1256"), {"content-type": "text/html; charset=windows-1252"}),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><t>' + AR.encode("cp1256") + b"</t>", {}),
    (AR.encode("utf-8"), {"content-type": "text/html; charset=iso-8859-1"}),  # UTF-8 served as Latin-1
    (AR.encode("utf-8"), {"content-type": "text/html; charset=windows-1256"}),  # UTF-8 served as cp1256
    (AR.encode("iso-8859-6"), {}),
    (b'<meta charset="windows-1256">' + AR.encode("cp1256"), {}),
    (codecs.BOM_UTF8 + AR.encode("utf-8"), {"content-type": "text/html; charset=windows-1256"}),  # BOM wins
    (AR.encode("utf-16-le"), {"content-type": "text/html; charset=utf-16-le"}),
])
def test_arabic_comes_out_right(body, headers):
    text = decode(body, headers)
    assert AR in text, (sniff(body, headers)[1:], text[:60])


def test_declarations_and_their_order():
    body = b'<?xml version="1.0" encoding="windows-1256"?><rss/>'
    assert declared_charset(body, {"content-type": "application/xml; charset=UTF-8"}) == "utf-8"
    assert declared_charset(body, {}) == "cp1256"
    assert declared_charset(b"<html><meta charset='utf-8'>", {}) == "utf-8"
    assert declared_charset(b"plain", {"content-type": "text/plain; charset=no-such"}) is None


def test_a_latin_page_is_not_turned_into_arabic():
    body = FR.encode("latin-1")
    text, charset, how = sniff(body, {"content-type": "text/html; charset=iso-8859-1"})
    assert text == FR and how == "header"
    assert arabic_share(text)[1] == 0


def test_feedparser_gets_utf8_with_true_declarations():
    rss = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>t</title>'
           f"<item><title>{AR}</title><link>http://example.com/1</link></item></channel></rss>")
    body, headers = rss.encode("cp1256"), {"content-type": "application/rss+xml; charset=iso-8859-1"}
    naive = feedparser.parse(body, response_headers=headers)
    assert naive.entries[0].title != AR, "feedparser alone trusts the lie (why as_utf8_xml exists)"
    fixed, fixed_headers = as_utf8_xml(body, headers)
    assert b'encoding="utf-8"' in fixed[:60] and fixed_headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert feedparser.parse(fixed, response_headers=fixed_headers).entries[0].title == AR
    undeclared, _ = as_utf8_xml(rss.replace(' encoding="iso-8859-1"', "").encode("cp1256"), {})
    assert feedparser.parse(undeclared).entries[0].title == AR


def test_french_read_as_windows_1256_is_not_mistaken_for_arabic():
    text = decode(FR.encode("latin-1"), {})
    assert arabic_share(text)[1] == 0 and text.startswith("Le minist"), text
