// The one bridge between pages and the Python calculators.
// It finds forms declared with data-calculator, starts one module worker for the whole
// visit, recalculates as the reader types, and shows what Python returns.
// Nothing typed leaves the browser; it is stored only if the reader turns saving on.

const STORE_PREFIX = "xsh:";
const SAVE_FLAG = `${STORE_PREFIX}save`;
const STALL_MS = 45000; // no progress for this long: give up and offer a retry
const DEBOUNCE_MS = 200;
const STAGES = {
  download: "下载运行环境",
  python: "启动 Python",
  tools: "准备计算器",
};

const workerUrl = new URL("./calc-worker.mjs", import.meta.url);
const siteRoot = new URL("../../", import.meta.url);
const serviceWorkerUrl = new URL("sw.js", siteRoot);
const RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];

// ---- shared state for the whole visit (survives instant navigation) ----
const runtime = {
  worker: null,
  state: "idle", // idle | loading | ready | failed
  stage: null,
  share: null,
  reason: "",
  stallTimer: null,
  restarts: 0,
  nextId: 1,
  pending: new Map(), // id -> form
  offline: false, // the service worker holds the runtime: calculators work without a network
};
const lastData = new Map(); // tool -> data of its last good result in this visit
let forms = []; // controllers of forms on the current page

// ---- storage (only with consent) ----
const storage = {
  enabled() {
    try {
      return localStorage.getItem(SAVE_FLAG) === "1";
    } catch {
      return false;
    }
  },
  enable() {
    try {
      localStorage.setItem(SAVE_FLAG, "1");
    } catch {
      /* storage blocked: saving silently stays off */
    }
  },
  get(key) {
    if (!this.enabled()) return null;
    try {
      return JSON.parse(localStorage.getItem(STORE_PREFIX + key));
    } catch {
      return null;
    }
  },
  set(key, value) {
    if (!this.enabled()) return;
    try {
      localStorage.setItem(STORE_PREFIX + key, JSON.stringify(value));
    } catch {
      /* full or blocked */
    }
  },
  clearAll() {
    for (const area of [localStorage, sessionStorage]) {
      try {
        for (const key of Object.keys(area)) if (key.startsWith(STORE_PREFIX)) area.removeItem(key);
      } catch {
        /* blocked */
      }
    }
  },
};

// ---- the worker ----
function startRuntime() {
  if (runtime.worker || runtime.state === "ready") return;
  runtime.state = "loading";
  runtime.stage = "download";
  runtime.share = null;
  let worker;
  try {
    worker = new Worker(workerUrl, { type: "module" });
  } catch (error) {
    fail("这个浏览器不支持运行计算器（需要较新的浏览器）。");
    return;
  }
  runtime.worker = worker;
  armStallTimer();
  worker.addEventListener("message", (event) => onWorkerMessage(event.data || {}));
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onWorkerCrash();
  });
  worker.addEventListener("messageerror", onWorkerCrash);
  showRuntimeState();
}

function armStallTimer() {
  clearTimeout(runtime.stallTimer);
  runtime.stallTimer = setTimeout(() => fail("计算器加载超时。可能是网络太慢或被拦截了。"), STALL_MS);
}

function onWorkerMessage(message) {
  if (message.type === "progress") {
    runtime.stage = message.stage;
    runtime.share = message.share;
    armStallTimer();
    showRuntimeState();
  } else if (message.type === "ready") {
    clearTimeout(runtime.stallTimer);
    runtime.state = "ready";
    runtime.restarts = 0;
    showRuntimeState();
    registerServiceWorker(); // only now on calculator pages, so it never slows Python's start
    keepRuntimeOffline();
    for (const form of forms) form.recalculate({ now: true, quiet: true });
  } else if (message.type === "failed") {
    fail("计算器没能启动。", message.reason);
  } else if (message.type === "result") {
    const form = runtime.pending.get(message.id);
    runtime.pending.delete(message.id);
    if (form) form.show(message.id, message.response);
  }
}

function stopWorker() {
  clearTimeout(runtime.stallTimer);
  if (runtime.worker) runtime.worker.terminate();
  runtime.worker = null;
  runtime.pending.clear();
}

function fail(text, reason = "") {
  stopWorker();
  runtime.state = "failed";
  runtime.reason = text;
  if (reason) console.warn("calculators:", reason);
  showRuntimeState();
}

