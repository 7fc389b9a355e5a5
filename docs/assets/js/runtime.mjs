// The runtime client: one module worker runs Python for the whole visit (it survives
// Material's instant navigation). It reports progress, gives up on a stall with a retry,
// restarts after a crash, and answers calls with the bridge's JSON response.
//
// A stall is judged by signs of life, not by how long a stage takes: while downloading, every
// arriving chunk counts, so a slow but live link is never cut off; once every byte is in, the
// work left is the device's own (compiling, starting Python), bounded more generously.

const STALL_MS = 45000; // downloading, and not one byte for this long: give up and offer a retry
const WORK_STALL_MS = 180000; // every byte in, and no further step for this long (a hang)
const STAGES = {
  download: "下载运行环境",
  python: "启动 Python",
  tools: "准备计算器",
};

const workerUrl = new URL("./calc-worker.mjs", import.meta.url);
const SNAPSHOT_WORKER = "snapshot-maker"; // the worker's name: a throwaway start that only keeps a snapshot
const SNAPSHOT_IDLE_MS = 1500; // the snapshot maker starts only after this long without a call
const SNAPSHOT_TRIES = 3; // a call stops the snapshot maker; it is tried again at most this often per visit

export const runtime = {
  state: "idle", // idle | loading | ready | failed
  stage: null,
  share: null,
  reason: "",
  offline: false, // the service worker holds the runtime: calculators work without a network
  received: 0, // bytes of the runtime in so far (from the network or this device's copy)
  total: 0, // bytes of the runtime in all
  stdlib: null, // once ready: "trimmed", "compiled" (bytecode kept from an earlier visit) or "full"
  // once ready: "loaded" (Python started from this device's snapshot), "none", or "discarded" (one
  // was kept but unusable, and deleted); then "made" once this visit kept one.
  snapshot: null,
  snapshotSize: null, // {raw, stored} bytes of the snapshot this visit kept
  // When each start-up stage began and ended, in ms from this page's navigation: the page's
  // ("start": worker created to ready; "first call") and the worker's. For tests and the benchmark.
  timings: {},
};

// "change" on every state or progress change; "ready" once Python answers; "restarting" after a crash.
export const runtimeEvents = new EventTarget();

let worker = null;
let stallTimer = null;
let markSaved = () => {};
let saved = null; // a promise: true once this device holds a copy of the runtime
let restarts = 0;
let nextId = 1;
const pending = new Map(); // call id -> resolve
let snapshotMaker = null; // the throwaway worker making a snapshot, while it runs
let snapshotTries = 0;
let lastCall = 0;

function emit(type) {
  runtimeEvents.dispatchEvent(new Event(type));
}

export function startRuntime() {
  if (worker || runtime.state === "ready") return;
  Object.assign(runtime, { state: "loading", stage: "download", share: null });
  saved = new Promise((resolve) => (markSaved = resolve));
  runtime.timings = { start: { start: performance.now() } };
  try {
    worker = new Worker(workerUrl, { type: "module" });
  } catch {
    fail("这个浏览器不支持运行计算器（需要较新的浏览器）。");
    return;
  }
  worker.addEventListener("message", (event) => onWorkerMessage(event.data || {}));
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onWorkerCrash();
  });
  worker.addEventListener("messageerror", onWorkerCrash);
  // The worker starts downloading once told which tools the page has, after its first frame.
  whenPainted(() => {
    if (!worker) return;
    worker.postMessage({ type: "prepare", tools: pageTools() });
    armStallTimer(); // the stall rule counts from here
  });
  emit("change");
}

/** Resolves true once this device holds a copy of the runtime (Cache Storage), false if it could not. */
export function runtimeSaved() {
  return saved || Promise.resolve(false);
}

function pageTools() {
  return [...document.querySelectorAll("form[data-calculator]")].map((form) => form.dataset.calculator);
}

function whenParsed(action) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", action, { once: true });
  else action();
}

/**
 * `action()` once the page has been parsed and its first frame painted (or 1 s after it was parsed,
 * in a tab opened out of sight, which paints nothing until it is shown). Python's 11.5 MB, downloaded,
 * kept and compiled while the page runs Material's script and lays itself out for the first time,
 * stretch those tasks past 50 ms on a 2-core phone; after the first frame they cost the reader
 * nothing (issue 21).
 */
function whenPainted(action) {
  whenParsed(() => {
    let done = false;
    const once = () => {
      if (!done) action();
      done = true;
    };
    requestAnimationFrame(() => setTimeout(once, 0)); // a task after the frame's style, layout and paint
    if (document.hidden) setTimeout(once, 1000);
  });
}

/** Whether the service worker holds the runtime (calculators work without a network); said to the forms. */
export function markRuntimeOffline(kept) {
  runtime.offline = Boolean(kept);
  emit("change");
}

/**
 * The bridge's response for one call, or null if the worker stopped before answering.
 * `input: false` says the fields are only the page's own defaults, nothing the reader gave.
 */
export function call(tool, fields, { input = true } = {}) {
  if (runtime.state !== "ready") return Promise.resolve(null);
  lastCall = performance.now();
  if (snapshotMaker) {
    stopSnapshotMaker(); // it would compete with this call for the device
    makeSnapshotWhenIdle();
  }
  const id = nextId++;
  const first = runtime.timings.call ? null : (runtime.timings.call = { start: performance.now() });
  return new Promise((resolve) => {
    pending.set(id, (response) => {
      if (first) first.end = performance.now();
      resolve(response);
    });
    worker.postMessage({ type: "call", id, tool, fields, input });
  });
}

