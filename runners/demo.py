"""``akhbar demo``: serve the bundled sample feeds on 127.0.0.1, run the whole pipeline, show the result."""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from importlib.resources import as_file, files

from akhbar.pipeline.config import new_run_id
from akhbar.pipeline.sources import load_sources
from akhbar.runners.site_server import SiteServer


def run_demo(output: str, workers: int = 1) -> int:
    from akhbar.runners.launch import launch

    samples = files("akhbar.runners") / "samples"
    with as_file(samples) as folder, SiteServer(folder / "site") as site:
        print(f"akhbar demo: serving the sample feeds at {site.base}", file=sys.stderr)
        text = (folder / "sources.yaml").read_text(encoding="utf-8").replace("{base}", site.base)
        with tempfile.TemporaryDirectory(prefix="akhbar-demo-") as scratch:
            sources_path = os.path.join(scratch, "sources.yaml")
            with open(sources_path, "w", encoding="utf-8") as handle:
                handle.write(text)
            sources = load_sources(sources_path)
            started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
            code = launch(sources, output, new_run_id(started), started, workers=workers, runner="local",
                          allow_private=True, beam_args=[], show_progress=True,
                          wave_size=None)
    if code == 0:
        _describe(output)
    return code


def _describe(output: str) -> None:
    import pyarrow.dataset as ds

    articles = os.path.join(output, "articles")
    if not os.path.isdir(articles):
        print("no articles were written")
        return
    dataset = ds.dataset(articles, format="parquet", partitioning="hive")
    table = dataset.to_table(columns=["date", "source"])
    counts = {}
    for date, source in zip(table.column("date").to_pylist(), table.column("source").to_pylist()):
        counts[(str(date), source)] = counts.get((str(date), source), 0) + 1
    print("\nrows per partition:")
    for (date, source), n in sorted(counts.items()):
        print(f"  {articles}/date={date}/source={source}: {n}")
    print("\nquery it:")
    print(f"  {sys.executable} -c \"import pyarrow.dataset as ds; print(ds.dataset('{articles}', "
          f"partitioning='hive').to_table(columns=['source','date','title']))\"")
    print(f"  duckdb -c \"SELECT source, date, title FROM read_parquet('{articles}/**/*.parquet', "
          f"hive_partitioning=true)\"")
