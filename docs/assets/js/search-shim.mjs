// Search as the reader types, however the text arrives.
// Material's search box searches only on keyup. Text that comes without a key being released
// finds nothing: a paste from the long-press menu, voice input, handwriting, and the words an
// input method commits (compositionend). For those, this tells Material the same way a key
// would: one synthetic keyup on the search box. Material reads the box's value on keyup and
// ignores repeats of the same value, so a real keyup after ours does no harm.
// Text still being composed (pinyin not yet turned into characters) is left alone.

const SEARCH_BOX = '[data-md-component="search-query"]';

function searchNow(event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || !box.matches(SEARCH_BOX)) return;
  if (event.type === "input" && event.isComposing) return;
  box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, cancelable: true }));
}

let watching = false;

/** Start watching the search box (once; on the document, so instant navigation keeps it). */
export function watchSearchBox() {
  if (watching) return;
  watching = true;
  document.addEventListener("input", searchNow, true);
  document.addEventListener("compositionend", searchNow, true);
}
