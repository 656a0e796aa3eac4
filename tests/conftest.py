"""Shared fixtures: the fixture site on 127.0.0.1, a sources file pointing at it, running ``akhbar``."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from akhbar.runners.site_server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"
CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
AKHBAR = [sys.executable, "-m", "akhbar.runners.cli"]


@pytest.fixture()
def site():
    with SiteServer(FIXTURES / "site") as server:
        yield server


def write_sources(path: Path, base: str, extra_feed: str = "") -> Path:
    text = f"""
defaults:
  fetch: {{pages: true, concurrency_per_host: 2, delay_seconds: 0}}
sources:
  - id: furat
    name: شبكة الفرات
    country: IQ
    timezone: Asia/Baghdad
    keep_rejects: true
    feeds:
      - {base}/rss/iraq.xml
      {"- " + extra_feed if extra_feed else ""}
  - id: gulf-now
    name: الخليج الآن
    country: AE
    timezone: Asia/Dubai
    feeds:
      - {base}/atom/gulf.xml
"""
    path.write_text(text, encoding="utf-8")
    return path


def run_akhbar(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([*AKHBAR, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture()
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is absent")
    return CORPORA
