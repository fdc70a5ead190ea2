"""Every page of the built book, both editions, is valid HTML: the Nu Html Checker (vnu-jar from
npm, pinned in package-lock.json; Debian's Java) reports no error on it.

The checker runs once over all pages (one Java start), with two pages of the markup this book
used to publish beside them, which it must reject: so a checker that checks nothing cannot pass.

Run `make book` first (`make test` does).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest

from factcheck import PROJECT_ROOT
from factcheck.tools.browser import BUILT_BOOK as HTML
from factcheck.tools.browser import book_pages

VNU = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_PACKAGE = "default-jre-headless"
CHECK_TIMEOUT_S = 600

# What the book published before it was fixed, each with the error the checker gives it.
KNOWN_INVALID = {
    # myst-nb's code toggle: its labels are paragraphs, and a <summary> holds phrasing content.
    "toggle.html": ("<details><summary><p>Show code cell source</p></summary>"
                    "<pre>print(1)</pre></details>",
                    "not allowed as child of element “summary”"),
    # pandas' notebook HTML for a DataFrame.
    "pandas.html": ("<div><style scoped>.dataframe thead th { text-align: right; }</style>"
                    "<table class=\"dataframe\"><tr><td>1</td></tr></table></div>",
                    "Attribute “scoped” not allowed on element “style”"),
}


def _document(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{body}</body></html>'


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"Java is missing. Install it with: sudo apt-get install -y {JAVA_PACKAGE} "
                    "(`make chromium` does, as root)", pytrace=False)
    return java


@pytest.fixture(scope="module")
def errors(built_book, tmp_path_factory) -> dict[str, list[str]]:
    """Each checked file's errors ("line N: message"), keyed by its path: a page's relative to
    the book, a known-invalid document's by its name."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test` (it runs `npm ci`).", pytrace=False)
    known = tmp_path_factory.mktemp("known-invalid")
    for name, (body, _) in KNOWN_INVALID.items():
        (known / name).write_text(_document(body), encoding="utf-8")
    files = [built_book / page for page in book_pages(built_book)] + [known / n for n in KNOWN_INVALID]
    result = subprocess.run([_java(), "-jar", str(VNU), "--format", "json", "--errors-only",
                             "--exit-zero-always", "--stdout", *map(str, files)],
                            capture_output=True, text=True, timeout=CHECK_TIMEOUT_S, check=True)
    found: dict[str, list[str]] = defaultdict(list)
    for message in json.loads(result.stdout)["messages"]:
        if message["type"] != "error":  # the checker could not read a file, say
            pytest.fail(f"the Nu Html Checker failed: {message}", pytrace=False)
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        key = path.name if path.parent == known else path.relative_to(built_book).as_posix()
        found[key].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found


@pytest.mark.parametrize("name", sorted(KNOWN_INVALID))
def test_the_checker_rejects_the_markup_the_book_used_to_publish(errors, name):
    expected = KNOWN_INVALID[name][1]
    assert any(expected in error for error in errors[name]), (
        f"the Nu Html Checker did not report “{expected}” for {name}: {errors[name]}")


@pytest.mark.parametrize("page", book_pages() if HTML.is_dir() else ["index.html"])
def test_page_is_valid_html(errors, page):
    assert (HTML / page).is_file(), f"{page} is not in the built book"
    if errors[page]:
        pytest.fail(f"{page}: {len(errors[page])} errors from the Nu Html Checker:\n  "
                    + "\n  ".join(errors[page]), pytrace=False)


def test_a_frame_a_cell_shows_is_written_as_a_book_table_without_pandas_style_block():
    """What the notebooks store and the book publishes for a bare DataFrame (a folded working's
    table): the book's table markup, truncated to pandas' display limits, never pandas' notebook
    HTML with its <style scoped>."""
    import pandas as pd
    from IPython.core.formatters import DisplayFormatter

    from factcheck.render import charts

    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    charts._show_frames_in_the_current_language(shell)
    shown, _ = shell.display_formatter.format(pd.DataFrame({"pupils": range(100)}))
    markup = shown["text/html"]
    assert "<style" not in markup
    assert markup.startswith('<table tabindex="0" class="dataframe factcheck-table">')
    assert markup.count("<tr>") < 100 and markup.endswith("<p>100 rows × 1 columns</p>")
