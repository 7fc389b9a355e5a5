// Waits until the tool's result contains `expect`; ms waited, or null after `timeout` ms (limits.py).
async ({ tool, expect, timeout }) => {
  const result = document.querySelector(`form[data-calculator="${tool}"] [data-calc-result]`);
  const started = performance.now();
  while (!result.textContent.includes(expect)) {
    if (performance.now() - started > timeout) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return performance.now() - started;
}