function onWorkerCrash() {
  const wasReady = runtime.state === "ready";
  stopWorker();
  if (wasReady && runtime.restarts < 2) {
    runtime.restarts += 1;
    runtime.state = "idle";
    for (const form of forms) form.notice("计算器出错了，正在重新启动……");
    startRuntime();
  } else {
    fail("计算器意外停止了。");
  }
}

function retry() {
  stopWorker();
  runtime.state = "idle";
  runtime.restarts = 0;
  startRuntime();
}

function showRuntimeState() {
  for (const form of forms) form.showRuntime();
}

function runtimeText() {
  if (runtime.state === "ready") return "计算器已就绪，结果会随输入自动更新。";
  if (runtime.state === "failed") {
    return `${runtime.reason} 页面上的说明仍然可以正常阅读，你也可以按说明自己动手算。`;
  }
  const stage = STAGES[runtime.stage] || STAGES.download;
  const share = typeof runtime.share === "number" ? ` ${Math.round(runtime.share * 100)}%` : "";
  const step = Object.keys(STAGES).indexOf(runtime.stage) + 1 || 1;
  return `正在准备计算器（第 ${step}/3 步：${stage}${share}）。可以先填写，准备好后会自动计算。`;
}

// ---- a declared form ----
function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

let uid = 0;
const nextUid = (prefix) => `${prefix}-${++uid}`;

class CalculatorForm {
  constructor(form) {
    this.form = form;
    this.tool = form.dataset.calculator;
    this.saveKey = form.dataset.save || "";
    this.touched = new Set();
    this.submitted = false;
    this.requested = 0; // id of the newest call; older answers are ignored
    this.timer = null;
    this.checks = new Map(); // ticks in the result, kept across recalculation
    this.buildChrome();
    this.restore();
    this.prefill();
    this.wire();
    this.showRuntime();
  }

  buildChrome() {
    const form = this.form;
    form.setAttribute("novalidate", "");
    form.setAttribute("autocomplete", "off"); // shared phones: the browser should not remember entries
    form.classList.add("calc");
    for (const group of form.querySelectorAll("[data-repeat]")) {
      const min = Number(group.dataset.minRows || 1);
      while (this.rowsOf(group).length < min) this.addRow(group);
    }
    if (!form.querySelector("[type=submit]")) {
      const actions = el("div", { class: "calc-actions calc-chrome" });
      actions.append(el("button", { type: "submit", class: "md-button md-button--primary" }, "计算"));
      form.append(actions);
    }
    this.status = form.querySelector("[data-calc-status]") || el("p", { class: "calc-status calc-chrome", "data-calc-status": "" });
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.retryButton = el("button", { type: "button", class: "md-button calc-retry", hidden: "" }, "重新加载计算器");
    this.retryButton.addEventListener("click", retry);
    this.offlineNote = el("p", { class: "calc-offline calc-chrome", hidden: "" }, "可离线使用：这台设备已存好计算器，断网也能算。");
    this.result = form.querySelector("[data-calc-result]") || el("div", { class: "calc-result", "data-calc-result": "" });
    this.tools = el("div", { class: "calc-result-tools calc-chrome", hidden: "" });
    form.append(this.status, this.retryButton, this.offlineNote, this.result, this.tools);
    if (this.saveKey) form.prepend(this.privacyBar());
    this.decorateFields(form);
  }

  privacyBar() {
    const bar = el("div", { class: "calc-privacy calc-chrome" });
    const id = nextUid("calc-save");
    const box = el("input", { type: "checkbox", id, "data-save-toggle": "" });
    box.checked = storage.enabled();
    const label = el("label", { for: id, class: "calc-choice" });
    label.append(box, " 在本机保存我填写的内容");
    const clear = el("button", { type: "button", class: "md-button calc-clear", "data-clear-local": "" }, "清除本机数据");
    const note = el("p", { class: "calc-privacy__note" }, "默认不保存。内容只在这台设备上，不会上传。公用手机请不要打开保存。");
    box.addEventListener("change", () => {
      if (box.checked) {
        storage.enable();
        this.save();
      } else {
        storage.clearAll();
      }
    });
    bar.append(label, clear, note);
    return bar;
  }

