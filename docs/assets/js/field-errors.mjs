// The error line under each field (p.calc-error, linked with aria-describedby): added once per
// field, filled with Python's message when the reader should see it, emptied otherwise.
import { el, nextUid } from "./dom.mjs";

const lineOf = new WeakMap(); // input -> its error line

export class FieldErrors {
  constructor(form) {
    this.form = form;
  }

  /** Give every named field in `root` that has none yet its (hidden) error line. */
  decorate(root) {
    for (const input of root.querySelectorAll("input, select, textarea")) {
      if (!input.name || input.type === "hidden" || input.closest("template") || lineOf.has(input)) continue;
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
      lineOf.set(input, error);
    }
  }

  /** Show exactly these errors ({field, message, input}); every other field is unmarked. */
  show(errors) {
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const node of this.form.querySelectorAll(".calc-error")) {
      node.textContent = "";
      node.hidden = true;
      node.removeAttribute("data-error-for");
    }
    for (const { field, message, input } of errors) {
      input.setAttribute("aria-invalid", "true");
      const node = lineOf.get(input);
      if (node) {
        node.textContent = message;
        node.hidden = false;
        node.setAttribute("data-error-for", field);
      }
    }
  }
}
