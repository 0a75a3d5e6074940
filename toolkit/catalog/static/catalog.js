// The catalog's only script: the index's search, filters and sorting (kept in the URL), the reader's
// OpenSearch release (?release= and localStorage, carried by every link), copy buttons.
// No network, no modules: it runs from file:// and offline. Without it every row and the newest
// release's variants stay visible.
"use strict";

const RELEASE_KEY = "blueprint-release";

// The reader's release: ?release= first (a shared link), else the one this browser remembers.
function chosenRelease() {
  const params = new URLSearchParams(location.search);
  let release = params.get("release");
  if (release === null) {
    try { release = localStorage.getItem(RELEASE_KEY); } catch (ignored) { release = ""; }
  }
  return /^\d+(\.\d+)*$/.test(release || "") ? release : "";
}

function rememberRelease(release) {
  try {
    if (release) localStorage.setItem(RELEASE_KEY, release); else localStorage.removeItem(RELEASE_KEY);
  } catch (ignored) { /* storage switched off: the URL still carries the release */ }
}

// Replace the query of the page's URL without a new history entry.
function setQuery(params) {
  const query = params.toString();
  try {
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  } catch (ignored) { /* a browser refusing it on file:// only loses the shareable URL */ }
}

// Every link to another page of the catalog carries the release, so the choice follows the reader.
function carryRelease(release) {
  for (const link of document.querySelectorAll("a[href]")) {
    const [target, hash] = link.getAttribute("href").split("#");
    const path = target.split("?")[0];
    if (!path.endsWith(".html") || /^[a-z]+:|^\//i.test(path)) continue;
    link.setAttribute("href", path + (release ? "?release=" + encodeURIComponent(release) : "") +
      (hash === undefined ? "" : "#" + hash));
  }
}

// In each group of sibling variants marked data-releases, show the ones for the release; a group
// with none for it keeps the variant the page was built with (the newest release's).
function showRelease(release) {
  const groups = new Map();
  for (const variant of document.querySelectorAll("[data-releases]")) {
    if (variant.builtHidden === undefined) variant.builtHidden = variant.hidden;
    groups.set(variant.parentElement, [...(groups.get(variant.parentElement) || []), variant]);
  }
  for (const group of groups.values()) {
    const fits = (variant) => variant.dataset.releases.split(" ").includes(release);
    const chosen = release !== "" && group.some(fits);
    for (const variant of group) variant.hidden = chosen ? !fits(variant) : variant.builtHidden;
  }
  for (const name of document.querySelectorAll("[data-release-name]")) {
    if (name.builtText === undefined) name.builtText = name.textContent;
    name.textContent = release || name.builtText;
  }
  for (const cell of document.querySelectorAll(".matrix [data-release]")) {
    if (cell.dataset.release === release) cell.setAttribute("aria-current", "true");
    else cell.removeAttribute("aria-current");
  }
  carryRelease(release);
}

// A blueprint page's release picker.
function setupReleasePicker() {
  const select = document.getElementById("release");
  if (!select) return false;
  select.parentElement.hidden = false;
  const release = chosenRelease();
  const known = Array.from(select.options, (option) => option.value).includes(release);
  if (known) select.value = release;
  select.addEventListener("change", () => {
    rememberRelease(select.value);
    const params = new URLSearchParams(location.search);
    params.set("release", select.value);
    setQuery(params);
    showRelease(select.value);
  });
  showRelease(known ? release : "");
  return true;
}

// Sort buttons in the table's column headers; returns the sort to apply by its URL form ("task", "-task").
function setupSorting(table, onChange) {
  const headers = Array.from(table.tHead.rows[0].cells);
  const body = table.tBodies[0];
  const built = Array.from(body.rows);
  const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  const value = (row, column) => {
    const cell = row.cells[column];
    return cell.dataset.sort === undefined ? cell.textContent.trim() : cell.dataset.sort;
  };
  let current = "";

  function sort(param) {
    const key = param.replace(/^-/, "");
    const column = headers.findIndex((header) => header.dataset.key === key);
    const sign = param.startsWith("-") ? -1 : 1;
    current = column < 0 ? "" : param;
    const rows = column < 0 ? built : built.slice().sort((a, b) => sign * collator.compare(value(a, column), value(b, column)));
    headers.forEach((header, index) => {
      if (index === column) header.setAttribute("aria-sort", sign > 0 ? "ascending" : "descending");
      else header.removeAttribute("aria-sort");
    });
    body.append(...rows);
  }

  for (const header of headers) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    header.replaceChildren(button);
    button.addEventListener("click", () => {
      sort(current === header.dataset.key ? "-" + header.dataset.key : header.dataset.key);
      onChange();
    });
  }
  return { sort, get param() { return current; } };
}

function setupFilters() {
  const form = document.getElementById("filters");
  const table = document.getElementById("blueprints");
  if (!form || !table) return false;
  form.hidden = false;
  const rows = Array.from(table.tBodies[0].rows);
  const search = document.getElementById("q");
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const release = document.getElementById("f-release");
  const count = document.getElementById("count");
  const empty = document.getElementById("empty");
  const sorting = setupSorting(table, () => apply());
  let timer = null;

  const params = new URLSearchParams(location.search);
  search.value = params.get("q") || "";
  for (const select of selects) {
    const wanted = select === release ? chosenRelease() : params.get(select.name) || "";
    if (Array.from(select.options, (option) => option.value).includes(wanted)) select.value = wanted;
  }
  sorting.sort(params.get("sort") || "");

  function apply() {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.dataset.search;
      const ok = words.every((w) => text.includes(w)) &&
        selects.every((s) => !s.value || row.dataset[s.dataset.filter].split(" ").includes(s.value));
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
    const state = new URLSearchParams();
    if (search.value) state.set("q", search.value);
    for (const select of selects) if (select.value) state.set(select.name, select.value);
    if (sorting.param) state.set("sort", sorting.param);
    setQuery(state);
    rememberRelease(release.value);
    carryRelease(release.value);
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
  return true;
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
  if (!setupFilters() && !setupReleasePicker()) showRelease(chosenRelease());
  setupCopy();
});
