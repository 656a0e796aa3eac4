"""Shuffle outputs go from the local runner to its worker processes in chunks of about 1 MB.

Beam 2.77's FnApiRunner encodes a whole grouped shuffle into one byte string per worker and writes it as
a single data-plane message, so a 30 MB partition exists several times over in the launcher at once
(the decoded table, the encoded string, the stream buffer, the message), which is the run's memory peak.
Here the table is emptied as it is encoded, a new chunk starts every ``CHUNK_BYTES`` at an element
boundary, and each chunk is flushed as its own message. Only default (global) windowing is changed;
anything else takes Beam's own path. Installed by ``runners.presets`` for multi-process local runs.
"""
from __future__ import annotations

CHUNK_BYTES = 1 << 20
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from apache_beam.coders.coder_impl import create_OutputStream
    from apache_beam.runners.portability.fn_api_runner import execution, fn_runner
    from apache_beam.transforms.window import GlobalWindow, GlobalWindows
    from apache_beam.utils import windowed_value

    original_partition = execution.GroupingBuffer.partition

    def partition(self, n):
        if self._grouped_output or not self._windowing.is_default():
            return original_partition(self, n)
        pane = windowed_value.PaneInfo(is_first=True, is_last=True, timing=windowed_value.PaneInfoTiming.ON_TIME,
                                       index=0, nonspeculative_index=0)
        in_window = GlobalWindows.windowed_value(None, timestamp=GlobalWindow().max_timestamp(), pane_info=pane).with_value
        coder_impl = self._post_grouped_coder.get_impl()
        key_coder_impl = self._key_coder.get_impl()
        chunks = [[] for _ in range(n)]
        streams = [create_OutputStream() for _ in range(n)]
        idx = 0
        table = self._table
        for encoded_key in list(table):
            values = table.pop(encoded_key)  # the decoded values go as soon as they are encoded
            part = idx % n
            idx += 1
            stream = streams[part]
            coder_impl.encode_to_stream(in_window((key_coder_impl.decode(encoded_key), values)), stream, True)
            if stream.size() >= CHUNK_BYTES:
                chunks[part].append(stream.get())
                streams[part] = create_OutputStream()
        for part, stream in enumerate(streams):
            if stream.size() or not chunks[part]:
                chunks[part].append(stream.get())
        self._grouped_output = chunks
        return self._grouped_output

    def send_input(self, process_bundle_id, read_transform_id, byte_streams) -> None:
        data_out = self._worker_handler.data_conn.output_stream(process_bundle_id, read_transform_id)
        for byte_stream in (byte_streams or []):
            data_out.write(byte_stream)
            data_out.flush()  # one message per chunk, not one for the whole partition
        data_out.close()

    execution.GroupingBuffer.partition = partition
    fn_runner.BundleManager._send_input_to_worker = send_input
    _installed = True
