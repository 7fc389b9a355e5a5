"""Three browser engines behind one small interface, for the tests every engine runs.

- chromium: Playwright with Debian's Chromium (CHROMIUM_PATH).
- webkit: Selenium with Debian's WebKitWebDriver and WebKitGTK's MiniBrowser, on a private Xvfb
  display. Every iPhone browser is WebKit.
- firefox: npm puppeteer-core over WebDriver BiDi with Debian's firefox-esr (FIREFOX_PATH),
  through the small Node driver firefox_driver.mjs (Selenium would need geckodriver, which
  cannot be installed offline).

Nothing is downloaded: Selenium gets the driver's path, so Selenium Manager is never asked (if it
ever were, WebKitEngine makes that an error rather than a download); puppeteer-core has no
install script and no browser download at all.

Under automation all three engines run service workers (the offline copy) and save downloads.

An engine can open a URL, call a JavaScript function in the page, type into and click an element
found by a CSS selector, choose a file in a file input, and catch a download. Everything else (waiting, filling a form, reading
a result) is written once, here, on top of that.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from tool_cases import ROW_KEY

ROOT = Path(__file__).resolve().parents[2]
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER_PATH", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("MINIBROWSER_PATH", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
FIREFOX = os.environ.get("FIREFOX_PATH", "/usr/bin/firefox-esr")
FIREFOX_DRIVER = Path(__file__).with_name("firefox_driver.mjs")
INSTALL_HINT = "run the README's test command (bash scripts/test.sh), which installs it"

# Calls a page function (its source is put in place of FUNCTION: no eval, which the CSP forbids)
# with JSON arguments, and hands back {value} or {error}.
_ASYNC_CALL = """
const done = arguments[arguments.length - 1];
const args = Array.from(arguments).slice(0, -1);
Promise.resolve()
  .then(() => (FUNCTION)(...args))
  .then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String((error && error.stack) || error) }));
"""


class EngineError(AssertionError):
    """The engine could not do what a test asked."""


class Engine:
    """One browser window. Subclasses implement the five primitives."""

    name = "engine"
    poll = 0.25  # seconds between two looks while waiting for a condition (wait_until)

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def call(self, function: str, *args):
        """Runs the JavaScript function source `function` in the page with JSON `args`; returns its (awaited) JSON value."""
        raise NotImplementedError

    def type_into(self, selector: str, text: str) -> None:
        """Replaces the text of the element matching `selector` with `text`, through the browser's
        own input: key by key in WebKit and Firefox, Playwright's fill() in Chromium."""
        raise NotImplementedError

    def click(self, selector: str) -> None:
        raise NotImplementedError

    def download(self, selector: str, timeout: float = 30) -> tuple[str, bytes]:
        """Clicks the element and returns the file name and bytes of the download it starts."""
        raise NotImplementedError

    def choose_file(self, selector: str, path: str) -> None:
        """Chooses the file at `path` in the file input matching `selector`, through the engine's
        own automation (as if picked in the file dialog): the input then fires its change event."""
        raise NotImplementedError

    def foreign_requests(self) -> list[str] | None:
        """Requests the page made to any host but the local server so far (None: the engine cannot tell)."""
        return None

    def close(self) -> None:
        raise NotImplementedError


def _is_foreign(url: str) -> bool:
    return not url.startswith("http://127.0.0.1:") and url.split(":", 1)[0] not in ("data", "blob", "about")


class ChromiumEngine(Engine):
    name = "chromium"
    poll = 0.05  # a look is one cheap round trip to Playwright

    def __init__(self, browser, width: int = 390, height: int = 844, page=None):
        """A new window of `width` × `height`, or, given `page`, that page as it is (a test module's
        window, with Python perhaps warm already): closing the engine then leaves it open."""
        self.foreign: list[str] = []
        self.context = None
        if page is None:
            self.context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", accept_downloads=True)
            self.context.set_default_timeout(30_000)
            page = self.context.new_page()
        self.page = page
        self.page.context.on("request", self._on_request)

    def _on_request(self, request):
        if _is_foreign(request.url):
            self.foreign.append(request.url)

    def foreign_requests(self):
        return self.foreign

    def goto(self, url):
        self.page.goto(url)

    def call(self, function, *args):
        from playwright.sync_api import Error

        try:
            return self.page.evaluate(f"(args) => ({function})(...args)", list(args))
        except Error as error:  # e.g. the page navigated away meanwhile
            raise EngineError(f"chromium: {error}") from None

    def type_into(self, selector, text):
        self.page.locator(selector).first.fill(text)

    def click(self, selector):
        self.page.locator(selector).first.click()

    def choose_file(self, selector, path):
        self.page.locator(selector).first.set_input_files(path)

    def download(self, selector, timeout=30):
        with self.page.expect_download(timeout=timeout * 1000) as info:
            self.click(selector)
        download = info.value
        return download.suggested_filename, Path(download.path()).read_bytes()

    def close(self):
        self.page.context.remove_listener("request", self._on_request)
        if self.context:
            self.context.close()


