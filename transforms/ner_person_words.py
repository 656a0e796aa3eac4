"""Per-word answers of the person rules, kept for the process.

Some questions the person rules ask (can this word open a title? is it a verb of saying?) depend on the
word alone, and a run asks them of the same few thousand words millions of times.
"""
from __future__ import annotations

from typing import Callable, Dict, List

from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import SAYING_VERBS
from akhbar.transforms.ner_tokens import _nationality_stem, is_nationality

_LIMIT = 200_000  # words per cache; cleared when full, so memory stays bounded on any run


class WordCache:
    """``answer(view, i)`` remembered by the token's normalized form."""

    def __init__(self, answer: Callable):
        self._answer = answer
        self._seen: Dict[str, object] = {}

    def __call__(self, v, i: int):
        norm = v.toks[i].norm
        found = self._seen.get(norm)
        if found is None:
            found = self._answer(v, i)
            if len(self._seen) > _LIMIT:
                self._seen.clear()
            self._seen[norm] = found
        return found

    def per_token(self, v) -> List:
        """The answer for every token of ``v``: one look-up per token, the rule only for words not seen yet
        (the answers are never None)."""
        seen = self._seen
        out = [seen.get(t.norm) for t in v.toks]
        if None in out:
            for i, found in enumerate(out):
                if found is None:
                    out[i] = self(v, i)
        return out


def _is_saying_at(v, i: int) -> bool:
    if v.norm(i) in SAYING_VERBS:
        return True
    pre, stem = v.split(i, SAYING_VERBS)
    return bool(pre) and pre in ("و", "ف") and stem in SAYING_VERBS


SCORED_IT = frozenset(key(w) for w in ("سجله", "سجلها", "أحرزه", "أحرزها", "وسجله", "وأحرزه"))
SCORED = frozenset(key(w) for w in ("سجل", "وسجل", "أحرز", "وأحرز"))
SCORE_VERBS = SCORED_IT | SCORED

#: Bits of a word's facts: it may open a title phrase (its stem after the article or a proclitic is a
#: title head); it is a verb of saying (قال، وقال، فأكد ...), what a name after it is the subject of; a
#: frame for an unknown name may open after it (a verb of saying, a scoring verb, or a nationality as
#: ``ner_tokens.nationality_opens_name`` reads it).
HEAD, SAYING, FRAME = 1, 2, 4


def _bits_at(v, i: int) -> int:
    heads = v.lex.title_heads
    bits = HEAD if v.art(i)[1] in heads or v.split(i, heads)[0] else 0
    if _is_saying_at(v, i):
        return bits | SAYING | FRAME
    norm = v.norm(i)
    if norm in SCORE_VERBS or norm in RANK_WORDS or is_nationality(_nationality_stem(norm)) or pronoun_stem(v, norm):
        bits |= FRAME
    return bits


#: A player's world ranking before the name: «المصنف 43 عالميا راينر شوتلر».
RANK_WORDS = frozenset(key(w) for w in ("عالميا", "عالمياً"))

#: Attached pronouns after which a name may follow a word of kinship or fellowship («زميله سام هيبيا»،
#: «مواطنه كرم جابر»، «شقيقها رالف»); a corpus that splits clitics writes them apart («زميل ه»).
PRONOUNS = ("ه", "ها", "هم", "هما")
#: Nouns of kinship and fellowship: with a pronoun they are followed by the person's name (apposition).
RELATIONS = frozenset(key(w) for w in (
    "زميل", "زميلة", "مواطن", "مواطنة", "شقيق", "شقيقة", "زوج", "زوجة", "ابن", "ابنة", "نجل", "نجلة", "والد",
    "والدة", "صديق", "صديقة", "خطيب", "خطيبة", "توأم", "قريب", "قريبة", "عم", "عمة", "خال", "خالة", "جد", "جدة",
    "حفيد", "حفيدة", "مدرب", "مدربة", "مساعد", "مساعدة", "منافس", "منافسة", "غريم", "أخ", "أخت", "ابنته", "لاعب",
    "لاعبة", "مواطنته"))


def pronoun_stem(v, norm: str) -> bool:
    """Is ``norm`` a noun of kinship or fellowship with an attached pronoun (زميله، مواطنتها، لشقيقه), or a
    pronoun written apart (then ``ner_person_frames`` checks the noun before it)?"""
    if norm in PRONOUNS:
        return True
    for suffix in PRONOUNS:
        if norm.endswith(suffix) and len(norm) > len(suffix) + 1:
            stem = norm[:-len(suffix)]
            if stem in RELATIONS or (stem[0] in "لبو" and stem[1:] in RELATIONS):
                return True
            if stem.endswith("ت") and (stem[:-1] + "ة" in RELATIONS or stem[1:-1] + "ة" in RELATIONS):
                return True  # زميلتها، مواطنته: ة is written ت before a pronoun
    return False


#: The three facts in one table (one entry per word, not one per fact: the caches are most of what a
#: worker's memory grows by over a run).
word_bits = WordCache(_bits_at)


def is_saying(v, i: int) -> bool:
    """Is token i a verb of saying (قال، وقال، فأكد ...)?"""
    return bool(word_bits(v, i) & SAYING)
