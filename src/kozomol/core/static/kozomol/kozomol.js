// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var form = select.form;
    var button = form && form.querySelector("button[type=submit]");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { form.submit(); });
  });
  // Live status of background jobs: <div data-poll="/url/"> is refreshed from JSON.
  document.querySelectorAll("[data-poll]").forEach(function (box) {
    var url = box.getAttribute("data-poll");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var bar = box.querySelector("progress");
          var text = box.querySelector("[data-poll-text]");
          if (bar && typeof data.percent === "number") { bar.value = data.percent; }
          if (text && data.message) { text.textContent = data.message; }
          if (data.done) {
            window.location.reload();
            return;
          }
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    tick();
  });
})();
