"""Unknown words as a name right after a nationality adjective («الروسي كافلنيكوف»، «الصربي يانكو
تيبساروفيتش»), and the word tests the frames share (is it a name we do not know, or a clitic on a word).

Split out of ner_person_frames.py (recall9), which had reached its 400 lines.
"""
from __future__ import annotations

from typing import Set

from akhbar.transforms.ner_lexicon import OFFICE_NOUNS
from akhbar.transforms.ner_model import spelling_logit
from akhbar.transforms.ner_person_core import _match_title
from akhbar.transforms.ner_person_shape import verb_or_pronoun
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality

def _unknown_name_word(v: View, i: int, stem: str) -> bool:
    """Could ``stem`` (token i without its proclitic) be a name we do not know: no ordinary, function,
    title, organization or place word (also with the article: تعاون، كبار), no feminine or plural ending,
    no attached pronoun and no verb shape."""
    lex = v.lex
    if len(stem) < 3 or not stem.isalpha() or stem.endswith(("ة", "ات", "ها", "هم", "هما", "نا")) \
            or is_article_word(stem) or i in v.place_tokens:
        return False
    if stem in lex.common_words or "ال" + stem in lex.common_words or v.norm(i) in lex.common_words \
            or stem in lex.stopwords or stem in lex.not_names or stem in OFFICE_NOUNS \
            or stem in lex.title_heads or "ال" + stem in lex.title_heads or stem in lex.org_triggers \
            or v.is_stop(i) or v.is_trigger(i) or _match_title(v, i):
        return False
    if stem[0] == "ي" and len(stem) <= 6 or stem[:2] in ("سي", "ست", "سن"):
        return False  # imperfect and future verbs (يقول، سيزور)
    if stem[0] in "بلك" and (stem[1:] in lex.common_words or is_article_word(stem[1:])):
        return False  # a preposition on a noun: «وبعرض»، «وبالتالي»
    return not verb_or_pronoun(v, i, stem)


def _clitic_on_word(v: View, norm: str) -> bool:
    """Is ``norm`` و/ف/ل on an ordinary word (not a name that starts with that letter: فيشر، لافروف)?"""
    if norm[0] not in "وفل" or len(norm) <= 3:
        return False
    stem = norm[1:]
    return stem in v.lex.common_words or stem in v.lex.stopwords or is_article_word(stem) \
        or norm in v.lex.common_words


def _clitic_after_nationality(v: View, norm: str) -> bool:
    """After a nationality, does the word start with و (a conjunction: «الأمريكي وقال») or carry ف/ل/ب on an
    ordinary word («السوري لحقوق»، «الفرنسي بالانسحاب»)? Foreign names starting with those letters are
    not clitics: «الإنجليزية فيكي بونرايت»، «الروسي لافروف»، «البرازيلي باولو»."""
    if norm[0] == "و":
        return True
    if norm[0] not in "فلب":
        return False
    stem = norm[1:]
    return _clitic_on_word(v, norm) or stem in v.lex.common_words or is_article_word(stem) \
        or stem in v.lex.stopwords or len(stem) < 3 or norm.startswith("لاي") \
        or (stem.endswith("ه") and stem[:-1] in v.lex.common_words)  # «باهتمامه»، «لايتجاوز»


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


def _verb_shaped_pair(v: View, i: int, blocked: Set[int]) -> int:
    """End of «الصربي يانكو تيبساروفيتش»، «للفرنسية فيرجيني ديبانت»، «الوفد الأمريكي أليسون هوكر» after a nationality,
    or 0: a first word refused only for its shape (ي of the imperfect, ف on a frequent word, a verb's ending; not
    ل/ب/و, a preposition or conjunction: «الرئيس الفرنسي لترامب باهتمام») that has a name's spelling, then an
    unknown name word, then punctuation, a function word, a number (a score) or a title («مدرب بايرن»)."""
    norm = v.norm(i)
    if norm[0] in "لبو" or len(norm) < 4 or not norm.isalpha() or i + 1 >= len(v.toks) or v.breaks[i + 1] \
            or i in v.place_tokens or i + 1 in blocked or norm in v.lex.common_words or v.is_stop(i) \
            or v.is_first_name(i) is not None or v.is_trigger(i) or _match_title(v, i):
        return 0
    if not _unknown_name_word(v, i + 1, v.norm(i + 1)) or spelling_logit(norm) < 0:
        return 0
    end = i + 2
    if end < len(v.toks) and not (v.breaks[end] or v.is_stop(end) or v.norm(end).isdigit() or _match_title(v, end)):
        return 0
    return end
