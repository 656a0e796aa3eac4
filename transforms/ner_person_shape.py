"""Word shapes that rule out a person's name even when nothing else does (no list can hold every verb).

Why: names with no anchor are found by their frame (after a verb of saying, before a title), and the word
in that slot is often a verb or a noun with an attached pronoun («الرئيس الأمريكي أقاله»).
"""
from __future__ import annotations

import functools

from akhbar.transforms import ner_known, ner_person_public
from akhbar.transforms.ner_lexicon import ORDINALS
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality

_PRONOUN_ENDS = ("ته", "تها", "هم", "هما", "كم")
_INFLECTIONS = ("ا", "ت", "نا", "وا", "ها")


def known_family_name(norm: str) -> bool:
    """Is a folded word a mined (ner_known) or listed (ner_person_public) family name?"""
    return norm in ner_known.surnames() or norm in ner_person_public.family_names()


def verb_or_pronoun(v: View, i: int, norm: str) -> bool:
    """Words that cannot be (part of) a name although they pass the other checks: a noun or verb carrying an
    object pronoun («المنتهية ولايته»، «الرئيس أقاله»), a first-person or future verb («سأذهب»), a derived
    imperfect (تستهدف، تتحدث), a frequent word with an ending (accusative ا، past ت/نا/وا). Known given names
    and mined family names are kept."""
    if len(norm) < 4 or v.is_first_name(i) is not None or norm in ner_known.surnames():
        return False
    if norm.endswith(_PRONOUN_ENDS) or (norm.endswith("اله") and norm[0] in "اوف") \
            or (norm.endswith("ها") and len(norm) >= 5):  # «أنجزها»، «فاجأها»، «لقرارها»
        return True
    common = v.lex.common_words
    if norm[-1] == "ه" and _frequent_with_pronoun(norm, common):
        return True  # «مهاتير محمد منعه»، «لقبوله»، «بمنصبه»: a frequent word with its pronoun
    if any(norm.endswith(suf) and norm[:-len(suf)] in common for suf in _INFLECTIONS):
        return True  # an inflected ordinary word: «برنامجاً»، «تصدرت»، «اتفقنا»، «استكشفوا»
    if norm[-1] == "ا" and "ال" + norm[:-1] in common:
        return True  # an accusative noun whose definite form is frequent: «مؤتمراً» (المؤتمر)، «زواجاً»
    if norm[0] == "ن" and len(norm) >= 4 and ("ي" + norm[1:] in common or "ت" + norm[1:] in common):
        return True  # a first-person plural imperfect: «هنا نعيش»، «نرفض» (its third person is frequent)
    if len(norm) == 4 and norm[0] == "ت" and "ال" + norm[1:] in common:
        return True  # a past verb of form V on a frequent root: «تأخر أينشتاين»، «بيونسيه تصور» (تامر is listed)
    if _plural_noun(norm, common):
        return True
    if norm[-1] == "ا" and len(norm) >= 6 and (norm.startswith(("مت", "مست"))
                                                 or (norm[0] == "ت" and norm[3] == "ي" and norm[1] not in "اوي")):
        return True  # an accusative participle or form-II verbal noun: «متقدما»، «متضامنا»، «تكريما» (not «تيريزا»)
    if len(norm) == 5 and norm[0] == "ت" and norm[3] == "ي" and norm[1] not in "اوي" and norm[2] not in "اوي":
        return True  # a form-II verbal noun تفعيل: «رفض الرئيس السوري ترسيم الحدود» (not «توفيق»، «تروير»، «تشايس»)
    if len(norm) == 5 and norm[0] == "ت" and norm[2] == "ا" and norm[1] not in "ايش" and norm[-1] not in "ياو":
        return True  # a form-VI verbal noun تفاعل: «جيمس جونز توافر الشروط»، «تبادل» (not «تشافي»، «تشانغ»، «تياغو»)
    if len(norm) == 6 and norm[0] == "ا" and norm[3] == "ا" and norm[-1] == "ا" and norm[1] not in "اوي" \
            and norm[2] not in "اوي":
        return True  # an accusative form-IV verbal noun إفعالاً: «إظهاراً»، «إعلاناً» (not «أوباما»، «أريانا»)
    if norm[0] == "ف" and len(norm) >= 5 and (norm[1:] in common or _derived_verb(norm[1:])):
        return True  # ف on a verb: «فوصف»، «فاحتسب»، «فاستقبل» (names in ف: فيرغسون، فان)
    if norm[0] == "ك" and norm[1:3] == "ال":
        # ك + the article: «كالصاعقة»; but right after a listed given name a word whose definite form is not
        # frequent and with no ة is a family name in كال («إبراهيم كالين»، «رامون كالديرون»، «دانيال كالويا»)
        return norm[1:] in common or norm.endswith("ة") or not after_given_name(v, i)
    if _derived_verb(norm):
        return True  # derived verbs and their nouns: «امتنع»، «ارتكب»، «اعتقال»، «استرجاع»
    orig = v.ft.original[v.toks[i].start:v.toks[i].end]
    if orig.startswith(("سأ", "وسأ")):
        return True
    if len(norm) == 5 and norm[0] in "تين" and norm[2] == "ت" and norm[1] not in "اوي" and norm[3] != "و":
        return True  # a form-VIII imperfect تفتعل: «السعودية تحتجز»، «تعتزم»، «ينتظر» (not «نستور»، «تختوخ»)
    return len(norm) >= 5 and norm.startswith(("تست", "تت"))



