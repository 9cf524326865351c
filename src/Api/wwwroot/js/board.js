// The board of open tickets: listed once, then kept current from the ticket feed; each row counts down to the
// ticket's next deadline every second. OPD users see only their OPD's tickets (the API scopes both list and feed).
import { get } from "./api.js";
import { can } from "./auth.js";
import { $, duration, el, flash } from "./dom.js";
import { CATEGORIES, categoryLabel, t } from "./i18n.js";
import { createBoardMap } from "./board-map.js";
import { createEscalationAlarm } from "./escalation-alarm.js";
import { followList } from "./sse.js";
import { actionsFor, ON_BOARD, runAction } from "./ticket-actions.js";

const PAGE = 200;
const PARALLEL_READS = 4;

/** The deadline a ticket is running against in each status (none while open or once resolved). */
export const NEXT_DEADLINE = { escalated: "acknowledge", acknowledged: "on_scene", on_scene: "resolve" };

/** Runs `work` over items with at most `width` at a time. */
async function inBatches(items, width, work) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length) await work(queue.shift());
  }));
}

export function createBoard(user) {
  const tickets = new Map();
  const rows = $("#board-rows");
  let feed = null, ticker = null;
  // An OPD hears and sees each ticket newly escalated to it (not those already escalated when the board loaded), and
  // each re-notification of one still waiting for its acknowledgement (its escalation level rises).
  const alarm = can.actAsOpd(user) ? createEscalationAlarm() : null;
  // Supervisors see the open tickets on a map too.
  $("#board-map-section").hidden = !can.seeAlerts(user);
  const map = can.seeAlerts(user) ? createBoardMap($("#board-map")) : null;

  const nextDeadline = (ticket) => {
    const step = NEXT_DEADLINE[ticket.status];
    return step && ticket.deadlines ? { step, due: new Date(ticket.deadlines[step]) } : null;
  };
  const isLate = (ticket) => {
    const next = nextDeadline(ticket);
    return next !== null && next.due <= new Date();
  };

  const keep = (ticket) => {
    if (!ON_BOARD.includes(ticket.status)) tickets.delete(ticket.id);
    else if ((tickets.get(ticket.id)?.version ?? -1) <= ticket.version) tickets.set(ticket.id, ticket);
  };

  const refresh = async (id) => {
    try {
      keep(await get(`/tickets/${id}`));
    } catch (error) {
      if (error.status === 404 || error.status === 403) tickets.delete(id);
      else throw error;
    }
  };

  async function act(ticket, action) {
    try {
      const changed = await runAction(ticket, action);
      if (changed === null) return;
      keep(changed);
      flash("");
    } catch (error) {
      flash(`${ticket.number}: ${error.message}`);
      await refresh(ticket.id).catch(() => {});
    }
    render();
  }

  const countdown = (ticket) => {
    const next = nextDeadline(ticket);
    if (!next) return [t("deadline.none")];
    const left = next.due - new Date();
    return [
      el("span", { class: "deadline-step" }, t(`deadline.${next.step}`)),
      " ",
      el("span", { class: "deadline-time" }, t(left > 0 ? "deadline.left" : "deadline.late", { time: duration(left) })),
    ];
  };

  const row = (ticket) => {
    const buttons = actionsFor(user, ticket).map((action) =>
      el("button", { type: "button", class: `action action-${action.name}`, dataset: { action: action.name },
        onclick: () => act(ticket, action) }, t(`action.${action.name}`)));
    const tr = el("tr", { dataset: { ticketId: ticket.id, number: ticket.number, status: ticket.status } },
      el("td", { class: "number", "data-label": t("col.number") }, el("a", { href: `#/tickets/${ticket.id}` }, ticket.number)),
      el("td", { "data-label": t("col.category") }, categoryLabel(ticket.category)),
      el("td", { "data-label": t("col.priority") }, el("span", { class: `priority ${ticket.priority.toLowerCase()}` }, ticket.priority)),
      el("td", { "data-label": t("col.status") }, el("span", { class: `status status-${ticket.status}` }, t(`status.${ticket.status}`))),
      el("td", { "data-label": t("col.opd") }, ticket.opd ?? "—"),
      el("td", { class: "countdown", "data-label": t("col.deadline") }),
      el("td", {}, el("div", { class: "actions" }, ...buttons)));
    showClock(tr, ticket);
    return tr;
  };

  const order = (a, b) => (nextDeadline(a)?.due ?? Infinity) - (nextDeadline(b)?.due ?? Infinity)
    || new Date(a.created_at) - new Date(b.created_at);

  // Filters and search over the open tickets the board holds (kept when the language changes).
  const FILTERS = [
    { select: "#filter-category", values: () => Object.keys(CATEGORIES), label: categoryLabel, field: (k) => k.category },
    { select: "#filter-priority", values: () => ["P1", "P2", "P3"], label: (p) => p, field: (k) => k.priority },
    { select: "#filter-status", values: () => ON_BOARD, label: (s) => t(`status.${s}`), field: (k) => k.status },
  ];
  function renderFilters() {
    for (const filter of FILTERS) {
      const select = $(filter.select), value = select.value;
      select.replaceChildren(el("option", { value: "" }, t("filter.all")),
        ...filter.values().map((v) => el("option", { value: v }, filter.label(v))));
      select.value = value;
    }
  }
  const shown = (ticket) => {
    const text = $("#board-search").value.trim().toLowerCase();
    const haystack = [ticket.number, ticket.description, ticket.location?.address, ticket.location?.kecamatan, ticket.opd]
      .filter(Boolean).join(" ").toLowerCase();
    return FILTERS.every((f) => !$(f.select).value || f.field(ticket) === $(f.select).value) && (!text || haystack.includes(text));
  };

  function render() {
    $("#board-title").textContent = user.opd && can.actAsOpd(user) ? t("board.title.opd", { opd: user.opd }) : t("board.title");
    renderFilters();
    const visible = [...tickets.values()].filter(shown).sort(order);
    rows.replaceChildren(...visible.map(row));
    $("#board-empty").hidden = visible.length > 0;
    map?.update(visible, (ticket) => isLate(ticket) || ticket.breaches.length > 0);
  }
  for (const control of ["#board-search", ...FILTERS.map((f) => f.select)])
    $(control).oninput = () => render();

  // A row is highlighted once any of its deadlines was missed; the countdown while the current one is overdue.
  const showClock = (tr, ticket) => {
    const cell = tr.querySelector(".countdown");
    cell.replaceChildren(...countdown(ticket));
    cell.classList.toggle("late", isLate(ticket));
    tr.classList.toggle("breached", isLate(ticket) || ticket.breaches.length > 0);
  };

  // Every second: the countdowns, and the highlight of a deadline that has just passed.
  const tick = () => {
    for (const tr of rows.children) {
      const ticket = tickets.get(tr.dataset.ticketId);
      if (ticket) showClock(tr, ticket);
    }
  };

  async function load() {
    const page = await get(`/tickets?status=${ON_BOARD.join(",")}&limit=${PAGE}`);
    tickets.clear();
    await inBatches(page.items.map((s) => s.id), PARALLEL_READS, refresh);
    render();
  }


  return {
    start() {
      // The feed first, then the list: a change made while the list loads is still delivered by the feed.
      feed = followList("/stream/tickets", {
        badge: $("#board-feed"),
        load,
        onEvent: (name, change) => {
          if (name === "ticket.changed") window.dispatchEvent(new CustomEvent("b112:ticket-changed", { detail: change }));
          if (name !== "ticket.changed" || (tickets.get(change.ticket_id)?.version ?? -1) >= change.version) return;
          const before = tickets.get(change.ticket_id);
          refresh(change.ticket_id).then(() => {
            const now = tickets.get(change.ticket_id);
            if (alarm && now?.status === "escalated") {
              if (before?.status !== "escalated") alarm.raise(now);
              else if (now.escalation_level > before.escalation_level) alarm.raise(now, { again: true });
            }
            render();
          }, (error) => flash(error.message));
        },
      });
      ticker = setInterval(tick, 1000);
    },
    stop() {
      feed?.stop();
      clearInterval(ticker);
      alarm?.clear();
      map?.stop();
      tickets.clear();
      rows.replaceChildren();
    },
    render() {
      render();
      alarm?.render();
    },
  };
}
