// A form declared with data-calculator: its chrome (runtime state, error summary, error lines,
// status, result area, buttons), repeatable rows, prefill, consent-based saving, and showing
// what Python returns. Pages never carry their own script; see CONTRIBUTING.md for the contract.
import { download } from "./downloads.mjs";
import { call, retry, runtime, runtimeText, startRuntime } from "./runtime.mjs";
import { storage } from "./storage.mjs";

const DEBOUNCE_MS = 200;
const siteRoot = new URL("../../", import.meta.url);

const TEXT = {
  waiting: "计算器准备好后，结果会显示在这里。",
  waitingAfterSubmit: "计算器还在准备，好了以后会马上算出结果。",
  failed: "计算器没能启动，原因和“重新加载”按钮在表单顶部。",
  readyEmpty: "计算器已就绪。填好上面的内容后，这里会显示结果。",
  maxRows: (max) => `最多可以填 ${max} 行，已经填满了。要再加一行，请先删掉不需要的一行。`,
  minRows: (min) => `至少要留 ${min} 行，这一行不能删除。不用的行空着就行。`,
  prefillCut: (all, max) =>
    `带过来的记录有 ${all} 条，这里最多填 ${max} 行，所以只带入了最近的 ${max} 条。更早的记录还在沟通记录的表格文件里，可以一起附上。`,
};

/** tool -> data of its last good result in this visit (memory only; for data-prefill). */
export const results = new Map();

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

/** Set a node's text only when it changes, so live regions speak only about real changes. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** The reader's own date (not UTC) as YYYY-MM-DD. */
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

let uid = 0;
const nextUid = (prefix) => `${prefix}-${++uid}`;

/** Bring a field (with its label) into view below the sticky header, then focus it. */
function focusField(input) {
  const box = input.closest(".calc-field, fieldset") || input;
  box.scrollIntoView({ block: "start" });
  input.focus({ preventScroll: true });
}

// The back-to-top button sits over the page; while a calculator form is on screen it would
// cover labels and fields, so it is hidden then (see site.css, "back to top").
const formsInView = new Set();
const viewWatcher =
  "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) formsInView.add(entry.target);
          else formsInView.delete(entry.target);
        }
        document.documentElement.classList.toggle("calc-form-in-view", formsInView.size > 0);
      })
    : null;

/** Watch only the given forms (those of the current page) for the back-to-top button. */
export function watchFormsInView(forms) {
  if (!viewWatcher) return;
  viewWatcher.disconnect();
  formsInView.clear();
  document.documentElement.classList.remove("calc-form-in-view");
  for (const form of forms) viewWatcher.observe(form);
}

export class CalculatorForm {
  constructor(form) {
    this.form = form;
    this.tool = form.dataset.calculator;
    this.saveKey = form.dataset.save || "";
    this.touched = new Set();
    this.submitted = false;
    this.requested = 0; // number of the newest call; older answers are ignored
    this.shownFields = ""; // the fields of the result on screen (JSON), "" when none is shown
    this.timer = null;
    this.runtimeNote = ""; // a runtime message from the bridge, shown until Python is ready again
    this.checks = new Map(); // ticks in the result, kept across recalculation
    this.buildChrome();
    this.declared = JSON.stringify(this.collect()); // the form as the page declared it
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
      const note = el("p", { class: "calc-repeat__note", role: "status", "data-repeat-note": "" });
      note.hidden = true;
      group.append(note);
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
    this.offlineNote = el("p", { class: "calc-offline calc-chrome", hidden: "" }, "可离线使用：这台设备已存好计算器，断网也能算。");
    this.result = form.querySelector("[data-calc-result]") || el("div", { class: "calc-result", "data-calc-result": "" });
    this.tools = el("div", { class: "calc-result-tools calc-chrome", hidden: "" });
    form.append(this.status, this.offlineNote, this.result, this.tools);
    if (this.saveKey) form.prepend(this.privacyBar());
    this.summary = el("div", { class: "calc-error-summary calc-chrome", "data-error-summary": "", tabindex: "-1", hidden: "" });
    form.prepend(this.summary);
    form.prepend(this.runtimeBar());
    this.decorateFields(form);
  }

