"""The built book in a real browser, with no network.

Serves _build/html on 127.0.0.1 and opens every page in Debian's headless
Chromium. Every request that does not go to 127.0.0.1 is blocked and recorded.
A page passes when each chart container shows one drawing (an SVG drawn at build
time, with marks), no chart script was loaded before the reader asked for one,
nothing was blocked or missing, and the console shows no error at all: errors
from the theme count as much as our own.

Run `make book` first (`make test` does).
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from browser_pages import (
    AXE,
    AXE_FAILING_IMPACTS,
    AXE_RUN_JS,
    CHART_TIMEOUT_MS,
    CHARTS_STATE_JS,
    DESKTOP,
    LIVE_SCRIPT,
    RUNTIME,
    SHOWN_SVG_JS,
    chart_fit_problems,
)

from factcheck import PROJECT_ROOT
from factcheck.tools.browser import BUILT_BOOK as HTML
from factcheck.tools.browser import NOT_PAGES, book_pages


def test_book_has_pages(built_book):
    pages = book_pages()
    assert "search.html" in pages
    assert "index.html" in pages and "book/methodology.html" in pages
    assert "notebooks/01_source_and_claims.html" in pages


def test_vega_bundle_is_served_locally():
    bundle = HTML / "_static" / RUNTIME
    assert bundle.is_file(), "factcheck.book.vega did not write _static/vega-bundle.js"
    assert "vega={}" in bundle.read_text(encoding="utf-8")  # Vega's UMD build: window.vega


def test_no_page_loads_the_chart_runtime_and_only_a_live_charts_page_loads_its_loader(built_book):
    """The pages as written: no <script> loads the Vega runtime (the loader fetches it when a
    reader presses a live chart), and the loader is only on a page that has a live chart, whose
    spec it names (the browser test below checks what a page really loads)."""
    live_pages, problems = [], []
    for page in book_pages():
        text = (HTML / page).read_text(encoding="utf-8")
        sources = [source.split("?")[0].rsplit("/", 1)[-1]
                   for source in re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)]
        live = re.findall(r'<svg [^>]*data-live="([^"]+)"', text)
        if RUNTIME in sources:
            problems.append(f"{page} loads {RUNTIME}")
        if (LIVE_SCRIPT in sources) != bool(live):
            problems.append(f"{page}: {LIVE_SCRIPT} {'loaded' if LIVE_SCRIPT in sources else 'missing'}, "
                            f"{len(live)} live charts")
        edition = HTML / "zh" if page.startswith("zh/") else HTML
        problems += [f"{page}: {name} is not in _static/charts" for name in live
                     if not (edition / "_static" / "charts" / name).is_file()]
        live_pages += [page] * bool(live)
    assert not problems, problems
    scorecard = "notebooks/07_closing_and_captions.html"
    assert live_pages == [scorecard, "zh/" + scorecard]


@pytest.mark.parametrize("path", book_pages() if HTML.is_dir() else ["index.html"])
def test_page_draws_charts_to_fit_offline_accessibly_without_errors(visit, site, path):
    """A page on a desktop's screen: everything in the module's docstring, and its charts fit
    (browser_pages.FIT_JS; tests/test_layout.py checks a phone's)."""
    errors_before = len(site.errors)
    v = visit()
    v.page.set_viewport_size(DESKTOP)
    page = v.open(path)
    charts = page.evaluate(CHARTS_STATE_JS)
    problems = []
    if charts:
        problems += [f"at {DESKTOP['width']}px, {problem}" for problem in chart_fit_problems(page)]
        charts = page.evaluate(CHARTS_STATE_JS)
        page.wait_for_load_state("networkidle")
    blank = [c["id"] for c in charts if not c["drawn"]]
    scripts = {name for url in v.requested for name in (RUNTIME, LIVE_SCRIPT)
               if url.split("?")[0].endswith("/" + name)}
    live = page.evaluate("() => document.querySelectorAll('.factcheck-chart svg[data-live]').length")
    if RUNTIME in scripts:
        problems.append(f"the chart runtime was loaded before any reader asked for it: {sorted(scripts)}")
    if (LIVE_SCRIPT in scripts) != bool(live):
        problems.append(f"{LIVE_SCRIPT} loaded: {LIVE_SCRIPT in scripts}, live charts on the page: {live}")
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it runs `npm ci`).", pytrace=False)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = [v for v in page.evaluate(AXE_RUN_JS) if v["impact"] in AXE_FAILING_IMPACTS]
    if violations:
        problems.append(f"accessibility (axe-core, serious or critical): {violations}")
    if blank:
        problems.append(f"charts not drawn: {blank}")
    if v.blocked:
        problems.append(f"requests outside 127.0.0.1 (blocked): {v.blocked}")
    if v.failed:
        problems.append(f"failed requests: {v.failed}")
    if v.console_errors:
        problems.append(f"console errors: {v.console_errors}")
    if site.errors[errors_before:]:
        problems.append(f"requests the server answered with an error: {site.errors[errors_before:]}")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_chart_pages_exist():
    """The first chapter has charts, so the test above really checks some."""
    notebook = HTML / "notebooks" / "01_source_and_claims.html"
    assert notebook.is_file()
    assert 'class="factcheck-chart"' in notebook.read_text(encoding="utf-8")


