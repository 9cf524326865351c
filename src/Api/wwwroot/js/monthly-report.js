// The printable monthly report: for each month of the chosen range one A4 page with the figures of
// GET /reports/summary, charts from GET /reports/series (Chart.js, served from this origin) and the per-OPD table.
// The session is the board's, borrowed from the board that opened this tab (session-share.js) or resumed from the
// refresh cookie (api.js sends the token); the language is the board's choice, switchable here.
import { refresh } from "./accounts.js";
import { get, ApiError } from "./api.js";
import { begin } from "./auth.js";
import { el } from "./dom.js";
import { language, locale, setLanguage } from "./i18n.js";
import { chartLibrary, chartSet } from "./report-charts.js";
import { dateLabel, figure, keyFigures, number, opdTable } from "./report-format.js";
import { borrowSession } from "./session-share.js";

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

const MAX_MONTHS = 24;

const words = () => WORDS[language()] ?? WORDS.id;
const w = (key, vars = {}) => String(words()[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
const $ = (id) => document.getElementById(id);

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

const charts = chartSet();

function renderMonth(month, summary, series) {
  const { months } = words();
  const section = el("section", { class: "month", "data-month": monthKey(month) });
  section.append(
    el("h1", {}, `${w("title")} — ${months[month.month - 1]} ${month.year}`),
    el("p", { class: "sub" }, w("period", {
      from: `1 ${months[month.month - 1]} ${month.year}`, to: `${lastDay(month)} ${months[month.month - 1]} ${month.year}`,
      now: new Date().toLocaleString(locale()),
    })));

  const withoutNumber = (summary.calls.by_caller_id.withheld ?? 0) + (summary.calls.by_caller_id.unavailable ?? 0);
  section.append(el("h2", {}, w("figures")), el("div", { class: "figures" },
    ...keyFigures(summary, w), figure(w("noNumber"), number(withoutNumber))));

  const perDay = el("canvas", { "aria-label": w("perDayChart"), role: "img" });
  const byCategory = el("canvas", { "aria-label": w("categoryChart"), role: "img" });
  const byHour = el("canvas", { "aria-label": w("hourChart"), role: "img" });
  section.append(el("h2", {}, w("charts")), el("div", { class: "charts" },
    el("div", { class: "chart wide" }, perDay), el("div", { class: "chart" }, byCategory),
    el("div", { class: "chart" }, byHour)));

  section.append(el("h2", {}, w("perOpd")), opdTable(summary.per_opd, w));
  $("months").append(section);

  const days = series.items.map((item) => dateLabel(item.start, series.time_zone, { day: "numeric" }));
  charts.byClassification(perDay, days, series.items, w, w("perDayChart"));
  charts.byCategory(byCategory, summary.emergencies.by_category, w, w("categoryChart"));
  charts.byHour(byHour, summary.calls.by_weekday_hour, w, w("hourChart"));
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
  charts.clear();
  $("months").replaceChildren();
  say(w("loading"));
  try {
    await chartLibrary();
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
  // Opened from the board: its session, however the person signed in; else the local account's refresh cookie.
  const resumed = await borrowSession() ?? await refresh().catch(() => null);
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
  window.addEventListener("beforeprint", charts.resize);
  show();
}

start();
