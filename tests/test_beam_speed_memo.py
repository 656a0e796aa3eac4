"""Beam's graph inspection memoized in the launcher (runners/beam_speed.py, installed by runners/presets.py): the same answers, asked once."""
from __future__ import annotations

import apache_beam as beam
from apache_beam.coders import VarIntCoder
from apache_beam.options.pipeline_options import DebugOptions, PipelineOptions, StandardOptions, TypeOptions
from apache_beam.transforms import userstate

from akhbar.runners.beam_speed import memoize_dofn_specs, memoize_option_views


def test_option_views_are_made_once_and_stay_live():
    memoize_option_views()
    options = PipelineOptions(["--runner=FnApiRunner", "--experiments=a"])
    view = options.view_as(StandardOptions)
    assert options.view_as(StandardOptions) is view, "one view per class and options object"
    assert view.runner == "FnApiRunner"
    options.view_as(DebugOptions).experiments.append("b")
    assert options.view_as(DebugOptions).experiments == ["a", "b"]
    view.runner = "Other"  # a view writes the options' one dict of values, seen by every later view
    assert options.view_as(StandardOptions).runner == "Other" and options.get_all_options()["runner"] == "Other"
    other = PipelineOptions(["--runner=X"])
    assert other.view_as(StandardOptions) is not view and other.view_as(StandardOptions).runner == "X"
    assert options.view_as(TypeOptions).pipeline_type_check is True


class _Stateful(beam.DoFn):
    COUNT = userstate.ReadModifyWriteStateSpec("count", VarIntCoder())

    def process(self, element, count=beam.DoFn.StateParam(COUNT)):
        yield element


class _Plain(beam.DoFn):
    def __init__(self):
        self.walks = 0

    def __dir__(self):  # Beam's get_dofn_specs walks dir(dofn): count the walks
        self.walks += 1
        return super().__dir__()

    def process(self, element):
        yield element


def test_dofn_specs_are_the_same_and_asked_once():
    memoize_dofn_specs()
    memoized = userstate.get_dofn_specs
    assert getattr(memoized, "_memoized", False)
    state_specs, timer_specs = userstate.get_dofn_specs(_Stateful())
    assert [s.name for s in state_specs] == ["count"] and not timer_specs
    assert userstate.is_stateful_dofn(_Stateful()) and not userstate.is_stateful_dofn(_Plain())
    plain = _Plain()
    first = memoized(plain)
    for _ in range(5):
        assert memoized(plain) is first and not userstate.is_stateful_dofn(plain)
    assert plain.walks == 1, "one walk of the DoFn's methods"
    other = _Plain()
    memoized(other)
    assert other.walks == 1, "each DoFn object is asked about once"
    memoize_dofn_specs()
    assert userstate.get_dofn_specs is memoized, "installed once"
