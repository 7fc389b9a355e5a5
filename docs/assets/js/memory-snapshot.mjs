// (worker only) A memory snapshot of Python, made on this device after a normal start and kept in
// Cache Storage, so that later visits start from it instead of starting Python again.
//
// What it holds: Python's memory with the calculators and the page's tools imported, made before
// any of the reader's input reached Python (the worker makes it only if no call came yet). Nothing
// the reader typed can be in it. It is kept gzipped (CompressionStream), with the key of what
// shaped it (Pyodide's version, the wheel's hash, the standard library in use, the engine) and the
// SHA-256 of its bytes: a snapshot whose key differs, whose bytes are short or changed, or that
// fails to start is deleted, and Python starts the normal way. 清除本机数据 deletes it too.
//
// A snapshot that makes the start hang instead of failing is caught on the next start: a mark is
// kept while a start from the snapshot is under way (markSnapshotStarting) and removed once it
// reached ready (markSnapshotStarted). A start that finds the mark deletes the snapshot. The stall
// rule ends the hung visit, and its retry is such a next start. No timeout: a slow phone is not a
// hang. A start stopped half-way (the tab closed in that second or two) loses the snapshot too;
// the device makes a new one on a later visit.

export const SNAPSHOT_CACHE = "xsh-snapshot";
const ENTRY = new URL("./memory-snapshot", import.meta.url).href; // one snapshot at most, whatever its key
const STARTING = new URL("./memory-snapshot-starting", import.meta.url).href; // there while a start from it is under way

/** Everything that shapes a snapshot, as one string. */
export function snapshotKey({ pyodideVersion, wheelSha256, stdlib }) {
  return JSON.stringify({ pyodide: pyodideVersion, wheel: wheelSha256, stdlib, engine: navigator.userAgent });
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function openCache() {
  try {
    return await caches.open(SNAPSHOT_CACHE);
  } catch {
    return null; // no Cache Storage here: no snapshot, the normal start
  }
}

/** Delete the kept snapshot (one that did not match, was damaged or did not start) and its mark. */
export async function forgetSnapshot() {
  const cache = await openCache();
  if (cache) await Promise.all([ENTRY, STARTING].map((url) => cache.delete(url).catch(() => false)));
}

/** Mark that a start from the kept snapshot begins; a start that later finds the mark deletes the snapshot. */
export async function markSnapshotStarting() {
  const cache = await openCache();
  if (cache) await cache.put(STARTING, new Response(new Date().toISOString())).catch(() => {});
}

/** Remove the mark: the start from the snapshot reached ready. */
export async function markSnapshotStarted() {
  const cache = await openCache();
  if (cache) await cache.delete(STARTING).catch(() => false);
}

/**
 * The kept snapshot's bytes if its key is `key` and its bytes are whole; otherwise null, having
 * deleted a snapshot that is there but unusable. `why` is told what was wrong (for the console).
 */
export async function keptSnapshot(key, why = () => {}) {
  const cache = await openCache();
  const response = cache && (await cache.match(ENTRY).catch(() => null));
  if (!response) return null;
  const problem = async () => {
    if (await cache.match(STARTING).catch(() => null)) return "left by a start that never finished (it hung or was stopped)";
    if (response.headers.get("X-Snapshot-Key") !== key) return "made for another version, standard library or engine";
    let bytes;
    try {
      bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    } catch (error) {
      return `could not be read (${error.message})`;
    }
    if (bytes.byteLength !== Number(response.headers.get("X-Snapshot-Length"))) return "cut short";
    if ((await sha256Hex(bytes)) !== response.headers.get("X-Snapshot-Sha256")) return "its bytes changed";
    return bytes;
  };
  const found = await problem();
  if (found instanceof Uint8Array) return found;
  why(found);
  await forgetSnapshot();
  return null;
}

/**
 * Make a snapshot of `pyodide` (started with `_makeSnapshot: true`) and keep it under `key`.
 * Resolves with its size raw and as stored, or null if it could not be made or kept.
 */
export async function keepSnapshot(pyodide, key) {
  const cache = await openCache();
  if (!cache) return null;
  try {
    const bytes = pyodide.makeMemorySnapshot();
    const stored = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    const headers = {
      "Content-Type": "application/octet-stream",
      "X-Snapshot-Key": key,
      "X-Snapshot-Length": String(bytes.byteLength),
      "X-Snapshot-Sha256": await sha256Hex(bytes),
    };
    await cache.put(ENTRY, new Response(stored, { headers }));
    return { raw: bytes.byteLength, stored: stored.byteLength };
  } catch (error) {
    console.warn("calculators: no start-up snapshot was kept:", error.message);
    return null;
  }
}
