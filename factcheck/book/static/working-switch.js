// The page's working switch (book/_templates/working-switch.html): every folded code cell opens
// or closes with it. The paragraph at the top of the window stays where it is, so a reader who
// asks for the working in the middle of a chapter is not thrown to another place.
(function () {
  var button = document.querySelector("button.working-switch");
  if (!button) { return; }
  // The first paragraph below the sticky header that is not inside a fold.
  function firstInView() {
    var header = document.querySelector(".bd-header-article");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var paragraphs = document.querySelectorAll(".bd-article p");
    for (var i = 0; i < paragraphs.length; i++) {
      var p = paragraphs[i];
      if (!p.closest("details") && p.getBoundingClientRect().top >= top) { return p; }
    }
    return null;
  }
  button.addEventListener("click", function () {
    var show = !document.documentElement.classList.contains("working-shown");
    var anchor = firstInView(), before = anchor ? anchor.getBoundingClientRect().top : 0;
    document.querySelectorAll("div.cell details.hide").forEach(function (fold) { fold.open = show; });
    document.documentElement.classList.toggle("working-shown", show);
    button.textContent = show ? button.dataset.hide : button.dataset.show;
    if (!anchor) { return; }
    function keep() { window.scrollBy(0, anchor.getBoundingClientRect().top - before); }
    keep();
    // The code's monospace font may load only now that code is shown, and lengthen the cells.
    requestAnimationFrame(keep);
    if (document.fonts) { document.fonts.ready.then(keep); }
  });
})();
