// An OPD's announcement of a new escalation or of a re-notification (a ticket still not acknowledged, notified again):
// a short two-note tone made with the Web Audio API (no sound file) and a banner naming the tickets that stays until
// the operator marks it seen.
import { $, el } from "./dom.js";
import { t } from "./i18n.js";

const NOTES_HZ = [880, 660];
const NOTE_S = 0.18;

let audio = null;

/** Plays the tone; answers whether the browser let it start (it may wait for the person's first click). */
function tone() {
  const Context = window.AudioContext ?? window.webkitAudioContext;
  if (!Context) return false;
  audio ??= new Context();
  if (audio.state === "suspended") audio.resume().catch(() => {});
  const start = audio.currentTime;
  NOTES_HZ.forEach((hz, i) => {
    const oscillator = audio.createOscillator(), gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = hz;
    gain.gain.setValueAtTime(0.2, start + i * NOTE_S);
    gain.gain.exponentialRampToValueAtTime(0.001, start + (i + 1) * NOTE_S);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + i * NOTE_S);
    oscillator.stop(start + (i + 1) * NOTE_S);
  });
  return true;
}

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
