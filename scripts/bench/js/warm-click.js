// Clicks the first link to `target` (one in the article if any) and says when (warm.py).
async (target) => {
  const links = [...document.querySelectorAll("a[href]")].filter((a) => new URL(a.href, location.href).pathname.endsWith(target));
  const link = links.find((a) => a.closest("article")) || links[0];
  if (!link) return { error: "no link to " + target + " on the page" };
  window.__benchDocument = "before-click";
  const at = performance.timeOrigin + performance.now();
  link.click();
  return { clicked: link.href, inArticle: Boolean(link.closest("article")), at };
}
