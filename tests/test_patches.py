"""Each patch of a third-party internal (factcheck.book.patches) still finds the upstream code it
was written for: an upgrade that moves or reshapes it fails here, naming the patch."""
import gettext
import inspect

from factcheck.book.patches import PATCHES


def test_every_patch_says_what_it_reaches_into_why_and_for_which_version():
    assert len(PATCHES) == 5
    for patch in PATCHES:
        assert patch.internal and patch.works_around and any(c.isdigit() for c in patch.pinned)


def test_myst_nb_still_folds_code_with_the_node_and_prompts_the_patch_renders():
    from myst_nb import sphinx_

    assert inspect.isclass(sphinx_.HideCodeCellNode) and callable(sphinx_.depart_HideCellInput)
    # The patch's visitor reads these from the node, as myst-nb's own visitor does.
    source = inspect.getsource(sphinx_.visit_HideCellInput)
    for name in ("prompt_show", "prompt_hide", "classes"):
        assert f'node["{name}"]' in source, name
    assert "aria-label" in source or "<p class=" in source, (
        "myst-nb dropped its aria-label and its <p> labels in <summary>: the patch may go")


def test_myst_nb_still_styles_the_toggle_labels_as_paragraphs_which_factcheck_css_restates():
    """The patch writes the labels as spans; factcheck.css gives them myst-nb's rules for the
    paragraphs, which must still be these."""
    from importlib.resources import files

    # The stylesheet without its white space: "div.cell details.hide" reads "div.celldetails.hide".
    css = "".join((files("myst_nb") / "static" / "mystnb.css").read_text(encoding="utf-8").split())
    for rule in ("div.celldetails.hide>summary>p.admonition-title{display:list-item;margin-bottom:0;}",
                 "div.celldetails.hide[open]>summary>p.collapsed{display:none;}",
                 "div.celldetails.hide:not([open])>summary>p.expanded{display:none;}"):
        assert rule in css, rule


def test_sphinx_chinese_search_still_keeps_latin_terms_in_a_list_it_extends():
    from sphinx.search.zh import SearchChinese

    search = SearchChinese({})
    assert isinstance(search.latin_terms, list)
    assert "self.latin_terms.extend(" in inspect.getsource(SearchChinese.split)


def test_sphinx_still_keeps_its_translators_by_namespace_and_catalog():
    from sphinx import locale

    assert isinstance(locale.translators, dict)
    locale.init([], None, "booktheme", "general")
    translator = locale.translators[("general", "booktheme")]
    assert isinstance(translator, gettext.NullTranslations)


def test_myst_nb_still_marks_its_cells_with_the_elements_the_patch_reads():
    from myst_nb.core import render

    source = inspect.getsource(render)
    for name in ("cell_code", "cell_code_source", "cell_code_output"):
        element = f'nb_element="{name}"'
        assert element in source, element


def test_kernels_started_after_the_patch_talk_over_unix_sockets_each_on_its_own_path():
    """nbclient (myst-nb, jupyter-cache) and nbval still look their kernel manager up where the
    patch replaces it, and the managers it puts there use Unix sockets at distinct paths."""
    import jupyter_client
    import nbformat
    from nbclient import NotebookClient
    from nbval import kernel

    from factcheck.book.kernels import use_unix_sockets

    source = inspect.getsource(NotebookClient._kernel_manager_class_default.func)
    assert "from jupyter_client import AsyncKernelManager" in source
    assert "km = KernelManager(" in inspect.getsource(kernel.start_new_kernel)
    use_unix_sockets()
    managers = [NotebookClient(nbformat.v4.new_notebook()).kernel_manager_class(),
                jupyter_client.AsyncKernelManager(), kernel.KernelManager()]
    assert [manager.transport for manager in managers] == ["ipc"] * 3
    paths = [manager.ip for manager in managers]
    assert len(set(paths)) == 3 and all(path.startswith("/") for path in paths), paths