  decorateFields(root) {
    for (const input of root.querySelectorAll("input, select, textarea")) {
      if (!input.name || input.type === "hidden" || input.closest("template") || input._calcError) continue;
      const choice = input.type === "checkbox" || input.type === "radio";
      const scope = choice ? input.closest("fieldset") || input.closest(".calc-field") : null;
      const existing = scope && scope.querySelector(`:scope > .calc-error[data-for-name="${CSS.escape(input.name)}"]`);
      const error = existing || el("p", { class: "calc-error", id: nextUid("calc-error"), "data-for-name": input.name });
      if (!existing) {
        error.hidden = true;
        if (scope) scope.append(error);
        else (input.closest(".calc-field") || input).after(error);
      }
      input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), error.id].filter(Boolean).join(" "));
      input._calcError = error;
    }
  }

  rowsOf(group) {
    return [...group.querySelectorAll(":scope > .calc-row, :scope > [data-row]")];
  }

  addRow(group, values = null) {
    const template = group.querySelector(":scope > template");
    if (!template) return null;
    const row = template.content.firstElementChild.cloneNode(true);
    row.setAttribute("data-row", "");
    row.classList.add("calc-row");
    for (const label of row.querySelectorAll("label[for]")) label.removeAttribute("for");
    for (const input of row.querySelectorAll("[id]")) input.removeAttribute("id");
    if (values) this.fill(row, values);
    const addButton = group.querySelector(":scope > [data-add-row]");
    group.insertBefore(row, addButton || null);
    this.decorateFields(row);
    this.renumber(group);
    return row;
  }

  renumber(group) {
    this.rowsOf(group).forEach((row, index) => {
      row.dataset.index = String(index);
      const remove = row.querySelector("[data-remove-row]");
      if (remove) {
        remove.dataset.text = remove.dataset.text || remove.textContent.trim();
        remove.setAttribute("aria-label", `${remove.dataset.text}（第 ${index + 1} 行）`);
      }
    });
  }

  wire() {
    const form = this.form;
    form.addEventListener("input", (event) => this.onEdit(event));
    form.addEventListener("change", (event) => this.onEdit(event));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitted = true;
      this.recalculate({ now: true });
    });
    form.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      const remove = event.target.closest("[data-remove-row]");
      if (add) {
        const row = this.addRow(add.closest("[data-repeat]"));
        const first = row && row.querySelector("input, select, textarea");
        if (first) first.focus();
        this.recalculate();
      } else if (remove) {
        const group = remove.closest("[data-repeat]");
        const row = remove.closest("[data-row]");
        const min = Number(group.dataset.minRows || 1);
        if (this.rowsOf(group).length > min) {
          row.remove();
          this.renumber(group);
          const next = group.querySelector("[data-add-row]");
          if (next) next.focus();
          this.recalculate();
        }
      }
    });
    this.result.addEventListener("change", (event) => {
      const box = event.target.closest("[data-persist-key]");
      if (!box) return;
      this.checks.set(box.dataset.persistKey, box.checked);
      storage.set(`check:${box.dataset.persistKey}`, box.checked);
    });
  }

  onEdit(event) {
    const target = event.target;
    if (target.matches("[data-save-toggle]") || this.result.contains(target)) return;
    if (target.name) this.touched.add(this.pathOf(target));
    this.recalculate();
  }

  pathOf(input) {
    const row = input.closest("[data-row]");
    if (row && this.form.contains(row)) {
      const group = row.closest("[data-repeat]");
      return `${group.dataset.repeat}.${row.dataset.index}.${input.name}`;
    }
    return input.name;
  }

  readScope(scope, skipRows) {
    const fields = {};
    const boxes = new Map();
    for (const input of scope.querySelectorAll("input, select, textarea")) {
      if (!input.name || input.closest("template") || input.matches("[data-save-toggle]")) continue;
      if (this.result.contains(input)) continue;
      if (skipRows && input.closest("[data-repeat]")) continue;
      if (input.type === "checkbox") {
        const multi = input.hasAttribute("value") && input.value !== "on";
        if (multi) {
          if (!boxes.has(input.name)) boxes.set(input.name, []);
          if (input.checked) boxes.get(input.name).push(input.value);
        } else {
          fields[input.name] = input.checked;
        }
      } else if (input.type === "radio") {
        if (input.checked) fields[input.name] = input.value;
        else if (!(input.name in fields)) fields[input.name] = "";
      } else {
        fields[input.name] = input.value;
      }
    }
    for (const [name, values] of boxes) fields[name] = values;
    return fields;
  }

  collect() {
    const fields = this.readScope(this.form, true);
    for (const group of this.form.querySelectorAll("[data-repeat]")) {
      fields[group.dataset.repeat] = this.rowsOf(group).map((row) => this.readScope(row, false));
    }
    return fields;
  }

  fill(scope, values) {
    for (const [name, value] of Object.entries(values || {})) {
      if (Array.isArray(value) && scope.querySelector(`[data-repeat="${CSS.escape(name)}"]`)) continue;
      for (const input of scope.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (input.closest("template")) continue;
        if (input.type === "checkbox") {
          input.checked = Array.isArray(value) ? value.includes(input.value) : Boolean(value);
        } else if (input.type === "radio") {
          input.checked = input.value === value;
        } else if (typeof value === "string") {
          input.value = value;
        }
      }
    }
  }

  restore() {
    if (!this.saveKey) return;
    const saved = storage.get(`form:${this.saveKey}`);
    if (!saved) return;
    this.fill(this.form, saved);
    for (const group of this.form.querySelectorAll("[data-repeat]")) {
      const rows = saved[group.dataset.repeat];
      if (!Array.isArray(rows)) continue;
      for (const row of this.rowsOf(group)) row.remove();
      for (const values of rows) this.addRow(group, values);
      const min = Number(group.dataset.minRows || 1);
      while (this.rowsOf(group).length < min) this.addRow(group);
    }
  }

  prefill() {
    for (const input of this.form.querySelectorAll("[data-prefill]")) {
      const [tool, key] = input.dataset.prefill.split(".");
      const data = lastData.get(tool) || storage.get(`data:${tool}`);
      if (!input.value && data && data[key] != null && typeof data[key] !== "object") input.value = String(data[key]);
    }
  }

  save() {
    if (this.saveKey) storage.set(`form:${this.saveKey}`, this.collect());
  }

  recalculate({ now = false, quiet = false } = {}) {
    clearTimeout(this.timer);
    if (!quiet) this.save();
    const go = () => {
      if (runtime.state !== "ready") {
        if (runtime.state === "idle") startRuntime();
        return; // computed as soon as Python is ready
      }
      const id = runtime.nextId++;
      runtime.pending.set(id, this);
      this.requested = id;
      runtime.worker.postMessage({ type: "call", id, tool: this.tool, fields: this.collect() });
    };
    if (now) go();
    else this.timer = setTimeout(go, DEBOUNCE_MS);
  }

  showRuntime() {
    this.form.dataset.calcState = runtime.state === "idle" ? "loading" : runtime.state;
    if (runtime.state !== "ready" || !this.status.textContent) this.status.textContent = runtimeText();
    this.retryButton.hidden = runtime.state !== "failed";
    this.offlineNote.hidden = !(runtime.offline && runtime.state === "ready");
  }

  notice(text) {
    this.status.textContent = text;
  }

  fieldFor(path) {
    const parts = path.split(".");
    if (parts.length === 3) {
      const group = this.form.querySelector(`[data-repeat="${CSS.escape(parts[0])}"]`);
      const row = group && this.rowsOf(group)[Number(parts[1])];
      return row ? row.querySelector(`[name="${CSS.escape(parts[2])}"]`) : null;
    }
    return this.form.querySelector(`[name="${CSS.escape(path)}"]:not(template *)`);
  }

  showErrors(errors) {
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const node of this.form.querySelectorAll(".calc-error")) {
      node.textContent = "";
      node.hidden = true;
      node.removeAttribute("data-error-for");
    }
    let shown = 0;
    let hidden = 0;
    for (const { field, message } of errors) {
      const input = this.fieldFor(field);
      const visible = this.submitted || this.touched.has(field);
      if (!input || !visible) {
        hidden += 1;
        continue;
      }
      input.setAttribute("aria-invalid", "true");
      const node = input._calcError;
      if (node) {
        node.textContent = message;
        node.hidden = false;
        node.setAttribute("data-error-for", field);
      }
      shown += 1;
    }
    return { shown, hidden };
  }

  show(id, response) {
    if (id !== this.requested) return; // an older answer; a newer one is on its way
    if (response.ok) {
      this.showErrors([]);
      this.result.innerHTML = response.html; // built and escaped by calculators/render.py
      this.afterRender(response);
      lastData.set(this.tool, response.data || {});
      storage.set(`data:${this.tool}`, response.data || {});
      this.status.textContent = response.announce || "结果已更新。";
      return;
    }
    const { shown } = this.showErrors(response.errors || []);
    this.result.replaceChildren();
    this.tools.hidden = true;
    if (shown) this.status.textContent = response.errors.length > 1 ? response.message : "请按提示修改输入。";
    else if (!response.errors || !response.errors.length) this.status.textContent = response.message || "出错了，请再试一次。";
    else this.status.textContent = "计算器已就绪。填好上面的内容后，这里会显示结果。";
  }

  afterRender(response) {
    for (const link of this.result.querySelectorAll("a[data-site-link]")) {
      link.href = new URL(link.dataset.siteLink, siteRoot).href;
    }
    for (const box of this.result.querySelectorAll("[data-persist-key]")) {
      const key = box.dataset.persistKey;
      const remembered = this.checks.has(key) ? this.checks.get(key) : storage.get(`check:${key}`);
      if (remembered != null) box.checked = Boolean(remembered);
    }
    this.tools.replaceChildren();
    for (const file of response.downloads || []) {
      const button = el("button", { type: "button", class: "md-button", "data-download": file.filename }, file.label);
      button.addEventListener("click", () => download(file));
      this.tools.append(button);
    }
    const print = el("button", { type: "button", class: "md-button", "data-print": "" }, "打印或存为 PDF");
    print.addEventListener("click", () => window.print());
    this.tools.append(print);
    for (const doc of this.result.querySelectorAll(".calc-document")) {
      const copy = el("button", { type: "button", class: "md-button calc-chrome", "data-copy": "" }, "复制全文");
      copy.addEventListener("click", async () => {
        const text = doc.querySelector(".calc-document__body").innerText;
        try {
          await navigator.clipboard.writeText(text);
          this.status.textContent = "已复制，可以粘贴到短信、邮件或聊天窗口。";
        } catch {
          this.status.textContent = "没能自动复制，请长按文字手动复制。";
        }
      });
      doc.append(copy);
    }
    this.tools.hidden = false;
  }
}

