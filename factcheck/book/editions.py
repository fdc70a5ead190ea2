"""The book's two editions: English at _build/html, Chinese (simplified) at _build/html/zh.

    python -m factcheck.book.editions zh     # after `jupyter-book build .` (make book)

Both are built from the same sources. The Chinese edition runs Sphinx with the language set
to zh_CN, so the prose comes from the gettext catalogs in locales/zh_CN/LC_MESSAGES (one .po
file a page), and executes the notebooks again with the render layer's language set to Chinese
(factcheck.render.language), with its own execution cache: every output it shows was written
in Chinese. It is built in _build/zh/html (myst-nb keeps executed notebooks and its cache
beside the output folder, which must not be inside the published English site) and copied
to _build/html/zh.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .. import PROJECT_ROOT
from ..render import language
from ..render.i18n import gettext_zh
from . import patches
from .files import copy_static

BUILD = PROJECT_ROOT / "_build"
ENGLISH = BUILD / "html"
FOLDER = "zh"
CHINESE_OUTPUT = ENGLISH / FOLDER
# Where Sphinx builds it: myst-nb writes executed notebooks and its cache beside this folder.
CHINESE_BUILD = BUILD / FOLDER / "html"
# The notebooks as the Chinese edition executed them (tests read their outputs).
CHINESE_EXECUTED = BUILD / FOLDER / "jupyter_execute"
LANGUAGE = "zh_CN"
OVERRIDES = {
    "language": LANGUAGE,
    "locale_dirs": [str(PROJECT_ROOT / "locales")],
    "gettext_compact": False,
}


def overrides() -> dict:
    """OVERRIDES with the interface strings Sphinx extensions print, from ui.po."""
    return {**OVERRIDES, "html_title": gettext_zh("Checking Chongzuo's education claims"),
            "author": gettext_zh("The Chongzuo fact-check project"),
            "nb_code_prompt_show": gettext_zh("Show code"),
            "nb_code_prompt_hide": gettext_zh("Hide code")}


def is_chinese(config) -> bool:
    return (config.language or "").startswith("zh")


# ---------------------------------------------------------------- the Chinese edition's interface
# The theme's words a reader sees, in Chinese. Each has one home: the theme's own templates'
# words in sphinx.po (book/_templates makes them translatable), the words sphinx-book-theme's
# Python writes (its "booktheme" catalog) in booktheme.po, and the book's own in ui.po.
LOCALES = PROJECT_ROOT / "locales"
THEME_CATALOG = "booktheme"


def _translate_captions(app, doctree) -> None:
    """The sidebar's part captions (from _toc.yml): sphinx-external-toc inserts the toctrees after
    Sphinx has translated the page, so their captions are translated here."""
    from sphinx import addnodes

    for toctree in doctree.findall(addnodes.toctree):
        if toctree.get("caption"):
            toctree["caption"] = gettext_zh(toctree["caption"])


def _translate_search_field(app, config) -> None:
    config.html_theme_options = {**config.html_theme_options,
                                 "search_bar_text": gettext_zh("Search this book...")}


def _prefer_our_theme_catalog(app) -> None:
    patches.prefer_our_theme_catalog(LOCALES, LANGUAGE, THEME_CATALOG)


# The switch keeps the reader's place (factcheck/book/static/language-switch.js).
SWITCH_SCRIPT = Path(__file__).parent / "static" / "language-switch.js"


def base_url(app) -> str:
    base = app.config.html_baseurl or ""
    return base if not base or base.endswith("/") else base + "/"

def edition_url(app) -> str:
    """This edition's published address: the book's, or its zh/ folder's."""
    base = base_url(app)
    return base + FOLDER + "/" if base and is_chinese(app.config) else base


def page_url(app, pagename: str, chinese: bool) -> str:
    """A page's published address in one edition; the root page's is the edition's own address."""
    edition = base_url(app) + (FOLDER + "/" if chinese else "")
    return edition if pagename == app.config.root_doc else edition + pagename + ".html"


def _add_language_switch(app, pagename, templatename, context, doctree) -> None:
    """Every page links to the same page of the other edition, and keeps the reader's anchor;
    the head names both editions as alternates for search engines, English as the default."""
    chinese = is_chinese(app.config)
    up = "../" * pagename.count("/")
    other = (f"{up}../{pagename}.html" if chinese else f"{up}{FOLDER}/{pagename}.html")
    # Each edition is named in its own words: "English", or the Chinese for "Chinese" (ui.po).
    lang = "en" if chinese else "zh-Hans"
    label = "English" if chinese else gettext_zh("Chinese")
    context["body"] = (f'<p class="language-switch"><a href="{other}" hreflang="{lang}" lang="{lang}" '
                       "onclick=\"this.href = this.href.split('#')[0] + location.hash\">"
                       f"{label}</a></p>\n" + context.get("body", ""))
    if base_url(app):
        english_url, chinese_url = page_url(app, pagename, False), page_url(app, pagename, True)
        alternates = (("en", english_url), ("zh-Hans", chinese_url), ("x-default", english_url))
        context["metatags"] = (context.get("metatags", "") + "".join(
            f'\n<link rel="alternate" hreflang="{code}" href="{url}">' for code, url in alternates) + "\n")


def _write_switch_script(app) -> None:
    copy_static(app, SWITCH_SCRIPT)


def setup(app) -> None:
    """Every page links to the other edition; the Chinese edition's interface is connected."""
    app.connect("html-page-context", _add_language_switch)
    app.connect("builder-inited", _write_switch_script)
    app.add_js_file(SWITCH_SCRIPT.name, loading_method="defer")
    if not is_chinese(app.config):
        return
    app.connect("doctree-read", _translate_captions)
    app.connect("config-inited", _translate_search_field)
    # After the theme has registered its catalog (it is loaded before this extension).
    app.connect("builder-inited", _prefer_our_theme_catalog)


def build_chinese(strict: bool = True) -> int:
    from jupyter_book.sphinx import build_sphinx

    # The kernels myst-nb starts inherit it: every output is made in Chinese.
    language.use("zh")
    settings = {"external_toc_path": (PROJECT_ROOT / "_toc.yml").as_posix(),
                 "latex_individualpages": False, "nitpicky": True, **overrides()}
    result = build_sphinx(PROJECT_ROOT, CHINESE_BUILD, use_external_toc=True, noconfig=True,
                          path_config=str(PROJECT_ROOT / "_config.yml"), confoverrides=settings,
                          doctreedir=BUILD / FOLDER / ".doctrees", builder="html",
                          warningiserror=strict, keep_going=True, quiet=True)
    if result not in (0, None):
        return 1
    shutil.rmtree(CHINESE_OUTPUT, ignore_errors=True)
    shutil.copytree(CHINESE_BUILD, CHINESE_OUTPUT)
    return 0


def main(argv: list[str]) -> int:
    if argv != [FOLDER]:
        print("usage: python -m factcheck.book.editions zh", file=sys.stderr)
        return 2
    status = build_chinese()
    print(f"The Chinese edition is at {Path(CHINESE_OUTPUT) / 'index.html'}"
          if status == 0 else "The Chinese edition failed to build.", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
