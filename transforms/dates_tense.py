"""The tense of the clause around a date written without its direction.

Why: news names the weekday of what happened and of what is planned alike ("قتل شاب السبت" against
"تنطلق القمة السبت"), and writes months without a year in retrospective text ("وفي أواخر حزيران، طلب
القضاة" written in April is last June). The verb that governs the expression tells which. The rule is one
scan, nearest word first (``tense``):

1. A sentence that opens with كان/كانت (وكانت الهيئة قررت ...) is background: past. Else walk back from
   the expression to the start of its sentence (at most 300 characters). The first word that tells a
   tense decides:
   - ahead (+1): a future word (سوف، المقرر، من المتوقع، توقعت، اعتبارا من, date_words.tsv
     "future" and date_tense.tsv "future"), a future verb (س + ي/ت/ن: سيعقد), قد/لن + a listed present
     verb, a listed present verb of a scheduled event (يعقد، تنطلق، يصل، يلتقي);
   - past (-1): كان/كانت, أمس, منذ, عقب/إثر, a perfect verb (listed: قال، أعلن، وقع; or ending
     in ت or وا: أعلنت، قالوا), a present verb after لم, كان or قبل/بعد أن;
   - no verdict (0): any other present verb (يقول، ترى، يرفع، يتضاءل): a state, a habit or what is said
     now, it tells nothing of the day;
   - a past verb of calling, agreeing or deciding (دعت، اتفقتا، قرر) with a purpose phrase between it and
     the expression (للتظاهر الثلاثاء، على إجراء محادثات الأربعاء) is ahead: the weekday dates the plan.
2. When nothing before it decided, the first tense word among the next four after it decides (the
   expression opens its clause: والجمعة، يلتقي ...; أما السبت فتنظم ...; وفي محادثات الأربعاء سترسل).

Only words are read (no parser); the cost is a split of one sentence, about 20 µs per expression.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import Dict, List, Optional, Tuple

from akhbar.transforms.dates_lexicon import key, lexicon

_SENTENCE_END = re.compile(r"[.!?؟](?!\S)|[\n؛]")  # a dot inside a word (دي.زد، 2.5) ends nothing
_PUNCT = "\"'«»()[]،,.:;؛!?؟-–…"
_PARTICLES = {"ان", "انه", "انها", "انهم", "التي", "الذي", "الذين", "حيث", "كما", "بينما", "فيما", "عندما",
              "ثم", "حين", "اذ", "لكن", "لكنه", "لكنها"}
# The noun of a planned act after a verb of calling or agreeing: للتظاهر، على إجراء محادثات، لعقد قمة.
_PURPOSE = {"اجراء", "لاجراء", "عقد", "لعقد", "تنظيم", "لتنظيم", "لبحث", "لمناقشه", "استئناف", "لاستئناف",
            "لبدء", "بدء"}
AHEAD, PAST, NONE = 1, -1, 0
_SAY, _PLAN = "say", "plan"


@lru_cache(maxsize=1)
def _classes() -> Tuple[Dict[str, str], set, tuple, set]:
    raw = (files("akhbar.transforms") / "data" / "date_tense.tsv").read_text(encoding="utf-8")
    classes = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            word, cls = line.split("\t")
            classes[key(word)] = cls
    lx = lexicon()
    future = set(lx.role("future"))
    notverb = lx.role("notverb")
    prefixes = tuple(k for k, v in notverb.items() if v == "prefix")
    exact = {k for k, v in notverb.items() if v == "word"}
    return classes, future, prefixes, exact


def _kind(word: str, previous: str, following: str = "") -> Optional[str]:
    """The tense class of one folded word: future, past, perfect, imperfect, say, plan, noun or None."""
    classes, future, prefixes, exact = _classes()
    if word in future:
        return "future"
    cls = classes.get(word)
    conj = word[:1] in ("و", "ف") and len(word) > 3
    if cls is None and conj:
        cls = classes.get(word[1:])  # فتنظم، وقال
    if cls is not None:
        return cls
    conj = word[:1] == "و" and len(word) > 3  # ف starts too many names (فيليب) to be peeled blindly
    bare = word[1:] if conj else word
    if len(bare) < 3 or bare.startswith("ال"):
        return None
    if len(bare) == 3:  # حضت، ردت: a doubled verb with its ت; هيت، كيت (names) have a vowel inside
        if bare[0] == "ي":
            return _SAY  # يكن، يعد: so that لم يكن reads as past
        return "perfect" if bare[2] == "ت" and bare[1] not in "اوي" else None
    # س + ي/ت/ن + stem. Names also start so (سترجيس، ستالين، سيلفا، سيمون): listed in date_words.tsv
    # "notverb"; else the word must open its clause (وسيفقد) or follow a particle (أن سيزور، التي سيعقد). A plural in ات (سندات، سياسات) is no verb.
    # They may also follow a name (دي مستورا سيعقدان، كيم جونغ أون ستعقد) when no long vowel or ر comes
    # third (ستيفن، سترجيس) and no س-word stands next to them (سيفنتي سيكسرز is a name of two words).
    loose = (len(bare) >= 5 and bare[2] not in "ايرو" and not previous.startswith("س")
             and not following.startswith("س"))
    if (bare[0] == "س" and bare[1] in "يتن" and bare not in exact and not bare.startswith(prefixes)
            and not bare.endswith("ات") and (conj or not previous or previous in _PARTICLES or loose)):
        return "future"
    if bare[0] == "ي":
        return _SAY  # a present verb not listed (يرفع، يتضاءل): too often a state or a habit to tell
    if (bare.endswith("ت") and not bare.endswith("ات")) or (bare.endswith("وا") and bare[0] != "ت"):
        return "perfect"
    return None


_NOT_A_WORD = re.compile(r"[^\u0621-\u064a]")


def _words(text: str) -> List[str]:
    """Folded words; a token with a digit, a dot or a Latin letter inside (سي.إن.بي.سي، تيانقونغ-1) is kept
    as an empty word: it is no verb, but it still counts as a word between the verb and the expression."""
    out = []
    for raw in text.split():
        word = key(raw).strip(_PUNCT)
        if word:
            out.append("" if _NOT_A_WORD.search(word) else word)
    return out


def _verdict(words: List[str], i: int, cls: str, between: List[str]) -> Optional[int]:
    """Tense of ``words[i]`` of class ``cls``; ``between`` are the words from it to the expression."""
    before = [w.lstrip("و") for w in words[max(0, i - 2):i]]
    if cls == "future":
        return PAST if any(w in ("كان", "كانت") for w in before) else AHEAD  # وكان من المقرر: past plan
    if cls in ("past", "perfect"):
        return PAST
    if cls == _PLAN:
        return AHEAD if any(w in _PURPOSE or w.startswith("لل") for w in between) else PAST
    if cls in ("imperfect", _SAY):
        if before and before[-1] in ("لم", "لما"):
            return PAST
        if before and before[-1] in ("قد", "لن"):
            return AHEAD  # قد يصدر: may yet happen (قد صدر, a perfect, is past)
        if any(w in ("كان", "كانت", "كانوا") for w in before):
            return PAST  # كان يعقد: a habit of the past
        if before[-2:] in (["قبل", "ان"], ["بعد", "ان"]):
            return PAST  # قبل أن تعود مساء الأربعاء: a step of a past story
        return AHEAD if cls == "imperfect" else NONE
    return None  # noun


def tense(norm: str, start: int, end: int, strict: bool = False) -> int:
    """+1 when the clause around ``norm[start:end]`` speaks of what lies ahead, -1 of the past, else 0.

    ``strict`` (months and days without a year) trusts only future words and verbs, past words and perfect
    verbs: "لتنفيذ إعلان قمة 27 أبريل" is a present verb before a past date."""
    begin = max(0, start - 300)
    ends = list(_SENTENCE_END.finditer(norm, begin, start))
    words = _words(norm[ends[-1].end() if ends else begin:start])
    if begin > 0 and not ends and words:
        words = words[1:]  # the window may start inside a word
    if words and words[0].lstrip("و") in ("كان", "كانت", "كانوا"):
        return PAST  # وكانت الهيئة قررت الخميس إغلاق المطار اعتبارا من ...: background, all of it past
    # قد + a perfect verb is past (قد صدر); قد + a present verb ahead (قد يصدر): read in _verdict.
    for i in range(len(words) - 1, -1, -1):
        if not words[i]:
            continue
        cls = _kind(words[i], words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "")
        if cls is None or cls == "noun":
            continue
        if strict and cls in ("imperfect", _PLAN):
            return NONE
        verdict = _verdict(words, i, cls, words[i + 1:])
        if verdict is not None:
            return verdict
    stop = _SENTENCE_END.search(norm, end, end + 80)
    after = _words(norm[end:stop.start() if stop else end + 80])[:4]
    for i, word in enumerate(after):
        if not word:
            continue
        cls = _kind(word, after[i - 1] if i else "", after[i + 1] if i + 1 < len(after) else "")
        if cls is None or cls in ("noun", _PLAN):
            continue
        if strict and cls == "imperfect":
            return NONE
        verdict = _verdict(after, i, cls, [])
        if verdict is not None:
            return verdict
    return NONE
