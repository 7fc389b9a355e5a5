// A repeat group (fieldset[data-repeat]): rows made from its <template>, an add and a remove
// button per row that stop at data-max-rows and data-min-rows and say why, and a note for that.
import { el, setText } from "./dom.mjs";
import { fill } from "./form-values.mjs";

const TEXT = {
  maxRows: (max) => `最多可以填 ${max} 行，已经填满了。要再加一行，请先删掉不需要的一行。`,
  minRows: (min) => `至少要留 ${min} 行，这一行不能删除。不用的行空着就行。`,
  prefillCut: (all, max) =>
    `带过来的记录有 ${all} 条，这里最多填 ${max} 行，所以只带入了最近的 ${max} 条。更早的记录还在沟通记录的表格文件里，可以一起附上。`,
};

export class RepeatGroup {
  /**
   * `onRow(row)` is called for every row once it is in the page (to add its error lines);
   * `onChange()` after the reader added or removed a row.
   */
  constructor(element, { onRow = () => {}, onChange = () => {} } = {}) {
    this.element = element;
    this.onRow = onRow;
    this.onChange = onChange;
    this.note = el("p", { class: "calc-repeat__note", role: "status", "data-repeat-note": "" });
    this.note.hidden = true;
    element.append(this.note);
    this.fillToMin();
    element.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      const remove = event.target.closest("[data-remove-row]");
      if (add && add.closest("[data-repeat]") === element) this.onAdd();
      else if (remove && remove.closest("[data-repeat]") === element) this.onRemove(remove);
    });
  }

  get name() {
    return this.element.dataset.repeat;
  }

  rows() {
    return [...this.element.querySelectorAll(":scope > .calc-row, :scope > [data-row]")];
  }

  limits() {
    return { min: Number(this.element.dataset.minRows || 1), max: Number(this.element.dataset.maxRows) || Infinity };
  }

  /** The group's legend text ("" without one). */
  legend() {
    const legend = this.element.querySelector(":scope > legend");
    return legend ? legend.textContent.trim() : "";
  }

  /** A new row from the template, filled with `values` if given, before the add button. */
  addRow(values = null) {
    const template = this.element.querySelector(":scope > template");
    if (!template) return null;
    const row = template.content.firstElementChild.cloneNode(true);
    row.setAttribute("data-row", "");
    row.classList.add("calc-row");
    for (const label of row.querySelectorAll("label[for]")) label.removeAttribute("for");
    for (const input of row.querySelectorAll("[id]")) input.removeAttribute("id");
    if (values) fill(row, values);
    const addButton = this.element.querySelector(":scope > [data-add-row]");
    this.element.insertBefore(row, addButton || this.note);
    this.onRow(row);
    this.renumber();
    return row;
  }

  fillToMin() {
    const { min } = this.limits();
    while (this.rows().length < min && this.addRow());
  }

  /** Rows for `list` (row values), at least data-min-rows of them. */
  replaceRows(list) {
    for (const row of this.rows()) row.remove();
    for (const values of list) this.addRow(values);
    this.fillToMin();
    this.renumber();
  }

  /** Back to data-min-rows empty rows. */
  reset() {
    this.replaceRows([]);
  }

  /** Whether every text field of the group is empty. */
  isBlank() {
    return [...this.element.querySelectorAll("input:not([type=checkbox]):not([type=radio]), textarea")].every(
      (input) => input.closest("template") || !input.value,
    );
  }

  /**
   * Fill the rows from another tool's `rows` (in date order): beyond data-max-rows the latest
   * are taken, and the note says how many were left out.
   */
  prefill(rows) {
    const { max } = this.limits();
    const taken = rows.length > max ? rows.slice(-max) : rows;
    this.replaceRows(taken);
    if (taken.length < rows.length) this.showNote(TEXT.prefillCut(rows.length, max));
  }

  renumber() {
    const rows = this.rows();
    const { min, max } = this.limits();
    rows.forEach((row, index) => {
      row.dataset.index = String(index);
      const remove = row.querySelector("[data-remove-row]");
      if (remove) {
        remove.dataset.text = remove.dataset.text || remove.textContent.trim();
        remove.setAttribute("aria-label", `${remove.dataset.text}（第 ${index + 1} 行）`);
        remove.setAttribute("aria-disabled", String(rows.length <= min));
      }
    });
    const add = this.element.querySelector(":scope > [data-add-row]");
    if (add) add.setAttribute("aria-disabled", String(rows.length >= max));
    this.showNote(rows.length >= max ? TEXT.maxRows(max) : "");
  }

  /** The group's note: why a row cannot be added or removed; empty hides it. */
  showNote(text, { again = false } = {}) {
    if (again) this.note.textContent = ""; // said again even if unchanged
    setText(this.note, text);
    this.note.hidden = !text;
  }

  onAdd() {
    const { max } = this.limits();
    if (this.rows().length >= max) {
      this.showNote(TEXT.maxRows(max), { again: true });
      return;
    }
    const row = this.addRow();
    const first = row && row.querySelector("input, select, textarea");
    if (first) first.focus();
    this.onChange();
  }

  onRemove(remove) {
    const { min } = this.limits();
    if (this.rows().length <= min) {
      this.showNote(TEXT.minRows(min), { again: true });
      return;
    }
    remove.closest("[data-row]").remove();
    this.renumber();
    const next = this.element.querySelector("[data-add-row]");
    if (next) next.focus();
    this.onChange();
  }
}
