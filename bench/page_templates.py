"""HTML of a replayed article page: the real paragraphs inside the boilerplate a news site wraps them in.

Real outlet pages carry navigation, headers, related links, share buttons, ads, comment widgets, inline
JSON state and analytics scripts around a few paragraphs of text; main-text extraction pays for all of it.
The markup here imitates that shape (not any outlet's actual markup) so extraction cost is realistic.
"""
from __future__ import annotations

import html
import json
import random
from typing import List, Sequence, Tuple

# Section labels of an Arabic news site's top navigation.
NAV_LABELS = ["الرئيسية", "أخبار عاجلة", "الشرق الأوسط", "العالم", "اقتصاد", "رياضة", "تكنولوجيا",
              "ثقافة وفن", "صحة", "منوعات", "آراء", "فيديو", "صور", "برامج", "بث مباشر", "الطقس"]
FOOTER_LABELS = ["من نحن", "اتصل بنا", "سياسة الخصوصية", "شروط الاستخدام", "أعلن معنا", "وظائف",
                 "خريطة الموقع", "الأرشيف", "النشرة البريدية", "تطبيقات الهاتف", "RSS", "المساعدة"]
SOCIAL = ["facebook", "twitter", "instagram", "youtube", "telegram", "whatsapp"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _links(items: Sequence[Tuple[str, str]], css: str) -> str:
    return "".join(f'<li class="{css}"><a href="{_e(u)}">{_e(t)}</a></li>' for u, t in items)


def _analytics_script(rng: random.Random) -> str:
    # A minified-looking tracker: many short statements, as tag managers inject.
    parts = [f"w.dl.push({{'event':'v{i}','k{rng.randint(0, 999)}':'{rng.getrandbits(32):08x}'}});"
             for i in range(40)]
    return "(function(w,d){w.dl=w.dl||[];" + "".join(parts) + "})(window,document);"


def _state_json(title: str, url: str, related: Sequence[Tuple[str, str]], rng: random.Random) -> str:
    # Single-page-app sites embed their whole page state as JSON in a script tag.
    state = {"page": {"type": "article", "url": url, "title": title,
                      "ads": [{"slot": f"div-gpt-{i}", "sizes": [[300, 250], [728, 90]]} for i in range(6)]},
             "related": [{"url": u, "title": t, "id": rng.getrandbits(40)} for u, t in related],
             "config": {"cdn": "https://static.example.invalid", "build": f"{rng.getrandbits(64):016x}"}}
    return json.dumps(state, ensure_ascii=False).replace("</", "<\\/")


def render_page(*, site_name: str, origin: str, url: str, title: str, abstract: str, author: str,
                published_iso: str, category_label: str, paragraphs: List[str],
                related: Sequence[Tuple[str, str]], most_read: Sequence[Tuple[str, str]],
                nav: Sequence[Tuple[str, str]], seed: int) -> str:
    """A full article page; ``paragraphs`` appear once each, in order, as ``<p>`` of the article body."""
    rng = random.Random(seed)
    body_parts: List[str] = []
    for i, para in enumerate(paragraphs):
        body_parts.append(f"<p>{_e(para)}</p>")
        if i == 2 and related:
            u, t = related[0]
            body_parts.append(f'<div class="read-also"><span>اقرأ أيضا</span> <a href="{_e(u)}">{_e(t)}</a></div>')
        if i == 4:
            body_parts.append(f'<div class="ad-slot" id="div-gpt-in{i}"><script>googletag.cmd.push('
                              f'function(){{googletag.display("div-gpt-in{i}");}});</script></div>')
    byline = f'<span class="author">{_e(author)}</span>' if author else ""
    json_ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                          "datePublished": published_iso, "description": abstract,
                          "author": {"@type": "Person", "name": author or site_name},
                          "publisher": {"@type": "Organization", "name": site_name}},
                         ensure_ascii=False).replace("</", "<\\/")
    tags = "".join(f'<a class="tag" href="{origin}/tag/{rng.randint(100, 9999)}">{_e(w)}</a>'
                   for w in title.split()[:6])
    footer_cols = "".join(
        f'<div class="col"><h4>{_e(NAV_LABELS[c])}</h4><ul>'
        + _links([(f"{origin}/section/{c}/{k}", f"{FOOTER_LABELS[(c + k) % len(FOOTER_LABELS)]}")
                  for k in range(8)], "f") + "</ul></div>" for c in range(4))
    social = "".join(f'<a class="s-{s}" href="https://{s}.com/share?u={_e(url)}" rel="noopener">{s}</a>'
                     for s in SOCIAL)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{_e(title)} | {_e(site_name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{_e(abstract)}">
<meta property="og:type" content="article"><meta property="og:title" content="{_e(title)}">
<meta property="og:description" content="{_e(abstract)}"><meta property="og:url" content="{_e(url)}">
<meta property="og:site_name" content="{_e(site_name)}">
<meta property="article:published_time" content="{published_iso}">
<link rel="canonical" href="{_e(url)}">
<link rel="stylesheet" href="{origin}/static/css/main.{rng.getrandbits(32):08x}.css">
<link rel="preload" as="font" href="{origin}/static/fonts/arabic-regular.woff2" crossorigin>
<script type="application/ld+json">{json_ld}</script>
<script>{_analytics_script(rng)}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head><body class="article-page">
<div class="top-bar"><span class="date-today">{published_iso[:10]}</span>
<a href="{origin}/live">بث مباشر</a><a href="{origin}/en">English</a></div>
<header class="site-header"><a class="logo" href="{origin}/"><img src="{origin}/static/logo.svg" alt="{_e(site_name)}"></a>
<form class="search" action="{origin}/search"><input name="q" placeholder="ابحث"><button>بحث</button></form>
<nav class="main-nav"><ul>{_links(nav, "nav-item")}</ul></nav>
<div class="breaking"><strong>عاجل</strong><ul>{_links(most_read[:3], "ticker")}</ul></div></header>
<main><div class="breadcrumb"><a href="{origin}/">الرئيسية</a> / <a href="{origin}/section">{_e(category_label)}</a></div>
<article class="story">
<h1 class="headline">{_e(title)}</h1>
<div class="meta">{byline}<time datetime="{published_iso}">{published_iso[:16].replace("T", " ")}</time></div>
<div class="share">{social}</div>
<figure class="lead-image"><img src="{origin}/img/{seed}.jpg" alt="{_e(title)}"><figcaption>{_e(abstract[:90])}</figcaption></figure>
<div class="article-body">
{chr(10).join(body_parts)}
</div>
<div class="tags">{tags}</div>
<div class="share bottom">{social}</div>
</article>
<section class="related"><h3>مواضيع ذات صلة</h3><ul>{_links(related, "rel")}</ul></section>
<div id="comments" class="comments"><h3>التعليقات</h3><p>أضف تعليقك</p><textarea></textarea></div>
</main>
<aside class="sidebar"><div class="ad-slot" id="div-gpt-side"></div>
<section class="most-read"><h3>الأكثر قراءة</h3><ol>{_links(most_read, "mr")}</ol></section>
<section class="newsletter"><h3>اشترك في النشرة البريدية</h3><form><input type="email"><button>اشترك</button></form></section>
</aside>
<footer class="site-footer">{footer_cols}
<div class="social">{social}</div>
<p class="copyright">© {published_iso[:4]} {_e(site_name)}. جميع الحقوق محفوظة</p></footer>
<script id="__STATE__" type="application/json">{_state_json(title, url, related, rng)}</script>
<script src="{origin}/static/js/vendor.{rng.getrandbits(32):08x}.js" defer></script>
<script src="{origin}/static/js/app.{rng.getrandbits(32):08x}.js" defer></script>
</body></html>
"""
