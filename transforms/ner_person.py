"""Person names: after a title or role, from a given name, and later mentions of a surname already seen.

Rules, not a model: no weights can be downloaded and the batch must stay fast. A name is a run of
name-like tokens (no function word, no punctuation, no place of the gazetteer, no title), with
connectors (بن، أبو، عبد، آل) glued to the token after them.
"""
from __future__ import annotations

from typing import List, Optional, Set, Tuple

from akhbar.transforms import ner_known, ner_person_public
from akhbar.transforms.arabic_text import key
from akhbar.transforms.ner_lexicon import CONNECTORS, OFFICE_NOUNS, SON_OF as _SON_OF
from akhbar.transforms.ner_person_article import _unknown_given, surnames  # noqa: F401 (entities)
from akhbar.transforms.ner_person_filters import (  # noqa: F401 (entities: propagate_surnames)
    _FACILITIES, _PLACE_HEADS, _hamza_differs, _known_family, _other_initial_hamza, _plain_word, _takes_complement,
    country_nisba, propagate_surnames)
from akhbar.transforms.ner_person_bounds import widen
from akhbar.transforms.ner_person_core import _bare_title, _extend, _match_title, _name_like, _trim_blocked
from akhbar.transforms.ner_person_frames import _unknown_name, and_letter, coordinated
from akhbar.transforms.ner_person_words import FRAME, HEAD, word_bits
from akhbar.transforms.ner_tokens import View, is_article_word, is_nisba

# A title that is also a common noun takes the name right after it: «الفريق البرازيلي الكرة» is a team.
_NO_COMPLEMENT = frozenset({key("الفريق")})
MAX_COMPLEMENT = 6
# Adjectives of time after a title are part of it, not the end of the phrase, although they are function
# words elsewhere: «وزير التربية السابق كريستوفام بواركي»، «العداء المغربي السابق سعيد عويطة».
_TIME_ADJECTIVES = frozenset(key(w) for w in ("السابق", "السابقة", "الأسبق", "الجديد", "الجديدة", "الحالي",
                                              "الحالية"))
_TIME_ADVERBS = frozenset(key(w) for w in ("حينئذ", "حينذاك", "آنذاك", "وقتئذ", "وقتها", "حينها"))

Span = Tuple[int, int, int]  # first token, end token (exclusive), proclitic letters to skip in the first


def _first_name_start(v: View, i: int) -> Optional[int]:
    """Proclitic letters before a given name at token i, or None if token i starts no name."""
    pre = v.is_first_name(i)
    if pre is None:
        return None
    stem = v.norm(i)[len(pre):]
    if _hamza_differs(v, i, len(pre)):
        return None
    if pre and v.is_stop(i):
        return None  # «لديك»: a function word, not ل + «ديك»
    if pre and pre[-1] in "لبكف":
        nxt = i + 1  # لدينا، بسام: a preposition on a name needs the name to go on; «فستان» (ف + ستان) too
        if nxt >= len(v.toks) or v.breaks[nxt] or not _name_like(v, nxt, False) or is_article_word(v.norm(nxt)):
            return None
    if stem in v.lex.weak_first_names:
        if pre:
            return None  # لصالح، بسلام: a preposition on a common word
        if "\u0622" in v.ft.original[v.toks[i].start + 1:v.toks[i].end]:
            return None  # «تآمر»: a medial madda spells the word (تآمر), never the name (تامر)
        nxt = i + 1
        if nxt >= len(v.toks) or v.breaks[nxt]:
            return None
        article_next = is_article_word(v.norm(nxt)) and not v.is_stop(nxt) and nxt not in v.place_tokens
        if stem == "علي" and article_next:
            return None  # على written without its ى is far more common than the name before a definite word
        if article_next and (v.norm(nxt) in v.lex.common_words or not _family_like(v, v.norm(nxt))
                             or country_nisba(v.norm(nxt))):
            return None  # «رائد الفضاء»، «حياة العشرات»، «جميلة الملامح»: a weak given name before a definite noun
        if v.is_first_name(nxt) != "" and not article_next and v.norm(nxt) not in _NAME_LINKS:
            return None  # «منصور أبو حميد»، «صالح بن علي»: a connector after a weak given name continues it
    return len(pre)