def _frequent_with_pronoun(norm: str, common) -> bool:
    """Is ``norm`` a frequent word (maybe behind و/ف/ب/ل) with the attached pronoun ه?"""
    stem = norm[:-1]
    return (len(stem) >= 3 and (stem in common or _definite_stem(stem, common))) \
        or (len(stem) >= 4 and stem[0] in "وفبل" and stem[1:] in common)


def _definite_stem(stem: str, common) -> bool:
    """«محمد شريعتمداري إعلانه»: a stem whose definite form is frequent (الإعلان)."""
    return "ال" + stem in common


def after_given_name(v: View, i: int) -> bool:
    """Is token i right after a listed given name that is no common word too (no punctuation between)?"""
    return i > 0 and not v.breaks[i] and v.is_first_name(i - 1) == "" \
        and v.norm(i - 1) not in v.lex.weak_first_names


def _plural_noun(norm: str, common) -> bool:
    """A sound masculine plural of a participle or a nisba, or its construct form: «قال متمردون»، «يقول مختصون
    إيرانيون»، «مقاتلو الحزب». Names in ون have a long vowel after م (ماكرون، ميلتون) or no م (شارون)."""
    if len(norm) == 5 and norm[0] == "م" and norm[1] not in "اوي" and norm[-1] == "و" and norm[-2] not in "وي" \
            and ("ال" + norm[:-1] + "ون" in common or norm[:-1] + "ون" in common or norm[:-1] + "ين" in common
                 or norm[:-1] + "ي" in common):
        return True  # a five-letter construct plural whose plural is frequent: «محامو مارين»، «مدرسو»
    if len(norm) < 6:
        return False
    if norm.endswith("يون") and len(norm) >= 7 and "ال" + norm[:-2] in common:
        return True  # إسلاميون، إيرانيون (not ماريون، كينيون، نابليون)
    return norm[0] == "م" and norm[1] not in "اوي" and (norm.endswith("ون") or (norm[-1] == "و" and norm[-2] != "و"))


def _derived_verb(norm: str) -> bool:
    """Forms VIII and X (and their verbal nouns): «امتنع»، «احتسب»، «اعتقال»، «استرجاع»."""
    return len(norm) >= 5 and norm[0] == "ا" and (norm.startswith("است") or (norm[2] == "ت" and (len(norm) == 5 or norm[4] == "ا")))


# Spelling cut (the person model's spelling logit, read whether the model is on or not): a word under it
# ends a name; right after a given name or a title the cut is lower (ner_person_core._extend).
SPELL_CUT = -3.5
SPELL_CUT_GIVEN = -4.5


def fa_clause(norm: str) -> bool:
    """Is a word in ف + a frequent word spelled as no name (فوصف، فترك، فسدد), unlike «فورد»، «فيرد» (ف + ورد، يرد)?"""
    from akhbar.transforms.ner_model import spelling_logit  # ner_model imports this module

    return spelling_logit(norm) < 0


def after_title(v: View, start: int) -> bool:
    """Does a title phrase start in the four tokens before the name («الممثل دريد لحام», «المدرب الإنكليزي X»)?"""
    ts = getattr(v, "title_starts", None)
    return bool(ts) and any(ts[max(0, start - 4):start])


def spelled_as_word(norm: str, after_given: bool) -> bool:
    """Do a word's letters read as an ordinary word, far from any name (the person model's spelling weights,
    read whether the model is on or not)? Verbs and participles (عانق، تتوب، مترابط), nouns after a frame
    word (إحباط مخطط، ثوب زفاف), prepositions on plurals (بشعارات). Right after a listed given name, where a
    family name is likely, the cut is lower. Words in و (وولف، ووكر), ending in ي (هاشمي، تولستوي) or ة (عويطة،
    شبانة), words in ي (يعقوم: their verb shapes are read by _imperfect),
    known family names and words in Latin letters are never cut: their letters say little."""
    if norm[0] in "وي" or norm[-1] in "ية" or not "\u0621" <= norm[0] <= "\u064a":
        return False
    from akhbar.transforms.ner_model import spelling_logit  # ner_model imports this module

    return spelling_logit(norm) < (SPELL_CUT_GIVEN if after_given else SPELL_CUT) and not known_family_name(norm)


