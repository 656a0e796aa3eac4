"""Person-name primitives shared by the person rules: title phrases, name-like words, how far a name runs.

Split out of ner_person.py (one idea: what a name is made of); the rules that decide where a name starts
are in ner_person.py (titles, given names) and ner_person_frames.py (frames around unknown words).
"""
from __future__ import annotations

from typing import Set

from akhbar.transforms import ner_known, ner_person_public
from akhbar.transforms.ner_lexicon import CONNECTORS, OFFICE_NOUNS, ORDINALS
from akhbar.transforms.ner_person_shape import (after_given_name, after_title, closes_title_family,
                                                definite_frequent, describes, din_after_given, fa_clause, long_foreign,
                                                father_with_article, feminine_ordinal, foreign_al_given,
                                                prep_on_definite, seen_plain, spelled_as_word, teen_word, verb_or_pronoun)
from akhbar.transforms.ner_person_words import HEAD, word_bits
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality, is_nisba

MAX_NAME_TOKENS = 7
# Second half of compound given names (نور الدين، محيي الدين): a family name may follow.
_COMPOUND_SECOND = frozenset({"الدين"})

# «خالد شيخ محمد»، «سيد ليلاز»: شيخ and سيد without the article are also parts of names.
_NAME_PART_TITLES = frozenset({"شيخ", "سيد"})


def _bare_title(v: View, norm: str) -> bool:
    """A one-word title written without its article (أمير، محامي، مستشار): in construct with what follows."""
    return "ال" + norm in v.lex.title_heads and norm not in _NAME_PART_TITLES


def _match_title(v: View, i: int) -> int:
    """Number of tokens of the longest title phrase starting at token i (0 if none)."""
    if not word_bits(v, i) & HEAD:  # only a word whose stem opens a title phrase can start one
        return 0
    return v.memo("title", i, lambda k: _match_title_at(v, k))


def _match_title_at(v: View, i: int) -> int:
    toks = v.toks
    lex = v.lex
    _, first = v.art(i)
    if first not in lex.title_heads:
        pre, stem = v.split(i, lex.title_heads)
        if not pre:
            return 0
        first = stem
    best = 0
    for length in (3, 2, 1):
        if i + length > len(toks):
            continue
        words = (first,) + tuple(toks[k].norm for k in range(i + 1, i + length))
        if words in lex.titles and not any(v.breaks[k] for k in range(i + 1, i + length)):
            best = length
            break
    return best


def _name_like(v: View, i: int, first: bool) -> bool:
    """Could token i be part of a person's name (``first``: could it start one)?"""
    return v.memo("name1" if first else "name", i, lambda k: _name_like_at(v, k, first))


def _name_like_at(v: View, i: int, first: bool) -> bool:
    norm = v.norm(i)
    if not norm.isalpha() or len(norm) < 2 or i in v.strong_place_tokens or (first and i in v.place_tokens):
        return False
    if v.is_first_name(i) == "":
        return True
    if v.is_stop(i) or v.is_trigger(i) or _match_title(v, i):
        return False
    if norm in OFFICE_NOUNS or norm in v.lex.not_names:
        return False
    if not first and norm in v.lex.title_heads:
        return False  # «حمد بن خليفة آل ثاني أمير قطر»: a title after the name ends it
    if first and is_article_word(norm):
        return False
    if first and norm in v.lex.common_words:
        return False  # «في ظل سعي الفريق»، «اللاعب تقبل»: a frequent ordinary word starts no name
    if first and norm.endswith("ي") and v.is_first_name(i) is None and is_nationality("ال" + norm):
        return False  # «أول رئيس أميركي»: a nationality, not a name
    if norm[:2] in ("سي", "ست", "سن") and len(norm) >= 4 and v.is_first_name(i) is None \
            and (first and not long_foreign(norm) or _future_verb(v, norm)):
        return False  # future verbs (ستزور، سيلتقي، سيظل); after a name «ينس ستولتنبرغ»، «جيف سيشنز» pass
    if verb_or_pronoun(v, i, norm):
        return False
    if norm[0] == "و" and len(norm) > 3 and not first and not _w_family_name(v, i, norm):
        return False  # a conjunction starts a new phrase
    if norm[0] == "ف" and len(norm) > 3 and norm[1:] in v.lex.common_words and fa_clause(norm):
        return False  # «كيم هاولز فوصف»، «فترك»: ف on a frequent word opens a clause (listed names in ف passed above)
    if norm[0] in "لب" and (is_article_word(norm[1:]) or norm[1] in "مت" or norm[1:4] in ("اعت", "است", "انت")
                            or (norm.endswith("ة") and len(norm) >= 4) or norm[1:] in v.lex.common_words
                            or prep_on_definite(v, norm)) \
            and not _b_family_name(v, i, norm):
        return False  # a preposition on a noun or verbal noun (لمناقشة، بتوقيت، لاعتناق، لصناعة، بدعوى)
    if norm.startswith("لل"):
        return False
    if norm[0] == "ك" and len(norm) >= 5 and norm[-1] != "ي" and norm[1] != "ا" \
            and (norm[1:] in v.lex.common_words or "ال" + norm[1:] in v.lex.common_words):
        return False  # ك on a frequent noun: «كحارس ثان»، «كمقدم»، «كممثل» (not «كمال» (listed), «وائل كفوري»، «كاساس»)
    if norm[0] == "ي" and 4 <= len(norm) <= 6 and (first or _imperfect(v, i, norm)):
        return False  # imperfect verbs (يقول، يؤكد) follow names often; «يونكر»، «يلتسين» after a given name pass
    return True


