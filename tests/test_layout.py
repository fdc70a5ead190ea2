"""The book's charts and tables as a reader's screen lays them out, in Debian's headless
Chromium with no network: charts fit the column with no text on text, show with scripts off,
and on a phone headings keep their order of size and no table cell is squeezed.

Run `make book` first (`make test` does)."""
from __future__ import annotations

import pytest
from browser_pages import (
    CHART_TIMEOUT_MS,
    CHARTS_STATE_JS,
    SHOWN_SVG_JS,
)

from factcheck.tools.browser import BUILT_BOOK as HTML
from factcheck.tools.browser import book_pages

VIEWPORTS = [(1366, 900), (390, 844)]
TOLERANCE_PX = 1
MIN_TEXT_PX = 11

FIT_JS = """([tolerance, minText]) => {
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
    const shown = (SHOWN_SVG)(el);
    if (shown.length !== 1) { out.push(`${el.id}: ${shown.length} drawings shown`); continue; }
    const svg = shown[0], box = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth) {
      out.push(`${el.id}: scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
    }
    if (box.left < -tolerance || box.right > window.innerWidth + tolerance) {
      out.push(`${el.id}: box ${box.left}-${box.right} outside the viewport`);
    }
    const left = Math.max(box.left, 0) - tolerance;
    const right = Math.min(box.right, window.innerWidth) + tolerance;
    const drawn = '.role-mark > *, .role-legend-symbol, .role-legend-label, '
      + '.role-title-text, .role-title-subtitle';
    for (const m of svg.querySelectorAll(drawn)) {
      const b = m.getBoundingClientRect();
      if ((b.width || b.height) && (b.left < left || b.right > right)) {
        const what = m.getAttribute('aria-label') || m.textContent || m.tagName;
        out.push(`${el.id}: ${what} at ${b.left}-${b.right} is off the chart ${box.left}-${box.right}`);
      }
    }
    // A text's box stops at the edge of its SVG (Chromium lays out no glyph past it), so a text's
    // reach is its full length from its anchor, on the page.
    const lines = [...svg.querySelectorAll('text')].flatMap(t => t.querySelector('tspan')
      ? [...t.querySelectorAll('tspan')].map(line => [line, t]) : [[t, t]]);
    for (const [t, text] of lines) {
      const ctm = t.getScreenCTM(), length = t.getComputedTextLength();
      if (!ctm || !length || !text.getBoundingClientRect().width) continue;
      const at = t.x.baseVal.length ? t.x : text.x, anchor = getComputedStyle(t).textAnchor;
      const x = at.baseVal.length ? at.baseVal[0].value : 0;
      const start = anchor === 'end' ? x - length : anchor === 'middle' ? x - length / 2 : x;
      const xs = [start, start + length].map(p => new DOMPoint(p, 0).matrixTransform(ctm).x);
      if (Math.min(...xs) < left || Math.max(...xs) > right) {
        out.push(`${el.id}: "${t.textContent}" reaches ${Math.min(...xs)}-${Math.max(...xs)}, `
                 + `off the chart ${box.left}-${box.right}`);
      }
    }
    // The drawing's scale on the page: its width there over the width it was drawn at.
    const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
    // Text on text is judged by the glyphs' em boxes, not by line boxes: a line box is as tall
    // as the font's ascent and descent, which differ by font (Noto CJK's are much taller than
    // WenQuanYi's), so the verdict would depend on which CJK font the machine has.
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()
        && t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0'
        && t.getBoundingClientRect().width)
      .map(t => [t.textContent, emBoxes(t), parseFloat(getComputedStyle(t).fontSize)]);
    const smallest = Math.min(...texts.map(([, , size]) => size * scale));
    if (smallest < minText) {
      out.push(`${el.id}: text drawn at ${smallest.toFixed(1)} px (the drawing shrunk ${scale.toFixed(2)}x)`);
    }
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
}""".replace("SHOWN_SVG", SHOWN_SVG_JS)


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
    page = v.open_laid_out(path)
    page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    problems = page.evaluate(FIT_JS, [TOLERANCE_PX, MIN_TEXT_PX])
    errors = v.console_errors
    assert not problems and not errors, f"{path} at {width}px:\n  " + "\n  ".join(problems + errors)


@pytest.mark.parametrize("width,height", VIEWPORTS, ids=lambda v: str(v))
@pytest.mark.parametrize("path", chart_pages())
def test_every_chart_shows_with_javascript_off(browser, site, path, width, height):
    """In print, in a feed reader, with scripts off: the chart is there, drawn at build time."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": height},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site + path, wait_until="load")
        charts = page.evaluate(CHARTS_STATE_JS)
        described = page.evaluate("""() => [...document.querySelectorAll('.factcheck-chart')]
            .filter(el => el.getAttribute('role') === 'img' && el.getAttribute('aria-label'))
            .length""")
        # Every chart of the book has tooltips: with no script, they are its marks' <title>s.
        untipped = page.evaluate(f"""() => [...document.querySelectorAll('.factcheck-chart')]
            .filter(el => !({SHOWN_SVG_JS})(el).some(svg => svg.querySelector('.role-mark title')))
            .map(el => el.id)""")
    finally:
        context.close()
    assert charts, f"{path}: no chart"
    not_shown = {c["id"]: c["shown"] for c in charts if not c["drawn"]}
    assert not not_shown, f"{path} at {width}px, scripts off: charts not showing one drawing: {not_shown}"
    assert described == len(charts), f"{path}: {len(charts) - described} charts without a description"
    assert not untipped, f"{path}: charts whose marks have no tooltip: {untipped}"


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
    page = v.open_laid_out(path)
    problems = page.evaluate(READING_JS)
    assert problems == [], f"{path} at 390px:\n  " + "\n  ".join(problems[:10])


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