def _verb_or_own(v: View, k: int) -> bool:
    """After a title, is the one word at k a past verb of form V/VI (تزوج، تحدث، تولى: ت + three letters, no
    known family name) or a frequent noun with its pronoun (عمه، زوجها)?"""
    norm = v.norm(k)
    common = v.lex.common_words
    if (norm.endswith("ة") and (norm.endswith("ية") or norm in common or "ال" + norm in common)) \
            or (norm.endswith("ي") and (norm[:-1] in common or "ال" + norm[:-1] in common)):
        return True  # «مدير صالة»، «مدير فني»: a frequent feminine noun or a relative adjective (not «حلاوة»)
    if norm.endswith(("ه", "ها", "هم")):  # «ابنة عمه»، «شقيق زوجها»: a noun with its pronoun
        stem = norm[:-2] if norm.endswith(("ها", "هم")) else norm[:-1]
        if stem in v.lex.common_words or "ال" + stem in v.lex.common_words:
            return True
    return len(norm) == 4 and norm[0] == "ت" and norm not in ner_known.surnames() \
        and norm not in ner_person_public.family_names()


def _family_like(v: View, norm: str) -> bool:
    """Could a definite word be a family name after a weak given name: a nisba («صباح الأحمدي»), a mined or
    listed family name («نور الشريف»), the pattern فعّال, or a given name with the article (الأحمد)? An
    idiom («جميلة الملامح»، «صباح الورد»، «حسن النوايا») is none of these."""
    if norm in ("الدين", "الله") or (len(norm) == 6 and norm[4] == "ا"):
        return True  # «نجم الدين أربكان»; the occupational pattern فعّال («فارس السقاف»، «صالح الصماد»)
    return norm.endswith("ي") or norm in ner_known.surnames() or norm in ner_person_public.family_names() \
        or norm[2:] in v.lex.first_names


_NAME_LINKS = frozenset({"بن", "ابن", "ابو", "عبد", "ولد"})


def _article_given(v: View, i: int) -> bool:
    """«الوليد بن طلال»، «الحسن بن علي»، «الطاهر بن جلون»: a definite word right before بن/بنت is a given
    name (the nasab chain needs a name before it)."""
    toks = v.toks
    nxt = i + 1
    if nxt >= len(toks) or toks[nxt].norm not in _SON_OF or v.breaks[nxt] or not is_article_word(toks[i].norm):
        return False  # the first test fails for nearly every token: keep it cheap
    if i > 0 and not v.breaks[i] and (v.norm(i - 1) in CONNECTORS or v.is_first_name(i - 1) is not None):
        return False  # «عبد الرحمن بن خلدون»، «نصر الدين بن معاطي»: the second half of a given name
    return not (v.is_stop(i) or v.is_trigger(i) or i in v.strong_place_tokens or _match_title(v, i))


_SON_WORDS = frozenset({"بن", "وبن"})


def _son_of_start(v: View, i: int):
    """«يرأسه بن سلمان»، «وبن عيسى»: «بن» + a listed given name with no name before it is a person named by
    his father's name (the و before it is left out); returns its proclitic letters, or None."""
    norm = v.norm(i)
    if norm not in _SON_WORDS or i + 1 >= len(v.toks) or v.breaks[i + 1] or v.is_first_name(i + 1) != "" \
            or i + 1 in v.place_tokens:
        return None
    if norm == "بن" and i > 0 and not v.breaks[i] and (v.is_first_name(i - 1) is not None or _name_like(v, i - 1, False)):
        return None  # the middle of a nasab chain: the rules starting at the given name take it
    return len(norm) - 2


def _quiet_tokens(v: View, bits: List[int], heads: List[bool]) -> List[bool]:
    """Tokens where no rule of ``find_persons`` can start anything, decided from per-token look-ups.

    Speed only: most tokens start nothing, and asking each rule in turn costs ~10 calls per token. A token
    is quiet when every rule's first test fails: it heads no title (``heads``), does not end in ابو
    (``_kunya_start``), is not followed by بن/بنت (``_article_given``), is no given name
    (``_first_name_start``), and for ``_unknown_name``: the word before opens no frame, no title starts in
    the next three tokens and no «(» follows it or the next token (``_name_before_age``).
    """
    toks = v.toks
    n = len(toks)
    norms = [t.norm for t in toks]
    prev = [False] + [b & FRAME for b in bits[:-1]]  # a frame word (ner_person_words) before the token
    ts = v.title_starts + [False, False, False]
    near_title = [a or b or c for a, b, c in zip(ts[1:], ts[2:], ts[3:])]
    son_next = [w in _SON_OF for w in norms[1:]] + [False]
    if v.has_paren:
        text = v.ft.original
        gaps = ["(" in text[a.end:b.start] for a, b in zip(toks, toks[1:])] + [False, False]
        paren = [gaps[k] or gaps[k + 1] for k in range(n)]
    else:
        paren = [False] * n
    return [not (h or p or t or s or pa or f is not None or w.endswith("ابو") or w in _SON_WORDS)
            for h, p, t, s, pa, f, w in zip(heads, prev, near_title, son_next, paren, v._first, norms)]


