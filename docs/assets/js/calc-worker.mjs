// The calculators' module Web Worker: starts the self-hosted Pyodide, installs the calculators
// wheel, imports the tools the page uses, then answers {type: "call"} messages with the bridge's JSON.
// Every runtime file crosses the network at most once (runtime-files.mjs), and progress counts
// the very bytes Pyodide consumes. Python's standard library is the build's trimmed zip, or the
// bytecode this device compiled from it on an earlier visit (stdlib-bytecode.mjs); the full zip
// is fetched only if an import ever misses the trimmed one. Once this device kept a memory
// snapshot of a start (memory-snapshot.mjs), Python starts from it.
import { BUILD } from "./build.mjs";
import { forgetSnapshot, keepSnapshot, keptSnapshot, markSnapshotStarted, markSnapshotStarting, snapshotKey } from "./memory-snapshot.mjs";
import { cachedCopy, forgetCopy, RuntimeFiles } from "./runtime-files.mjs";
import { keepCompiledStdlib } from "./stdlib-bytecode.mjs";

const assets = new URL("../", import.meta.url);
const runtimeBase = new URL(`pyodide/${BUILD.pyodideVersion}/`, assets);
const fileUrl = (path) => new URL(path, assets).href;
const PYODIDE = fileUrl(`pyodide/${BUILD.pyodideVersion}/pyodide.mjs`);
const PYODIDE_ASM = fileUrl(`pyodide/${BUILD.pyodideVersion}/pyodide.asm.mjs`);
const WHEEL = fileUrl(`calculators/${BUILD.wheel}`);
const STDLIB = new URL(BUILD.stdlib, runtimeBase).href;
const COMPILED_STDLIB = new URL(BUILD.compiledStdlib, runtimeBase).href; // made on this device, never on the server
const FULL_STDLIB = new URL(BUILD.fullStdlib, runtimeBase).href;
// The page may start this worker a second time, as a throwaway that only keeps a snapshot (runtime.mjs):
// it starts Python from this device's files, imports the page's tools, keeps the snapshot and ends.
// It never gets a call, so nothing the reader typed reaches it.
const SNAPSHOT_MAKER = self.name === "snapshot-maker";
const PROGRESS_EVERY_MS = 200;
const SNAPSHOT_IDLE_MS = 1500; // a snapshot is made only after this long without a call
// Puts the full standard library behind the trimmed one, packages included.
const ADD_FULL_STDLIB = `
import importlib, sys
full = "/lib/python_stdlib_full.zip"
trimmed = next(p for p in sys.path if p.endswith(".zip"))
sys.path.append(full)
for name, module in list(sys.modules.items()):
    path = getattr(module, "__path__", None)
    if isinstance(path, list) and any(p.startswith(trimmed + "/") for p in path):
        path.append(full + "/" + name.replace(".", "/"))
importlib.invalidate_caches()
`;

let pyodide = null;
let bridge = null;
let pageTools = [];
let fullStdlib = null; // a promise, once an import missed the trimmed standard library
let started = false;
let lastReport = 0;
let lastCall = 0;
let readerInput = false; // a call carried something the reader gave: no snapshot of this Python
let stdlib = "trimmed"; // or "compiled" (this device's bytecode) or "full"
let snapshot = "none"; // "loaded": Python started from this device's snapshot; "discarded": one was there but unusable

// When each start-up stage began and ended (ms since the epoch, so the page can place them on its
// own clock). Sent to the page with "ready"; never leaves the device.
const timings = {};
const clock = () => performance.timeOrigin + performance.now();
const begin = (stage) => (timings[stage] = { start: clock() });
const end = (stage) => {
  if (timings[stage] && !timings[stage].end) timings[stage].end = clock();
};
begin("worker"); // from this module running to start() (the page knows when it created the worker)

function progress(stage, details = {}) {
  if (!started) postMessage({ type: "progress", stage, ...details });
}

let files = null; // RuntimeFiles, once start() knows which standard library to use
// The page's first "prepare" says it has painted its first frame (runtime.mjs). The worker waits for
// it before downloading or compiling anything: on 2 cores, 11.5 MB arriving and being kept stretch the
// page's own first tasks past 50 ms (issue 21), and on a slow link they would slow the page's own files.
let pagePainted;
const painted = new Promise((resolve) => (pagePainted = resolve));

function onBytes(received, total) {
  const now = Date.now();
  if (received < total && now - lastReport < PROGRESS_EVERY_MS) return;
  lastReport = now;
  progress("download", { share: total ? Math.min(received / total, 1) : null, received, total });
  if (received >= total) {
    end("fetch");
    progress("python");
  }
}

/** The runtime files to load, by URL with their sizes: this device's bytecode replaces the stdlib zip if kept. */
async function runtimeSizes() {
  const sizes = Object.fromEntries(Object.entries(BUILD.runtime).map(([path, size]) => [fileUrl(path), size]));
  const compiled = await cachedCopy(COMPILED_STDLIB);
  if (compiled) {
    delete sizes[STDLIB];
    sizes[COMPILED_STDLIB] = Number(compiled.headers.get("Content-Length")) || 0;
    stdlib = "compiled";
  }
  return sizes;
}

