// The review queue: j/k move, v verify, r reject, c correct. Writes go to the JSON API
// with this session's CSRF token; the toll table is refreshed after every decision.
(function () {
  "use strict";
  const table = document.getElementById("review-queue");
  if (!table) return;
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const rows = () => Array.from(table.querySelectorAll("tbody tr"));
  const status = document.getElementById("review-status");
  const dialog = document.getElementById("review-dialog");
  const form = document.getElementById("review-form");
  const values = document.getElementById("review-values");
  const errorBox = document.getElementById("review-error");
  let current = 0;
  let pending = null; // {row, decision}

  function select(i) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(i, all.length - 1));
    all.forEach((r, k) => r.setAttribute("aria-selected", k === current ? "true" : "false"));
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }

  async function refreshTolls() {
    const res = await fetch("/api/v1/review/tolls", { credentials: "same-origin" });
    if (!res.ok) return;
    const body = await res.json();
    for (const view of ["all", "verified"]) {
      const tr = document.querySelector('#review-tolls tr[data-view="' + view + '"]');
      // null: no claim of this view speaks for the toll yet ("—", never a made-up 0)
      const killed = body[view] && body[view].killed;
      const total = killed ? killed.total : null;
      for (const k of ["low", "best", "high"]) {
        tr.querySelector('[data-k="' + k + '"]').textContent = total && total[k] !== null ? total[k] : "—";
      }
    }
  }

  async function send(row, decision, reason, corrected) {
    const res = await fetch("/api/v1/claims/" + encodeURIComponent(row.dataset.claim) + "/review", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ decision: decision, reason: reason || "", corrected: corrected || null }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const msg = (body.error && body.error.message) || ("failed: HTTP " + res.status);
      throw new Error(msg);
    }
    row.querySelector(".state").textContent = body.state;
    row.classList.add("reviewed", "state-" + body.state);
    status.textContent = "Claim " + row.dataset.claim + ": " + body.state + ".";
    await refreshTolls();
    select(current + 1);
  }

  function ask(row, decision) {
    pending = { row: row, decision: decision };
    values.hidden = decision !== "corrected";
    errorBox.hidden = true;
    form.reset();
    if (decision === "corrected") {
      for (const k of ["outcome", "category", "low", "best", "high"]) form.elements[k].value = row.dataset[k] || "";
    }
    document.getElementById("review-dialog-h").textContent =
      (decision === "rejected" ? "Reject" : "Correct") + " claim " + row.dataset.claim;
    dialog.showModal();
    (decision === "corrected" ? form.elements.best : form.elements.reason).focus();
  }

  function changed(row) {
    const out = {};
    for (const k of ["outcome", "category"]) if (form.elements[k].value !== row.dataset[k]) out[k] = form.elements[k].value;
    for (const k of ["low", "best", "high"]) {
      const v = form.elements[k].value.trim();
      const now = v === "" ? null : Number(v);
      const was = row.dataset[k] === "" ? null : Number(row.dataset[k]);
      if (now !== was) out[k] = now;
    }
    return out;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!pending) return;
    const reason = form.elements.reason.value.trim();
    const corrected = pending.decision === "corrected" ? changed(pending.row) : null;
    try {
      await send(pending.row, pending.decision, reason, corrected);
      dialog.close();
      pending = null;
    } catch (err) {
      errorBox.textContent = err.message;
      errorBox.hidden = false;
    }
  });
  document.getElementById("review-cancel").addEventListener("click", () => { dialog.close(); pending = null; });

  document.addEventListener("keydown", async (ev) => {
    if (dialog.open || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    const row = rows()[current];
    if (ev.key === "j") { ev.preventDefault(); select(current + 1); }
    else if (ev.key === "k") { ev.preventDefault(); select(current - 1); }
    else if (row && ev.key === "v") {
      ev.preventDefault();
      try { await send(row, "verified", "", null); } catch (err) { status.textContent = err.message; }
    }
    else if (row && ev.key === "r") { ev.preventDefault(); ask(row, "rejected"); }
    else if (row && ev.key === "c") { ev.preventDefault(); ask(row, "corrected"); }
  });
  table.addEventListener("click", (ev) => {
    const tr = ev.target.closest("tbody tr");
    if (tr) select(rows().indexOf(tr));
  });
  select(0);
})();