def find_persons(v: View, blocked: Set[int]) -> List[Span]:
    """Person spans (token ranges) not overlapping ``blocked`` tokens (organizations)."""
    toks = v.toks
    out: List[Span] = []
    bits = word_bits.per_token(v)
    heads = [(b & HEAD) == HEAD for b in bits]
    v.title_starts = [h and _match_title(v, k) > 0 for k, h in enumerate(heads)]
    quiet = _quiet_tokens(v, bits, heads)
    i = 0
    while i < len(toks):
        if i in blocked or quiet[i]:
            i += 1
            continue
        tlen = _match_title(v, i)
        if tlen:
            k = i + tlen
            skipped = 0
            timed = False
            no_complement = tlen == 1 and v.art(i)[1] in _NO_COMPLEMENT
            construct = _takes_complement(v, i, tlen)
            while k < len(toks) and skipped < MAX_COMPLEMENT and k not in blocked and not no_complement:
                if v.is_first_name(k) == "" and not (v.breaks[k] and v.norm(k) in ("عن",)):
                    break
                norm = v.norm(k)
                if v.breaks[k] and not (v.ft.original[toks[k - 1].end:toks[k].start].strip() in ("،", ",")):
                    break
                if _article_given(v, k):
                    break  # «الأمير الوليد بن طلال»: the name starts at the definite given name
                if norm in _TIME_ADVERBS:  # «الرئيس الأمريكي حينذاك دوايت إيزنهاور»
                    timed = True
                    k += 1
                    break
                if is_article_word(norm) or norm.startswith("لل") or norm in OFFICE_NOUNS \
                        or k in v.place_tokens or (norm[:1] in "لب" and is_article_word(norm[1:])):
                    if v.is_stop(k):
                        if norm in _TIME_ADJECTIVES:  # it closes the title phrase: the name comes right after
                            timed = True
                            k += 1
                        break
                    k += 1
                    skipped += 1
                    continue
                break
            if skipped and k < len(toks) and v.norm(k)[:1] in "لب" and v.is_first_name(k) is None:
                i = k  # «مدير المرصد السوري لحقوق الإنسان»: a preposition continues the description
                continue
            after_org = _name_after_org(v, k, blocked) if k in blocked else None
            if after_org is not None:
                out.append(after_org)
                v.memo("rule", after_org[0], lambda _: "title")
                i = after_org[1]
                continue
            if k < len(toks) and k not in blocked and _name_like(v, k, True) and not v.is_stop(k) \
                    and not (v.norm(k)[0] == "و" and v.is_first_name(k) is None and len(v.norm(k)) > 3):
                pre = v.is_first_name(k) or ""
                end = _extend(v, k, max_unknown=2)
                end = _trim_blocked(end, k, blocked)
                if end == k + 1 and v.is_first_name(k) is None and (
                        _bare_title(v, v.norm(k)) or _verb_or_own(v, k) or no_complement
                        or (timed and not _known_family(v, k)) or _plain_word(v, k)
                        or (construct and k == i + tlen and not _known_family(v, k))):
                    # «سمو أمير دولة الكويت»: a second title word; «الملك تزوج من»: a verb; «إن الفريق جاهز»:
                    # a title that is also a common noun names no one by a lone unknown word (a general's
                    # surname alone, «الفريق مميش», is found from his full name by propagate_surnames); after
                    # «السابق» one unknown word is as often the predicate («الوزير السابق مرتاحا»، «زمام الأمور»)
                    i = end
                    continue
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
        if _article_given(v, i) and i not in v.place_tokens:
            end = _trim_blocked(_extend(v, i, max_unknown=2), i, blocked)
            if end > i + 2:
                out.append((i, end, 0))
                v.memo("rule", i, lambda _: "given")
                i = end
                continue
        son = _son_of_start(v, i)
        if son is not None:
            end = _trim_blocked(_extend(v, i), i, blocked)
            if end > i + 1:
                out.append((i, end, son))
                v.memo("rule", i, lambda _: "given")
                i = end
                continue
        plen = _first_name_start(v, i)
        if plen is not None and i not in v.place_tokens:
            end = _trim_blocked(_extend(v, i), i, blocked)
            if end == i + 1 and _other_initial_hamza(v, i, plen):
                i += 1  # «أدوار» (roles) alone is not «إدوار»
                continue
            out.append((i, end, plen))
            v.memo("rule", i, lambda _: "given")
            i = end
            continue
        end = _unknown_name(v, i, blocked)
        if end:
            out.append((i, end, and_letter(v, i, end) if v.has_paren else 0))
            age = v.has_paren and end < len(toks) and "(" in v.ft.original[toks[end - 1].end:toks[end].start]
            v.memo("rule", i, lambda _: "age" if age else "frame")  # a name before «(58 عاما)» is well anchored
            i = end
            continue
        i += 1
    known = ner_person_public.full_name_spans(v.ft)
    for k in known:
        v.memo("rule", k[0], lambda _: "given")
    out = ner_person_public.merge(out, known, blocked,
                                  lambda t: v.is_first_name(t) is not None or v.norm(t) in CONNECTORS)
    out = [p for p in out if not _names_a_facility(v, p[0])]
    return widen(v, coordinated(v, _unlisted_before_given(v, out, blocked), blocked), blocked)


