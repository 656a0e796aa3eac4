"""Logging for runs from cron: warnings and errors on stderr, minus Beam's known-harmless notices."""
from __future__ import annotations

import logging
import sys

#: Beam warnings that say nothing about a run: optional GCP clients absent, no worker cache folder.
_HARMLESS = ("apitools not found", "semi_persistent_directory")


class _DropHarmless(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(text in message for text in _HARMLESS)


def configure(prefix: str = "") -> None:
    """One stderr handler at WARNING with the harmless notices dropped."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.addFilter(_DropHarmless())
    handler.setFormatter(logging.Formatter(f"%(levelname)s {prefix}%(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