def foreign_al_given(v: View, k: int) -> bool:
    """«كارلوس ألبرتو باريرا»، «أليكس فيرغسون»: a listed given name that begins with ال (folded from أل/إل) is no
    definite family name; one whose rest is a given name (المنصف) is left to the article rules."""
    norm = v.norm(k)
    return v.is_first_name(k) == "" and norm[2:] not in v.lex.first_names


def father_with_article(v: View, k: int) -> bool:
    """«صباح الأحمد الجابر الصباح»، «ناصر المحمد الأحمد الصباح»: in Gulf names the father's and grandfather's
    given names take the article; after a given name such a word (ال + a listed, not weak given name) lets the
    chain go on to a definite family name (the caller checks that one follows)."""
    stem = v.norm(k)[2:]
    return stem in v.lex.first_names and stem not in v.lex.weak_first_names


def describes(v: View, norm: str) -> bool:
    """Is a definite word a frequent word, a nationality or an adjective of a frequent noun (الثقافي: ثقافة)?"""
    common = v.lex.common_words
    stem = norm[2:]
    return norm in common or is_nationality(norm) or (norm.endswith("ي") and any(
        w in common for w in (stem[:-1], stem[:-1] + "ة", "ال" + stem[:-1], "ال" + stem[:-1] + "ة")))


def feminine_ordinal(norm: str) -> bool:
    """«إليزابيث الثانية»: a feminine regnal number."""
    return norm[-1] == "ة" and norm[:-1] in ORDINALS


def teen_word(norm: str) -> bool:
    """«بنديكت السادس عشر»: the second word of a regnal number."""
    return norm in ("عشر", "عشرة")


def din_after_given(v: View, start: int, end: int) -> bool:
    """«نور الدين البخاري»: «الدين» right after a listed given name (in the name) makes a given name that a
    family name may follow."""
    return end - 1 >= start and v.is_first_name(end - 1) is not None


def prep_on_definite(v: View, norm: str) -> bool:
    """«كيم لصحفيين»، «بلاجئين»: ب/ل on a stem of five letters or more whose definite form is frequent (a
    four-letter stem is left alone: «رضوان لقديم»)."""
    return len(norm) >= 6 and "ال" + norm[1:] in v.lex.common_words


def definite_frequent(v: View, norm: str) -> bool:
    """After two name words, is an unknown word a noun whose definite form is frequent («مروان حامد مخرج»)?"""
    return "ال" + norm in v.lex.common_words and not known_family_name(norm)


def closes_title_family(v: View, nxt: int) -> bool:
    """Does token nxt close a one-word title used as a family name: a function word (not definite, not in و:
    «ماجد المهندس في الكويت»، not «جيل جاكوب المدير السابق»، «وليام نجل ولي العهد») or و + a given name
    («كارول سماحة وكاظم الساهر»)?"""
    return (v.is_stop(nxt) and not is_article_word(v.norm(nxt)) and v.norm(nxt)[0] != "و") \
        or (v.is_first_name(nxt) == "و" and len(v.norm(nxt)) > 3)


SEEN_CUT = -2.5


@functools.lru_cache(maxsize=1 << 16)
def seen_plain(norm: str) -> bool:
    """Is a word one the model met often enough to weigh by itself, and weighed as no name (مصرع، موفد، عدو)?
    A word the model knows is judged on evidence, not on its letters, so a milder cut than
    ``spelled_as_word`` holds; known family names are never cut."""
    from akhbar.transforms.ner_model import spelling_logit, word_seen  # ner_model imports this module

    if norm[0] in "وي" or not "\u0621" <= norm[0] <= "\u064a":
        return False  # «واينستين»، «وولف»: و and ي may be a clitic or a verb's prefix the weights read as no name
    return word_seen(norm) and spelling_logit(norm) < SEEN_CUT and not known_family_name(norm)


def long_foreign(norm: str) -> bool:
    """«ستودهام»، «ستانتون»: a long word in سي/ست/سن whose letters read as a name, not as a future verb (in the
    person model's spelling weights future verbs score below -2: ستتولى -4.7، سيلتقي -2.1; these names above -1.5)."""
    from akhbar.transforms.ner_model import spelling_logit  # ner_model imports this module

    if norm[1] == "ي" and norm[-2:] in ("ون", "ان"):
        return False  # «سيناقشون»، «سيناقشان»: the plural and dual of a future verb read as a name's ending
    return len(norm) >= 6 and spelling_logit(norm) > -1.5
