"""The per-word cache of the person rules answers like the rule it wraps, once per word."""
from types import SimpleNamespace

from akhbar.transforms import ner_person_words
from akhbar.transforms.ner_person_words import WordCache


def _view(*norms):
    return SimpleNamespace(toks=[SimpleNamespace(norm=n) for n in norms])


def test_word_cache_asks_once_per_word_and_answers_like_the_rule():
    asked = []

    def answer(v, i):
        asked.append(v.toks[i].norm)
        return v.toks[i].norm.startswith("قال")

    cached = WordCache(answer)
    v = _view("قال", "الرئيس", "قال", "الرئيس")
    assert [cached(v, i) for i in range(4)] == [True, False, True, False]
    assert asked == ["قال", "الرئيس"]


def test_word_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(ner_person_words, "_LIMIT", 3)
    cached = WordCache(lambda v, i: False)
    v = _view(*[f"كلمة{n}" for n in range(10)])
    for i in range(10):
        cached(v, i)
    assert len(cached._seen) <= 4


def test_token_spans_cover_a_listed_name_after_a_proclitic():
    from akhbar.transforms.arabic_text import fold_text, key
    from akhbar.transforms.phrase_match import PhraseMatcher, token_spans

    ft = fold_text("التقى الرئيس وبشار الأسد في دمشق")
    spans = token_spans(ft, PhraseMatcher([(key("بشار الأسد"), "per")]).find(ft))
    assert len(spans) == 1
    first, end, skip = spans[0]
    words = [ft.original[t.start:t.end] for t in ft.tokens[first:end]]
    assert words == ["وبشار", "الأسد"] and skip == 1  # the و is skipped, the name is both tokens


_TEXTS = [
    "وقال الرئيس الفرنسي إيمانويل ماكرون إن الحكومة ستدرس الأمر، فيما أكد الوزير الأمريكي جون كيري ذلك.",
    "سجل روبي فاولر الهدف الثاني، وأحرزه كريستيانو رونالدو (33 عاما) من ركلة جزاء. وأضاف فليح أن الأمير الوليد بن طلال",
    "أبو أيوب المصري ووزير الخارجية السعودي عادل الجبير التقيا في الرياض مع اللاعب الأرجنتيني ليونيل ميسي (يمين).",
    "نسبت الهجمات لأبو عبيدة الجراح وفابو سمبل ووأبو قتادة في المنطقة الشرقية.",
    "صرح المتحدث باسم البيت الأبيض شون سبايسر بأن علي لاريجاني وصل، وقالت الصحيفة البريطانية إن السوري لحقوق الإنسان",
]


def _view_of(text):
    from akhbar.transforms import ner_lexicon
    from akhbar.transforms.arabic_text import fold_text
    from akhbar.transforms.ner_tokens import make_view

    return make_view(fold_text(text), ner_lexicon.load(), [], [], [])


def test_word_bits_are_the_rules_answers():
    from akhbar.transforms.ner_person_words import FRAME, HEAD, SAYING, SCORE_VERBS, _is_saying_at, word_bits
    from akhbar.transforms.ner_tokens import _nationality_stem, is_nationality

    for text in _TEXTS:
        v = _view_of(text)
        heads = v.lex.title_heads
        for i, bits in enumerate(word_bits.per_token(v)):
            assert bool(bits & HEAD) == (v.art(i)[1] in heads or bool(v.split(i, heads)[0]))
            assert bool(bits & SAYING) == _is_saying_at(v, i)
            assert bool(bits & FRAME) == (_is_saying_at(v, i) or v.norm(i) in SCORE_VERBS
                                          or is_nationality(_nationality_stem(v.norm(i))))
            assert bits == word_bits(v, i)


def test_quiet_tokens_start_nothing():
    """A token find_persons skips as quiet is one where every rule would have found nothing."""
    from akhbar.transforms import ner_person as P
    from akhbar.transforms.ner_person_core import _match_title
    from akhbar.transforms.ner_person_frames import _unknown_name

    quiet_seen = loud_seen = 0
    for text in _TEXTS:
        v = _view_of(text)
        P.find_persons(v, set())  # fills title_starts
        bits = P.word_bits.per_token(v)
        quiet = P._quiet_tokens(v, bits, [(b & P.HEAD) == P.HEAD for b in bits])
        for i, q in enumerate(quiet):
            found = (_match_title(v, i), P._kunya_start(v, i), P._article_given(v, i), P._first_name_start(v, i),
                     _unknown_name(v, i, set()))
            if q:
                quiet_seen += 1
                assert found == (0, None, False, None, 0), (text, i, v.norm(i))
            elif found != (0, None, False, None, 0):
                loud_seen += 1
    assert quiet_seen > 20 and loud_seen > 5  # the texts exercise both sides


