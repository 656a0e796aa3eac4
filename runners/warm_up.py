"""What a process loads before it forks the run's workers (runners/zygote.py): every table and model.

The steps load their word tables and models on first use. Loaded once in the zygote, a forked wave shares
them; missed there, every wave's process loads them again (the person model: ~0.1-0.2 s per wave on the 10k
replay site, 14 waves). A short text of our own wakes most of them; ``load_tables`` calls every cached
loader that the text did not reach.
"""
from __future__ import annotations

import inspect
import sys
from typing import Callable, Iterator

#: Loaded on first use only: langdetect's profiles of every language (~0.4 s, ~58 MiB in the zygote), which
#: only a page not written in Arabic script asks for (transforms/language.py), rare in an Arabic news run.
LAZY = {"akhbar.transforms.language_detect._full_factory"}

#: A short Arabic news text of our own, enough to make every step load its tables and models (the fourth
#: sentence wakes the sports and airline rules, whose word tables are built on first use; the last one a date
#: counted back, which dateparser reads: its first call builds its time-zone patterns, ~0.3 s per process).
_TITLE = "وزير الصحة يفتتح مستشفى جديداً في بغداد"
_BODY = ("افتتح وزير الصحة العراقي صباح اليوم الأحد مستشفى جديداً في بغداد بسعة 200 سرير.\n"
         "وقال الوزير في مؤتمر صحفي إن «المستشفى سيخدم أكثر من مليون مواطن» في جانب الرصافة.\n"
         "وأضاف أن الحكومة خصصت 15 مليار دينار لتجهيز المستشفى، على أن يكتمل العمل في 3 كانون الثاني المقبل.\n"
         "وفاز برشلونة على ليون 2-1 في مباراة الدوري، ووصلت طائرة الخطوط الجوية القطرية.\n"
         "وكان المستشفى القديم قد أغلق قبل 3 أيام.")


def load_data() -> None:
    """Run each step once on a small text, so the lazily loaded tables and models are in the zygote."""
    import datetime as dt

    from akhbar.schemas.records import ExtractContext
    from akhbar.transforms import minhash
    from akhbar.transforms.extract import EXTRACTORS
    from akhbar.transforms.language import judge
    from akhbar.transforms.pages import main_text

    now = dt.datetime.now(dt.timezone.utc)
    judge(_TITLE, "", _BODY)
    context = ExtractContext(source_id="warm", country="IQ", timezone="Asia/Baghdad", published_at=now, fetched_at=now)
    for extract in EXTRACTORS.values():
        extract(_TITLE, _BODY, context)
    paragraphs = "".join(f"<p>{line}</p>" for line in _BODY.split("\n"))
    main_text(f"<html><body><article><h1>{_TITLE}</h1>{paragraphs}</article></body></html>".encode(),
              {"Content-Type": "text/html; charset=utf-8"}, "http://127.0.0.1/warm.html")
    minhash.signature(_BODY * 3)
    load_tables()


def cached_loaders() -> Iterator[Callable]:
    """The zero-argument cached functions (tables, models) of the akhbar.transforms modules imported so far."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("akhbar.transforms.") or module is None:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_info", None)) and getattr(value, "__module__", None) == name:
                try:
                    takes_nothing = not inspect.signature(value).parameters
                except (TypeError, ValueError):
                    continue
                if takes_nothing:
                    yield value


def load_tables() -> None:
    """Call every cached loader but the ``LAZY`` ones."""
    for loader in cached_loaders():
        if f"{loader.__module__}.{loader.__qualname__}" not in LAZY:
            loader()
