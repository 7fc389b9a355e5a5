// The privacy bar of a form with data-save: the 在本机保存 switch (off by default), the
// 清除本机数据 button (handled by clear.mjs: it asks first and can be undone), and a short note.
import { el, nextUid } from "./dom.mjs";
import { storage } from "./storage.mjs";

/** The bar's element; `onSaveTurnedOn()` runs when the reader turns saving on (to save the form now). */
export function privacyBar(onSaveTurnedOn) {
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
      onSaveTurnedOn();
    } else {
      storage.clearAll();
    }
  });
  bar.append(label, clear, note);
  return bar;
}

/** Show in every 在本机保存 switch of the page whether saving is on (after a clear or its undo). */
export function syncSaveToggles() {
  for (const box of document.querySelectorAll("[data-save-toggle]")) box.checked = storage.enabled();
}
