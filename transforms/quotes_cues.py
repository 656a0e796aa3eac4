"""Reporting cues of one field, in order, each with the speaker it refers to.

A cue is a reporting verb (قال، أكد ...), a participle (قائلا، مضيفا) or a source preposition
(بحسب، وفق، نقلا عن). Its speaker is, in order of preference:
- the subject before it when the verb carries no conjunction («لكن الرئيس الأمريكي نفى»,
  «صحيفة "العرب" تكتب»): Arabic puts the subject first in such clauses;
- the subject after it (quotes_speaker.subject_after), with «وجاء في بيان لوزارة ...» read as a cue;
- otherwise the last named speaker (a pronoun: «وأضاف أن»، «قائلا»).
A role phrase already met with a name («وزير الخارجية اليمني، خالد اليماني») and a bare definite
noun («الصحيفة»، «الكاتب») resolve to the name met before. Source cues (بحسب ما ذكرت X) name a source
but do not change who is speaking.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Tuple

from akhbar.transforms.quotes_lexicon import (all_tokens, bare, cue_kind, fold, sections, strip_conj, token_list, tokens,
                                              verbs)
from akhbar.transforms.quotes_speaker import (
    Speaker, Tok, _apposition, _clean, _definite, _is_given, _is_head, _is_stop, _names_thing, _quoted_name, _root, name_of,
    phrase, subject_after,
)
from akhbar.transforms.quotes_spans import sentence_start

_BOUNDARY = re.compile(r"[.!؟?\n]")
_PARTICLES = {"قد", "فقد", "لقد", "كما", "ثم", "كان", "كانت"}
_CONTINUE = {"اضاف", "اضافت", "تابع", "تابعت", "استطرد", "اردف", "اردفت", "ختم", "ختمت"}
_REPORTED = {"نقل", "نقلت", "نقلا", "ينقل", "تنقل"}
_SOURCE_LEAD = {"ما", "حسبما"}
_CLAUSE_LEAD = {"كان", "كانت", "فيما", "بينما", "لكن", "ثم", "اما", "قد", "كما", "حين", "فقد", "لقد"}
_STATEMENTS = {"بيان", "البيان", "تقرير", "التقرير", "رساله", "الرساله", "تغريده", "بيانها", "بيانه",
               "تصريح", "تصريحات", "كلمه", "خطاب", "مقال", "افتتاحيه"}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    speaker: Optional[str]  # the name it refers to, resolved
    source: bool  # a source attribution (بحسب X), weaker than a reporting verb


def _inside(pos: int, spans: List[Tuple[int, int]]) -> bool:
    """Whether ``pos`` lies within a quotation (spans are sorted and disjoint)."""
    k = bisect_right(spans, (pos, len(spans) + 10**9)) - 1
    return k >= 0 and spans[k][0] <= pos <= spans[k][1]


def _limit(text: str, pos: int, spans: List[Tuple[int, int]]) -> int:
    """Where a speaker phrase after ``pos`` must end: the end of the paragraph (the phrase reader stops
    at quotation marks itself, except around a short quoted name inside the phrase)."""
    nl = text.find("\n", pos)
    return nl if nl >= 0 else len(text)


def _before(text: str, s: int, spans: List[Tuple[int, int]]) -> Optional[Speaker]:
    """The subject before a verb with no conjunction: «لكن الرئيس الأمريكي نفى»."""
    start = sentence_start(text, s, spans)
    lead = list(tokens(text, start, s))
    if len(lead) > 2 and strip_conj(bare(lead[0][0])) in ("كان", "كانت") and bare(lead[-1][0]) == "قد":
        # «وكان كين، 24 عاما، قد صرح»: the subject follows كان.
        subject: List[Tok] = []
        for t in lead[1:]:
            if _is_stop(t[0]):
                break
            subject.append(t)
        if subject:
            return name_of(text, subject)
    for sep in "،,:؛":
        j = text.rfind(sep, start, s)
        if j >= 0 and not _inside(j, spans):
            start = max(start, j + 1)
    toks = list(tokens(text, start, s))
    while toks and strip_conj(bare(toks[0][0])) in _CLAUSE_LEAD:
        toks = toks[1:]
    while toks and bare(toks[-1][0]) == "قد":
        toks = toks[:-1]
    words = [t for t in toks if t[0] not in "\"«»“”"]
    if not words or len(words) > 6:
        return None
    first = bare(words[0][0])
    if not first or (first[0] in "وف" and not _is_head(first)):  # a token of marks only has no letters
        return None
    if any(_is_stop(t[0]) for t in words):
        return None
    return name_of(text, toks)


_THAT = {"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"}  # «قالت إن الشركة لا تتوقع»: reported content
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي", "والذي", "والتي"}


def _relative(text: str, s: int, spans: List[Tuple[int, int]]) -> bool:
    """A cue inside a relative clause («البيان الذي صدر إثر اجتماع دعا إليه ...») or inside reported
    content («قالت إن الشركة لا تتوقع»): not the main verb."""
    lo = max(sentence_start(text, s, spans), text.rfind("،", 0, s) + 1)
    words = [bare(t[0]) for t in tokens(text, max(lo, s - 120), s) if not _inside(t[1], spans)][-10:]
    return any(w in _RELATIVES or w in _THAT for w in words)


def _topic(text: str, s: int, spans: List[Tuple[int, int]]) -> Optional[Speaker]:
    """«أما شيروان بري، أحد رؤساء الهلال الأحمر ... فقال»: the topic after أما is the subject."""
    lead = list(tokens(text, sentence_start(text, s, spans), s))
    if not lead or strip_conj(bare(lead[0][0])) != "اما":
        return None
    subject: List[Tok] = []
    for t in lead[1:]:
        if _is_stop(t[0]):
            break
        subject.append(t)
    return name_of(text, subject) if subject else None


def _statement_source(text: str, e: int, limit: int) -> Optional[Speaker]:
    """«وجاء في بيان لوزارة الخارجية ...» / «جاء في بيان الوزارة»: the issuer of the statement."""
    toks = list(tokens(text, e, limit))[:4]
    if len(toks) < 3 or bare(toks[0][0]) != "في" or bare(toks[1][0]) not in _STATEMENTS:
        return None
    tok, s, _ = toks[2]
    b = bare(tok)
    if b.startswith("ل") and not b.startswith("لل") and len(b) > 3:
        return subject_after(text, s + 1, limit)
    if _definite(b) and not b.startswith("لل"):
        return subject_after(text, s, limit)
    return None


def _antecedent(text: str, who: Speaker, pos: int, memory: List[Speaker]) -> str:
    """A role phrase or bare definite noun resolved to a name met before, else the phrase itself."""
    words = who.name.split()
    if who.title or not words:
        return who.name
    head = _root(bare(words[0]))
    naming = sections("quote_naming.txt").get("naming", frozenset())
    if not (who.role_only or (len(words) == 1 and _definite(bare(words[0])) and head in naming)):
        return who.name
    role = {_root(bare(w)) for w in words}
    for m in reversed(memory):
        if m.title and role <= {_root(bare(w)) for w in m.title.split()}:
            return m.name
    # Nearest earlier «صحيفة "ذي غارديان"» / «للكاتب عماد شقور» in the text.
    prev = token_list(text, 0, pos)
    for k in range(len(prev) - 1, -1, -1):
        b = bare(prev[k][0])
        if not b.endswith(head):
            continue  # the steps below only cut b's front, so its root could not be head
        for p in ("و", "ل", "ب"):
            if b.startswith(p + "ال") or b.startswith(p + head):
                b = b[1:]
        if _root(b) != head or prev[k][1] >= who.start:
            continue
        if _is_head(head):  # «رئيس مجلس إدارة شبكة "سي بي اس نيوز" ليسلي مونفس»
            met = name_of(text, phrase(text, prev[k][1], who.start))
            if met is not None and met.title and role <= {_root(bare(w)) for w in met.title.split()} \
                    and not any(_names_thing(bare(w)) and not _is_head(bare(w)) for w in met.name.split()):
                return met.name
            continue
        q = _quoted_name(text, prev[k][2], len(text))
        if q is not None:
            return _clean(q[0])
        name = []
        for tok, s, e in tokens(text, prev[k][2], min(len(text), prev[k][2] + 60)):
            if _is_stop(tok) or _definite(bare(tok)) or len(name) >= 3:
                break
            name.append(tok)
        if name:
            return " ".join(name)
    return who.name


def _run(toks: List[Tok], k: int) -> List[Tok]:
    out: List[Tok] = []
    for t in toks[k:k + 10]:
        if _is_stop(t[0]):
            break
        out.append(t)
    return out


def _sentence_starts(text: str, spans: List[Tuple[int, int]]) -> List[int]:
    """0 and every position after . ! ؟ or a line break outside quotations."""
    out = [0]
    for m in _BOUNDARY.finditer(text):
        if not _inside(m.start(), spans):
            out.append(m.end())
    return out


def _outside_tokens(text: str, spans: List[Tuple[int, int]]) -> Tuple[List[Tok], List[int]]:
    """The field's tokens that start outside every quotation (``_inside`` false), and their starts: the
    token list with each span's tokens sliced out."""
    toks, starts, _ = all_tokens(text)
    out: List[Tok] = []
    out_starts: List[int] = []
    i = 0
    for a, b in spans:
        j = bisect_left(starts, a, i)
        out += toks[i:j]
        out_starts += starts[i:j]
        i = max(j, bisect_right(starts, b, i))
    out += toks[i:]
    out_starts += starts[i:]
    return out, out_starts


