"""The site archive for legal-aid groups: one folder with the site, how to serve it, and the
tested nginx settings; the same bytes from the same site; nothing that breaks under a sub-path."""

import zipfile

import pytest

from scripts import package_site


def test_the_archive_holds_the_site_the_readme_and_the_nginx_settings(built_site, tmp_path):
    out = package_site.package(built_site, tmp_path / "xieshang-site-v1.zip")
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        assert archive.read("xieshang-site-v1/nginx-site.conf") == package_site.NGINX_CONF.read_bytes()
        assert "application/wasm" in archive.read("xieshang-site-v1/README.txt").decode("utf-8")
        assert archive.read("xieshang-site-v1/site/sw.js") == (built_site / "sw.js").read_bytes()
    served = sorted(n.removeprefix("xieshang-site-v1/site/") for n in names if n.startswith("xieshang-site-v1/site/"))
    assert served == sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file())
    assert len(names) == len(served) + 2


def test_the_archive_holds_the_print_edition_and_the_flyers(built_site, tmp_path):
    out = package_site.package(built_site, tmp_path / "xieshang-site.zip")
    with zipfile.ZipFile(out) as archive:
        readme = archive.read("xieshang-site/README.txt").decode("utf-8")
        for page, words in (("print", "打印版：整本指南"), ("print-a5", "打印版：A5 小册子"), ("flyer", "记住这四件事"), ("cards", "outreach-card")):
            name = f"site/outreach/{page}/index.html"
            assert words in archive.read(f"xieshang-site/{name}").decode("utf-8")
            assert name in readme


def test_the_same_site_gives_the_same_bytes(built_site, tmp_path):
    first = package_site.package(built_site, tmp_path / "a" / "xieshang-site.zip").read_bytes()
    second = package_site.package(built_site, tmp_path / "b" / "xieshang-site.zip").read_bytes()
    assert first == second


def test_a_link_from_the_server_root_stops_the_packing(built_site, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("index.html", "sw.js", "404.html"):
        (site / name).write_text('<a href="guide/">ok</a>')
    package_site.package(site, tmp_path / "ok.zip")
    (site / "404.html").write_text('<a href="/xieshang/">home</a>')  # not_found.py writes it relative too
    with pytest.raises(SystemExit, match=r"404.html: \['href=\"/xieshang/'"):
        package_site.package(site, tmp_path / "broken-404.zip")
    (site / "404.html").write_text('<a href="guide/">ok</a>')
    (site / "guide").mkdir()
    (site / "guide" / "index.html").write_text('<link href="/assets/site.css"><a href="//example.org/x">x</a>')
    with pytest.raises(SystemExit, match=r"guide/index.html: \['href=\"/assets/site.css'"):
        package_site.package(site, tmp_path / "broken.zip")


def test_packing_something_that_is_not_a_built_site_says_so(tmp_path):
    with pytest.raises(SystemExit, match="mkdocs build"):
        package_site.package(tmp_path, tmp_path / "x.zip")
