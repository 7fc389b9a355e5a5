// Runs first in every page the benchmark opens (browser.init_script), called with FILL and EXPECT:
// fills the named tools' forms as soon as they appear and notes marks, long tasks and worker calls in window.__bench.
(FILL, EXPECT) => {
  if (window.__bench) return;
  const bench = (window.__bench = { marks: {}, longtasks: [], frames: [], posts: [] });
  const mark = (name) => {
    if (name in bench.marks) return;
    bench.marks[name] = performance.now();
    try { performance.mark("bench:" + name); } catch {} // in a DevTools trace too (long_tasks.py)
  };
  bench.mark = mark;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { bench.noLongTasks = String(error); }
  try {
    // Long animation frames name the scripts behind a long task.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!(e.blockingDuration > 0)) continue;
        const scripts = (e.scripts || []).filter((x) => x.duration >= 5).map((x) => ({
          invoker: x.invoker, source: (x.sourceURL || "").split("/").slice(-2).join("/"), fn: x.sourceFunctionName, duration: Math.round(x.duration) }));
        bench.frames.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, scripts });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) { bench.noFrames = String(error); }
  // The calculators' worker (and the baseline's) report their stages: note when each arrives.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      if (!/calc-worker|bench-baseline/.test(String(url))) return;
      mark("worker:created");
      this.addEventListener("message", (event) => {
        const data = event.data || {};
        if (data.type === "progress") mark("worker:" + data.stage);
        else if (data.type === "ready") mark("worker:ready");
      });
    }
  };
  const post = NativeWorker.prototype.postMessage;
  NativeWorker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "call") bench.posts.push({ id: message.id, tool: message.tool, at: performance.now() });
    return post.call(this, message, ...rest);
  };
  const valueSetter = (el) => Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), "value").set;
  bench.type = (input, value) => {
    valueSetter(input).call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const look = () => {
    const baseResult = document.querySelector("body > [data-calc-result]");
    if (baseResult && baseResult.textContent.includes(EXPECT.budget)) mark("result:baseline");
    for (const form of document.querySelectorAll("form[data-calculator]")) {
      const tool = form.dataset.calculator;
      if (FILL[tool] && !form.__benchFilled) {
        const inputs = Object.entries(FILL[tool]).map(([name, value]) => [form.querySelector(`[name="${name}"]:not(template *)`), value]);
        if (inputs.every(([input]) => input)) { // all parsed: the page may still be streaming in
          form.__benchFilled = true;
          mark("filled:" + tool);
          for (const [input, value] of inputs) if (input) bench.type(input, value);
        }
      }
      if (form.dataset.calcState) mark(`state:${tool}:${form.dataset.calcState}`);
      const result = form.querySelector("[data-calc-result]");
      if (result && EXPECT[tool] && result.textContent.includes(EXPECT[tool])) mark("result:" + tool);
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
