"""The built book in a real browser, with no network.

Serves _build/html on 127.0.0.1 and opens every page in Debian's headless
Chromium. Every request that does not go to 127.0.0.1 is blocked and recorded.
A page passes when each chart container holds a drawn chart (an SVG with
marks), nothing was blocked or missing, and the console shows no error at all:
errors from the theme count as much as our own.

Run `make book` first (`make test` does).
"""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from factcheck import PROJECT_ROOT
from factcheck.tools.browser import BUILT_BOOK as HTML
from factcheck.tools.browser import NOT_PAGES, book_pages, is_local, serve

CHART_TIMEOUT_MS = 20_000
# axe-core from the npm registry, pinned in package-lock.json (`npm ci` in `make test`).
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_FAILING_IMPACTS = ("serious", "critical")
AXE_RUN_JS = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""

# A chart counts as drawn when Vega has put at least one mark into its SVG.
CHARTS_STATE_JS = """() => Array.from(document.querySelectorAll('.factcheck-chart')).map(el => ({
    id: el.id,
    drawn: el.querySelectorAll('svg g.role-mark > path, svg g.role-mark > rect, '
                               + 'svg g.role-mark > line, svg g.role-mark > text, '
                               + 'svg g.role-mark > image, svg g.role-mark > g').length > 0,
}))"""


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as url:
        yield url


class PageVisit:
    """One page in a fresh context, with everything that went wrong recorded."""

    def __init__(self, browser, site: str):
        self.site = site
        self.context = browser.new_context(service_workers="block")
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._request_failed)

    def _route(self, route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type == "error":
            location = message.location or {}
            where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})"
            self.console_errors.append(f"console.error: {message.text}{where}")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request):
        if request.url not in self.blocked:
            self.failed.append(f"failed: {request.url} ({request.failure})")

    def open(self, path: str):
        self.page.goto(self.site + path, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture()
def visit(browser, site):
    visits = []

    def open_visit() -> PageVisit:
        v = PageVisit(browser, site)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


def test_book_has_pages(built_book):
    pages = book_pages()
    assert "search.html" in pages
    assert "index.html" in pages and "book/methodology.html" in pages
    assert "notebooks/01_source_and_claims.html" in pages


def test_vega_bundle_is_served_locally():
    bundle = HTML / "_static" / "vega-bundle.js"
    assert bundle.is_file(), "factcheck.book.vega did not write _static/vega-bundle.js"
    assert "vega={}" in bundle.read_text(encoding="utf-8")  # Vega's UMD build: window.vega


@pytest.mark.parametrize("path", book_pages() if HTML.is_dir() else ["index.html"])
def test_page_draws_charts_offline_accessibly_without_errors(visit, site, path):
    errors_before = len(site.errors)
    v = visit()
    page = v.open(path)
    charts = page.evaluate(CHARTS_STATE_JS)
    if charts:
        try:
            page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)",
                                   timeout=CHART_TIMEOUT_MS)
        except Exception:  # playwright's TimeoutError: report which charts below
            pass
        charts = page.evaluate(CHARTS_STATE_JS)
        page.wait_for_load_state("networkidle")
    blank = [c["id"] for c in charts if not c["drawn"]]
    problems = []
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


