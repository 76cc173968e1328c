// Clicking a highlighted figure says what it is; a link to #f<id> scrolls to it and makes it flash.
(function () {
  const info = document.getElementById("fact-info");
  document.querySelectorAll("mark.fact").forEach(function (mark) {
    mark.addEventListener("click", function () {
      info.textContent = mark.title;
      info.hidden = false;
    });
  });
  // #f<id>: a fact; #c<offset>: the fact or paragraph starting at that offset of the stored text
  const hash = window.location.hash.slice(1);
  const byStart = hash[0] === "c" ? document.querySelector('mark.fact[data-start="' + hash.slice(1) + '"]') : null;
  const target = hash && (byStart || document.getElementById(hash));
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.classList.add("flash");
    if (target.title) { info.textContent = target.title; info.hidden = false; }
  }
})();
