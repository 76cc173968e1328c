// Upload with a progress bar, then follow the job the server queued until it is read; the server's message (or
// its reason for refusing the file) is shown as is.
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const bar = document.getElementById("upload-progress");
  const out = document.getElementById("upload-result");
  const say = JSON.parse(document.getElementById("upload-words").textContent);

  function show(kind, text) { out.className = kind; out.textContent = text; }

  function waiting(job) {  // a scan's pages are read one by one: "trang 3/12"
    if (job.pages_total && job.state === "running") {
      return say.pages.replace("{done}", job.pages_done || 0).replace("{total}", job.pages_total);
    }
    if (job.pages_total) return say.ocr_waiting.replace("{total}", job.pages_total);
    return job.state === "queued" ? say.queued.replace("{ahead}", job.ahead) : say.running;
  }

  function follow(job) {
    if (job.state === "queued" || job.state === "running") {
      show("busy", waiting(job));
      setTimeout(function () {
        fetch("/api/jobs/" + job.id).then(function (r) { return r.json(); }).then(follow)
          .catch(function () { show("error", say.lost); });
      }, 700);
    } else if (job.state === "failed" || job.outcome === "rejected") {
      show("error", "“" + job.file + "”: " + job.message);
    } else {
      show("ok", say.done.replace("{doc}", job.doc).replace("{facts}", job.facts).replace("{tasks}", job.tasks)
        + (job.message ? " — " + job.message : "") + ".");
      setTimeout(function () { window.location.reload(); }, 1500);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) { show("error", say.none); return; }
    const data = new FormData(form);  // the file and the page's CSRF token
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    bar.hidden = false;
    bar.value = 0;
    request.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
    request.onload = function () {
      bar.value = 100;
      let body = {};
      try { body = JSON.parse(request.responseText); } catch (e) { body = { error: request.statusText }; }
      if (request.status >= 200 && request.status < 300) follow(body);
      else show("error", body.error || ("HTTP " + request.status));
    };
    request.onerror = function () { show("error", say.lost); };
    request.send(data);
  });
})();
