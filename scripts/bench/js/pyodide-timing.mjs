// Times calculators.bridge.run in the pinned Pyodide under Node, for scripts/bench/python_only.py.
// Run from the repository root; reads {requests: {tool: fields}, runs} as JSON on stdin and prints
// {version, timings: {tool: {ok, median_ms, max_ms}}} as one JSON line.
import { loadPyodide } from "pyodide";
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
const input = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await loadPyodide();
for (const name of readdirSync("calculators", { recursive: true }).filter((n) => n.endsWith(".py"))) {
  const target = `/home/pyodide/calculators/${name}`;
  pyodide.FS.mkdirTree(dirname(target));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(`calculators/${name}`)));
}
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide')");
const bridge = pyodide.pyimport("calculators.bridge");
const out = { version: pyodide.version, timings: {} };
for (const [tool, fields] of Object.entries(input.requests)) {
  const request = JSON.stringify({ tool, fields });
  const ok = JSON.parse(bridge.run(request)).ok;
  const samples = [];
  for (let i = 0; i < input.runs; i++) {
    const started = performance.now();
    bridge.run(request);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  out.timings[tool] = { ok, median_ms: samples[Math.floor(samples.length / 2)], max_ms: samples[samples.length - 1] };
}
console.log(JSON.stringify(out));
