"""我的情况 in WebKit (every iPhone browser) and Firefox: the case tests of test_case_browser.py
(which runs them in Chromium with Playwright) through engines.py. A case is exported, plain and
with a passphrase, then imported into a new document with nothing kept on the device (a wrong
passphrase changes nothing); every hostile file of test_case_browser.HOSTILE is refused with
nothing changed; 清除本机数据 removes the case and 撤销 brings it back.

One window per engine for the whole module: Python starts in it twice (the export's document and
the import's), and each test moves on from the state the previous one left, setting up only what
is missing (so each also runs alone). Files go in and out through the engines' own automation:
WebDriver's send_keys of a path (WebKit), BiDi's input.setFiles (Firefox), and the download
folder each browser saves into.
"""

from __future__ import annotations

import json

import pytest
from engines import EngineError, wait_ready, wait_until
from test_case_browser import HOSTILE, seed_case
from test_engines import opened_engine, xvfb  # noqa: F401  (xvfb: the fixture of the private display WebKit draws on)

from calculators.core import case as model

pytestmark = pytest.mark.browser

PAGE = "case/"
SUMMARY = 'form[data-calculator="case"] [data-calc-result]'
PASSPHRASE = "月亮 street 42"

HELD = "() => document.querySelector('input[data-case-text]').value"
STORED = "() => Object.keys(localStorage).filter((k) => k.startsWith('xsh:')).sort()"
# Everything a refused file must leave as it was: the case held, its summary, the site's storage.
STATE = """() => JSON.stringify([document.querySelector('input[data-case-text]').value,
  document.querySelector('form[data-calculator="case"] [data-calc-result]').innerHTML,
  Object.entries(localStorage).sort()])"""
UNHARMED = "() => ({}).polluted === undefined && ({}).x === undefined && document.querySelectorAll('img[src=x]').length === 0"
SHOWS = """(selector, text) => { const node = document.querySelector(selector);
  return Boolean(node && !node.hidden && node.textContent.replace(/\\s+/g, " ").includes(text)); }"""


@pytest.fixture(scope="module", params=["webkit", "firefox"])
def engine(request, site):
    """One window of one engine for the whole module."""
    yield from opened_engine(request)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A folder for the files the tests choose, and the exported ones by kind."""
    folder = tmp_path_factory.mktemp("case-files")
    return {"folder": folder}


def write(files, name: str, content) -> str:
    path = files["folder"] / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def shows(engine, selector: str, text: str, timeout: float = 60) -> None:
    wait_until(engine, SHOWS, selector, text, timeout=timeout, what=f"{selector} to show {text!r}")


def open_case_page(engine, site, new_document: bool = False) -> None:
    """The case page, ready; a new document (nothing held in memory) when asked or not open yet."""
    url = site.page_url(PAGE)
    if new_document or engine.call("() => location.href") != url:
        engine.goto(url)
    wait_ready(engine)


def choose(engine, files, name: str, content) -> None:
    """Chooses a file with `content` in the import control, after emptying its last message."""
    engine.call("() => { const node = document.querySelector('[data-case-import-status]'); node.textContent = ''; node.hidden = true; }")
    engine.choose_file("[data-case-file]", write(files, name, content))


def clear_everything(engine) -> None:
    """清除本机数据, then 确定清除: the case and the site's storage are gone."""
    engine.click("[data-clear-local]")
    try:
        shows(engine, "[data-clear-panel]", "确定要清除吗", timeout=20)
    except EngineError:  # on a busy machine WebKit once lost this tap: a reader taps again
        if engine.call("() => Boolean(document.querySelector('[data-clear-confirm]'))"):
            raise
        engine.click("[data-clear-local]")
        shows(engine, "[data-clear-panel]", "确定要清除吗", timeout=20)
    engine.click("[data-clear-confirm]")
    shows(engine, SUMMARY, "还没有“我的情况”")


def with_seed(engine, site, files) -> None:
    """The case page holding the seed's case (imported from a file unless it is held already)."""
    open_case_page(engine, site)
    if engine.call(HELD) and model.from_json(engine.call(HELD)) == seed_case():
        return
    if engine.call(HELD):
        clear_everything(engine)
    choose(engine, files, "seed.json", model.to_json(seed_case()))
    shows(engine, "[data-case-import-status]", "已导入")
    shows(engine, SUMMARY, "某某消费金融")


