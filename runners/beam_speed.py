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


def memoize_option_views() -> None:
    """Beam 2.77's ``PipelineOptions.view_as`` builds and runs a new argparse parser on every call, and
    building one wave's graph calls it ~420 times (type checks, result types, validation): ~40 % of the
    graph's construction under cProfile. A view holds no state of its own (every view of an options object
    reads and writes that object's one dict of values), so the view of each class is made once per options
    object (weakly held) and handed out again."""
    from apache_beam.options.pipeline_options import PipelineOptions

    if getattr(PipelineOptions.view_as, "_memoized", False):
        return
    original = PipelineOptions.view_as
    views: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def view_as(self, cls):
        mine = views.get(self)
        if mine is None:
            mine = views[self] = {}
        view = mine.get(cls)
        if view is None:
            view = mine[cls] = original(self, cls)
        return view

    view_as.__doc__ = original.__doc__
    view_as._memoized = True
    PipelineOptions.view_as = view_as


def memoize_dofn_specs() -> None:
    """Beam's ``userstate.get_dofn_specs`` walks every method of a DoFn for state and timer parameters, and
    is asked ~6 times about each DoFn while one graph is built and translated (~25 % of building a wave's
    graph under cProfile, after ``memoize_option_views``). The answer depends on the DoFn's methods only,
    which do not change once it is made, so it is kept per DoFn object (weakly held)."""
    from apache_beam.transforms import userstate

    if getattr(userstate.get_dofn_specs, "_memoized", False):
        return
    original = userstate.get_dofn_specs
    specs: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()

    def get_dofn_specs(dofn):
        try:
            found = specs.get(dofn)
        except TypeError:  # not weakly referenceable or not hashable: asked afresh
            return original(dofn)
        if found is None:
            found = specs[dofn] = original(dofn)
        return found

    get_dofn_specs.__doc__ = original.__doc__
    get_dofn_specs._memoized = True
    userstate.get_dofn_specs = get_dofn_specs
