// A tool form's link to the case (我的情况), declared by the page, with no script of its own:
// - `data-case="income"` on an input: 从我的情况填入 fills it from that part of the case;
//   `data-case="lender.owed.total"` from the lender the reader picks (a form with
//   `data-case-lender` is about one lender and offers the choice);
// - `data-case-rows="lenders"` on a data-repeat group: one row per lender, each row input taking
//   its `data-case` part of that lender ("name", "owed.total", "monthly_demand");
// - `data-case="papers.kind"`: where a path meets a list of records, each record's part (for
//   checkboxes, those to tick; for one field, the value they all share). `data-case-newest=
//   "papers.received"` on the form takes only the records of the newest day (a form for one day's papers);
// - `data-case-store` on the form: after a result, 存入我的情况 puts the result into the case.
//   How a result becomes part of the case is Python's (calculators/tools/case.py, store).
// - on a `data-case-lender` form, an address ending in `#lender=<index>` (the 我的情况 summary's
//   links) chooses that lender and fills the form at once. A fragment, never a query string: it
//   never leaves the browser, so no server log holds it.
// Filling from a chosen lender empties what that lender's part of the case does not hold, and the
// fields prefilled from the last result of another one-lender tool (it may be about another lender).
// With no case the form works as before; the fill bar appears only when there is a case.
import { caseEvents, caseStore } from "./case-store.mjs";
import { el, nextUid } from "./dom.mjs";
import { call } from "./runtime.mjs";

const links = new Set(); // the live links of the current page
// Tools whose result is about one lender (what data-prefill may name): their figures must not
// stay in a form filled for another lender.
const ABOUT_ONE_LENDER = new Set(["plan", "letter", "pack", "rate", "lender_letters"]);

caseEvents.addEventListener("change", () => {
  for (const link of links) {
    if (link.form.isConnected) link.refresh();
    else links.delete(link);
  }
});

/** The value at a dotted `path` ("owed.total") of `object`: a list as it is, anything else as text, or null.
 * Where the path meets a list of records ("papers.kind"), the rest of the path is read from each
 * record, giving the list of what they hold. */
function at(object, path) {
  let value = object;
  const parts = path.split(".");
  for (const [index, part] of parts.entries()) {
    if (Array.isArray(value)) {
      const rest = parts.slice(index).join(".");
      return value.map((item) => at(item, rest)).filter((found) => typeof found === "string");
    }
    value = value && typeof value === "object" ? value[part] : null;
  }
  if (Array.isArray(value)) return value;
  return value == null || typeof value === "object" ? null : String(value);
}

/** One value for a field that takes one: the value itself, or the value every record of a list
 * shares (all the papers of one day share its date), or null. */
function single(value) {
  if (!Array.isArray(value)) return value;
  return value.length && value.every((item) => item === value[0]) ? value[0] : null;
}

/** `data` with its list `list` narrowed to the records with the newest `key` (a date), for a form
 * that takes one day's records at a time (`data-case-newest="papers.received"`): the case and the
 * newest day, and whether older records were left out. */
function newestOnly(data, declared) {
  const [list, key] = declared.split(".");
  const records = Array.isArray(data[list]) ? data[list].filter((record) => record && typeof record === "object") : [];
  const days = records.map((record) => String(record[key] ?? "")).sort();
  const newest = days.at(-1);
  const kept = records.filter((record) => String(record[key] ?? "") === newest);
  return { data: { ...data, [list]: kept }, newest, older: kept.length < records.length };
}

const LENDER_FRAGMENT = /^#lender=(\d{1,3})$/;
// The fragment of the last #lender= link followed within the site, by page: Material's instant
// navigation may replace the new address's fragment with the old page's section it tracks
// (navigation.tracking) before the new page's form is built, so the link's own is kept here.
let followed = null; // { path, index }
document.addEventListener(
  "click",
  (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    const url = new URL(link.href, location.href);
    const found = LENDER_FRAGMENT.exec(url.hash);
    followed = found && url.origin === location.origin ? { path: url.pathname, index: found[1] } : null;
  },
  true,
);

/** The lender index the address's fragment names (`#lender=2`), or the followed link's, or null. */
function lenderInAddress() {
  const found = LENDER_FRAGMENT.exec(location.hash);
  if (found) return found[1];
  return followed && followed.path === location.pathname ? followed.index : null;
}

function parsedCase() {
  try {
    return JSON.parse(caseStore.text() || "null");
  } catch {
    return null;
  }
}

export class CaseLink {
  /** `form`: the tool form; `tool`: its name; `fillRows(group, rows)` fills a repeat group; `filled()` after a fill. */
  static for(form, options) {
    const declared = form.querySelector("[data-case]") || form.hasAttribute("data-case-store");
    return declared ? new CaseLink(form, options) : null;
  }

  constructor(form, { tool, fillRows, filled }) {
    this.form = form;
    this.tool = tool;
    this.fillRows = fillRows;
    this.filled = filled;
    this.data = null; // the result on screen's data
    this.aboutOne = form.hasAttribute("data-case-lender");
    this.element = el("div", { class: "calc-case-link calc-chrome", "data-case-link": "" });
    const pickId = nextUid("calc-case-lender");
    this.pickLabel = el("label", { for: pickId }, "这一页是关于哪一家的：");
    this.pick = el("select", { id: pickId, "data-case-pick": "" });
    this.fillButton = el("button", { type: "button", class: "md-button", "data-case-fill": "" }, "从我的情况填入");
    this.status = el("p", { class: "calc-case-link__status", role: "status" });
    this.fillButton.addEventListener("click", () => this.fill());
    this.pick.addEventListener("change", () => (this.fromAddress = true)); // the reader chose
    this.element.append(this.pickLabel, this.pick, this.fillButton, this.status);
    this.saveArea = el("div", { class: "calc-case-save calc-chrome", hidden: "" });
    this.saveButton = el("button", { type: "button", class: "md-button", "data-case-save": "" }, "存入我的情况");
    this.saveStatus = el("p", { class: "calc-case-link__status", role: "status" });
    this.saveButton.addEventListener("click", () => this.store());
    this.saveArea.append(this.saveButton, this.saveStatus);
    links.add(this);
    this.refresh();
  }

