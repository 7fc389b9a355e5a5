// On calculator pages only (loaded just before Material's bundle, see
// scripts/hooks/calculators_build.py): Material's search worker starts once Python is ready or
// failed, or as soon as the reader goes for the search box, whichever comes first.
//
// Why: Material builds its search index in a worker on every page load, which costs seconds of
// CPU on a phone (most in WebKit, the engine of every iPhone browser). On a two-core device it
// competes with Python's start for the second core, which WebKit needs to compile the
// interpreter's wasm into fast code; measured in WebKitGTK, the calculators took about twice as
// long to start beside it. Search itself is unchanged: what was asked of it before it started
// is handed over when it starts.
(() => {
  const config = document.getElementById("__config");
  const NativeWorker = window.Worker;
  if (!config || !NativeWorker) return;
  const searchUrl = new URL(JSON.parse(config.textContent).search || "", location.href).href;
  const later = []; // search workers not started yet

  /** A Worker that starts on `startSearch()`; until then, messages to it wait in order. */
  class LaterWorker extends EventTarget {
    constructor(args) {
      super();
      this.args = args;
      this.waiting = [];
      this.worker = null;
      this.onmessage = null;
      this.onerror = null;
    }

    start() {
      if (this.worker) return;
      this.worker = new NativeWorker(...this.args);
      for (const type of ["message", "messageerror", "error"]) {
        this.worker.addEventListener(type, (event) => {
          const copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
          this.dispatchEvent(copy);
          const handler = type === "message" ? this.onmessage : type === "error" ? this.onerror : null;
          if (handler) handler.call(this, copy);
        });
      }
      for (const message of this.waiting) this.worker.postMessage(...message);
      this.waiting = [];
    }

    postMessage(...message) {
      if (this.worker) this.worker.postMessage(...message);
      else this.waiting.push(message);
    }

    terminate() {
      if (this.worker) this.worker.terminate();
      this.waiting = [];
    }
  }

  window.Worker = new Proxy(NativeWorker, {
    construct(target, args, newTarget) {
      if (new URL(String(args[0]), location.href).href !== searchUrl) return Reflect.construct(target, args, newTarget);
      const worker = new LaterWorker(args);
      later.push(worker);
      return worker;
    },
  });

  function startSearch() {
    for (const worker of later.splice(0)) worker.start();
    window.Worker = NativeWorker;
    for (const [type, listener] of wanted) document.removeEventListener(type, listener, true);
  }

  // The reader goes for search: the search button or box, or Material's keys (/, s, f).
  const goesForSearch = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (event.type === "keydown" ? ["/", "s", "f", "S", "F"].includes(event.key) : target && target.closest("[data-md-component=search], label[for=__search], #__search")) startSearch();
  };
  const wanted = [
    ["keydown", goesForSearch],
    ["pointerdown", goesForSearch],
    ["focusin", goesForSearch],
    ["click", goesForSearch],
  ];
  for (const [type, listener] of wanted) document.addEventListener(type, listener, true);
  window.addEventListener("xsh-calculators-settled", startSearch, { once: true });
})();