// Pyodide fetches the wasm and the standard library itself: hand it the same responses.
const nativeFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const href = new URL(input instanceof Request ? input.url : input, location.href).href;
  return files && (href in files.sizes || href === STDLIB || href === FULL_STDLIB) ? files.fetch(href) : nativeFetch(input, init);
};

/** A runtime module, imported from the bytes fetched once (import(url) would fetch it again). */
async function importOnce(url) {
  const text = await (await files.fetch(url)).arrayBuffer();
  const blobUrl = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const missingModule = (error) => /ModuleNotFoundError|No module named/.test(String(error && (error.type || error.message || error)));

function useFullStdlib() {
  fullStdlib ??= (async () => {
    console.warn("calculators: an import missed the trimmed standard library; loading the full one");
    const bytes = new Uint8Array(await (await files.fetch(FULL_STDLIB)).arrayBuffer());
    pyodide.FS.writeFile("/lib/python_stdlib_full.zip", bytes);
    pyodide.runPython(ADD_FULL_STDLIB);
  })();
  return fullStdlib;
}

/** `action()`, tried again with the full standard library if a module was missing. */
async function withFullStdlibIfMissing(action) {
  try {
    return action();
  } catch (error) {
    if (!missingModule(error) || fullStdlib) throw error;
    await useFullStdlib();
    return action();
  }
}

/** Import the page's tools ahead of their first call. */
function prepareTools() {
  return withFullStdlibIfMissing(() => bridge.prepare(pageTools).destroy());
}

async function startPython(loadPyodide, createPyodideModule, snapshotBytes = null) {
  const options = {
    ...(snapshotBytes ? { _loadSnapshot: snapshotBytes } : { _makeSnapshot: true }),
    indexURL: runtimeBase.href,
    stdLibURL: stdlib === "compiled" ? COMPILED_STDLIB : STDLIB,
    lockFileContents: { info: BUILD.lockInfo, packages: {} }, // no packages: the lock file is never fetched
    packageBaseUrl: runtimeBase.href,
    createPyodideModule,
    fsInit: () => {
      end("stdlib");
      begin("init"); // Python's own start-up, until loadPyodide resolves
      progress("python", { step: "compiled" });
    },
    stdout: () => {},
    stderr: () => {},
  };
  try {
    if (snapshotBytes) await markSnapshotStarting(); // removed at ready: a start that hangs here loses the snapshot next time
    return await loadPyodide(options);
  } catch (error) {
    if (snapshotBytes) {
      console.warn("calculators: this device's start-up snapshot did not start; starting Python again:", error && error.message);
      await forgetSnapshot();
      snapshot = "discarded";
      return startPython(loadPyodide, createPyodideModule);
    }
    if (stdlib === "compiled") {
      console.warn("calculators: this device's compiled standard library did not start; using the source");
      await forgetCopy(COMPILED_STDLIB);
      stdlib = "trimmed";
      return startPython(loadPyodide, createPyodideModule);
    }
    if (!missingModule(error)) throw error;
    // Start-up itself missed a module (another engine may import others): start with the full zip.
    console.warn("calculators: Python did not start with the trimmed standard library; using the full one");
    stdlib = "full";
    return await loadPyodide({ ...options, stdLibURL: FULL_STDLIB });
  }
}

// Times the wasm's compile and instantiation apart (instantiateStreaming does both in one call).
const nativeInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  begin("compile");
  const module = await WebAssembly.compileStreaming(source);
  end("compile");
  begin("instantiate");
  const instance = await WebAssembly.instantiate(module, imports);
  end("instantiate");
  begin("stdlib"); // Pyodide then writes the standard library into its file system
  return { module, instance };
};

