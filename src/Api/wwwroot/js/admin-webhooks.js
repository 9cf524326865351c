// Webhooks for admins (API.md "Alerts, live feeds, webhooks"): the list, a new one (its URL, events and optionally one
// OPD), its signing secret made here and shown once, a secret rotation (the old one keeps signing for the overlap the
// server answers), deletion after a confirmation, and each webhook's delivery log, re-read while it is open.
import { api, get, idempotencyKey, post } from "./api.js";
import { $, el } from "./dom.js";
import { t } from "./i18n.js";
import { cell, checks, createOutcome, field, table, ticked, when, words } from "./admin-kit.js";

const EVENTS = ["ticket.changed", "alert.raised"];
const PAGE = 100;
const LOG_REFRESH_MS = 3000;

/** A signing secret: 32 random bytes, base64url (43 characters). */
const newSecret = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export function createWebhookScreen() {
  let hooks = [], opds = [], confirming = null, logOf = null, log = [], logCursor = null, logTimer = null;
  let shown = null; // the secret just made ({ hook, value }), shown until the screen is left
  const outcome = createOutcome();
  const secret = el("div", { id: "webhook-secret", class: "secret", role: "status" });
  const url = el("input", { id: "webhook-url", type: "url", required: true, maxlength: 2000, autocomplete: "off",
    placeholder: "https://" });
  const opd = el("select", { id: "webhook-opd" });
  let events = checks("webhook-events", "admin.webhooks.events", EVENTS.map((e) => [e, e]), EVENTS);
  const form = el("form", { id: "webhook-form", class: "admin-form", "aria-labelledby": "webhook-form-title" },
    words("h3", "admin.webhooks.new", { id: "webhook-form-title" }),
    ...field("admin.webhooks.url", url, "admin.webhooks.url.help"),
    events,
    ...field("admin.webhooks.opd", opd),
    words("button", "admin.webhooks.create", { type: "submit", class: "primary" }));
  const list = table("admin.webhooks.list", ["admin.webhooks.url", "admin.webhooks.events", "admin.webhooks.opd",
    "admin.webhooks.created", "admin.webhooks.rotation", "col.actions"]);
  const logTitle = el("h3", { id: "webhook-log-title", tabindex: "-1" });
  const deliveries = table("admin.webhooks.log", ["admin.webhooks.at", "admin.webhooks.event", "admin.webhooks.attempt",
    "admin.webhooks.status", "admin.webhooks.result", "admin.webhooks.duration"], "deliveries");
  const older = words("button", "admin.older", { type: "button", id: "webhook-log-older", onclick: () => readLog(true) });
  const logSection = el("section", { id: "webhook-log", "aria-labelledby": "webhook-log-title", hidden: true },
    logTitle,
    el("div", { class: "actions" },
      words("button", "admin.webhooks.refresh", { type: "button", onclick: () => readLog(false) }),
      words("button", "admin.webhooks.close_log", { type: "button", onclick: () => showLog(null) })),
    deliveries.node, words("p", "admin.webhooks.no_deliveries", { class: "empty", id: "webhook-log-empty" }), older);
  const root = el("div", { class: "admin-screen", id: "admin-webhooks" },
    form, secret, outcome.node, list.node, logSection);

  /** The secret of `hook`, to hand to its receiver now: the server never shows it. */
  const showSecret = (hook, value) => {
    shown = { hook, value };
    renderSecret();
  };
  const renderSecret = () => secret.replaceChildren(...(shown ? [
    el("p", {}, t("admin.webhooks.secret", { url: shown.hook.url })),
    el("code", { class: "one-time", dataset: { webhook: shown.hook.id } }, shown.value),
    words("p", "admin.webhooks.secret.once", { class: "hint" })] : []));

  async function run(work) {
    try {
      await work();
    } catch (error) {
      outcome.refused(error);
    }
    render();
  }

  const rotate = (hook) => run(async () => {
    const value = newSecret();
    const rotated = await post(`/webhooks/${hook.id}/secret`, { secret: value });
    hooks = hooks.map((h) => (h.id === rotated.id ? rotated : h));
    showSecret(rotated, value);
    outcome.done("admin.webhooks.rotated", { time: when(rotated.previous_secret_expires_at) });
  });

  const remove = (hook) => run(async () => {
    confirming = null;
    await api("DELETE", `/webhooks/${hook.id}`);
    hooks = hooks.filter((h) => h.id !== hook.id);
    if (logOf?.id === hook.id) showLog(null);
    outcome.done("admin.webhooks.deleted", { url: hook.url });
  });

  const button = (hook, action, key, onclick, extra = {}) => el("button", { type: "button", dataset: { action },
    "aria-label": `${t(key)} ${hook.url}`, onclick, ...extra }, t(key));

  const actions = (hook) => (confirming === hook.id
    ? [el("span", { class: "confirm" }, t("admin.webhooks.confirm")),
      button(hook, "confirm-delete", "admin.webhooks.delete.yes", () => remove(hook), { class: "danger" }),
      button(hook, "cancel-delete", "admin.cancel", () => { confirming = null; render(); })]
    : [button(hook, "deliveries", "admin.webhooks.deliveries", () => showLog(hook), { "aria-pressed": String(logOf?.id === hook.id) }),
      button(hook, "rotate", "admin.webhooks.rotate", () => rotate(hook)),
      button(hook, "delete", "admin.webhooks.delete", () => { confirming = hook.id; render(); })]);

  const row = (hook) => el("tr", { dataset: { webhook: hook.id, url: hook.url } },
    cell(t("admin.webhooks.url"), el("span", { class: "url" }, hook.url)),
    cell(t("admin.webhooks.events"), hook.events.join(", ")),
    cell(t("admin.webhooks.opd"), hook.opd ?? t("admin.webhooks.all_opds")),
    cell(t("admin.webhooks.created"), when(hook.created_at)),
    cell(t("admin.webhooks.rotation"), hook.previous_secret_expires_at
      ? t("admin.webhooks.old_until", { time: when(hook.previous_secret_expires_at) }) : "—"),
    el("td", {}, el("div", { class: "actions" }, ...actions(hook))));

  const result = (d) => (d.delivered ? t("admin.webhooks.delivered")
    : [d.error, d.next_attempt_at ? t("admin.webhooks.retry", { time: when(d.next_attempt_at) }) : t("admin.webhooks.failed")]
      .filter(Boolean).join(" · "));

  const deliveryRow = (d) => el("tr", { dataset: { delivered: String(d.delivered), event: d.event_type } },
    cell(t("admin.webhooks.at"), when(d.at)),
    cell(t("admin.webhooks.event"), d.event_type),
    cell(t("admin.webhooks.attempt"), String(d.attempt)),
    cell(t("admin.webhooks.status"), d.status_code == null ? "—" : String(d.status_code)),
    cell(t("admin.webhooks.result"), result(d)),
    cell(t("admin.webhooks.duration"), t("admin.webhooks.ms", { ms: d.duration_ms })));

  function renderLog() {
    logSection.hidden = !logOf;
    if (!logOf) return;
    logTitle.textContent = t("admin.webhooks.log.of", { url: logOf.url });
    deliveries.body.replaceChildren(...log.map(deliveryRow));
    $("#webhook-log-empty", logSection).hidden = log.length > 0;
    older.hidden = !logCursor;
  }

  // Where the keyboard goes when a row is drawn again after its button was used: delete → its confirmation, a cancel
  // back to delete, anything else to the same button.
  const NEXT_FOCUS = { delete: "confirm-delete", "cancel-delete": "delete" };

  function render() {
    const value = opd.value;
    opd.replaceChildren(el("option", { value: "" }, t("admin.webhooks.all_opds")),
      ...opds.map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`)));
    opd.value = value;
    const active = document.activeElement, from = active?.closest?.("tr[data-webhook]");
    list.body.replaceChildren(...hooks.map(row));
    if (from && active.dataset.action) {
      const action = NEXT_FOCUS[active.dataset.action] ?? active.dataset.action;
      list.body.querySelector(`tr[data-webhook="${from.dataset.webhook}"] [data-action="${action}"]`)?.focus();
    }
    renderLog();
    renderSecret();
    outcome.render();
  }

  /** Reads the newest page of the open log again, or (`more`) the page older than what is shown. */
  async function readLog(more) {
    const hook = logOf;
    if (!hook) return;
    try {
      const cursor = more && logCursor ? `&cursor=${encodeURIComponent(logCursor)}` : "";
      const page = await get(`/webhooks/${hook.id}/deliveries?limit=${PAGE}${cursor}`);
      if (logOf !== hook) return;
      log = more ? [...log, ...page.items] : page.items;
      logCursor = page.next_cursor;
      renderLog();
    } catch (error) {
      outcome.refused(error);
    }
  }

  function showLog(hook) {
    clearInterval(logTimer);
    logOf = hook;
    log = [];
    logCursor = null;
    render();
    if (!hook) return;
    logTitle.focus();
    readLog(false);
    // Deliveries keep coming: the newest page is re-read while the log is open (unless older pages were asked for).
    logTimer = setInterval(() => { if (log.length <= PAGE) readLog(false); }, LOG_REFRESH_MS);
  }

  async function create(event) {
    event.preventDefault();
    const value = newSecret();
    const body = { url: url.value.trim(), events: ticked(events), opd: opd.value || undefined, secret: value };
    let created;
    try {
      created = await post("/webhooks", body, { idempotencyKey: idempotencyKey() });
    } catch (error) {
      outcome.refused(error);
      return;
    }
    hooks = [...hooks, created];
    form.reset();
    const fresh = checks("webhook-events", "admin.webhooks.events", EVENTS.map((e) => [e, e]), EVENTS);
    events.replaceWith(fresh);
    events = fresh;
    showSecret(created, value);
    outcome.done("admin.webhooks.created.done", { url: created.url });
    render();
  }

  async function load() {
    const [page, directory] = await Promise.all([get(`/webhooks?limit=${PAGE}`), get("/opds")]);
    hooks = page.items;
    opds = directory.items;
    render();
  }

  form.addEventListener("submit", create);

  return {
    root,
    titleKey: "admin.webhooks.title",
    async start() {
      shown = null;
      renderSecret();
      outcome.clear();
      await load().catch((error) => outcome.refused(error));
      $("#admin-title").focus();
    },
    stop() {
      showLog(null);
      confirming = null;
      shown = null;
      renderSecret();
    },
    render,
  };
}
