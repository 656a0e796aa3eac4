"""Extraction of quotes with speakers.

What counts as a quote (the rule the gold set in tests/data/gold_quotes.jsonl follows):
text between quotation marks (" « » “ ”), within one paragraph, of at least three words, that a
reporting cue attaches to a speaker: a reporting verb earlier in the same sentence (قال، أكد، أضاف ...),
a cue right after the closing mark ("..."، قال X / حسبما أكد X / بحسب X), a headline "X: «...»", or a
paragraph that opens with the quotation and continues the last speaker. Quoted names and titles are not
quotes: fewer than three words, or a naming noun right before the mark (صحيفة "..."، فيلم "...").

Speakers: the subject after the cue with its title dropped (transforms/quotes_speaker.py); a cue with
no subject of its own (وأضاف أن، قائلا، وتابع:) refers back to the last named speaker in the field.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from akhbar.schemas.extracted import Quote
from akhbar.schemas.records import ExtractContext
from akhbar.transforms.quotes_cues import Cue, _limit, find_cues
from akhbar.transforms.quotes_lexicon import bare, cue_kind, sections, strip_conj, tokens
from akhbar.transforms.quotes_speaker import Speaker, _is_stop, name_of, phrase, subject_after
from akhbar.transforms.quotes_spans import quoted_spans, sentence_start

MIN_WORDS = 3
_NAMING_MAX_WORDS = 8
_PARAGRAPH_MIN_WORDS = 4

def extract_quotes(title: str, body: str, ctx: ExtractContext) -> List[Quote]:
    """Every Quote in the title and body, with offsets into the original text."""
    out = field_quotes("title", title or "")
    out.extend(field_quotes("body", body or ""))
    return out


def _words(text: str, a: int, b: int) -> int:
    return sum(1 for t, _, _ in tokens(text, a, b) if any(c.isalnum() for c in t))


def _inside(pos: int, spans: List[Tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _naming_before(text: str, a: int) -> bool:
    prev = None
    for tok in tokens(text, max(0, a - 40), a):
        prev = tok
    if prev is None or prev[2] < a - 2:
        return False
    if prev[2] == a and bare(prev[0]) in ("لـ", "ل", "لـ") and _words(text, a + 1, text.find(text[a], a + 1)) <= 3:
        return True  # «لـ"سكاي نيوز عربية"»: the addressee, a name
    names = sections("quote_naming.txt").get("naming", frozenset())
    b = bare(prev[0])
    forms = {b}
    for p in ("و", "ب", "ل", "ال", "وال", "بال", "لل", "ول", "وب"):
        if b.startswith(p):
            forms.add(b[len(p):])
    for f in list(forms):
        for suf in ("ها", "هم", "ه", "ي"):
            if f.endswith(suf) and len(f) > len(suf) + 2:
                stem = f[: -len(suf)]
                forms.add(stem[:-1] + "ه" if stem.endswith("ت") else stem)
    return any(f in names for f in forms)


def _subject_name(text: str, a: int, b: int, n: int) -> bool:
    """«ذكرت "وكالة السودان للأنباء" اليوم أن»: a short quoted name right after a reporting verb and
    followed by a stop word is the verb's subject, not a quotation."""
    if n > 4:
        return False
    prev = list(tokens(text, max(0, a - 30), a))
    nxt = next(tokens(text, b + 1, min(len(text), b + 40)), None)
    return bool(prev) and cue_kind(prev[-1][0]) == "verb" and (nxt is None or _is_stop(nxt[0]))


