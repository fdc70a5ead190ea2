"""The book's charts and tables as a reader's screen lays them out, in Debian's headless
Chromium with no network: on a phone a page's charts fit the column with no text on text, its
headings keep their order of size and no table cell is squeezed; with scripts off, every chart
shows. (The desktop's chart fit is checked with the rest of the page in tests/test_browser.py,
on the same load.)

Run `make book` first (`make test` does)."""
from __future__ import annotations

import pytest
from browser_pages import (
    CHART_TIMEOUT_MS,
    CHARTS_STATE_JS,
    DESKTOP,
    FIT_JS,
    MIN_TEXT_PX,
    PHONE,
    SHOWN_SVG_JS,
    TOLERANCE_PX,
    chart_fit_problems,
    chart_pages,
)

from factcheck.tools.browser import book_pages

# On a phone (390 px): headings keep their order of size, and no table cell is squeezed to a
# character or two a line (Chinese breaks anywhere, so a narrow column shows one character a line),
# no table's caption is narrower than half its table or runs past what the reader sees of it, and a
# ledger cell whose header is hidden carries its own label.
READING_JS = """() => {
  const out = [];
  // A folded list is laid out as a reader who opens it sees it.
  document.querySelectorAll('details.ledger-fold').forEach(fold => { fold.open = true; });
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
    // Narrower than three characters too: a wide cell whose short text wraps under a label is
    // not squeezed.
    const narrow = box.width < 3 * parseFloat(style.fontSize);
    if (text.length > 2 && box.width && narrow && lines > 1 && lines >= Math.ceil(text.length / 2)) {
      out.push(`a cell ${Math.round(box.width)}px wide, ${lines} lines: "${text.slice(0, 30)}"`);
    }
  }
  // A table's title as wide as its table: on a phone the ledger once set its caption in a
  // column a word (or two characters) wide beside its rows.
  for (const caption of document.querySelectorAll('article table > caption')) {
    const table = caption.parentElement.getBoundingClientRect(), box = caption.getBoundingClientRect();
    if (caption.textContent.trim() && box.width && box.width < 0.5 * table.width) {
      out.push(`a caption ${Math.round(box.width)}px wide in a table ${Math.round(table.width)}px wide: `
               + `"${caption.textContent.trim().slice(0, 30)}"`);
    }
    // Its words in sight before the table is scrolled: a caption centred over a wide table that
    // scrolls put them past the screen's edge.
    const words = document.createRange();
    words.selectNodeContents(caption);
    const shown = Math.min(table.left + caption.parentElement.clientWidth, window.innerWidth);
    const right = words.getBoundingClientRect().right;
    if (caption.textContent.trim() && box.width && right > shown + 1) {
      out.push(`a caption whose words run past the visible table (${Math.round(right)}px > `
               + `${Math.round(shown)}px): "${caption.textContent.trim().slice(0, 30)}"`);
    }
  }
  // Where a phone hides a ledger's header row, each cell after the claim opens with its own
  // label (why it could not be verified is led by its kind; what would settle it says so).
  for (const table of document.querySelectorAll('article table.ledger-table')) {
    if (!table.tHead || getComputedStyle(table.tHead).display !== 'none') continue;
    for (const row of table.tBodies[0].rows) {
      const unlabelled = [...row.cells].slice(1)
        .filter(cell => !cell.firstElementChild || !cell.firstElementChild.getClientRects().length);
      if (unlabelled.length) out.push(`${row.id}: ${unlabelled.length} cells without a label, header hidden`);
    }
  }
  return out;
}"""


