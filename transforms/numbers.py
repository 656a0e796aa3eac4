"""Extraction of numbers and quantities (placeholder until its issue lands: finds nothing yet)."""
from __future__ import annotations

from typing import List

from akhbar.schemas.extracted import Number
from akhbar.schemas.records import ExtractContext


def extract_numbers(title: str, body: str, ctx: ExtractContext) -> List[Number]:
    """Every Number in the title and body, with offsets into the original text."""
    return []
