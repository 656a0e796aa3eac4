"""``python -m bench`` runs the benchmark harness (same options as ``python -m bench.run_bench``)."""
from bench.run_bench import main

raise SystemExit(main())
