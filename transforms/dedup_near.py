"""Near-duplicates across sources (wire copies): kept, but marked ``duplicate_of`` the earliest copy.

Only a compact stream travels: (article_id, source, time, 256-byte signature) per article, for this run's
Arabic articles and for the signatures stored by earlier runs within ``window_days``. LSH is a keyed
group: each signature goes to its 16 band buckets; in a bucket every new article names at most
``MAX_CANDIDATES`` earlier articles of other sources; a second group by article id checks them on the
full signature and keeps the earliest match. Stored signatures enter only through bands this run also
has (``stored_read``), so earlier runs cost a read, not a shuffle. No step holds more than one bucket or
one article's candidates besides the run's band keys (16 short keys per article), so memory stays flat.
Band elements travel in batches: a worker gathers its (band, packed signature) pairs by shard (a fixed
hash of the band key) and sends one list per shard and bundle; the group is on the shard, and each
shard's bands are bucketed in memory. The buckets are the same as a group on the band key, but the local
runner handles a few hundred lists per wave instead of 16 elements per article (each written, decoded
and encoded again by the launcher, and 16 more keys per article in the side input of band keys).

Each list crosses the group packed (one bytes string): the local runner's launcher decodes and encodes
every grouped element, and a list of pairs was ~8.5 MB of tuples per 1,000 articles.

A run in waves (pipeline/waves_run.py) passes each wave the signature files of its earlier waves
(``prior``): they take part in the buckets as this run's articles, in their time order, but are not marked
again. Waves are cut in time order, so every article still meets every earlier article: the marks are the
ones a single pass over the whole run would give. The step that buckets a shard reads the prior files
itself, keeping the bands this wave has (a side input of band keys, as ``stored_read`` uses): the prior
members then need no stage of their own, nor a second input to the group (which the local runner copies
through a stage of its own), between the extraction and the candidates.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import apache_beam as beam
import pyarrow as pa
from apache_beam.transforms.window import GlobalWindows

from akhbar.schemas.events import TALLIES, Tally
from akhbar.schemas.records import Article
from akhbar.transforms import minhash, stored_ids
from akhbar.transforms.packing import pack, unpack
from akhbar.transforms.stored_read import ReadStored

MAX_CANDIDATES = 3
#: Shards of band keys: the unit of the group. Enough for both workers to share them evenly, few enough
#: that each worker's bundle fills its lists.
SHARDS = 256
#: Most (band, signature) pairs in one list: bounds what a worker holds before sending.
BATCH = 512
DUPLICATE_OF = "duplicate_of"
MINHASH_SCHEMA = pa.schema([
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("seen_at", pa.timestamp("us", tz="UTC"), nullable=False),
    pa.field("signature", pa.binary(), nullable=False),
])


@dataclass(frozen=True)
class Signed:
    article_id: str
    source: str
    seen_at: dt.datetime
    signature: bytes
    stored: bool = False
    prior: bool = False  # this run's, from an earlier wave: ordered as this run's, already marked

    def order(self):
        """Stored articles come before this run's; then by time, then by id (deterministic)."""
        return (not self.stored, self.seen_at, self.article_id)


def sign(article: Article) -> Optional[Signed]:
    sig = minhash.signature(article.body)
    if sig is None:
        return None
    entry = article.entry
    return Signed(entry.article_id, entry.source_id, entry.published_at or article.fetched_at, sig)


def bucket_candidates(members: Iterable[Signed]) -> Iterator[Tuple[Tuple[str, str], Tuple[Tuple, str, float]]]:
    """((new id, its source), (candidate order, candidate id, similarity)) for earlier other-source members.

    Only the earliest member of each source is remembered (at most MAX_CANDIDATES + 1 sources), so a
    huge bucket (boilerplate shared by one outlet's pages) costs linear time, not quadratic.
    """
    firsts: List[Signed] = []
    for member in sorted(members, key=Signed.order):
        if not member.stored and not member.prior:
            others = [e for e in firsts if e.source != member.source and e.article_id != member.article_id]
            for earlier in others[:MAX_CANDIDATES]:
                yield (member.article_id, member.source), (earlier.order(), earlier.article_id,
                                                           minhash.similarity(member.signature, earlier.signature))
        if len(firsts) <= MAX_CANDIDATES and all(e.source != member.source for e in firsts):
            firsts.append(member)


def earliest_match(candidates: Iterable[Tuple[Tuple, str, float]], threshold: float = minhash.THRESHOLD) -> Optional[str]:
    matches = sorted((order, article_id) for order, article_id, similar in candidates if similar >= threshold)
    return matches[0][1] if matches else None


