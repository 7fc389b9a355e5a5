// The back-to-top button sits over the page; while a calculator form is on screen it would
// cover labels and fields, so it is hidden then (see site.css, "back to top").

const formsInView = new Set();
const viewWatcher =
  "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) formsInView.add(entry.target);
          else formsInView.delete(entry.target);
        }
        document.documentElement.classList.toggle("calc-form-in-view", formsInView.size > 0);
      })
    : null;

/** Watch only the given forms (those of the current page) for the back-to-top button. */
export function watchFormsInView(forms) {
  if (!viewWatcher) return;
  viewWatcher.disconnect();
  formsInView.clear();
  document.documentElement.classList.remove("calc-form-in-view");
  for (const form of forms) viewWatcher.observe(form);
}
