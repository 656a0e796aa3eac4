"""Bytes to text for feeds and pages, in the order of trust a browser uses.

Walking-skeleton version: HTTP header charset, byte-order mark, XML declaration or meta tag, then UTF-8,
then windows-1256 (the legacy Arabic code page) when the bytes are not UTF-8.
"""
from __future__ import annotations

import codecs
import re
from typing import Mapping, Optional

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def declared_charset(body: bytes, headers: Mapping[str, str]) -> Optional[str]:
    """The charset the response declares, most trusted declaration first, or None."""
    match = _HEADER_CHARSET.search(headers.get("content-type", ""))
    if match and _known(match.group(1)):
        return match.group(1).lower()
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    head = body[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(head)
        if match and _known(match.group(1).decode("ascii", "ignore")):
            return match.group(1).decode("ascii").lower()
    return None


def decode(body: bytes, headers: Mapping[str, str]) -> str:
    """Text of ``body``: the declared charset, else UTF-8, else windows-1256."""
    charset = declared_charset(body, headers)
    if charset:
        try:
            return body.decode(charset).lstrip("\ufeff")
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return body.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return body.decode("windows-1256", errors="replace")


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False
