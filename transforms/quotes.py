"""Extraction of quotes with speakers (placeholder until its issue lands: finds nothing yet)."""
from __future__ import annotations

from typing import List

from akhbar.schemas.extracted import Quote
from akhbar.schemas.records import ExtractContext


def extract_quotes(title: str, body: str, ctx: ExtractContext) -> List[Quote]:
    """Every Quote in the title and body, with offsets into the original text."""
    return []
