"""Names made of words we do not know, found by their frame: after a verb of saying, before a title, after a
nationality, before an age or a photo position in parentheses.

Split out of ner_person.py (one idea: the context that makes unknown words a name).
"""
from __future__ import annotations

from typing import Set

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import OFFICE_NOUNS, SAYING_VERBS
from akhbar.transforms.ner_person_core import _extend, _match_title, _name_like, _trim_blocked
from akhbar.transforms.ner_person_words import is_saying as _is_saying
from akhbar.transforms.ner_tokens import NAT_OPENS, View, is_article_word, is_nationality, nationality_opens_name

_AGE_WORDS = frozenset(key(w) for w in ("عاما", "عاماً", "سنة", "عام", "سنوات"))
_CAPTION_WORDS = frozenset(key(w) for w in ("يمين", "يسار", "وسط", "الوسط", "اليمين", "اليسار"))


def _name_before_age(v: View, i: int, blocked: Set[int]) -> int:
    """«رونالدو (21 عاما)»، «سولانا (يمين)»: a name before an age or a photo position in parentheses."""
    toks = v.toks
    text = v.ft.original
    if "(" not in text:
        return 0
    for end in (i + 1, i + 2):
        if end >= len(toks) or "(" not in text[toks[end - 1].end:toks[end].start]:
            continue
        inside = v.norm(end)
        ok = inside in _CAPTION_WORDS or (inside.isdigit() and end + 1 < len(toks)
                                          and v.norm(end + 1) in _AGE_WORDS)
        if not ok or any(k in blocked or not _name_like(v, k, k == i) or is_article_word(v.norm(k))
                         for k in range(i, end)):
            return 0
        if i > 0 and not v.breaks[i] and _name_like(v, i - 1, False) and not v.is_stop(i - 1):
            return 0  # the name may start earlier; leave it to the other rules
        return end
    return 0


def _article_surname_after_saying(v: View, i: int) -> bool:
    """«قال الأعرجي إن»: a definite family name (ending in ي) alone between a verb of saying and إن."""
    norm = v.norm(i)
    if not (is_article_word(norm) and norm.endswith("ي")) or i == 0 or v.breaks[i]:
        return False
    t = v.toks[i]
    if v.ft.original[t.start:t.end].rstrip("\u064b\u064e\u064f\u0650\u0651\u0652").endswith("\u0649"):
        return False  # المستشفى: written with ى, a noun, not a family name in ي
    if not _is_saying(v, i - 1) or i in v.place_tokens or v.is_stop(i) or v.is_trigger(i):
        return False
    if _match_title(v, i) or norm[2:] in v.lex.not_names or norm in OFFICE_NOUNS:
        return False
    nxt = i + 1
    return nxt >= len(v.toks) or v.breaks[nxt] or v.norm(nxt) in ("ان", "انه", "انها", "لـ")


def _unknown_name(v: View, i: int, blocked: Set[int]) -> int:
    """End of a name made of words we do not know, found by its frame, or 0.

    Two frames: after a verb of saying and before a function word or punctuation («وقال شيراك إن»),
    and right before a title («فوزي صلوخ وزير الخارجية»).
    """
    toks = v.toks
    if i in blocked:
        return 0
    saying = i > 0 and not v.breaks[i] and _is_saying(v, i - 1)
    nat = 0 if saying else nationality_opens_name(v, i)
    if nat:
        pre = v.is_first_name(i)
        if _name_like(v, i, True) and not is_article_word(v.norm(i)) and not v.is_stop(i) \
                and (pre is None or pre == "") and v.norm(i)[0] not in "وفلب":
            end = min(_trim_blocked(_extend(v, i, max_unknown=2), i, blocked), i + 3)
            if nat == NAT_OPENS or _person_after_nationality(v, i, end):
                return end
        return 0
    if not saying and not any(v.title_starts[i + 1:i + 4]):
        return _name_before_age(v, i, blocked)
    if _article_surname_after_saying(v, i):
        return i + 1
    if not _name_like(v, i, True):
        return 0
    pre = v.is_first_name(i)
    if pre is not None and v.norm(i)[len(pre):] not in v.lex.weak_first_names:
        return 0
    if _clitic_on_word(v, v.norm(i)):
        return 0  # «وطرح اسم المدرب»، «قال لصحيفة»: a conjunction or preposition on a verb or noun
    if v.norm(i) in SAYING_VERBS:
        return 0
    end = _trim_blocked(_extend(v, i, max_unknown=2), i, blocked)
    end = min(end, i + 3)
    if end == i + 1 and v.norm(i).endswith("ة") and pre is None:
        return 0  # «كتب رواية»: one unknown feminine noun after the verb is its object
    after_title = end < len(toks) and not v.breaks[end] and _match_title(v, end)
    if after_title and end - i >= 2 and (v.breaks[i] or i == 0 or v.is_stop(i - 1) or saying):
        return end
    if saying:
        if end >= len(toks) or v.breaks[end] or v.is_stop(end) or after_title:
            return end
    return 0


def _clitic_on_word(v: View, norm: str) -> bool:
    """Is ``norm`` و/ف/ل on an ordinary word (not a name that starts with that letter: فيشر، لافروف)?"""
    if norm[0] not in "وفل" or len(norm) <= 3:
        return False
    stem = norm[1:]
    return stem in v.lex.common_words or stem in v.lex.stopwords or is_article_word(stem) \
        or norm in v.lex.common_words


def _person_after_nationality(v: View, i: int, end: int) -> bool:
    """Unknown words [i, end) after «noun + nationality»: a name when the noun is a title or role
    («الدبلوماسي السريلانكي جاينثا دانابالا») or when two name-like words stand there
    («وأكد الاسكتلندي أليكس فيرجسون»); one unknown word after another noun is mostly a verb or noun
    («الحكومة اليابانية عزمها»، «قانون العقوبات اللبناني تنص»). Never after a plural nationality
    («الوفد الكوري الجنوبي ضم مسؤولين»، «الموسيقيين البريطانيين مدينون») or an organization noun
    («الجيش الإسرائيلي سلم خرائط») unless a title comes just before it."""
    nat = v.norm(i - 1)
    if nat.endswith(("يين", "يون")):
        return False
    k = i - 2
    if k > 0 and is_nationality(v.norm(k)) and not v.breaks[k + 1]:
        k -= 1  # «الكوري الجنوبي»: the noun is before both adjectives
    if v.is_trigger(k) and not any(v.title_starts[max(k - 3, 0):k]):
        return False  # but «رئيس الحكومة الإسبانية خوسيه لويس ثاباتيرو»: the organization completes a title
    return end - i >= 2 or _match_title(v, k) > 0
