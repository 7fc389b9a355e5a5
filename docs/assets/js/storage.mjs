// Consent-based storage: nothing is kept unless the reader turns saving on (在本机保存),
// and 清除本机数据 removes every key this site wrote. Keys all start with "xsh:".

export const STORE_PREFIX = "xsh:";
const SAVE_FLAG = `${STORE_PREFIX}save`;

export const storage = {
  enabled() {
    try {
      return localStorage.getItem(SAVE_FLAG) === "1";
    } catch {
      return false;
    }
  },
  enable() {
    try {
      localStorage.setItem(SAVE_FLAG, "1");
    } catch {
      /* storage blocked: saving silently stays off */
    }
  },
  get(key) {
    if (!this.enabled()) return null;
    try {
      return JSON.parse(localStorage.getItem(STORE_PREFIX + key));
    } catch {
      return null;
    }
  },
  set(key, value) {
    if (!this.enabled()) return;
    try {
      localStorage.setItem(STORE_PREFIX + key, JSON.stringify(value));
    } catch {
      /* full or blocked */
    }
  },
  clearAll() {
    for (const area of [localStorage, sessionStorage]) {
      try {
        for (const key of Object.keys(area)) if (key.startsWith(STORE_PREFIX)) area.removeItem(key);
      } catch {
        /* blocked */
      }
    }
  },
};
