"""What search engines, link previews and a reader arriving at the site's root are given.

- Every page names itself, in its own edition, as its canonical address (Sphinx would name the
  English page in both editions), with hreflang alternates both ways and English as x-default;
- a meta description and Open Graph tags in the edition's language, from the page's own first
  paragraph: a chapter's question, or the intro's overall verdict (rendered from data/);
- index.html is a valid page that sends the reader to the intro (with a doctype, a title and a
  canonical link), written before sphinx-external-toc would write its bare redirect;
- the English build writes sitemap.xml (both editions, each page with its alternates) and
  robots.txt, which points to it.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .editions import FOLDER, base_url, edition_url, is_chinese

DESCRIPTION_LIMIT = {"en": 160, "zh": 80}    # characters a result page shows, roughly
TAGS = re.compile(r"<[^>]+>")


def _shorten(text: str, chinese: bool) -> str:
    text = " ".join(text.split())
    limit = DESCRIPTION_LIMIT["zh" if chinese else "en"]
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not chinese and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip("，,;；：: ") + "…"


def first_paragraph(doctree) -> str:
    """The text of the page's first paragraph, whether written in the page or rendered from
    data as HTML (the intro's overall verdict), skipping the edition switch."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.raw))):
        if isinstance(node, nodes.raw):
            found = re.search(r"<p\b[^>]*>(.*?)</p>", node.astext(), re.S)
            text = html.unescape(TAGS.sub("", found.group(1))) if found else ""
        else:
            text = node.astext()
        if text.strip():
            return text
    return ""


def _page_head(app: Sphinx, pagename, templatename, context, doctree) -> None:
    base = base_url(app)
    if not base:
        return
    chinese = is_chinese(app.config)
    here = edition_url(app) + pagename + ".html"
    # Sphinx's layout writes <link rel="canonical"> from pageurl.
    context["pageurl"] = here
    tags = [f'<link rel="alternate" hreflang="x-default" href="{base}{pagename}.html">']
    title = TAGS.sub("", context.get("title") or "")
    description = _shorten(first_paragraph(doctree), chinese) if doctree is not None else ""
    if description:
        tags.append(f'<meta name="description" content="{html.escape(description)}">')
    tags += [f'<meta property="og:{name}" content="{html.escape(value)}">' for name, value in (
        ("type", "article"), ("url", here), ("title", html.unescape(title)),
        ("description", description), ("site_name", app.config.html_title),
        ("locale", "zh_CN" if chinese else "en_US"),
        ("locale:alternate", "en_US" if chinese else "zh_CN")) if value]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"


FRONT_DOOR = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={first}">
</head>
<body>
<p><a href="{first}">{title}</a></p>
</body>
</html>
"""


def _write_front_door(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    first = app.config.root_doc + ".html"
    Path(app.outdir, "index.html").write_text(FRONT_DOOR.format(
        lang="zh-Hans" if is_chinese(app.config) else "en", title=html.escape(app.config.html_title),
        canonical=edition_url(app) + first, first=first), encoding="utf-8")


def _write_sitemap(app: Sphinx, exception) -> None:
    """sitemap.xml and robots.txt at the site's root, from the English build: the Chinese
    edition has the same pages under zh/."""
    base = base_url(app)
    if exception is not None or app.builder.format != "html" or is_chinese(app.config) or not base:
        return
    entries = []
    for page in sorted(app.env.found_docs):
        english, chinese = f"{base}{page}.html", f"{base}{FOLDER}/{page}.html"
        alternates = (f'<xhtml:link rel="alternate" hreflang="en" href="{english}"/>'
                      f'<xhtml:link rel="alternate" hreflang="zh-Hans" href="{chinese}"/>')
        entries += [f"<url><loc>{url}</loc>{alternates}</url>" for url in (english, chinese)]
    Path(app.outdir, "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n",
        encoding="utf-8")
    Path(app.outdir, "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n",
                                              encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _page_head)
    # Before sphinx-external-toc (priority 500), which writes a bare redirect only when there is none.
    app.connect("build-finished", _write_front_door, priority=400)
    app.connect("build-finished", _write_sitemap)
