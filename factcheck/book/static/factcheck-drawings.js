// A chart's desktop drawing (factcheck/book/vega.py) waits in a <template>, outside the page, so a
// phone's page holds one drawing per chart. When a chart's column is wide enough, the drawing is
// put in the page once, and the column shows the one that fits it from then on.
(function () {
  var WIDE_FROM = 600;  // px of column; factcheck/book/drawing.py draws 358 and 640 px
  function fit(chart, width) {
    var waiting = chart.querySelector(":scope > template.factcheck-wide");
    if (width >= WIDE_FROM && waiting) {
      chart.replaceChild(waiting.content.cloneNode(true), waiting);
    }
    chart.classList.toggle("factcheck-is-wide", width >= WIDE_FROM);
  }
  var charts = document.querySelectorAll(".factcheck-chart");
  if (!("ResizeObserver" in window)) {
    charts.forEach(function (chart) { fit(chart, chart.clientWidth); });
    return;
  }
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { fit(entry.target, entry.contentRect.width); });
  });
  charts.forEach(function (chart) { observer.observe(chart); });
})();
