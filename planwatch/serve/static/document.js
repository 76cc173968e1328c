// Clicking a highlighted figure says what it is and links to its indicator; a link to #f<id> or #c<offset>
// scrolls to the figure and makes it flash.
(function () {
  const info = document.getElementById("fact-info");
  function explain(mark) {
    info.textContent = mark.title;
    if (mark.dataset.code) {
      const link = document.createElement("a");
      link.href = "/chi-tieu/" + encodeURIComponent(mark.dataset.code);
      link.textContent = " → " + (mark.dataset.name || mark.dataset.code);
      info.appendChild(link);
    }
    info.hidden = false;
    const box = document.getElementById("b" + mark.id.slice(1));  // its box on the scanned page, if OCR read it
    document.querySelectorAll(".ocr-box.flash").forEach(function (b) { b.classList.remove("flash"); });
    if (box) { box.classList.add("flash"); box.scrollIntoView({ block: "nearest" }); }
  }
  document.querySelectorAll("mark.fact").forEach(function (mark) {
    mark.addEventListener("click", function () { explain(mark); });
  });
  const hash = window.location.hash.slice(1);
  const byStart = hash[0] === "c" ? document.querySelector('mark.fact[data-start="' + hash.slice(1) + '"]') : null;
  const target = hash && (byStart || document.getElementById(hash));
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.classList.add("flash");
    if (target.title) explain(target);
  }
})();
