"""Person names: after a title or role, from a given name, and later mentions of a surname already seen.

Rules, not a model: no weights can be downloaded and the batch must stay fast. A name is a run of
name-like tokens (no function word, no punctuation, no place of the gazetteer, no title), with
connectors (بن، أبو، عبد، آل) glued to the token after them.
"""
from __future__ import annotations

from typing import List, Optional, Set, Tuple

from akhbar.transforms import ner_person_public
from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import CONNECTORS, OFFICE_NOUNS, ORDINALS, SAYING_VERBS
from akhbar.transforms.ner_person_article import propagate_surnames, surnames  # noqa: F401 (used by entities)
from akhbar.transforms.ner_person_shape import verb_or_pronoun
from akhbar.transforms.ner_person_words import WordCache, is_saying as _is_saying
from akhbar.transforms.ner_tokens import View, is_article_word, is_nationality, is_nisba, nationality_opens_name

MAX_NAME_TOKENS = 7
# A title that is also a common noun takes the name right after it: «الفريق البرازيلي الكرة» is a team.
_NO_COMPLEMENT = frozenset({key("الفريق")})
MAX_COMPLEMENT = 6

Span = Tuple[int, int, int]  # first token, end token (exclusive), proclitic letters to skip in the first


# Only a word whose stem (after the article or a proclitic) opens a title phrase can start a title.
_may_head = WordCache(lambda v, i: v.art(i)[1] in v.lex.title_heads or bool(v.split(i, v.lex.title_heads)[0]))


def _match_title(v: View, i: int) -> int:
    """Number of tokens of the longest title phrase starting at token i (0 if none)."""
    if not _may_head(v, i):
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
    if norm[:2] in ("سي", "ست", "سن") and len(norm) >= 4 and v.is_first_name(i) is None:
        return False  # future verbs (ستزور، سيلتقي، سيظل)
    if verb_or_pronoun(v, i, norm):
        return False
    if norm[0] == "و" and len(norm) > 3 and not first:
        return False  # a conjunction starts a new phrase
    if norm[0] in "لب" and (is_article_word(norm[1:]) or norm[1] in "مت" or norm[1:4] in ("اعت", "است", "انت")
                            or (norm.endswith("ة") and len(norm) >= 4)):
        return False  # a preposition on a noun or verbal noun (لمناقشة، بتوقيت، لاعتناق، لصناعة)
    if norm.startswith("لل"):
        return False
    if norm[0] == "ي" and 4 <= len(norm) <= 6:
        return False  # imperfect verbs (يقول، يؤكد) follow names often
    return True


def _extend(v: View, start: int, max_unknown: int = 1) -> int:
    """End (exclusive) of the name that starts at token ``start``.

    ``max_unknown``: how many words in a row that are neither given names nor glued by a connector may
    follow (a surname, or two for a foreign name after a title); more is a sentence, not a name.
    """
    toks = v.toks
    end = start + 1
    start_norm = v.norm(start)
    given = v.is_first_name(start) is not None or start_norm in CONNECTORS  # may an article surname follow?
    unknown = 0 if given else 1
    if start_norm in CONNECTORS:
        if end < len(toks) and not v.breaks[end] and (_name_like(v, end, False) or is_article_word(v.norm(end))):
            end += 1  # عبد الرحمن، أبو أيوب
    while end < len(toks) and end - start < MAX_NAME_TOKENS and not v.breaks[end]:
        norm = v.norm(end)
        if norm in CONNECTORS:
            nxt = end + 1
            if nxt < len(toks) and not v.breaks[nxt] and (_name_like(v, nxt, False) or is_article_word(v.norm(nxt))) \
                    and not v.is_stop(nxt):
                end += 2
                given, unknown = True, 0  # بن زايد، أبو بكر، عبد الفتاح: a family name may follow
                continue
            break
        if is_article_word(norm):
            # a family name (الأسد، الحريري) only right after a given or father's name; a regnal number
            if norm in ORDINALS and v.is_first_name(end - 1) is not None:
                end += 1
                break
            if not given and norm != "الله":
                break
            if norm in v.lex.not_names or norm[2:] in v.lex.not_names:
                break  # «صلاح الملعب»: the object of the sentence, not a family name
            if v.is_stop(end) or end in v.strong_place_tokens or v.is_trigger(end) or _match_title(v, end):
                break
            if is_nisba(norm) and norm.endswith("ية"):
                break  # feminine adjective: describes, is not a surname
            end += 1
            given = False
            unknown = max_unknown  # after a family name only a given name or a connector may follow
            continue
        hyphen = v.ft.original[toks[end - 1].end:toks[end].start] == "-"
        if not hyphen and not _name_like(v, end, False):
            break
        if v.is_first_name(end) is not None:
            given, unknown = True, 0
        elif hyphen:
            pass  # كيم جونغ-أون، مون جاي-إن: a hyphenated part belongs to the word before
        else:
            if unknown >= max_unknown and not (unknown == max_unknown and not is_article_word(v.norm(end - 1))
                                               and norm[0] not in "لبو" and _closed_after(v, end)):
                break  # one more unknown word only when punctuation or a title closes the name right after it
            if norm.endswith("ة") and v.is_first_name(end - 1) is None:
                break  # a feminine noun (حالة، بلدة) ends the name unless it follows a given name (بشرى رزة)
            if norm in v.lex.common_words:
                break  # «فينيسيوس هدف التعادل»: a frequent ordinary word is not part of the name
            given = False
            unknown += 1
        end += 1
    return end


