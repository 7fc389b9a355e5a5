// Drives Debian's firefox-esr for tests/browser/engines.py, over WebDriver BiDi with puppeteer-core
// (no geckodriver, no browser download). Usage: node firefox_driver.mjs FIREFOX DOWNLOAD_FOLDER
// Reads one JSON command a line on stdin: {"id": 1, "command": "goto", "args": ["http://..."]}
// and answers each on stdout: {"id": 1, "value": ...} or {"id": 1, "error": "..."}.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, downloadFolder] = process.argv.slice(2);
const TIMEOUT = 120_000;

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  protocolTimeout: TIMEOUT,
  extraPrefsFirefox: {
    // Save every download straight into the folder the test watches, without asking.
    "browser.download.dir": downloadFolder,
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.download.start_downloads_in_tmp_dir": false,
  },
});
const page = await browser.newPage();
page.setDefaultTimeout(TIMEOUT);
await page.setViewport({ width: 390, height: 844 });
const origin = "http://127.0.0.1:";
const foreign = [];
page.on("request", (request) => {
  const url = request.url();
  if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) foreign.push(url);
});

const commands = {
  hello: async () => browser.version(),
  goto: async (url) => {
    await page.goto(url, { waitUntil: "load" });
    return null;
  },
  // The function's source is put into the expression sent to the browser, never eval'd by the
  // page: the site's CSP forbids eval, and BiDi's script evaluation is not bound by it.
  call: async (source, args) => page.evaluate(`(${source})(...${JSON.stringify(args)})`),
  type: async (selector, text) => {
    await page.locator(selector).fill(text);
    return null;
  },
  click: async (selector) => {
    await page.locator(selector).click();
    return null;
  },
  // Picks a file in a file input (BiDi's input.setFiles); the input fires its change event.
  upload: async (selector, path) => {
    const input = await page.waitForSelector(selector);
    await input.uploadFile(path);
    await input.dispose();
    return null;
  },
  foreign: async () => foreign,
  close: async () => {
    await browser.close();
    return null;
  },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, command, args = [] } = JSON.parse(line);
  let answer;
  try {
    const value = await commands[command](...args);
    answer = { id, value: value === undefined ? null : value };
  } catch (error) {
    answer = { id, error: String((error && error.message) || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
  if (command === "close") break;
}
await browser.close().catch(() => {});
process.exit(0);
