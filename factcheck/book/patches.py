"""Every patch of a third-party internal, in one place.

Each entry of PATCHES names the internal it reaches into, what it works around and the pinned
version it was written for; tests/test_patches.py checks, for each, that the upstream code under
it still looks as the patch assumes, so an upgrade that moves it fails a test instead of the
book silently losing the fix. What a supported route does (a theme option, a template block, a
documented Sphinx event) is not here.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

from docutils import nodes


@dataclass(frozen=True)
class Patch:
    internal: str         # what it reaches into
    works_around: str
    pinned: str           # the version it was written for (requirements.txt)


PATCHES = (
    Patch("myst_nb.sphinx_.HideCodeCellNode (private node) and depart_HideCellInput",
          "the folded-code toggle's aria-label differs from its visible text (axe-core: "
          "label-content-name-mismatch), and its labels are <p> elements inside <summary>, "
          "which HTML does not allow (Nu Html Checker)", "myst-nb 1.4.0"),
    Patch("sphinx.search.zh.SearchChinese.latin_terms (a list set in init())",
          "indexing scans that list on every word: quadratic in the book's size", "sphinx 7.4.7"),
    Patch("myst-nb's cell nodes (docutils containers with nb_element 'cell_code', 'cell_code_source')",
          "every code cell is folded, so Pygments' thousands of spans buy a reader nothing, and a cell "
          "that shows neither code nor output (a ledger claim's) would leave an empty box",
          "myst-nb 1.4.0"),
    Patch("sphinx.locale.translators[('general', 'booktheme')]",
          "sphinx-book-theme's own zh_CN catalog misses strings and writes Taiwan's usage; ours goes "
          "first, theirs behind it", "sphinx 7.4.7, sphinx-book-theme 1.3.0"),
    Patch("jupyter_client.AsyncKernelManager (nbclient imports it when it starts a kernel) and "
          "nbval.kernel.KernelManager (factcheck.book.kernels)",
          "over TCP, two processes starting kernels at once can be handed the same port; the "
          "kernels talk over Unix sockets instead, each path its process's own",
          "jupyter-client 8.10.0, nbclient 0.11.0, nbval 0.11.0"),
)


class _TermSet(set):
    """A set that SearchChinese.split can extend like the list it expects."""

    extend = set.update


def chinese_search_language():
    """Sphinx's Chinese search (jieba), keeping the Latin terms it has seen in a set.

    SearchChinese keeps them in a list that grows with every page and scans it
    on every stem() call, so indexing grows with the square of the book's size
    (0.9 s of this book's build). Membership, and so the index, is unchanged.
    """
    from sphinx.search.zh import SearchChinese

    class ChineseSearch(SearchChinese):
        def init(self, options: dict[str, str]) -> None:
            super().init(options)
            self.latin_terms = _TermSet()

    return ChineseSearch


def visit_hidden_input(self, node) -> None:
    """myst-nb's "show code" toggle, valid and named by what it shows.

    No aria-label: "Toggle hidden content" is not the text the reader sees ("Show code cell
    source"), which axe-core reports (label-content-name-mismatch). The two labels are spans,
    not myst-nb's paragraphs: a <summary> holds phrasing content only. factcheck.css gives
    the spans the styles myst-nb and the theme give those paragraphs."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n'
                     f'<span class="collapsed admonition-title">{html_escape(node["prompt_show"])}</span>\n'
                     f'<span class="expanded admonition-title">{html_escape(node["prompt_hide"])}</span>\n'
                     "</summary>\n")


def prefer_our_theme_catalog(locales: Path, language: str, domain: str) -> None:
    """Our booktheme.po first, the theme's own zh_CN catalog behind it: the theme's misses some
    strings ("Launch on") and writes others in Taiwan's usage (its word for "print to PDF")."""
    import gettext

    from sphinx import locale
    from sphinx.util.i18n import CatalogInfo

    folder = locales / language / "LC_MESSAGES"
    catalog = CatalogInfo(str(folder), domain, "utf-8")
    if catalog.is_outdated():
        catalog.write_mo(language)
    ours = gettext.translation(domain, localedir=str(locales), languages=[language])
    key = ("general", domain)
    theirs = locale.translators.get(key)
    if theirs is not None and type(theirs) is not gettext.NullTranslations:
        ours.add_fallback(theirs)
    locale.translators[key] = ours


def _is_cell(node) -> bool:
    return isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"


def lighter_cells(app, doctree) -> None:
    """Folded code as plain text, and no empty cell boxes (see PATCHES)."""
    for cell in list(doctree.findall(_is_cell)):
        shown = [child for child in cell.children
                 if isinstance(child, nodes.container)
                 and child.get("nb_element") in ("cell_code_source", "cell_code_output")]
        if not shown:
            cell.parent.remove(cell)
            continue
        for block in cell.findall(nodes.literal_block):
            if block.get("language") not in (None, "none") and _in_source(block):
                block["language"] = "none"


def _in_source(node) -> bool:
    while node is not None:
        if isinstance(node, nodes.container) and node.get("nb_element") == "cell_code_source":
            return True
        node = node.parent
    return False


def setup(app) -> None:
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.connect("doctree-read", lighter_cells)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_input, depart_HideCellInput))
    app.add_search_language(chinese_search_language())
