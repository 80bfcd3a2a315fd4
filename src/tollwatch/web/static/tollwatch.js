// tollwatch dashboard: small progressive enhancements. Every page works without JavaScript.
"use strict";
(function () {
  // Report view: following a claim's "show in text" link outlines every piece of its span.
  function focusClaim(id) {
    document.querySelectorAll("mark.claim.focus").forEach(function (m) { m.classList.remove("focus"); });
    if (!id) return;
    document.querySelectorAll("mark.claim").forEach(function (m) {
      if ((m.dataset.claims || "").split(" ").indexOf(id) >= 0) m.classList.add("focus");
    });
  }
  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#span-") === 0) focusClaim(h.slice(6));
    else if (h.indexOf("#claim-") === 0) focusClaim(h.slice(7));
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("DOMContentLoaded", function () {
    fromHash();
    // Empty filter fields are left out of the URL, so shared links stay short.
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (el) {
          if (!el.value) el.disabled = true;
        });
      });
    });
  });
})();
