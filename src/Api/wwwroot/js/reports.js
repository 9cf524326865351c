// The supervisors' reports page, `#/reports?from=&to=&bucket=`: any period's figures from GET /reports/summary and
// GET /reports/series, each chart (Chart.js) with its table as the text alternative, the period's CSV as the API
// writes it (Accept: text/csv), and a link to the printable monthly report of a month of the period.
import { get, getText } from "./api.js";
import { $, el } from "./dom.js";
import { categoryLabel, t } from "./i18n.js";
import { CLASSIFICATIONS, COLOURS, WEEKDAYS, callsByHour, categoriesSeen, chartLibrary, chartSet } from "./report-charts.js";
import { dateLabel, figure, keyFigures, number, opdTable, percent, seconds, table } from "./report-format.js";

const ROUTE = /^#\/reports(?:\?(.*))?$/;
const BUCKETS = ["day", "week", "month"];
const CALLER_IDS = ["present", "withheld", "unavailable"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = "Asia/Jakarta"; // the report time zone of the defaults; the answers name theirs

const w = (key, vars) => t(`reports.${key}`, vars);

/** Whether an address is the reports page's. */
export const isReportsRoute = (hash) => ROUTE.test(hash);

/** Today in the report time zone, "2024-03-31". */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());

/** The period an address asks for; the current month so far, by day, when it names none. */
function periodOf(hash) {
  const query = new URLSearchParams(ROUTE.exec(hash)?.[1] ?? "");
  const end = today();
  return {
    from: query.get("from") ?? `${end.slice(0, 8)}01`,
    to: query.get("to") ?? end,
    bucket: query.get("bucket") ?? "day",
  };
}

const hashOf = ({ from, to, bucket }) => `#/reports?${new URLSearchParams({ from, to, bucket })}`;

/** The months a period touches, "2024-03", oldest first (none when its dates are not dates). */
function monthsOf({ from, to }) {
  if (!DATE.test(from) || !DATE.test(to)) return [];
  const months = [];
  for (let [year, month] = from.split("-").map(Number); `${year}-${String(month).padStart(2, "0")}` <= to.slice(0, 7);) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    if (++month > 12) { month = 1; year++; }
  }
  return months;
}

