"""Extraction of PER/ORG/LOC (placeholder until its issue lands: finds nothing yet)."""
from __future__ import annotations

from typing import List

from akhbar.schemas.extracted import Entity
from akhbar.schemas.records import ExtractContext


def extract_entities(title: str, body: str, ctx: ExtractContext) -> List[Entity]:
    """Every Entity in the title and body, with offsets into the original text."""
    return []
