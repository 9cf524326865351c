// The ticket page (#/tickets/{id}): every field, the three deadlines counting down, breaches, the location on a map,
// the linked calls (call takers and supervisors), the timeline with who did what, a note box, and exactly the
// actions the state machine and the role allow. Kept current from the ticket feed while it is open.
import { get, idempotencyKey, post } from "./api.js";
import { can } from "./auth.js";
import { $, duration, el, flash } from "./dom.js";
import { categoryLabel, locale, t } from "./i18n.js";
import { showLocation } from "./ticket-map.js";
import { actionsFor, runAction } from "./ticket-actions.js";

const STEPS = [
  { step: "acknowledge", done: "acknowledged_at" },
  { step: "on_scene", done: "on_scene_at" },
  { step: "resolve", done: "resolved_at" },
];

const when = (iso) => (iso ? new Date(iso).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "medium" }) : "—");

export function createTicketView(user) {
  let id = null, ticket = null, timeline = [], calls = [], ticker = null, map = null;

  const field = (key, value) => [el("dt", {}, t(key)), el("dd", { dataset: { field: key } }, value ?? "—")];

  function fields() {
    const where = ticket.location ?? {};
    const blood = ticket.blood;
    return el("dl", { class: "fields" },
      field("ticket.description", ticket.description),
      field("col.category", categoryLabel(ticket.category)),
      field("col.priority", el("span", { class: `priority ${ticket.priority.toLowerCase()}` }, ticket.priority)),
      field("col.opd", ticket.opd),
      field("ticket.supporting", ticket.supporting_opds.join(", ") || "—"),
      field("classify.address", where.address),
      field("ticket.kelurahan", where.kelurahan),
      field("ticket.kecamatan", where.kecamatan),
      field("ticket.coordinates", where.lat != null && where.lon != null ? `${where.lat}, ${where.lon}` : null),
      blood && field("ticket.blood", `${blood.group} · ${blood.units} · ${blood.hospital}`),
      field("ticket.created", when(ticket.created_at)),
      field("ticket.escalated", when(ticket.escalated_at)),
      field("ticket.closed", when(ticket.closed_at ?? ticket.cancelled_at)),
      field("ticket.level", String(ticket.escalation_level)));
  }

  function deadlines() {
    if (!ticket.deadlines) return el("p", { class: "empty" }, t("ticket.deadlines.none"));
    const now = new Date();
    return el("ul", { class: "deadlines" }, ...STEPS.map(({ step, done }) => {
      const due = new Date(ticket.deadlines[step]);
      const met = ticket[done] ? new Date(ticket[done]) : null;
      const breached = ticket.breaches.some((b) => b.deadline === step) || (met ?? now) > due;
      const stopped = met || ["closed", "cancelled"].includes(ticket.status);
      const state = met ? (met <= due ? t("ticket.met", { time: when(met) }) : t("ticket.met.late", { time: when(met) }))
        : stopped ? t("deadline.none")
        : t(due > now ? "deadline.left" : "deadline.late", { time: duration(due - now) });
      return el("li", { class: breached ? "late" : met ? "met" : "", dataset: { deadline: step, breached: String(breached) } },
        el("span", { class: "deadline-step" }, t(`deadline.${step}`)), " ",
        el("span", { class: "deadline-due" }, when(due)), " ",
        el("span", { class: "deadline-time" }, state));
    }));
  }

  const breaches = () => (ticket.breaches.length === 0 ? el("p", { class: "empty" }, t("ticket.breaches.none"))
    : el("ul", { class: "breaches" }, ...ticket.breaches.map((b) =>
      el("li", { dataset: { deadline: b.deadline } }, t("ticket.breach", { step: t(`deadline.${b.deadline}`), time: when(b.breached_at) })))));

  const callList = () => el("ul", { class: "calls" }, ...calls.map((call) => el("li", { dataset: { callId: call.id } },
    `${when(call.received_at)} · ${call.caller_number ?? t(`caller_id.${call.caller_id}`)} · ${call.channel}`
    + (call.classification ? ` · ${t(`classification.${call.classification}`)}` : ""))));

  const entry = (e) => el("li", { dataset: { kind: e.kind } },
    el("time", { datetime: e.at }, when(e.at)), " ",
    el("strong", {}, e.actor_name ?? e.actor), " ",
    el("span", { class: "kind" }, t(`kind.${e.kind}`)),
    e.to_status && el("span", { class: "status-change" }, ` → ${t(`status.${e.to_status}`)}`),
    e.opd && ` (${e.opd})`,
    e.text && el("p", { class: "entry-text" }, e.text));

  function render() {
    const root = $("#ticket-body");
    if (!ticket) return;
    root.hidden = false;
    $("#ticket-title").textContent = `${ticket.number} · ${categoryLabel(ticket.category)}`;
    const status = $("#ticket-status");
    status.textContent = t(`status.${ticket.status}`);
    status.className = `status status-${ticket.status}`;
    $("#ticket-view").dataset.status = ticket.status;
    $("#ticket-actions").replaceChildren(...actionsFor(user, ticket).map((action) =>
      el("button", { type: "button", class: `action action-${action.name}`, dataset: { action: action.name },
        onclick: () => act(action) }, t(`action.${action.name}`))));
    root.querySelector("#ticket-details").replaceChildren(fields());
    root.querySelector("#ticket-deadlines").replaceChildren(deadlines());
    root.querySelector("#ticket-breaches").replaceChildren(breaches());
    $("#ticket-calls-section").hidden = !can.takeCalls(user);
    root.querySelector("#ticket-calls").replaceChildren(callList());
    root.querySelector("#ticket-timeline").replaceChildren(...timeline.map(entry));
    map = showLocation($("#ticket-map"), $("#ticket-map-caption"), ticket.location, map);
  }

  // The whole timeline, page after page (a ticket may have more entries than one page holds).
  async function wholeTimeline() {
    const entries = [];
    let cursor = null;
    do {
      const page = await get(`/tickets/${id}/timeline?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      entries.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    return entries;
  }

  async function load() {
    const [fresh, entries] = await Promise.all([get(`/tickets/${id}`), wholeTimeline()]);
    ticket = fresh;
    timeline = entries;
    if (can.takeCalls(user)) calls = await Promise.all(ticket.call_ids.map((callId) => get(`/calls/${callId}`)));
    render();
  }

  async function act(action) {
    try {
      if ((await runAction(ticket, action)) === null) return;
      flash("");
    } catch (error) {
      flash(`${ticket.number}: ${error.message}`);
    }
    await load().catch((error) => flash(error.message));
  }

  async function addNote(event) {
    event.preventDefault();
    const box = $("#ticket-note");
    try {
      await post(`/tickets/${id}/notes`, { text: box.value }, { idempotencyKey: idempotencyKey() });
      box.value = "";
      flash("");
    } catch (error) {
      flash(`${ticket?.number ?? ""}: ${error.message}`);
      return;
    }
    await load().catch((error) => flash(error.message));
  }

  $("#ticket-note-form").onsubmit = addNote; // one handler, whoever signed in last

  return {
    async open(ticketId) {
      id = ticketId;
      ticket = null;
      $("#ticket-title").textContent = t("ticket.loading");
      $("#ticket-body").hidden = true;
      try {
        await load();
      } catch (error) {
        $("#ticket-title").textContent = error.message;
      }
      $("#ticket-title").focus();
      clearInterval(ticker);
      ticker = setInterval(() => { if (ticket) $("#ticket-deadlines").replaceChildren(deadlines()); }, 1000);
    },
    /** A change of this ticket arrived on the feed. */
    changed(ticketId, version) {
      if (ticketId === id && ticket && version > ticket.version) load().catch((error) => flash(error.message));
    },
    close() {
      clearInterval(ticker);
      id = null;
      ticket = null;
    },
    render,
  };
}
