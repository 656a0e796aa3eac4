"""Reading the speaker phrase after a reporting cue, and dropping the title in front of a name.

Arabic news puts the subject after the verb: «وقال وزير الخارجية العراقي فؤاد حسين إن ...». The phrase
runs from the verb to the first stop word (إن، في، لوكالة، a weekday ...) or punctuation. A title is a
head word (وزير، الرئيس) followed by definite words, construct nouns and country names
(الخارجية العراقي، خارجية إيران); what follows it is the name. A run of definite words before a name
is a title too (المحققة كارولين كورفيلد). When nothing follows, or the head is indefinite
(متحدث باسم ...، مصدر أمني), the whole role or organization phrase is the speaker.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Tuple

from akhbar.transforms.quotes_lexicon import bare, cue_kind, sections, stops, titles, tokens

Tok = Tuple[str, int, int]
_MAX_TOKENS = 12
_PUNCT = set("\"«»“”„‟()[]،,:؛;.!؟?")
_QUOTE_MARKS = set("\"«»“”„‟")
_ROLE_LINKS = ("في", "من", "باسم", "لدي")
_CALLED = {"يدعي", "تدعي", "المدعو", "المدعوه", "ويدعي", "وتدعي", "اسمه", "اسمها"}
# Nouns for a statement; «بيان لوزارة ...» names its issuer after ل.
_STATEMENT = {"بيان", "تقرير", "رساله", "تغريده", "تصريح", "تصريحات", "كلمه", "خطاب", "مقال", "افتتاحيه"}


@dataclass(frozen=True)
class Speaker:
    """A speaker: the name (title dropped), the title words before it, and the phrase's place."""

    name: str
    title: str
    start: int
    end: int

    @property
    def role_only(self) -> bool:
        """True when the phrase names a role or organization but no person after it."""
        return not self.title and _is_head(bare(self.name.split()[0])) if self.name else False


@lru_cache(maxsize=65536)
def _is_stop(tok: str) -> bool:
    if tok in _PUNCT or any(c.isdigit() for c in tok) or tok.startswith("لـ"):
        return True
    b = bare(tok)
    if len(b) < 2:
        return True  # «بـ»، «و»: a clitic standing alone
    if b[0] == "ل" and len(b) > 4 and tok.endswith(("ه", "ها", "هم")) and not b.startswith("لل") \
            and b[1:] not in titles().get("head", ()):
        return True  # «وأكد لمحبيه الأمر»: an addressee
    lists = stops()
    if b in lists.get("word", ()):
        return True
    if (len(b) >= 4 and b.endswith(("ته", "تها", "تهم", "تهما"))):
        return True
    if len(b) >= 5 and b[0] == "م" and b[-1] == "ا":
        return True  # «وأضاف مبتسما»: a circumstantial participle, not a subject
    return any(b.startswith(p) for p in lists.get("prefix", ())) or bool(cue_kind(tok))


def _root(b: str) -> str:
    for p in ("بال", "ال", "لل"):
        if b.startswith(p) and len(b) > len(p) + 1:
            return b[len(p):]
    return b


@lru_cache(maxsize=65536)
def _is_head(b: str) -> bool:
    heads = titles().get("head", ())
    return _root(b) in heads or b in heads


def _is_indefinite(b: str) -> bool:
    return b in titles().get("indefinite", ())


def _definite(b: str) -> bool:
    """ال-words, and وال-words inside a phrase («مدير وكالة الحج والعمرة»)."""
    return b.startswith(("ال", "لل", "وال")) and not b.startswith("الله")


def _continues_title(b: str, nxt: str = "") -> bool:
    """A word that is still part of a title; a plural noun before a definite one is a construct
    («مدير سلطات المطار»)."""
    parts = titles().get("part", ())
    if b.endswith("ات") and _definite(nxt):
        return True
    if b in ("علي", "لدي") and (_definite(nxt) or nxt in parts):
        return True  # «المشرفة على فريق الفتيات يمامة الشكعة»، «السفيرة الأمريكية لدى مجلس الأمن»
    return _definite(b) or b.startswith("بال") or b in parts or _root(b) in parts or _is_head(b)


def _quoted_run(text: str, toks: List[Tok], k: int) -> int:
    """Index after a short quoted name that opens at token k (≤ 4 words), or k when there is none."""
    for m in range(k + 1, min(len(toks), k + 7)):
        if toks[m][0] in _QUOTE_MARKS:
            return m + 1 if m > k + 1 else k
        if toks[m][0] in _PUNCT:
            return k
    return k


