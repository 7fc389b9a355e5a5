// The result area: the HTML Python rendered ([data-calc-result]), then its tools (a button per
// download, print) and a copy button under each document. Ticks in the result keep their state
// across recalculation (and on this device with consent). Once it shows a result, printing the
// page prints the result instead of the guidance (site.css, print).
import { download } from "./downloads.mjs";
import { el } from "./dom.mjs";
import { storage } from "./storage.mjs";

const siteRoot = new URL("../../", import.meta.url);

export class ResultArea {
  /** `form`: the form it belongs to; `tool`: its name; `say(text)`: a message for the status line. */
  constructor(form, tool, say) {
    this.form = form;
    this.tool = tool;
    this.say = say;
    this.element = form.querySelector("[data-calc-result]") || el("div", { class: "calc-result", "data-calc-result": "" });
    this.tools = el("div", { class: "calc-result-tools calc-chrome", hidden: "" });
    this.checks = new Map(); // tick key -> ticked
    this.element.addEventListener("change", (event) => {
      const box = event.target.closest("[data-persist-key]");
      if (!box) return;
      this.checks.set(box.dataset.persistKey, box.checked);
      storage.set(`check:${box.dataset.persistKey}`, box.checked);
    });
  }

  /** A copy of the ticks in the result, for `restoreTicks`; `null` when there are none. */
  ticks() {
    return this.checks.size ? new Map(this.checks) : null;
  }

  restoreTicks(ticks) {
    this.checks = new Map(ticks || []);
  }

  contains(node) {
    return this.element.contains(node);
  }

  /** Show a good response: its HTML (built and escaped by calculators/core/render.py) and its tools. */
  show(response) {
    this.element.innerHTML = response.html;
    for (const link of this.element.querySelectorAll("a[data-site-link]")) {
      link.href = new URL(link.dataset.siteLink, siteRoot).href;
    }
    for (const box of this.element.querySelectorAll("[data-persist-key]")) {
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
    for (const doc of this.element.querySelectorAll(".calc-document")) {
      const copy = el("button", { type: "button", class: "md-button calc-chrome", "data-copy": "" }, "复制全文");
      copy.addEventListener("click", async () => {
        const text = doc.querySelector(".calc-document__body").innerText;
        try {
          await navigator.clipboard.writeText(text);
          this.say("已复制，可以粘贴到短信、邮件或聊天窗口。");
        } catch {
          this.say("没能自动复制，请长按文字手动复制。");
        }
      });
      doc.append(copy);
    }
    this.tools.hidden = false;
    this.markForPrint(true);
  }

  /** No result: the area and its tools emptied and hidden; `forgetTicks` also drops the ticks. */
  clear({ forgetTicks = false } = {}) {
    this.element.replaceChildren();
    this.tools.hidden = true;
    this.markForPrint(false);
    if (forgetTicks) this.checks.clear();
  }

  /** Printing a page with a result prints the result, not the guidance around it (site.css, print). */
  markForPrint(on) {
    const article = this.form.closest("article") || this.form.parentElement;
    if (!article) return;
    if (on) article.dataset.calcPrint = this.tool;
    else if (article.dataset.calcPrint === this.tool) delete article.dataset.calcPrint;
  }
}