/** Saves text as a file through the browser's download. */
function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function createReportsView() {
  const root = $("#reports-view");
  const charts = chartSet();
  let period = null;
  let answers = null; // { summary, series } of `period`
  let request = 0;

  const field = (id, key, input) => el("div", { class: "report-field" }, el("label", { for: id, "data-i18n": `reports.${key}` }, w(key)), input);
  const from = el("input", { id: "reports-from", type: "date", required: true });
  const to = el("input", { id: "reports-to", type: "date", required: true });
  const bucket = el("select", { id: "reports-bucket" });
  const form = el("form", { id: "reports-form", class: "filters report-period" },
    field("reports-from", "from", from), field("reports-to", "to", to), field("reports-bucket", "bucket", bucket),
    el("button", { type: "submit", class: "primary", "data-i18n": "reports.show" }, w("show")));
  const error = el("p", { id: "reports-error", class: "error", role: "alert", hidden: true });
  const status = el("p", { id: "reports-status", class: "status-line", role: "status" });
  const body = el("div", { id: "reports-body", hidden: true });
  root.replaceChildren(
    el("header", { class: "card-head" },
      el("a", { href: "#/", class: "back", "data-i18n": "ticket.back" }, t("ticket.back")),
      el("h2", { id: "reports-title", tabindex: "-1", "data-i18n": "reports.title" }, w("title"))),
    form, status, error, body);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = hashOf({ from: from.value, to: to.value, bucket: bucket.value });
    if (location.hash === next) load();
    else location.hash = next; // the page's router opens it, so the address always says what is shown
  });

  function fillForm() {
    from.value = period.from;
    to.value = period.to;
    bucket.replaceChildren(...BUCKETS.map((code) => el("option", { value: code, selected: code === period.bucket }, w(`bucket.${code}`))));
  }

  async function load() {
    const mine = ++request;
    root.dataset.ready = "false";
    error.hidden = true;
    status.textContent = w("loading");
    const query = new URLSearchParams({ from: period.from, to: period.to });
    try {
      const [summary, series] = await Promise.all([
        get(`/reports/summary?${query}`),
        get(`/reports/series?${query}&${new URLSearchParams({ bucket: period.bucket })}`),
        chartLibrary(),
      ]);
      if (mine !== request) return;
      answers = { summary, series };
      render();
    } catch (failure) {
      if (mine !== request) return;
      answers = null;
      charts.clear();
      body.hidden = true;
      status.textContent = "";
      error.textContent = failure.message; // the server's problem, field by field
      error.hidden = false;
      root.dataset.ready = "error";
    }
  }

  async function downloadCsv(kind) {
    error.hidden = true;
    const query = new URLSearchParams({ from: period.from, to: period.to });
    if (kind === "series") query.set("bucket", period.bucket);
    try {
      const text = await getText(`/reports/${kind}?${query}`, "text/csv");
      const name = kind === "series" ? `112-${kind}-${period.bucket}-${period.from}-${period.to}.csv` : `112-${kind}-${period.from}-${period.to}.csv`;
      download(name, text);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    }
  }

  function tools() {
    const months = monthsOf(period);
    const month = el("select", { id: "reports-print-month" },
      ...months.map((key) => el("option", { value: key }, dateLabel(`${key}-15T00:00:00Z`, ZONE, { month: "long", year: "numeric" }))));
    const print = el("a", { id: "reports-print", class: "button-link", target: "_blank", rel: "opener" }, w("print"));
    const point = () => { print.href = `report.html?${new URLSearchParams({ from: month.value, to: month.value })}`; };
    month.addEventListener("change", point);
    point();
    const printable = months.length > 0; // a period given as exact times (not dates) has no month picker
    return el("div", { class: "report-tools" },
      el("button", { type: "button", id: "reports-csv-summary", onclick: () => downloadCsv("summary") }, w("csv.summary")),
      el("button", { type: "button", id: "reports-csv-series", onclick: () => downloadCsv("series") }, w("csv.series")),
      printable && el("div", { class: "report-field" }, el("label", { for: "reports-print-month" }, w("print.month")), month),
      printable && print);
  }

  /** A chart with its table: the canvas is named for screen readers, the table says the same in text. */
  function block(id, title, alternative, draw, drawings) {
    const canvas = el("canvas", { role: "img", "aria-label": `${title}. ${w("table.hint")}` });
    drawings.push(() => draw(canvas, null)); // the caption names the chart
    return el("figure", { class: "report-chart", id },
      el("figcaption", {}, title),
      el("div", { class: "chart-box" }, canvas),
      el("details", {}, el("summary", {}, w("table")), alternative));
  }

  function render() {
    if (!answers) return;
    const { summary, series } = answers;
    const drawings = [];
    charts.clear();
    const bucketLabel = (iso) => period.bucket === "month"
      ? dateLabel(iso, series.time_zone, { month: "long", year: "numeric" })
      : dateLabel(iso, series.time_zone, { day: "numeric", month: "short", year: "numeric" });
    const labels = series.items.map((item) => bucketLabel(item.start));
    const processing = summary.emergency_processing;
    const figures = el("div", { class: "figures", id: "reports-figures" },
      ...keyFigures(summary, w), figure(w("escalateP90"), seconds(processing.escalated_p90_s)));

    const perBucket = block("reports-calls", w(`chart.calls.${period.bucket}`),
      table([w(`bucket.${period.bucket}`), ...CLASSIFICATIONS.map(w), w("calls")],
        series.items.map((item, k) => [labels[k], ...CLASSIFICATIONS.map((code) => number(item.calls.by_classification[code])),
          number(item.calls.total)])),
      (canvas, title) => charts.byClassification(canvas, labels, series.items, w, title), drawings);

    const seen = categoriesSeen(summary.emergencies.by_category);
    const byCategory = block("reports-categories", w("chart.categories"),
      seen.length ? table([w("category"), w("emergencies")], seen.map(([code, count]) => [categoryLabel(code), number(count)]))
        : el("p", { class: "empty" }, w("none")),
      (canvas, title) => charts.byCategory(canvas, summary.emergencies.by_category, w, title), drawings);

    const opds = summary.per_opd;
    const minutes = (value) => (value === null ? null : Math.round(value / 6) / 10);
    const responses = block("reports-opd-times", w("chart.opd.times"), opdTable(opds, w),
      (canvas, title) => charts.add(canvas, {
        type: "bar",
        data: {
          labels: opds.map((o) => o.opd),
          datasets: ["ack_p50_s", "on_scene_p50_s", "resolve_p50_s"].map((key, k) => ({
            label: w(`minutes.${key}`), data: opds.map((o) => minutes(o[key])), backgroundColor: COLOURS[k + 4],
          })),
        },
        options: charts.titled(title, { scales: { y: { beginAtZero: true } } }),
      }), drawings);
    const sla = block("reports-opd-sla", w("chart.opd.sla"),
      opds.length ? table([w("opd"), w("escalated"), w("sla")], opds.map((o) => [o.opd, number(o.escalated), percent(o.sla_met_share)]))
        : el("p", { class: "empty" }, w("noOpd")),
      (canvas, title) => charts.add(canvas, {
        type: "bar",
        data: {
          labels: opds.map((o) => o.opd),
          datasets: [{ label: w("sla"), data: opds.map((o) => (o.sla_met_share === null ? null : o.sla_met_share * 100)), backgroundColor: COLOURS[1] }],
        },
        options: charts.titled(title, { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, max: 100 } } }),
      }), drawings);

    const processingTable = el("div", { id: "reports-processing" }, table([w("processing.figure"), w("processing.value")], [
      [w("processing.calls"), number(processing.calls)],
      [w("processing.escalated"), number(processing.escalated)],
      [w("processing.classified_p50"), seconds(processing.classified_p50_s)],
      [w("processing.classified_p90"), seconds(processing.classified_p90_s)],
      [w("escalateP50"), seconds(processing.escalated_p50_s)],
      [w("escalateP90"), seconds(processing.escalated_p90_s)],
      [w("escalated60"), percent(processing.escalated_within_60s_share)],
    ]));

    const hours = callsByHour(summary.calls.by_weekday_hour);
    const busiest = Math.max(1, ...WEEKDAYS.flatMap((day) => summary.calls.by_weekday_hour[day]));
    const heat = (count) => `heat-${count === 0 ? 0 : Math.ceil((4 * count) / busiest)}`;
    const hourHead = [w("weekday"), ...hours.map((_, hour) => String(hour).padStart(2, "0")), w("calls")];
    const weekTable = table(hourHead, [
      ...WEEKDAYS.map((day) => {
        const counts = summary.calls.by_weekday_hour[day];
        return [w(`day.${day}`), ...counts.map((count) => number(count)), number(counts.reduce((a, b) => a + b, 0))];
      }),
      [w("all"), ...hours.map((count) => number(count)), number(hours.reduce((a, b) => a + b, 0))],
    ]);
    weekTable.classList.add("heat");
    weekTable.querySelectorAll("tbody tr").forEach((row, r) => {
      if (r >= WEEKDAYS.length) return;
      [...row.querySelectorAll("td")].slice(0, 24).forEach((cell, hour) =>
        cell.classList.add(heat(summary.calls.by_weekday_hour[WEEKDAYS[r]][hour])));
    });
    const byHour = block("reports-hours", w("chart.hours"), weekTable,
      (canvas, title) => charts.byHour(canvas, summary.calls.by_weekday_hour, w, title), drawings);

    const callerIds = CALLER_IDS.map((code) => [code, summary.calls.by_caller_id[code] ?? 0]);
    const byCallerId = block("reports-caller-id", w("chart.callerId"),
      table([w("callerId"), w("calls")], callerIds.map(([code, count]) => [t(`caller_id.${code}`), number(count)])),
      (canvas, title) => charts.add(canvas, {
        type: "bar",
        data: {
          labels: callerIds.map(([code]) => t(`caller_id.${code}`)),
          datasets: [{ label: w("calls"), data: callerIds.map(([, count]) => count), backgroundColor: COLOURS[4] }],
        },
        options: charts.titled(title, { plugins: { legend: { display: false } }, scales: { y: charts.counts } }),
      }), drawings);

    const pranks = summary.top_prank_callers;
    const topPranks = block("reports-pranks", w("chart.pranks"),
      pranks.length ? table([w("number"), w("pranks")], pranks.map((c) => [c.caller_number, number(c.prank_calls)]))
        : el("p", { class: "empty" }, w("none")),
      (canvas, title) => charts.add(canvas, {
        type: "bar",
        data: {
          labels: pranks.map((c) => c.caller_number),
          datasets: [{ label: w("pranks"), data: pranks.map((c) => c.prank_calls), backgroundColor: COLOURS[2] }],
        },
        options: charts.titled(title, { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: charts.counts } }),
      }), drawings);

    body.replaceChildren(tools(),
      el("p", { class: "hint", id: "reports-period" }, w("period", {
        from: dateLabel(series.from, series.time_zone, { day: "numeric", month: "long", year: "numeric" }),
        to: dateLabel(new Date(Date.parse(series.to) - 1).toISOString(), series.time_zone, { day: "numeric", month: "long", year: "numeric" }),
        zone: series.time_zone,
      })),
      el("h3", {}, w("figures")), figures,
      el("div", { class: "report-charts" }, perBucket, byCategory, responses, sla),
      el("h3", {}, w("processing.title")), processingTable,
      el("div", { class: "report-charts" }, byHour, byCallerId, topPranks));
    body.hidden = false;
    status.textContent = "";
    drawings.forEach((draw) => draw());
    root.dataset.ready = "true";
  }

  return {
    /** Shows the period the address names (reloading only when it changed). */
    open(hash) {
      const next = periodOf(hash);
      const same = period && answers && next.from === period.from && next.to === period.to && next.bucket === period.bucket;
      period = next;
      fillForm();
      $("#reports-title").focus();
      if (!same) load();
    },
    close() {
      request++;
      charts.clear();
      answers = null;
      period = null;
      body.replaceChildren(); // nothing of one person's report stays in the page for the next
      body.hidden = true;
    },
    /** Redraws in the page's language from the answers already read. */
    render() {
      if (period) fillForm();
      render();
    },
  };
}
