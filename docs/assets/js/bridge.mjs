// The one bridge between pages and the Python calculators: the module pages load.
// It finds forms declared with data-calculator on every page (Material's instant navigation
// included), starts Python early in a module worker, and keeps the site usable offline.
// The pieces: runtime.mjs (the worker), form.mjs (a form, made of the components it imports),
// forms-in-view.mjs (the back-to-top button), storage.mjs (saving only with consent), clear.mjs
// (清除本机数据, with undo), downloads.mjs and offline.mjs (files and the service worker),
// case-panel.mjs (我的情况: the case kept in case-store.mjs, export and import), menu-button.mjs
// (the ☰ menu by keyboard),
// update.mjs (a newer build: 内容已更新, one tap to load it), search-shim.mjs (search for text
// typed without a key: input methods, paste).
// Nothing typed leaves the browser; it is stored only if the reader turns saving on.
import { fillCaseInputs, setupCasePanels } from "./case-panel.mjs";
import { forgetUndo, wireClearButtons } from "./clear.mjs";
import { CalculatorForm } from "./form.mjs";
import { watchFormsInView } from "./forms-in-view.mjs";
import { setupMenuButton, wireMenuButton } from "./menu-button.mjs";
import { keepRuntimeOffline, registerServiceWorker } from "./offline.mjs";
import { crashWorker, failNextCall, markRuntimeOffline, runtime, runtimeEvents, startRuntime } from "./runtime.mjs";
import { watchSearchBox } from "./search-shim.mjs";
import { watchForUpdates } from "./update.mjs";

let forms = []; // controllers of the forms on the current page

function showRuntimeState() {
  for (const form of forms) form.showRuntime();
}

// Material's search worker waits for this on calculator pages (search-later.js), so that
// building its index does not compete with Python's start.
let settled = false;
function calculatorsSettled() {
  if (settled) return;
  settled = true;
  setTimeout(() => window.dispatchEvent(new Event("xsh-calculators-settled")), 1000); // after the first result
}

runtimeEvents.addEventListener("change", showRuntimeState);
runtimeEvents.addEventListener("change", () => runtime.state === "failed" && calculatorsSettled());
runtimeEvents.addEventListener("restarting", () => {
  for (const form of forms) form.notice("计算器出错了，正在重新启动……");
});
runtimeEvents.addEventListener("ready", () => {
  registerServiceWorker(); // only now on calculator pages, so it never slows Python's start
  keepRuntimeOffline().then(markRuntimeOffline); // its "change" shows the offline note
  for (const form of forms) form.recalculate({ now: true, quiet: true });
  calculatorsSettled();
});

function setupPage() {
  setupMenuButton();
  forgetUndo();
  fillCaseInputs(); // the case (我的情况) into the page's [data-case-text] inputs, before their forms read them
  forms = [...document.querySelectorAll("form[data-calculator]")].map((form) => new CalculatorForm(form));
  watchFormsInView(forms.map((controller) => controller.form));
  setupCasePanels();
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

// Material's instant navigation re-renders the page for a link to a heading of the same page
// (the table of contents), and also when the browser's own jump to a heading fires popstate; either
// would wipe what the reader typed. On a page with a form such a link is handled here: scroll,
// focus point and address bar, with no event for Material to react to. Links inside a calculator
// form (the error summary) are handled by the form itself.
function keepSamePageLinks(event) {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || !forms.length || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.target || link.closest("form[data-calculator]")) return;
  const url = new URL(link.href, location.href);
  const samePage = url.origin === location.origin && url.pathname === location.pathname && url.search === location.search;
  if (!samePage || !url.hash) return;
  let target;
  try {
    target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
  } catch {
    return; // a malformed address: the browser deals with it
  }
  if (!target) return;
  event.preventDefault();
  event.stopPropagation(); // before Material's listeners
  history.pushState(null, "", url.href); // as the browser does for a jump to a heading
  target.scrollIntoView();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true }); // keyboard and screen-reader users continue from the heading
}
window.addEventListener("click", keepSamePageLinks, true);

// For end-to-end tests and the benchmark: crash the worker, or make its next answer fail, the way a
// real fault would; read when each start-up stage began and ended (runtime.timings).
window.__calculatorsTest = { crashWorker, failNextCall, timings: () => runtime.timings, stdlib: () => runtime.stdlib, snapshot: () => ({ state: runtime.snapshot, size: runtime.snapshotSize }) };

wireClearButtons(() => forms);
watchForUpdates(() => forms); // a newer build of the site: say so, one tap to load it (update.mjs)
watchSearchBox();
wireMenuButton(); // ☰ usable by keyboard (menu-button.mjs)

// Calculator pages load this module early from <head> (see scripts/hooks/calculators_build.py):
// the worker is created while the page is still being parsed, and starts downloading Python once
// the page's first frame is painted (runtime.mjs, whenPainted).
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
