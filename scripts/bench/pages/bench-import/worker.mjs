import { BUILD } from "../assets/js/build.mjs";
const base = new URL(`../assets/pyodide/${BUILD.pyodideVersion}/`, import.meta.url);
try {
  const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
  const options = { indexURL: base.href };
  if (BUILD.stdlib) Object.assign(options, { stdLibURL: new URL(BUILD.stdlib, base).href, lockFileContents: { info: BUILD.lockInfo, packages: {} } });
  const started = performance.now();
  const pyodide = await loadPyodide(options);
  const loaded = performance.now() - started;
  const response = await fetch(new URL(`../assets/calculators/${BUILD.wheel}`, import.meta.url));
  pyodide.unpackArchive(new Uint8Array(await response.arrayBuffer()), "wheel");
  const times = JSON.parse(pyodide.runPython(`
import json, sys, time
request = lambda income: json.dumps({"tool": "budget", "fields": {"income": income, "expenses": "2000"}})
t0 = time.perf_counter()
import calculators.bridge as bridge
t1 = time.perf_counter()
if hasattr(bridge, "prepare"):
    bridge.prepare(["budget"])
t2 = time.perf_counter()
assert "3,000.00" in bridge.run(request("5000"))
t3 = time.perf_counter()
bridge.run(request("5001"))
t4 = time.perf_counter()
json.dumps({"bridge_ms": (t1 - t0) * 1000, "tool_ms": (t2 - t1) * 1000, "first_call_ms": (t3 - t2) * 1000,
            "next_call_ms": (t4 - t3) * 1000, "modules": len(sys.modules)})
`));
  postMessage({ ...times, load_ms: loaded });
} catch (error) {
  postMessage({ error: String(error) });
}
