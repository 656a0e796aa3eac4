"""The zygote's warm-up loads every table and model the run's steps load on first use (runners/warm_up.py).

A loader it misses is loaded again in every wave's process: the person model was (~0.1-0.2 s per wave).
Checked in a fresh interpreter, since other tests in this process may have loaded them already."""
import json
import subprocess
import sys

_PROBE = """
import json
from akhbar.pipeline import graph, waves_run  # the modules a run imports, as the zygote's warm-up does
from akhbar.runners import warm_up
before = sorted(f"{f.__module__}.{f.__qualname__}" for f in warm_up.cached_loaders() if f.cache_info().currsize)
warm_up.load_data()
after = {f"{f.__module__}.{f.__qualname__}": f.cache_info().currsize for f in warm_up.cached_loaders()}
print(json.dumps({"before": before, "after": after}))
"""


def test_warm_up_loads_every_cached_table_but_the_lazy_ones():
    from akhbar.runners.warm_up import LAZY

    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    after = seen["after"]
    assert len(after) >= 20, "the sweep finds the steps' loaders"
    assert "akhbar.transforms.ner_model._load" not in seen["before"], "the person model is loaded on first use"
    assert after["akhbar.transforms.ner_model._load"] == 1, "and the warm-up loads it"
    missed = sorted(name for name, size in after.items() if not size and name not in LAZY)
    assert missed == [], missed
    assert all(after.get(name) == 0 for name in LAZY), "the lazy ones stay unloaded"
