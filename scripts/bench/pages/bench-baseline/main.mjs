const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  if (event.data.type === "progress") return;
  const out = document.querySelector("[data-calc-result]");
  if (event.data.ok) out.innerHTML = event.data.html;
  else out.textContent = "failed: " + JSON.stringify(event.data);
};
