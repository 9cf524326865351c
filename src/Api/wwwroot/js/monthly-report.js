// The printable monthly report: for each month of the chosen range one A4 page with the figures of
// GET /reports/summary, charts from GET /reports/series (Chart.js, served from this origin) and the per-OPD table.
// The session is the board's, resumed here from its refresh cookie (api.js sends the token); the language is the
// board's choice, switchable here.
import { refresh } from "./accounts.js";
import { get, ApiError } from "./api.js";
import { begin } from "./auth.js";
import { language, setLanguage, CATEGORIES } from "./i18n.js";

const WORDS = {
  id: {
    title: "Laporan bulanan Layanan Darurat 112 Kota Bengkulu",
    back: "Papan", from: "Dari bulan", to: "Sampai bulan", show: "Tampilkan", print: "Cetak / PDF", lang: "English",
    loading: "Memuat laporan…", signin: "Masuk di papan terlebih dahulu (peran pengawas), lalu buka laporan ini lagi.",
    forbidden: "Laporan hanya untuk pengawas.", range: "Bulan akhir harus sama dengan atau setelah bulan awal (paling banyak 24 bulan).",
    period: "Periode {from} – {to} (WIB), dibuat {now}",
    calls: "Panggilan", emergencies: "Darurat nyata", prankShare: "Porsi iseng", perDay: "Rata-rata per hari",
    slaMet: "Tiket memenuhi SLA", escalated60: "Diteruskan ≤ 60 dtk", escalateP50: "Waktu proses p50", escalateP90: "Waktu proses p90",
    noNumber: "Tanpa nomor", figures: "Angka utama", charts: "Grafik", perOpd: "Per OPD",
    perDayChart: "Panggilan per hari menurut klasifikasi", categoryChart: "Darurat menurut kategori",
    hourChart: "Panggilan menurut jam (WIB)",
    opd: "OPD", tickets: "Tiket", escalated: "Diteruskan", ackP50: "Respons p50", ackP90: "Respons p90",
    onSceneP50: "Tiba p50", resolveP50: "Selesai p50", sla: "SLA terpenuhi", noOpd: "Tidak ada tiket untuk OPD pada bulan ini.",
    emergency: "Darurat", non_emergency: "Bukan darurat", prank: "Iseng", silent: "Diam", wrong_number: "Salah sambung",
    abandoned: "Terputus", months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
      "Oktober", "November", "Desember"],
  },
  en: {
    title: "Monthly report of the 112 emergency line of Kota Bengkulu",
    back: "Board", from: "From month", to: "To month", show: "Show", print: "Print / PDF", lang: "Bahasa Indonesia",
    loading: "Loading the report…", signin: "Sign in on the board first (supervisor role), then open this report again.",
    forbidden: "Reports are for supervisors only.", range: "The last month must be the first or after it (24 months at most).",
    period: "Period {from} – {to} (WIB), made {now}",
    calls: "Calls", emergencies: "Real emergencies", prankShare: "Prank share", perDay: "Average per day",
    slaMet: "Tickets within SLA", escalated60: "Escalated ≤ 60 s", escalateP50: "Processing time p50", escalateP90: "Processing time p90",
    noNumber: "Without a number", figures: "Key figures", charts: "Charts", perOpd: "Per OPD",
    perDayChart: "Calls per day by classification", categoryChart: "Emergencies by category", hourChart: "Calls by hour (WIB)",
    opd: "OPD", tickets: "Tickets", escalated: "Escalated", ackP50: "Response p50", ackP90: "Response p90",
    onSceneP50: "On scene p50", resolveP50: "Resolved p50", sla: "SLA met", noOpd: "No OPD tickets this month.",
    emergency: "Emergency", non_emergency: "Non-emergency", prank: "Prank", silent: "Silent", wrong_number: "Wrong number",
    abandoned: "Abandoned", months: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"],
  },
};

const CLASSIFICATIONS = ["emergency", "non_emergency", "prank", "silent", "wrong_number", "abandoned"];
const COLOURS = ["#b3261e", "#1e7a46", "#9a6100", "#5b6675", "#2b5c9e", "#8e44ad"];
const MAX_MONTHS = 24;

