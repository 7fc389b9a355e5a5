// Fills a tool's fields, then adds rows to its repeat group up to len(rows) or the page's maximum,
// and fills them; returns how many rows there are (limits.py).
async ({ tool, group, fields, rows }) => {
  const form = document.querySelector(`form[data-calculator="${tool}"]`);
  const set = (input, value) => {
    if (input.tagName === "SELECT") {
      input.value = value;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    } else window.__bench.type(input, value);
  };
  for (const [name, value] of Object.entries(fields)) {
    const radio = form.querySelector(`input[type="radio"][name="${name}"][value="${value}"]`);
    const input = radio || form.querySelector(`[name="${name}"]:not(template *)`);
    if (input && input.type === "radio") input.click();
    else if (input) set(input, value);
  }
  if (!group) return 0;
  const box = form.querySelector(`[data-repeat="${group}"]`);
  const add = box.querySelector("[data-add-row]");
  const found = () => box.querySelectorAll("[data-row]");
  while (found().length < rows.length) {
    const before = found().length;
    add.click();
    if (found().length === before) break; // the page stopped adding: its maximum
  }
  const all = found();
  rows.forEach((row, index) => {
    if (!all[index]) return;
    for (const [name, value] of Object.entries(row)) {
      const input = all[index].querySelector(`[name="${name}"]`);
      if (input) set(input, value);
    }
  });
  return all.length;
}
