// On a phone a table's rows become cards: each cell is labelled with its column's heading (see app.css).
(function () {
  document.querySelectorAll("table").forEach(function (table) {
    const heads = Array.from(table.querySelectorAll("thead th")).map(function (th) { return th.textContent.trim(); });
    if (!heads.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.from(row.children).forEach(function (cell, i) { if (heads[i]) cell.setAttribute("data-label", heads[i]); });
    });
  });
})();