def _search_terms(edition: str = "") -> dict:
    text = (HTML / edition / "searchindex.js").read_text(encoding="utf-8")
    match = re.match(r"Search\.setIndex\((.*)\)\s*;?\s*$", text, re.S)
    assert match, "searchindex.js is not in the format Sphinx writes"
    return json.loads(match.group(1))


def test_search_index_holds_chinese_words():
    index = _search_terms()
    assert index["terms"].get("崇左") is not None, (
        "崇左 is not a term of the search index: is html_search_language zh (with jieba) set?")
    docnames = index["docnames"]
    pages = index["terms"]["崇左"]
    pages = pages if isinstance(pages, list) else [pages]
    found = {docnames[i] for i in pages}
    assert {"index", "notebooks/01_source_and_claims"} <= found


def _pages_saying(edition: str, word: str) -> set[str]:
    """The pages of an edition whose article text (the part Sphinx indexes) holds `word`."""
    from bs4 import BeautifulSoup
    found = set()
    # The front page (the introduction) and every page in a folder of this edition (the English
    # edition's folders are not the Chinese one's, zh/).
    for path in [HTML / edition / "index.html", *(HTML / edition).glob("*/*.html")]:
        parts = path.relative_to(HTML / edition).parts
        if NOT_PAGES & set(parts) or (not edition and parts[0] == "zh"):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is not None and word in article.get_text(" "):
            found.add(path.relative_to(HTML / edition).as_posix())
    return found


# (edition folder, word): the English edition quotes the article; the Chinese one is about it.
SEARCHES = [("", "崇左"), ("zh/", "崇左"), ("zh/", "巩固率"), ("zh/", "百分点")]


@pytest.mark.parametrize("edition, word", SEARCHES)
def test_search_for_a_chinese_word_finds_every_page_that_says_it(visit, edition, word):
    expected = _pages_saying(edition, word)
    assert len(expected) >= 2, f"{edition or 'the English edition'}: only {expected} say {word}"
    v = visit()
    page = v.open(edition + "search.html?q=" + quote(word))
    page.wait_for_selector("#search-results .search-summary", timeout=CHART_TIMEOUT_MS)
    # Sphinx writes the summary ("Search finished, found ...", in the edition's language) last.
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary').textContent.trim() !== ''",
        timeout=CHART_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    links = page.eval_on_selector_all("#search-results ul.search li a",
                                      "els => els.map(a => a.getAttribute('href'))")
    targets = {link.split("?")[0].split("#")[0] for link in links}
    assert sorted(expected - targets) == [], f"{edition}search.html?q={word} misses these pages"
    assert not v.console_errors, v.console_errors
    assert not v.blocked, v.blocked


@pytest.mark.parametrize("page_path", ["notebooks/04_s2_education_reform.html",
                                       "zh/notebooks/04_s2_education_reform.html"])
def test_the_language_switch_keeps_the_readers_anchor(visit, page_path):
    v = visit()
    page = v.open(page_path)
    anchor = page.eval_on_selector("article [id^='claim-']", "el => el.id")
    page = v.open(f"{page_path}#{anchor}")
    with page.expect_navigation():
        page.click("p.language-switch a")
    page.wait_for_load_state("networkidle")
    other = page_path.removeprefix("zh/") if page_path.startswith("zh/") else "zh/" + page_path
    assert page.url == f"{v.site}{other}#{anchor}"
    assert page.evaluate("id => document.getElementById(id) !== null", anchor), anchor
    assert not v.console_errors and not v.failed, (v.console_errors, v.failed)


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_link_to_a_claim_in_the_folded_list_shows_that_claim(visit, edition):
    """The chapter's other claims are folded under one line; a link that names one of them (from
    the article view, the scorecard or another page) opens the list and shows that claim."""
    page_path = f"{edition}notebooks/04_s2_education_reform.html"
    v = visit()
    page = v.open(page_path)
    anchor = page.eval_on_selector("details.ledger-fold tr[id^='claim-']", "el => el.id")
    assert page.evaluate("id => document.getElementById(id).checkVisibility()", anchor) is False
    page = v.open(f"{page_path}#{anchor}")
    shown = page.evaluate("""id => {
      const row = document.getElementById(id), box = row.getBoundingClientRect();
      return row.checkVisibility() && box.bottom > 0 && box.top < window.innerHeight;
    }""", anchor)
    assert shown, f"{page_path}#{anchor} does not show its claim"
    assert not v.console_errors and not v.failed, (v.console_errors, v.failed)


