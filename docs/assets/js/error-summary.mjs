// The error summary (GOV.UK's pattern): after a refused 计算, every problem at the top of the form,
// each a link that brings its field into view and focuses it.
import { el, focusField, nextUid } from "./dom.mjs";

export class ErrorSummary {
  constructor() {
    this.element = el("div", { class: "calc-error-summary calc-chrome", "data-error-summary": "", tabindex: "-1", hidden: "" });
    this.element.addEventListener("click", (event) => {
      const link = event.target.closest("[data-error-link]");
      const input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      event.stopPropagation(); // Material's instant navigation would treat it as a page change
      focusField(input);
    });
  }

  get hidden() {
    return this.element.hidden;
  }

  /** List `problems` ({field, input, text}, in page order); none hides the summary. */
  show(problems) {
    const box = this.element;
    if (!problems.length) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const titleId = box.querySelector("h2")?.id || nextUid("calc-error-summary");
    const title = el("h2", { class: "calc-error-summary__title", id: titleId }, problems.length > 1 ? `有 ${problems.length} 处需要修改` : "有 1 处需要修改");
    const list = el("ul", { class: "calc-error-summary__list" });
    for (const { field, input, text } of problems) {
      if (!input.id) input.id = nextUid("calc-field");
      const link = el("a", { href: `#${input.id}`, "data-error-link": field }, text);
      const item = el("li");
      item.append(link);
      list.append(item);
    }
    box.setAttribute("aria-labelledby", titleId);
    box.replaceChildren(title, list);
    box.hidden = false;
  }
}
