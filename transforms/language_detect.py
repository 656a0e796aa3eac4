"""Seeded langdetect, built for the gate: same input, same output, and no more work than needed.

Two detectors share langdetect's own profiles. One has every profile (55 languages) and names the language
of text that is not in Arabic script. The other sees only the Arabic-script words of a text, against the
ar, fa and ur profiles, with the letters that Arabic writers share with Persian (``SHARED``) masked out.

Why mask: langdetect's Arabic profile has no گ چ پ ژ ک at all, so one Iraqi گ or a site that types ک for
ك by keyboard habit can drive an Arabic headline to Persian (Iraqi "هسه گاعد بالگهوة وياهم" is fa 0.86
as is, ar 1.00 masked). Masked, those n-grams count for no language and langdetect weighs the rest of the
words; the letters themselves are weighed by the gate's own letter statistics (``script_stats``), where no
single letter decides. Detectors are made per call from factories loaded once (creating one is cheap).
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Dict, Tuple

from langdetect import DetectorFactory, LangDetectException
from langdetect.detector_factory import PROFILES_DIRECTORY

# langdetect is random unless seeded; same input must give the same output.
DetectorFactory.seed = 0
SEED = 0
ARABIC_SCRIPT_PROFILES = ("ar", "fa", "ur")
# A sign that is in no profile: n-grams that contain it are skipped by langdetect.
MASK = "\u06de"
SHARED = str.maketrans({ch: MASK for ch in "کگچپژھڤڥڨ"})


def mask_shared(text: str) -> str:
    return text.translate(SHARED)


@lru_cache(maxsize=1)
def _arabic_script_factory() -> DetectorFactory:
    factory = DetectorFactory()
    profiles = files("langdetect") / "profiles"
    factory.load_json_profile([(profiles / code).read_text(encoding="utf-8") for code in ARABIC_SCRIPT_PROFILES])
    factory.seed = SEED
    return factory


@lru_cache(maxsize=1)
def _full_factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)  # every profile langdetect ships
    factory.seed = SEED
    return factory


def _probabilities(factory: DetectorFactory, text: str, max_chars: int) -> Dict[str, float]:
    detector = factory.create()
    detector.seed = SEED
    detector.set_max_text_length(max_chars)
    detector.append(text)
    try:
        detector.get_probabilities()
    except LangDetectException:  # no n-gram of the text is in any profile
        return {}
    return {lang: p for lang, p in zip(detector.langlist, detector.langprob) if p > 0.0}


def arabic_script_probs(text: str, max_chars: int = 3000) -> Dict[str, float]:
    """P(ar), P(fa), P(ur) of Arabic-script text, shared letters masked; {} when there is nothing to go on."""
    return _probabilities(_arabic_script_factory(), mask_shared(text), max_chars)


def best_language(text: str, max_chars: int = 3000) -> Tuple[str, float]:
    """langdetect's best guess over all its profiles, ("und", 0.0) when it has none."""
    probs = _probabilities(_full_factory(), text, max_chars)
    if not probs:
        return "und", 0.0
    lang = max(sorted(probs), key=probs.__getitem__)
    return lang, probs[lang]
