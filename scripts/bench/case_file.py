"""The case file at the tools' limits: its size, and how long export and import take. Prints; never fails.

    python -m scripts.bench.case_file [--engines chromium,webkit,firefox] [--runs N] [--site DIR]
    python -m scripts.bench.case_file --engines ""      # CPython and Node only, no browser

The case: 50 lenders and 500 contact-log rows, every text at its longest in 4-byte characters
(the largest file the tools can produce), as in tests/core/test_case.py.

1. CPython: the file's size; write (`to_json`), read (`from_json`), import as the page does and
   the summary (the `case` tool), medians of 5; the passphrase's PBKDF2-SHA256 (600,000
   iterations) and AES-GCM in Node's WebCrypto, the API the page uses.
2. Per engine (the built site's 我的情况 page, driven through tests/browser/engines.py, one window
   per engine, Python started once): in the page's own Pyodide worker, the `case` tool's import
   (`open`) and summary, called as the page calls them; then the page end to end, through its
   controls: import of the plain file (file chosen until 已导入, and until the summary shows it),
   export plain and with a passphrase (click until the file's Blob is made: PBKDF2 and AES-GCM in
   that engine's WebCrypto), and import of a locked file made outside the page with a fresh salt
   (解锁并导入 until 已导入 and the summary).
   Times are taken in the page (`performance.now()`), from the control's event to the change,
   so the driver's own latency is not in them. Also PBKDF2 alone in that engine's WebCrypto.
   A first run warms up and is not counted (on a first visit the worker also compiles the
   standard library while idle, which delays a call that comes meanwhile); medians of --runs.

The machine is shared: compare engines within one run, not figures from different runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from calculators.core import case as model  # noqa: E402
from calculators.tools import case as case_page  # noqa: E402
from scripts import devserver  # noqa: E402
from scripts.bench import engine_drivers, site as bench_site  # noqa: E402

PAGE = "case/"
PASSPHRASE = "月亮 street 42"
SUMMARY = 'form[data-calculator="case"] [data-calc-result]'
SHOWN = "99,999,999.99"  # in the summary of the largest case, and in no other state of the page

NODE_LOCK = """
const text = require("fs").readFileSync(0, "utf8");
(async () => {
  const t0 = performance.now();
  const salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode("月亮 street 42"), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations: %d }, material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const t1 = performance.now();
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(text)));
  const t2 = performance.now();
  await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, data);
  const t3 = performance.now();
  console.log(JSON.stringify({ kdf: t1 - t0, encrypt: t2 - t1, decrypt: t3 - t2, locked_bytes: Math.ceil(data.length / 3) * 4 + 200 }));
})();
"""

# A locked file as case-file.mjs writes it, made outside the page with a fresh salt: an engine that
# keeps derived keys (Firefox does, for the same passphrase, salt and count) must not be handed
# the key it derived while exporting.
NODE_LOCKED_FILE = """
const text = require("fs").readFileSync(0, "utf8");
(async () => {
  const salt = crypto.getRandomValues(new Uint8Array(16)), iv = crypto.getRandomValues(new Uint8Array(12));
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(process.argv[1]), "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations: %d }, material, { name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(text)));
  const b64 = (bytes) => Buffer.from(bytes).toString("base64");
  process.stdout.write(JSON.stringify({ format: "xieshang-case-locked", version: 1, kdf: "PBKDF2-SHA256", cipher: "AES-GCM",
    iterations: %d, salt: b64(salt), iv: b64(iv), data: b64(data) }));
})();
"""

# In the page: notes when each download's Blob is made (and its size), and lets a measurement
# wait for an event on a control (its start) and for a text to appear in an element (its end).
HOOKS = """() => {
  if (window.__caseBench) return true;
  const bench = (window.__caseBench = { blobs: [] });
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    bench.blobs.push({ at: performance.now(), size: blob.size });
    return make.call(URL, blob);
  };
  return true;
}"""

# Arms one measurement: its start is the next `event` on `control` (seen before the page's own
# handlers), its marks the moments each [selector, text] first shows the text.
ARM = """(event, control, marks) => {
  const bench = window.__caseBench;
  bench.start = null;
  bench.marks = marks.map(() => null);
  bench.blobs = [];
  document.addEventListener(event, (e) => { if (e.target.closest(control)) bench.start = performance.now(); }, { capture: true, once: true });
  marks.forEach(([selector, text], i) => {
    const node = document.querySelector(selector);
    const check = () => {
      if (bench.marks[i] === null && !node.hidden && node.textContent.includes(text)) {
        bench.marks[i] = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(node, { childList: true, characterData: true, subtree: true, attributes: true });
  });
  return true;
}"""

READ = "() => window.__caseBench.start !== null && window.__caseBench.marks.every((m) => m !== null) && window.__caseBench"
READ_BLOB = "() => window.__caseBench.start !== null && window.__caseBench.blobs.length > 0 && window.__caseBench"

# The page's own runtime module (the one bridge.mjs imports), and the case tool called through it.
PYTHON_CALL = """async (fields) => {
  const bridge = document.querySelector('script[src*="assets/js/bridge.mjs"]');
  const { call } = await import(new URL("runtime.mjs", bridge.src).href);
  const start = performance.now();
  const answer = await call("case", fields);
  return { ms: performance.now() - start, ok: Boolean(answer && answer.ok) };
}"""


# WebCrypto alone in the page: PBKDF2-SHA256 at the file's iteration count.
PBKDF2 = """async (iterations) => {
  const start = performance.now();
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode("月亮 street 42"), "PBKDF2", false, ["deriveBits"]);
  const salt = crypto.getRandomValues(new Uint8Array(16)); // a new one each time: Firefox keeps derived keys
  await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  return performance.now() - start;
}"""


def largest_case() -> model.Case:
    wide = "\U00020000"
    big = D("99999999.99")
    lender = model.Lender(name=wide * model.MAX_NAME, kind="unknown", loan_number=wide * 60, owed=model.Owed(total=big, principal=big, interest=None, fees=None), overdue_since=dt.date(2026, 1, 31),
                          contract_date=dt.date(2025, 1, 31), monthly_demand=big, plan=model.Plan(monthly=big, months=model.MAX_MONTHS, start=dt.date(2026, 12, 31)))
    row = model.LogRow(date=dt.date(2026, 11, 2), time="23:59", channel="phone", who=wide * 100, said=wide * 1000, evidence=wide * 200)
    return model.Case(reader=model.Reader(wide * model.MAX_NAME, wide * 30), income=big, expenses=big, lenders=(lender,) * model.MAX_LENDERS,
                      papers=(model.Paper("judgment", dt.date(2026, 11, 2)),) * model.MAX_PAPERS, log=(row,) * model.MAX_LOG, reasons=model.REASONS)


def locked_file(text: str) -> str:
    """The case file `text` locked with PASSPHRASE and a fresh salt (Node's WebCrypto)."""
    script = NODE_LOCKED_FILE % (model.ITERATIONS, model.ITERATIONS)
    return subprocess.run(["node", "-e", script, PASSPHRASE], input=text, capture_output=True, text=True, check=True, timeout=300).stdout


def timed(function, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def cpython(text: str, case: model.Case) -> None:
    print(f"case file at the tools' limits: {len(text.encode('utf-8')):,} bytes (limit {model.MAX_BYTES:,})")
    print(f"  write (to_json, checks by reading back): {timed(lambda: model.to_json(case)):.0f} ms median of 5 (CPython)")
    print(f"  read (from_json):                         {timed(lambda: model.from_json(text)):.0f} ms")
    print(f"  import as the page does (case tool open): {timed(lambda: case_page.tool({'action': 'open', 'text': text})):.0f} ms")
    print(f"  summary shown (case tool):                {timed(lambda: case_page.tool({'case': text})):.0f} ms")
    seed = json.dumps(model.to_data(model.Case(income=D("5000.00"), expenses=D("2000.00"), lenders=tuple(
        model.Lender(n, owed=model.Owed(D(a))) for n, a in (("借呗", "10000.00"), ("微粒贷", "20000.00"), ("某某消费金融", "30000.00"))))), ensure_ascii=False, indent=1)
    print(f"the seed's case (three lenders): {len(seed.encode('utf-8')):,} bytes")
    try:
        out = subprocess.run(["node", "-e", NODE_LOCK % model.ITERATIONS], input=text, capture_output=True, text=True, check=True, timeout=300)
        lock = json.loads(out.stdout)
        print(f"passphrase (Node WebCrypto): PBKDF2-SHA256 {model.ITERATIONS:,} iterations {lock['kdf']:.0f} ms; "
              f"AES-GCM encrypt {lock['encrypt']:.0f} ms, decrypt {lock['decrypt']:.0f} ms; locked file about {lock['locked_bytes']:,} bytes "
              f"(limit {model.MAX_LOCKED_BYTES:,})")
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        print(f"passphrase: not measured ({type(error).__name__})")


# ---- in the browsers ----

def measure(engine, arm: tuple, act, read: str = READ, timeout: float = 300) -> dict:
    """Arms the page (ARM's arguments), does `act()` and waits for the marks; ms from the start."""
    engine.call(ARM, *arm)
    act()
    found = engine_drivers.engines().wait_until(engine, read, timeout=timeout, pause=0.1, what=f"{arm[1]} to finish")
    return {
        "marks": [round(mark - found["start"]) for mark in found["marks"]],
        "blob": (round(found["blobs"][0]["at"] - found["start"]), found["blobs"][0]["size"]) if found["blobs"] else None,
    }


def clear_case(engine) -> None:
    """清除本机数据, then 确定清除 (the page holds no case afterwards)."""
    wait_until = engine_drivers.engines().wait_until
    engine.click("[data-clear-local]")
    wait_until(engine, "() => Boolean(document.querySelector('[data-clear-confirm]'))", timeout=30, what="确定清除")
    engine.click("[data-clear-confirm]")
    wait_until(engine, "() => document.querySelector('input[data-case-text]').value === ''", timeout=60, what="the case to be cleared")


def measure_engine(name: str, base: str, runs: int, plain_path: str, text: str) -> dict:
    engines = engine_drivers.engines()
    found: dict = {key: [] for key in ("pbkdf2", "python open", "python summary", "import", "import summary", "export plain", "export locked",
                                        "import locked", "import locked summary")}
    def rounds(engine):
        engine.goto(base + PAGE)
        engines.wait_ready(engine)
        engine.call(HOOKS)
        for run in range(runs + 1):  # the first run warms up (and lets the worker finish its idle work)
            if run == 1:
                for values in found.values():
                    if isinstance(values, list):
                        values.clear()
            found["pbkdf2"].append(engine.call(PBKDF2, model.ITERATIONS))
            opened = engine.call(PYTHON_CALL, {"action": "open", "text": text})
            shown = engine.call(PYTHON_CALL, {"case": text})
            assert opened["ok"] and shown["ok"], (opened, shown)
            found["python open"].append(opened["ms"])
            found["python summary"].append(shown["ms"])

            if engine.call("() => document.querySelector('input[data-case-text]').value"):
                clear_case(engine)
            got = measure(engine, ("change", "[data-case-file]", [["[data-case-import-status]", "已导入"], [SUMMARY, SHOWN]]),
                          lambda: engine.choose_file("[data-case-file]", plain_path))
            found["import"].append(got["marks"][0])
            found["import summary"].append(got["marks"][1])

            engine.type_into("[data-case-passphrase]", "")
            engine.type_into("[data-case-passphrase-again]", "")
            got = measure(engine, ("click", "[data-case-export]", []), lambda: engine.click("[data-case-export]"), READ_BLOB)
            found["export plain"].append(got["blob"][0])
            found["plain bytes"] = got["blob"][1]
            engine.type_into("[data-case-passphrase]", PASSPHRASE)
            engine.type_into("[data-case-passphrase-again]", PASSPHRASE)
            got = measure(engine, ("click", "[data-case-export]", []), lambda: engine.click("[data-case-export]"), READ_BLOB)
            found["export locked"].append(got["blob"][0])
            found["locked bytes"] = got["blob"][1]
            locked_path = Path(plain_path).with_name(f"locked-{name}.json")
            locked_path.write_text(locked_file(text), encoding="utf-8")
            clear_case(engine)
            engine.call(ARM, "change", "[data-case-file]", [["[data-case-import-status]", "加了密码"]])
            engine.choose_file("[data-case-file]", str(locked_path))
            engines.wait_until(engine, READ, timeout=120, what="the passphrase prompt")
            engine.type_into("[data-case-unlock-passphrase]", PASSPHRASE)
            got = measure(engine, ("click", "[data-case-unlock]", [["[data-case-import-status]", "已导入"], [SUMMARY, SHOWN]]),
                          lambda: engine.click("[data-case-unlock]"))
            found["import locked"].append(got["marks"][0])
            found["import locked summary"].append(got["marks"][1])
            print(f"    {name} {'warm-up' if run == 0 else f'run {run}'}: " + ", ".join(f"{k} {v[-1]:.0f} ms" for k, v in found.items() if isinstance(v, list) and v)
                  + f" ({load()})", flush=True)
    engine_drivers.run_in_engine(name, found, engine_drivers.open_engine, rounds)
    return found


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


WHAT = (
    ("pbkdf2", "page: WebCrypto PBKDF2-SHA256, 600,000 iterations, alone"),
    ("python open", "Pyodide: the case tool's import (read, check, write afresh)"),
    ("python summary", "Pyodide: the case tool's summary"),
    ("import", "page: file chosen until 已导入"),
    ("import summary", "page: file chosen until the summary shows it"),
    ("export plain", "page: 导出文件 until the file's Blob is made"),
    ("export locked", "page: the same with a passphrase (PBKDF2 600,000 + AES-GCM)"),
    ("import locked", "page: 解锁并导入 until 已导入 (PBKDF2 + AES-GCM + Python)"),
    ("import locked summary", "page: 解锁并导入 until the summary shows it"),
)


def report(results: dict, runs: int) -> None:
    names = list(results)
    print(f"\nmedians of {runs} runs after a warm-up, ms ({load()}):")
    print(f"  {'':<24}" + "".join(f"{n:>10}" for n in names))
    for key, what in WHAT:
        cells = []
        for name in names:
            values = results[name].get(key) or []
            cells.append(f"{statistics.median(values):>10.0f}" if values else f"{'-':>10}")
        print(f"  {key:<24}" + "".join(cells) + f"   {what}")
    for key in ("plain bytes", "locked bytes"):
        print(f"  {key:<24}" + "".join(f"{results[n].get(key, 0):>10,}" for n in names))
    for name in names:
        if "error" in results[name]:
            print(f"  {name}: {results[name]['error'][:300]}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="chromium,webkit,firefox", help='comma-separated; "" for CPython and Node only')
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a site built for any address, instead of building one")
    args = parser.parse_args(argv)
    case = largest_case()
    text = model.to_json(case)
    cpython(text, case)
    names = [n.strip() for n in args.engines.split(",") if n.strip()]
    if not names:
        return 0
    folder = Path(tempfile.mkdtemp(prefix="case-file-bench-"))
    plain_path = folder / "largest.json"
    plain_path.write_text(text, encoding="utf-8")
    server, base, _traffic, gzipped = devserver.serve(Path(args.site or folder / "site"))
    site = args.site or bench_site.build_site(server.handler_class.root, base)
    server.handler_class.root = site
    gzipped.fill(site, server.handler_class)
    print(f"==> In the browsers, {args.runs} runs each ({load()}, {os.cpu_count()} cores)", flush=True)
    results = {name: measure_engine(name, base, args.runs, str(plain_path), text) for name in names}
    report(results, args.runs)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
