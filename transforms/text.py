"""Feed markup to plain text: titles and summaries arrive as HTML fragments with entities."""
from __future__ import annotations

import html
import re

import lxml.html

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote")
_SPACES = re.compile(r"[ \t\u00a0\u200f\u200e]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per line; plain text passes through unescaped."""
    if not fragment:
        return ""
    if "<" not in fragment:
        text = html.unescape(fragment)
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except Exception:  # lxml rejects some broken fragments; fall back to stripping tags
            return clean_lines(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        for element in root.iter(*_BLOCK_TAGS):
            element.tail = "\n" + (element.tail or "")
        text = root.text_content()
    return clean_lines(text)


def clean_lines(text: str) -> str:
    """Collapse runs of spaces inside lines and drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
