// The audit log for admins (`GET /audit`, newest first): who did what to which subject, with its details; narrowed to
// one subject (`user:budi`, `opd:damkar`, `routing:fire`, `webhook:{id}`) and read page by page, older ones on request.
import { get } from "./api.js";
import { $, el } from "./dom.js";
import { t } from "./i18n.js";
import { cell, createOutcome, field, table, when, words } from "./admin-kit.js";

const PAGE = 50;

export function createAuditScreen() {
  let entries = [], pages = [null], cursor = null;
  const outcome = createOutcome();
  const subject = el("input", { id: "audit-subject", type: "search", maxlength: 200, autocomplete: "off",
    autocapitalize: "none", spellcheck: "false" });
  const form = el("form", { id: "audit-filter", class: "admin-form", role: "search" },
    ...field("admin.audit.subject", subject, "admin.audit.subject.help"),
    el("div", { class: "actions" },
      words("button", "admin.audit.apply", { type: "submit", class: "primary" }),
      words("button", "admin.audit.clear", { type: "button", onclick: () => { subject.value = ""; first(); } })));
  const list = table("admin.audit.list", ["admin.audit.at", "admin.audit.actor", "admin.audit.action",
    "admin.audit.subject", "admin.audit.details"]);
  const position = el("span", { id: "audit-page", class: "hint", "aria-live": "polite" });
  const newer = words("button", "admin.newer", { type: "button", id: "audit-newer", onclick: () => turn(-1) });
  const older = words("button", "admin.older", { type: "button", id: "audit-older", onclick: () => turn(1) });
  const empty = words("p", "admin.audit.empty", { class: "empty", hidden: true });
  const root = el("div", { class: "admin-screen", id: "admin-audit" },
    form, outcome.node, list.node, empty, el("div", { class: "actions pager" }, newer, position, older));

  const details = (value) => (value == null || (typeof value === "object" && Object.keys(value).length === 0)
    ? "—" : el("code", { class: "details" }, JSON.stringify(value)));

  const row = (entry) => el("tr", { dataset: { action: entry.action, subject: entry.subject } },
    cell(t("admin.audit.at"), when(entry.at)),
    cell(t("admin.audit.actor"), entry.actor_name && entry.actor_name !== entry.actor
      ? `${entry.actor_name} (${entry.actor})` : entry.actor),
    cell(t("admin.audit.action"), entry.action),
    cell(t("admin.audit.subject"), el("button", { type: "button", class: "link",
      "aria-label": t("admin.audit.only", { subject: entry.subject }),
      onclick: () => { subject.value = entry.subject; first().then(() => subject.focus()); } }, entry.subject)),
    cell(t("admin.audit.details"), details(entry.details)));

  function render() {
    list.body.replaceChildren(...entries.map(row));
    empty.hidden = entries.length > 0;
    position.textContent = t("admin.page", { n: pages.length });
    newer.disabled = pages.length <= 1;
    older.disabled = !cursor;
  }

  /** Reads the page that starts at `pages`' last cursor (null: the newest). */
  async function read() {
    const filter = subject.value.trim() ? `&subject=${encodeURIComponent(subject.value.trim())}` : "";
    const from = pages[pages.length - 1];
    try {
      const page = await get(`/audit?limit=${PAGE}${filter}${from ? `&cursor=${encodeURIComponent(from)}` : ""}`);
      entries = page.items;
      cursor = page.next_cursor;
      outcome.clear();
    } catch (error) {
      outcome.refused(error);
    }
    render();
  }

  function first() {
    pages = [null];
    return read();
  }

  function turn(step) {
    if (step > 0 && cursor) pages.push(cursor);
    else if (step < 0 && pages.length > 1) pages.pop();
    else return Promise.resolve();
    return read();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    first();
  });

  return {
    root,
    titleKey: "admin.audit.title",
    async start() {
      await first();
      $("#admin-title").focus();
    },
    stop() {},
    render,
  };
}
