// Form values: what the reader filled in, read from the page and written back into it (for
// saving, restoring, prefill and undo), and a field's name mapped to its input and its label.
// A field's path is its name, or `group.index.name` in a repeated row (lenders.0.amount).

/**
 * The values of the named fields in `scope`: text as typed; a lone checkbox as true/false;
 * checkboxes sharing a name with values as the list of ticked values; radios as the chosen value
 * (or ""). Fields in templates, the save toggle and those `ignore(input)` names are left out, and
 * with `skipRows` so are the repeated rows.
 */
export function readScope(scope, { skipRows = false, ignore = () => false } = {}) {
  const fields = {};
  const boxes = new Map();
  for (const input of scope.querySelectorAll("input, select, textarea")) {
    if (!input.name || input.closest("template") || input.matches("[data-save-toggle]")) continue;
    if (ignore(input)) continue;
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

/** Write `values` (as `readScope` gives them) into the fields of `scope`; rows are left to their group. */
export function fill(scope, values) {
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

/** A node's visible text, its form controls left out, on one line. */
function textOf(node) {
  const copy = node.cloneNode(true);
  for (const control of copy.querySelectorAll("input, select, textarea, button")) control.remove();
  return copy.textContent.replace(/\s+/g, " ").trim();
}

/** The values of one form: its own fields and its repeat groups (repeat-group.mjs). */
export class FormValues {
  /** `groups`: the form's RepeatGroups in page order; `ignore(input)`: fields that are not the reader's (the result's ticks). */
  constructor(form, groups, ignore) {
    this.form = form;
    this.groups = groups;
    this.ignore = ignore;
  }

  /** What the reader filled in: this is what is saved (with consent). */
  read() {
    const fields = readScope(this.form, { skipRows: true, ignore: this.ignore });
    for (const group of this.groups) {
      fields[group.name] = group.rows().map((row) => readScope(row, { ignore: this.ignore }));
    }
    return fields;
  }

  /** Fill the whole form, rows included, from what `read` gave. */
  apply(values) {
    fill(this.form, values);
    for (const group of this.groups) {
      const rows = values[group.name];
      if (Array.isArray(rows)) group.replaceRows(rows);
    }
  }

  groupNamed(name) {
    return this.groups.find((group) => group.name === name) || null;
  }

  /** The path of an input of this form. */
  pathOf(input) {
    const row = input.closest("[data-row]");
    if (row && this.form.contains(row)) {
      const group = row.closest("[data-repeat]");
      return `${group.dataset.repeat}.${row.dataset.index}.${input.name}`;
    }
    return input.name;
  }

  /** The input a path names, or null. */
  fieldFor(path) {
    const parts = path.split(".");
    if (parts.length === 3) {
      const group = this.groupNamed(parts[0]);
      const row = group && group.rows()[Number(parts[1])];
      return row ? row.querySelector(`[name="${CSS.escape(parts[2])}"]`) : null;
    }
    return this.form.querySelector(`[name="${CSS.escape(path)}"]:not(template *)`);
  }

  /** "你的欠款第 2 行：" for a path in a repeated row, else "". */
  rowPrefix(path) {
    const parts = path.split(".");
    if (parts.length !== 3) return "";
    const group = this.groupNamed(parts[0]);
    return `${group ? group.legend() : ""}第 ${Number(parts[1]) + 1} 行：`;
  }

  /**
   * The label the page shows for the field a path names (a choice: its group's legend), with the
   * row prefix in a repeated row; "" when the path names no field of this form.
   */
  labelFor(path) {
    const input = this.fieldFor(path);
    if (!input) return "";
    const choice = input.type === "radio" || (input.type === "checkbox" && input.hasAttribute("value") && input.value !== "on");
    const legend = choice && input.closest("fieldset") && input.closest("fieldset").querySelector(":scope > legend");
    const label = legend || (input.labels && input.labels[0]);
    const text = label ? textOf(label) : "";
    return text && `${this.rowPrefix(path)}${text}`;
  }
}