function download(file) {
  const blob = new Blob([file.text], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: file.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---- offline use ----
// Registered after the page has loaded, so the offline copy never competes with the page itself.
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const register = () =>
    navigator.serviceWorker.register(serviceWorkerUrl, { scope: siteRoot.href }).catch((error) => {
      console.warn("offline copy unavailable:", error.message);
    });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

function keepRuntimeOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => {
    if (!registration.active) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      runtime.offline = event.data === "kept";
      showRuntimeState();
    };
    registration.active.postMessage({ type: "keep-runtime", files: RUNTIME_FILES }, [channel.port2]);
  });
}

// ---- page wiring ----
function onClearLocal(event) {
  const button = event.target.closest("[data-clear-local]");
  if (!button) return;
  storage.clearAll();
  lastData.clear();
  for (const box of document.querySelectorAll("[data-save-toggle]")) box.checked = false;
  for (const form of forms) {
    form.checks.clear();
    form.form.reset();
  }
  const message = "本机保存的数据已全部清除。";
  const live = document.querySelector("[data-clear-status]") || el("p", { class: "calc-clear-status", "data-clear-status": "", role: "status" });
  if (!live.isConnected) button.after(live);
  live.textContent = message;
}

function setupPage() {
  forms = [...document.querySelectorAll("form[data-calculator]")].map((form) => new CalculatorForm(form));
  if (!forms.length) return;
  if (runtime.state === "ready") {
    for (const form of forms) form.recalculate({ now: true, quiet: true });
  } else if (runtime.state === "idle") {
    // Start Python as soon as the page is idle; a worker costs the main thread almost nothing.
    const begin = () => startRuntime();
    if ("requestIdleCallback" in window) requestIdleCallback(begin, { timeout: 250 });
    else setTimeout(begin, 50);
  }
}

// For end-to-end tests: crash the worker the way a real fault would.
window.__calculatorsTest = { crashWorker: () => runtime.worker && runtime.worker.postMessage({ type: "crash" }) };

document.addEventListener("click", onClearLocal);

// Calculator pages load this module early from <head> (see scripts/hooks/calculators_build.py):
// Python starts downloading while the page is still being parsed.
const earlyStart = document.querySelector('meta[name="xsh-calculators"]') !== null;
if (earlyStart) startRuntime();
else registerServiceWorker();

function wirePages() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => setupPage()); // Material's instant navigation: every page
  } else {
    setupPage();
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wirePages, { once: true });
else wirePages();
