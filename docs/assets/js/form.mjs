// A form declared with data-calculator, made of components: the runtime bar, the privacy bar,
// the error summary, error lines under the fields, repeat groups, the form's values and the result
// area (one module each). The form composes them, keeps the status line, and calls Python as the
// reader types, showing only the newest answer. Pages never carry their own script; see
// CONTRIBUTING.md for the contract.
import { CaseLink } from "./case-link.mjs";
import { caseStore } from "./case-store.mjs";
import { el, focusField, setText } from "./dom.mjs";
import { ErrorSummary } from "./error-summary.mjs";
import { FieldErrors } from "./field-errors.mjs";
import { FormValues } from "./form-values.mjs";
import { privacyBar } from "./privacy-bar.mjs";
import { RepeatGroup } from "./repeat-group.mjs";
import { ResultArea } from "./result-area.mjs";
import { RuntimeBar } from "./runtime-bar.mjs";
import { call, runtime, startRuntime } from "./runtime.mjs";
import { sharedResults } from "./shared-results.mjs";
import { storage } from "./storage.mjs";

const DEBOUNCE_MS = 200;

const TEXT = {
  ready: "计算器已就绪，结果会随输入自动更新。",
  waiting: "计算器准备好后，结果会显示在这里。",
  waitingAfterSubmit: "计算器还在准备，好了以后会马上算出结果。",
  failed: "计算器没能启动，原因和“重新加载”按钮在表单顶部。",
  readyEmpty: "计算器已就绪。填好上面的内容后，这里会显示结果。",
  missing: (labels) => `计算器已就绪。还差：${labels.join("、")}。填好后这里会显示结果。`,
};

