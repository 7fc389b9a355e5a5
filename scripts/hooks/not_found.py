"""MkDocs hook: a 404 page that works under any sub-path, at any depth.

A server shows 404.html for a missing address at any depth (/xieshang/guide/typo/x/), so links
relative to the file would break, and MkDocs therefore writes it with links from the server root
of site_url (/xieshang/...), which break on a mirror at another address. Here it is written with
links relative to the site root instead ("assets/...", "guide/plan/"), and a small inline script,
first in <head>, finds the site root from the address shown and sets <base href> to it before any
stylesheet or link is read:

1. the address the site was built for (site_url's path), when the page is under it (not "/");
2. else the folder just before the rightmost part of the address that is one of the site's own
   top-level names (guide, tools, assets, ...): /mirror/legal-aid/guide/typo → /mirror/legal-aid/;
3. else the folder of the address itself (a mistyped page at the top level).

Without scripts the relative links still work for a missing page at the top level. The page
gets its own Content Security Policy (scripts/hooks/security.py's, with `base-uri 'self'` so the
<base> is allowed), and Material's settings are pointed at the same root, so search works too.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.utils import normalize_url

TEMPLATE = "404.html"

_spec = importlib.util.spec_from_file_location("xsh_security_policy", pathlib.Path(__file__).with_name("security.py"))
security = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(security)

FIND_ROOT = """(function () {
  var built = %(built)s, names = %(names)s, path = location.pathname, parts = path.split("/"), root = null;
  if (built !== "/" && path.indexOf(built) === 0) root = built;
  for (var i = parts.length - 1; root === null && i > 0; i--) {
    if (names.indexOf(parts[i]) >= 0) root = parts.slice(0, i).join("/") + "/";
  }
  var base = document.createElement("base");
  base.href = root === null ? path.replace(/[^\\/]*$/, "") : root;
  document.head.appendChild(base);
})();"""
# Material reads its settings (search, instant navigation) from #__config; point it at the same root.
FIX_CONFIG = """(function () {
  var element = document.getElementById("__config"), config = JSON.parse(element.textContent);
  config.base = document.baseURI;
  element.textContent = JSON.stringify(config);
})();"""


def top_level_names(files) -> list[str]:
    """The first part of every file's address in the site (guide, tools, assets, index.html, ...)."""
    names = {file.url.split("/", 1)[0] for file in files if file.url}
    return sorted(name for name in names if name and name not in (".", ".."))


def on_files(files, config):
    config["not_found_names"] = top_level_names(files) + ["404.html", "sitemap.xml", "sw.js", "changes.xml", "search"]
    return files


def on_template_context(context, template_name, config):
    if template_name != TEMPLATE:
        return context
    base = "."  # relative to the site root; the <base> set by FIND_ROOT makes it so
    context["base_url"] = base
    context["extra_css"] = [normalize_url(str(path), None, base) for path in config.extra_css]
    context["extra_javascript"] = [normalize_url(str(script), None, base) for script in config.extra_javascript]
    return context


def on_post_template(output, template_name, config):
    if template_name != TEMPLATE:
        return output
    built = urlsplit(config["site_url"] or "/").path or "/"
    names = sorted(set(config["not_found_names"]))
    find_root = FIND_ROOT % {"built": json.dumps(built), "names": json.dumps(names)}
    charset = output.find("<meta charset")
    config_end = output.find("</script>", output.find('id="__config"'))
    if charset < 0 or config_end < 0:
        raise PluginError(f"{TEMPLATE}: no <meta charset> or Material #__config to place the site-root scripts by")
    config_end += len("</script>")
    output = output[:config_end] + f"<script>{FIX_CONFIG}</script>" + output[config_end:]
    head_start = output.find(">", charset) + 1
    output = output[:head_start] + f"<script>{find_root}</script>" + output[head_start:]
    policy = security.content_security_policy(output).replace("base-uri 'none'", "base-uri 'self'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}"><meta name="referrer" content="no-referrer">'
    return output[:head_start] + meta + output[head_start:]
