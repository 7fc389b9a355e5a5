// Build step (called by calculators_build.py): the trimmed standard library for the browser.
//
// usage: node scripts/hooks/stdlib_trim.mjs WHEEL OUT_ZIP
//
// 1. In Pyodide with its full stdlib, installs the calculators wheel and traces what start-up,
//    every registered tool, every named import and the SAFETY list load (stdlib_trim.py).
// 2. Writes those files, stripped of docstrings, to OUT_ZIP.
// 3. Starts a second Pyodide with OUT_ZIP as its stdlib and the full zip only as a watched
//    fallback, and runs the same again: anything found only in the fallback fails the build.
// Prints one JSON line (the trace) and exits 0, or prints why and exits 1.
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const fullZip = join(dirname(createRequire(import.meta.url).resolve("pyodide/package.json")), "python_stdlib.zip");
const [wheelPath, outZip] = process.argv.slice(2);
if (!wheelPath || !outZip) {
  console.error("usage: node scripts/hooks/stdlib_trim.mjs WHEEL OUT_ZIP");
  process.exit(2);
}
const wheel = new Uint8Array(readFileSync(wheelPath));
const script = new Uint8Array(readFileSync(join(here, "stdlib_trim.py")));
const quiet = { stdout: () => {}, stderr: (line) => errors.push(line) };
const errors = [];

async function start(options) {
  const pyodide = await loadPyodide({ ...quiet, ...options });
  pyodide.unpackArchive(wheel, "wheel");
  pyodide.runPython("import sys; sys._xsh_started_with = set(sys.modules)"); // before our own script
  pyodide.FS.mkdirTree("/tmp/xsh");
  pyodide.FS.writeFile("/tmp/xsh/stdlib_trim.py", script);
  pyodide.runPython("import sys; sys.path.append('/tmp/xsh'); import stdlib_trim");
  return pyodide;
}

function fail(message, error) {
  const details = String((error && error.message) || error || "").trim();
  const last = details.split("\n").filter(Boolean).pop() || "";
  console.error(`stdlib trim: ${message}${last ? `: ${last.replace(/^RuntimeError: /, "")}` : ""}`);
  if (details) console.error(`\n${details}`);
  if (errors.length) console.error(errors.join("\n"));
  process.exit(1);
}

let traced;
try {
  const full = await start({});
  traced = JSON.parse(full.runPython("import json; json.dumps(stdlib_trim.trace())"));
  full.globals.set("files", full.toPy(traced.files));
  full.runPython("open('/tmp/xsh/trimmed.zip', 'wb').write(stdlib_trim.make_zip(files))");
  writeFileSync(outZip, full.FS.readFile("/tmp/xsh/trimmed.zip"));
} catch (error) {
  fail("tracing with the full standard library failed", error);
}

let checked;
try {
  const trimmed = await start({ stdLibURL: outZip });
  trimmed.FS.writeFile("/lib/python_full.zip", new Uint8Array(readFileSync(fullZip)));
  checked = JSON.parse(trimmed.runPython("import json; json.dumps(stdlib_trim.verify('/lib/python_full.zip'))"));
} catch (error) {
  fail("Pyodide does not run the calculators with the trimmed standard library", error);
}
if (checked.outside.length) {
  const lines = checked.outside.map(({ module, by }) => `  ${module} (loaded by: ${by})`);
  fail(`modules loaded from outside the trimmed standard library:\n${lines.join("\n")}`);
}
console.log(JSON.stringify({ ...traced, verified: checked.tools }));
