// Runs the calculators' unit tests inside the real Pyodide runtime (the pinned npm package),
// so nothing CPython-only slips into code the browser runs.
//
// usage: node tests/pyodide/run_tests.mjs [--stdlib ZIP] [tests/test_x.py ...]
//
// Without test files it runs the mirrored test of every calculators module that has one
// (calculators/<layer>/<name>.py -> tests/<layer>/test_<name>.py, calculators/<name>.py ->
// tests/test_<name>.py), and fails if a tool in the bridge's registry has none. Copies calculators/**/*.py, the chosen test
// modules, tests/strategies.py, tests/html_parts.py and the small pytest, hypothesis and icalendar
// shims into Pyodide's file system, then runs runner.py there.
//
// --stdlib ZIP starts Pyodide with that standard library (the site's trimmed one, e.g.
// site/assets/pyodide/<version>/python_stdlib-<hash>.zip) and keeps the full one only as a watched
// fallback: a module the calculators load from outside ZIP is a failure, named with the test and
// the line that loaded it (the tests' own helpers may use the fallback).
//
// Prints "N passed, M failed, K skipped" and exits 1 if anything failed.
import { loadPyodide } from "pyodide";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const HOME = "/home/pyodide";
const FULL_STDLIB = join(dirname(createRequire(import.meta.url).resolve("pyodide/package.json")), "python_stdlib.zip");

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The test file of a calculators module: core/money.py -> tests/core/test_money.py. */
const mirrorOf = (module) => `tests/${join(dirname(module), `test_${basename(module)}`)}`.replace("/./", "/");

/** The mirrored tests of every calculators module that has one (tests mirror the modules). */
function mirroredTests() {
  const calculators = join(root, "calculators");
  return filesUnder(calculators)
    .map((file) => relative(calculators, file))
    .filter((name) => name.endsWith(".py") && !name.endsWith("__init__.py"))
    .map(mirrorOf)
    .filter((test) => existsSync(join(root, test)))
    .sort();
}

const args = process.argv.slice(2);
const stdlibAt = args.indexOf("--stdlib");
const stdlib = stdlibAt >= 0 ? resolve(args.splice(stdlibAt, 2)[1]) : null;
const chosen = args.length > 0;
const tests = chosen ? args : mirroredTests();

const started = Date.now();
const pyodide = await loadPyodide(stdlib ? { stdLibURL: stdlib } : {});
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
copy(join(root, "tests/document_checks.py"), `${HOME}/tests/document_checks.py`);
copy(join(root, "scripts/hooks/stdlib_trim.py"), `${HOME}/trim/stdlib_trim.py`);
if (stdlib) copy(FULL_STDLIB, "/lib/python_full.zip");

// A test keeps its folder under tests/ (tests/tools/test_rate.py is the module tools.test_rate).
const underTests = (test) => relative(join(root, "tests"), resolve(root, test));
for (const test of tests) {
  copy(resolve(root, test), `${HOME}/tests/${underTests(test)}`);
  const folder = dirname(underTests(test));
  if (folder !== ".") copy(join(root, "tests", folder, "__init__.py"), `${HOME}/tests/${folder}/__init__.py`);
}
const modules = tests.map((test) => underTests(test).replace(/\.py$/, "").replaceAll("/", "."));

pyodide.setStdout({ batched: (line) => console.log(line) });
pyodide.setStderr({ batched: (line) => console.error(line) });
const failed = pyodide.runPython(`
import sys
sys.path[:0] = ["${HOME}", "${HOME}/tests", "${HOME}/shims", "${HOME}/trim"]
import runner

watch = None
if ${stdlib ? "True" : "False"}:
    import stdlib_trim

    def blame():
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename.startswith("${HOME}/calculators/"):
                where = frame.f_code.co_filename[len("${HOME}/"):]
                return f"{where}:{frame.f_lineno}, in {runner.current[0]}"
            frame = frame.f_back
        return None  # the tests' own helpers

    watch = stdlib_trim.FallbackWatch("/lib/python_full.zip", blame).install()

failed = runner.run(${JSON.stringify(modules)})
if watch is not None:
    for found in watch.found:
        print(f"OUTSIDE THE TRIMMED STDLIB: {found['module']} (loaded by {found['by']})")
    failed += len(watch.found)
if not ${chosen ? "True" : "False"}:
    from calculators import bridge
    def mirror(module):
        layer, _, name = module.rpartition(".")
        return f"{layer}.test_{name}" if layer else f"test_{name}"

    untested = sorted(tool for tool in bridge.TOOLS if mirror(bridge.module_of(tool)) not in ${JSON.stringify(modules)})
    for tool in untested:
        print(f"FAILED tool {tool!r} has no tests/{mirror(bridge.module_of(tool)).replace('.', '/')}.py to run inside Pyodide")
    failed += len(untested)
failed
`);
console.log(`Pyodide ${pyodide.version}${stdlib ? ` with ${basename(stdlib)}` : ""}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed === 0 ? 0 : 1);