def _first_tokens(text: str, pos: int, spans: List[Tuple[int, int]], n: int, outside: List[Tok],
                  starts: List[int]) -> List[Tok]:
    """The first n tokens from ``pos`` that lie outside quotations; ``outside`` holds the field's tokens
    outside quotations, ``starts`` their starts (made once per field by ``mentions``)."""
    toks, _, ends = all_tokens(text)
    i = bisect_right(ends, pos)
    if i == len(toks):
        return []
    tok, s, e = toks[i]
    if s < pos:  # pos inside a word: the rest of it is the first token
        tok, s = text[pos:e], pos
    out = [] if _inside(s, spans) else [(tok, s, e)]
    k = bisect_left(starts, e)
    return out + outside[k:k + n - len(out)]


def mentions(text: str, spans: List[Tuple[int, int]]) -> List[Tuple[int, str]]:
    """People introduced as a sentence's subject: «رصدت سالي باين، مديرة ...»,
    «ووجهت المحققة كارولين كورفيلد نداء», «وكان مسعود البارزاني زعيم الحزب ...» -> (position, name).

    A later pronoun cue («وقالت:») refers to such a person when no one was named as speaker since.
    """
    out: List[Tuple[int, str]] = []
    outside, starts = _outside_tokens(text, spans)
    for p in _sentence_starts(text, spans):
        toks = _first_tokens(text, p, spans, 18, outside, starts)
        k = 0
        kana = False
        while k < len(toks) - 2 and strip_conj(bare(toks[k][0])) in _PARTICLES:
            kana = strip_conj(bare(toks[k][0])) in ("كان", "كانت")
            k += 1  # «فقد استخدم الملك ...»
        if k >= len(toks) - 2 or (_is_head(bare(toks[k][0])) and not kana):
            continue
        j = k if kana else k + 1  # skip the sentence's verb («وكان مسعود البارزاني ...» has none)
        if _is_head(bare(toks[j][0])):
            run = _run(toks, j)
            who = name_of(text, run)
            if who is not None and who.role_only and run:
                # «وتدخل الأمين العام للأمم المتحدة، أنطونيو غوتيريس، قائلا»
                app = _apposition(text, run[-1][2], len(text))
                if app is not None:
                    out.append((toks[j][1], app.name))
                    continue
            if who is not None and who.title:
                words = who.name.split()
                if len(words) > 2 and not {"بن", "ابن", "آل", "ال", "ابو", "أبو", "عبد"} & set(words):
                    words = words[:2]  # «المحققة كارولين كورفيلد نداء مباشرا»: the name, not the object
                out.append((toks[j][1], " ".join(words)))
            continue
        name: List[Tok] = []
        while j < len(toks) and len(name) < 3 and not _is_stop(toks[j][0]) and not _is_head(bare(toks[j][0])):
            if not name and _definite(bare(toks[j][0])):
                break
            name.append(toks[j])
            j += 1
        if not name or j >= len(toks) - 1:
            continue
        nxt = toks[j][0]
        after = bare(toks[j + 1][0])
        bare_head = _is_head(bare(nxt)) and _is_given(name[0][0])  # «وكان مسعود البارزاني زعيم الحزب»
        if bare_head or (nxt in "،," and (_is_head(after) or (_definite(after) and not _is_stop(after)))):
            out.append((name[0][1], _clean(text[name[0][1]:name[-1][2]])))
    return out