def _extend(v: View, start: int, max_unknown: int = 1, skip: int = 0) -> int:
    """End (exclusive) of the name that starts at token ``start``.

    ``max_unknown``: how many words in a row that are neither given names nor glued by a connector may
    follow (a surname, or two for a foreign name after a title); more is a sentence, not a name.
    """
    toks = v.toks
    end = start + 1
    start_norm = v.norm(start)[skip:]  # ``skip``: proclitic letters on the first word («وعبد الله»)
    given = v.is_first_name(start) is not None or start_norm in CONNECTORS  # may an article surname follow?
    unknown = 0 if given else 1
    if start_norm in CONNECTORS:
        if end < len(toks) and not v.breaks[end] and (_name_like(v, end, False) or is_article_word(v.norm(end))):
            end += 1  # عبد الرحمن، أبو أيوب
    while end < len(toks) and end - start < MAX_NAME_TOKENS and not v.breaks[end]:
        norm = v.norm(end)
        if norm == "بني" and given and end + 1 < len(toks) and not v.breaks[end + 1] \
                and _bani_family(v, end + 1):
            end += 2  # «حاتم بني هاني»، «زكي بني ارشيد»: بني + a clan name is the family name (Levant)
            given, unknown = False, max_unknown
            continue
        if given and _romance_particle(v, end):
            end += 2  # «أليساندرو دل بييرو»، «لويس دا سيلفا»، «جان مارك دو لا سابليير»: a Romance particle
            given, unknown = False, max_unknown
            continue
        if norm in CONNECTORS:
            nxt = end + 1
            if nxt < len(toks) and not v.breaks[nxt] and (_name_like(v, nxt, False) or is_article_word(v.norm(nxt))) \
                    and not v.is_stop(nxt):
                end += 2
                if v.norm(nxt) in CONNECTORS and end < len(toks) and not v.breaks[end] and not v.is_stop(end) \
                        and (_name_like(v, end, False) or is_article_word(v.norm(end))):
                    end += 1  # «علي بن أبي طالب»: a kunya inside the chain takes its own word (طالب)
                given, unknown = True, 0  # بن زايد، أبو بكر، عبد الفتاح: a family name may follow
                continue
            break
        if is_article_word(norm) and not foreign_al_given(v, end):
            # a family name (الأسد، الحريري) only right after a given or father's name; a regnal number
            if (norm in ORDINALS or feminine_ordinal(norm)) \
                    and v.is_first_name(end - 1) is not None:  # «هنري الثامن»، «إليزابيث الثانية»
                end += 1
                if end < len(toks) and not v.breaks[end] and teen_word(v.norm(end)):
                    end += 1  # «بنديكت السادس عشر»، «لويس الرابع عشر»
                break
            if norm in _COMPOUND_SECOND and (not given or din_after_given(v, start, end)) \
                    and v.norm(end - 1) not in v.lex.common_words:
                end += 1  # «محمود محيي الدين»: the second half of a compound given name (not «رسول الإسلام»);
                # «نور الدين البخاري»، «صلاح الدين الأيوبي»: after a listed given name too, a family name may follow
                given, unknown = True, 0
                continue
            if not given and norm != "الله" and not _family_after_unknown(v, start, end) \
                    and not _nisba_after_given(v, start, end):
                break
            if norm in v.lex.not_names or norm[2:] in v.lex.not_names:
                break  # «صلاح الملعب»: the object of the sentence, not a family name
            if v.is_stop(end) or end in v.strong_place_tokens or v.is_trigger(end):
                break
            if _match_title(v, end):
                if _title_as_family(v, end):
                    end += 1
                break
            if is_nisba(norm) and norm.endswith("ية") and v.norm(end - 2) not in ("بن", "بنت"):
                break  # feminine adjective: describes, is not a surname (but «عبدالله بن خليفة العطية»)
            if norm.endswith("ة") and norm in v.lex.common_words or _derived_noun(norm):
                break  # «تولى علي الخلافة»، «تختار هالة الانضمام»: the object, not a family name
            end += 1
            if given and end < len(toks) and not v.breaks[end] and is_article_word(v.norm(end)) \
                    and not describes(v, v.norm(end)) and father_with_article(v, end - 1):
                continue  # «صباح الأحمد الجابر الصباح»: a given name with the article is the father's name (Gulf)
            given = False
            unknown = max_unknown  # after a family name only a given name or a connector may follow
            continue
        if norm == "علي" and not given and _ala(v, end):
            break  # «تيم سيباستيان علي ذلك»: على written with ي after a family name
        hyphen = v.ft.original[toks[end - 1].end:toks[end].start] == "-"
        if not hyphen and not _name_like(v, end, False):
            if _title_as_family(v, end) or _imam_family(v, end):
                end += 1
            break
        if v.is_first_name(end) is not None:
            given, unknown = True, 0
        elif hyphen:
            pass  # كيم جونغ-أون، مون جاي-إن: a hyphenated part belongs to the word before
        else:
            if unknown >= max_unknown and not (unknown == max_unknown and not is_article_word(v.norm(end - 1))
                                               and norm[0] not in "لبو" and not norm.endswith(("ت", "ها"))
                                               and _closed_after(v, end)):
                break  # one more unknown word only when punctuation or a title closes the name right after it,
                # and it has no verb shape («لوريس كاريوس كلفت»، «برناردو سيلفا فأسكنها»; سيلفا، كيتا in ا pass)
            if norm.endswith("ة") and v.is_first_name(end - 1) is None:
                break  # a feminine noun (حالة، بلدة) ends the name unless it follows a given name (بشرى رزة)
            if norm in v.lex.common_words or (end - start >= 2 and definite_frequent(v, norm)):
                break  # «فينيسيوس هدف التعادل»: a frequent ordinary word is not part of the name; after two
                # name words, neither is a word whose definite form is frequent («مروان حامد مخرج الفيلم»)
            if spelled_as_word(norm, given or after_title(v, start)):
                break  # «رونالدو عانق روني»، «سالم مسعود مترابط»: letters no name has
            if given and seen_plain(norm):
                break  # «عبد الرحمن عبد الفتاح مصرع»: a frequent word the model weighs as no name
            given = False
            unknown += 1
        end += 1
    return end


