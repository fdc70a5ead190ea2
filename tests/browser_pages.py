"""What the browser tests share: a page visit in a fresh Chromium context that records every
console error, blocked request and failure (the `visit` fixture in conftest.py opens them), and
the scripts that read a chart's state from the page."""
from __future__ import annotations

from factcheck import PROJECT_ROOT
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

    def __init__(self, browser, site: str):
        self.site = site
        self.context = browser.new_context(service_workers="block")
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