def phrase(text: str, pos: int, limit: int) -> List[Tok]:
    """Tokens of the subject phrase starting at ``pos`` (empty when a stop word comes first).

    A short quoted name after a noun in construct state belongs to the phrase
    («محامي "سامسونغ" جون كين»، «رئيس مجلس إدارة "سي بي اس"»); its marks are kept as tokens.
    """
    out: List[Tok] = []
    role = False  # inside an indefinite role phrase, where في/من + definite words still belong
    titled = False
    toks = list(tokens(text, pos, limit))
    k = 0
    while k < len(toks):
        tok, s, e = toks[k]
        b = bare(tok)
        if out and tok in _QUOTE_MARKS and not _definite(bare(out[-1][0])):
            end = _quoted_run(text, toks, k)
            if end > k:
                out.extend(toks[k:end])
                k = end
                continue
        if out and (role or (b in ("علي", "لدي") and titled)) and b in _ROLE_LINKS + ("علي",):
            out.append((tok, s, e))
            k += 1
            continue
        if out and (titled or _root(bare(out[-1][0])) in _STATEMENT) and b.startswith("لل"):
            out.append((tok, s, e))
            k += 1
            continue
        if _is_stop(tok):
            break
        if not out and _is_indefinite(b):
            role = True
        titled = titled or _is_head(b)
        out.append((tok, s, e))
        k += 1
        if len(out) >= _MAX_TOKENS:
            break
    while out and bare(out[-1][0]) in _ROLE_LINKS + ("علي",):
        out.pop()
    return out


def _names_thing(b: str) -> bool:
    """A role or organization noun («وكالة»، «منظمة»، «الصحيفة») that a name may follow."""
    naming = sections("quote_naming.txt").get("naming", frozenset())
    return _root(b) in naming or b in naming or _is_head(b) or _definite(b)


def _clean(s: str) -> str:
    """A speaker string: no quotation marks, hashtags read as words («#أنور_قرقاش» -> «أنور قرقاش»)."""
    s = "".join(c for c in s if c not in _QUOTE_MARKS and c != "#").replace("_", " ")
    return " ".join(s.split())


def _is_org(b: str) -> bool:
    return _root(b) in titles().get("org", ()) or b in titles().get("org", ())


def _is_given(tok: str) -> bool:
    """Whether a token is a given name in the ner engineer's list (False when the list is absent)."""
    try:
        from akhbar.transforms.arabic_text import key
        from akhbar.transforms.ner_lexicon import load
    except ImportError:
        return False
    return key(tok) in load().first_names


def _first_name_at(bs: List[str], raw: List[str], i: int) -> int:
    """Index of a given name within a few tokens after i («المتحدث باسم مديرية أمن زوارة حافظ معمر»),
    from the ner engineer's list of given names; i when there is none."""
    try:
        from akhbar.transforms.arabic_text import key
        from akhbar.transforms.ner_lexicon import load
    except ImportError:  # the list is optional: without it titles end by the rules above
        return i
    lex = load()
    for p in range(i, min(len(bs), i + 4)):
        if raw[p] in _QUOTE_MARKS:
            return i
        if key(raw[p]) in lex.first_names:
            return p
    return i


def _construct(bs: List[str], i: int) -> bool:
    """bs[i] is a noun in construct state inside a title: a definite word follows it and a name
    still follows that («لاعب وسط المنتخب الألماني ليروي ساني»), unlike «خالد اليماني»."""
    j = i + 1
    if j < len(bs) and bs[j] in _QUOTE_MARKS:  # «شبكة "سي بي اس نيوز" ليسلي مونفس»
        close = next((m for m in range(j + 1, len(bs)) if bs[m] in _QUOTE_MARKS), len(bs))
        return close + 1 < len(bs)
    if j >= len(bs) or not _definite(bs[j]):
        return False
    while j < len(bs) and (_definite(bs[j]) or bs[j] in _QUOTE_MARKS):
        j += 1
    return j < len(bs) and not _is_head(bs[j])  # not «ميسواتي الثالث ملك سوازيلاند»


