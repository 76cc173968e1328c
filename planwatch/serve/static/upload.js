// Upload with a progress bar; the server's message (or its reason for refusing the file) is shown as is.
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const bar = document.getElementById("upload-progress");
  const out = document.getElementById("upload-result");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) { out.className = "error"; out.textContent = "Chưa chọn tệp."; return; }
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
      if (request.status >= 200 && request.status < 300) {
        out.className = "ok";
        out.textContent = "Đã nhập " + body.doc + ": " + body.facts + " số liệu, " + body.tasks + " nhiệm vụ" + (body.message ? " — " + body.message : "") + ".";
        setTimeout(function () { window.location.reload(); }, 1500);
      } else {
        out.className = "error";
        out.textContent = body.error || ("Lỗi " + request.status);
      }
    };
    request.onerror = function () { out.className = "error"; out.textContent = "Không gửi được tệp."; };
    request.send(data);
  });
})();