def test_word_facts_table_answers_every_word_and_does_not_grow():
    """The fixed table of stopword / given-name / trigger facts (listed words and their proclitic forms)
    gives what ``_word_facts`` computes for any word, listed or not, and seeing texts adds nothing to it."""
    from akhbar.transforms import ner_lexicon, ner_tokens
    from akhbar.transforms.arabic_text import CLITICS_PLAIN

    lex = ner_lexicon.load()
    table = ner_tokens._lex_facts(lex)
    size = len(table)
    words = {t.norm for text in _TEXTS for t in _view_of(text).toks}
    for w in sorted(lex.stopwords)[:40] + sorted(lex.first_names)[:80] + sorted(lex.org_triggers)[:40]:
        words.update(p + w for p in CLITICS_PLAIN)
        words.update(p + "لل" + w[2:] for p in ("", "ول", "فل") if w.startswith("ال"))
        words.update((w[1:], w + "ه", "ا" + w))  # near misses
    assert len(words) > 1000
    for w in words:
        assert table.get(w, ner_tokens._NO_FACTS) == ner_tokens._word_facts(lex, w), w
    assert any(table.get(w) for w in words) and len(ner_tokens._lex_facts(lex)) == size


def test_split_forms_are_exactly_the_words_split_finds_listed():
    from akhbar.transforms.arabic_text import CLITICS_PLAIN
    from akhbar.transforms.ner_sports import _CLUB_WORDS, _SPORT_WORDS
    from akhbar.transforms.ner_tokens import split_forms

    for words in (_SPORT_WORDS, _CLUB_WORDS):
        cands = {w for text in _TEXTS for w in text.split()}
        for w in words:
            cands.update(p + w for p in CLITICS_PLAIN)
            cands.update(p + "لل" + w[2:] for p in ("", "ول", "فل", "ب"))
            cands.update((w[1:], w[:-1], "ال" + w))
        v = _view_of(" ".join(sorted(cands)))
        forms = split_forms(words)
        assert [v.split(i, words)[1] in words for i in range(len(v.toks))] == \
            [t.norm in forms for t in v.toks]
        assert len(forms) > len(words)


def test_sentence_bounds_cut_at_sentence_ends_only():
    from akhbar.transforms.ner_sports import _sentences

    text = "فاز برشلونة على ليون. وتعادل ريال مدريد؟ نعم!\nثم قال المدرب، إن الفريق (الأول) جاهز"
    v = _view_of(text)
    toks = v.toks
    expected, start = [], 0
    for i in range(1, len(toks) + 1):
        if i == len(toks) or any(ch in ".!?؟\n" for ch in text[toks[i - 1].end:toks[i].start]):
            expected.extend([(start, i)] * (i - start))
            start = i
    assert _sentences(v) == expected and len(set(expected)) == 4
    assert _sentences(_view_of("")) == []


def test_split_tables_answer_as_the_split_itself():
    """``View.split`` on a fixed word set reads a table of the forms that split; any other word is whole."""
    from akhbar.transforms import ner_lexicon, ner_tokens
    from akhbar.transforms.arabic_text import CLITICS_PLAIN
    from akhbar.transforms.ner_lexicon import SAYING_VERBS

    lex = ner_lexicon.load()
    for known in (lex.title_heads, SAYING_VERBS, frozenset({"ابو"})):
        words = {w for text in _TEXTS for w in text.split()}
        for w in sorted(known)[:60]:
            words.update(p + w for p in CLITICS_PLAIN)
            words.update(p + "لل" + w[2:] for p in ("", "ول", "فل", "و"))
            words.update(("و" + w[1:], w[:-1], "ف" + w + "ه"))
        for w in words:
            w = _view_of(w).toks[0].norm if _view_of(w).toks else w
            assert ner_tokens._split_cached(w, known) == ner_tokens._split_known(w, known), w
        size = len(ner_tokens._KNOWN_SPLITS[id(known)][1])
        for text in _TEXTS:
            v = _view_of(text)
            [v.split(i, known) for i in range(len(v.toks))]
        assert len(ner_tokens._KNOWN_SPLITS[id(known)][1]) == size  # texts add nothing


def test_propagated_full_names_found_with_and_without_the_common_names():
    """A full name seen once is found again («وكارين ماكدوغال»), whether ``names`` holds the listed family
    names (the fast path skips them when looking for full names) or not."""
    from akhbar.transforms.ner_person_article import _common_names, propagate_surnames

    v = _view_of("قالت كارين ماكدوغال إن الأمر انتهى، ثم عادت وكارين ماكدوغال إلى المحكمة مع ماكدوغال وحده")
    own = {"كارين ماكدوغال", "ماكدوغال"}
    with_common = propagate_surnames(v, set(_common_names()) | own, set())
    alone = propagate_surnames(_view_of(v.ft.original), set(own), set())
    assert with_common == alone
    spans = {(a, b) for a, b, _ in alone}
    assert (0 + 1, 3) in spans and any(b - a == 2 and a > 3 for a, b in spans)  # both full mentions
    assert " " not in "".join(_common_names())