def _statement_issuer(text: str, toks: List[Tok]) -> Optional[Speaker]:
    """«بيان لوزارة الدفاع الروسية»، «تصريح للحكومة القطرية»: the issuer, not the statement."""
    if len(toks) < 2 or _root(bare(toks[0][0])) not in _STATEMENT:
        return None
    second = toks[1][0]
    rest_b = bare(second)[1:]
    known = titles().get("part", frozenset()) | sections("quote_naming.txt").get("naming", frozenset())
    if not second.startswith("ل") or len(second) < 4 or not (second.startswith("لل") or rest_b in known):
        return None  # «بيان ليفربول»: ليفربول is a name, not ل + noun
    first = ("ا" + second[1:]) if second.startswith("لل") else second[1:]
    rest = text[toks[1][2]:toks[-1][2]]
    return Speaker(_clean(first + rest), "", toks[0][1], toks[-1][2])


_CONNECTORS = {"عبد", "ابو", "بن", "ابن", "آل", "ام", "بنت", "ابي", "ولد", "دي", "فان", "فون", "دو"}


def _object_noun(bs: List[str], toks: List[Tok], j: int) -> bool:
    """«وانتقدت سيفوينتس مقطع الفيديو»: a noun in construct with a definite word after a name is the
    verb's object (unless it is a given name or part of a compound name: «أبو بكر البغدادي»)."""
    if j + 1 >= len(bs) or _definite(bs[j]) or not _definite(bs[j + 1]):
        return False
    if bs[j] in _CONNECTORS or bs[j - 1] in _CONNECTORS:
        return False
    return not _is_given(toks[j][0])


def name_of(text: str, toks: List[Tok]) -> Optional[Speaker]:
    """The speaker named by a subject phrase, title dropped (role phrase kept when no name follows)."""
    if not toks:
        return None
    issuer = _statement_issuer(text, toks)
    if issuer is not None:
        return issuer
    bs = [bare(t[0]) if t[0] not in _QUOTE_MARKS else t[0] for t in toks]
    whole = Speaker(_clean(text[toks[0][1]:toks[-1][2]]), "", toks[0][1], toks[-1][2])
    called = next((k for k, b in enumerate(bs) if b in _CALLED), None)
    if called is not None and 0 < called < len(toks) - 1:  # «شاهد يدعى سري لقسمي»: the name follows
        head = _clean(text[toks[0][1]:toks[called - 1][2]])
        return Speaker(_clean(text[toks[called + 1][1]:toks[-1][2]]), head, toks[0][1], toks[-1][2])
    if _is_indefinite(bs[0]):
        return whole
    i = 0
    if _is_head(bs[0]):
        i = 1
        while i < len(toks):
            after_definite = _definite(bs[i - 1]) and not _definite(bs[i])
            if bs[i] in _QUOTE_MARKS:
                close = next((m for m in range(i + 1, len(bs)) if bs[m] in _QUOTE_MARKS), len(bs) - 1)
                i = close + 1
            elif after_definite and _is_org(bs[i]):
                # «دعا الملك حكومة الرزاز»: a definite title takes no genitive; the object starts here.
                return Speaker(_clean(text[toks[0][1]:toks[i - 1][2]]), "", toks[0][1], toks[i - 1][2])
            elif _continues_title(bs[i], bs[i + 1] if i + 1 < len(bs) else "") or _construct(bs, i):
                i += 1
            else:
                break
        if i < len(toks) and (_is_org(bs[i]) or bs[i - 1] == "باسم"):
            i = _first_name_at(bs, [t[0] for t in toks], i)  # «باسم مديرية أمن زوارة حافظ معمر»
    elif _definite(bs[0]):
        # «الجيش الإسرائيلي حصيلة القتلى»: a definite subject, then the verb's object.
        k = 0
        while k < len(toks) and (_definite(bs[k]) or bs[k] in _QUOTE_MARKS):
            k += 1
        if k < len(toks) and _first_name_at(bs, [t[0] for t in toks], k) == k and _is_given(toks[k][0]):
            # «الطفل غاريت ماثياس»: a definite description, then a given name
            return Speaker(_clean(text[toks[k][1]:toks[-1][2]]), _clean(text[toks[0][1]:toks[k - 1][2]]),
                           toks[0][1], toks[-1][2])
        if k < len(toks):
            return Speaker(_clean(text[toks[0][1]:toks[k - 1][2]]), "", toks[0][1], toks[k - 1][2])
        return whole
    relational = titles().get("relational", ())
    nested = _root(bs[0]) in relational and any(_is_head(b) for b in bs[1:i])
    if i >= len(toks) or nested:
        return whole
    # The name ends where an apposition starts: «سالفيني زعيم اليمين المتطرف».
    j = i + 1
    while j < len(toks) and not _is_head(bs[j]) and bs[j] not in _QUOTE_MARKS and not bs[j].startswith("بال") \
            and not _is_org(bs[j]) and not bs[j].startswith("لل") and not _object_noun(bs, toks, j):
        j += 1  # «ليسلي مونفس بالتحرش»، «هيومن رايتس ووتش مجلس ...»، «بكر بوزداج للصحفيين»: the name ends
    title = _clean(text[toks[0][1]:toks[i][1]]) if i else ""
    return Speaker(_clean(text[toks[i][1]:toks[j - 1][2]]), title, toks[0][1], toks[-1][2])


