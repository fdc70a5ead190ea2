// Charts that do more than an SVG can (factcheck/book/drawing.py, factcheck/book/vega.py).
// Every chart is on the page as SVG drawn at build time, tooltips included; this file is only
// on pages with a chart that needs Vega at run time (a selection, as in the scorecard explorer).
// Nothing happens until the reader presses such a chart: then the Vega runtime and the chart's
// Vega spec (the one its drawing was made from) are loaded, the live view is drawn the same size
// in place of the drawing, and the press is passed on to the mark it was on. Both are loaded as
// scripts, so this works from a book opened as files too.
(function () {
  var script = document.currentScript;
  var loaded = {};
  // Options for Vega's view: SVG, so the text stays text; hover on, for hover encodings and
  // tooltips (Vega's default handler shows them as a title).
  var OPTIONS = {renderer: "svg", hover: true};
  // The marks of a drawing and of a live view, in the same order (the drawing wraps a linked
  // mark in <a>; Vega's live view does not).
  var DRAWN = "g.role-mark > :not(a), g.role-mark > a > *";
  var LIVE = "g.role-mark > *";
  // After the press is released, how long to wait for its click (a tap's comes a little later).
  var CLICK_WAIT_MS = 350;

  function load(path, ready) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL(path, script.src).href;
        tag.onload = function () {
          var value = ready();
          if (value) { resolve(value); } else { reject(new Error(tag.src + " defined nothing")); }
        };
        tag.onerror = function () { reject(new Error("could not load " + tag.src)); };
        document.head.appendChild(tag);
      });
    }
    return loaded[path];
  }

  function runtime() {
    return window.vega ? Promise.resolve(window.vega) : load(script.getAttribute("data-runtime"), function () {
      return window.vega && typeof window.vega.View === "function" && window.vega;
    });
  }

  function spec(name) {
    return load("charts/" + name, function () {
      return (window.factcheckLiveCharts || {})[name];
    });
  }

  function inLink(event) { return event.target.closest && event.target.closest("a"); }

  function goLive(chart, drawing) {
    var clicks = [];
    function remember(event) {
      if (inLink(event)) { return; }
      var marks = Array.prototype.slice.call(drawing.querySelectorAll(DRAWN));
      clicks.push({index: marks.indexOf(event.target.closest(DRAWN)), shiftKey: event.shiftKey,
                   clientX: event.clientX, clientY: event.clientY});
    }
    // The drawing stays until the press has given its click, which then goes to the live view.
    var released = new Promise(function (resolve) {
      drawing.addEventListener("click", function () { setTimeout(resolve, 0); }, {once: true});
      ["pointerup", "pointercancel"].forEach(function (type) {
        window.addEventListener(type, function () { setTimeout(resolve, CLICK_WAIT_MS); }, {once: true});
      });
    });
    drawing.addEventListener("click", remember);
    Promise.all([runtime(), spec(drawing.getAttribute("data-live"))]).then(function (got) {
      var vega = got[0], holder = document.createElement("div");
      holder.className = "factcheck-live " + drawing.getAttribute("class").replace(/\bmarks\b\s*/, "");
      var view = new vega.View(vega.parse(got[1]), Object.assign({container: holder}, OPTIONS));
      return Promise.all([view.runAsync(), released]).then(function () {
        drawing.removeEventListener("click", remember);
        chart.replaceChild(holder, drawing);
        var marks = holder.querySelectorAll(LIVE);
        clicks.forEach(function (click) {
          var mark = marks[click.index];
          if (mark) {
            mark.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
              shiftKey: click.shiftKey, clientX: click.clientX, clientY: click.clientY}));
          }
        });
      });
    }).catch(function (error) {
      drawing.removeEventListener("click", remember);
      console.error("factcheck chart " + chart.id + ": the live view did not draw:", error);
    });
  }

  // Listened for on the document: a desktop's drawing is put in the page only once its column is
  // known to be wide (factcheck-drawings.js), after this file has run.
  var pressed = new WeakSet();
  document.addEventListener("pointerdown", function (event) {
    var drawing = event.target.closest && event.target.closest(".factcheck-chart > svg[data-live]");
    if (!drawing || pressed.has(drawing) || inLink(event)) { return; }  // a link works without it
    pressed.add(drawing);
    goLive(drawing.parentNode, drawing);
  });
})();
