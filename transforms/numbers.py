"""Extraction of numbers and quantities.

Finds numbers written in ASCII or Arabic-Indic digits (thousands separators ٬ and ",", decimals ٫ "." and
"،" between digits; "1,500" is 1500 and "8,4" is 8.4: a comma followed by exactly three digits groups
thousands, otherwise it is a decimal comma) and in words (ثلاثة، ثلاثة آلاف، واحدا وستين، مئتين وخمسين
ألفا), with a scale word (2.5 مليار، 75 ألف) and the unit that follows (قتيلا -> killed, دولار -> USD,
بالمئة / % -> percent; transforms/data/units.tsv lists them all).

Conventions: عشرات = 10, مئات = 100, آلاف and ملايين alone = 1000 and 1,000,000 ("tens of", "hundreds
of": the smallest value the word allows); عشرات الآلاف = 10,000. A bare دينار / ريال / درهم / جنيه / ليرة
takes the source's country (IQD for an Iraqi source, transforms/data/units_by_country.tsv), else the
generic name (dinar). The number's text runs from the number through its scale word and unit.

Not numbers here (the dates extractor owns them, or they are labels): years (1900-2100 written in four
digits with no unit), a day before a month name (25 مارس), clock times (07:19), digits joined by "/" or
"-" to other digits (2015/2016, 4-3), model names (إيه-380، A380), ordinals written with الـ (الـ12),
and definite number words (الثلاثة، الاثنين).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, List, Optional, Tuple

from akhbar.schemas.extracted import Number
from akhbar.schemas.records import ExtractContext
from akhbar.transforms.normalize import PLACEHOLDER, normalize_for_match
from akhbar.transforms.numbers_lexicon import duals, longest_unit, number_words, resolve_unit, skip_after, units

_TOKEN = re.compile(r"(?P<num>\d+(?:[.,،٫٬]\d+)*)|(?P<word>[^\W\d_]+)|(?P<pct>[%٪])|(?P<other>\S)")
_PREFIXES = ("و", "ب", "ل", "ف")
_SCORE_AFTER = re.compile(r"\s*-\s*(?:\d|صفر)")
_SCORE_BEFORE = re.compile(r"(?:\d|صفر)\s*-\s*$")
_CLOCK_BEFORE = {"الساعه", "ساعه"}
_CLOCK_AFTER = {"بتوقيت", "بالتوقيت", "توقيت", "GMT", "غرينتش"}
_RANGE = {"الي", "حتي", "و", "-"}

Tok = Tuple[str, str, int, int]  # kind, folded text (no placeholders), start, end


def extract_numbers(title: str, body: str, ctx: ExtractContext) -> List[Number]:
    """Every Number in the title and body, with offsets into the original text."""
    country = getattr(ctx, "country", None) if ctx is not None else None
    out = field_numbers("title", title or "", country)
    out.extend(field_numbers("body", body or "", country))
    return out


def _tokens(text: str) -> List[Tok]:
    norm = normalize_for_match(text)
    if PLACEHOLDER in norm:
        return [(m.lastgroup, m.group().replace(PLACEHOLDER, ""), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    return [(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]


def _may_start(toks: List[Tok]) -> List[int]:
    """Indexes of the tokens where ``field_numbers`` can find something: digits, and words that are a
    number word (or one after a prefix letter, as ``_word_number`` allows) or a dual. The loop jumps
    over the rest, where it would only step on."""
    words = _starting_words()
    return [k for k, (kind, w, _, _) in enumerate(toks) if kind == "num" or (kind == "word" and w in words)]


@lru_cache(maxsize=1)
def _starting_words() -> FrozenSet[str]:
    """The words ``_may_start`` keeps: number words, duals, and a prefix letter + a number word when the
    whole is longer than two letters (``_word_number``'s own test, listed once)."""
    table = number_words()
    prefixed = {p + w for p in _PREFIXES for w in table if len(p + w) > 2}
    return frozenset(table) | frozenset(duals()) | frozenset(prefixed)


def digit_value(s: str) -> Optional[float]:
    """Value of a digit string with separators (see the module docstring for the comma rule)."""
    s = s.replace("٬", "").replace("٫", ".").replace("،", ".")
    if "," in s:
        head, *groups = s.split(",")
        if groups and all(len(g) == 3 and g.isdigit() for g in groups) and "." not in head:
            s = head + "".join(groups)
        elif len(groups) == 1 and "." not in s:
            s = head + "." + groups[0]
        else:
            return None
    if s.count(".") > 1:
        head, *groups = s.split(".")
        if all(len(g) == 3 for g in groups) and len(head) <= 3:
            s = head + "".join(groups)  # 1.500.000
        else:
            return None
    try:
        return float(s)
    except ValueError:
        return None


def _skip_digits(text: str, toks: List[Tok], i: int, value: float) -> bool:
    """Digits that are a date, a time, a range, a label or an ordinal rather than a quantity."""
    _, s, a, b = toks[i]
    before = text[a - 1] if a > 0 else " "
    after = text[b] if b < len(text) else " "
    if before in ":/-#" or after in ":/" or (after == "-" and b + 1 < len(text) and text[b + 1].isdigit()):
        return True
    if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
        return True
    if i > 0 and toks[i - 1][3] == a and toks[i - 1][1] in ("ال", "الـ", "ل", "لل"):
        return True
    if _SCORE_AFTER.match(text, b) or _SCORE_BEFORE.search(text[max(0, a - 12):a]):
        return True  # «2 - صفر»: a score
    if (i > 0 and toks[i - 1][1] in _CLOCK_BEFORE) or (len(s) == 4 and s.startswith("0")):
        return True  # «الساعة 0345»
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt[1] in _CLOCK_AFTER:
        return True
    day = value <= 31 and value == int(value)
    if day and nxt is not None and nxt[0] == "word" and nxt[1] in skip_after():
        return True
    if day and i + 3 < len(toks) and toks[i + 1][1] in _RANGE and toks[i + 2][0] == "num" \
            and toks[i + 3][1] in skip_after():
        return True  # «من 21 إلى 27 أيار»
    if len(s) == 4 and s.isdigit() and 1900 <= value <= 2100:
        return not _has_unit_or_scale(toks, i + 1)
    return False


def _has_unit_or_scale(toks: List[Tok], j: int) -> bool:
    if j >= len(toks):
        return False
    if toks[j][0] == "pct":
        return True
    w = number_words().get(toks[j][1])
    return (w is not None and w[1] == "scale") or _unit_at(toks, j) is not None


def _unit_at(toks: List[Tok], j: int) -> Optional[Tuple[str, int]]:
    """(unit, index after it) for the longest unit form starting at token j ("ال" allowed on its first word)."""
    if j < len(toks) and toks[j][0] == "pct":
        return "percent", j + 1
    table = units()
    for n in range(min(longest_unit(), len(toks) - j), 0, -1):
        words = toks[j:j + n]
        if any(t[0] != "word" for t in words):
            continue
        form = [t[1] for t in words]
        hit = table.get(tuple(form))
        if hit is None and form[0].startswith("ال") and len(form[0]) > 3:
            hit = table.get(tuple([form[0][2:]] + form[1:]))
        if hit is not None:
            return hit, j + n
    return None


def _word_number(toks: List[Tok], i: int) -> Optional[Tuple[float, int, int]]:
    """(value, start offset, index after) for number words starting at token i, else None."""
    table = number_words()
    kind0, w0, a0, _ = toks[i]
    if kind0 != "word":
        return None
    start = a0
    entry = table.get(w0)
    if entry is None and len(w0) > 2 and w0[0] in _PREFIXES and table.get(w0[1:]) is not None:
        entry, start = table.get(w0[1:]), a0 + 1
    if entry is None:
        return None
    if entry[1] == "teen" and i > 0 and toks[i - 1][1].startswith("ال"):
        return None  # «السادسة عشرة»: an ordinal
    total, cur, j, prev_kind = 0.0, 0.0, i, ""
    while j < len(toks) and toks[j][0] == "word":
        w = toks[j][1]
        e = (entry if j == i else table.get(w)) or (table.get(w[1:]) if w.startswith("و") and j > i else None)
        if e is None:
            break
        joined = j > i and w.startswith("و") and table.get(w) is None
        v, kind = e
        if kind in ("unit", "ten", "hundreds") and (j == i or joined):
            cur += v
        elif kind == "unit_teen_only" and j == i:
            cur += v
        elif kind == "teen" and (j == i or (prev_kind in ("unit", "unit_teen_only") and not joined)):
            cur += v
        elif kind == "hundred" and (j == i or not joined):
            cur = (cur or 1.0) * v
        elif (kind == "scale" and (j == i or not joined)) or (kind == "scale_def" and prev_kind == "approx"):
            total += (cur or 1.0) * v
            cur = 0.0
        elif kind == "value" and (j == i or joined):
            total += v
        elif kind in ("approx", "fraction") and j == i:
            cur = v
        else:
            break
        prev_kind = kind
        j += 1
    if prev_kind == "unit_teen_only" or (prev_kind == "fraction" and j == i + 1):
        return None
    value = total + cur
    if value <= 0:
        return None
    short = j == i + 1 and len(toks[i][1]) - (start - a0) <= 3
    if short and start != a0 and _unit_at(toks, j) is None:
        return None  # «وست ميدلاندز»، «لست»: a prefixed short word counts only before a unit
    return value, start, j


def _counts_many(word: str) -> bool:
    e = number_words().get(word)
    return e is not None and e[1] in ("approx", "scale", "scale_def")


def field_numbers(field: str, text: str, country: Optional[str] = None) -> List[Number]:
    """Numbers of one field."""
    toks = _tokens(text)
    out: List[Number] = []
    starts = _may_start(toks)
    n, k, i = len(starts), 0, 0
    while k < n:
        if starts[k] < i:
            k += 1
            continue
        i = starts[k]
        kind, w, a, b = toks[i]
        value: Optional[float] = None
        start, j = a, i + 1
        if kind == "num":
            value = digit_value(w)
            if value is None or _skip_digits(text, toks, i, value):
                i += 1
                continue
            if j < len(toks) and toks[j][0] == "word":
                e = number_words().get(toks[j][1])
                if e is not None and e[1] == "scale":
                    value *= e[0]
                    j += 1
        elif kind == "word":
            got = _word_number(toks, i)
            if got is not None:
                value, start, j = got
            elif w in duals() and not (i > 0 and toks[i - 1][0] == "num"):
                value, unit_ = 2.0, duals()[w]  # «عامين»: two years
                out.append(Number(text=text[a:b], value=value, unit=unit_, field=field, start=a, end=b))
                i += 1
                continue
        if value is None:
            i += 1
            continue
        unit = None
        before = _unit_at(toks, i - 1) if kind == "word" and j == i + 1 and value <= 2 and i > 0 else None
        if before is not None and before[1] == i:  # «مرة واحدة»: the unit comes first
            out.append(Number(text=text[start:b], value=value, unit=resolve_unit(before[0], country),
                              field=field, start=start, end=b))
            i = j
            continue
        hit = _unit_at(toks, j)
        if hit is None and j + 1 < len(toks) and toks[j][1] == "من" and _counts_many(toks[j - 1][1]):
            hit = _unit_at(toks, j + 1)  # «عشرات الآلاف من المتظاهرين»
        if hit is not None:
            unit, j = resolve_unit(hit[0], country), hit[1]
        end = toks[j - 1][3]
        out.append(Number(text=text[start:end], value=value, unit=unit, field=field, start=start, end=end))
        i = j
    return out