_PARTICLES = frozenset({"دل", "ديل", "دا", "دوس", "داس", "دي", "دو"})


def _romance_particle(v: View, k: int) -> bool:
    """After a given name, is token k a Romance particle with a name word after it («أليساندرو دل بييرو»، «لويس
    دا سيلفا»، «جان مارك دو لا سابليير»)? The name ends after that word («كيفن دي بروين المونديال»)."""
    norm = v.norm(k)
    if not (norm in _PARTICLES or (norm == "لا" and v.norm(k - 1) in ("دو", "دي"))):
        return False
    nxt = k + 1
    return nxt < len(v.toks) and not v.breaks[nxt] and not v.is_stop(nxt) and not is_article_word(v.norm(nxt)) \
        and _name_like(v, nxt, False)


def _bani_family(v: View, k: int) -> bool:
    """After «بني», is token k a clan name: name-like, no function word, no frequent or definite word
    («بني على أساس»، «بني المسجد» are the verb «بُني»)?"""
    norm = v.norm(k)
    return not v.is_stop(k) and not is_article_word(norm) and norm not in v.lex.common_words \
        and (v.is_first_name(k) == "" or _name_like(v, k, False))


def _family_after_unknown(v: View, start: int, k: int) -> bool:
    """«الوزير بوشتي البغدادي»، «وأضاف نتشيرفان البارزاني»: a definite word we know as a family name (mined
    or listed) completes a name begun by an unknown word. Not when the word before is a known family name
    itself: «استقبل عون الحريري» is two persons."""
    fams = ner_known.surnames()
    pub = ner_person_public.family_names()
    norm, prev = v.norm(k), v.norm(k - 1)
    return (norm in fams or norm in pub) and prev not in fams and prev not in pub \
        and not is_article_word(prev) and k - start <= 2


