"""What the browser tests share: a page visit in a fresh Chromium context that records every
console error, blocked request and failure (the `visit` fixture in conftest.py opens them), and
the scripts that read a chart's state from the page."""
from __future__ import annotations

from factcheck import PROJECT_ROOT
from factcheck.tools.browser import BUILT_BOOK as HTML
from factcheck.tools.browser import is_local

CHART_TIMEOUT_MS = 20_000
# axe-core from the npm registry, pinned in package-lock.json (`npm ci` in `make test`).
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_FAILING_IMPACTS = ("serious", "critical")
AXE_RUN_JS = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""

# A chart holds two drawings (factcheck.book.drawing), of which the page shows the one that fits
# its column, or the live view that replaced it. Each chart's shown SVG, found from the page:
SHOWN_SVG_JS = """el => [...el.querySelectorAll(':scope > svg, :scope > .factcheck-live > svg')]
  .filter(s => { const r = s.getBoundingClientRect(), style = getComputedStyle(s);
                 return r.width > 0 && r.height > 0 && style.visibility !== 'hidden'; })"""
# A chart counts as drawn when exactly one SVG shows, and it has at least one mark.
CHARTS_STATE_JS = f"""() => Array.from(document.querySelectorAll('.factcheck-chart')).map(el => {{
  const shown = ({SHOWN_SVG_JS})(el);
  return {{id: el.id, shown: shown.length,
          drawn: shown.length === 1 && shown[0].querySelectorAll(
            'g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > text, '
            + 'g.role-mark > a > text, g.role-mark > image, g.role-mark > g').length > 0}};
}})"""
# The chart scripts: the runtime, loaded only when a reader presses a live chart, and the file
# that does it, only on a page with such a chart (factcheck.book.vega).
RUNTIME = "vega-bundle.js"
LIVE_SCRIPT = "factcheck-charts.js"


class PageVisit:
    """One page in a fresh context, with everything that went wrong recorded."""

    def __init__(self, browser, site: str, *, javascript: bool = True):
        self.site = site
        self.context = browser.new_context(service_workers="block", java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        self.page.on("response", self._response)
        self.page.on("requestfailed", self._request_failed)

    def _route(self, route):
        url = route.request.url
        self.requested.append(url)
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

    def open_laid_out(self, path: str):
        """The page once loaded and its fonts ready: enough to measure layout, without
        networkidle's half-second wait for a quiet network (the tests that check requests use
        `open`)."""
        self.page.goto(self.site + path, wait_until="load")
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        return self.page

    def close(self):
        self.context.close()


# ---------------------------------------------------------------- a chart as a screen lays it out
# The two screens every chart is checked at: a desktop's and a phone's.
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Every chart fits the page, with no text on text: the chart shows one drawing; no chart needs
# sideways scrolling and the page has none; every mark, legend entry and text of the shown
# drawing (title lines too: Chinese has no spaces to break a long title at) is inside its chart's
# box and the viewport; no text of it is drawn smaller than MIN_TEXT_PX (the drawing made for a
# wider column, shrunk to fit, would be); and no two of its visible texts overlap by more than
# TOLERANCE_PX.
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
    """The built pages, both editions, that hold a chart."""
    if not HTML.is_dir():
        return ["notebooks/01_source_and_claims.html"]
    return sorted(path.relative_to(HTML).as_posix() for path in HTML.rglob("*.html")
                  if 'class="factcheck-chart"' in path.read_text(encoding="utf-8"))


def chart_fit_problems(page) -> list[str]:
    """What does not fit on the page as laid out now, once its charts are drawn (a chart that
    never draws is reported by FIT_JS as showing no drawing)."""
    try:
        page.wait_for_function(f"() => ({CHARTS_STATE_JS})().every(c => c.drawn)", timeout=CHART_TIMEOUT_MS)
    except Exception:  # playwright's TimeoutError: FIT_JS names the charts
        pass
    return page.evaluate(FIT_JS, [TOLERANCE_PX, MIN_TEXT_PX])
