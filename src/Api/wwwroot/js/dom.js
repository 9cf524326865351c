// Builds elements without innerHTML, so nothing from the API is ever parsed as markup.

/** el("button", { class: "x", dataset: { action: "y" }, onclick }, "text", child…) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

export const show = (node, visible) => { node.hidden = !visible; };

/** "04:05" or "1:02:03" for a duration in milliseconds (sign ignored). */
export function duration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * Asks for a line of text (a reason, a note) in the page's dialog; answers the text, or null when dismissed.
 * A <dialog> rather than window.prompt: it fits a tablet, and follows the page's language.
 */
export function askText(label) {
  const dialog = $("#ask"), input = $("#ask-text");
  $("#ask-label").textContent = label;
  input.value = "";
  dialog.returnValue = "";
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" && input.value.trim() ? input.value.trim() : null),
      { once: true });
  });
}

/** Shows a message (an error by default) above the panels until the next one or a click on it. */
export function flash(message, kind = "error") {
  const box = $("#flash");
  box.textContent = message;
  box.className = `flash ${kind}`;
  box.hidden = !message;
}
