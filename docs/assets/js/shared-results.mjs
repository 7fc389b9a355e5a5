// The results shared between tools: each tool's last good result `data` in this visit, kept in
// memory only. data-prefill reads it; 清除本机数据 empties it and its 撤销 puts it back.

const latest = new Map(); // tool -> data

export const sharedResults = {
  /** The data of `tool`'s last good result, or undefined. */
  get(tool) {
    return latest.get(tool);
  },
  set(tool, data) {
    latest.set(tool, data);
  },
  clear() {
    latest.clear();
  },
  /** A copy of everything held now, for `restore`. */
  snapshot() {
    return new Map(latest);
  },
  /** Put back what `snapshot` held. */
  restore(snapshot) {
    for (const [tool, data] of snapshot) latest.set(tool, data);
  },
};
