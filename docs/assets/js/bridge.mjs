// The one bridge between pages and the Python calculators: the module pages load.
// It finds forms declared with data-calculator on every page (Material's instant navigation
// included), starts Python early in a module worker, and keeps the site usable offline.
// The pieces: runtime.mjs (the worker), form.mjs (form controllers), storage.mjs (saving only
// with consent), downloads.mjs and offline.mjs (files and the service worker), search-shim.mjs
// (search for text typed without a key: input methods, paste).
// Nothing typed leaves the browser; it is stored only if the reader turns saving on.
import { CalculatorForm, results } from "./form.mjs";
import { keepRuntimeOffline, registerServiceWorker } from "./offline.mjs";
import { crashWorker, runtime, runtimeEvents, startRuntime } from "./runtime.mjs";
import { watchSearchBox } from "./search-shim.mjs";
import { storage } from "./storage.mjs";

let forms = []; // controllers of the forms on the current page

function showRuntimeState() {
  for (const form of forms) form.showRuntime();
}

runtimeEvents.addEventListener("change", showRuntimeState);
runtimeEvents.addEventListener("restarting", () => {
  for (const form of forms) form.notice("计算器出错了，正在重新启动……");
});
runtimeEvents.addEventListener("ready", () => {
  registerServiceWorker(); // only now on calculator pages, so it never slows Python's start
  keepRuntimeOffline().then((kept) => {
    runtime.offline = kept;
    showRuntimeState();
  });
  for (const form of forms) form.recalculate({ now: true, quiet: true });
});

function onClearLocal(event) {
  const button = event.target.closest("[data-clear-local]");
  if (!button) return;
  storage.clearAll();
  results.clear();
  for (const box of document.querySelectorAll("[data-save-toggle]")) box.checked = false;
  for (const form of forms) {
    form.checks.clear();
    form.form.reset();
  }
  let live = document.querySelector("[data-clear-status]");
  if (!live) {
    live = document.createElement("p");
    live.className = "calc-clear-status";
    live.setAttribute("data-clear-status", "");
    live.setAttribute("role", "status");
    button.after(live);
  }
  live.textContent = "本机保存的数据已全部清除。";
}

function setupPage() {
  forms = [...document.querySelectorAll("form[data-calculator]")].map((form) => new CalculatorForm(form));
  if (!forms.length) return;
  if (runtime.state === "ready") {
    for (const form of forms) form.recalculate({ now: true, quiet: true });
  } else if (runtime.state === "idle") {
    // Start Python as soon as the page is idle; a worker costs the main thread almost nothing.
    const begin = () => startRuntime();
    if ("requestIdleCallback" in window) requestIdleCallback(begin, { timeout: 250 });
    else setTimeout(begin, 50);
  }
}

// For end-to-end tests: crash the worker the way a real fault would.
window.__calculatorsTest = { crashWorker };

document.addEventListener("click", onClearLocal);
watchSearchBox();

// Calculator pages load this module early from <head> (see scripts/hooks/calculators_build.py):
// Python starts downloading while the page is still being parsed.
const earlyStart = document.querySelector('meta[name="xsh-calculators"]') !== null;
if (earlyStart) startRuntime();
else registerServiceWorker();

function wirePages() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => setupPage()); // Material's instant navigation: every page
  } else {
    setupPage();
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wirePages, { once: true });
else wirePages();
