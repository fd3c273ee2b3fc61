// Small enhancements on top of pages that already work without JavaScript.
"use strict";

function updateCounter(textarea) {
  const counter = document.getElementById(textarea.dataset.counter);
  if (!counter) return;
  const limit = Number(textarea.dataset.limit || 0);
  // Count characters as people (and the server) do, not UTF-16 units: an emoji is one.
  const length = [...textarea.value].length;
  counter.textContent = limit ? `${length} / ${limit} characters` : `${length} characters`;
  counter.classList.toggle("over-limit", limit > 0 && length > limit);
}

function setUpCounters(root) {
  root.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
}

document.addEventListener("input", (event) => {
  if (event.target.matches("textarea[data-counter]")) updateCounter(event.target);
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const status = document.getElementById(button.dataset.copyStatus);
  try {
    await navigator.clipboard.writeText(source.value ?? source.textContent);
    if (status) status.textContent = "Copied.";
  } catch {
    source.closest("details")?.setAttribute("open", "");
    source.focus();
    source.select();
    if (status) status.textContent = "Selected: press Ctrl+C or ⌘C to copy.";
  }
});

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// Counters and JavaScript-only controls, on the page and on whatever htmx swaps in.
function enhance(root) {
  setUpCounters(root);
  root.querySelectorAll("[data-js-only]").forEach((element) => { element.hidden = false; });
}

// Folded sections (details[data-remember]): the one the address names opens, and those the
// candidate opened stay open for this page, across reloads and htmx swaps, in this tab only.
// Without JavaScript they are plain details, opened by a click.
const openKey = () => `open:${location.pathname}`;

function openIds() {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(openKey()) || "[]"));
  } catch {
    return new Set();
  }
}

function rememberOpen(details) {
  const ids = openIds();
  if (details.open) ids.add(details.id);
  else ids.delete(details.id);
  try {
    sessionStorage.setItem(openKey(), JSON.stringify([...ids]));
  } catch {
    // Storage full or refused: the sections simply start folded next time.
  }
}

function reopen(root) {
  const ids = openIds();
  root.querySelectorAll("details[data-remember][id]").forEach((details) => {
    if (ids.has(details.id)) details.open = true;
  });
  if (root.matches?.("details[data-remember][id]") && ids.has(root.id)) root.open = true;
}

function openNamed(hash) {
  const target = hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (!target) return;
  const details = target.matches("details") ? target : target.closest("details");
  if (!details) return;
  details.open = true;
  target.scrollIntoView({ block: "start" });
}

document.addEventListener("toggle", (event) => {
  if (event.target.matches?.("details[data-remember][id]")) rememberOpen(event.target);
}, true);

// A section that comes folded as a link to itself (p.unfold): the first time it opens, its
// content replaces the link, fetched with htmx. Without JavaScript the link loads the page
// with the section open.
document.addEventListener("toggle", (event) => {
  const details = event.target;
  if (!details.open || !details.matches?.("details") || !window.htmx) return;
  const unfold = details.querySelector(":scope > p.unfold");
  if (!unfold) return;
  unfold.classList.remove("unfold"); // once, even if it is folded and unfolded meanwhile
  htmx.ajax("GET", unfold.querySelector("a").href, { target: unfold, swap: "outerHTML" });
}, true);
window.addEventListener("hashchange", () => openNamed(location.hash));
// A link to the section already named in the address changes nothing: open it anyway.
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#"]');
  if (link && link.hash === location.hash) openNamed(link.hash);
});
// A link that asks the server to show a fold open (for pages without JavaScript) opens it in
// place when the fold is on this page.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-open-here]");
  if (!link || !document.getElementById(decodeURIComponent(link.hash.slice(1)))) return;
  event.preventDefault();
  if (link.hash !== location.hash) history.pushState(null, "", link.hash);
  openNamed(link.hash);
});

document.addEventListener("DOMContentLoaded", () => {
  enhance(document);
  reopen(document);
  openNamed(location.hash);
});
document.addEventListener("htmx:load", (event) => {
  enhance(event.target);
  reopen(event.target);
});

// On a new account, offer the browser's own time zone instead of UTC.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("form[data-guess-time-zone] select[name=time_zone]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (select && zone && select.querySelector(`option[value="${CSS.escape(zone)}"]`)) {
    select.value = zone;
  }
});