export function retry() {
  stopWorker();
  runtime.state = "idle";
  restarts = 0;
  startRuntime();
}

/** For end-to-end tests: crash the worker the way a real fault would. */
export function crashWorker() {
  if (worker) worker.postMessage({ type: "crash" });
}

/** For end-to-end tests: the worker's next answer throws inside the worker, as a fault in Python or JSON would. */
export function failNextCall() {
  if (worker) worker.postMessage({ type: "fail-next-call" });
}

/** While loading: which step of how many, the step's name, and the downloaded share (0–1, or null when unknown). */
export function loadingStep() {
  const names = Object.keys(STAGES);
  return {
    step: names.indexOf(runtime.stage) + 1 || 1,
    steps: names.length,
    name: STAGES[runtime.stage] || STAGES.download,
    share: typeof runtime.share === "number" ? runtime.share : null,
  };
}

function armStallTimer() {
  clearTimeout(stallTimer);
  if (runtime.stage === "download") {
    stallTimer = setTimeout(() => fail("计算器加载超时：网络已经有一阵没有传来数据，可能断了或被拦截了。"), STALL_MS);
  } else {
    stallTimer = setTimeout(() => fail("计算器启动超时：这台设备上的准备工作没有完成。"), WORK_STALL_MS);
  }
}

function onWorkerMessage(message) {
  if (message.type === "progress") {
    if (runtime.state !== "loading") return;
    runtime.stage = message.stage;
    if (message.stage === "download") {
      runtime.share = message.share;
      runtime.received = message.received || 0;
      runtime.total = message.total || 0;
    } else {
      runtime.share = null;
    }
    armStallTimer(); // a sign of life: bytes arrived, or a step finished
    emit("change");
  } else if (message.type === "saved") {
    markSaved(Boolean(message.saved));
  } else if (message.type === "snapshot") {
    if (message.kept) Object.assign(runtime, { snapshot: "made", snapshotSize: { raw: message.raw, stored: message.stored } });
  } else if (message.type === "snapshot-wanted") {
    makeSnapshotWhenIdle();
  } else if (message.type === "ready") {
    clearTimeout(stallTimer);
    runtime.state = "ready";
    runtime.stdlib = message.stdlib || null;
    runtime.snapshot = message.snapshot || null;
    runtime.timings.start.end = performance.now();
    for (const [stage, { start, end }] of Object.entries(message.timings || {})) {
      runtime.timings[stage] = { start: start - performance.timeOrigin, end: end - performance.timeOrigin };
    }
    restarts = 0;
    emit("change");
    emit("ready");
  } else if (message.type === "failed") {
    fail("计算器没能启动。", message.reason);
  } else if (message.type === "result") {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    if (resolve) resolve(message.response);
  }
}

/**
 * The reader's input reached this visit's Python, so it makes no snapshot. Instead, once the page is
 * idle, a throwaway worker starts Python from the files this device holds, imports the page's
 * tools, keeps a snapshot and ends. It is told the tool names only: nothing the reader typed ever
 * reaches it. A call while it runs stops it (it never slows a result); it is tried again later.
 */
function makeSnapshotWhenIdle() {
  if (snapshotMaker || snapshotTries >= SNAPSHOT_TRIES) return;
  const idle = () => {
    const wait = lastCall + SNAPSHOT_IDLE_MS - performance.now();
    if (wait > 0) return setTimeout(idle, wait);
    if ("requestIdleCallback" in window) requestIdleCallback(startSnapshotMaker);
    else setTimeout(startSnapshotMaker, 0);
  };
  idle();
}

function startSnapshotMaker() {
  if (snapshotMaker || runtime.state !== "ready" || snapshotTries >= SNAPSHOT_TRIES) return;
  if (performance.now() - lastCall < SNAPSHOT_IDLE_MS) return makeSnapshotWhenIdle();
  snapshotTries += 1;
  const maker = new Worker(workerUrl, { type: "module", name: SNAPSHOT_WORKER });
  snapshotMaker = maker;
  const done = () => snapshotMaker === maker && stopSnapshotMaker();
  maker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === "snapshot") {
      if (message.kept) Object.assign(runtime, { snapshot: "made", snapshotSize: { raw: message.raw, stored: message.stored } });
      done();
    } else if (message.type === "failed") {
      console.warn("calculators: no start-up snapshot was made:", message.reason);
      done();
    }
  });
  maker.addEventListener("error", (event) => {
    event.preventDefault();
    done();
  });
  maker.postMessage({ type: "prepare", tools: pageTools() });
}

function stopSnapshotMaker() {
  if (snapshotMaker) snapshotMaker.terminate();
  snapshotMaker = null;
}

function stopWorker() {
  stopSnapshotMaker();
  clearTimeout(stallTimer);
  if (worker) worker.terminate();
  worker = null;
  markSaved(false);
  for (const resolve of pending.values()) resolve(null);
  pending.clear();
}

function fail(text, reason = "") {
  stopWorker();
  runtime.state = "failed";
  runtime.reason = text;
  if (reason) console.warn("calculators:", reason);
  emit("change");
}

function onWorkerCrash() {
  const wasReady = runtime.state === "ready";
  stopWorker();
  if (wasReady && restarts < 2) {
    restarts += 1;
    runtime.state = "idle";
    emit("restarting");
    startRuntime();
  } else {
    fail("计算器意外停止了。");
  }
}