def _nisba_after_given(v: View, start: int, k: int) -> bool:
    """«كاظم فنجان الحمامي»، «فهد العرابي الحارثي»: a definite nisba we do not know as an ordinary word or a
    nationality completes «given name + one more name» (not «محمد صلاح المصري»: a nationality describes)."""
    norm = v.norm(k)
    mid = v.norm(start + 1)
    if k - start != 2 or not norm.endswith("ي") or v.ft.original[v.toks[k].end - 1] == "\u0649" \
            or (is_article_word(mid) and not mid.endswith("ي") and mid != "الدين"):
        return False  # «وليد الحراك الثقافي»: an adjective after a definite noun; «المكنى»: a participle in ى
        # (but «فهد العرابي الحارثي»، «علاء الدين الخلجي»: a chain of nisbas)
    return v.is_first_name(start) == "" \
        and v.norm(start) not in v.lex.weak_first_names and norm not in v.lex.common_words \
        and norm[2:] not in v.lex.common_words and not is_nationality(norm) and not is_nationality(norm + "ة")


def _w_family_name(v: View, i: int, norm: str) -> bool:
    """«روبي ويليامز»، «أوبرا وينفري»، «بوب وودورد»: right after a given name, a word in وي/وا/وو whose rest is no
    word, name, title or verb we know is a foreign family name, not و + a word («محمد ويقول»، «سامي وأحمد»); in وو four
    letters are enough («توم وولف»، «ماثيو ووكر»)."""
    if norm[1] not in "ياو" or len(norm) < (4 if norm[1] == "و" else 5) or i == 0 or v.is_first_name(i - 1) is None:
        return False
    stem = norm[1:]
    lex = v.lex
    return not (stem in lex.common_words or stem in lex.stopwords or stem in lex.first_names
                or "ال" + stem in lex.title_heads or is_article_word(stem) or stem.endswith(("ه", "ها", "هم"))
                or verb_or_pronoun(v, i, stem) or stem[:2] in ("يت", "يس", "ين", "يق", "يؤ", "يع", "ان"))


def _title_as_family(v: View, k: int) -> bool:
    """Is the one-word title at k a family name: right after a listed given name and closed right after it by
    punctuation, the end or a word that opens a clause (أن، هو، عندما), so it has no complement to be the
    title of («ياسمين رئيس،»، «ماجد المهندس،»، «غسان الإمام عندما»)? A title after و starts a new phrase
    («عباس ورئيس الوكالة»)."""
    if not after_given_name(v, k) or v.norm(k)[0] == "و" or v.is_stop(k) or k in v.place_tokens \
            or v.is_trigger(k):
        return False
    if not (_match_title(v, k) == 1 or v.norm(k) in v.lex.title_heads):
        return False
    nxt = k + 1
    if nxt >= len(v.toks) or v.breaks[nxt] or v.norm(nxt) in _CLAUSE_WORDS:
        return True
    # «ناصر الشاعر بعد فترة»، «طارق السيد وتامر أبو جبل»: a function word or و + a given name closes it too
    # (not a definite function word: «جيل جاكوب المدير السابق»; not «لي»: «وليام نجل ولي العهد»)
    return closes_title_family(v, nxt)


def _imam_family(v: View, k: int) -> bool:
    """«عادل إمام»، «محمد إمام»: right after a listed given name, «إمام» written with hamza below (the
    preposition is «أمام») and in construct with no definite word is the family name («إمام المسجد» is not)."""
    t = v.toks[k]
    if v.ft.original[t.start:t.end] != "\u0625\u0645\u0627\u0645" or not after_given_name(v, k):
        return False
    nxt = k + 1
    return nxt >= len(v.toks) or v.breaks[nxt] or not is_article_word(v.norm(nxt))


_CLAUSE_WORDS = frozenset(("ان", "انه", "انها", "هو", "هي", "عندما", "الذي", "التي"))