def test_export_then_import_with_nothing_on_the_device(engine, site, files):
    open_case_page(engine, site, new_document=True)
    if engine.call(STORED):
        clear_everything(engine)
    choose(engine, files, "seed.json", json.dumps(model.to_data(seed_case())))  # one line, ASCII: written afresh
    shows(engine, SUMMARY, "3,500.00 元")
    name, plain = engine.download("[data-case-export]")
    assert name.startswith("我的情况-") and name.endswith(".json"), name
    shows(engine, "[data-case-export-status]", "没有加密")
    assert model.from_json(plain.decode("utf-8")) == seed_case()
    engine.type_into("[data-case-passphrase]", PASSPHRASE)
    engine.type_into("[data-case-passphrase-again]", PASSPHRASE)
    name, locked = engine.download("[data-case-export]", timeout=60)
    shows(engine, "[data-case-export-status]", "加了密码")
    data = json.loads(locked)
    assert data["format"] == "xieshang-case-locked" and data["iterations"] == 600_000 and "借呗".encode() not in locked

    # A new document with nothing kept on the device: what another phone's browser would have.
    open_case_page(engine, site, new_document=True)
    shows(engine, SUMMARY, "还没有“我的情况”")
    assert engine.call(HELD) == "" and engine.call(STORED) == []
    choose(engine, files, "carried-locked.json", locked)
    shows(engine, "[data-case-import-status]", "加了密码")
    engine.type_into("[data-case-unlock-passphrase]", "wrong one")
    engine.click("[data-case-unlock]")
    shows(engine, "[data-case-unlock-status]", "密码不对")
    assert engine.call(HELD) == "" and engine.call(STORED) == []
    shows(engine, SUMMARY, "还没有“我的情况”")
    engine.type_into("[data-case-unlock-passphrase]", PASSPHRASE)
    engine.click("[data-case-unlock]")
    shows(engine, "[data-case-import-status]", "已导入")
    shows(engine, SUMMARY, "某某消费金融")
    assert model.from_json(engine.call(HELD)) == seed_case()
    assert engine.call(STORED) == []  # not kept on this device without 在本机保存

    clear_everything(engine)  # and the plain file, into an empty case
    choose(engine, files, "carried-plain.json", plain)
    shows(engine, "[data-case-import-status]", "已导入")
    shows(engine, SUMMARY, "某某消费金融")
    assert model.from_json(engine.call(HELD)) == seed_case()
    assert engine.call(STORED) == []


def test_every_hostile_file_is_refused_with_nothing_changed(engine, site, files):
    with_seed(engine, site, files)
    if not engine.call("() => document.querySelector('[data-save-toggle]').checked"):
        engine.click("[data-save-toggle]")  # kept on the device too: that must not change either
    wait_until(engine, "() => localStorage.getItem('xsh:case') !== null", timeout=10, what="the case kept on the device")
    before = engine.call(STATE)
    refused = []
    for name, content in HOSTILE.items():
        choose(engine, files, name, content)
        shows(engine, "[data-case-import-status]", "没有导入")
        level = engine.call("() => document.querySelector('[data-case-import-status]').dataset.level")
        assert level == "error", f"{engine.name}: {name}"
        assert engine.call(STATE) == before, f"{engine.name}: {name} changed the case"
        assert engine.call(UNHARMED), f"{engine.name}: {name}"
        refused.append(name)
    assert refused == list(HOSTILE)


def test_clear_then_undo_brings_the_case_back(engine, site, files):
    with_seed(engine, site, files)
    if not engine.call("() => document.querySelector('[data-save-toggle]').checked"):
        engine.click("[data-save-toggle]")
    seed = engine.call(HELD)
    wait_until(engine, "(seed) => JSON.parse(localStorage.getItem('xsh:case')) === seed", seed, timeout=10, what="the case kept on the device")
    clear_everything(engine)
    assert engine.call(HELD) == "" and engine.call(STORED) == []
    assert engine.call("() => document.querySelector('[data-save-toggle]').checked") is False
    engine.click("[data-clear-undo]")
    shows(engine, SUMMARY, "某某消费金融")
    assert engine.call(HELD) == seed and "xsh:case" in engine.call(STORED)
    assert engine.call("() => document.querySelector('[data-save-toggle]').checked") is True