# The folded cells of a page that a reader can see, and the page's working switch.
FOLDED_CELLS_JS = """() => {
  const folds = [...document.querySelectorAll('div.cell details.hide')];
  const button = document.querySelector('button.working-switch');
  return {folds: folds.length, shown: folds.filter(f => f.checkVisibility()).length,
          open: folds.filter(f => f.open).length, switchShown: !!button && button.checkVisibility(),
          label: button ? button.textContent : null};
}"""
# The first paragraph in the window (below the sticky header, outside any fold), and where it is.
PARAGRAPH_IN_VIEW_JS = """() => {
  const header = document.querySelector('.bd-header-article').getBoundingClientRect().bottom;
  const p = [...document.querySelectorAll('.bd-article p')]
    .find(el => !el.closest('details') && el.getBoundingClientRect().top >= header);
  p.dataset.readerWasHere = 'yes';
  return p.getBoundingClientRect().top;
}"""


def test_a_page_has_the_working_switch_and_its_script_exactly_when_it_has_folded_cells(built_book):
    with_folds = 0
    for page in book_pages():
        text = (HTML / page).read_text(encoding="utf-8")
        folds = 'class="admonition hide' in text
        switch = "working-switch pst-js-only" in text
        script = re.search(r'<script[^>]*src="[^"]*working-switch\.js', text) is not None
        assert folds == switch == script, (page, folds, switch, script)
        with_folds += folds
    assert with_folds >= 14, with_folds   # seven chapters in two editions


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_the_working_switch_opens_every_folded_cell_where_the_reader_is(visit, edition):
    """The page shows no cell's toggle between its paragraphs: one switch in the header opens
    every folded cell, keeps the paragraph the reader is on in place, and folds them again."""
    page_path = f"{edition}notebooks/02_lead.html"
    v = visit()
    page = v.open(page_path)
    page.set_viewport_size({"width": 390, "height": 844})
    state = page.evaluate(FOLDED_CELLS_JS)
    assert state["folds"] > 0 and state["shown"] == 0 and state["open"] == 0, state
    assert state["switchShown"], f"{page_path} has folded cells but no working switch"
    # As in a browser without CSS scroll anchoring: the switch keeps the reader's place itself.
    page.add_style_tag(content="html, body { overflow-anchor: none; }")
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    before = page.evaluate(PARAGRAPH_IN_VIEW_JS)
    # A tap where the button is (page.click would first scroll it "into view", moving the page).
    box = page.locator("button.working-switch").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    state = page.evaluate(FOLDED_CELLS_JS)
    assert state["shown"] == state["open"] == state["folds"], state
    after = page.evaluate(
        "() => document.querySelector('[data-reader-was-here]').getBoundingClientRect().top")
    assert abs(after - before) < 2, f"the reader's paragraph moved from {before} to {after}"
    shown_label = state["label"]
    page.click("button.working-switch")
    state = page.evaluate(FOLDED_CELLS_JS)
    assert state["shown"] == state["open"] == 0 and state["label"] != shown_label, state
    assert not v.console_errors and not v.failed, (v.console_errors, v.failed)


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_without_javascript_each_folded_cell_keeps_its_own_toggle(visit, edition):
    v = visit(javascript=False)
    page = v.open(f"{edition}notebooks/02_lead.html")
    state = page.evaluate(FOLDED_CELLS_JS)
    assert state["folds"] > 0 and state["shown"] == state["folds"] and state["open"] == 0, state
    assert not state["switchShown"], "a switch that cannot work is shown"