# The chapters and the book's pages, both editions; and every page with a chart.
READING_PAGES = [page for page in book_pages() if "notebooks/" in page or "book/" in page]
CHART_PAGES = chart_pages()
PHONE_PAGES = sorted(set(READING_PAGES) | set(CHART_PAGES))


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_charts_fit_headings_keep_their_order_and_no_table_cell_is_squeezed(visit, path):
    """One load of the page at 390 px for every check of how a phone lays it out."""
    v = visit()
    v.page.set_viewport_size(PHONE)
    page = v.open_laid_out(path)
    problems = page.evaluate(READING_JS) if path in READING_PAGES else []
    if path in CHART_PAGES:
        problems += chart_fit_problems(page)
    problems += v.console_errors
    assert problems == [], f"{path} at {PHONE['width']}px:\n  " + "\n  ".join(problems[:10])


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_shows_with_javascript_off(browser, site, path):
    """In print, in a feed reader, with scripts off: the chart is there, drawn at build time, at
    a phone's width and a desktop's. With no script to run, the page is laid out again for the
    second width from the same load."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, service_workers="block")
    problems = []
    try:
        page = context.new_page()
        page.goto(site + path, wait_until="load")
        described = page.evaluate("""() => [...document.querySelectorAll('.factcheck-chart')]
            .filter(el => el.getAttribute('role') === 'img' && el.getAttribute('aria-label'))
            .length""")
        for screen in (PHONE, DESKTOP):
            page.set_viewport_size(screen)
            charts = page.evaluate(CHARTS_STATE_JS)
            assert charts, f"{path}: no chart"
            not_shown = {c["id"]: c["shown"] for c in charts if not c["drawn"]}
            if not_shown:
                problems.append(f"at {screen['width']}px, charts not showing one drawing: {not_shown}")
            # Every chart of the book has tooltips: with no script, they are its marks' <title>s.
            untipped = page.evaluate(f"""() => [...document.querySelectorAll('.factcheck-chart')]
                .filter(el => !({SHOWN_SVG_JS})(el).some(svg => svg.querySelector('.role-mark title')))
                .map(el => el.id)""")
            if untipped:
                problems.append(f"at {screen['width']}px, charts whose marks have no tooltip: {untipped}")
    finally:
        context.close()
    if described != len(charts):
        problems.append(f"{len(charts) - described} charts without a description")
    assert problems == [], f"{path}, scripts off:\n  " + "\n  ".join(problems)


def test_the_overlap_check_finds_one_text_drawn_on_another(visit):
    """The em-box measure still sees text on text: two labels put at the same place overlap."""
    path = next(p for p in chart_pages() if p.startswith("notebooks/"))
    page = visit().open(path)
    page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    assert page.evaluate(FIT_JS, [TOLERANCE_PX, MIN_TEXT_PX]) == []
    page.evaluate("""() => {
      const shown = (SHOWN_SVG)(document.querySelector('.factcheck-chart'))[0];
      const texts = [...shown.querySelectorAll('text')]
        .filter(t => t.textContent.trim().length > 2);
      const [a, b] = texts;
      b.parentNode.removeChild(b);
      a.parentNode.appendChild(b);
      b.setAttribute('transform', a.getAttribute('transform') || '');
      b.setAttribute('x', a.getAttribute('x') || 0); b.setAttribute('y', a.getAttribute('y') || 0);
      b.setAttribute('text-anchor', a.getAttribute('text-anchor') || 'start');
    }""".replace("SHOWN_SVG", SHOWN_SVG_JS))
    assert any("overlaps" in problem for problem in page.evaluate(FIT_JS, [TOLERANCE_PX, MIN_TEXT_PX]))


DRAWINGS_JS = """() => [...document.querySelectorAll('.factcheck-chart')].map(el => ({
  id: el.id,
  inPage: el.querySelectorAll(':scope > svg').length,
  shown: [...el.querySelectorAll(':scope > svg')].filter(s => s.getBoundingClientRect().width > 0)
           .map(s => s.getAttribute('class'))}))"""


@pytest.mark.parametrize("width,expected", [(390, "factcheck-narrow"), (1366, "factcheck-wide")])
def test_a_phone_page_holds_one_drawing_per_chart_and_a_desktop_shows_the_wide_one(visit, width, expected):
    """The desktop drawing waits outside the page (a <template>) until a wide column puts it in."""
    v = visit()
    v.page.set_viewport_size({"width": width, "height": 900})
    page = v.open_laid_out("notebooks/04_s2_education_reform.html")
    page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    charts = page.evaluate(DRAWINGS_JS)
    assert charts, "no chart"
    if width < 600:
        assert all(chart["inPage"] == 1 for chart in charts), charts
    assert all(chart["shown"] == [f"marks {expected}"] for chart in charts), charts
    assert not v.console_errors