def signature_row(signed: Signed) -> dict:
    return {"article_id": signed.article_id, "source": signed.source, "seen_at": signed.seen_at,
            "signature": signed.signature}


def read_signatures(path: str, since: Optional[dt.datetime], prior: bool = False) -> Iterator[Signed]:
    """Signatures of one index file seen at or after ``since`` (all when None): stored ones, or ``prior``
    ones (an earlier wave of this run)."""
    table = stored_ids.read_columns(path, ["article_id", "source", "seen_at", "signature"])
    for article_id, source, seen, sig in zip(*(table.column(c).to_pylist() for c in table.column_names)):
        if since is None or seen >= since:
            yield Signed(article_id, source, seen, sig, stored=not prior, prior=prior)


def to_bands(signed: Signed) -> List[Tuple[Tuple[int, str], bytes]]:
    """(band key, packed Signed) for each of its bands: packed once, so each of the 16 band elements carries
    one shared bytes string that every coder copies as it is, instead of pickling the dataclass again."""
    packed = pack(signed)
    return [(band, packed) for band in minhash.bands(signed.signature)]


def shard(band: Tuple[int, str]) -> int:
    """The shard of a band key: the same in every process (not ``hash``, which is salted per process)."""
    return (int(band[1][:8], 16) + band[0]) % SHARDS


def shard_candidates(batches: Iterable[List[Tuple[Tuple[int, str], bytes]]],
                     more: Optional[Dict[Tuple[int, str], List[bytes]]] = None):
    """``bucket_candidates`` for every band bucket among one shard's lists of (band, packed Signed); ``more``:
    packed members of other waves by band, added to the buckets this shard has."""
    buckets: Dict[Tuple[int, str], List[bytes]] = {}
    for batch in batches:
        for band, packed in batch:
            members = buckets.get(band)
            if members is None:
                buckets[band] = [packed]
            else:
                members.append(packed)
    if more:
        for band, members in buckets.items():
            members.extend(more.get(band, ()))
    decoded: Dict[bytes, Signed] = {}  # an article in several of the shard's buckets is unpacked once

    def signed(packed: bytes) -> Signed:
        value = decoded.get(packed)
        if value is None:
            value = decoded[packed] = unpack(packed)
        return value

    for members in buckets.values():
        if len(members) > 1:  # a lone member has nobody earlier: nearly every bucket, left packed
            yield from bucket_candidates(signed(p) for p in members)


def _one_pair_batch(pair: Tuple[Tuple[int, str], bytes]) -> Tuple[int, bytes]:
    return shard(pair[0]), pack([pair])


def stored_bands(path: str, since: Optional[dt.datetime], prior: bool = False) -> Iterator[Tuple[Tuple[int, str], bytes]]:
    for signed in read_signatures(path, since, prior):
        yield from to_bands(signed)


def prior_bands(path: str) -> Iterator[Tuple[Tuple[int, str], bytes]]:
    return stored_bands(path, None, prior=True)


class _SignDoFn(beam.DoFn):
    def process(self, keyed: Tuple[str, Article]) -> Iterator[Signed]:
        signed = sign(keyed[1])
        if signed is not None:
            yield signed


class _BandBatchDoFn(beam.DoFn):
    """Signed -> (shard, packed [(band, packed Signed), ...]), at most BATCH pairs per list, sent when full
    and at the end of the bundle (the pipeline never windows: finish_bundle emits in the global window).
    The band keys of each list also go out on their own (BAND_KEYS), for the steps that read other waves'
    and runs' signatures."""

    def start_bundle(self):
        self._held: Dict[int, List[Tuple[Tuple[int, str], bytes]]] = {}

    def process(self, signed: Signed):
        held = self._held
        for pair in to_bands(signed):
            key = shard(pair[0])
            batch = held.get(key)
            if batch is None:
                batch = held[key] = []
            batch.append(pair)
            if len(batch) >= BATCH:
                yield from _sent(key, held.pop(key))

    def finish_bundle(self):
        held, self._held = self._held, {}
        for key in sorted(held):
            for out in _sent(key, held[key]):
                if isinstance(out, beam.pvalue.TaggedOutput):
                    yield beam.pvalue.TaggedOutput(out.tag, GlobalWindows.windowed_value(out.value))
                else:
                    yield GlobalWindows.windowed_value(out)


BAND_KEYS = "band_keys"


