// The Python runtime's files, each crossing the network at most once per visit, whatever the
// browser's cache does: a file is read from Cache Storage when this build's copy is there;
// otherwise it is fetched once, and the same stream is counted for progress and copied into
// Cache Storage for the next visit and for offline use. The service worker only prunes the copies
// of older builds (file names carry their version), so a build never mixes runtime versions.

export const RUNTIME_CACHE = "xsh-runtime";
const nativeFetch = globalThis.fetch.bind(globalThis); // the worker later routes Pyodide's fetches here

export class RuntimeFiles {
  /**
   * @param {Object<string, number>} sizes expected size in bytes of each file loaded at start, by URL
   * @param {(received: number, total: number) => void} onBytes called as bytes arrive (cached files count at once)
   */
  constructor(sizes, onBytes) {
    this.sizes = sizes;
    this.received = 0;
    this.onBytes = onBytes;
    this.responses = new Map(); // url -> Promise<Response>, so a file asked for twice is fetched once
    this.copies = []; // promises of the Cache Storage writes, each true when written
    this.cache = openCache();
    let rejectFailed;
    this.failed = new Promise((_, reject) => (rejectFailed = reject));
    this.failed.catch(() => {}); // observed by whoever races it
    this.rejectFailed = rejectFailed;
  }

  get total() {
    return Object.values(this.sizes).reduce((a, b) => a + b, 0);
  }

  /** The response for one runtime file; a network or HTTP error also rejects `failed`. */
  fetch(url) {
    const known = this.responses.get(url);
    if (known) return known.then((response) => (response.bodyUsed ? this.again(url) : response));
    const response = this.load(url);
    this.responses.set(url, response);
    response.catch((error) => this.rejectFailed(error));
    return response;
  }

  /** Resolves true once every file fetched so far has its copy in Cache Storage. */
  async saved() {
    return (await Promise.all(this.copies)).every(Boolean);
  }

  async load(url) {
    const cache = await this.cache;
    const hit = cache && (await cache.match(url).catch(() => undefined));
    if (hit) {
      this.count(this.sizes[url] || 0);
      return hit;
    }
    const name = url.split("/").pop();
    let response;
    try {
      response = await nativeFetch(url);
    } catch (error) {
      throw new Error(`network error for ${name}: ${error.message}`);
    }
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}`);
    response = withWasmType(url, response);
    this.watch(response.clone().body).catch((error) => this.rejectFailed(new Error(`download of ${name} broke off: ${error.message}`)));
    if (cache) {
      this.copies.push(
        cache.put(url, response.clone()).then(
          () => true,
          () => false,
        ),
      );
    } else {
      this.copies.push(Promise.resolve(false));
    }
    return response;
  }

  /** A file whose first response was consumed (only when the runtime starts a second time). */
  async again(url) {
    const cache = await this.cache;
    const hit = cache && (await cache.match(url).catch(() => undefined));
    return hit || nativeFetch(url);
  }

  async watch(body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      this.count(value.byteLength);
    }
  }

  count(bytes) {
    this.received += bytes;
    this.onBytes(this.received, this.total);
  }
}

/** This device's copy of a file, or null: never the network. */
export async function cachedCopy(url) {
  const cache = await openCache();
  return (cache && (await cache.match(url).catch(() => null))) || null;
}

/** Forget this device's copy of a file (one that turned out unusable). */
export async function forgetCopy(url) {
  const cache = await openCache();
  if (cache) await cache.delete(url).catch(() => false);
}

async function openCache() {
  try {
    return await caches.open(RUNTIME_CACHE);
  } catch {
    return null; // no Cache Storage here (some private modes): the runtime still loads, once
  }
}

/** A host that sends .wasm with another type would make WebAssembly.instantiateStreaming refuse it. */
function withWasmType(url, response) {
  if (!url.endsWith(".wasm") || response.headers.get("Content-Type") === "application/wasm") return response;
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "application/wasm");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
