"""MkDocs hook: a strict Content Security Policy and a versioned service worker.

- Every page gets a CSP meta tag (GitHub Pages sends no headers). It allows only this site.
  Inline scripts are ours to avoid; Material's few inline scripts are allowed by their hash.
- After the build, sw.js is written at the site root with the build id and the list of
  files to keep for offline use (see docs/assets/js/sw-template.js).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
DATA_BLOCK = re.compile(r"""type=["']application/(?:ld\+)?json["']""")
POLICY = (
    "default-src 'self'; "
    "script-src 'self' {hashes}; "
    "style-src 'self'; "
    "img-src 'self' data: blob:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "worker-src 'self'; "
    "manifest-src 'self'; "
    "media-src 'none'; "
    "object-src 'none'; "
    "frame-src 'none'; "
    "base-uri 'none'; "
    "form-action 'none'"
)
# Files kept out of the precache: the Python runtime and the calculators wheel are copied into
# Cache Storage by the calculators' worker as it first loads them, so guide pages never download them.
NOT_PRECACHED = ("assets/pyodide/", "assets/calculators/", "sitemap.xml", ".map", "sw.js", "sw-template.js")
# Search for Chinese needs only these of lunr's language files.
LUNR_KEPT = ("lunr.stemmer.support.", "lunr.multi.", "lunr.zh.")


def precached(name: str) -> bool:
    """Whether a site file is kept for offline use as soon as the service worker installs."""
    if any(part in name for part in NOT_PRECACHED):
        return False
    if name.startswith("assets/javascripts/lunr/"):
        return any(kept in name for kept in LUNR_KEPT)
    return True


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(html: str) -> str:
    """The policy for one page: self only, plus the hash of each inline script it has."""
    hashes = sorted({_hash(body) for attrs, body in INLINE_SCRIPT.findall(html) if not DATA_BLOCK.search(attrs)})
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def on_post_page(output: str, page, config) -> str:
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(output)}">'
        '<meta name="referrer" content="no-referrer">'
    )
    head = output.find("<head>")
    if head < 0:
        raise PluginError(f"{page.file.src_path}: no <head> to put the Content Security Policy in")
    charset = output.find(">", output.find("<meta charset", head)) + 1
    return output[:charset] + meta + output[charset:]


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    build = config.get("calculators_build")
    if not build:
        raise PluginError("security hook must run after calculators_build (check the order of hooks in mkdocs.yml)")
    files = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and precached(path.relative_to(site).as_posix())
    )
    runtime = [f"assets/{path}" for path in build["runtime"]]
    folder = f"assets/pyodide/{build['pyodideVersion']}/"
    optional = [folder + build["fullStdlib"], folder + build["compiledStdlib"]]
    template = Path(config["docs_dir"], "assets", "js", "sw-template.js").read_text(encoding="utf-8")
    digest = hashlib.sha256("\n".join(files).encode())
    for name in files:
        digest.update((site / name).read_bytes())
    version = digest.hexdigest()[:12]
    settings = {"version": version, "precache": files, "runtime": runtime, "optional": optional}
    (site / "sw.js").write_text(
        f"// Written by scripts/hooks/security.py from docs/assets/js/sw-template.js\n"
        f"const SETTINGS = {json.dumps(settings, ensure_ascii=False)};\n{template}",
        encoding="utf-8",
    )
    (site / "assets" / "js" / "sw-template.js").unlink(missing_ok=True)
