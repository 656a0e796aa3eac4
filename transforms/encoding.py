"""Bytes to text for feeds and pages: the declared charset when it is right, detection when it is not.

Order of trust: a byte-order mark (it cannot be wrong, so it wins, as in the WHATWG encoding standard),
then the HTTP header, the XML declaration, the meta tag. A declaration is overruled only by evidence:
bytes that are valid multi-byte UTF-8 under a single-byte label (UTF-8 served as Latin-1), or Arabic
served as Latin-1/cp1252, which decodes to accented Latin letters with almost no Arabic while the same
bytes read as windows-1256 are mostly Arabic letters. With no declaration: UTF-8 if valid, else the
Arabic code pages (windows-1256, ISO-8859-6) by share of Arabic letters, else charset_normalizer.
"""
from __future__ import annotations

import codecs
import re
from typing import Dict, Mapping, Optional, Tuple

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_XML_DECL_ANY = re.compile(rb"^\s*<\?xml[^>]*\?>", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ARABIC_PAGES = ("cp1256", "iso8859-6")  # codecs' canonical names of windows-1256, ISO-8859-6
#: labels that browsers read as windows-1252 (WHATWG): Latin-1 declared is cp1252 in practice.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1", "cp819", "ibm819"}


def is_arabic_letter(ch: str) -> bool:
    code = ord(ch)
    return (0x0620 <= code <= 0x064A or 0x066E <= code <= 0x06D3 or 0x0750 <= code <= 0x077F
            or 0x08A0 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC)


def arabic_share(text: str) -> Tuple[float, int]:
    """(share of Arabic letters among non-ASCII letters, count of Arabic letters)."""
    arabic = other = 0
    for ch in text:
        if ch > "\x7f" and ch.isalpha():
            if is_arabic_letter(ch):
                arabic += 1
            else:
                other += 1
    total = arabic + other
    return (arabic / total if total else 0.0), arabic


_WORD = re.compile(r"[^\W\d_]+")


def arabic_in_words(text: str) -> float:
    """Share of Arabic letters that sit in words made only of Arabic letters.

    Real Arabic scores ~1. Latin text read through an Arabic code page does not: French è or é read as
    windows-1256 become Arabic letters stuck inside Latin words ("ministوre"), which scores ~0.
    """
    inside = total = 0
    for word in _WORD.findall(text):
        count = sum(1 for ch in word if is_arabic_letter(ch))
        total += count
        if count == len(word) and count > 1:
            inside += count
    return inside / total if total else 0.0


def _norm(name: str) -> Optional[str]:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if name.lower() in _AS_CP1252 or canonical in ("latin-1", "ascii") else canonical


def declarations(body: bytes, headers: Mapping[str, str]) -> Dict[str, str]:
    """Every charset the response declares, by where: bom, header, xml, meta (known codecs only)."""
    found: Dict[str, str] = {}
    for bom, name in _BOMS:
        if body.startswith(bom):
            found["bom"] = name
            break
    match = _HEADER_CHARSET.search(headers.get("content-type", "") or "")
    if match and _norm(match.group(1)):
        found["header"] = _norm(match.group(1))
    head = body[:4096]
    for where, pattern in (("xml", _XML_DECL), ("meta", _META_CHARSET)):
        match = pattern.search(head)
        if match and _norm(match.group(1).decode("ascii", "ignore")):
            found[where] = _norm(match.group(1).decode("ascii", "ignore"))
    return found


def declared_charset(body: bytes, headers: Mapping[str, str]) -> Optional[str]:
    """The most trusted declared charset, or None."""
    found = declarations(body, headers)
    for where in ("bom", "header", "xml", "meta"):
        if where in found:
            return found[where]
    return None


def _strict(body: bytes, charset: str) -> Optional[str]:
    try:
        return body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return None


def _has_multibyte_utf8(body: bytes, as_utf8: Optional[str]) -> Optional[str]:
    """``as_utf8`` (the body decoded as UTF-8, or None) when the body has non-ASCII bytes in its first 200 kB."""
    return as_utf8 if as_utf8 is not None and not body[:200000].isascii() else None


def _best_arabic(body: bytes) -> Optional[Tuple[str, str]]:
    """(charset, text) of the Arabic code page that reads ``body`` as mostly Arabic letters, if any."""
    best = None
    for charset in _ARABIC_PAGES:
        text = body.decode(charset, errors="replace")
        share, count = arabic_share(text)
        if share >= 0.6 and count >= 10 and arabic_in_words(text) >= 0.8 and (best is None or share > best[0]):
            best = (share, charset, text)
    return (best[1], best[2]) if best else None


def sniff(body: bytes, headers: Mapping[str, str]) -> Tuple[str, str, str]:
    """(text, charset, how) where how is bom, header, xml, meta, utf8, detected or fallback."""
    found = declarations(body, headers)
    if "bom" in found:
        return body.decode(found["bom"], errors="replace").lstrip("\ufeff"), found["bom"], "bom"
    declared = next(((found[w], w) for w in ("header", "xml", "meta") if w in found), None)
    as_utf8 = _strict(body, "utf-8")  # decoded once, reused below (a page is decoded once, not three times)
    utf8 = _has_multibyte_utf8(body, as_utf8)
    if declared:
        charset, where = declared
        text = as_utf8 if charset == "utf-8" else _strict(body, charset)
        if charset == "utf-8" and text is not None:
            return text, charset, where
        single_byte = charset != "utf-8" and not charset.startswith("utf")
        if utf8 is not None and single_byte and arabic_share(utf8)[1] > 0:
            return utf8, "utf-8", "detected"  # UTF-8 served under a single-byte label
        if text is not None and charset not in _ARABIC_PAGES and arabic_share(text)[0] < 0.05:
            arabic = _best_arabic(body)
            if arabic:
                return arabic[1], arabic[0], "detected"  # Arabic served as Latin-1 / cp1252
        if text is not None:
            return text, charset, where
    if as_utf8 is not None:
        return as_utf8, "utf-8", "utf8"
    arabic = _best_arabic(body)
    if arabic:
        return arabic[1], arabic[0], "detected"
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(body[:200000]).best()
        if guess is not None and _norm(guess.encoding):
            return body.decode(guess.encoding, errors="replace"), _norm(guess.encoding), "detected"
    except ImportError:  # installed with requests; without it we fall back below
        pass
    return body.decode("cp1256", errors="replace"), "cp1256", "fallback"


def decode(body: bytes, headers: Mapping[str, str]) -> str:
    """Text of ``body`` (see ``sniff``)."""
    return sniff(body, headers)[0]


def as_utf8_xml(body: bytes, headers: Mapping[str, str]) -> Tuple[bytes, Dict[str, str]]:
    """The document re-encoded as UTF-8 with its XML declaration and Content-Type saying so.

    feedparser decodes bytes itself and trusts declarations; when they lie (or are absent and the bytes are
    windows-1256) it produces mojibake, so it is handed bytes whose every declaration is true.
    """
    text, _charset, _how = sniff(body, headers)
    data = text.lstrip("\ufeff").encode("utf-8")
    match = _XML_DECL_ANY.match(data)
    if match:
        decl = re.sub(rb"""encoding\s*=\s*["'][^"']*["']""", b'encoding="utf-8"', match.group(0))
        if b"encoding" not in decl:
            decl = decl[:-2].rstrip() + b' encoding="utf-8"?>'
        data = data[:match.start()] + decl + data[match.end():]
    media = (headers.get("content-type") or "application/xml").split(";", 1)[0].strip() or "application/xml"
    fixed = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    fixed["content-type"] = f"{media}; charset=utf-8"
    return data, fixed
