"""Seeded langdetect, built for the gate: same input, same output, and no more work than needed.

Two detectors share langdetect's own profiles: one with every profile (55 languages) for text that is not
in Arabic script, and one with only the Arabic-script profiles (ar, fa, ur) for the Arabic-script words of
a text. The second is about ten times cheaper per n-gram and is not pulled towards Latin languages by
names and acronyms. Detectors are made per call from a factory loaded once (creating one is cheap).
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Dict, Tuple

from langdetect import DetectorFactory, LangDetectException
from langdetect.detector_factory import init_factory

# langdetect is random unless seeded; same input must give the same output.
DetectorFactory.seed = 0
SEED = 0
ARABIC_SCRIPT_PROFILES = ("ar", "fa", "ur")


@lru_cache(maxsize=1)
def _arabic_script_factory() -> DetectorFactory:
    factory = DetectorFactory()
    profiles = files("langdetect") / "profiles"
    factory.load_json_profile([(profiles / code).read_text(encoding="utf-8") for code in ARABIC_SCRIPT_PROFILES])
    factory.seed = SEED
    return factory


@lru_cache(maxsize=1)
def _full_factory() -> DetectorFactory:
    init_factory()  # langdetect's own module-level factory, all profiles
    from langdetect import detector_factory

    factory = detector_factory._factory
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
    """P(ar), P(fa), P(ur) of Arabic-script text; {} when langdetect finds nothing to go on."""
    return _probabilities(_arabic_script_factory(), text, max_chars)


def best_language(text: str, max_chars: int = 3000) -> Tuple[str, float]:
    """langdetect's best guess over all its profiles, ("und", 0.0) when it has none."""
    probs = _probabilities(_full_factory(), text, max_chars)
    if not probs:
        return "und", 0.0
    lang = max(sorted(probs), key=probs.__getitem__)
    return lang, probs[lang]
