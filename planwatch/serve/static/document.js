// Clicking a highlighted figure says what it is; a link to #f<id> scrolls to it and makes it flash.
(function () {
  const info = document.getElementById("fact-info");
  document.querySelectorAll("mark.fact").forEach(function (mark) {
    mark.addEventListener("click", function () {
      info.textContent = mark.title;
      info.hidden = false;
    });
  });
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.classList.add("flash");
    if (target.title) { info.textContent = target.title; info.hidden = false; }
  }
})();
