// The charts of the reports page and of the printable monthly report, drawn by Chart.js (vendored, loaded once from
// this origin when a report first needs it). Each chart is drawn without animation: a report is read or printed, and
// a chart caught mid-animation prints half drawn. `w` is the caller's words (key → label in the current language).
import { categoryLabel } from "./i18n.js";
import { load } from "./scripts.js";

export const CLASSIFICATIONS = ["emergency", "non_emergency", "prank", "silent", "wrong_number", "abandoned"];
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
export const COLOURS = ["#b3261e", "#1e7a46", "#9a6100", "#5b6675", "#2b5c9e", "#8e44ad", "#0f766e"];

/** Chart.js, loaded on first use. */
export const chartLibrary = () => load("vendor/chartjs/chart.umd.min.js", "Chart");

/** The emergencies' categories that had any, in the API's order. */
export const categoriesSeen = (byCategory) => Object.entries(byCategory).filter(([, count]) => count > 0);

/** Calls of each hour of the day (0–23), all weekdays together. */
export const callsByHour = (byWeekdayHour) => Array.from({ length: 24 }, (_, hour) =>
  Object.values(byWeekdayHour).reduce((sum, day) => sum + day[hour], 0));

/** The charts drawn on one page, so they can be redrawn (another period, another language) or fitted to print. */
export function chartSet() {
  const charts = [];
  const add = (canvas, config) => {
    config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
    charts.push(new window.Chart(canvas, config));
  };
  // A chart drawn with its title (the printed page), or without (the reports page names it in its caption).
  const titled = (title, options = {}) =>
    ({ ...options, plugins: { ...options.plugins, title: { display: Boolean(title), text: title ?? "" } } });
  const counts = { beginAtZero: true, ticks: { precision: 0 } }; // whole calls, never 0.5 of one
  return {
    add,
    clear: () => { while (charts.length) charts.pop().destroy(); },
    resize: () => charts.forEach((chart) => chart.resize()),
    titled,
    /** Calls of each bucket (series items) stacked by classification. */
    byClassification(canvas, labels, items, w, title) {
      add(canvas, {
        type: "bar",
        data: {
          labels,
          datasets: CLASSIFICATIONS.map((code, k) => ({
            label: w(code), data: items.map((item) => item.calls.by_classification[code]), backgroundColor: COLOURS[k],
          })),
        },
        options: titled(title, { scales: { x: { stacked: true }, y: { ...counts, stacked: true } } }),
      });
    },
    /** One horizontal bar per category that had emergencies. */
    byCategory(canvas, byCategory, w, title) {
      const seen = categoriesSeen(byCategory);
      add(canvas, {
        type: "bar",
        data: {
          labels: seen.map(([code]) => categoryLabel(code)),
          datasets: [{ label: w("emergencies"), data: seen.map(([, count]) => count), backgroundColor: COLOURS[0] }],
        },
        options: titled(title, { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: counts } }),
      });
    },
    /** Calls of each hour of the day in the report time zone. */
    byHour(canvas, byWeekdayHour, w, title) {
      const hours = callsByHour(byWeekdayHour);
      add(canvas, {
        type: "bar",
        data: {
          labels: hours.map((_, hour) => String(hour).padStart(2, "0")),
          datasets: [{ label: w("calls"), data: hours, backgroundColor: COLOURS[4] }],
        },
        options: titled(title, { plugins: { legend: { display: false } }, scales: { y: counts } }),
      });
    },
    counts,
  };
}
