"""XML defences applied before feedparser sees a document.

feedparser 6 with Python's expat does not expand entities declared in a feed's DOCTYPE (a billion-laughs
title comes out as the literal ``&lol9;``, an external entity as ``&xxe;``: tests/test_faults.py shows it), but
it does not refuse them either, so the junk would become article text, and a future parser or a changed
default could expand them. Like defusedxml's ``forbid_entities``, a document whose DOCTYPE declares any
entity is refused outright. A DOCTYPE that only names an external DTD (RSS 0.91's Netscape DTD) is fine:
neither expat nor feedparser fetches it.
"""
from __future__ import annotations

import re
from typing import Optional

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_PROLOG_LIMIT = 256 * 1024


def unsafe_reason(document: bytes) -> Optional[str]:
    """Why the document must not be parsed (entity declarations in its DOCTYPE), or None."""
    match = _DOCTYPE.search(document, 0, _PROLOG_LIMIT)
    if not match:
        return None
    head = document[match.start():match.start() + _PROLOG_LIMIT]
    bracket = head.find(b"[")
    close = head.find(b">")
    if bracket == -1 or (close != -1 and close < bracket):
        return None  # no internal subset: only an external DTD name, which nothing fetches
    end = head.find(b"]", bracket)
    subset = head[bracket:end if end != -1 else len(head)]
    if _ENTITY.search(subset):
        return "the DOCTYPE declares entities; refused (entity expansion and external entities are never parsed)"
    if end == -1:
        return "the DOCTYPE's internal subset never ends; refused"
    return None
