// Runs the calculators' unit tests inside the real Pyodide runtime (the pinned npm package),
// so nothing CPython-only slips into code the browser runs.
//
// usage: node tests/pyodide/run_tests.mjs [tests/test_x.py ...]
// Copies calculators/*.py, the chosen test modules, tests/strategies.py, tests/html_parts.py and the small pytest and
// hypothesis shims into Pyodide's file system, then runs runner.py there. Prints
// "N passed, M failed, K skipped" and exits 1 if anything failed.
import { loadPyodide } from "pyodide";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
// calendar, offer and deadlines_calendar read their .ics back with icalendar, which Pyodide lacks offline;
// they run in CPython, as does court_pages (it reads docs/ and data/).
const DEFAULT_TESTS = ["money", "inputs", "helplines", "budget", "plan", "lenders", "render", "bridge", "checklist", "letter", "pack", "log", "scam", "deadlines", "answers", "complaint", "rate"].map(
  (name) => `tests/test_${name}.py`,
);
const HOME = "/home/pyodide";

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const started = Date.now();
const pyodide = await loadPyodide();
const copy = (source, target) => {
  pyodide.FS.mkdirTree(dirname(target));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(source)));
};

for (const file of filesUnder(join(root, "calculators")).filter((f) => f.endsWith(".py"))) {
  copy(file, `${HOME}/calculators/${relative(join(root, "calculators"), file)}`);
}
for (const file of filesUnder(join(here, "shims"))) copy(file, `${HOME}/shims/${relative(join(here, "shims"), file)}`);
copy(join(here, "runner.py"), `${HOME}/tests/runner.py`);
copy(join(root, "tests/strategies.py"), `${HOME}/tests/strategies.py`);
copy(join(root, "tests/html_parts.py"), `${HOME}/tests/html_parts.py`);

const tests = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_TESTS;
for (const test of tests) copy(resolve(root, test), `${HOME}/tests/${basename(test)}`);
const modules = tests.map((test) => basename(test, ".py"));

pyodide.setStdout({ batched: (line) => console.log(line) });
pyodide.setStderr({ batched: (line) => console.error(line) });
const failed = pyodide.runPython(`
import sys
sys.path[:0] = ["${HOME}", "${HOME}/tests", "${HOME}/shims"]
import runner
runner.run(${JSON.stringify(modules)})
`);
console.log(`Pyodide ${pyodide.version}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed === 0 ? 0 : 1);
