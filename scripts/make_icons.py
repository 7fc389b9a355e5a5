"""Draws the app icons (PNG) from one SVG, with Debian's Chromium. Run it after changing the drawing:

    .venv/bin/python scripts/make_icons.py

The PNGs are committed (docs/assets/icons/), so building the site needs neither this script nor
a browser. The icon is a speech bubble with a tick: talking it through, settled in writing.
"""

import os
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "icons"
TEAL = "#00695c"  # the site's primary colour (docs/assets/css/site.css)

# The drawing on a 512 x 512 canvas. Scaled by 0.86 for the full-bleed icons, it stays inside the
# maskable safe zone (a centred circle of radius 204.8), so no launcher crops it.
DRAWING = f"""
  <path fill="#fff" d="M136 132h240a48 48 0 0 1 48 48v136a48 48 0 0 1-48 48H236l-72 56v-56h-28a48 48 0 0 1-48-48V180a48 48 0 0 1 48-48z"/>
  <path fill="none" stroke="{TEAL}" stroke-width="36" stroke-linecap="round" stroke-linejoin="round" d="M186 250l50 50 92-100"/>
"""

SHAPES = {
    # name: (background, scale of the drawing)
    "any": (f'<rect width="512" height="512" rx="112" fill="{TEAL}"/>', 1.0),
    "full": (f'<rect width="512" height="512" fill="{TEAL}"/>', 0.86),  # maskable and Apple: the system rounds it
}

OUTPUTS = {
    # file: (shape, size in px)
    "icon-192.png": ("any", 192),
    "icon-512.png": ("any", 512),
    "icon-maskable-512.png": ("full", 512),
    "apple-touch-icon.png": ("full", 180),
    "favicon-48.png": ("any", 48),
}


def svg(shape: str) -> str:
    background, scale = SHAPES[shape]
    shift = 256 * (1 - scale)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'{background}<g transform="translate({shift} {shift}) scale({scale})">{DRAWING}</g></svg>'
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    ICONS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=["--no-sandbox"])
        for name, (shape, size) in OUTPUTS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                f'<style>html,body{{margin:0;background:transparent}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg(shape)}'
            )
            page.screenshot(path=str(ICONS / name), omit_background=True)
            page.close()
            print(ICONS / name)
        browser.close()


if __name__ == "__main__":
    main()
