"""Extraction of temporal expressions (placeholder until its issue lands: finds nothing yet)."""
from __future__ import annotations

from typing import List

from akhbar.schemas.extracted import DateMention
from akhbar.schemas.records import ExtractContext


def extract_dates(title: str, body: str, ctx: ExtractContext) -> List[DateMention]:
    """Every DateMention in the title and body, with offsets into the original text."""
    return []