  /** The runtime's state where the reader is looking: the top of the form, sticky while they fill it in. */
  runtimeBar() {
    const bar = el("div", { class: "calc-runtime calc-chrome", "data-calc-runtime": "" });
    // Only the sentence is a live region: it changes per stage, not per percent.
    this.runtimeLine = el("p", { class: "calc-runtime__text", role: "status" });
    this.runtimeMeter = el("div", { class: "calc-runtime__meter", "aria-hidden": "true" });
    this.runtimeProgress = el("progress", { class: "calc-runtime__progress", max: "100" });
    this.runtimeShare = el("span", { class: "calc-runtime__share" });
    this.runtimeMeter.append(this.runtimeProgress, this.runtimeShare);
    this.retryButton = el("button", { type: "button", class: "md-button calc-retry", hidden: "" }, "重新加载计算器");
    this.retryButton.addEventListener("click", retry);
    bar.append(this.runtimeLine, this.runtimeMeter, this.retryButton);
    this.runtimeBox = bar;
    return bar;
  }

  privacyBar() {
    const bar = el("div", { class: "calc-privacy calc-chrome" });
    const id = nextUid("calc-save");
    const box = el("input", { type: "checkbox", id, "data-save-toggle": "" });
    box.checked = storage.enabled();
    const label = el("label", { for: id, class: "calc-choice" });
    label.append(box, " 在本机保存我填写的内容");
    // 清除本机数据 asks first and can be undone: see clear.mjs.
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

  // ---- repeatable rows ----

  rowsOf(group) {
    return [...group.querySelectorAll(":scope > .calc-row, :scope > [data-row]")];
  }

  rowLimits(group) {
    return { min: Number(group.dataset.minRows || 1), max: Number(group.dataset.maxRows) || Infinity };
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
    group.insertBefore(row, addButton || group.querySelector(":scope > [data-repeat-note]"));
    this.decorateFields(row);
    this.renumber(group);
    return row;
  }

  renumber(group) {
    const rows = this.rowsOf(group);
    const { min, max } = this.rowLimits(group);
    rows.forEach((row, index) => {
      row.dataset.index = String(index);
      const remove = row.querySelector("[data-remove-row]");
      if (remove) {
        remove.dataset.text = remove.dataset.text || remove.textContent.trim();
        remove.setAttribute("aria-label", `${remove.dataset.text}（第 ${index + 1} 行）`);
        remove.setAttribute("aria-disabled", String(rows.length <= min));
      }
    });
    const add = group.querySelector(":scope > [data-add-row]");
    if (add) add.setAttribute("aria-disabled", String(rows.length >= max));
    this.showRowNote(group, rows.length >= max ? TEXT.maxRows(max) : "");
  }

  /** The group's note: why a row cannot be added or removed; empty hides it. */
  showRowNote(group, text, { again = false } = {}) {
    const note = group.querySelector(":scope > [data-repeat-note]");
    if (!note) return;
    if (again) note.textContent = ""; // said again even if unchanged
    setText(note, text);
    note.hidden = !text;
  }

  onAddRow(add) {
    const group = add.closest("[data-repeat]");
    const { max } = this.rowLimits(group);
    if (this.rowsOf(group).length >= max) {
      this.showRowNote(group, TEXT.maxRows(max), { again: true });
      return;
    }
    const row = this.addRow(group);
    const first = row && row.querySelector("input, select, textarea");
    if (first) first.focus();
    this.recalculate();
  }

  onRemoveRow(remove) {
    const group = remove.closest("[data-repeat]");
    const { min } = this.rowLimits(group);
    if (this.rowsOf(group).length <= min) {
      this.showRowNote(group, TEXT.minRows(min), { again: true });
      return;
    }
    remove.closest("[data-row]").remove();
    this.renumber(group);
    const next = group.querySelector("[data-add-row]");
    if (next) next.focus();
    this.recalculate();
  }

  // ---- events ----

  wire() {
    const form = this.form;
    form.addEventListener("input", (event) => this.onEdit(event));
    form.addEventListener("change", (event) => this.onEdit(event));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitted = true;
      if (runtime.state !== "ready") this.setStatus(TEXT.waitingAfterSubmit);
      this.recalculate({ now: true, focus: true });
    });
    form.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      const remove = event.target.closest("[data-remove-row]");
      const link = event.target.closest("[data-error-link]");
      if (add) this.onAddRow(add);
      else if (remove) this.onRemoveRow(remove);
      else if (link) {
        const input = document.getElementById(link.getAttribute("href").slice(1));
        if (input) {
          event.preventDefault();
          event.stopPropagation(); // Material's instant navigation would treat it as a page change
          focusField(input);
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

  // ---- values ----

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

  /** What the reader filled in: this is what is saved (with consent). */
  collect() {
    const fields = this.readScope(this.form, true);
    for (const group of this.form.querySelectorAll("[data-repeat]")) {
      fields[group.dataset.repeat] = this.rowsOf(group).map((row) => this.readScope(row, false));
    }
    return fields;
  }

  /** What Python is called with: the reader's fields and today's date on this device (never saved). */
  callFields() {
    return { ...this.collect(), today: localToday() };
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

  /** Fill the whole form, rows included, from what `collect` gave. */
  applyValues(values) {
    this.fill(this.form, values);
    for (const group of this.form.querySelectorAll("[data-repeat]")) {
      const rows = values[group.dataset.repeat];
      if (!Array.isArray(rows)) continue;
      for (const row of this.rowsOf(group)) row.remove();
      for (const rowValues of rows) this.addRow(group, rowValues);
      const { min } = this.rowLimits(group);
      while (this.rowsOf(group).length < min) this.addRow(group);
      this.renumber(group);
    }
  }

  restore() {
    if (!this.saveKey) return;
    const saved = storage.get(`form:${this.saveKey}`);
    if (saved) this.applyValues(saved);
  }

  prefill() {
    const source = (reference) => {
      const [tool, key] = reference.split(".");
      const data = results.get(tool) || storage.get(`data:${tool}`);
      return data ? data[key] : null;
    };
    for (const input of this.form.querySelectorAll("[data-prefill]")) {
      const value = source(input.dataset.prefill);
      if (!input.value && value != null && typeof value !== "object") input.value = String(value);
    }
    // A group with data-prefill-rows="log.rows" takes another tool's rows while it is still blank.
    for (const group of this.form.querySelectorAll("[data-repeat][data-prefill-rows]")) {
      const rows = source(group.dataset.prefillRows);
      const blank = [...group.querySelectorAll("input:not([type=checkbox]):not([type=radio]), textarea")].every(
        (input) => input.closest("template") || !input.value,
      );
      if (!blank || !Array.isArray(rows) || !rows.length) continue;
      const { max } = this.rowLimits(group);
      const taken = rows.length > max ? rows.slice(-max) : rows; // rows come in date order: keep the latest
      this.applyValues({ [group.dataset.repeat]: taken });
      if (taken.length < rows.length) this.showRowNote(group, TEXT.prefillCut(rows.length, max));
    }
  }

  save() {
    if (this.saveKey) storage.set(`form:${this.saveKey}`, this.collect());
  }

  // ---- clearing (see clear.mjs) ----

  /** Whether the reader has typed or ticked anything that a clear would lose. */
  hasWork() {
    return JSON.stringify(this.collect()) !== this.declared || this.checks.size > 0;
  }

  /** Everything a clear takes away from this form, to put back on undo (memory only). */
  snapshot() {
    return { fields: this.collect(), checks: new Map(this.checks), touched: new Set(this.touched) };
  }

  /** Back to the form as the page declared it, with no error marked. */
  clearWork() {
    this.checks.clear();
    this.touched.clear();
    this.submitted = false;
    this.form.reset();
    for (const group of this.form.querySelectorAll("[data-repeat]")) {
      for (const row of this.rowsOf(group)) row.remove();
      const { min } = this.rowLimits(group);
      while (this.rowsOf(group).length < min) this.addRow(group);
      this.renumber(group);
    }
    this.showErrors([]);
    this.updateSummary([]);
    this.result.replaceChildren();
    this.shownFields = "";
    this.tools.hidden = true;
    this.markForPrint(false);
    this.recalculate({ now: true, quiet: true });
  }

  restoreWork(snapshot) {
    this.applyValues(snapshot.fields);
    this.checks = new Map(snapshot.checks);
    this.touched = new Set(snapshot.touched);
    this.recalculate({ now: true, quiet: true });
  }

  // ---- calling Python ----

  recalculate({ now = false, quiet = false, focus = false } = {}) {
    clearTimeout(this.timer);
    if (!quiet) this.save();
    const go = () => {
      if (runtime.state !== "ready") {
        if (runtime.state === "idle") startRuntime();
        return; // computed as soon as Python is ready
      }
      // Nothing changed since the result on screen (a field losing focus fires "change"): the
      // result stays as it is, so a tap on its buttons is never lost to a re-render.
      const fields = this.callFields();
      const key = JSON.stringify(fields);
      if (!focus && key === this.shownFields) {
        this.requested++; // an answer still on its way is for fields no longer there
        return;
      }
      const number = ++this.requested;
      call(this.tool, fields).then((response) => {
        if (!response || number !== this.requested) return; // a newer answer is on its way
        this.shownFields = response.ok ? key : "";
        this.show(response, { focus });
      });
    };
    if (now) go();
    else this.timer = setTimeout(go, DEBOUNCE_MS);
  }

  /** The status line under the form; runtime states are spoken at the top instead, so not here. */
  setStatus(text, { announce = true } = {}) {
    this.status.setAttribute("aria-live", announce ? "polite" : "off");
    setText(this.status, text);
  }

  showRuntime() {
    const state = runtime.state === "idle" ? "loading" : runtime.state;
    this.form.dataset.calcState = state;
    this.runtimeBox.hidden = state === "ready";
    this.retryButton.hidden = state !== "failed";
    this.offlineNote.hidden = !(runtime.offline && state === "ready");
    if (state === "ready") {
      this.runtimeNote = "";
      if (!this.status.textContent || this.status.getAttribute("aria-live") === "off") this.setStatus(runtimeText());
      return;
    }
    const text = this.runtimeNote && state === "loading" ? this.runtimeNote : runtimeText().replace(/\s*\d+%/, "");
    setText(this.runtimeLine, text);
    const share = state === "loading" && typeof runtime.share === "number" ? Math.round(runtime.share * 100) : null;
    this.runtimeMeter.hidden = state === "failed";
    if (share === null) this.runtimeProgress.removeAttribute("value");
    else this.runtimeProgress.value = share;
    setText(this.runtimeShare, share === null ? "" : `${share}%`);
    if (this.status.getAttribute("aria-live") === "off" || !this.status.textContent || state === "failed") {
      this.setStatus(state === "failed" ? TEXT.failed : TEXT.waiting, { announce: false });
    }
  }

  /** A message about the runtime (e.g. restarting after a crash), shown at the top until it is ready. */
  notice(text) {
    this.runtimeNote = text;
    this.showRuntime();
  }

  // ---- errors ----

  fieldFor(path) {
    const parts = path.split(".");
    if (parts.length === 3) {
      const group = this.form.querySelector(`[data-repeat="${CSS.escape(parts[0])}"]`);
      const row = group && this.rowsOf(group)[Number(parts[1])];
      return row ? row.querySelector(`[name="${CSS.escape(parts[2])}"]`) : null;
    }
    return this.form.querySelector(`[name="${CSS.escape(path)}"]:not(template *)`);
  }

  /** Mark the fields in error the reader should see now; returns those, in page order. */
  showErrors(errors) {
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const node of this.form.querySelectorAll(".calc-error")) {
      node.textContent = "";
      node.hidden = true;
      node.removeAttribute("data-error-for");
    }
    const shown = [];
    for (const { field, message } of errors) {
      const input = this.fieldFor(field);
      if (!input || !(this.submitted || this.touched.has(field))) continue;
      input.setAttribute("aria-invalid", "true");
      const node = input._calcError;
      if (node) {
        node.textContent = message;
        node.hidden = false;
        node.setAttribute("data-error-for", field);
      }
      shown.push({ field, message, input });
    }
    const order = (a, b) => (a.input.compareDocumentPosition(b.input) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    return shown.sort(order);
  }

  /** After a submit, every problem listed at the top of the form with a link to its field (GOV.UK's error summary). */
  updateSummary(shown) {
    const box = this.summary;
    if (!this.submitted || !shown.length) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const titleId = box.querySelector("h2")?.id || nextUid("calc-error-summary");
    const title = el("h2", { class: "calc-error-summary__title", id: titleId }, shown.length > 1 ? `有 ${shown.length} 处需要修改` : "有 1 处需要修改");
    const list = el("ul", { class: "calc-error-summary__list" });
    for (const { field, message, input } of shown) {
      if (!input.id) input.id = nextUid("calc-field");
      const link = el("a", { href: `#${input.id}`, "data-error-link": field }, `${this.rowPrefix(field)}${message}`);
      const item = el("li");
      item.append(link);
      list.append(item);
    }
    box.setAttribute("aria-labelledby", titleId);
    box.replaceChildren(title, list);
    box.hidden = false;
  }

  /** "你的欠款第 2 行：" for a field in a repeated row, else "". */
  rowPrefix(field) {
    const parts = field.split(".");
    if (parts.length !== 3) return "";
    const group = this.form.querySelector(`[data-repeat="${CSS.escape(parts[0])}"]`);
    const legend = group && group.querySelector(":scope > legend");
    return `${legend ? legend.textContent.trim() : ""}第 ${Number(parts[1]) + 1} 行：`;
  }

  // ---- results ----

  show(response, { focus = false } = {}) {
    if (response.ok) {
      this.showErrors([]);
      this.updateSummary([]);
      this.result.innerHTML = response.html; // built and escaped by calculators/render.py
      this.afterRender(response);
      results.set(this.tool, response.data || {});
      storage.set(`data:${this.tool}`, response.data || {});
      this.setStatus(response.announce || "结果已更新。");
      this.markForPrint(true);
      return;
    }
    const shown = this.showErrors(response.errors || []);
    this.updateSummary(shown);
    this.result.replaceChildren();
    this.tools.hidden = true;
    this.markForPrint(false);
    const missing = Array.isArray(response.missing) ? response.missing.filter((label) => typeof label === "string" && label) : [];
    if (shown.length) {
      const where = this.summary.hidden ? "请看输入框下方的提示。" : "已列在表单最上方。";
      this.setStatus(`有 ${shown.length} 处需要修改，${where}`);
      if (focus) focusField(shown[0].input);
    } else if (!response.errors || !response.errors.length) {
      this.setStatus(response.message || "出错了，请再试一次。");
    } else if (missing.length) {
      this.setStatus(`计算器已就绪。还差：${missing.join("、")}。填好后这里会显示结果。`);
    } else {
      this.setStatus(TEXT.readyEmpty);
    }
  }

  /** Printing a page with a result prints the result, not the guidance around it (site.css, print). */
  markForPrint(on) {
    const article = this.form.closest("article") || this.form.parentElement;
    if (!article) return;
    if (on) article.dataset.calcPrint = this.tool;
    else if (article.dataset.calcPrint === this.tool) delete article.dataset.calcPrint;
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
          this.setStatus("已复制，可以粘贴到短信、邮件或聊天窗口。");
        } catch {
          this.setStatus("没能自动复制，请长按文字手动复制。");
        }
      });
      doc.append(copy);
    }
    this.tools.hidden = false;
  }
}