const words = () => WORDS[language()] ?? WORDS.id;
const w = (key, vars = {}) => String(words()[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
const $ = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

const number = (value, digits = 0) => value === null || value === undefined ? "–"
  : Number(value).toLocaleString(language() === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percent = (share) => share === null || share === undefined ? "–" : `${number(share * 100, 1)} %`;
function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  if (seconds < 120) return `${number(seconds)} ${language() === "en" ? "s" : "dtk"}`;
  if (seconds < 7200) return `${number(seconds / 60, 1)} ${language() === "en" ? "min" : "mnt"}`;
  return `${number(seconds / 3600, 1)} ${language() === "en" ? "h" : "jam"}`;
}

/** "2024-03" → { year, month (1-12) }, or null. */
function parseMonth(text) {
  const match = /^(\d{4})-(\d{2})$/.exec(text ?? "");
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

const pad = (n) => String(n).padStart(2, "0");
const monthKey = ({ year, month }) => `${year}-${pad(month)}`;
const lastDay = ({ year, month }) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthsBetween(from, to) {
  const months = [];
  for (let { year, month } = from; year < to.year || (year === to.year && month <= to.month);) {
    months.push({ year, month });
    if (++month > 12) { month = 1; year++; }
    if (months.length > MAX_MONTHS) return null;
  }
  return months;
}

const charts = [];

function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

function chart(canvas, config) {
  // No animation: the page is for printing, and a chart caught mid-animation prints half drawn.
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  charts.push(new window.Chart(canvas, config));
}

function figure(label, value) {
  return element("div", { class: "figure" }, element("div", { class: "value" }, value), element("div", { class: "label" }, label));
}

function renderMonth(month, summary, series) {
  const { months } = words();
  const section = element("section", { class: "month", "data-month": monthKey(month) });
  section.append(
    element("h1", {}, `${w("title")} — ${months[month.month - 1]} ${month.year}`),
    element("p", { class: "sub" }, w("period", {
      from: `1 ${months[month.month - 1]} ${month.year}`, to: `${lastDay(month)} ${months[month.month - 1]} ${month.year}`,
      now: new Date().toLocaleString(language() === "en" ? "en-GB" : "id-ID"),
    })));

  const escalated = summary.per_opd.reduce((sum, o) => sum + o.escalated, 0);
  const met = summary.per_opd.reduce((sum, o) => sum + (o.sla_met_share ?? 0) * o.escalated, 0);
  const processing = summary.emergency_processing;
  const withoutNumber = (summary.calls.by_caller_id.withheld ?? 0) + (summary.calls.by_caller_id.unavailable ?? 0);
  section.append(element("h2", {}, w("figures")), element("div", { class: "figures" },
    figure(w("calls"), number(summary.calls.total)),
    figure(w("emergencies"), number(summary.emergencies.total)),
    figure(w("prankShare"), percent(summary.prank_share)),
    figure(w("perDay"), number(summary.calls.per_day_avg, 1)),
    figure(w("slaMet"), escalated ? percent(met / escalated) : "–"),
    figure(w("escalated60"), percent(processing.escalated_within_60s_share)),
    figure(w("escalateP50"), duration(processing.escalated_p50_s)),
    figure(w("noNumber"), number(withoutNumber))));

  const perDay = element("canvas", { "aria-label": w("perDayChart"), role: "img" });
  const byCategory = element("canvas", { "aria-label": w("categoryChart"), role: "img" });
  const byHour = element("canvas", { "aria-label": w("hourChart"), role: "img" });
  section.append(element("h2", {}, w("charts")), element("div", { class: "charts" },
    element("div", { class: "chart wide" }, perDay), element("div", { class: "chart" }, byCategory),
    element("div", { class: "chart" }, byHour)));

  section.append(element("h2", {}, w("perOpd")), opdTable(summary.per_opd));
  $("months").append(section);

  const days = series.items.map((item) => new Date(item.start).toLocaleDateString("en-GB", { timeZone: "Asia/Jakarta", day: "numeric" }));
  chart(perDay, {
    type: "bar",
    data: {
      labels: days,
      datasets: CLASSIFICATIONS.map((code, k) => ({
        label: w(code), data: series.items.map((item) => item.calls.by_classification[code]), backgroundColor: COLOURS[k],
      })),
    },
    options: { plugins: { title: { display: true, text: w("perDayChart") } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
  const categories = Object.entries(summary.emergencies.by_category).filter(([, count]) => count > 0);
  chart(byCategory, {
    type: "bar",
    data: {
      labels: categories.map(([code]) => CATEGORIES[code]?.[language()] ?? code),
      datasets: [{ label: w("emergencies"), data: categories.map(([, count]) => count), backgroundColor: COLOURS[0] }],
    },
    options: { indexAxis: "y", plugins: { legend: { display: false }, title: { display: true, text: w("categoryChart") } } },
  });
  const hours = Array.from({ length: 24 }, (_, hour) =>
    Object.values(summary.calls.by_weekday_hour).reduce((sum, day) => sum + day[hour], 0));
  chart(byHour, {
    type: "bar",
    data: { labels: hours.map((_, hour) => pad(hour)), datasets: [{ label: w("calls"), data: hours, backgroundColor: COLOURS[4] }] },
    options: { plugins: { legend: { display: false }, title: { display: true, text: w("hourChart") } } },
  });
}

function opdTable(perOpd) {
  if (!perOpd.length) return element("p", { class: "empty" }, w("noOpd"));
  const head = ["opd", "tickets", "escalated", "ackP50", "ackP90", "onSceneP50", "resolveP50", "sla"];
  const rows = perOpd.map((o) => element("tr", {},
    element("td", {}, o.opd), element("td", {}, number(o.tickets)), element("td", {}, number(o.escalated)),
    element("td", {}, duration(o.ack_p50_s)), element("td", {}, duration(o.ack_p90_s)),
    element("td", {}, duration(o.on_scene_p50_s)), element("td", {}, duration(o.resolve_p50_s)),
    element("td", {}, percent(o.sla_met_share))));
  return element("table", {},
    element("thead", {}, element("tr", {}, ...head.map((key) => element("th", { scope: "col" }, w(key))))),
    element("tbody", {}, ...rows));
}

function say(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

async function show() {
  const from = parseMonth($("from").value);
  const to = parseMonth($("to").value);
  const months = from && to ? monthsBetween(from, to) : null;
  if (!months || !months.length) {
    say(w("range"), true);
    return;
  }
  history.replaceState(null, "", `?from=${monthKey(from)}&to=${monthKey(to)}`);
  document.body.dataset.ready = "false";
  destroyCharts();
  $("months").replaceChildren();
  say(w("loading"));
  try {
    for (const month of months) {
      const period = `from=${monthKey(month)}-01&to=${monthKey(month)}-${pad(lastDay(month))}`;
      const [summary, series] = await Promise.all([
        get(`/reports/summary?${period}`), get(`/reports/series?${period}&bucket=day`)]);
      renderMonth(month, summary, series);
    }
    say("");
    document.body.dataset.ready = "true";
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    say(status === 401 ? w("signin") : status === 403 ? w("forbidden") : error.message, true);
  }
}

function labels() {
  document.documentElement.lang = language();
  document.title = w("title");
  document.querySelectorAll("[data-r]").forEach((node) => { node.textContent = w(node.dataset.r); });
}

async function start() {
  const resumed = await refresh().catch(() => null);
  if (resumed) begin(resumed);
  const query = new URLSearchParams(location.search);
  const now = new Date();
  const previous = { year: now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear(), month: now.getMonth() === 0 ? 12 : now.getMonth() };
  $("from").value = monthKey(parseMonth(query.get("from")) ?? previous);
  $("to").value = monthKey(parseMonth(query.get("to")) ?? parseMonth($("from").value));
  labels();
  $("show").addEventListener("click", show);
  $("print").addEventListener("click", () => window.print());
  $("lang").addEventListener("click", () => {
    setLanguage(language() === "id" ? "en" : "id");
    labels();
    show();
  });
  // Charts are sized for the screen: fit them to the printed sheet before printing.
  window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
  show();
}

start();
