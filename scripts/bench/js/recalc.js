// One edit of a field (tool, name, row or null, value) timed until the result shows `expect`: raw from typing,
// `post` and `frame` from the bridge posting the call to the worker (recalc.py, limits.py).
async ({ tool, name, row, value, expect }) => {
  const form = document.querySelector(`form[data-calculator="${tool}"]`);
  const scope = row === null ? form : form.querySelectorAll("[data-row]")[row];
  const input = scope.querySelector(`[name="${name}"]:not(template *)`);
  const result = form.querySelector("[data-calc-result]");
  const posts = window.__bench.posts;
  const before = posts.length;
  return await new Promise((resolve) => {
    let typed = 0;
    const observer = new MutationObserver(() => {
      if (!result.textContent.includes(expect)) return;
      const dom = performance.now();
      observer.disconnect();
      const post = posts.length > before ? posts[posts.length - 1].at : null;
      requestAnimationFrame(() => setTimeout(() => {
        const frame = performance.now();
        resolve({ raw: dom - typed, post: post === null ? null : dom - post, frame: post === null ? null : frame - post, calls: posts.length - before });
      }, 0));
    });
    observer.observe(result, { childList: true, subtree: true, characterData: true });
    typed = performance.now();
    window.__bench.type(input, value);
  });
}
