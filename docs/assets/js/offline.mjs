// Offline use: the service worker keeps this build of the site; the runtime's files are copied
// into Cache Storage by the calculators' worker as they arrive (runtime-files.mjs).

import { runtimeSaved } from "./runtime.mjs";

const siteRoot = new URL("../../", import.meta.url);
const serviceWorkerUrl = new URL("sw.js", siteRoot);

/** Register the service worker after the page has loaded, so it never competes with the page. */
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const register = () =>
    navigator.serviceWorker.register(serviceWorkerUrl, { scope: siteRoot.href }).catch((error) => {
      console.warn("offline copy unavailable:", error.message);
    });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** Resolves true once the runtime is on this device and the service worker serves this build offline. */
export async function keepRuntimeOffline() {
  if (!("serviceWorker" in navigator) || !(await runtimeSaved())) return false;
  const registration = await navigator.serviceWorker.ready;
  if (!registration.active) return false;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data === "kept");
    registration.active.postMessage({ type: "keep-runtime" }, [channel.port2]);
  });
}
