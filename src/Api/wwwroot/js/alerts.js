// Supervisors' alerts: the open ones listed once, new ones added live from the alert feed (announced with the tone),
// each acknowledged here.
import { get, post } from "./api.js";
import { $, clock, el, flash } from "./dom.js";
import { t } from "./i18n.js";
import { followList } from "./sse.js";
import { tone } from "./tone.js";

const PAGE = 200;

export function createAlerts() {
  const alerts = new Map();
  const list = $("#alert-list");
  let feed = null;

  const keep = (alert) => {
    if (alert.acknowledged_at) alerts.delete(alert.id);
    else alerts.set(alert.id, alert);
  };

  async function acknowledge(alert) {
    try {
      keep(await post(`/alerts/${alert.id}/acknowledge`));
      flash("");
    } catch (error) {
      flash(`${alert.ticket_number}: ${error.message}`);
    }
    render();
  }

  const item = (alert) =>
    el("li", { class: `alert alert-${alert.kind.replace(".", "-")}`,
      dataset: { alertId: alert.id, kind: alert.kind, ticketNumber: alert.ticket_number } },
      el("div", { class: "alert-head" },
        el("strong", {}, t(`alert.${alert.kind}`)),
        el("span", { class: "alert-ticket" }, alert.ticket_number)),
      el("div", { class: "alert-body" },
        `${alert.opd ?? "—"} · ${t(`deadline.${alert.deadline}`)} · ${t("alert.due", { time: clock(alert.due_at) })}`),
      el("button", { type: "button", class: "action action-acknowledge-alert", dataset: { action: "acknowledge-alert" },
        onclick: () => acknowledge(alert) }, t("alerts.acknowledge")));

  function render() {
    list.replaceChildren(...[...alerts.values()].sort((a, b) => b.id - a.id).map(item));
    $("#alerts-empty").hidden = alerts.size > 0;
  }

  async function load() {
    const page = await get(`/alerts?status=open&limit=${PAGE}`);
    alerts.clear();
    page.items.forEach(keep);
    render();
  }


  return {
    start() {
      feed = followList("/stream/alerts", {
        badge: $("#alerts-feed"),
        load,
        onEvent: (name, alert) => {
          if (name !== "alert.raised") return;
          const fresh = !alerts.has(alert.id) && !alert.acknowledged_at;
          keep(alert);
          render();
          if (fresh && tone()) list.dataset.tones = String(Number(list.dataset.tones ?? 0) + 1);
        },
      });
    },
    stop() {
      feed?.stop();
      alerts.clear();
      list.replaceChildren();
      delete list.dataset.tones;
    },
    render,
  };
}
