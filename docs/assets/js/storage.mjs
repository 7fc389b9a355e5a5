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
    for (const area of areas()) {
      for (const key of Object.keys(area)) if (key.startsWith(STORE_PREFIX)) area.removeItem(key);
    }
  },
  /** Every key this site wrote, with its value, so a clear can be undone (kept in memory only). */
  snapshot() {
    return areas().map((area) => [area, Object.keys(area).filter((key) => key.startsWith(STORE_PREFIX)).map((key) => [key, area.getItem(key)])]);
  },
  /** Put back what `snapshot` took. */
  restore(snapshot) {
    for (const [area, entries] of snapshot) {
      try {
        for (const [key, value] of entries) area.setItem(key, value);
      } catch {
        /* full or blocked */
      }
    }
  },
  /** Whether this site keeps anything on this device. */
  holdsAnything() {
    return this.snapshot().some(([, entries]) => entries.length > 0);
  },
};

/** The storage areas this browser lets us use (either may be blocked). */
function areas() {
  const found = [];
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      const area = window[name];
      Object.keys(area);
      found.push(area);
    } catch {
      /* blocked */
    }
  }
  return found;
}
