"""The per-source table a run ends with, from its report."""
from __future__ import annotations

from typing import List

_COLUMNS = (("source", None), ("feeds ok", None), ("failed", "feeds_failed"), ("entries", "entries"),
            ("written", "written"), ("dupes", "duplicates"), ("not ar", "not_arabic"), ("errors", "error_count"))


def summary_table(report: dict) -> str:
    rows: List[List[str]] = [[name for name, _ in _COLUMNS]]
    for source_id, src in sorted(report["sources"].items()):
        ok = src.get("feeds", 0) - src.get("feeds_failed", 0)
        rows.append([source_id, str(ok)] + [str(src.get(key, 0)) for _, key in _COLUMNS[2:]])
    totals = report["totals"]
    rows.append(["TOTAL", str(totals["feeds"] - totals["feeds_failed"]), str(totals["feeds_failed"]),
                 str(totals["entries"]), str(totals["written"]), str(totals["duplicates"]),
                 str(totals["not_arabic"]), str(totals["errors"])])
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row) if i]
        lines.append("  ".join(cells))
        if n == 0 or n == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