def _sent(key: int, batch: List[Tuple[Tuple[int, str], bytes]]):
    yield key, pack(batch)
    yield beam.pvalue.TaggedOutput(BAND_KEYS, [band for band, _ in batch])


class _CandidatesDoFn(beam.DoFn):
    """(shard, [packed lists]) -> candidates of its buckets, with the ``prior`` files' members of those bands.

    The prior files are read once per view of the side input (the wave's band keys), not per shard.
    ``prior`` is a list of files, or a callable giving it (pipeline/wave_prior.py: it waits for waves that
    run side by side); the side inputs after the band keys are only there to run this step after them."""

    def __init__(self, prior):
        self._prior = prior if callable(prior) else list(prior)
        self._source = None
        self._more: Dict[Tuple[int, str], List[bytes]] = {}

    def process(self, grouped: Tuple[int, Iterable[bytes]], run_bands=(), *_after):
        if self._prior and run_bands is not self._source:
            wanted = frozenset(band for batch in run_bands for band in batch)
            more: Dict[Tuple[int, str], List[bytes]] = {}
            for path in (self._prior() if callable(self._prior) else self._prior):
                for band, packed in prior_bands(path):
                    if band in wanted:
                        more.setdefault(band, []).append(packed)
            self._source, self._more = run_bands, more
        yield from shard_candidates((unpack(batch) for batch in grouped[1]), self._more)


def _nothing(_element) -> bool:
    return False


class _MarkDoFn(beam.DoFn):
    def __init__(self):
        self._marked = beam.metrics.Metrics.counter("dedup", "near_duplicates")

    def process(self, grouped) -> Iterator:
        (article_id, source_id), candidates = grouped
        original = earliest_match(candidates)
        if original is not None:
            self._marked.inc()
            yield beam.pvalue.TaggedOutput(TALLIES, Tally(source_id, "near_duplicates", 1))
            yield article_id, [original]


class NearOutputs(NamedTuple):
    marks: beam.PCollection  # (article_id, [duplicate_of]) for the join
    signatures: beam.PCollection  # Signed of this run, for the index
    tallies: beam.PCollection  # Tally(source, "near_duplicates", 1)


class NearDuplicates(beam.PTransform):
    """(article_id, Article) -> marks (article_id, [original id]) and this run's signatures."""

    def __init__(self, output: Optional[str] = None, now: Optional[dt.datetime] = None, window_days: float = 3,
                 prior=(), stored: Optional[Sequence[str]] = None, after: Sequence = ()):
        super().__init__()
        self._output, self._days = output, window_days
        # signature files of this run's earlier waves, or a callable that waits for them (pipeline/wave_prior.py)
        self._prior = prior if callable(prior) else sorted(prior)
        # PCollections whose steps should be done before the candidates wait for a callable ``prior``
        self._after = list(after) if callable(prior) else []
        self._stored = None if stored is None else sorted(stored)  # known stored files (else listed at run time)
        self._now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)

    def expand(self, keyed_articles):
        p = keyed_articles.pipeline
        signed = keyed_articles | "Sign" >> beam.ParDo(_SignDoFn())
        since = self._now - dt.timedelta(days=self._days)
        banded = signed | "ToBands" >> beam.ParDo(_BandBatchDoFn()).with_outputs(BAND_KEYS, main="lists")
        run_bands = banded[BAND_KEYS]
        inputs = [banded.lists]
        if self._output and self._days > 0 and self._stored != []:
            inputs.append(p | "StoredSignatures" >> ReadStored(
                self._output, stored_ids.MINHASH, self._now.date(), self._days,
                lambda path: stored_bands(path, since), run_bands, paths=self._stored, nested=True)
                | "StoredToShards" >> beam.Map(_one_pair_batch))
        candidates = _CandidatesDoFn(self._prior)
        side = [beam.pvalue.AsList(run_bands)] if self._prior else []
        if side:  # an empty side input per step to finish first: the local runner then schedules them before
            side += [beam.pvalue.AsList(pcoll | f"Before{n}" >> beam.Filter(_nothing))
                     for n, pcoll in enumerate(self._after)]
        marks = (inputs | "AllBands" >> beam.Flatten()
                 | "GroupByShard" >> beam.GroupByKey()
                 | "Candidates" >> beam.ParDo(candidates, *side)
                 | "GroupByArticle" >> beam.GroupByKey()
                 | "Verify" >> beam.ParDo(_MarkDoFn()).with_outputs(TALLIES, main="marks"))
        return NearOutputs(marks.marks, signed, marks.tallies)
