"""Jupyter Book's extensions' files only on the pages that use them (factcheck.book.theme):
sphinx-togglebutton's and sphinx-thebe's, with the settings they write inline, are on no page of
the built book (none has a toggle, and the live-code button is off), and stay on a page that
has a toggle."""
from types import SimpleNamespace

from factcheck.book import theme
from factcheck.tools.browser import book_pages

UNUSED = ("togglebutton.js", "togglebutton.css", "toggleHintShow", "sphinx-thebe.js",
          "sphinx-thebe.css", "THEBE_JS_URL")


def test_no_page_loads_the_toggle_or_live_code_files_it_does_not_use(built_book):
    pages = book_pages(built_book)
    assert len(pages) > 20
    for page in pages:
        text = (built_book / page).read_text(encoding="utf-8")
        assert [name for name in UNUSED if name in text] == [], page


def _asset(filename, body=None):
    attributes = {"body": body} if body else {}
    return SimpleNamespace(filename=filename, attributes=attributes)


def _page_context(body: str) -> dict:
    return {"body": body,
            "css_files": [_asset("togglebutton.css"), _asset("sphinx-thebe.css"), _asset("factcheck.css")],
            "script_files": [_asset(None, "let toggleHintShow = 'Click to show';"),
                             _asset("togglebutton.js"), _asset("sphinx-thebe.js"),
                             _asset(None, 'const THEBE_JS_URL = "x"'), _asset("doctools.js")]}


def _files(context) -> list[str]:
    return [a.filename or a.attributes["body"][:16] for a in context["css_files"] + context["script_files"]]


def test_a_page_with_a_toggle_keeps_its_files_and_one_without_loses_them():
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": False}}))
    with_toggle = _page_context('<div class="admonition dropdown">')
    theme._drop_unused_extension_assets(app, "p", "page.html", with_toggle, None)
    assert _files(with_toggle) == ["togglebutton.css", "factcheck.css", "let toggleHintSh",
                                   "togglebutton.js", "doctools.js"]
    without = _page_context('<div class="sidebar-toggle cell">')
    theme._drop_unused_extension_assets(app, "p", "page.html", without, None)
    assert _files(without) == ["factcheck.css", "doctools.js"]
