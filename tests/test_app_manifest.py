"""The site is an installable app: a valid manifest, linked from every page, with self-hosted icons
that the service worker keeps, so that 添加到主屏幕 opens offline under any sub-path."""

import json
import re
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from html_parts import Parsed

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def manifest(site: Path) -> dict:
    return json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith("assets/"))


def is_relative(url: str) -> bool:
    return not urlsplit(url).scheme and not url.startswith("/")


def link_href(html: str, rel: str) -> list[str]:
    return re.findall(rf'<link rel="{rel}" href="([^"]+)"', html)


def test_every_page_links_the_manifest_and_the_apple_icon_relatively(built_site):
    found = pages(built_site)
    assert len(found) > 20
    for page in found:
        html = page.read_text(encoding="utf-8")
        base = "https://example.org/any/sub/path/" + page.parent.relative_to(built_site).as_posix() + "/"
        (manifest_href,) = link_href(html, "manifest")
        (apple_href,) = link_href(html, "apple-touch-icon")
        assert is_relative(manifest_href) and is_relative(apple_href), page
        assert urljoin(base, manifest_href) == "https://example.org/any/sub/path/manifest.webmanifest", page
        assert f'<meta name="theme-color" content="{manifest(built_site)["theme_color"]}">' in html, page


def test_the_manifest_has_what_an_installable_app_needs(built_site):
    app = manifest(built_site)
    for member in ("id", "name", "short_name", "start_url", "scope", "display", "icons", "lang", "theme_color", "background_color"):
        assert app.get(member), member
    assert app["display"] in ("standalone", "fullscreen", "minimal-ui")
    assert app["lang"].startswith("zh")
    assert len(app["short_name"]) <= 6  # fits under a home-screen icon
    # Relative to the manifest, which sits at the site root: any sub-path works.
    for member in ("id", "start_url", "scope"):
        assert app[member] == "./", member
    assert (built_site / "index.html").is_file()


def test_the_icons_are_pngs_of_the_sizes_the_manifest_says(built_site):
    icons = manifest(built_site)["icons"]
    by_purpose = {}
    for icon in icons:
        assert is_relative(icon["src"]), icon
        assert icon["type"] == "image/png", icon
        width, height = png_size(built_site / icon["src"])
        assert f"{width}x{height}" == icon["sizes"], icon
        by_purpose.setdefault(icon.get("purpose", "any"), set()).add(icon["sizes"])
    assert {"192x192", "512x512"} <= by_purpose["any"]
    assert "512x512" in by_purpose["maskable"]
    assert png_size(built_site / "assets/icons/apple-touch-icon.png") == (180, 180)


@pytest.mark.parametrize("page", ["index.html", "guide/talk/index.html", "tools/budget/index.html"])
def test_the_apple_icon_link_points_at_the_icon(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    (href,) = link_href(html, "apple-touch-icon")
    target = urljoin("https://example.org/s/" + page, href).removeprefix("https://example.org/s/")
    assert target == "assets/icons/apple-touch-icon.png"


def test_the_service_worker_keeps_the_manifest_the_icons_and_the_start_page(built_site):
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    precache = set(json.loads(re.search(r"^const SETTINGS = (.*);$", text, re.M).group(1))["precache"])
    app = manifest(built_site)
    wanted = {"manifest.webmanifest", "index.html", "assets/icons/apple-touch-icon.png"} | {icon["src"] for icon in app["icons"]}
    assert wanted <= precache, wanted - precache


def test_no_page_points_at_an_icon_that_is_not_there(built_site):
    for page in pages(built_site):
        parsed = Parsed(page.read_text(encoding="utf-8"))
        for name, value in parsed.attrs:
            if name == "href" and "assets/icons/" in value:
                assert (page.parent / value).resolve().is_file(), (page, value)
