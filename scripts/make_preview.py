"""Draws the link-preview image (Open Graph, 1200 x 630 PNG) with Debian's Chromium and the system
font WenQuanYi Micro Hei (fonts-wqy-microhei). Run it after changing the drawing:

    .venv/bin/python scripts/make_preview.py

The PNG is committed (docs/assets/images/preview.png), so building the site needs neither this
script nor a browser. Chat apps show it beside a pasted link (overrides/main.html names it in
every page's og:image, on the site's own address). It is reduced to a small palette with Pillow,
so the file stays small for the readers whose devices keep a copy of the site.
"""

import os
from pathlib import Path

from make_icons import DRAWING, TEAL

OUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "images" / "preview.png"
WIDTH, HEIGHT = 1200, 630

PAGE = f"""<!doctype html><meta charset="utf-8">
<style>
  html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; background: {TEAL}; color: #fff;
               font-family: "WenQuanYi Micro Hei", sans-serif; }}
  body {{ display: flex; align-items: center; gap: 56px; padding: 0 84px; box-sizing: border-box; }}
  svg {{ flex: none; width: 260px; height: 260px; }}
  h1 {{ font-size: 72px; line-height: 1.2; margin: 0 0 28px; font-weight: normal; }}
  p {{ font-size: 38px; line-height: 1.45; margin: 0; }}
  .small {{ margin-top: 28px; font-size: 30px; opacity: .9; }}
</style>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="88 100 336 336">{DRAWING}</svg>
<div>
  <h1>网贷逾期<br>协商还款指南</h1>
  <p>一步一步自己和放贷机构谈，<br>算清楚每个月还得起多少。</p>
  <p class="small">免费公益 · 不代理 · 填写的内容只留在你的设备上</p>
</div>
"""


def main() -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(PAGE)
        page.screenshot(path=str(OUT))
        browser.close()
    Image.open(OUT).convert("RGB").quantize(colors=32).save(OUT, optimize=True)
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
