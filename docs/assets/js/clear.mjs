// 清除本机数据: asks first, then removes every key this site stored, the case held in this visit
// (case-store.mjs) and the forms of the current page, with no field marked as an error. Until the reader leaves the page, one tap on
// 撤销 puts it all back; what is needed for that is kept in memory only.
import { caseStore } from "./case-store.mjs";
import { el } from "./dom.mjs";
import { syncSaveToggles } from "./privacy-bar.mjs";
import { sharedResults } from "./shared-results.mjs";
import { storage } from "./storage.mjs";

let undo = null; // what the last clear took away, until the page changes
const panelOf = new WeakMap(); // 清除本机数据 button -> its panel
const buttonOf = new WeakMap(); // panel -> its button

let uid = 0;

/** The panel under one 清除本机数据 button (made on first use). */
function panelFor(button) {
  const made = panelOf.get(button);
  if (made && made.isConnected) return made;
  const panel = el("div", { class: "calc-confirm", "data-clear-panel": "" });
  const bar = button.closest(".calc-privacy");
  if (bar) bar.append(panel);
  else (button.closest("p") || button).after(panel);
  panelOf.set(button, panel);
  buttonOf.set(panel, button);
  return panel;
}

/** The start-up snapshot of Python (calc-worker.mjs) holds nothing typed, but it is this site's data too. */
function forgetSnapshot() {
  if ("caches" in self) caches.delete("xsh-snapshot").catch(() => false);
}

function ask(button, forms) {
  const panel = panelFor(button);
  const stored = storage.holdsAnything();
  const work = forms.some((form) => form.hasWork());
  const kept = caseStore.holds();
  if (!stored && !work && !kept) {
    forgetSnapshot();
    done(panel, "这台设备上没有本站保存的内容，这一页也还没有填写，不需要清除。");
    return;
  }
  const titleId = `calc-confirm-${++uid}`;
  const what = [];
  if (stored) what.push("本站在这台设备上保存的全部内容（所有工具的），并关闭“在本机保存”");
  if (kept && !stored) what.push("这次访问里的“我的情况”");
  if (work) what.push("这一页填写的内容");
  const title = el("p", { class: "calc-confirm__title", id: titleId }, "确定要清除吗？");
  const detail = el("p", { class: "calc-confirm__detail" }, `会清除${what.join("，以及")}。离开这一页之前，还可以撤销。`);
  const yes = el("button", { type: "button", class: "md-button md-button--primary", "data-clear-confirm": "" }, "确定清除");
  const no = el("button", { type: "button", class: "md-button", "data-clear-cancel": "" }, "取消");
  const actions = el("div", { class: "calc-confirm__actions" });
  actions.append(yes, no);
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-labelledby", titleId);
  panel.replaceChildren(title, detail, actions);
  no.focus(); // the safe choice; the group's name reads the question
}

function confirmClear(panel, forms) {
  const stored = storage.holdsAnything();
  const work = forms.some((form) => form.hasWork());
  const kept = caseStore.holds();
  undo = {
    stored: storage.snapshot(),
    results: sharedResults.snapshot(),
    case: caseStore.snapshot(),
    forms: forms.map((form) => [form, form.snapshot()]),
  };
  storage.clearAll();
  sharedResults.clear();
  forgetSnapshot();
  caseStore.clear();
  syncSaveToggles();
  for (const form of forms) form.clearWork();
  const what = [stored && "本站在这台设备上保存的内容", kept && !stored && "“我的情况”", work && "这一页填写的内容"].filter(Boolean).join("和");
  const button = el("button", { type: "button", class: "md-button", "data-clear-undo": "" }, "撤销");
  done(panel, `已清除${what}。`, button, "离开这一页以后就不能撤销了。");
}

function undoClear(panel) {
  if (!undo) return;
  storage.restore(undo.stored);
  sharedResults.restore(undo.results);
  caseStore.restore(undo.case);
  syncSaveToggles();
  for (const [form, snapshot] of undo.forms) form.restoreWork(snapshot);
  undo = null;
  done(panel, "已撤销，清除前的内容都回来了。");
}

/** Say what happened in the panel, with an optional button and note; focus moves to the message. */
function done(panel, text, button = null, note = "") {
  const message = el("p", { class: "calc-clear-status", "data-clear-status": "", role: "status", tabindex: "-1" }, text);
  const parts = [message];
  if (button) parts.push(button);
  if (note) parts.push(el("p", { class: "calc-confirm__detail" }, note));
  panel.removeAttribute("role");
  panel.removeAttribute("aria-labelledby");
  panel.replaceChildren(...parts);
  message.focus();
}

/** Handle every 清除本机数据 button; `currentForms()` gives the controllers of the page's forms. */
export function wireClearButtons(currentForms) {
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const clear = target.closest("[data-clear-local]");
    const panel = target.closest("[data-clear-panel]");
    if (clear) ask(clear, currentForms());
    else if (panel && target.closest("[data-clear-confirm]")) confirmClear(panel, currentForms());
    else if (panel && target.closest("[data-clear-cancel]")) {
      panel.replaceChildren();
      panel.removeAttribute("role");
      panel.removeAttribute("aria-labelledby");
      buttonOf.get(panel).focus();
    } else if (panel && target.closest("[data-clear-undo]")) undoClear(panel);
  });
}

/** A new page: the last clear can no longer be undone, and what it took is dropped. */
export function forgetUndo() {
  undo = null;
}
