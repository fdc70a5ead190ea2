// The link to the other edition keeps the reader's place: the anchor of the page they are on.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".language-switch a");
  if (link) { link.href = link.href.split("#")[0] + location.hash; }
});
