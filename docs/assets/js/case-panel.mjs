// The 我的情况 page's controls ([data-case-panel], declared in docs/case.md): 在本机保存 for the
// case, export to one file (locked with a passphrase where the browser allows it), and import from
// a file. Every file is read by Python (calculators/core/case.py through the "case" tool) before
// anything changes; a refusal is said next to the control and changes nothing. Importing over a
// case asks first (replace or keep), and a replace can be undone. Nothing from a file is ever
// written as HTML: messages are text, the summary is rendered (and escaped) by Python.
import { caseEvents, caseStore } from "./case-store.mjs";
import { canLock, lock, unlock } from "./case-file.mjs";
import { el } from "./dom.mjs";
import { download } from "./downloads.mjs";
import { privacyBar } from "./privacy-bar.mjs";
import { call, runtime, runtimeEvents, startRuntime } from "./runtime.mjs";

// Never read more than this into memory; below it, Python's limits (case.py) decide.
const READ_LIMIT = 16_000_000;
const MIN_PASSPHRASE = 6;

/** The reader's own date as YYYY-MM-DD, for the file's name. */
function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Python's answer for the case tool, once Python is ready (it is started if need be). */
function ask(fields) {
  if (runtime.state === "ready") return call("case", fields);
  startRuntime();
  return new Promise((resolve) => {
    const ready = () => {
      runtimeEvents.removeEventListener("ready", ready);
      resolve(call("case", fields));
    };
    runtimeEvents.addEventListener("ready", ready);
  });
}