class _FolderDownloads:
    """Downloads that land as files in a folder (WebKitGTK and Firefox save them straight to disk)."""

    partial_suffixes = (".part", ".download", ".wkdownload")

    def __init__(self, folder: Path):
        self.folder = folder

    def files(self) -> set[Path]:
        return {p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(".")}

    def catch(self, click, timeout: float) -> tuple[str, bytes]:
        for old in self.files():  # two tools may offer files of the same name
            old.unlink()
        click()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            files = self.files()
            new = [p for p in files if not p.name.endswith(self.partial_suffixes)]
            partial = [p for p in files if p.name.endswith(self.partial_suffixes)]
            if new and not partial:
                time.sleep(0.3)  # let the browser finish renaming and closing the file
                return new[0].name, new[0].read_bytes()
            time.sleep(0.2)
        raise EngineError(f"no download arrived in {self.folder} within {timeout} s")


def _refuse_selenium_manager(*args, **kwargs):
    raise EngineError("Selenium Manager was asked for a driver; it would download one. Give the driver's path instead.")


class WebKitEngine(Engine):
    """MiniBrowser driven by WebKitWebDriver. Downloads are saved in the browser's home folder."""

    name = "webkit"

    def __init__(self, display: str):
        from selenium import webdriver
        from selenium.webdriver.common.selenium_manager import SeleniumManager

        SeleniumManager.binary_paths = _refuse_selenium_manager
        for path in (WEBKIT_DRIVER, MINIBROWSER):
            if not Path(path).exists():
                raise EngineError(f"WebKit is missing: {path} not found; {INSTALL_HINT} (webkit2gtk-driver)")
        self.home = Path(tempfile.mkdtemp(prefix="webkit-home-"))
        self.downloads = _FolderDownloads(self.home)  # WebKitGTK saves to XDG's download folder, here $HOME
        options = webdriver.WebKitGTKOptions()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")  # MiniBrowser has no --headless: it draws on the private Xvfb
        env = {**os.environ, "DISPLAY": display, "HOME": str(self.home)}
        env.pop("WAYLAND_DISPLAY", None)
        service = webdriver.WebKitGTKService(executable_path=WEBKIT_DRIVER, env=env)
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(120)
        self.driver.set_window_size(390, 844)

    def goto(self, url):
        self.driver.get(url)

    def call(self, function, *args):
        from selenium.common.exceptions import WebDriverException

        try:
            answer = self.driver.execute_async_script(_ASYNC_CALL.replace("FUNCTION", function), *args)
        except WebDriverException as error:  # e.g. the page navigated away meanwhile
            raise EngineError(f"webkit: {error.msg}") from None
        if "error" in answer:
            raise EngineError(f"webkit: {answer['error']}")
        return answer["value"]

    def _element(self, selector):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def _in_view(self, selector):
        """The element, scrolled to the middle of the window: WebKitWebDriver refuses to clear or
        click an element outside it ("element not interactable")."""
        element = self._element(selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        return element

    def _act(self, selector, action):
        """Does `action` on the element in view; on a busy machine WebKit may still be laying out
        after the scroll ("element not interactable"), so it tries again, up to three times."""
        from selenium.common.exceptions import ElementNotInteractableException

        for attempt in range(3):
            try:
                return action(self._in_view(selector))
            except ElementNotInteractableException:
                if attempt == 2:
                    raise
                time.sleep(0.5)

    def type_into(self, selector, text):
        def type_text(element):
            element.clear()
            if text:  # WebKitWebDriver refuses empty keys ("Missing text parameter")
                element.send_keys(text)

        self._act(selector, type_text)

    def click(self, selector):
        self._act(selector, lambda element: element.click())

    def download(self, selector, timeout=30):
        return self.downloads.catch(lambda: self.click(selector), timeout)

    def choose_file(self, selector, path):
        self._element(selector).send_keys(path)  # WebDriver's way to pick a file: its path as the keys

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


class FirefoxEngine(Engine):
    """firefox-esr driven by puppeteer-core in a Node process that takes one JSON command a line."""

    name = "firefox"

    def __init__(self):
        node = shutil.which("node")
        if not node:
            raise EngineError(f"node is missing; {INSTALL_HINT}")
        if not Path(FIREFOX).exists():
            raise EngineError(f"Firefox is missing: {FIREFOX} not found; {INSTALL_HINT} (firefox-esr)")
        if not (ROOT / "node_modules" / "puppeteer-core").exists():
            raise EngineError(f"npm puppeteer-core is missing; {INSTALL_HINT} (npm ci)")
        self.folder = Path(tempfile.mkdtemp(prefix="firefox-downloads-"))
        self.downloads = _FolderDownloads(self.folder)
        self.process = subprocess.Popen(
            [node, str(FIREFOX_DRIVER), FIREFOX, str(self.folder)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.answers: queue.Queue = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, args=(self.process.stdout, self.answers.put), daemon=True).start()
        threading.Thread(target=self._read, args=(self.process.stderr, self.log.append), daemon=True).start()
        self.next_id = 0
        try:
            self._send("hello", timeout=90)
        except EngineError:
            self.process.kill()
            self.process.wait()
            raise

    @staticmethod
    def _read(stream, sink):
        for line in stream:
            sink(line)
        sink(None)

    def _send(self, command, *args, timeout=150):
        self.next_id += 1
        try:
            self.process.stdin.write(json.dumps({"id": self.next_id, "command": command, "args": args}) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise EngineError(f"the Firefox driver has stopped: {''.join(filter(None, self.log))[-2000:]}") from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.answers.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise EngineError(f"firefox: no answer to {command} within {timeout} s") from None
            if line is None:
                raise EngineError(f"the Firefox driver has stopped: {''.join(filter(None, self.log))[-2000:]}")
            answer = json.loads(line)
            if answer.get("id") != self.next_id:
                continue  # a late answer to a command that timed out
            if "error" in answer:
                raise EngineError(f"firefox: {command}: {answer['error']}")
            return answer.get("value")

    def goto(self, url):
        self._send("goto", url)

    def call(self, function, *args):
        return self._send("call", function, list(args))

    def type_into(self, selector, text):
        self._send("type", selector, text)

    def click(self, selector):
        self._send("click", selector)

    def download(self, selector, timeout=30):
        return self.downloads.catch(lambda: self.click(selector), timeout)

    def choose_file(self, selector, path):
        self._send("upload", selector, path)

    def foreign_requests(self):
        return self._send("foreign")

    def close(self):
        try:
            self._send("close", timeout=30)
        except EngineError:
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class Xvfb:
    """A private X display for MiniBrowser, on the first free display number."""

    def __init__(self):
        if not shutil.which("Xvfb"):
            raise EngineError(f"Xvfb is missing; {INSTALL_HINT} (xvfb)")
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=[write],
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            self.process.kill()
            raise EngineError("Xvfb did not start")
        self.display = f":{number}"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


# ---- what every engine does the same way ----

def wait_until(engine: Engine, function: str, *args, timeout: float = 30, what: str = "", pause: float | None = None):
    """Calls `function` in the page until it returns something truthy, every `pause` seconds
    (the engine's `poll` unless given); returns that."""
    deadline = time.monotonic() + timeout
    value = None
    while True:
        try:
            value = engine.call(function, *args)
        except EngineError as error:  # the page may be between two documents
            value = f"({error})"
        else:
            if value:
                return value
        if time.monotonic() > deadline:
            break
        time.sleep(engine.poll if pause is None else pause)
    status = ""
    try:
        status = engine.call("() => [...document.querySelectorAll('[data-calc-status]')].map((n) => n.textContent).join(' / ')")
    except EngineError:
        pass
    raise EngineError(f"{engine.name}: waited {timeout} s for {what or function}; last answer {value!r}; status: {status!r}")


def wait_ready(engine: Engine, timeout: float = 150) -> None:
    """Waits until Python is ready on every calculator form of the page."""
    wait_until(
        engine,
        """() => { const forms = [...document.querySelectorAll("form[data-calculator]")];
                   return forms.length > 0 && forms.every((f) => f.dataset.calcState === "ready"); }""",
        timeout=timeout,
        what="the calculators to be ready (data-calc-state=ready)",
    )


# Marks the form field a test means (by name, name=value for a checkbox or radio, or
# group.index.name for a field in a repeated row) and says what kind of field it is.
_MARK_FIELD = """(key) => {
  for (const old of document.querySelectorAll("[data-test-target]")) old.removeAttribute("data-test-target");
  const form = document.querySelector("form[data-calculator]");
  let field = null;
  const row = key.match(/^([\\w-]+)\\.(\\d+)\\.([\\w-]+)$/);
  const choice = key.match(/^([\\w-]+)=(.*)$/);
  if (row) {
    const rows = form.querySelectorAll(`[data-repeat="${row[1]}"] [data-row]`);
    field = rows[Number(row[2])] && rows[Number(row[2])].querySelector(`[name="${row[3]}"]`);
  } else if (choice) {
    field = form.querySelector(`[name="${choice[1]}"][value="${CSS.escape(choice[2])}"]`);
  } else {
    field = form.querySelector(`[name="${key}"]`);
  }
  if (!field) return null;
  field.setAttribute("data-test-target", "");
  return field.tagName === "SELECT" ? "select" : field.type || field.tagName.toLowerCase();
}"""

_SET_VALUE = """(selector, value) => {
  const field = document.querySelector(selector);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
  return field.value === value;
}"""

# Date, time and select fields have no text to type into the same way in every engine (WebKit's
# date field takes its parts in the locale's order): their value is set and announced, which is
# also what Playwright's fill() does.
SET_NOT_TYPED = {"date", "time", "month", "select"}


_ROW_COUNT = """(group) => document.querySelectorAll(`form[data-calculator] [data-repeat="${group}"] [data-row]`).length"""
_ROWS_MORE_THAN = f"(group, count) => ({_ROW_COUNT})(group) > count"


def add_rows_for(engine: Engine, key: str) -> None:
    """For a field `group.index.name` in a row not on the page yet, presses the group's add
    button until the row is there, as a reader would."""
    row = ROW_KEY.fullmatch(key)
    if not row:
        return
    group, index = row[1], int(row[2])
    while (count := engine.call(_ROW_COUNT, group)) <= index:
        engine.click(f'form[data-calculator] [data-repeat="{group}"] > [data-add-row]')
        wait_until(engine, _ROWS_MORE_THAN, group, count, timeout=5, what=f"the add button of {group} to add a row")


def mark(engine: Engine, key: str) -> str:
    add_rows_for(engine, key)
    kind = engine.call(_MARK_FIELD, key)
    if not kind:
        raise EngineError(f"{engine.name}: the form has no field {key!r}")
    return kind


_FIELD_KIND = "(selector) => { const f = document.querySelector(selector); return f.tagName === 'SELECT' ? 'select' : f.type; }"


def put(engine: Engine, selector: str, text: str, kind: str | None = None) -> None:
    """Puts `text` in the field at `selector` as a reader would: typed, or, for a field with no
    text to type the same way in every engine, set and announced. `kind` (its type) if known."""
    kind = kind or engine.call(_FIELD_KIND, selector)
    if kind in SET_NOT_TYPED:
        if not engine.call(_SET_VALUE, selector, text):
            raise EngineError(f"{engine.name}: the {kind} field {selector} did not take {text!r}")
    else:
        engine.type_into(selector, text)


def fill(engine: Engine, key: str, text: str) -> None:
    """Puts `text` in the field named `key`, as a reader would."""
    put(engine, "[data-test-target]", text, kind=mark(engine, key))


def tick(engine: Engine, key: str) -> None:
    """Ticks the checkbox or chooses the radio button `name` or `name=value`."""
    mark(engine, key)
    if not engine.call("() => document.querySelector('[data-test-target]').checked"):
        engine.click("[data-test-target]")
    wait_until(engine, "() => document.querySelector('[data-test-target]').checked", timeout=5, what=f"{key} to be ticked")


def wait_for_texts(engine: Engine, selector: str, texts, timeout: float = 30) -> None:
    """Waits until the element's text contains every one of `texts` (whitespace collapsed)."""
    wanted = [" ".join(text.split()) for text in texts]
    wait_until(
        engine,
        """(selector, wanted) => { const node = document.querySelector(selector);
             const text = node ? node.textContent.replace(/\\s+/g, " ") : "";
             return wanted.every((w) => text.includes(w)); }""",
        selector,
        wanted,
        timeout=timeout,
        what=f"{selector} to show {wanted}",
    )


# Clicks the first link of the page (the menu first) that leads to `url`, after marking the article
# so that the caller can tell when the new page has replaced it. (reader.py uses it too.)
CLICK_LINK_TO = """(url) => {
  const links = [...document.querySelectorAll("a.md-nav__link[href], a.md-logo[href], article a[href]")];
  const link = links.find((a) => a.href === url);
  if (!link) return false;
  document.querySelector("article").setAttribute("data-left", "");
  link.click();
  return true;
}"""

_ARRIVED = """(url) => location.href.split("#")[0] === url.split("#")[0]
  && !document.querySelector("article[data-left]") && Boolean(document.querySelector("article h1"))"""


def follow_menu_link(engine: Engine, url: str, timeout: float = 30) -> None:
    """Opens `url` by clicking its link in the menu, as a reader does: Material's instant
    navigation keeps the document, so Python stays warm from one tool page to the next. Opens it
    by address when no page of the site is open or the open page has no link to it."""
    try:
        here = engine.call("() => location.href")
    except EngineError:
        here = ""
    if not str(here).startswith("http") or not engine.call(CLICK_LINK_TO, url):
        engine.goto(url)
        return
    wait_until(engine, _ARRIVED, url, timeout=timeout, what=f"{url} to replace the page (instant navigation)")


def check_case(engine: Engine, url: str, case, by_menu: bool = True) -> None:
    """Opens a tool page (from the menu unless `by_menu` is False: then by address, a new
    document), enters a tool_cases.ToolCase and checks its result (as a phone shows it), download
    and refusal."""
    if by_menu:
        follow_menu_link(engine, url)
    else:
        engine.goto(url)
    enter_case(engine, case)
    check_phone_layout(engine)
    check_download(engine, case)
    refuse_amount(engine, case)


# Every engine's window is a 390 px phone: the page never scrolls sideways, and every cell of the
# result is on screen (the tables become cards; no column is hidden).
_PHONE_LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
  const cells = document.querySelectorAll("form[data-calculator] [data-calc-result] :is(tbody, tfoot) :is(td, th)");
  for (const cell of cells) {
    const text = cell.textContent.trim();
    if (!text) continue;
    const box = cell.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) problems.push(`hidden: ${text.slice(0, 20)}`);
    else if (box.left < -1 || box.right > width + 1) problems.push(`off screen (${Math.round(box.left)}–${Math.round(box.right)} px): ${text.slice(0, 20)}`);
  }
  return problems.slice(0, 5);
}"""


def check_phone_layout(engine: Engine) -> None:
    """The result as a 390 px phone shows it: no sideways page scroll, no hidden or off-screen cell."""
    problems = engine.call(_PHONE_LAYOUT)
    assert problems == [], f"{engine.name}: {problems}"


def enter_case(engine: Engine, case) -> None:
    """On the open tool page: waits for Python, enters the case and waits for its result."""
    wait_ready(engine)
    for key, text in case.fill.items():
        fill(engine, key, text)
    for key in case.tick:
        tick(engine, key)
    wait_for_texts(engine, "form[data-calculator] [data-calc-result]", case.expect)


def check_download(engine: Engine, case) -> None:
    """Downloads the case's file and checks what it says."""
    if not case.download:
        return
    ending, wanted = case.download
    name, raw = engine.download(f'form[data-calculator] [data-download$="{ending}"]')
    text = raw.decode("utf-8-sig")
    assert name.endswith(ending), f"{engine.name}: downloaded {name!r}, wanted a {ending} file"
    assert wanted in text, f"{engine.name}: {name} lacks {wanted!r}:\n{text[:600]}"


def refuse_amount(engine: Engine, case) -> bool:
    """Types the case's bad amount and waits for its message next to the field; False if it has none."""
    if not case.refuse:
        return False
    key, bad, message = case.refuse
    fill(engine, key, bad)
    wait_for_texts(engine, f'form[data-calculator] .calc-error[data-error-for="{key}"]', [message], timeout=15)
    assert engine.call("() => document.querySelector('[data-test-target]').getAttribute('aria-invalid')") == "true"
    return True


def keep_offline_copy(engine: Engine, url: str) -> None:
    """Visits a calculator page and waits until the service worker holds the site and the runtime."""
    engine.goto(url)
    wait_ready(engine)
    wait_until(
        engine,
        "() => 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null",
        timeout=60,
        what="a service worker to control the page",
    )
    # The bridge shows its 可离线使用 note once the service worker holds the Python runtime.
    wait_until(
        engine,
        """() => { const note = document.querySelector("form[data-calculator] .calc-offline");
                   return Boolean(note && note.offsetParent !== null && note.textContent.includes("可离线使用")); }""",
        timeout=120,
        what="the 可离线使用 note",
    )
