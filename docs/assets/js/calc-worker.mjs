// The calculators' module Web Worker: starts the self-hosted Pyodide, installs the
// calculators wheel, then answers {type: "call"} messages with the bridge's JSON.
import { BUILD } from "./build.mjs";

const runtimeBase = new URL(`../pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
const wheelUrl = new URL(`../calculators/${BUILD.wheel}`, import.meta.url);
// Fetched first with progress, so the runtime then finds them in the HTTP cache.
const BIG_FILES = ["pyodide.asm.wasm", "python_stdlib.zip"];

let runBridge = null;

function progress(stage, share) {
  postMessage({ type: "progress", stage, share });
}

async function prefetchWithProgress() {
  const sizes = new Map();
  const loaded = new Map();
  const report = () => {
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const done = [...loaded.values()].reduce((a, b) => a + b, 0);
    progress("download", total ? Math.min(done / total, 1) : null);
  };
  await Promise.all(
    BIG_FILES.map(async (name) => {
      const response = await fetch(new URL(name, runtimeBase));
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}`);
      sizes.set(name, Number(response.headers.get("content-length")) || 0);
      const reader = response.body.getReader();
      loaded.set(name, 0);
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded.set(name, loaded.get(name) + value.byteLength);
        report();
      }
    }),
  );
}

async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function start() {
  progress("download", 0);
  await prefetchWithProgress();
  progress("python", null);
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeBase).href);
  const pyodide = await loadPyodide({ indexURL: runtimeBase.href, stdout: () => {}, stderr: () => {} });
  progress("tools", null);
  const response = await fetch(wheelUrl);
  if (!response.ok) throw new Error(`HTTP ${response.status} for the calculators wheel`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256Hex(bytes)) !== BUILD.wheelSha256) throw new Error("calculators wheel checksum mismatch");
  pyodide.unpackArchive(bytes, "wheel");
  const bridge = pyodide.pyimport("calculators.bridge");
  const tools = bridge.tool_names().toJs();
  if (!tools.length) throw new Error("calculators wheel installed no tools");
  runBridge = (request) => bridge.run(JSON.stringify(request));
  postMessage({ type: "ready", tools, build: BUILD.buildId });
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "crash") throw new Error("deliberate crash, asked for by a test");
  if (message.type === "call") {
    const text = runBridge(message);
    postMessage({ type: "result", id: message.id, response: JSON.parse(text) });
  }
});

start().catch((error) => postMessage({ type: "failed", reason: String(error && error.message ? error.message : error) }));