/** Put the case's text into the page's [data-case-text] inputs; `announce` tells their form. */
export function fillCaseInputs({ announce = false } = {}) {
  for (const input of document.querySelectorAll("input[data-case-text]")) {
    const value = caseStore.text() || "";
    if (input.value === value) continue;
    input.value = value;
    if (announce) input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
caseEvents.addEventListener("change", () => fillCaseInputs({ announce: true }));

class CasePanel {
  constructor(panel) {
    this.panel = panel;
    this.find = (name) => panel.querySelector(`[data-case-${name}]`);
    const privacy = this.find("privacy");
    if (privacy) privacy.replaceChildren(privacyBar(() => caseStore.save()));
    this.wireExport();
    this.wireImport();
  }

  /** Say `text` in the message element `name` (role=status or alert in the page); `level` styles it. */
  say(name, text, level = "info") {
    const node = this.find(name);
    node.textContent = text;
    node.dataset.level = level;
    node.hidden = !text;
  }

  // ---- export ----

  wireExport() {
    const passphrase = this.find("passphrase");
    const again = this.find("passphrase-again");
    if (!canLock()) {
      for (const input of [passphrase, again]) input.disabled = true;
      this.say("no-lock", "这个网址不是用 https 打开的，浏览器不让网页加密，这里只能导出不加密的文件。拿到这个文件的人都能读到里面的内容：请当面用数据线或存储卡拷贝，不要经聊天软件发送。", "warning");
    }
    this.find("export").addEventListener("click", () => this.export(passphrase.value, again.value));
  }

  async export(passphrase, again) {
    this.say("export-status", "");
    const text = caseStore.text();
    if (!text) {
      this.say("export-status", "还没有可以导出的内容。先导入一个文件，或者在工具里把结果存入“我的情况”。", "error");
      return;
    }
    const name = `我的情况-${today()}.json`;
    if (!passphrase || !canLock()) {
      download({ filename: name, mime: "application/json;charset=utf-8", text });
      this.say("export-status", "已导出，没有加密：拿到这个文件的人都能读到里面的内容。", "warning");
      return;
    }
    if (passphrase.length < MIN_PASSPHRASE) {
      this.say("export-status", `密码至少要 ${MIN_PASSPHRASE} 个字，没有导出。`, "error");
      return;
    }
    if (passphrase !== again) {
      this.say("export-status", "两次输入的密码不一样，没有导出。请再输一遍。", "error");
      return;
    }
    this.say("export-status", "正在加密……");
    download({ filename: name, mime: "application/json;charset=utf-8", text: await lock(text, passphrase) });
    this.say("export-status", "已导出加了密码的文件。密码请当面或打电话告诉对方，不要和文件一起发。", "success");
  }

  // ---- import ----

  wireImport() {
    const file = this.find("file");
    file.addEventListener("change", () => {
      const chosen = file.files && file.files[0];
      file.value = ""; // the same file can be chosen again
      if (chosen) this.open(chosen);
    });
    this.find("unlock").addEventListener("click", () => this.unlockWith(this.find("unlock-passphrase").value));
    this.find("unlock-passphrase").addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.unlockWith(event.target.value);
      }
    });
  }

  reset() {
    this.locked = null;
    this.find("unlock-area").hidden = true;
    this.find("question").replaceChildren();
    for (const name of ["import-status", "unlock-status"]) this.say(name, "");
  }

  async open(file) {
    this.reset();
    if (file.size > READ_LIMIT) {
      this.say("import-status", "文件太大了，不是本站导出的记录，没有导入。", "error");
      return;
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      this.say("import-status", "这个文件不是本站导出的记录（无法读取文字），没有导入。", "error");
      return;
    }
    if (runtime.state !== "ready") this.say("import-status", "计算器还在准备，好了以后会马上读取这个文件。");
    const answer = await ask({ action: "open", text });
    this.answered(answer);
  }

  answered(answer) {
    if (!answer || !answer.ok) {
      this.say("import-status", (answer && answer.message) || "没能读取这个文件，没有导入。请再试一次。", "error");
      return;
    }
    if (answer.data.locked) {
      if (!canLock()) {
        this.say("import-status", "这个文件加了密码，但这个网址不是用 https 打开的，浏览器不让网页解密。请到用 https 打开的本站导入它。", "error");
        return;
      }
      this.locked = answer.data.locked;
      this.say("import-status", "这个文件加了密码。请在下面输入密码。");
      this.find("unlock-area").hidden = false;
      this.find("unlock-passphrase").value = "";
      this.find("unlock-passphrase").focus();
      return;
    }
    this.arrive(answer.data.case);
  }

  async unlockWith(passphrase) {
    if (!this.locked) return;
    this.say("unlock-status", "正在解密……");
    const text = await unlock(this.locked, passphrase);
    if (text === null) {
      this.say("unlock-status", "密码不对，或者文件已经损坏，没有导入。请再输一遍密码。", "error");
      this.find("unlock-passphrase").focus();
      return;
    }
    const answer = await ask({ action: "open", text, inner: true });
    this.say("unlock-status", "");
    this.find("unlock-area").hidden = true;
    this.locked = null;
    this.answered(answer);
  }

  /** A good case read from a file: take it, or ask first when there is another one. */
  arrive(text) {
    const before = caseStore.text();
    if (before === null || before === text) {
      caseStore.set(text);
      this.say("import-status", "已导入。下面就是导入的内容。", "success");
      return;
    }
    const question = this.find("question");
    const title = el("p", { class: "calc-confirm__title", id: "case-question-title" }, "这台设备上已经有一份“我的情况”。用文件里的替换它，还是保留现在的？");
    const replace = el("button", { type: "button", class: "md-button md-button--primary", "data-case-replace": "" }, "用文件里的替换");
    const keep = el("button", { type: "button", class: "md-button", "data-case-keep": "" }, "保留现在的");
    const actions = el("div", { class: "calc-confirm__actions" });
    actions.append(replace, keep);
    question.setAttribute("role", "group");
    question.setAttribute("aria-labelledby", "case-question-title");
    question.replaceChildren(title, actions);
    keep.focus(); // the safe choice
    keep.addEventListener("click", () => {
      this.closeQuestion();
      this.say("import-status", "保留了现在的内容，文件没有导入。", "info");
      this.find("file").focus();
    });
    replace.addEventListener("click", () => {
      this.closeQuestion();
      caseStore.set(text);
      this.say("import-status", "已用文件里的内容替换。", "success");
      const undo = el("button", { type: "button", class: "md-button", "data-case-undo": "" }, "撤销导入");
      undo.addEventListener("click", () => {
        caseStore.set(before);
        this.closeQuestion();
        this.say("import-status", "已撤销导入，原来的内容回来了。", "success");
        this.find("file").focus();
      });
      this.find("question").append(undo);
      undo.focus();
    });
  }

  closeQuestion() {
    const question = this.find("question");
    question.replaceChildren();
    question.removeAttribute("role");
    question.removeAttribute("aria-labelledby");
  }
}

/** Wire the case panels of the current page (none on most pages). */
export function setupCasePanels() {
  for (const panel of document.querySelectorAll("[data-case-panel]")) new CasePanel(panel);
}
