// Offline use: the service worker keeps this build of the site, and, once a calculator page
// has loaded Python, the runtime too.

const siteRoot = new URL("../../", import.meta.url);
const serviceWorkerUrl = new URL("sw.js", siteRoot);
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

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

/** Ask the service worker to keep the Python runtime; resolves true once it holds it. */
export function keepRuntimeOffline() {
  if (!("serviceWorker" in navigator)) return Promise.resolve(false);
  return navigator.serviceWorker.ready.then(
    (registration) =>
      new Promise((resolve) => {
        if (!registration.active) return resolve(false);
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data === "kept");
        registration.active.postMessage({ type: "keep-runtime", files: RUNTIME_FILES }, [channel.port2]);
      }),
  );
}
