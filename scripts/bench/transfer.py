"""4. Bytes transferred on a guide page and a calculator page, cold and with a warm cache.

Counted twice: by the page's Chrome DevTools Protocol Network events (which do not see the
dedicated worker's or the service worker's fetches, so not Pyodide) and by the local server,
which counts every response body it sends.
"""

from __future__ import annotations

from scripts.devserver import Traffic

from .browser import Browser, wait_mark
from .figures import Summary, kb
from .site import GUIDE, OURS

KEY = "bytes"


def bytes_by(entries, predicate=lambda url, mime: True) -> int:
    """Total transferred bytes of the (url, mime, bytes) entries the predicate accepts."""
    return sum(size for url, mime, size in entries if predicate(url, mime))


def is_wasm(url: str, mime: str) -> bool:
    return url.split("?")[0].endswith(".wasm") or mime == "application/wasm"


def is_pyodide(url: str, mime: str) -> bool:
    return "/assets/pyodide/" in url or is_wasm(url, mime)


def _page_bytes(browser_context, url: str, traffic: Traffic, wait_tool: str | None) -> dict:
    """Bytes of one navigation: from the page's CDP Network events and from the server's own count."""
    page = browser_context.new_page()
    cdp = browser_context.new_cdp_session(page)
    responses, finished = {}, {}
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], (e["response"]["url"], e["response"].get("mimeType", ""))))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.send("Network.enable")
    start = traffic.mark()
    page.goto(url, wait_until="load")
    if wait_tool:
        wait_mark(page, f"state:{wait_tool}:ready")
    try:
        page.wait_for_load_state("networkidle", timeout=30_000)
    except Exception:
        pass
    traffic.wait_quiet()
    entries = [(*responses.get(rid, ("?", "")), size) for rid, size in finished.items()]
    served = traffic.since(start)
    page.close()
    return {
        "cdp_bytes": bytes_by(entries),
        "cdp_wasm_bytes": bytes_by(entries, is_wasm),
        "cdp_pyodide_bytes": bytes_by(entries, is_pyodide),
        "cdp_requests": len(entries),
        "server_bytes": sum(size for _, _, size in served),
        "server_requests": len(served),
        "server_wasm_bytes": sum(size for path, _, size in served if path.split("?")[0].endswith(".wasm")),
        "server_pyodide_bytes": sum(size for path, _, size in served if "/assets/pyodide/" in path),
        "server_304": sum(1 for _, status, _ in served if status == 304),
        "biggest": sorted(((size, path) for path, _, size in served), reverse=True)[:5],
    }


def measure_bytes(browser: Browser, base: str, traffic: Traffic) -> dict:
    """Cold then warm (a second tab in the same profile) for a guide page and a calculator page."""
    figures = {}
    for name, path, tool in (("guide", GUIDE, None), ("calculator", OURS, "budget")):
        context = browser.context()
        try:
            figures[name] = {
                "path": path,
                "cold": _page_bytes(context, base + path, traffic, tool),
                "warm": _page_bytes(context, base + path, traffic, tool),
            }
        finally:
            context.close()
    return figures


def measure(run, results: dict) -> dict | None:
    if run.args.limits_only:
        return None
    print("==> 4. Bytes transferred", flush=True)
    return measure_bytes(run.browser, run.base, run.after.traffic)


def summary(results: dict, table: Summary) -> None:
    for name, figures in results.get(KEY, {}).items():
        for phase in ("cold", "warm"):
            data = figures[phase]
            table.add(f"Bytes {figures['path']} {phase} (all requests)", None, None, kb(data["server_bytes"]))
            table.add(f"Bytes {figures['path']} {phase} (page CDP only)", None, None, kb(data["cdp_bytes"]))
        if name == "guide":
            wasm = max(figures["cold"]["cdp_wasm_bytes"], figures["cold"]["server_wasm_bytes"])
            table.add(f"Wasm bytes on {figures['path']} (cold)", "guide_wasm", wasm, kb(wasm))
            pyodide = figures["cold"]["server_pyodide_bytes"]
            table.add(f"Any Pyodide file on {figures['path']} (cold)", "guide_wasm", pyodide, kb(pyodide))


def details(results: dict) -> list:
    out = []
    for figures in results.get(KEY, {}).values():
        for phase in ("cold", "warm"):
            data = figures[phase]
            out.append(
                f"Bytes {figures['path']} {phase}: CDP {data['cdp_bytes']} B in {data['cdp_requests']} responses "
                f"(wasm {data['cdp_wasm_bytes']}, pyodide {data['cdp_pyodide_bytes']}); server {data['server_bytes']} B in "
                f"{data['server_requests']} requests ({data['server_304']} x 304; wasm {data['server_wasm_bytes']}, pyodide {data['server_pyodide_bytes']})"
            )
            if data["biggest"]:
                out.append("    biggest served: " + ", ".join(f"{path} {kb(size)}" for size, path in data["biggest"]))
    return out
