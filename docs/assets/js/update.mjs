// A returning reader gets the corrected text. The service worker serves pages from the device
// (sw-template.js); a newer build installs beside it and waits until no page of the old build is
// open, which on a phone may be weeks. This module looks for that newer build on every visit and,
// when one is waiting, says so in the page (内容已更新) with one tap to load it:
// - the tap saves each form first (kept only if the reader turned on 在本机保存, as always), lets the
//   new build take over (message "skip-waiting") and reloads once it has;
// - without the tap, the next link the reader follows loads the new build the ordinary way (not by
//   instant navigation), so a page never mixes the old build's files with the new one's text.
// Offline, the check fails quietly and nothing changes.

import { storage } from "./storage.mjs";

const siteRoot = new URL("../../", import.meta.url);
const TEXT = {
  title: "内容已更新。",
  body: "本站有了新版本，可能更正了你正在看的内容。",
  unsaved: "你填写的内容没有保存在本机，载入新版本后会清空；想留着，先勾选“在本机保存”。",
  now: "载入新版本",
  later: "稍后",
};
const TAKEOVER_WAIT_MS = 4000; // if the new build has not taken over by then, load the page anyway

let forms = () => []; // the current page's form controllers (bridge.mjs)
let waiting = null; // the newer build's service worker, installed and waiting
let stale = false; // another tab let the newer build take over: this page's files are the old ones
let leaving = null; // where to go once the newer build has taken over
let banner = null;
let hadController = false; // this page came from a service worker: a change of it is a new build

/** Look for a newer build of the site on this visit; `getForms` returns the page's form controllers. */
export function watchForUpdates(getForms) {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  forms = getForms;
  hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", tookOver);
  window.addEventListener("click", leaveForNewBuild, true);
  document.addEventListener("input", showUnsavedNote);
  const check = async () => {
    const registration = await navigator.serviceWorker.getRegistration(siteRoot.href).catch(() => null);
    if (!registration) return; // first visit: offline.mjs registers the service worker
    follow(registration);
    registration.update().catch(() => {}); // offline, or the server is unreachable: nothing changes
  };
  if (document.readyState === "complete") check();
  else window.addEventListener("load", check, { once: true });
}

function follow(registration) {
  const track = (worker) => {
    if (!worker) return;
    const settle = () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) found(worker);
    };
    worker.addEventListener("statechange", settle);
    settle();
  };
  track(registration.waiting);
  track(registration.installing);
  registration.addEventListener("updatefound", () => track(registration.installing));
}

function found(worker) {
  waiting = worker;
  showBanner();
}

function keepWork() {
  for (const form of forms()) form.save(); // a no-op unless the reader turned saving on
}

function activate() {
  if (waiting && waiting.state === "installed") waiting.postMessage({ type: "skip-waiting" });
  else tookOver(); // already active (another tab), or gone: just load
  setTimeout(tookOver, TAKEOVER_WAIT_MS);
}

function loadNewBuild() {
  keepWork();
  leaving = location.href;
  activate();
}

// The newer build now serves this page's address: reload, or go where the reader was going.
function tookOver() {
  if (leaving) {
    const target = leaving;
    leaving = null;
    if (target === location.href) location.reload();
    else location.assign(target);
    return;
  }
  if (waiting || !hadController) return; // a first visit's service worker taking over is no update
  stale = true; // another tab loaded the newer build
  showBanner();
}

// With a newer build waiting, a link to another page of the site loads it the ordinary way.
function leaveForNewBuild(event) {
  if (!waiting && !stale) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.target || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (!url.href.startsWith(siteRoot.href)) return;
  if (url.pathname === location.pathname && url.search === location.search) return; // a heading on this page
  event.preventDefault();
  event.stopPropagation(); // before Material's instant navigation
  keepWork();
  leaving = url.href;
  activate();
}

function unsavedWork() {
  if (storage.enabled()) return false;
  return forms().some((form) => form.saveKey && form.hasWork());
}

function showUnsavedNote() {
  if (banner) banner.querySelector("[data-update-unsaved]").hidden = !unsavedWork();
}

function showBanner() {
  if (banner) {
    banner.hidden = false;
    return;
  }
  const make = (tag, attributes = {}, text = "") => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.textContent = text;
    return element;
  };
  banner = make("div", { class: "site-update md-typeset", role: "status", "data-site-update": "" });
  const message = make("p");
  message.append(make("strong", {}, TEXT.title), " ", TEXT.body, " ", make("span", { "data-update-unsaved": "" }, TEXT.unsaved));
  const now = make("button", { type: "button", class: "md-button md-button--primary", "data-update-now": "" }, TEXT.now);
  const later = make("button", { type: "button", class: "md-button", "data-update-later": "" }, TEXT.later);
  now.addEventListener("click", loadNewBuild);
  later.addEventListener("click", () => {
    banner.hidden = true; // the next page the reader opens is the new build anyway
  });
  const actions = make("p", { class: "site-update__actions" });
  actions.append(now, " ", later);
  banner.append(message, actions);
  document.body.append(banner);
  showUnsavedNote();
}