def _subject(claim_id: str, column: str = "subject") -> str:
    import csv

    with (PROJECT_ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return next(row[column] for row in csv.DictReader(handle) if row["claim_id"] == claim_id)


# The centre of the first mark of a chart's shown drawing whose tooltip (its <title>) says `text`,
# scrolled to the middle of the window.
MARK_WITH_TOOLTIP_JS = f"""([chart, text]) => {{
  const svg = ({SHOWN_SVG_JS})(document.getElementById(chart))[0];
  const mark = [...svg.querySelectorAll('g.role-mark > * > title')]
    .find(t => t.textContent.includes(text)).parentNode;
  mark.scrollIntoView({{block: 'center'}});   // clear of the page's sticky header
  const box = mark.getBoundingClientRect();
  return {{x: box.left + box.width / 2, y: box.top + box.height / 2}};
}}"""


# (edition, the words of section 2's part title, the column of data/claims.csv naming claims)
EXPLORERS = [("", "Education reform", "subject"), ("zh/", "教育改革", "subject_zh")]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("edition, part, column", EXPLORERS)
def test_scorecard_explorer_filters_the_claims_by_the_selected_part(visit, edition, part, column, width):
    """Pressing a part's bar in the scorecard's drawing brings the runtime, and the live view
    lists that part's claims, with links to their verdicts."""
    v = visit()
    v.page.set_viewport_size({"width": width, "height": 900})
    page = v.open(edition + "notebooks/07_closing_and_captions.html")
    # Found by its drawing, then held by its id: once live, its drawing is gone.
    explorer = page.locator("#" + page.locator(".factcheck-chart:has(svg[data-live])").get_attribute("id"))
    # The list names each claim by its subject (data/claims.csv), never by its id.
    first, other = (_subject(claim_id, column) for claim_id in ("lead-population", "s2-preschool-gap"))
    assert first in explorer.inner_text()       # the lead is selected at first
    assert other not in explorer.inner_text()
    assert not [url for url in v.requested if RUNTIME in url]
    where = page.evaluate(MARK_WITH_TOOLTIP_JS, [explorer.get_attribute("id"), part])
    page.mouse.click(where["x"], where["y"])    # a real press: pointerdown, pointerup, click
    page.wait_for_function(
        """(other) => [...document.querySelectorAll('.factcheck-chart')]
                 .some(el => el.innerText.includes(other))""", arg=other, timeout=CHART_TIMEOUT_MS)
    text = explorer.inner_text()
    assert other in text and first not in text
    assert "lead-population" not in text and "s2-preschool-gap" not in text
    assert [url for url in v.requested if RUNTIME in url], "the live view came without the runtime?"
    assert page.evaluate(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)")
    assert not v.console_errors and not v.blocked and not v.failed


# Every file a page loads stays under this (the Vega runtime, 0.51 MB, is the largest);
# fontawesome.js (1.5 MB) is left out by book/_templates/layout.html.
ASSET_BUDGET = 600_000
VISIBLE_SEARCH_JS = """() => [...document.querySelectorAll(
    'input[type=search], input[name=q], .search-button__button, .search-button-field')]
  .filter(el => !el.closest('.ledger-filter'))   // a ledger's filter searches its own table
  .filter(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                         && !el.closest('dialog:not([open])'); })
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("path", ["index.html", "notebooks/04_s2_education_reform.html"])
def test_page_shows_exactly_one_search_control(visit, path):
    page = visit().open(path)
    visible = page.evaluate(VISIBLE_SEARCH_JS)
    assert len(visible) == 1, f"{path}: {len(visible)} visible search controls: {visible}"


def test_no_request_fails_on_the_server_favicon_included(visit, site):
    """The server's own log: the browser's /favicon.ico request never reaches the page's listeners.

    Headless Chromium asks for the icon only now and then, so the test also asks for what a
    browser would: the page's <link rel="icon">, else /favicon.ico.
    """
    before = len(site.errors)
    for path in ("index.html", "book/methodology.html", "notebooks/07_closing_and_captions.html"):
        v = visit()
        page = v.open(path)
        page.wait_for_timeout(300)  # a favicon is fetched after load
        icon = page.evaluate("() => (document.querySelector('link[rel~=icon]') || {}).href"
                             " || new URL('/favicon.ico', location.href).href")
        assert v.context.request.get(icon).ok, f"{path}: its icon {icon} is not served"
    assert site.errors[before:] == []


def test_no_page_asset_is_over_budget_and_fontawesome_js_is_not_loaded(visit):
    v = visit()
    urls = []
    v.page.on("request", lambda request: urls.append(request.url))
    page = v.open("notebooks/04_s2_education_reform.html")
    base = page.url.rsplit("/notebooks/", 1)[0] + "/"
    files = {url: HTML / url.split("?")[0][len(base):] for url in urls if url.startswith(base)}
    assert not [url for url in files if url.split("?")[0].endswith("fontawesome.js")], urls
    sizes = {url: path.stat().st_size for url, path in files.items() if path.is_file()}
    over = {url: size for url, size in sizes.items()
            if size > ASSET_BUDGET and not url.split("?")[0].endswith(".html")}
    assert not over, f"assets over {ASSET_BUDGET:,} bytes: {over}"

