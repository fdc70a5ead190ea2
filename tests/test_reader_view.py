"""What a reader sees by default on every built page, in both editions: no code (every code cell
is folded behind its toggle), no printed working, and no claim id or figure id as text. Ids live
only in anchors, links and the folded working.

Read from the built HTML: everything inside a closed <details> is one click away, not shown.
"""
import copy
import csv
import re

import pytest
from bs4 import BeautifulSoup

from factcheck import DATA_DIR
from factcheck.tools.browser import BUILT_BOOK


def _ids(name: str, column: str) -> list[str]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


CLAIM_IDS = _ids("claims.csv", "claim_id")
# A part's id that is not an English word (s1 to s4): a chart's description once read
# "s1 Unverifiable 13" to a screen reader.
PART_IDS = [part for part in _ids("parts.csv", "part_id") if re.search(r"\d", part)]
FIGURE_IDS = _ids("reference/figures.csv", "figure_id")
# The names of derived values are code (snake_case): shown only in the folded working.
DERIVED_NAMES = sorted(set(_ids("derived.csv", "name")))
ALTERNATIVES = "|".join(re.escape(i) for i in sorted(CLAIM_IDS + FIGURE_IDS + DERIVED_NAMES,
                                                      key=len, reverse=True))
# Not \w at the edges: in Chinese text an id stands right beside a CJK character.
ID = re.compile(rf"(?<![A-Za-z0-9_#/-])(?:{ALTERNATIVES})(?![A-Za-z0-9_-])")


def pages() -> list[str]:
    if not BUILT_BOOK.is_dir():
        return ["notebooks/04_s2_education_reform.html"]
    # Every page in a folder, and each edition's front page (the introduction).
    return sorted(path.relative_to(BUILT_BOOK).as_posix() for path in BUILT_BOOK.rglob("*.html")
                  if {"notebooks", "book"} & set(path.relative_to(BUILT_BOOK).parts)
                  or path.relative_to(BUILT_BOOK).as_posix() in ("index.html", "zh/index.html"))


def shown(html: str):
    """The page's article as a reader sees it before clicking anything."""
    article = copy.copy(BeautifulSoup(html, "html.parser").find("article"))
    for hidden in article.select("details:not([open]), script, style, template"):
        summary = hidden.find("summary") if hidden.name == "details" else None
        hidden.clear()
        if summary is not None:
            hidden.append(summary)
    return article


def problems(html: str) -> list[str]:
    article = shown(html)
    found = [f"code shown: {node.get_text(' ', strip=True)[:60]!r}"
             for node in article.select("div.cell_input, .output.stream, .output.stderr")]
    text = " ".join(article.get_text(" ").split())
    found += [f"id as text: {match.group(0)}" for match in ID.finditer(text)]
    # What a screen reader says of a chart or a table: its label, in words too.
    for labelled in article.select("[aria-label]"):
        label = labelled["aria-label"]
        found += [f"id in a description: {match.group(0)}" for match in ID.finditer(label)]
        found += [f"part id in a description: {part}" for part in PART_IDS
                  if re.search(rf"(?<![A-Za-z0-9_#/-]){part}(?![A-Za-z0-9_-])", label)]
    return found


@pytest.mark.parametrize("path", pages())
def test_no_code_printed_working_or_id_is_shown_by_default(built_book, path):
    assert problems((built_book / path).read_text(encoding="utf-8")) == []


def test_the_check_sees_code_left_open_and_an_id_left_in_the_text():
    page = ('<article><div class="cell"><div class="cell_input"><pre>x = 1</pre></div></div>'
            '<details class="hide"><summary>Show code</summary><div class="cell_input">y</div></details>'
            f'<p>See {CLAIM_IDS[0]} and <a href="#claim-{CLAIM_IDS[0]}">its verdict</a>.</p>'
            f'<p>见{CLAIM_IDS[1]}的{DERIVED_NAMES[0]}</p>'
            f'<div role="img" aria-label="Bar chart: {PART_IDS[0]} Unverifiable 13; {CLAIM_IDS[2]} 4"></div>'
            '</article>')
    assert problems(page) == ["code shown: 'x = 1'", f"id as text: {CLAIM_IDS[0]}",
                              f"id as text: {CLAIM_IDS[1]}", f"id as text: {DERIVED_NAMES[0]}",
                              f"id in a description: {CLAIM_IDS[2]}",
                              f"part id in a description: {PART_IDS[0]}"]
