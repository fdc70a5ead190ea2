(function () {
function drawChart(id, spec, opt) {
  var el = document.getElementById(id), canvas = null;
  var config = spec.config || {}, titles = config.title || {};
  function missing() {
    console.error("factcheck chart " + id +
                  ": window.vega is not defined (_static/vega-bundle.js did not load)");
  }
  function failed(err) {
    console.error("factcheck chart " + id + " failed to draw:", err);
  }
  // A line may break after a word in Latin text, and after any character in Chinese, which
  // puts no spaces between words; a closing mark (，。、) never starts a line.
  var CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f";
  var UNIT = new RegExp("[" + CJK + "]|[^\\s" + CJK + "]+|\\s+", "g");
  var CLOSING = /^[\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f\u201d\u2019\u3011]$/;
  function lines(text, font, width) {
    canvas = canvas || document.createElement("canvas");
    var context = canvas.getContext("2d"), out = [], line = "", space = false;
    context.font = font;
    (String(Array.isArray(text) ? text.join(" ") : text).match(UNIT) || []).forEach(function (unit) {
      if (/^\s+$/.test(unit)) { space = line !== ""; return; }
      var longer = line + (space ? " " : "") + unit;
      space = false;
      if (line && context.measureText(longer).width > width && !CLOSING.test(unit)) {
        out.push(line);
        line = unit;
      } else {
        line = longer;
      }
    });
    if (line) { out.push(line); }
    return out.length === 1 ? out[0] : out;
  }
  function font(title, sub) {
    var size = sub ? (title.subtitleFontSize || titles.subtitleFontSize || 13)
                   : (title.fontSize || titles.fontSize || 16);
    var weight = sub ? (title.subtitleFontWeight || titles.subtitleFontWeight || "normal")
                     : (title.fontWeight || titles.fontWeight || "bold");
    return weight + " " + size + "px " + (title.font || titles.font || config.font || "sans-serif");
  }
  function wrapTitles(node, width) {
    if (Array.isArray(node)) { node.forEach(function (child) { wrapTitles(child, width); }); return; }
    if (!node || typeof node !== "object") { return; }
    var title = node.title;
    if (title && typeof title === "object" && !Array.isArray(title) &&
        (typeof title.text === "string" || Array.isArray(title.text))) {
      title.text = lines(title.text, font(title, false), width);
      if (title.subtitle) { title.subtitle = lines(title.subtitle, font(title, true), width); }
    }
    Object.keys(node).forEach(function (key) {
      if (key !== "data" && key !== "config" && key !== "signals" && key !== "scales") {
        wrapTitles(node[key], width);
      }
    });
  }
  // A concatenated or faceted chart's views have fixed widths (signals named "…_width"):
  // narrow or widen them by what the drawn chart overshoots or leaves of the block.
  var viewWidths = (spec.signals || []).filter(function (signal) {
    return /_width$/.test(signal.name) && typeof signal.value === "number";
  }).map(function (signal) { return signal.name; });
  function fitViews(view, passes) {
    var svg = el.querySelector("svg");
    if (!viewWidths.length || !svg || passes >= 3) { return null; }
    var over = svg.getBoundingClientRect().width - el.clientWidth;
    if (over <= 0 && over > -8) { return null; }
    viewWidths.forEach(function (name) {
      view.signal(name, Math.max(60, Math.floor(view.signal(name) - over / viewWidths.length)));
    });
    // resize(): the layout is measured again, so the drawing's width follows the views'.
    return view.resize().runAsync().then(function () { return fitViews(view, passes + 1); });
  }
  // A legend below the plot starts where the plot does, after the axis labels, so on a
  // narrow page its labels can reach past the chart's edge: draw again with them cut short
  // (the data table after the chart gives them whole).
  function legendOverhang() {
    var right = el.getBoundingClientRect().right, most = 0;
    el.querySelectorAll("svg .role-legend").forEach(function (legend) {
      most = Math.max(most, legend.getBoundingClientRect().right - right);
    });
    return Math.ceil(most);
  }
  function shortenLegends(node, cut) {
    if (Array.isArray(node)) { node.forEach(function (child) { shortenLegends(child, cut); }); return; }
    if (!node || typeof node !== "object") { return; }
    (node.legends || []).forEach(function (legend) {
      legend.labelLimit = Math.max(40, (legend.labelLimit || config.legend && config.legend.labelLimit
                                        || 160) - cut);
    });
    (node.marks || []).forEach(function (mark) { shortenLegends(mark, cut); });
  }
  function run(view, retries) {
    return view.runAsync().then(function () { return fitViews(view, 0); }).then(function () {
      var over = legendOverhang();
      if (over <= 0 || retries <= 0) { return null; }
      view.finalize();
      shortenLegends(spec, over + 4);
      return run(new window.vega.View(window.vega.parse(spec), opt), retries - 1);
    });
  }
  function draw() {
    try {
      var padding = typeof spec.padding === "number" ? spec.padding : 8;
      wrapTitles(spec, Math.max(120, el.clientWidth - 2 * padding - 4));
      opt.container = el;
      run(new window.vega.View(window.vega.parse(spec), opt), 2).catch(failed);
    } catch (err) {
      failed(err);
    }
  }
  if (window.vega && typeof window.vega.View === "function") { draw(); } else { missing(); }
}
// The page's inline scripts queued their charts; this file is deferred after the Vega
// runtime, so both are there now. Later charts (none today) would be drawn at once.
var queued = window.factcheckCharts || [];
window.factcheckCharts = {push: function (chart) { drawChart.apply(null, chart); }};
queued.forEach(function (chart) { drawChart.apply(null, chart); });
})();
