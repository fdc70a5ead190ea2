// A chapter's ledger (factcheck/render/templates/ledger.html): a filter box above it, and
// headers that sort its rows. Without JavaScript it stays a plain table.
(function () {
  function text(row, column) { return (row.cells[column] || {}).textContent || ""; }
  function setUp(table) {
    var body = table.tBodies[0], label = table.getAttribute("data-filter-label") || "Filter";
    var box = document.createElement("p"), input = document.createElement("input");
    box.className = "ledger-filter";
    input.type = "search";
    input.setAttribute("aria-label", label);
    input.placeholder = label;
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = wanted !== "" && row.textContent.toLowerCase().indexOf(wanted) < 0;
      });
    });
    box.appendChild(input);
    table.parentNode.insertBefore(box, table);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
      header.setAttribute("aria-sort", "none");
      header.tabIndex = 0;
      function sort() {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          return text(a, column).localeCompare(text(b, column)) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      header.addEventListener("click", sort);
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.ledger-table"), setUp);
})();