def _unlisted_before_given(v: View, out: List[Span], blocked: Set[int]) -> List[Span]:
    """«ناريمان محمد»: a lone listed given name is the father's name of an unlisted given name before it."""
    taken = set(blocked)
    for a, b, _ in out:
        taken.update(range(a, b))
    res = []
    for a, b, plen in out:
        if b - a == 1 and plen == 0 and v.rule_of(a) == "given" and a > 0:
            k = _unknown_given(v, a - 1, taken)
            if k >= 0:
                res.append((a - 1, b, k))
                continue
        res.append((a, b, plen))
    return res


def _name_after_org(v: View, k: int, blocked: Set[int]) -> Optional[Span]:
    """«المتحدثة باسم البيت الأبيض دانا برينو إن»: after a title, the organization it belongs to (a blocked
    span, maybe a nationality after it), then a name closed by punctuation, a function word or a title:
    two name-like words, or a listed given name."""
    toks = v.toks
    j = k
    while j < len(toks) and j in blocked and (j == k or not v.breaks[j]):
        j += 1
    for _ in range(2):
        if j < len(toks) and not v.breaks[j] and is_nisba(v.norm(j)) and is_article_word(v.norm(j)):
            j += 1
    if j >= len(toks) or v.breaks[j] or j in blocked or v.is_stop(j) or not _name_like(v, j, True) \
            or v.norm(j)[0] == "و":
        return None
    pre = v.is_first_name(j)
    end = _trim_blocked(_extend(v, j, max_unknown=2), j, blocked)
    if end - j < 2 and pre != "":
        return None
    if end < len(toks) and not (v.breaks[end] or v.is_stop(end) or _match_title(v, end)):
        return None
    return j, end, len(pre or "")


def _names_a_facility(v: View, a: int) -> bool:
    """«ستاد الملك عبدالله»، «مسجد الحسن الثاني»، «جائزة زايد»: a person's name right after a facility or
    prize word (a title may stand between) names the place or the prize, not the person."""
    j = a - 1
    if j >= 0 and not v.breaks[a] and _match_title(v, j):
        a, j = j, j - 1
    if j < 0 or v.breaks[a]:
        return False
    return v.split(j, _NAMING_HEADS)[1] in _NAMING_HEADS


# The nouns whose complement names a place, a treaty, an institution or an index, not a person: facilities and
# prizes, the place nouns of the propagation filter, «كنيسة مايكل المقدسة»، «بوابة فاطمة»، «معاهدة سان
# ستيفانو»; «جامعة السلطان قابوس»، «مركز الملك سلمان»; «مؤشر نيكي»، «مسح إيفو». One fixed set: v.split keeps
# a table of proclitic forms per set.
_NAMING_HEADS = _FACILITIES | _PLACE_HEADS | frozenset(key(w) for w in (
    "كنيسة", "كاتدرائية", "معبد", "بوابة", "معاهدة", "جزيرة",
    "جامعة", "معهد", "مركز", "مؤسسة", "مكتبة", "متحف", "أكاديمية",
    "مؤشر", "مسح"))


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
