"""The per-source table a run ends with, from its report."""
from __future__ import annotations

from typing import List

# new: articles written by this run; seen before: skipped unfetched, stored by an earlier run; dupes: the same
# article or title again in this run; near-dup: written, but marked duplicate_of a copy from another source.
# feeds ok: fetched and usable; backoff: not even requested, still backing off after earlier failures.
_COLUMNS = (("source", None), ("feeds ok", None), ("failed", "feeds_failed"), ("backoff", "skipped_backoff"),
            ("entries", "entries"),
            ("new", "written"), ("seen before", "already_stored"), ("dupes", "duplicates"),
            ("near-dup", "near_duplicates"), ("not ar", "not_arabic"), ("errors", "error_count"))
_TOTAL_KEYS = {"error_count": "errors"}


def summary_table(report: dict) -> str:
    rows: List[List[str]] = [[name for name, _ in _COLUMNS]]
    for source_id, src in sorted(report["sources"].items()):
        rows.append([source_id, str(_ok(src))] + [str(src.get(key, 0)) for _, key in _COLUMNS[2:]])
    totals = report["totals"]
    rows.append(["TOTAL", str(_ok(totals))] + [str(totals.get(_TOTAL_KEYS.get(key, key), 0)) for _, key in _COLUMNS[2:]])
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row) if i]
        lines.append("  ".join(cells))
        if n == 0 or n == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _ok(counts: dict) -> int:
    return counts.get("feeds", 0) - counts.get("feeds_failed", 0) - counts.get("skipped_backoff", 0)