/** The reader's own date (not UTC) as YYYY-MM-DD. */
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export class CalculatorForm {
  constructor(form) {
    this.form = form;
    this.tool = form.dataset.calculator;
    this.saveKey = form.dataset.save || "";
    this.touched = new Set(); // paths of the fields the reader has edited
    this.submitted = false;
    this.requested = 0; // number of the newest call; older answers are ignored
    this.shownFields = ""; // the fields of the result on screen (JSON), "" when none is shown
    this.timer = null;
    this.buildChrome();
    this.declared = JSON.stringify(this.values.read()); // the form as the page declared it
    this.restore();
    this.prefill();
    this.caseLink?.fillFromAddress(); // opened from 我的情况 for one lender (#lender=<index>)
    this.wire();
    this.showRuntime();
  }

  buildChrome() {
    const form = this.form;
    form.setAttribute("novalidate", "");
    form.setAttribute("autocomplete", "off"); // shared phones: the browser should not remember entries
    form.classList.add("calc");
    this.errors = new FieldErrors(form);
    this.groups = [...form.querySelectorAll("[data-repeat]")].map(
      (group) => new RepeatGroup(group, { onRow: (row) => this.errors.decorate(row), onChange: () => this.recalculate() }),
    );
    if (!form.querySelector("[type=submit]")) {
      const actions = el("div", { class: "calc-actions calc-chrome" });
      actions.append(el("button", { type: "submit", class: "md-button md-button--primary" }, "计算"));
      form.append(actions);
    }
    this.status = form.querySelector("[data-calc-status]") || el("p", { class: "calc-status calc-chrome", "data-calc-status": "" });
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.offlineNote = el("p", { class: "calc-offline calc-chrome", hidden: "" }, "可离线使用：这台设备已存好计算器，断网也能算。");
    this.result = new ResultArea(form, this.tool, (text) => this.setStatus(text));
    form.append(this.status, this.offlineNote, this.result.element, this.result.tools);
    this.values = new FormValues(form, this.groups, (input) => this.result.contains(input));
    // 从我的情况填入 and 存入我的情况, where the page declares data-case (case-link.mjs)
    this.caseLink = CaseLink.for(form, {
      tool: this.tool,
      fillRows: (element, rows) => this.groups.find((group) => group.element === element)?.prefill(rows),
      filled: () => this.recalculate({ now: true }),
    });
    if (this.caseLink) {
      form.prepend(this.caseLink.element);
      if (form.hasAttribute("data-case-store")) form.append(this.caseLink.saveArea);
    }
    if (this.saveKey) form.prepend(privacyBar(() => this.save()));
    this.summary = new ErrorSummary();
    form.prepend(this.summary.element);
    this.runtimeBar = new RuntimeBar();
    form.prepend(this.runtimeBar.element);
    this.errors.decorate(form);
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
  }

  onEdit(event) {
    const target = event.target;
    if (target.matches("[data-save-toggle]") || this.result.contains(target)) return;
    if (target.name) this.touched.add(this.values.pathOf(target));
    this.recalculate();
  }

  // ---- saving and prefill ----

  restore() {
    if (!this.saveKey) return;
    const saved = storage.get(`form:${this.saveKey}`);
    if (saved) this.values.apply(saved);
  }

  prefill() {
    const source = (reference) => {
      const [tool, key] = reference.split(".");
      const data = sharedResults.get(tool) || storage.get(`data:${tool}`);
      return data ? data[key] : null;
    };
    for (const input of this.form.querySelectorAll("[data-prefill]")) {
      const value = source(input.dataset.prefill);
      if (!input.value && value != null && typeof value !== "object") input.value = String(value);
    }
    // A group with data-prefill-rows="log.rows" takes another tool's rows while it is still blank.
    for (const group of this.groups) {
      if (!group.element.dataset.prefillRows) continue;
      const rows = source(group.element.dataset.prefillRows);
      if (group.isBlank() && Array.isArray(rows) && rows.length) group.prefill(rows);
    }
  }

  save() {
    if (this.saveKey) storage.set(`form:${this.saveKey}`, this.values.read());
  }

  // ---- clearing (see clear.mjs) ----

  /** Whether the reader has typed or ticked anything that a clear would lose. */
  hasWork() {
    return JSON.stringify(this.values.read()) !== this.declared || this.result.ticks() !== null;
  }

  /** Everything a clear takes away from this form, to put back on undo (memory only). */
  snapshot() {
    return { fields: this.values.read(), ticks: this.result.ticks(), touched: new Set(this.touched) };
  }

  /** Back to the form as the page declared it, with no error marked. */
  clearWork() {
    this.touched.clear();
    this.submitted = false;
    this.form.reset();
    for (const group of this.groups) group.reset();
    this.errors.show([]);
    this.summary.show([]);
    this.result.clear({ forgetTicks: true });
    this.caseLink?.resultCleared();
    this.shownFields = "";
    this.recalculate({ now: true, quiet: true });
  }

  restoreWork(snapshot) {
    this.values.apply(snapshot.fields);
    this.result.restoreTicks(snapshot.ticks);
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
      const fields = { ...this.values.read(), today: localToday() }; // today's date on this device: never saved
      if (this.form.hasAttribute("data-case-read")) fields.case = caseStore.text() || ""; // the case (我的情况): read, never saved with the form
      const key = JSON.stringify(fields);
      if (!focus && key === this.shownFields) {
        this.requested++; // an answer still on its way is for fields no longer there
        return;
      }
      const number = ++this.requested;
      call(this.tool, fields, { input: this.hasWork() }).then((response) => {
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
    this.runtimeBar.show(state, runtime.reason);
    this.offlineNote.hidden = !(runtime.offline && state === "ready");
    if (state === "ready") {
      if (!this.status.textContent || this.status.getAttribute("aria-live") === "off") this.setStatus(TEXT.ready);
      return;
    }
    if (this.status.getAttribute("aria-live") === "off" || !this.status.textContent || state === "failed") {
      this.setStatus(state === "failed" ? TEXT.failed : TEXT.waiting, { announce: false });
    }
  }

  /** A message about the runtime (e.g. restarting after a crash), shown at the top until it is ready. */
  notice(text) {
    this.runtimeBar.notice(text);
    this.showRuntime();
  }

  // ---- answers ----

  /** Mark the errors the reader should see now (after a submit, or on fields they edited); returns those, in page order. */
  showErrors(errors) {
    const shown = [];
    for (const { field, message } of errors) {
      const input = this.values.fieldFor(field);
      if (input && (this.submitted || this.touched.has(field))) shown.push({ field, message, input });
    }
    this.errors.show(shown);
    const order = (a, b) => (a.input.compareDocumentPosition(b.input) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    return shown.sort(order);
  }

  /** After a submit, every problem listed at the top of the form (error-summary.mjs). */
  updateSummary(shown) {
    const problems = this.submitted ? shown : [];
    this.summary.show(problems.map(({ field, message, input }) => ({ field, input, text: `${this.values.rowPrefix(field)}${message}` })));
  }

  show(response, { focus = false } = {}) {
    if (response.ok) {
      this.showErrors([]);
      this.updateSummary([]);
      this.result.show(response);
      sharedResults.set(this.tool, response.data || {});
      this.caseLink?.resultShown(response.data || {});
      storage.set(`data:${this.tool}`, response.data || {});
      this.setStatus(response.announce || "结果已更新。");
      return;
    }
    const shown = this.showErrors(response.errors || []);
    this.updateSummary(shown);
    this.result.clear();
    this.caseLink?.resultCleared();
    // `missing` names the required fields still empty: by path (shown with the page's own label)
    // or, from older answers, already as a label (shown as it is).
    const missing = Array.isArray(response.missing)
      ? response.missing.filter((entry) => typeof entry === "string" && entry).map((entry) => this.values.labelFor(entry) || entry)
      : [];
    if (shown.length) {
      const where = this.summary.hidden ? "请看输入框下方的提示。" : "已列在表单最上方。";
      this.setStatus(`有 ${shown.length} 处需要修改，${where}`);
      if (focus) focusField(shown[0].input);
    } else if (!response.errors || !response.errors.length) {
      this.setStatus(response.message || "出错了，请再试一次。");
    } else if (missing.length) {
      this.setStatus(TEXT.missing(missing));
    } else {
      this.setStatus(TEXT.readyEmpty);
    }
  }
}
