// An OPD's announcement of a new escalation or of a re-notification (a ticket still not acknowledged, notified again):
// a short two-note tone made with the Web Audio API (no sound file) and a banner naming the tickets that stays until
// the operator marks it seen.
import { $, el } from "./dom.js";
import { t } from "./i18n.js";
import { tone } from "./tone.js";

export function createEscalationAlarm() {
  const banner = $("#escalation-banner");
  const waiting = new Map(); // ticket id → { number, again }, until seen
  const announced = new Set(); // "id:escalation level": two changes read at once announce one escalation once
  let tones = 0;

  const group = (again, label) => {
    const tickets = [...waiting].filter(([, w]) => w.again === again);
    return tickets.length === 0 ? [] : [el("span", { class: "escalation-group", dataset: { kind: again ? "again" : "new" } },
      t(label, { count: tickets.length }), " ",
      ...tickets.flatMap(([id, w], i) => [i > 0 ? ", " : "", el("a", { href: `#/tickets/${id}` }, w.number)]))];
  };

  function render() {
    banner.hidden = waiting.size === 0;
    $("#escalation-text").replaceChildren(...group(false, "escalation.new"), ...group(true, "escalation.again"));
  }

  $("#escalation-seen").onclick = () => {
    waiting.clear();
    render();
  };

  return {
    /** A ticket was just escalated to this OPD, or (`again`) this OPD was notified again of one not acknowledged yet. */
    raise(ticket, { again = false } = {}) {
      const key = `${ticket.id}:${ticket.escalation_level}`;
      if (announced.has(key)) return;
      announced.add(key);
      // A ticket still unseen as a new escalation stays listed as one.
      waiting.set(ticket.id, { number: ticket.number, again: waiting.get(ticket.id)?.again ?? again });
      if (tone()) banner.dataset.tones = String(++tones);
      render();
    },
    clear() {
      waiting.clear();
      announced.clear();
      render();
    },
    render,
  };
}
