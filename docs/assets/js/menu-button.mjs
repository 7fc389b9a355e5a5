// Material's ☰ (the menu on a phone or tablet) is a <label for="__drawer">: a finger can open the
// menu, a keyboard cannot reach it. This makes it a button: Tab reaches it, Enter or Space opens
// the menu and moves focus into it, Escape closes it and returns focus to ☰. While the menu is
// closed, site.css hides it, so its links never take focus off screen.
const TOGGLE = "__drawer";
const BUTTON = `label.md-header__button[for="${TOGGLE}"]`;

function toggle() {
  return document.getElementById(TOGGLE);
}

function menuButton() {
  return document.querySelector(BUTTON);
}

/** Gives ☰ its role, name and state; safe to call again on every page. */
export function setupMenuButton() {
  const button = menuButton();
  const box = toggle();
  if (!button || !box) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "目录");
  showState();
}

function firstLinkInMenu() {
  return document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
}

function onKey(event) {
  const box = toggle();
  if (!box) return;
  const onButton = event.target instanceof Element && event.target.matches(BUTTON);
  if (onButton && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    event.stopPropagation(); // Material clicks a focused label on Enter itself: once is enough
    box.click(); // Material listens to the checkbox's own change
    if (box.checked) firstLinkInMenu()?.focus();
  } else if (event.key === "Escape" && box.checked) {
    box.click();
    menuButton()?.focus();
  }
}

function showState() {
  menuButton()?.setAttribute("aria-expanded", String(Boolean(toggle()?.checked)));
}

/** Listens once for the keys and the menu's state (the header outlives instant navigation). */
export function wireMenuButton() {
  document.addEventListener("keydown", onKey);
  document.addEventListener("change", (event) => event.target === toggle() && showState());
}