def _trailing(text: str, b: int, spans: List[Tuple[int, int]]) -> Optional[Tuple[int, Optional[Speaker]]]:
    """A cue right after a closing mark: ("..."، قال X) -> (cue start, explicit subject or None)."""
    i = b + 1
    while i < len(text) and text[i] in " ،,":
        i += 1
    if i == b + 1 and i < len(text) and text[i] not in " ،,":
        return None
    toks = list(tokens(text, i, min(len(text), i + 60)))[:4]
    if not toks:
        return None
    words = [bare(t[0]) for t in toks]
    if words[:3] in (["علي", "حد", "تعبير"], ["علي", "حد", "قول"]):
        who = subject_after(text, toks[2][2], _limit(text, toks[2][2], spans))
        return toks[0][1], who  # «"..."، على حد تعبير والداه»
    if words[:2] == ["علي", "ما"]:
        toks = toks[2:]  # «"..."، على ما أكد سون-شيونغ»
    elif words[0] in ("حسبما", "كما") and len(toks) > 1 and cue_kind(toks[1][0]) == "verb":
        toks = toks[1:]
    if not toks:
        return None
    kind = cue_kind(toks[0][0])
    if not kind:
        return None
    limit = _limit(text, toks[0][2], spans)
    reported = strip_conj(bare(toks[0][0])) in ("نقل", "نقلت", "نقلا") or kind == "source"
    who = subject_after(text, toks[0][2], limit, reported=reported) if kind != "participle" else None
    return toks[0][1], who


def _headline_speaker(text: str, a: int, s_start: int) -> Optional[Speaker]:
    """'X: "..."' with no verb (headlines): X with its title dropped."""
    j = a - 1
    while j >= s_start and text[j] == " ":
        j -= 1
    if j < s_start or text[j] != ":":
        return None
    seg_start = max(s_start, text.rfind("،", s_start, j) + 1, text.rfind(",", s_start, j) + 1)
    toks = [t for t in tokens(text, seg_start, j)]
    if not toks or len(toks) > 6 or any(cue_kind(t[0]) for t in toks):
        return None
    cut = next((k for k in range(1, len(toks)) if bare(toks[k][0]).startswith("ل")), len(toks))
    toks = toks[:cut]  # «مان سيتي لمان يونايتد: "..."»: the addressee after ل is not the speaker
    if len(toks) >= 3 and bare(toks[0][0])[:1] == "و":
        toks = toks[1:]  # «ويطرح العمل سؤالا:»: a verb, then its subject
    while len(toks) > 1 and bare(toks[-1][0]).endswith("ا"):
        toks = toks[:-1]  # ... and its object in the accusative
    return name_of(text, phrase(text, toks[0][1], j))


def _last_before(cues: List[Cue], pos: int) -> Optional[Cue]:
    best = None
    for c in cues:
        if c.start < pos:
            best = c
        else:
            break
    return best


def field_quotes(field: str, text: str) -> List[Quote]:
    """Quotes of one field (title or body)."""
    spans = quoted_spans(text)
    if not spans:
        return []
    cues = find_cues(text, spans)
    out: List[Quote] = []
    for a, b in spans:
        qs, qe = a + 1, b
        while qs < qe and text[qs].isspace():
            qs += 1
        while qe > qs and text[qe - 1].isspace():
            qe -= 1
        n = _words(text, qs, qe)
        if n < MIN_WORDS or (n <= _NAMING_MAX_WORDS and _naming_before(text, a)) or _subject_name(text, a, b, n):
            continue
        found, speaker = _attribute(text, a, b, n, spans, cues)
        if found:
            out.append(Quote(text=text[qs:qe], speaker=speaker, field=field, start=qs, end=qe))
    return out


def _attribute(text, a, b, n, spans, cues) -> Tuple[bool, Optional[str]]:
    """(is a quote, speaker) for the quotation between marks a and b."""
    trail = _trailing(text, b, spans)
    if trail is not None:
        pos, who = trail
        if who is not None:
            return True, who.name
        prev = _last_before([c for c in cues if not c.source], a)
        return True, prev.speaker if prev else None
    s_start = sentence_start(text, a, spans)
    before = [c for c in cues if s_start <= c.start < a]
    if before:
        main = [c for c in before if not c.source]
        return True, (main or before)[-1].speaker
    head = _headline_speaker(text, a, s_start)
    if head is not None:
        return True, head.name
    line_start = text.rfind("\n", 0, a) + 1
    if n >= _PARAGRAPH_MIN_WORDS and not text[line_start:a].strip(" -–—:"):
        prev = _last_before(cues, a)
        if prev is not None and prev.speaker:
            return True, prev.speaker
    return False, None