def _b_family_name(v: View, i: int, norm: str) -> bool:
    """Right after a listed given name, is a word in ب a family name, not the preposition on a noun? A
    preposition takes no imperfect verb («ريك بيري»، «جون بيلي»: يري، يلي are verbs; «بيوم» keeps اليوم), and
    بو + a word we do not know is a Maghrebi name («ناصر بوريطة»، «مبارك بوصوفة»; «بولاية» keeps ولاية)."""
    if norm[0] != "ب" or len(norm) < 4 or i == 0 or v.breaks[i] or v.is_first_name(i - 1) != "" \
            or v.norm(i - 1) in v.lex.weak_first_names:
        return False
    stem = norm[1:]
    common = v.lex.common_words
    if stem[0] == "ي":
        return stem in common and "ال" + stem not in common
    if stem[0] == "و":
        return stem not in common and "ال" + stem not in common and not is_article_word(stem[1:]) \
            and not stem.endswith(("ه", "ها", "هم", "نا", "كم"))  # «بوالدته»، «بوعده»: a noun with its pronoun
    return False


def _ala(v: View, k: int) -> bool:
    """Is «علي» at token k the preposition على (Egyptian spelling): written with ي and followed by a function,
    frequent or definite word (not «أحمد حسن علي»: after a given name it is the name)?"""
    if v.ft.original[v.toks[k].end - 1] != "\u064a":
        return False
    nxt = k + 1
    return nxt < len(v.toks) and not v.breaks[nxt] and (v.is_stop(nxt) or v.norm(nxt) in v.lex.common_words
                                                         or is_article_word(v.norm(nxt)))


def _imperfect(v: View, i: int, norm: str) -> bool:
    """After a given name, is a word in ي an imperfect verb: frequent, or of a derived form (يتعهد، ينتقد،
    يستعرض، يلتقي)? Family names in ي (يونكر، يلديز، ياتوم) have و or ا as their second letter; right after a
    listed given name, one with no verb shape is a family name too (يزبك، يرلكاب، يستي)."""
    if norm in v.lex.common_words:
        return True
    if norm.endswith("نغ"):
        return False  # «كيم يونغ أون»، «يانغ»: an East Asian syllable, never an Arabic verb
    if norm[1] in "وا":
        return norm[1] == "و" and len(norm) == 4  # يوقع، يودع: a و-initial root
    if i and not v.breaks[i] and v.is_first_name(i - 1) == "" and v.norm(i - 1) not in v.lex.weak_first_names:
        return _verb_shape(v, norm)
    return True


_OTHER_PERSONS = ("ت", "ن", "ا")


def _verb_shape(v: View, norm: str) -> bool:
    """Does a word in ي read as an imperfect verb by its shape: four letters (يكتب، يطرح، يصحح: form I, II
    or IV), a derived form (يتحدث، ينتقد، يستقبل، يلتقي، يقاضي), a plural or attached-pronoun ending (يقولون،
    يدعمه), or the same verb in another person is frequent (يشاهد: تشاهد)?"""
    if len(norm) <= 4 or norm[1] in "تن" or norm.startswith("يست") or norm[2] in "تا":
        return True
    if norm.endswith(("ون", "ان", "وا", "ه", "ها", "هم", "ين")):
        return True
    common = v.lex.common_words
    return any(p + norm[1:] in common for p in _OTHER_PERSONS)


def _future_verb(v: View, norm: str) -> bool:
    """Is a word in سي/ست/سن a future verb: س on a frequent imperfect (سيعود، ستكون) or on a derived one
    (سيتخلى، سيلتقي، سينتقل، سيستمر)? Names in سي/ست (ستولتنبرغ، سيشنز، سيزار) are neither."""
    if norm[1:] in v.lex.common_words or norm in v.lex.common_words:
        return True
    return len(norm) >= 6 and (norm[2] == "ت" or norm[3] == "ت" or norm[2:4] in ("ست", "نت"))


def _derived_noun(norm: str) -> bool:
    """A definite verbal noun of derived forms VII, VIII, X (الانضمام، الاعتراف، الاستقرار): never a family
    name (nisbas such as الأنصاري are left alone)."""
    stem = norm[2:]
    if len(stem) < 5 or stem[0] != "ا" or stem.endswith("ي"):
        return False
    return stem.startswith("است") or ((stem[1] == "ن" or stem[2] == "ت") and stem[-2] == "ا")


def _closed_after(v: View, k: int) -> bool:
    """Is token k the last word before a punctuation mark, a function word or a title («بيير لوي ريمون باحث»)?"""
    nxt = k + 1
    return nxt >= len(v.toks) or v.breaks[nxt] or v.is_stop(nxt) or bool(_match_title(v, nxt))

def _trim_blocked(end: int, start: int, blocked: Set[int]) -> int:
    for k in range(start, end):
        if k in blocked:
            return max(k, start + 1)
    return end
