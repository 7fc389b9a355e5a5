"""Prints the size of a case file at the tools' limits and how long writing and reading it take.

The case: 50 lenders and 500 contact-log rows, every text at its longest in 4-byte characters
(the largest file the tools can produce), as in tests/test_case.py. Figures printed, never
checked: CPython here (Pyodide in the browser is slower; not measured here), and the passphrase's
PBKDF2-SHA256 (600,000 iterations) and AES-GCM in Node's WebCrypto, the same API the page uses.

    .venv/bin/python scripts/bench_case_file.py
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculators.core import case as model  # noqa: E402
from calculators.tools import case as case_page  # noqa: E402

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


def largest_case() -> model.Case:
    wide = "\U00020000"
    big = D("99999999.99")
    lender = model.Lender(name=wide * model.MAX_NAME, kind="unknown", loan_number=wide * 60, owed=model.Owed(total=big, principal=big, interest=None, fees=None), overdue_since=dt.date(2026, 1, 31),
                          contract_date=dt.date(2025, 1, 31), monthly_demand=big, plan=model.Plan(monthly=big, months=model.MAX_MONTHS, start=dt.date(2026, 12, 31)))
    row = model.LogRow(date=dt.date(2026, 11, 2), time="23:59", channel="phone", who=wide * 100, said=wide * 1000, evidence=wide * 200)
    return model.Case(reader=model.Reader(wide * model.MAX_NAME, wide * 30), income=big, expenses=big, lenders=(lender,) * model.MAX_LENDERS,
                      papers=(model.Paper("judgment", dt.date(2026, 11, 2)),) * model.MAX_PAPERS, log=(row,) * model.MAX_LOG, reasons=model.REASONS)


def timed(function, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    case = largest_case()
    text = model.to_json(case)
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


if __name__ == "__main__":
    main()
