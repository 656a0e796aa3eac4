"""The wheel a user installs carries the console script, the sample feeds and the data files."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_holds_packages_samples_data_and_console_script(tmp_path):
    pytest.importorskip("setuptools")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = tmp_path.glob("akhbar-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in ("akhbar/runners/cli.py", "akhbar/pipeline/graph.py", "akhbar/transforms/feeds.py",
                   "akhbar/schemas/articles.py", "akhbar/runners/samples/sources.yaml",
                   "akhbar/runners/samples/site/iraq/rss.xml"):
        assert module in names, module
    assert any(n.startswith("akhbar/transforms/data/") for n in names), "gazetteers and word lists ship"
    assert not any(n.startswith("tests/") for n in names), "tests stay out of the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "akhbar = akhbar.runners.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