def find_cues(text: str, spans: List[Tuple[int, int]]) -> List[Cue]:
    """Every reporting cue outside quotations, in text order, with its resolved speaker."""
    out: List[Cue] = []
    last: Optional[str] = None
    last_pos = -1
    memory: List[Speaker] = []
    people: Optional[List[Tuple[int, str]]] = None
    verb_forms = verbs().get("verb", frozenset())
    for m in _cue_pattern().finditer(fold(text)):
        s, e = m.start(), m.end()
        tok = text[s:e]
        if _inside(s, spans):
            continue
        b = bare(tok)
        before = list(tokens(text, max(0, s - 40), s))
        prev_bare = bare(before[-1][0]) if before and before[-1][2] <= s else ""
        kind = cue_kind(tok)
        statement = None
        if not kind and strip_conj(b) == "جاء":
            statement = _statement_source(text, e, _limit(text, e, spans))
            kind = "verb" if statement is not None else ""
        if not kind:
            continue
        if kind == "verb_obj":  # «تصريحات نقلتها وسائل الإعلام»: weak, often inside a relative clause
            kind, weak = "verb", True
        else:
            weak = False
        source = weak or kind == "source" or prev_bare in _SOURCE_LEAD or _relative(text, s, spans)
        who: Optional[Speaker] = statement
        if who is None and kind == "verb":
            if b in verb_forms and not b.startswith(("و", "ف")):
                who = _before(text, s, spans)
            elif b.startswith("ف") and b[1:] in verb_forms:
                who = _topic(text, s, spans)
            if who is None:
                who = subject_after(text, e, _limit(text, e, spans), reported=strip_conj(b) in _REPORTED)
        elif kind == "source":
            who = subject_after(text, e, _limit(text, e, spans), reported=True)
        if who is not None and who.role_only and last and strip_conj(b) in _CONTINUE:
            who = None  # «وأضاف اللاعب البالغ 37 عاما:» continues the last speaker
        if who is not None:
            name = _antecedent(text, who, s, memory)
            if name == who.name and who.role_only and last is None:
                # «وقال الجراح السابق» before anyone spoke: the person the article introduced
                if people is None:
                    people = mentions(text, spans)
                earlier = [m for m in people if m[0] < s]
                if earlier:
                    name = earlier[-1][1]
            if not source:
                last, last_pos = name, s
                memory.append(who)
        else:
            name = last
            if people is None:
                people = mentions(text, spans)
            recent = [m for m in people if last_pos < m[0] < s]
            if recent:
                name = recent[-1][1]
        out.append(Cue(s, e, name, source))
    return out


