"""runners/chunked_input.py: a grouped shuffle reaches the workers whole, in bounded chunks."""
from apache_beam.coders import coders
from apache_beam.runners.portability.fn_api_runner import execution
from apache_beam.transforms import core, window
from apache_beam.utils.windowed_value import WindowedValue

from akhbar.runners import chunked_input


def _buffer():
    kv = coders.TupleCoder([coders.StrUtf8Coder(), coders.BytesCoder()])
    grouped = coders.TupleCoder([coders.StrUtf8Coder(), coders.IterableCoder(coders.BytesCoder())])
    pre = coders.WindowedValueCoder(kv, coders.GlobalWindowCoder())
    post = coders.WindowedValueCoder(grouped, coders.GlobalWindowCoder())
    return execution.GroupingBuffer(pre, post, core.Windowing(window.GlobalWindows())), pre, post


def test_every_key_arrives_once_with_all_its_values_in_small_chunks(monkeypatch):
    chunked_input.install()
    monkeypatch.setattr(chunked_input, "CHUNK_BYTES", 2_000)
    buf, pre, post = _buffer()
    expected = {}
    for i in range(300):
        key = f"k{i % 60}"
        value = bytes([i % 256]) * 100
        expected.setdefault(key, []).append(value)
        buf.append(pre.get_impl().encode_nested(WindowedValue((key, value), 0, [window.GlobalWindow()])))
    parts = buf.partition(2)
    assert len(parts) == 2
    assert all(len(chunks) > 1 for chunks in parts)  # 30 keys x ~500 bytes per part: several chunks
    seen = {}
    for chunks in parts:
        for chunk in chunks:
            assert len(chunk) < 2_000 + 1_000  # a chunk closes at the first element past the limit
            for wv in post.get_impl().decode_all(chunk):
                key, values = wv.value
                assert key not in seen
                seen[key] = list(values)
    assert seen == expected
    assert not buf._table  # the decoded table is emptied as it is encoded
    assert buf.partition(2) is parts  # partitioned once, as in Beam