  /** Show the fill bar and the lender choice as the case now allows. */
  refresh() {
    const data = parsedCase();
    const lenders = (data && Array.isArray(data.lenders) && data.lenders) || [];
    const canFill = Boolean(data) && Boolean(this.form.querySelector("[data-case]"));
    this.fillButton.hidden = !canFill;
    const showPick = this.aboutOne && lenders.length > 0;
    this.pick.hidden = this.pickLabel.hidden = !showPick;
    const chosen = this.pick.value;
    this.pick.replaceChildren(
      ...lenders.map((lender, index) => el("option", { value: String(index) }, lender.name || `第 ${index + 1} 家`)),
      el("option", { value: "new" }, "新的一家（存入时新加）"),
    );
    if ([...this.pick.options].some((option) => option.value === chosen)) this.pick.value = chosen;
    this.element.hidden = !canFill && !showPick;
  }

  /** On a one-lender form opened at `#lender=<index>` of a lender in the case: choose it and fill.
   * Looked at again once the page has settled, in case the address is updated after the page is
   * drawn (instant navigation). Never after the reader has chosen a lender. */
  fillFromAddress() {
    if (!this.aboutOne) return;
    const attempt = () => {
      const index = lenderInAddress();
      const data = parsedCase();
      if (this.fromAddress || !this.form.isConnected || index === null) return;
      if (!data || !Array.isArray(data.lenders) || !data.lenders[Number(index)]) return;
      this.fromAddress = true;
      followed = null; // used once
      this.pick.value = index;
      this.fill();
    };
    attempt();
    if (!this.fromAddress) setTimeout(attempt, 0);
  }

  fill() {
    let data = parsedCase();
    if (!data) return;
    let narrowed = null;
    if (this.form.dataset.caseNewest) {
      narrowed = newestOnly(data, this.form.dataset.caseNewest);
      data = narrowed.data;
    }
    const lender = this.aboutOne && data.lenders ? data.lenders[Number(this.pick.value)] || null : null;
    let count = 0;
    if (lender) {
      // prefilled from the last result of a tool about one lender: maybe another lender's
      for (const input of this.form.querySelectorAll("[data-prefill]:not([data-case])")) {
        if (ABOUT_ONE_LENDER.has(input.dataset.prefill.split(".")[0])) input.value = "";
      }
    }
    for (const input of this.form.querySelectorAll("[data-case]")) {
      if (input.closest("template") || input.closest("[data-case-rows]")) continue;
      const path = input.dataset.case;
      const aboutLender = path.startsWith("lender.");
      const found = aboutLender ? (lender ? at(lender, path.slice(7)) : null) : at(data, path);
      if (input.type === "checkbox") {
        if (!Array.isArray(found) || !found.length) continue;
        input.checked = found.includes(input.value);
        count++;
        continue;
      }
      const value = single(found);
      if (value === null || value === "" || Array.isArray(value)) {
        if (aboutLender && lender) input.value = ""; // that lender has none: not another lender's
        continue;
      }
      input.value = value;
      count++;
    }
    for (const group of this.form.querySelectorAll("[data-case-rows]")) {
      const list = data[group.dataset.caseRows];
      const template = group.querySelector("template");
      if (!Array.isArray(list) || !list.length || !template) continue;
      const inputs = [...template.content.querySelectorAll("[data-case][name]")];
      const rows = list.map((item) => Object.fromEntries(inputs.map((input) => [input.name, String(at(item, input.dataset.case) ?? "")])));
      this.fillRows(group, rows);
      count += rows.length;
    }
    let said = count ? "已从“我的情况”填入，请核对一遍。" : "“我的情况”里还没有这一页要填的内容。";
    if (count && narrowed && narrowed.older) said += `这里填的是最近一次（${narrowed.newest}）的；更早的，到“我的情况”一页查看。`;
    this.status.textContent = said;
    if (count) this.filled();
  }

  /** A result is on screen (`data` its data): offer to store it. */
  resultShown(data) {
    const changed = JSON.stringify(data) !== JSON.stringify(this.data);
    this.data = data;
    if (!this.form.hasAttribute("data-case-store")) return;
    this.saveArea.hidden = false;
    if (changed) this.saveStatus.textContent = ""; // "已存入" was about the result before
  }

  resultCleared() {
    this.data = null;
    this.saveArea.hidden = true;
  }

  async store() {
    const lender = this.aboutOne ? this.pick.value || "new" : "";
    const answer = await call("case", { action: "store", case: caseStore.text() || "", from: this.tool, data: this.data, lender });
    if (!answer || !answer.ok) {
      this.saveStatus.textContent = (answer && answer.message) || "没能存入“我的情况”，请再试一次。";
      return;
    }
    caseStore.set(answer.data.case);
    this.saveStatus.textContent = "已存入“我的情况”。可以到“我的情况”一页查看、打印或导出。";
  }
}