_MARK = "[\u064B-\u0652\u0670\u0640]*"


def _trie(words) -> str:
    """The words as a letter trie (re tries a flat alternation's words one by one at each word start; a
    trie reads each letter once). Longer words are tried first, as in a longest-first alternation, and a
    failed longer reading backs off to the shorter one."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + _MARK + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root)


@lru_cache(maxsize=None)
def _cue_pattern() -> "re.Pattern[str]":
    """Every cue form of quote_verbs.txt (and جاء) as one regex over the folded text, so that only
    candidate words are looked at; diacritics and tatweel may sit after any letter."""
    return re.compile(_cue_regex(_trie(cue_forms())))


def cue_forms() -> set:
    forms = set()
    for kind in ("verb", "participle", "source"):
        forms |= set(verbs().get(kind, ()))
    forms.add("جاء")
    return forms


def _cue_regex(words: str) -> str:
    """The cue regex around ``words`` (a regex of the cue forms): clitics before, pronouns after."""
    suffix = "(?:" + "|".join("".join(c + _MARK for c in x) for x in ("ها", "هم", "ه")) + ")?"
    return (r"(?<![^\W\d_])(?<![\u064B-\u0652\u0670\u0640])(?:[وف]" + _MARK + r"|ل(?=[يت]))?(?:" + words + ")"
            + suffix + r"(?![^\W\d_])")
