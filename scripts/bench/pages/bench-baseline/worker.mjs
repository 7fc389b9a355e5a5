import { BUILD } from "../assets/js/build.mjs";
const base = new URL(`../assets/pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
try {
  postMessage({ type: "progress", stage: "python" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const pyodide = await loadPyodide({ indexURL: base.href, lockFileURL: new URL("./pyodide-lock.json", import.meta.url).href });
  postMessage({ type: "progress", stage: "tools" });
  const response = await fetch(new URL(`../assets/calculators/${BUILD.wheel}`, import.meta.url));
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  const bridge = pyodide.pyimport("calculators.bridge");
  const request = { tool: "budget", fields: { income: "5000", expenses: "2000" } };
  postMessage(JSON.parse(bridge.run(JSON.stringify(request))));
} catch (error) {
  postMessage({ ok: false, error: String(error) });
}
