"""Beam 2.77's graph inspection, memoized: a run in waves builds and starts one pipeline per wave.

Building a pipeline and starting its stages in a worker asks ``inspect.signature`` again and again about
the same DoFn methods: ``userstate.get_dofn_specs`` walks every method of a DoFn for state and timer
parameters, and is called several times per DoFn while the graph is built, translated and when each
worker stage is set up. On the fixture site that was 31 % of the CPU of a run of 1-article waves
(cProfile: 149,000 signatures for 8 pipelines). ``get_signature`` only reads a function's code, defaults
and annotations, so its answer is kept per function object (weakly, so nothing is kept alive); other
callables (partials, builtins, callable objects) are passed through uncached. The same graph gets the same
signatures, so nothing the pipeline does changes. Installed in the launcher and in each worker process.
"""
from __future__ import annotations

import types
import weakref

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from apache_beam.transforms import core, ptransform, util
    from apache_beam.typehints import decorators

    original = decorators.get_signature
    cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def get_signature(func):
        if isinstance(func, types.MethodType) and isinstance(func.__func__, types.FunctionType):
            key, bound = func.__func__, True
        elif isinstance(func, types.FunctionType):
            key, bound = func, False
        else:
            return original(func)
        answers = cache.get(key)
        if answers is None:
            answers = cache[key] = {}
        if bound not in answers:
            answers[bound] = original(func)
        return answers[bound]

    get_signature.__doc__ = original.__doc__
    for module in (decorators, core, ptransform, util):
        module.get_signature = get_signature
    _installed = True