def _apposition(text: str, after: int, limit: int) -> Optional[Speaker]:
    """The name in «وزير الخارجية اليمني، خالد اليماني، الجمعة» right after a role phrase."""
    skipped = 0
    it = tokens(text, after, limit)
    for tok, s, e in it:
        if tok in "،,":
            break
        if tok in _PUNCT or cue_kind(tok) or bare(tok) in ("ان", "انه", "انها", "بان"):
            return None
        skipped += 1
        if skipped > 6:
            return None
    else:
        return None
    name: List[Tok] = []
    for tok, s, e in it:
        b = bare(tok)
        if tok in "،," or (name and _is_stop(tok)):
            break
        first_bad = not name and (_definite(b) or b[:1] in ("و", "ف"))
        if _is_stop(tok) or first_bad or _is_head(b) or len(name) >= 4:
            return None
        name.append((tok, s, e))
    else:
        return None
    if not name:
        return None
    return Speaker(_clean(text[name[0][1]:name[-1][2]]), "", name[0][1], name[-1][2])


def _quoted_name(text: str, pos: int, limit: int) -> Optional[Tok]:
    """A short quoted name right at ``pos`` («وقالت "بي إن" في بيان»): (inner text, start, end)."""
    i = pos
    while i < limit and text[i] == " ":
        i += 1
    if i >= limit or text[i] not in _QUOTE_MARKS:
        return None
    j = i + 1
    while j < len(text) and text[j] not in _QUOTE_MARKS and text[j] != "\n" and j - i < 40:
        j += 1
    if j >= len(text) or text[j] not in _QUOTE_MARKS:
        return None
    inner = text[i + 1:j].strip()
    if not inner or len(inner.split()) > 4:
        return None
    nxt = next(tokens(text, j + 1, len(text)), None)
    if nxt is not None and not _is_stop(nxt[0]) and not _definite(bare(nxt[0])):
        return None
    return inner, i, j + 1


def subject_after(text: str, pos: int, limit: int, reported: bool = False) -> Optional[Speaker]:
    """The explicit subject right after a cue ending at ``pos``; None when the verb has no subject.

    With ``reported`` (نقل، نقلت، نقلا) the speaker is named after عن: «نقلت رويترز عن مصدر قوله».
    """
    quoted = _quoted_name(text, pos, len(text))
    if quoted is not None:
        return Speaker(_clean(quoted[0]), "", quoted[1], quoted[2])
    toks = phrase(text, pos, limit)
    after = toks[-1][2] if toks else pos
    if reported:  # «نقلت وكالة رويترز للأنباء عن ...»، «ونقل موقع "سي إن بي سي"، الجمعة، عن ...»
        for nxt in list(tokens(text, after, limit))[:8]:
            if bare(nxt[0]) == "عن":
                inner = subject_after(text, nxt[2], limit)
                if inner is not None:
                    return inner
                break
            if cue_kind(nxt[0]) or nxt[0] == ":":
                break
    if 0 < len(toks) <= 2 and _names_thing(bare(toks[-1][0])):
        q = _quoted_name(text, after, len(text))
        if q is not None:  # «وقالت وكالة "كلاتش سبورتس"»
            return Speaker(_clean(text[toks[0][1]:toks[-1][2]] + " " + q[0]), "", toks[0][1], q[2])
    who = name_of(text, toks)
    if who is not None and not who.title and (who.role_only or _names_thing(bare(toks[0][0]))):
        app = _apposition(text, after, len(text))
        if app is not None:
            return Speaker(app.name, who.name, who.start, app.end)
    return who
