"""Reading a response body within a size cap and a deadline, decompressing as we go.

The cap holds after decompression: gzip and deflate are inflated with ``max_length``, so a gzip bomb
stops a few KiB past the cap instead of filling memory. ``read1`` returns as soon as any bytes arrive,
so a server trickling one byte a second is cut at the deadline, not after a full 64 KiB read.
"""
from __future__ import annotations

import zlib
from typing import Callable, List, Optional

from akhbar.transforms.fetch_guard import Refused

CHUNK = 64 * 1024
DEADLINE_MESSAGE = "response took longer than the deadline"


class _Inflater:
    """gzip (several members too) or deflate (zlib-wrapped or raw), inflated at most ``limit`` bytes at a time."""

    def __init__(self, encoding: str):
        self._encoding = encoding
        self._decoder = None

    def _new(self, first: bytes):
        if self._encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is meant to be zlib-wrapped but many servers send raw deflate: look at the header.
        wrapped = len(first) >= 2 and (first[0] & 0x0F) == 8 and ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        """Inflate ``data``, returning at most ``room + 1`` bytes (one more than fits means: too large)."""
        out: List[bytes] = []
        size = 0
        while data and size <= room:
            if self._decoder is None:
                self._decoder = self._new(data)
            try:
                piece = self._decoder.decompress(data, room + 1 - size)
            except zlib.error as exc:
                raise Refused("bad_encoding", f"cannot inflate {self._encoding} body: {exc}") from exc
            out.append(piece)
            size += len(piece)
            if self._decoder.unconsumed_tail:
                data = self._decoder.unconsumed_tail
            elif self._decoder.eof and self._decoder.unused_data.strip(b"\0"):
                data = self._decoder.unused_data  # a next gzip member
                self._decoder = None
            else:
                data = b""
        return b"".join(out)


def content_decoder(header: str) -> Optional[_Inflater]:
    """The inflater for a Content-Encoding header, None for identity; Refused for what we never asked for."""
    codings = [c.strip().lower() for c in (header or "").split(",") if c.strip() and c.strip().lower() != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return _Inflater("deflate" if codings[0] == "deflate" else "gzip")
    raise Refused("bad_encoding", f"unsupported Content-Encoding {header!r}")


def read_capped(read1: Callable[[int], bytes], encoding_header: str, max_bytes: int,
                past_deadline: Callable[[], bool]) -> bytes:
    """The whole (decompressed) body; Refused ``too_large`` past ``max_bytes``, ``timeout`` past the deadline."""
    inflater = content_decoder(encoding_header)
    chunks: List[bytes] = []
    size = raw_size = 0
    while True:
        if past_deadline():
            raise Refused("timeout", DEADLINE_MESSAGE)
        raw = read1(CHUNK)
        if not raw:
            break
        raw_size += len(raw)
        data = inflater.feed(raw, max_bytes - size) if inflater else raw
        size += len(data)
        if size > max_bytes or raw_size > max_bytes:
            raise Refused("too_large", f"body exceeds {max_bytes} bytes" + (" once inflated" if inflater else ""))
        chunks.append(data)
    return b"".join(chunks)
