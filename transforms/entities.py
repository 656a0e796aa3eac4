"""Extraction of PER/ORG/LOC from an article's title and body, with offsets into the original text.

Per field: fold once (``arabic_text.fold_text``), find places (gazetteer automaton) and known
organizations (second automaton), then organization spans headed by trigger words, then persons (titles,
given names), then surnames already seen anywhere in the article. Overlaps: an organization wins over a
person or a place inside it (جامعة بغداد), a person wins over a place inside the name.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
from dataclasses import dataclass
from typing import List, Set, Tuple

from akhbar.schemas.extracted import Entity
from akhbar.schemas.records import ExtractContext
from akhbar.transforms import gazetteer, ner_known, ner_lexicon, ner_model
from akhbar.transforms.arabic_text import Folded, fold_text, key, strip_proclitics
from akhbar.transforms.gazetteer import GazMention
from akhbar.transforms.ner_org import find_orgs, known_org_tokens, parenthesized_agencies, strip_descriptor
from akhbar.transforms.phrase_match import longest_non_overlapping
from akhbar.transforms.ner_person import find_persons, propagate_surnames, surnames
from akhbar.transforms.ner_person_article import trim_foreign_definite
from akhbar.transforms.ner_person_bounds import gulf_chain
from akhbar.transforms.ner_press import press_spans
from akhbar.transforms.ner_sports import club_spans, club_suffix_spans, team_place_tokens
from akhbar.transforms.ner_tokens import View, make_view

_STRONG_KINDS = frozenset({"country", "admin1", "region"})
_BIG_CITY = 1_000_000


@dataclass(frozen=True)
class Analysis:
    """Everything found in one article: entities, and the place mentions kept as LOC (per field)."""

    entities: Tuple[Entity, ...]
    places: Tuple[Tuple[str, GazMention], ...]


def _strong(gaz, m: GazMention) -> bool:
    for idx in m.candidates:
        e = gaz.entries[idx]
        if e.kind in _STRONG_KINDS or e.population >= _BIG_CITY:
            return True
    return False


def _overlaps(a: Tuple[int, int], spans: List[Tuple[int, int]]) -> bool:
    return any(a[0] < e and a[1] > s for s, e in spans)


class _Field:
    """The per-field state between the two passes (persons need names seen in the other field)."""

    def __init__(self, name: str, text: str):
        gaz = gazetteer.load()
        lex = ner_lexicon.load()
        self.name = name
        self.text = text
        self.ft = fold_text(text)
        self.places = _with_facilities(self.ft, gaz.find(self.ft))
        place_spans = [(m.fstart, m.fend) for m in self.places]
        strong = [(m.fstart, m.fend) for m in self.places if _strong(gaz, m)]
        countries = [(m.fstart, m.fend) for m in self.places
                     if any(gaz.entries[i].kind == "country" for i in m.candidates)]
        self.view: View = make_view(self.ft, lex, place_spans, strong, countries)
        # a known organization inside a longer place name is the place (الجزيرة in الجزيرة العربية)
        org_hits = [h for h in longest_non_overlapping(lex.known_orgs.find(self.ft) + ner_known.org_matcher().find(self.ft))
                    if not any(m.fstart <= h.fstart and h.fend <= m.fend and m.fend - m.fstart > h.fend - h.fstart
                               for m in self.places)]
        known, known_tokens = known_org_tokens(self.view, org_hits)
        clubs = [c for c in club_spans(self.view, lex.clubs.find(self.ft))
                 if not any(k in known_tokens for k in range(c[0], c[1]))]
        known += clubs
        known_tokens = known_tokens | {k for a, b, _ in clubs for k in range(a, b)}
        known += [s for s in parenthesized_agencies(self.view) + press_spans(self.view)
                  if not any(k in known_tokens for k in range(s[0], s[1]))]
        known_tokens = known_tokens | {k for a, b, _ in known for k in range(a, b)}
        known += [s for s in club_suffix_spans(self.view, [(self._token_at(m.fstart), m.fstart, m.fend) for m in self.places])
                  if not any(k in known_tokens for k in range(s[0], s[1]))]
        known_tokens = known_tokens | {k for a, b, _ in known for k in range(a, b)}
        # a trigger span that is exactly a gazetteer name is the place (مركز التجارة العالمي, الاتحاد السوفيتي)
        place_token_spans = {(self._token_at(m.fstart), self._token_at(m.fend - 1)) for m in self.places}
        triggered = [strip_descriptor(self.view, t) for t in find_orgs(self.view)
                     if (t[0], t[1] - 1) not in place_token_spans]
        # a trigger span that strictly contains known names wins (قوات التحالف الدولي > التحالف)
        longer = [t for t in triggered if any(t[0] < a and b <= t[1] for a, b, _ in known)]
        known = [k for k in known if not any(t[0] <= k[0] and k[1] <= t[1] for t in longer)]
        known_tokens = {k for a, b, _ in known for k in range(a, b)}
        triggered = [t for t in triggered if not any(k in known_tokens for k in range(t[0], t[1]))]
        self.orgs = known + [t for t in triggered if not _contained(t, known)]
        self.blocked: Set[int] = set()
        for a, b, _ in self.orgs:
            self.blocked.update(range(a, b))
        self.persons = _with_known_names(find_persons(self.view, self.blocked), self.view, self.blocked)
        self.teams = self._team_mentions(gaz)

    def _team_mentions(self, gaz) -> Set[int]:
        """Indexes (into self.places) of place mentions that name sports teams."""
        starts, countries, regions, by_token, after_bi = [], set(), set(), {}, set()
        for n, m in enumerate(self.places):
            k = self._token_at(m.fstart)
            if k is None:
                continue
            starts.append(k)
            if "ب" in self.ft.text[self.ft.tokens[k].fstart:m.fstart]:
                after_bi.add(k)
            by_token[k] = n
            if any(gaz.entries[i].kind == "country" for i in m.candidates):
                countries.add(k)
            if all(gaz.entries[i].kind == "region" for i in m.candidates):
                regions.add(k)
        return {by_token[k] for k in team_place_tokens(self.view, starts, countries, regions, after_bi)}

    def _token_at(self, fpos: int):
        """Index of the token that covers folded offset ``fpos`` (None between tokens)."""
        toks = self.ft.tokens
        if not hasattr(self, "_starts"):
            self._starts = [t.fstart for t in toks]
        k = bisect.bisect_right(self._starts, fpos) - 1
        return k if k >= 0 and toks[k].fstart <= fpos < toks[k].fend else None

    def team_keys(self) -> Set[str]:
        """Town names this field uses as teams (countries excluded: a national team is named by its sentence)."""
        gaz = gazetteer.load()
        return {self.places[n].key for n in self.teams
                if not any(gaz.entries[i].kind == "country" for i in self.places[n].candidates)}

    def add_teams(self, keys: Set[str]):
        """«هبط سوانزي ... وتقدم سوانزي»: a town named as a team once in the article is the team throughout."""
        if keys:
            self.teams |= {n for n, m in enumerate(self.places) if m.key in keys}

    def add_surnames(self, names: Set[str]):
        self.persons += propagate_surnames(self.view, names, self.blocked | self._person_tokens())

    def _person_tokens(self) -> Set[int]:
        out: Set[int] = set()
        for a, b, _ in self.persons:
            out.update(range(a, b))
        return out

    def entities(self) -> Tuple[List[Entity], List[GazMention]]:
        out: List[Entity] = []
        taken: List[Tuple[int, int]] = []
        for kind, spans in (("ORG", self.orgs), ("PER", self.persons)):
            for a, b, plen in spans:
                start, end = self.view.span(a, b, plen)
                if end <= start or _overlaps((start, end), taken):
                    continue
                taken.append((start, end))
                out.append(Entity(self.text[start:end], kind, self.name, start, end))
        kept: List[GazMention] = []
        for n, m in enumerate(self.places):
            if _overlaps((m.start, m.end), taken):
                continue
            if n in self.teams:
                out.append(Entity(self.text[m.start:m.end], "ORG", self.name, m.start, m.end))
                continue
            kept.append(m)
            out.append(Entity(self.text[m.start:m.end], "LOC", self.name, m.start, m.end))
        out.sort(key=lambda e: (e.start, e.end))
        return out, kept


_FACILITY_HEADS = frozenset(key(w) for w in ("ميناء", "مطار", "استاد", "ستاد", "ملعب", "مسجد", "كنيسة",
                                              "متحف", "سجن", "معتقل", "جسر", "سوق"))
_FACILITY_TAILS = frozenset(key(w) for w in ("الدولي", "الدولية", "الكبير", "الكبرى"))


def _with_facilities(ft: Folded, mentions: List[GazMention]) -> List[GazMention]:
    """«ميناء حيفا»، «مطار بغداد الدولي»: a facility named after a place is one LOC mention.

    The span grows to cover the facility word (and a trailing الدولي); the place it resolves to is
    still the named town, which is where the facility is.
    """
    if not mentions:
        return mentions
    toks = ft.tokens
    starts = [t.fstart for t in toks]
    out = []
    for m in mentions:
        k = bisect.bisect_right(starts, m.fstart) - 1
        if k >= 1 and ft.text[toks[k - 1].fend:toks[k].fstart].strip() == "":
            pre, head = strip_proclitics(toks[k - 1].norm, _FACILITY_HEADS)
            if head in _FACILITY_HEADS and toks[k].fstart == m.fstart:
                fstart = toks[k - 1].fstart + len(pre)
                end_k = bisect.bisect_right(starts, m.fend - 1) - 1
                fend = m.fend
                if end_k + 1 < len(toks) and toks[end_k + 1].norm in _FACILITY_TAILS \
                        and ft.text[toks[end_k].fend:toks[end_k + 1].fstart].strip() == "":
                    fend = toks[end_k + 1].fend
                start, end = ft.span(fstart, fend)
                m = dataclasses.replace(m, fstart=fstart, fend=fend, start=start, end=end)
        out.append(m)
    return out


def _with_known_names(persons, v: View, blocked: Set[int]):
    """Add mined full names (``ner_known``) the rules missed; a known name replaces shorter spans inside it,
    and a span that runs on past a known family name stops there («ماكرون أجرى», «ولايته حيدر العبادي»)."""
    known = [k for k in ner_known.full_name_spans(v.ft) if not any(t in blocked for t in range(k[0], k[1]))]
    persons = [_cut_at_known(p, v, known) for p in persons]
    if not known:
        return persons
    kept = [p for p in persons if not any(k[0] <= p[0] and p[1] <= k[1] and (k[0], k[1]) != (p[0], p[1])
                                          for k in known)]
    for k in known:
        if not any(p[0] < k[1] and k[0] < p[1] for p in kept):
            kept.append(k)
            v.memo("rule", k[0], lambda _: "given")  # its family name counts for later mentions
    kept.sort()
    return kept


def _cut_at_known(p, v: View, known):
    """Trim words that are not names from a person span around a known name or after a known family name."""
    a, b, plen = p
    if gulf_chain(v, a, b):
        return p  # «صباح الأحمد الجابر الصباح»: a shorter known name inside does not cut the chain
    for k in known:
        if a <= k[0] and k[1] <= b and (k[0], k[1]) != (a, b) and not _hyphen_after(v, k[1] - 1, b) \
                and all(v.is_first_name(t) is None for t in list(range(a, k[0])) + list(range(k[1], b))):
            return k
    fams = ner_known.surnames()
    for t in range(a, b - 1):
        if v.norm(t) in fams and all(v.is_first_name(u) is None and v.norm(u) not in fams for u in range(t + 1, b)):
            return (a, t + 1, plen)
    return p


def _hyphen_after(v: View, t: int, b: int) -> bool:
    """Is token t joined to the next one by a hyphen inside the span (مون جاي-إن)?"""
    return t + 1 < b and v.ft.original[v.toks[t].end:v.toks[t + 1].start] == "-"


def _contained(s, spans) -> bool:
    return any(s[0] >= a and s[1] <= b for a, b, _ in spans)


def rule_fields(title: str, body: str) -> List[_Field]:
    """Both fields after the rules and the article-level passes (surnames, teams), before the model."""
    fields = [_Field("title", title or ""), _Field("body", body or "")]
    for f in fields:
        f.persons = trim_foreign_definite(f.view, f.persons)
    names: Set[str] = set(ner_known.surnames())
    for f, other in zip(fields, fields[::-1]):  # a name said in the title and the body recurs
        names |= surnames(f.view, f.persons, other.view)
    teams: Set[str] = set()
    for f in fields:
        teams |= f.team_keys()
    for f in fields:
        f.add_surnames(names)
        f.add_teams(teams)
    return fields


@functools.lru_cache(maxsize=256)
def analyze(title: str, body: str) -> Analysis:
    """Entities and LOC place mentions of one article (cached: the entity and place branches share it)."""
    fields = rule_fields(title, body)
    model = ner_model.load()
    if model is not None:  # rules win: the model adds persons on tokens they left free
        found = [ner_model.extra_persons(f.view, f.blocked, f._person_tokens(), f.name, model) for f in fields]
        words = set().union(*(ner_model.found_words(f.view, s) for f, s in zip(fields, found)))
        for f, spans in zip(fields, found):
            f.persons += spans
            if words:  # a name the model found once in the article is a name wherever it recurs
                f.persons += ner_model.extra_persons(f.view, f.blocked, f._person_tokens(), f.name, model, words)
    entities: List[Entity] = []
    places: List[Tuple[str, GazMention]] = []
    for f in fields:
        ents, kept = f.entities()
        entities.extend(ents)
        places.extend((f.name, m) for m in kept)
    return Analysis(tuple(entities), tuple(places))


def extract_entities(title: str, body: str, ctx: ExtractContext) -> List[Entity]:
    """Every Entity in the title and body, with offsets into the original text."""
    return list(analyze(title or "", body or "").entities)