async function start() {
  end("worker");
  begin("fetch");
  files = new RuntimeFiles(await runtimeSizes(), onBytes);
  begin("painted"); // the page's first frame, then everything at once
  await painted;
  end("painted");
  progress("download", { share: 0, received: 0, total: files.total });
  for (const url of Object.keys(files.sizes)) files.fetch(url).catch(() => {}); // all at once (errors: files.failed)
  const readFrom = clock();
  let snapshotBytes = SNAPSHOT_MAKER ? Promise.resolve(null) : keptSnapshot(currentKey(), (why) => {
    console.warn(`calculators: this device's start-up snapshot was ${why}; deleted it`);
    snapshot = "discarded";
  }).then((bytes) => {
    if (bytes) timings.snapshot = { start: readFrom, end: clock() }; // read, unzipped and checked
    return bytes;
  });
  begin("import");
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.all([importOnce(PYODIDE), importOnce(PYODIDE_ASM)]);
  end("import");
  begin("pyodide");
  let kept = await snapshotBytes;
  snapshotBytes = null;
  if (kept) snapshot = "loaded";
  pyodide = await Promise.race([startPython(loadPyodide, createPyodideModule, kept), files.failed]);
  kept = null; // its 30 MB are Python's memory now: hold no copy
  if (pyodide._api && pyodide._api.config) pyodide._api.config._loadSnapshot = null; // nor does Pyodide's config
  end("pyodide");
  end("init");
  WebAssembly.instantiateStreaming = nativeInstantiateStreaming;
  progress("tools");
  begin("wheel");
  const bytes = new Uint8Array(await (await files.fetch(WHEEL)).arrayBuffer());
  if ((await sha256Hex(bytes)) !== BUILD.wheelSha256) throw new Error("calculators wheel checksum mismatch");
  pyodide.unpackArchive(bytes, "wheel");
  end("wheel");
  begin("imports");
  bridge = await withFullStdlibIfMissing(() => pyodide.pyimport("calculators.bridge"));
  const names = bridge.tool_names();
  const tools = names.toJs();
  names.destroy();
  if (!tools.length) throw new Error("calculators wheel installed no tools");
  await prepareTools(); // the page's tools answer at once
  end("imports");
  started = true;
  if (SNAPSHOT_MAKER) return keepSnapshotAndClose();
  if (snapshot === "loaded") markSnapshotStarted(); // not awaited: the result comes first
  postMessage({ type: "ready", tools, build: BUILD.buildId, stdlib, snapshot, timings });
  globalThis.fetch = nativeFetch;
  const saved = await files.saved();
  postMessage({ type: "saved", saved });
  // A first visit compiles the stdlib to bytecode; the next visit, started from it, makes the snapshot.
  if (saved && stdlib === "trimmed" && (await keepCompiledStdlib(pyodide, COMPILED_STDLIB, () => lastCall))) return;
  if (snapshot !== "loaded" && stdlib !== "full") await snapshotWhenIdle(saved);
}

/** What shapes a snapshot of this start: Pyodide, the wheel, the standard library file in use (and the engine). */
function currentKey() {
  const file = { compiled: BUILD.compiledStdlib, trimmed: BUILD.stdlib, full: BUILD.fullStdlib }[stdlib];
  return snapshotKey({ pyodideVersion: BUILD.pyodideVersion, wheelSha256: BUILD.wheelSha256, stdlib: file });
}

/**
 * Keep a snapshot of this start once idle, if no call so far carried the reader's input: none of it
 * is in the snapshot. If one did, ask the page for a throwaway snapshot maker (when this device holds
 * the runtime's files, so that it downloads nothing).
 */
async function snapshotWhenIdle(saved) {
  do await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_IDLE_MS));
  while (Date.now() - lastCall < SNAPSHOT_IDLE_MS);
  if (fullStdlib) return; // the file system changed: no snapshot of this start
  if (readerInput) {
    // The reader's input reached this Python: the page makes the snapshot in a throwaway worker.
    if (saved) postMessage({ type: "snapshot-wanted" });
    return;
  }
  await keepSnapshotAndClose();
}

/** Keep a snapshot of this start now; the snapshot maker then ends. */
async function keepSnapshotAndClose() {
  const size = stdlib === "full" || fullStdlib ? null : await keepSnapshot(pyodide, currentKey());
  postMessage({ type: "snapshot", kept: Boolean(size), ...size });
  if (SNAPSHOT_MAKER) close();
}

let failNextCall = false; // set by a test: the next answer throws, as a fault in Python or JSON would

/** Answer one call. Every call gets a result, even if answering throws (a calm message, no traceback). */
async function answer(message) {
  lastCall = Date.now();
  if (message.input !== false) readerInput = true;
  let response;
  try {
    if (failNextCall) {
      failNextCall = false;
      throw new Error("deliberate failure, asked for by a test");
    }
    const request = JSON.stringify({ tool: message.tool, fields: message.fields });
    response = JSON.parse(bridge.run(request));
    if (response.detail === "ModuleNotFoundError" && !fullStdlib) {
      try {
        await useFullStdlib();
        response = JSON.parse(bridge.run(request));
      } catch (error) {
        console.warn("calculators: the full standard library did not load:", error.message);
        response = { ok: false, errors: [], message: "计算器还需要一个文件，但没能下载。请检查网络后再试。" };
      }
    }
  } catch (error) {
    console.warn("calculators: a call failed:", error && error.message ? error.message : error);
    response = { ok: false, errors: [], message: "这次没能算出结果。请再点一次“计算”；还不行的话，刷新页面再试。" };
  }
  postMessage({ type: "result", id: message.id, response });
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "crash") throw new Error("deliberate crash, asked for by a test");
  if (message.type === "fail-next-call") failNextCall = true;
  if (message.type === "prepare") {
    pageTools = Array.isArray(message.tools) ? message.tools.map(String) : [];
    pagePainted();
    if (SNAPSHOT_MAKER && !running) run(); // it starts once it knows which tools to import
    else if (bridge) prepareTools().catch((error) => console.warn("calculators:", error.message));
  }
  if (message.type === "call" && !SNAPSHOT_MAKER) answer(message);
});

let running = false;
function run() {
  running = true;
  start().catch((error) => postMessage({ type: "failed", reason: String(error && error.message ? error.message : error) }));
}
if (!SNAPSHOT_MAKER) run();
