// How the reports page and the printable monthly report write figures and tables: numbers, shares and durations in
// the page's language, and the tables (a chart's text alternative, the per-OPD table). `w` is the caller's words:
// a function from a key to its label in the current language.
import { el } from "./dom.js";
import { language, locale } from "./i18n.js";

/** A count or measure; "–" for a figure the API left null (no data). */
export const number = (value, digits = 0) => value === null || value === undefined ? "–"
  : Number(value).toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A share (0–1) as a percentage with one decimal. */
export const percent = (share) => share === null || share === undefined ? "–" : `${number(share * 100, 1)} %`;

/** Seconds as seconds, minutes or hours, whichever reads best. */
export function seconds(value) {
  if (value === null || value === undefined) return "–";
  const en = language() === "en";
  if (value < 120) return `${number(value)} ${en ? "s" : "dtk"}`;
  if (value < 7200) return `${number(value / 60, 1)} ${en ? "min" : "mnt"}`;
  return `${number(value / 3600, 1)} ${en ? "h" : "jam"}`;
}

/** A bucket's or day's label in the report time zone. */
export const dateLabel = (iso, timeZone, options) => new Date(iso).toLocaleDateString(locale(), { timeZone, ...options });

/** A key figure: its value above its label. */
export const figure = (label, value) =>
  el("div", { class: "figure" }, el("div", { class: "value" }, value), el("div", { class: "label" }, label));

/** The key figures both reports open with: calls, emergencies, prank share, calls a day, SLA met, call processing. */
export function keyFigures(summary, w) {
  const escalated = summary.per_opd.reduce((sum, o) => sum + o.escalated, 0);
  const met = summary.per_opd.reduce((sum, o) => sum + (o.sla_met_share ?? 0) * o.escalated, 0);
  const processing = summary.emergency_processing;
  return [
    figure(w("calls"), number(summary.calls.total)),
    figure(w("emergencies"), number(summary.emergencies.total)),
    figure(w("prankShare"), percent(summary.prank_share)),
    figure(w("perDay"), number(summary.calls.per_day_avg, 1)),
    figure(w("slaMet"), escalated ? percent(met / escalated) : "–"),
    figure(w("escalated60"), percent(processing.escalated_within_60s_share)),
    figure(w("escalateP50"), seconds(processing.escalated_p50_s)),
  ];
}

/** A table of texts: `head` the column labels, `rows` arrays of cells; the first column heads its row. */
export function table(head, rows) {
  return el("table", { class: "report-table" },
    el("thead", {}, el("tr", {}, ...head.map((label) => el("th", { scope: "col" }, label)))),
    el("tbody", {}, ...rows.map(([first, ...rest]) =>
      el("tr", {}, el("th", { scope: "row" }, first), ...rest.map((cell) => el("td", {}, cell))))));
}

/** Per-OPD response times and SLA met share; a line saying there is none when no ticket reached an OPD. */
export function opdTable(perOpd, w) {
  if (!perOpd.length) return el("p", { class: "empty" }, w("noOpd"));
  return table(["opd", "tickets", "escalated", "ackP50", "ackP90", "onSceneP50", "resolveP50", "sla"].map(w),
    perOpd.map((o) => [o.opd, number(o.tickets), number(o.escalated), seconds(o.ack_p50_s), seconds(o.ack_p90_s),
      seconds(o.on_scene_p50_s), seconds(o.resolve_p50_s), percent(o.sla_met_share)]));
}
