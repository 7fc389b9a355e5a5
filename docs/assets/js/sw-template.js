// Service worker: keeps this build of the site for offline use.
// SETTINGS (above, written at build time): version, precache (site files), runtime (Pyodide folder).
// A new build has a new version: it installs beside the old one and takes over only when no
// page of the old version is open, so a reader never mixes two versions.
const SITE_CACHE = `xsh-site-${SETTINGS.version}`;
const RUNTIME_CACHE = "xsh-runtime";
const scope = new URL(self.registration.scope);
const runtimeRoot = new URL(SETTINGS.runtime, scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SITE_CACHE).then((cache) =>
      cache.addAll(SETTINGS.precache.map((path) => new Request(new URL(path, scope), { cache: "no-cache" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("xsh-site-") && name !== SITE_CACHE) await caches.delete(name);
      }
      const runtime = await caches.open(RUNTIME_CACHE);
      for (const request of await runtime.keys()) {
        if (!request.url.startsWith(runtimeRoot)) await runtime.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

// A page whose calculators started asks us to keep the Python runtime it just loaded.
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type !== "keep-runtime" || !Array.isArray(message.files)) return;
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  event.waitUntil(
    caches
      .open(RUNTIME_CACHE)
      .then(async (cache) => {
        for (const name of message.files) {
          const url = new URL(name, runtimeRoot).href;
          if (!url.startsWith(runtimeRoot) || (await cache.match(url))) continue;
          const response = await fetch(url, { cache: "force-cache" });
          if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}`);
          await cache.put(url, response);
        }
        reply("kept");
      })
      .catch(() => reply("failed")),
  );
});

function siteKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  return key.href;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  if (request.url.startsWith(runtimeRoot)) {
    event.respondWith(
      caches.open(RUNTIME_CACHE).then(async (cache) => {
        const hit = await cache.match(request.url);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) cache.put(request.url, response.clone());
        return response;
      }),
    );
    return;
  }
  event.respondWith(
    (async () => {
      const hit = await caches.match(siteKey(request.url), { cacheName: SITE_CACHE });
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (error) {
        if (request.mode === "navigate") {
          return new Response(
            "<!doctype html><meta charset=utf-8><title>离线</title><p>现在没有网络，这一页还没有保存在本机。联网后再打开即可。</p>",
            { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
          );
        }
        throw error;
      }
    })(),
  );
});
