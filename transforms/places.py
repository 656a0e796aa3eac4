"""Extraction of geocoded places (placeholder until its issue lands: finds nothing yet)."""
from __future__ import annotations

from typing import List

from akhbar.schemas.extracted import Place
from akhbar.schemas.records import ExtractContext


def extract_places(title: str, body: str, ctx: ExtractContext) -> List[Place]:
    """Every Place in the title and body, with offsets into the original text."""
    return []
