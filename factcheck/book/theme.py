"""Fixes to the theme's pages through documented routes (an html-page-context handler, a static
file): icons without fontawesome.js, one copy of each inline script, sphinx-design's,
sphinx-togglebutton's and sphinx-thebe's files only where used, sphinx-copybutton's nowhere, a
/favicon.ico for clients that ask for it whatever the page links."""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import icons
from .files import copy_static, write_bytes_if_changed, write_if_changed

logger = logging.getLogger(__name__)


# The ledger's filter and sorting (a chapter's claims without a card).
LEDGER_SCRIPT = Path(__file__).parent / "static" / "ledger.js"
# The switch that opens a page's folded working (book/_templates/working-switch.html).
WORKING_SCRIPT = Path(__file__).parent / "static" / "working-switch.js"
# A folded code cell as factcheck.book.patches writes it.
FOLDED_CELL = 'class="admonition hide'
# Each of the book's own scripts, and the mark in a page's body that says the page needs it.
PAGE_SCRIPTS = ((LEDGER_SCRIPT, "ledger-table"), (WORKING_SCRIPT, FOLDED_CELL))


def _write_static(app: Sphinx) -> None:
    """The icons' stylesheets and the book's scripts, before any page."""
    if app.builder.format != "html":
        return
    for script, _ in PAGE_SCRIPTS:
        copy_static(app, script)
    write_if_changed(Path(app.outdir) / "_static" / icons.CSS_NAME, icons.icons_css())
    write_if_changed(Path(app.outdir) / "_static" / "styles" / icons.LIGHT_STYLESHEET,
                     icons.light_stylesheet())


def favicon_ico(size: int = 16, rgb: tuple[int, int, int] = (0x00, 0x72, 0xB2)) -> bytes:
    """A square in the palette's blue, as an ICO holding one PNG (about 100 bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
    return (struct.pack("<HHH", 0, 1, 1)
            + struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 22) + png)

def _check_icons(app: Sphinx) -> None:
    """Warn (an error under -W) about any icon a page uses that factcheck-theme.css does not draw.

    Only this build's own pages: the English build's folder also holds the Chinese edition's
    (zh/), which the other build replaces while this one may still be reading."""
    outdir = Path(app.outdir)
    drawn = set(icons.ICONS)
    pages = [Path(app.builder.get_outfilename(name))
             for name in sorted(app.env.found_docs) + ["genindex", "search"]]
    for page in (page for page in pages if page.is_file()):
        missing = icons.icon_classes(page.read_text(encoding="utf-8")) - drawn
        if missing:
            logger.warning("factcheck.book.theme: %s uses icons %s that %s does not draw "
                           "(fontawesome.js is not loaded): add them to factcheck.book.icons.ICONS",
                           page.relative_to(outdir), sorted(missing), icons.CSS_NAME)

def _drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Write each inline script once.

    sphinx-togglebutton and sphinx-thebe (loaded by Jupyter Book) add inline
    scripts after the HTML builder has copied Sphinx's registry, so Sphinx keeps
    two copies: one with filename None, one with filename "" (it normalises
    them differently), which its own duplicate check does not catch. The second
    ``const THEBE_JS_URL = ...`` then throws "SyntaxError: Identifier
    'THEBE_JS_URL' has already been declared" on every page.
    """
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        key = (getattr(script, "filename", script) or "", getattr(script, "priority", None),
               tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique

# Files Jupyter Book's extensions add to every page, and the settings they write inline for them:
# sphinx-design's (63 KB); sphinx-togglebutton's (its toggles and dropdown admonitions; the folded
# code is myst-nb's own <details>); sphinx-thebe's (live code behind a launch button this book
# turns off, launch_buttons.thebe).
DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")
TOGGLEBUTTON_ASSETS = ("togglebutton.css", "togglebutton.js")
TOGGLEBUTTON_SETTINGS = ("let toggleHintShow", "let toggleHintHide", "let toggleOpenOnPrint",
                         "var togglebuttonSelector")
TOGGLEBUTTON_CLASSES = {"toggle", "dropdown", "toggle-details"}
THEBE_ASSETS = ("sphinx-thebe.css", "sphinx-thebe.js")
# sphinx-copybutton's, on no page: it put a button (six elements, with its icon) on every code and
# output block at load, 408 elements of chapter 04's 3,677; the code it would copy is folded, and
# each chapter's notebook is a download away.
COPYBUTTON_ASSETS = ("copybutton.css", "copybutton.js", "clipboard.min.js")
THEBE_SETTINGS = ("const THEBE_JS_URL",)
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def _leave_off(context, files: tuple[str, ...], settings: tuple[str, ...] = ()) -> None:
    """Take `files`, and the inline scripts that begin with one of `settings`, off this page."""
    def kept(asset) -> bool:
        filename = str(getattr(asset, "filename", asset) or "")
        body = str((getattr(asset, "attributes", None) or {}).get("body", ""))
        return not (filename.endswith(files) or body.startswith(settings))

    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [asset for asset in assets if kept(asset)]


def _drop_unused_extension_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Leave each extension's files off the pages that use none of its components."""
    body = context.get("body") or ""
    if "sd-" not in body:
        _leave_off(context, DESIGN_ASSETS)
    classes = {name for attribute in _CLASS_ATTRIBUTE.findall(body) for name in attribute.split()}
    if not classes & TOGGLEBUTTON_CLASSES:
        _leave_off(context, TOGGLEBUTTON_ASSETS, TOGGLEBUTTON_SETTINGS)
    _leave_off(context, COPYBUTTON_ASSETS)
    launch = app.config.html_theme_options.get("launch_buttons") or {}
    if not launch.get("thebe") and "thebe-launch-button" not in body:
        _leave_off(context, THEBE_ASSETS, THEBE_SETTINGS)


def _add_page_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Each of the book's scripts on the pages that use it only (Sphinx adds a file called for
    here to this page alone): the ledger's where a ledger is, the working switch's where a
    folded cell is, which also tells the header's template to show the switch's button."""
    body = context.get("body") or ""
    context["has_folded_cells"] = FOLDED_CELL in body
    for script, mark in PAGE_SCRIPTS:
        if mark in body:
            app.add_js_file(script.name, loading_method="defer")


def _finish(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    _check_icons(app)
    # Every page links its icon, but some clients (feed readers, a browser showing a file that is
    # not a page, such as claims.json) still ask for /favicon.ico.
    write_bytes_if_changed(outdir / "favicon.ico", favicon_ico())


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _write_static)
    app.connect("html-page-context", _drop_duplicate_scripts)
    app.connect("html-page-context", _drop_unused_extension_assets)
    app.connect("build-finished", _finish)
    # The theme's icons, drawn without fontawesome.js (see book/_templates/layout.html).
    app.add_css_file(icons.CSS_NAME)
    app.connect("html-page-context", _add_page_scripts)
