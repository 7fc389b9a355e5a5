// Service worker: keeps this build of the site for offline use.
// SETTINGS (above, written at build time): version, precache (site files), runtime (the files
// the calculators' worker loads at start), optional (the full standard library, loaded only if an
// import misses, and the bytecode a device compiles for itself). All are paths from the site root;
// runtime and optional names carry their version. The calculators' worker itself reads and
// writes the runtime's copies (Cache Storage "xsh-runtime", see assets/js/runtime-files.mjs);
// this worker answers whether they are all there and prunes other builds' copies.
// A new build has a new version: it installs beside the old one and takes over when no page of
// the old version is open, or when a page asks (update.mjs: the reader chose to load it, and that
// page reloads or leaves), so a reader never mixes two versions in one page.
const SITE_CACHE = `xsh-site-${SETTINGS.version}`;
const RUNTIME_CACHE = "xsh-runtime";
const scope = new URL(self.registration.scope);
const runtimeUrls = SETTINGS.runtime.map((path) => new URL(path, scope).href);
const keptUrls = new Set([...runtimeUrls, ...SETTINGS.optional.map((path) => new URL(path, scope).href)]);

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
        if (!keptUrls.has(request.url)) await runtime.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

// A page whose calculators started asks whether this build's runtime is all on the device.
// A page of the old build asks a waiting new build to take over now (update.mjs: the reader
// tapped 载入新版本, or followed a link); activate then claims every open page of the site.
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "skip-waiting") {
    event.waitUntil(self.skipWaiting());
    return;
  }
  if (message.type !== "keep-runtime") return;
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  event.waitUntil(
    caches
      .open(RUNTIME_CACHE)
      .then(async (cache) => {
        for (const url of runtimeUrls) if (!(await cache.match(url))) return reply("missing");
        reply("kept");
      })
      .catch(() => reply("missing")),
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
  if (keptUrls.has(request.url)) return; // the calculators' worker has already looked in its cache
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
