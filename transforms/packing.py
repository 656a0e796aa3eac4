"""Values that cross a shuffle as one compact bytes string: ``Packed`` before it, ``Unpacked`` after it.

Beam's local runner keeps every shuffle's whole content in the launcher process, decoded: each Article
and each extracted item becomes a tree of Python objects there, and the default coder pickles every
dataclass on its own (one pickler per item, the class named again each time). Packed, a value is one
pickle (one class reference per type, strings shared) compressed with LZ4, and the launcher holds and
passes one bytes object per element. Keys stay plain, so grouping is unchanged.
"""
from __future__ import annotations

import pickle
import struct

import apache_beam as beam
import pyarrow as pa

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