def _closed_after(v: View, k: int) -> bool:
    """Is token k the last word before a punctuation mark, a function word or a title («بيير لوي ريمون باحث»)?"""
    nxt = k + 1
    return nxt >= len(v.toks) or v.breaks[nxt] or v.is_stop(nxt) or bool(_match_title(v, nxt))


def _first_name_start(v: View, i: int) -> Optional[int]:
    """Proclitic letters before a given name at token i, or None if token i starts no name."""
    pre = v.is_first_name(i)
    if pre is None:
        return None
    stem = v.norm(i)[len(pre):]
    if pre and pre[-1] in "لبك":
        nxt = i + 1  # لدينا، بسام: a preposition on a name needs the name to go on
        if nxt >= len(v.toks) or v.breaks[nxt] or not _name_like(v, nxt, False) or is_article_word(v.norm(nxt)):
            return None
    if stem in v.lex.weak_first_names:
        if pre:
            return None  # لصالح، بسلام: a preposition on a common word
        nxt = i + 1
        if nxt >= len(v.toks) or v.breaks[nxt]:
            return None
        article_next = is_article_word(v.norm(nxt)) and not v.is_stop(nxt) and nxt not in v.place_tokens
        if stem == "علي" and article_next:
            return None  # على written without its ى is far more common than the name before a definite word
        if article_next and v.norm(nxt) in v.lex.common_words:
            return None  # «رائد الفضاء»، «حياة العشرات»: a weak given name before a frequent definite noun
        if v.is_first_name(nxt) != "" and not article_next and v.norm(nxt) not in _NAME_LINKS:
            return None  # «منصور أبو حميد»، «صالح بن علي»: a connector after a weak given name continues it
    return len(pre)


_NAME_LINKS = frozenset({"بن", "ابن", "ابو", "عبد", "ولد"})