def _subject(claim_id: str) -> str:
    import csv

    with (PROJECT_ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return next(row["subject"] for row in csv.DictReader(handle) if row["claim_id"] == claim_id)


def test_scorecard_explorer_filters_the_claims_by_the_selected_part(visit):
    """Clicking a part's bar in the scorecard lists that part's claims, with links to their verdicts."""
    v = visit()
    page = v.open("notebooks/07_closing_and_captions.html")
    explorer = page.locator(".factcheck-chart", has_text="Scorecard explorer")
    explorer.locator("svg").first.wait_for(timeout=CHART_TIMEOUT_MS)
    # The list names each claim by its subject (data/claims.csv), never by its id.
    first, other = (_subject(claim_id) for claim_id in ("lead-population", "s2-preschool-gap"))
    assert first in explorer.inner_text()       # the lead is selected at first
    assert other not in explorer.inner_text()
    explorer.locator('path[aria-label*="Education reform"]').first.click()
    page.wait_for_function(
        """(other) => [...document.querySelectorAll('.factcheck-chart')]
                 .some(el => el.textContent.includes(other))""", arg=other, timeout=CHART_TIMEOUT_MS)
    text = explorer.inner_text()
    assert other in text and first not in text
    assert "lead-population" not in text and "s2-preschool-gap" not in text
    assert not v.console_errors and not v.blocked


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


# ---------------------------------------------------------------- charts on a phone
# Every chart fits the page at a desktop's and a phone's width, with no text on text:
# for each page with charts, at 1366x900 and 390x844, no chart needs sideways scrolling
# and the page has none; every mark, legend entry and title line is inside its chart's box and the
# viewport; no two visible text elements of a chart overlap by more than 1 px; and the
# console shows no error.

VIEWPORTS = [(1366, 900), (390, 844)]
TOLERANCE_PX = 1

FIT_JS = """(tolerance) => {
  // Each character's em box on the page: from its advance along the baseline, and from 0.8 em
  // above the baseline to 0.2 em below it, whatever the font's own line metrics.
  const emBoxes = t => {
    const ctm = t.getScreenCTM(), size = parseFloat(getComputedStyle(t).fontSize), boxes = [];
    for (let i = 0; i < t.getNumberOfChars(); i++) {
      const start = t.getStartPositionOfChar(i), end = t.getEndPositionOfChar(i);
      const corners = [[start.x, start.y - 0.8 * size], [end.x, end.y - 0.8 * size],
                       [start.x, start.y + 0.2 * size], [end.x, end.y + 0.2 * size]]
        .map(([x, y]) => new DOMPoint(x, y).matrixTransform(ctm));
      const xs = corners.map(c => c.x), ys = corners.map(c => c.y);
      boxes.push({left: Math.min(...xs), right: Math.max(...xs),
                  top: Math.min(...ys), bottom: Math.max(...ys)});
    }
    return boxes;
  };
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) {
    out.push(`page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
  }
  for (const el of document.querySelectorAll('.factcheck-chart')) {
    const box = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth) {
      out.push(`${el.id}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
    }
    if (box.left < -tolerance || box.right > window.innerWidth + tolerance) {
      out.push(`${el.id}: box ${box.left}-${box.right} outside the viewport`);
    }
    const left = Math.max(box.left, 0) - tolerance;
    const right = Math.min(box.right, window.innerWidth) + tolerance;
    // Titles too: Chinese has no spaces to break a long title at (factcheck-charts.js).
    const drawn = 'svg .role-mark > *, svg .role-legend-symbol, svg .role-legend-label, '
      + 'svg .role-title-text, svg .role-title-subtitle';
    for (const m of el.querySelectorAll(drawn)) {
      const b = m.getBoundingClientRect();
      if ((b.width || b.height) && (b.left < left || b.right > right)) {
        const what = m.getAttribute('aria-label') || m.textContent || m.tagName;
        out.push(`${el.id}: ${what} at ${b.left}-${b.right} is off the chart ${box.left}-${box.right}`);
      }
    }
    // Text on text is judged by the glyphs' em boxes, not by line boxes: a line box is as tall
    // as the font's ascent and descent, which differ by font (Noto CJK's are much taller than
    // WenQuanYi's), so the verdict would depend on which CJK font the machine has.
    const texts = [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim()
        && t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0'
        && t.getBoundingClientRect().width)
      .map(t => [t.textContent, emBoxes(t)]);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (texts[i][1].some(a => texts[j][1].some(b => {
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          return w > tolerance && h > tolerance;
        }))) out.push(`${el.id}: "${texts[i][0]}" overlaps "${texts[j][0]}"`);
      }
    }
  }
  return out;
}"""


def chart_pages() -> list[str]:
    if not HTML.is_dir():
        return ["notebooks/01_source_and_claims.html"]
    return sorted(path.relative_to(HTML).as_posix() for path in HTML.rglob("*.html")
                  if 'class="factcheck-chart"' in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=lambda v: str(v))
@pytest.mark.parametrize("path", chart_pages())
def test_charts_fit_the_screen_without_overlapping_text(visit, built_book, path, width, height):
    v = visit()
    v.page.set_viewport_size({"width": width, "height": height})
    page = v.open(path)
    page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    problems = page.evaluate(FIT_JS, TOLERANCE_PX)
    errors = v.console_errors
    assert not problems and not errors, f"{path} at {width}px:\n  " + "\n  ".join(problems + errors)


# On a phone (390 px): headings keep their order of size, and no table cell is squeezed to a
# character or two a line (Chinese breaks anywhere, so a narrow column shows one character a line).
PHONE = {"width": 390, "height": 844}
READING_JS = """() => {
  const out = [];
  const size = tag => { const e = document.querySelector('article ' + tag);
                        return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
  const sizes = ['h1', 'h2', 'h3', 'h4'].map(size);
  for (let i = 0; i < sizes.length; i++) {
    for (let j = i + 1; j < sizes.length; j++) {
      if (sizes[i] !== null && sizes[j] !== null && sizes[j] > sizes[i]) {
        out.push(`h${j + 1} (${sizes[j]}px) is larger than h${i + 1} (${sizes[i]}px)`);
      }
    }
  }
  // Squeezed: a cell of three characters or more that shows two or fewer on a line.
  for (const cell of document.querySelectorAll('article td, article th')) {
    // The text's own height, not the cell's: a row is as tall as its tallest cell.
    const text = cell.textContent.trim(), style = getComputedStyle(cell), range = document.createRange();
    range.selectNodeContents(cell);
    const box = range.getBoundingClientRect();
    const line = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize);
    const lines = Math.round(box.height / line);
    if (text.length > 2 && box.width && lines > 1 && lines >= Math.ceil(text.length / 2)) {
      out.push(`a cell ${Math.round(box.width)}px wide, ${lines} lines: "${text.slice(0, 30)}"`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", [page for page in book_pages() if page.endswith(".html")
                                  and ("notebooks/" in page or "book/" in page)])
def test_on_a_phone_headings_keep_their_order_and_no_table_cell_is_squeezed(visit, path):
    v = visit()
    v.page.set_viewport_size(PHONE)
    page = v.open(path)
    page.wait_for_load_state("networkidle")
    problems = page.evaluate(READING_JS)
    assert problems == [], f"{path} at 390px:\n  " + "\n  ".join(problems[:10])


def test_the_overlap_check_finds_one_text_drawn_on_another(visit):
    """The em-box measure still sees text on text: two labels put at the same place overlap."""
    path = next(p for p in chart_pages() if p.startswith("notebooks/"))
    page = visit().open(path)
    page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    assert page.evaluate(FIT_JS, TOLERANCE_PX) == []
    page.evaluate("""() => {
      const texts = [...document.querySelector('.factcheck-chart svg').querySelectorAll('text')]
        .filter(t => t.textContent.trim().length > 2);
      const [a, b] = texts;
      b.parentNode.removeChild(b);
      a.parentNode.appendChild(b);
      b.setAttribute('transform', a.getAttribute('transform') || '');
      b.setAttribute('x', a.getAttribute('x') || 0); b.setAttribute('y', a.getAttribute('y') || 0);
      b.setAttribute('text-anchor', a.getAttribute('text-anchor') || 'start');
    }""")
    assert any("overlaps" in problem for problem in page.evaluate(FIT_JS, TOLERANCE_PX))
