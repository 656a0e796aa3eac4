"""The sources file: parsed, validated all at once, and turned into one FeedTask per feed URL.

Nothing runs until the whole file is valid, and every problem is reported together, each naming the
file and the entry, because a user fixing a 40-outlet file one error per run would give up.
"""
from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

import yaml

from akhbar.schemas.records import FeedTask, FetchSettings

SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
COUNTRY = re.compile(r"[A-Z]{2}")

_TOP_KEYS = {"defaults", "sources"}
_DEFAULT_KEYS = {"fetch", "keep_rejects", "timezone", "country", "dedup"}
_DEDUP_KEYS = {"lookback_days": 3650, "title_window_days": 365, "near_window_days": 365}
_SOURCE_KEYS = {"id", "name", "country", "timezone", "feeds", "fetch", "keep_rejects"}
_FETCH_KEYS = {"pages": bool, "concurrency_per_host": int, "delay_seconds": (int, float)}


class SourcesError(ValueError):
    """The sources file is unusable; ``problems`` lists every reason, each naming file and entry."""

    def __init__(self, path: str, problems: List[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s):\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    country: Optional[str]
    timezone: str
    feeds: Tuple[str, ...]
    fetch: FetchSettings
    keep_rejects: bool = False

    def tasks(self) -> List[FeedTask]:
        return [FeedTask(source_id=self.id, feed_url=url, country=self.country, timezone=self.timezone,
                         fetch=self.fetch, keep_rejects=self.keep_rejects) for url in self.feeds]


@dataclass(frozen=True)
class DedupSettings:
    """``defaults.dedup``: how far back earlier runs count (days); 0 turns a layer off."""

    lookback_days: int = 30  # ids already stored are skipped before their pages are fetched
    title_window_days: int = 7  # same normalized title, same source
    near_window_days: int = 3  # MinHash near-duplicates across sources (wire copies)


@dataclass(frozen=True)
class SourcesConfig:
    path: str
    sources: Tuple[Source, ...] = field(default_factory=tuple)
    dedup: DedupSettings = field(default_factory=DedupSettings)

    def tasks(self) -> List[FeedTask]:
        return [task for source in self.sources for task in source.tasks()]


def load_sources(path: str) -> SourcesConfig:
    """Read and validate ``path``; raise SourcesError naming every problem."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise SourcesError(path, [f"cannot read the file: {exc.strerror or exc}"]) from exc
    repeated: List[str] = []
    try:
        document = yaml.load(raw, Loader=_loader(repeated))  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise SourcesError(path, [f"not valid YAML: {exc}"]) from exc
    try:
        config = parse_sources(document, path)
    except SourcesError as exc:
        raise SourcesError(path, repeated + exc.problems) from None
    if repeated:
        raise SourcesError(path, repeated)
    return config


def _loader(repeated: List[str]):
    """A SafeLoader that notes every key given twice in one mapping.

    PyYAML keeps the last of a repeated key, so a second ``sources:`` block appended at the end of a file
    would silently drop every outlet above it.
    """

    class _NoRepeats(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            first_line = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (str, int, float, bool)) and key in first_line:
                    repeated.append(f"line {key_node.start_mark.line + 1}: key {key!r} appears twice in one "
                                    f"mapping (first on line {first_line[key]}); the first would be ignored")
                elif isinstance(key, (str, int, float, bool)):
                    first_line[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return _NoRepeats


def parse_sources(document: Any, path: str = "<sources>") -> SourcesConfig:
    problems: List[str] = []
    if not isinstance(document, dict):
        raise SourcesError(path, ["the file must be a mapping with a 'sources' list"])
    for key in sorted(set(document) - _TOP_KEYS, key=str):
        problems.append(f"unknown top-level key {key!r} (known: {', '.join(sorted(_TOP_KEYS))})")

    defaults = document.get("defaults") or {}
    base_fetch, base_keep, base_tz, base_country = FetchSettings(), False, "UTC", None
    dedup = DedupSettings()
    if not isinstance(defaults, dict):
        problems.append("defaults: must be a mapping")
    else:
        for key in sorted(set(defaults) - _DEFAULT_KEYS, key=str):
            problems.append(f"defaults: unknown key {key!r}")
        base_fetch = _fetch_settings(defaults.get("fetch"), FetchSettings(), "defaults.fetch", problems)
        base_keep = _boolean(defaults.get("keep_rejects", False), "defaults.keep_rejects", problems)
        base_tz = _timezone(defaults.get("timezone", "UTC"), "defaults.timezone", problems)
        base_country = _country(defaults.get("country"), "defaults.country", problems)
        dedup = _dedup_settings(defaults.get("dedup"), problems)

    entries = document.get("sources")
    if not isinstance(entries, list) or not entries:
        problems.append("sources: must be a non-empty list")
        entries = []

    sources: List[Source] = []
    seen: Dict[str, int] = {}
    for index, entry in enumerate(entries):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping with id and feeds")
            continue
        source_id = entry.get("id")
        if isinstance(source_id, str) and source_id:
            where = f"sources[{index}] (id {source_id!r})"
        for key in sorted(set(entry) - _SOURCE_KEYS, key=str):
            problems.append(f"{where}: unknown key {key!r}")
        if not isinstance(source_id, str) or not SOURCE_ID.fullmatch(source_id):
            problems.append(f"{where}: id {source_id!r} is not valid: use 1-64 of a-z 0-9 _ -, "
                            "starting with a letter or digit (it becomes a folder name)")
        elif source_id in seen:
            problems.append(f"{where}: duplicate id {source_id!r} (also sources[{seen[source_id]}])")
        else:
            seen[source_id] = index
        name = entry.get("name", source_id)
        if not isinstance(name, str):
            problems.append(f"{where}: name must be text")
        feeds = _feeds(entry.get("feeds"), where, problems)
        fetch = _fetch_settings(entry.get("fetch"), base_fetch, f"{where}.fetch", problems)
        keep = _boolean(entry.get("keep_rejects", base_keep), f"{where}.keep_rejects", problems)
        tz = _timezone(entry.get("timezone", base_tz), f"{where}.timezone", problems)
        country = _country(entry.get("country", base_country), f"{where}.country", problems)
        if isinstance(source_id, str):
            sources.append(Source(source_id, str(name), country, tz, tuple(feeds), fetch, keep))

    if problems:
        raise SourcesError(path, problems)
    return SourcesConfig(path=path, sources=tuple(sources), dedup=dedup)


def _dedup_settings(value: Any, problems: List[str]) -> DedupSettings:
    if value is None:
        return DedupSettings()
    if not isinstance(value, dict):
        problems.append("defaults.dedup: must be a mapping")
        return DedupSettings()
    changes = {}
    for key, item in value.items():
        limit = _DEDUP_KEYS.get(key)
        if limit is None:
            problems.append(f"defaults.dedup: unknown key {key!r} (known: {', '.join(sorted(_DEDUP_KEYS))})")
        elif not isinstance(item, int) or isinstance(item, bool) or not 0 <= item <= limit:
            problems.append(f"defaults.dedup.{key}: {item!r} must be a whole number of days from 0 to {limit}")
        else:
            changes[key] = item
    return replace(DedupSettings(), **changes)


def _feeds(value: Any, where: str, problems: List[str]) -> List[str]:
    if not isinstance(value, list) or not value:
        problems.append(f"{where}: feeds must be a non-empty list of http(s) URLs")
        return []
    urls = []
    for i, url in enumerate(value):
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            problems.append(f"{where}.feeds[{i}]: {url!r} is not an http(s) URL")
        elif url in urls:
            problems.append(f"{where}.feeds[{i}]: {url!r} is listed twice")
        else:
            urls.append(url)
    return urls


def _fetch_settings(value: Any, base: FetchSettings, where: str, problems: List[str]) -> FetchSettings:
    if value is None:
        return base
    if not isinstance(value, dict):
        problems.append(f"{where}: must be a mapping")
        return base
    changes = {}
    for key, item in value.items():
        kind = _FETCH_KEYS.get(key)
        if kind is None:
            problems.append(f"{where}: unknown key {key!r} (known: {', '.join(sorted(_FETCH_KEYS))})")
        elif not isinstance(item, kind) or (kind is not bool and isinstance(item, bool)):
            problems.append(f"{where}.{key}: {item!r} has the wrong type")
        elif key == "concurrency_per_host" and not 1 <= item <= 64:
            problems.append(f"{where}.{key}: must be between 1 and 64")
        elif key == "delay_seconds" and not 0 <= item <= 600:
            problems.append(f"{where}.{key}: must be between 0 and 600")
        else:
            changes[key] = float(item) if key == "delay_seconds" else item
    return replace(base, **changes)


def _boolean(value: Any, where: str, problems: List[str]) -> bool:
    if not isinstance(value, bool):
        problems.append(f"{where}: must be true or false")
        return False
    return value


def _timezone(value: Any, where: str, problems: List[str]) -> str:
    try:
        zoneinfo.ZoneInfo(value)
        return value
    except Exception:  # ZoneInfoNotFoundError, ValueError, TypeError for non-strings
        problems.append(f"{where}: {value!r} is not an IANA time zone such as Asia/Baghdad")
        return "UTC"


def _country(value: Any, where: str, problems: List[str]) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str) or not COUNTRY.fullmatch(value):
        problems.append(f"{where}: {value!r} is not a two-letter ISO country code such as IQ")
        return None
    return value