def find_persons(v: View, blocked: Set[int]) -> List[Span]:
    """Person spans (token ranges) not overlapping ``blocked`` tokens (organizations)."""
    toks = v.toks
    out: List[Span] = []
    v.title_starts = [_match_title(v, k) > 0 for k in range(len(toks))]
    i = 0
    while i < len(toks):
        if i in blocked:
            i += 1
            continue
        tlen = _match_title(v, i)
        if tlen:
            k = i + tlen
            skipped = 0
            no_complement = tlen == 1 and v.art(i)[1] in _NO_COMPLEMENT
            while k < len(toks) and skipped < MAX_COMPLEMENT and k not in blocked and not no_complement:
                if v.is_first_name(k) == "" and not (v.breaks[k] and v.norm(k) in ("عن",)):
                    break
                norm = v.norm(k)
                if v.breaks[k] and not (v.ft.original[toks[k - 1].end:toks[k].start].strip() in ("،", ",")):
                    break
                if is_article_word(norm) or norm.startswith("لل") or norm in OFFICE_NOUNS \
                        or k in v.place_tokens or (norm[:1] in "لب" and is_article_word(norm[1:])):
                    if v.is_stop(k):
                        break
                    k += 1
                    skipped += 1
                    continue
                break
            if skipped and k < len(toks) and v.norm(k)[:1] in "لب" and v.is_first_name(k) is None:
                i = k  # «مدير المرصد السوري لحقوق الإنسان»: a preposition continues the description
                continue
            if k < len(toks) and k not in blocked and _name_like(v, k, True) and not v.is_stop(k) \
                    and not (v.norm(k)[0] == "و" and v.is_first_name(k) is None and len(v.norm(k)) > 3):
                pre = v.is_first_name(k) or ""
                end = _extend(v, k, max_unknown=2)
                end = _trim_blocked(end, k, blocked)
                out.append((k, end, len(pre)))
                v.memo("rule", k, lambda _: "title")
                i = end
                continue
            i = k if k > i else i + 1
            continue
        kunya = _kunya_start(v, i)
        if kunya is not None:
            end = _trim_blocked(_extend(v, i, max_unknown=2), i, blocked)
            if end > i + 1:
                out.append((i, end, kunya))
                v.memo("rule", i, lambda _: "given")
                i = end
                continue
        plen = _first_name_start(v, i)
        if plen is not None and i not in v.place_tokens:
            end = _trim_blocked(_extend(v, i), i, blocked)
            out.append((i, end, plen))
            v.memo("rule", i, lambda _: "given")
            i = end
            continue
        end = _unknown_name(v, i, blocked)
        if end:
            out.append((i, end, 0))
            v.memo("rule", i, lambda _: "frame")
            i = end
            continue
        i += 1
    known = ner_person_public.full_name_spans(v.ft)
    for k in known:
        v.memo("rule", k[0], lambda _: "given")
    out = ner_person_public.merge(out, known, blocked,
                                  lambda t: v.is_first_name(t) is not None or v.norm(t) in CONNECTORS)
    return [p for p in out if not _names_a_facility(v, p[0])]


_FACILITIES = frozenset(key(w) for w in (
    "ستاد", "استاد", "ملعب", "مسجد", "جامع", "مدرسة", "مستشفى", "شارع", "جسر", "مطار", "قاعة", "فندق", "فنادق",
    "ميناء", "سجن", "مدينة", "ضاحية", "حي", "ميدان", "ساحة", "قصر", "مقام", "ضريح", "كلية", "جائزة", "كأس"))


def _names_a_facility(v: View, a: int) -> bool:
    """«ستاد الملك عبدالله»، «مسجد الحسن الثاني»، «جائزة زايد»: a person's name right after a facility or
    prize word (a title may stand between) names the place or the prize, not the person."""
    j = a - 1
    if j >= 0 and not v.breaks[a] and _match_title(v, j):
        a, j = j, j - 1
    if j < 0 or v.breaks[a]:
        return False
    return v.split(j, _FACILITIES)[1] in _FACILITIES


_KUNYA = frozenset({"ابو"})


def _kunya_start(v: View, i: int):
    """Proclitic letters before أبو/أم starting a name («أبو أيوب المصري»), or None."""
    if not v.toks[i].norm.endswith("ابو"):
        return None
    pre, stem = v.split(i, _KUNYA)
    if stem not in _KUNYA or i in v.place_tokens or i + 1 >= len(v.toks) or v.breaks[i + 1]:
        return None
    nxt = i + 1
    if nxt in v.place_tokens or v.is_stop(nxt) or v.is_trigger(nxt):
        return None
    if not (_name_like(v, nxt, False) or (is_article_word(v.norm(nxt)) and is_nisba(v.norm(nxt)))):
        return None
    return len(pre)


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
    if not saying and nationality_opens_name(v, i):
        pre = v.is_first_name(i)
        if _name_like(v, i, True) and not is_article_word(v.norm(i)) and not v.is_stop(i) \
                and (pre is None or pre == "") and v.norm(i)[0] not in "وفلب":
            return min(_trim_blocked(_extend(v, i, max_unknown=2), i, blocked), i + 3)
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


def _trim_blocked(end: int, start: int, blocked: Set[int]) -> int:
    for k in range(start, end):
        if k in blocked:
            return max(k, start + 1)
    return end
