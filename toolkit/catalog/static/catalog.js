// The catalog's only script: search and filters on the index, copy buttons everywhere.
// No network, no modules: it runs from file:// and offline. Without it every row stays visible.
"use strict";

function setupFilters() {
  const form = document.getElementById("filters");
  const table = document.getElementById("blueprints");
  if (!form || !table) return;
  form.hidden = false;
  const rows = Array.from(table.tBodies[0].rows);
  const search = document.getElementById("q");
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const count = document.getElementById("count");
  const empty = document.getElementById("empty");
  let timer = null;

  function apply() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.dataset.search;
      const ok = words.every((w) => text.includes(w)) &&
        selects.every((s) => !s.value || row.dataset[s.dataset.filter] === s.value);
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    empty.hidden = shown !== 0;
    table.hidden = shown === 0;
    const message = `${shown} of ${rows.length} blueprints`;
    // Announce after typing pauses, so screen readers are not flooded.
    clearTimeout(timer);
    timer = setTimeout(() => { count.textContent = message; }, 150);
    count.dataset.shown = String(shown);
  }

  search.addEventListener("input", apply);
  selects.forEach((s) => s.addEventListener("change", apply));
  form.addEventListener("reset", () => setTimeout(apply, 0));
  form.addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("empty-reset").addEventListener("click", () => { form.reset(); apply(); search.focus(); });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); search.focus(); }
    if (event.key === "Escape" && document.activeElement === search) { search.value = ""; apply(); }
  });
  apply();
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    // file:// pages in some browsers have no async clipboard: fall back to a selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (ignored) { ok = false; }
    area.remove();
    return ok;
  }
}

function setupCopy() {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector(".copy-status");
      const ok = await copyText(source.textContent);
      status.textContent = ok ? "Copied" : "Copy failed: select the text";
      setTimeout(() => { status.textContent = ""; }, 2500);
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  setupFilters();
  setupCopy();
});
