"""Values that cross a shuffle as one compact bytes string: ``Packed`` before it, ``Unpacked`` after it.

Beam's local runner keeps every shuffle's whole content in the launcher process, decoded: each Article
and each extracted item becomes a tree of Python objects there, and the default coder pickles every
dataclass on its own (one pickler per item, the class named again each time). Packed, a value is one
pickle (one class reference per type, strings shared) compressed with LZ4, and the launcher holds and
passes one bytes object per element. Keys stay plain, so grouping is unchanged.
"""
from __future__ import annotations

import pickle
import random
import struct
from typing import Iterator, List, Tuple

import apache_beam as beam
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindows

#: Values per batch of ``PackedSpread``, and the keys its batches take in turn.
SPREAD_BATCH = 16
SPREAD_KEYS = 64
#: Pickles shorter than this are stored as they are: compressing them saves nothing worth the time.
COMPRESS_FROM = 512
_RAW, _LZ4 = b"r", b"z"
_SIZE = struct.Struct("<I")


def pack(value) -> bytes:
    """``value`` as bytes: a marker, then its pickle (LZ4 frame, with its size, from COMPRESS_FROM bytes)."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) < COMPRESS_FROM:
        return _RAW + data
    return _LZ4 + _SIZE.pack(len(data)) + pa.compress(data, codec="lz4", asbytes=True)


def unpack(data: bytes):
    """The value ``pack`` was given."""
    if data[:1] == _RAW:
        return pickle.loads(data[1:])
    if data[:1] != _LZ4:
        raise ValueError("not a packed value")
    size = _SIZE.unpack_from(data, 1)[0]
    return pickle.loads(pa.decompress(data[1 + _SIZE.size:], decompressed_size=size, codec="lz4", asbytes=True))


def pack_value(key, value):
    return key, pack(value)


def unpack_value(key, data):
    return key, unpack(data)


class PackedReshuffle(beam.PTransform):
    """``beam.Reshuffle`` with the elements packed across it (same elements out, in any order)."""

    def expand(self, pcoll):
        return (pcoll
                | "Pack" >> beam.Map(pack)
                | "Reshuffle" >> beam.Reshuffle()
                | "Unpack" >> beam.Map(unpack))


class _SpreadBatchDoFn(beam.DoFn):
    """value -> (key, packed [value, ...]): SPREAD_BATCH values per batch, each batch under the next key.

    A worker holds one batch at most; the last one goes out at the end of the bundle (the pipeline never
    windows: finish_bundle emits in the global window). Each bundle starts at a random key: a runner that
    cuts many small bundles (Flink, Dataflow) would otherwise send every bundle's first batch to key 0."""

    def start_bundle(self):
        self._held: List = []
        self._key = random.randrange(SPREAD_KEYS)

    def process(self, value) -> Iterator[Tuple[int, bytes]]:
        self._held.append(value)
        if len(self._held) >= SPREAD_BATCH:
            yield self._batch()

    def finish_bundle(self):
        if self._held:
            yield GlobalWindows.windowed_value(self._batch())

    def _batch(self) -> Tuple[int, bytes]:
        batch, self._held = self._held, []
        key, self._key = self._key, (self._key + 1) % SPREAD_KEYS
        return key, pack(batch)


def _unbatch(grouped: Tuple[int, List[bytes]]) -> Iterator:
    for batch in grouped[1]:
        yield from unpack(batch)


class PackedSpread(beam.PTransform):
    """Elements spread across workers again, in packed batches (same elements out, in any order).

    Like ``PackedReshuffle``, but the local runner handles one element per batch of SPREAD_BATCH values, not
    one per value: ``beam.Reshuffle`` adds a random key and its window metadata to every element, and the
    launcher decodes, groups (one group per element) and encodes each. Batches take the keys in turn, so
    each worker gets a near equal share of them whatever the input's order.
    """

    def expand(self, pcoll):
        return (pcoll
                | "Batch" >> beam.ParDo(_SpreadBatchDoFn())
                | "Group" >> beam.GroupByKey()
                | "Unbatch" >> beam.FlatMap(_unbatch))
