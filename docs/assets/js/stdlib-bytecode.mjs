// Python's standard library as bytecode, compiled on this device once and kept in Cache Storage
// for the next visits: Python then starts without compiling its ~160 modules from source, which
// is most of its start-up time. Nothing more is downloaded (bytecode is three times the size of
// the stripped source); the first visit compiles it one module at a time while the page is idle.
import { RUNTIME_CACHE } from "./runtime-files.mjs";

const IDLE_MS = 1500; // compile only after this long without a calculation
const MODULES_PER_STEP = 1; // a calculation waits at most for one module

const COMPILER = `
import importlib.util, io, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

class StdlibCompiler:
    """Compiles the running stdlib zip into a zip of unchecked hash-based .pyc files, a few at a time."""

    def __init__(self):
        self.path = next(p for p in sys.path if p.endswith(".zip"))
        self.source = zipfile.ZipFile(self.path)
        self.left = [info for info in self.source.infolist() if not info.is_dir()]
        self.out = io.BytesIO()
        self.zip = zipfile.ZipFile(self.out, "w", zipfile.ZIP_STORED)

    def step(self, count):
        for info in self.left[:count]:
            data = self.source.read(info)
            if info.filename.endswith(".py"):
                code = compile(data, f"{self.path}/{info.filename}", "exec", dont_inherit=True)
                pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), False)
                self.zip.writestr(info.filename[:-3] + ".pyc", bytes(pyc))
            else:
                self.zip.writestr(info.filename, data)
        del self.left[:count]
        return len(self.left)

    def finish(self):
        self.zip.close()
        return self.out.getvalue()

StdlibCompiler
`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compile the running standard library and keep it at `url` in Cache Storage.
 * `lastCall()` gives the time of the latest calculation, so compiling never delays one for long.
 * Resolves true once kept; false if this device cannot keep it.
 */
export async function keepCompiledStdlib(pyodide, url, lastCall) {
  const Compiler = pyodide.runPython(COMPILER);
  const compiler = Compiler();
  try {
    for (let left = Infinity; left > 0; ) {
      while (Date.now() - lastCall() < IDLE_MS) await sleep(IDLE_MS);
      left = compiler.step(MODULES_PER_STEP);
      await sleep(0); // let calculations in between steps
    }
    const zipped = compiler.finish();
    const bytes = zipped.toJs();
    zipped.destroy();
    const cache = await caches.open(RUNTIME_CACHE);
    const headers = { "Content-Type": "application/zip", "Content-Length": String(bytes.byteLength) };
    await cache.put(url, new Response(bytes, { headers }));
    return true;
  } catch (error) {
    console.warn("calculators: the compiled standard library was not kept:", error.message);
    return false;
  } finally {
    compiler.destroy();
    Compiler.destroy();
  }
}
