// An OPD's announcement of a new escalation: a short two-note tone made with the Web Audio API (no sound file) and a
// banner naming the tickets that stays until the operator marks it seen.
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
  const waiting = new Map(); // ticket id → number, until seen
  const announced = new Set(); // "id:escalation level": two changes read at once announce one escalation once
  let tones = 0;

  function render() {
    banner.hidden = waiting.size === 0;
    $("#escalation-text").replaceChildren(t("escalation.new", { count: waiting.size }), " ",
      ...[...waiting].flatMap(([id, number], i) => [i > 0 ? ", " : "", el("a", { href: `#/tickets/${id}` }, number)]));
  }

  $("#escalation-seen").onclick = () => {
    waiting.clear();
    render();
  };

  return {
    /** A ticket was just escalated to this OPD. */
    raise(ticket) {
      const key = `${ticket.id}:${ticket.escalation_level}`;
      if (announced.has(key)) return;
      announced.add(key);
      waiting.set(ticket.id, ticket.number);
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
