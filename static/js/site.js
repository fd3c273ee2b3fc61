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

document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:load", (event) => enhance(event.target));

// On a new account, offer the browser's own time zone instead of UTC.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("form[data-guess-time-zone] select[name=time_zone]");
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (select && zone && select.querySelector(`option[value="${CSS.escape(zone)}"]`)) {
    select.value = zone;
  }
});
