// The case (我的情况) during this visit: one text, the case file as calculators/core/case.py writes it
// (`to_json`), checked by Python before it is put here. It lives in memory for the visit (the
// module survives Material's instant navigation) and is kept on this device only once the reader
// turns on 在本机保存 (storage.mjs, key "xsh:case"). 清除本机数据 empties it; its 撤销 puts it back.
import { storage } from "./storage.mjs";

const KEY = "case";
let text = null; // the case file's text, or null when there is no case
let read = false; // whether the kept copy has been looked for

/** "change" whenever the case is set, cleared or restored. */
export const caseEvents = new EventTarget();

function held() {
  if (!read) {
    read = true;
    const kept = storage.get(KEY);
    if (text === null && typeof kept === "string" && kept) text = kept;
  }
  return text;
}

function changed() {
  caseEvents.dispatchEvent(new Event("change"));
}

export const caseStore = {
  /** The case file's text, or null. */
  text() {
    return held();
  },
  /** Whether there is a case in this visit. */
  holds() {
    return held() !== null;
  },
  /** Hold `value` (text Python wrote), and keep it on the device if the reader allows saving. */
  set(value) {
    read = true;
    text = value;
    storage.set(KEY, value);
    changed();
  },
  /** Keep the case now (the reader has just turned saving on). */
  save() {
    if (held() !== null) storage.set(KEY, text);
  },
  /** Forget the case in memory (storage.clearAll removes the kept copy). */
  clear() {
    read = true;
    text = null;
    changed();
  },
  /** What `restore` needs to put the case back. */
  snapshot() {
    return held();
  },
  restore(snapshot) {
    read = true;
    text = snapshot;
    changed();
  },
};
