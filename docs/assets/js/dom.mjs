// Small DOM helpers shared by the form's components.

/** A new element with the given attributes and, if not empty, its text. */
export function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

/** Set a node's text only when it changes, so live regions speak only about real changes. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

let uid = 0;

/** An id not used before on this page: `${prefix}-N`. */
export function nextUid(prefix) {
  return `${prefix}-${++uid}`;
}

/** Bring a field (with its label) into view below the sticky header, then focus it. */
export function focusField(input) {
  const box = input.closest(".calc-field, fieldset") || input;
  box.scrollIntoView({ block: "start" });
  input.focus({ preventScroll: true });
}
