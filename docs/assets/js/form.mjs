// A form declared with data-calculator: its chrome (error lines, status, result area, buttons),
// repeatable rows, prefill, consent-based saving, and showing what Python returns.
// Pages never carry their own script; see CONTRIBUTING.md for the declarative contract.
import { download } from "./downloads.mjs";
import { call, retry, runtime, runtimeText, startRuntime } from "./runtime.mjs";
import { storage } from "./storage.mjs";

const DEBOUNCE_MS = 200;
const siteRoot = new URL("../../", import.meta.url);

/** tool -> data of its last good result in this visit (memory only; for data-prefill). */
export const results = new Map();

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

let uid = 0;
const nextUid = (prefix) => `${prefix}-${++uid}`;

export class CalculatorForm {
  constructor(form) {
    this.form = form;
    this.tool = form.dataset.calculator;
    this.saveKey = form.dataset.save || "";
    this.touched = new Set();
    this.submitted = false;
    this.requested = 0; // number of the newest call; older answers are ignored
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
      const data = results.get(tool) || storage.get(`data:${tool}`);
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
      const number = ++this.requested;
      call(this.tool, this.collect()).then((response) => {
        if (response && number === this.requested) this.show(response); // else a newer answer is on its way
      });
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

  show(response) {
    if (response.ok) {
      this.showErrors([]);
      this.result.innerHTML = response.html; // built and escaped by calculators/render.py
      this.afterRender(response);
      results.set(this.tool, response.data || {});
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
