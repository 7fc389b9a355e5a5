// The runtime bar at the top of a form ([data-calc-runtime]): while Python loads, the step and a
// progress bar with its percentage; if it fails, why, and a button to try again. Sticky while the
// reader fills in the form (site.css); hidden once Python is ready.
import { el, setText } from "./dom.mjs";
import { loadingStep, retry } from "./runtime.mjs";

const TEXT = {
  loading: ({ step, steps, name }) => `正在准备计算器（第 ${step}/${steps} 步：${name}）。可以先填写，准备好后会自动计算。`,
  failed: (reason) => `${reason} 页面上的说明仍然可以正常阅读，你也可以按说明自己动手算。`,
};

export class RuntimeBar {
  constructor() {
    this.element = el("div", { class: "calc-runtime calc-chrome", "data-calc-runtime": "" });
    // Only the sentence is a live region: it changes per stage, not per percent.
    this.line = el("p", { class: "calc-runtime__text", role: "status" });
    this.meter = el("div", { class: "calc-runtime__meter", "aria-hidden": "true" });
    this.progress = el("progress", { class: "calc-runtime__progress", max: "100" });
    this.share = el("span", { class: "calc-runtime__share" });
    this.meter.append(this.progress, this.share);
    this.retryButton = el("button", { type: "button", class: "md-button calc-retry", hidden: "" }, "重新加载计算器");
    this.retryButton.addEventListener("click", retry);
    this.element.append(this.line, this.meter, this.retryButton);
    this.note = ""; // e.g. restarting after a crash: said instead of the step until Python is ready
  }

  /** A message about the runtime, shown while it loads, until it is ready. */
  notice(text) {
    this.note = text;
  }

  /** Show the runtime's `state` (loading, ready or failed) and, for failed, its `reason`. */
  show(state, reason = "") {
    this.element.hidden = state === "ready";
    this.retryButton.hidden = state !== "failed";
    if (state === "ready") {
      this.note = "";
      return;
    }
    const now = loadingStep();
    const text = state === "failed" ? TEXT.failed(reason) : this.note || TEXT.loading(now);
    setText(this.line, text);
    const percent = state === "loading" && now.share !== null ? Math.round(now.share * 100) : null;
    this.meter.hidden = state === "failed";
    if (percent === null) this.progress.removeAttribute("value");
    else this.progress.value = percent;
    setText(this.share, percent === null ? "" : `${percent}%`);
  }
}
