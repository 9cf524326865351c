// The announcement tone of the board: two short notes made with the Web Audio API (no sound file), for an OPD's new
// escalation or re-notification and for a supervisor's new alert.

const NOTES_HZ = [880, 660];
const NOTE_S = 0.18;

let audio = null;

/** Plays the tone; answers whether the browser let it start (it may wait for the person's first click). */
export function tone() {
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
