// The routing table for admins (API.md "OPDs, routing, policies"): per category its priority, primary and supporting
// OPDs and the three deadlines (acknowledge, on scene, resolve), changed with `PUT /routing/{category}`. Deadlines are
// typed in minutes and sent as ISO 8601 durations; the server's refusal (e.g. a deadline shorter than the one before
// it) is shown as it answered.
import { api, get } from "./api.js";
import { $, el } from "./dom.js";
import { categoryLabel, t } from "./i18n.js";
import { cell, checks, createOutcome, field, isoDuration, seconds, span, table, ticked, words } from "./admin-kit.js";

const PRIORITIES = ["P1", "P2", "P3"];
const STEPS = ["acknowledge", "on_scene", "resolve"];

export function createRoutingScreen() {
  let rules = [], opds = [], editing = null;
  const outcome = createOutcome();
  const heading = el("h3", { id: "routing-form-title" });
  const priority = el("select", { id: "routing-priority" });
  const primary = el("select", { id: "routing-primary" });
  let supporting = checks("routing-supporting", "admin.routing.supporting", []);
  const minutes = Object.fromEntries(STEPS.map((step) =>
    [step, el("input", { id: `routing-${step}`, type: "number", min: "0", step: "any", inputmode: "decimal", required: true })]));
  const form = el("form", { id: "routing-form", class: "admin-form", "aria-labelledby": "routing-form-title", hidden: true },
    heading,
    ...field("admin.routing.priority", priority),
    ...field("admin.routing.primary", primary),
    supporting,
    ...STEPS.flatMap((step) => field(`admin.routing.${step}`, minutes[step], "admin.routing.minutes")),
    el("div", { class: "actions" },
      words("button", "admin.save", { type: "submit", class: "primary" }),
      words("button", "admin.cancel", { type: "button", onclick: () => edit(null) })));
  const list = table("admin.routing.list", ["col.category", "admin.routing.priority", "admin.routing.primary",
    "admin.routing.supporting", "admin.routing.acknowledge", "admin.routing.on_scene", "admin.routing.resolve", "col.actions"]);
  const root = el("div", { class: "admin-screen", id: "admin-routing" },
    words("p", "admin.routing.help", { class: "hint" }), list.node, form, outcome.node);

  const showSupporting = (chosen) => {
    const fresh = checks("routing-supporting", "admin.routing.supporting", opds.map((o) => [o.code, `${o.code} — ${o.name}`]), chosen);
    supporting.replaceWith(fresh);
    supporting = fresh;
  };

  function renderForm() {
    const rule = rules.find((r) => r.category === editing);
    form.hidden = !rule;
    if (!rule) return;
    heading.textContent = t("admin.routing.edit", { category: categoryLabel(rule.category) });
    const keep = (select, fill) => { const value = select.value; fill(); select.value = value; };
    keep(priority, () => priority.replaceChildren(...PRIORITIES.map((p) => el("option", { value: p }, p))));
    keep(primary, () => primary.replaceChildren(el("option", { value: "" }, t("admin.none")),
      ...opds.map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`))));
    showSupporting(ticked(supporting));
  }

  /** Opens the form on `rule` (or closes it with null). */
  function edit(rule) {
    editing = rule?.category ?? null;
    outcome.clear();
    if (!rule) {
      form.hidden = true;
      return;
    }
    renderForm();
    priority.value = rule.priority;
    primary.value = rule.primary_opd ?? "";
    showSupporting(rule.supporting_opds);
    for (const step of STEPS) minutes[step].value = String(Math.round((seconds(rule.deadlines[step]) / 60) * 1000) / 1000);
    priority.focus();
  }

  const deadline = (iso) => {
    const s = seconds(iso);
    return Number.isNaN(s) ? iso : el("span", { title: iso }, span(s));
  };

  const row = (rule) => el("tr", { dataset: { category: rule.category } },
    cell(t("col.category"), categoryLabel(rule.category)),
    cell(t("admin.routing.priority"), el("span", { class: `priority ${rule.priority.toLowerCase()}` }, rule.priority)),
    cell(t("admin.routing.primary"), rule.primary_opd ?? "—"),
    cell(t("admin.routing.supporting"), rule.supporting_opds.join(", ") || "—"),
    ...STEPS.map((step) => el("td", { "data-label": t(`admin.routing.${step}`), dataset: { deadline: step } },
      deadline(rule.deadlines[step]))),
    el("td", {}, el("button", { type: "button", dataset: { action: "edit" },
      "aria-label": `${t("admin.edit")} ${categoryLabel(rule.category)}`, onclick: () => edit(rule) }, t("admin.edit"))));

  function render() {
    list.body.replaceChildren(...rules.map(row));
    renderForm();
    outcome.render();
  }

  async function load() {
    const [routing, directory] = await Promise.all([get("/routing"), get("/opds")]);
    rules = routing.items;
    opds = directory.items;
    render();
  }

  async function save(event) {
    event.preventDefault();
    const category = editing;
    const deadlines = Object.fromEntries(STEPS.map((step) =>
      [step, isoDuration(Math.round(Number(minutes[step].value) * 60))]));
    const body = { priority: priority.value, primary_opd: primary.value || null, supporting_opds: ticked(supporting), deadlines };
    try {
      const saved = await api("PUT", `/routing/${encodeURIComponent(category)}`, { body });
      rules = rules.map((r) => (r.category === saved.category ? saved : r));
      editing = null;
      form.hidden = true;
      render();
      outcome.done("admin.routing.saved", () => ({ category: categoryLabel(saved.category) }));
      list.body.querySelector(`tr[data-category="${saved.category}"] button`)?.focus();
    } catch (error) {
      outcome.refused(error);
    }
  }

  form.addEventListener("submit", save);

  return {
    root,
    titleKey: "admin.routing.title",
    async start() {
      editing = null;
      form.hidden = true;
      outcome.clear();
      await load().catch((error) => outcome.refused(error));
      $("#admin-title").focus();
    },
    stop() {},
    render,
  };
}
