"""Packs the built site into one zip that a legal-aid group can serve from any static host, at any path.

    .venv/bin/python scripts/package_site.py --site site --out dist/xieshang-site.zip

The zip holds one folder, named like the zip:
- site/             the files to serve (the output of `mkdocs build`);
- README.txt        how to serve them, in Chinese and English;
- nginx-site.conf   the tested nginx settings (deploy/nginx-site.conf).

The print edition and the flyers (site/outreach/) are pages of the site, so they are in it; the
README says where they are.

Entries are sorted and dated SOURCE_DATE_EPOCH (or 1980-01-01), so the same site always gives the
same bytes. Packing fails if a file would break under another address: a page that links to a
path from the server root (404.html included: scripts/hooks/not_found.py writes it with links
from the site's root, see DEPLOYING.md).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx-site.conf"
# href="/x", src="/x", url(/x): paths from the server root, which break under a sub-path.
ROOT_ABSOLUTE = re.compile(r"""(?:\b(?:href|src|action)=["']|url\(["']?)/(?!/)[^"')\s]*""")
CHECKED = (".html", ".css", ".webmanifest")
STORED = (".zip", ".whl", ".gz", ".png")  # compressed already

README = """\
网贷逾期协商还款指南：网站离线副本
====================================

这个压缩包是整个网站，可以放在任何静态网站服务器上，放在域名根目录或任意子路径下都能用。
计算器在读者的浏览器里运行，服务器只需要发送文件，不需要数据库，也不运行任何程序。

1. 解压，把 site/ 文件夹里的全部文件上传到服务器。
2. 让服务器用正确的类型发送这两种文件，否则计算器不能启动（网页文字仍可阅读）：
   .wasm -> application/wasm
   .mjs  -> text/javascript
3. 建议打开 gzip 压缩：Python 运行环境从 9.6 MB 降到约 3.5 MB。
   nginx 可以直接使用本包里的 nginx-site.conf（已经过测试）。

详细说明（nginx、Caddy、对象存储）见项目的 DEPLOYING.md。

打印材料也在里面，用浏览器打开后选“打印”：
   site/outreach/print/index.html   整本指南的打印版（A4）
   site/outreach/print-a5/index.html   整本指南的 A5 小册子
   site/outreach/flyer/index.html   一页 A4 宣传单
   site/outreach/cards/index.html   名片大小的小卡片，一张 A4 纸 8 张
它们的二维码和网址是构建时的网站地址（SITE_URL），放到别的地址上请用自己的地址重新构建。

An offline copy of the whole site. Serve the files in site/ from any static host, at a domain
root or under any sub-path. Send .wasm as application/wasm and .mjs as text/javascript, and turn
on gzip. nginx-site.conf holds tested nginx settings. See DEPLOYING.md in the project.
To print: site/outreach/print/ (the whole guide, A4), print-a5/ (the same on A5), flyer/ (one A4
sheet), cards/ (8 to a sheet);
their QR codes carry the address the site was built for (SITE_URL).
"""


def root_absolute_links(site: Path) -> list[str]:
    """Files (with the offending text) that point at paths from the server root."""
    found = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix not in CHECKED or not path.is_file():
            continue
        hits = ROOT_ABSOLUTE.findall(path.read_text(encoding="utf-8", errors="replace"))
        if hits:
            found.append(f"{name}: {hits[:3]}")
    return found


def package(site: Path, out: Path) -> Path:
    """Writes the zip `out` from the built `site` folder and returns its path."""
    if not (site / "index.html").is_file() or not (site / "sw.js").is_file():
        raise SystemExit(f"{site} is not a built site: run `mkdocs build` first")
    broken = root_absolute_links(site)
    if broken:
        raise SystemExit("these files would break under another address:\n" + "\n".join(broken))
    top = out.name.removesuffix(".zip")
    stamp = time.gmtime(max(int(os.environ.get("SOURCE_DATE_EPOCH", 315532800)), 315532800))[:6]
    entries = [(f"{top}/README.txt", README.encode("utf-8")), (f"{top}/nginx-site.conf", NGINX_CONF.read_bytes())]
    entries += [
        (f"{top}/site/{path.relative_to(site).as_posix()}", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file()
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "xieshang-site.zip", help="the zip to write")
    args = parser.parse_args(argv)
    out = package(args.site, args.out)
    print(f"{out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    sys.exit(main())
