"""What search engines and link previews are given.

- The introduction is the site's root page (index.md), so the front door is the page itself: no
  redirect for a reader arriving at the site's address, and that address is its canonical one;
- every page names itself, in its own edition, as its canonical address (Sphinx would name the
  English page in both editions); the hreflang alternates are the language switch's
  (factcheck.book.editions);
- a meta description in the edition's language from the page's own first paragraph: a chapter's
  question, or the introduction's overall verdict (rendered from data/); the search page and the
  (empty) general index are not for search engines and take the introduction's;
- Open Graph tags by sphinxext-opengraph, set here for each edition (its address, language and
  site name) and given the same description;
- each edition's sitemap by sphinx-sitemap (sitemap-en.xml, zh/sitemap-zh.xml), and, from the
  English build, sitemap.xml (an index of both) and robots.txt, which points to it.
"""
from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .citation import PRINTED
from .editions import FOLDER, base_url, edition_url, is_chinese, page_url

DESCRIPTION_LIMIT = {"en": 160, "zh": 80}    # characters a result page shows, roughly
TAGS = re.compile(r"<[^>]+>")
# Pages that are not for search engines: no sitemap entry, and a robots noindex.
NOT_INDEXED = ("search", "genindex")
SITEMAPS = {"en": "sitemap-en.xml", "zh": "sitemap-zh.xml"}
SITEMAP_INDEX = "sitemap.xml"


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
    data as HTML (the intro's overall verdict)."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.raw))
                                and not n.get(PRINTED)):
        if isinstance(node, nodes.raw):
            found = re.search(r"<p\b[^>]*>(.*?)</p>", node.astext(), re.S)
            text = html.unescape(TAGS.sub("", found.group(1))) if found else ""
        else:
            text = node.astext()
        if text.strip():
            return text
    return ""


def description(app: Sphinx, doctree) -> str:
    """The page's description; the search page and the general index (no doctree) take the
    front page's."""
    if doctree is None:
        doctree = app.env.get_doctree(app.config.root_doc)
    return _shorten(first_paragraph(doctree), is_chinese(app.config))


def _configure(app: Sphinx, config) -> None:
    """sphinxext-opengraph and sphinx-sitemap, for this edition: its address, its language."""
    chinese = is_chinese(config)
    config.ogp_site_url = edition_url(app)
    config.ogp_site_name = config.html_title
    config.ogp_type = "article"
    # A picture per page would need matplotlib and a CJK font at build time; previews show text.
    config.ogp_social_cards = {"enable": False}
    locale, other = ("zh_CN", "en_US") if chinese else ("en_US", "zh_CN")
    config.ogp_custom_meta_tags = [f'<meta property="og:locale" content="{locale}" />',
                                   f'<meta property="og:locale:alternate" content="{other}" />']
    config.sitemap_url_scheme = (FOLDER + "/{link}") if chinese else "{link}"
    config.sitemap_filename = SITEMAPS["zh" if chinese else "en"]
    # The other edition's address is not this build's scheme with another language folder (English
    # has none), so the sitemap names no alternates: each page's head does.
    config.sitemap_locales = [None]
    config.sitemap_excludes = [page + ".html" for page in NOT_INDEXED]


def _page_head(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if not base_url(app):
        return
    here = page_url(app, pagename, is_chinese(app.config))
    # Sphinx's layout writes <link rel="canonical"> from pageurl.
    context["pageurl"] = here
    text = description(app, doctree)
    tags = [f'<meta name="description" content="{html.escape(text)}">'] if text else []
    if pagename in NOT_INDEXED:
        tags.append('<meta name="robots" content="noindex">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"
    # sphinxext-opengraph (which runs after this) takes og: fields from the page's metadata,
    # escaping only quotes; a copy, so the environment's record of the page is left alone.
    context["meta"] = {**(context.get("meta") or {}), "og:url": here,
                       "og:description": html.escape(text, quote=False)}


def _write_sitemap_index(app: Sphinx, exception) -> None:
    """sitemap.xml, naming both editions' sitemaps, and robots.txt at the site's root, from the
    English build (the Chinese edition's sitemap is written into zh/ by its own build)."""
    base = base_url(app)
    if exception is not None or app.builder.format != "html" or is_chinese(app.config) or not base:
        return
    maps = [base + SITEMAPS["en"], base + FOLDER + "/" + SITEMAPS["zh"]]
    Path(app.outdir, SITEMAP_INDEX).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(f"<sitemap><loc>{url}</loc></sitemap>\n" for url in maps) + "</sitemapindex>\n",
        encoding="utf-8")
    Path(app.outdir, "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base}{SITEMAP_INDEX}\n", encoding="utf-8")


def _list_every_page(app: Sphinx, exception) -> None:
    """Every page of the edition goes in its sitemap, not only those this build wrote:
    sphinx-sitemap lists the pages it saw written, so a rebuild that rewrote two pages
    published a sitemap of two."""
    if exception is not None or app.builder.format != "html":
        return
    links = app.env.app.sitemap_links
    seen = {}
    while not links.empty():
        link, last_updated = links.get_nowait()
        seen[link] = last_updated
    for docname in app.env.found_docs:
        seen.setdefault(app.builder.get_target_uri(docname), None)
    for link in sorted(seen):
        if link.removesuffix(".html") not in NOT_INDEXED:
            links.put((link, seen[link]))


def setup(app: Sphinx) -> None:
    # On import it prints that matplotlib, which only its picture cards need, is missing.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    app.connect("config-inited", _configure)
    # Before sphinxext-opengraph's handler (priority 500), which reads what this one sets.
    app.connect("html-page-context", _page_head, priority=400)
    app.connect("build-finished", _write_sitemap_index)
    # Before sphinx-sitemap's create_sitemap (priority 500), which writes what is queued.
    app.connect("build-finished", _list_every_page, priority=400)
