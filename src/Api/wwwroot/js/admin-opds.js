// The OPD directory for admins (API.md "OPDs, routing, policies"): every OPD with its categories, backup and open
// tickets; a new one added or one changed with `PUT /opds/{code}` (its code stays; a new one may not take a code in
// use), the server's refusal shown as is.
import { api, get } from "./api.js";
import { $, el } from "./dom.js";
import { CATEGORIES, categoryLabel, t } from "./i18n.js";
import { cell, checks, createOutcome, field, table, ticked, words } from "./admin-kit.js";

export function createOpdScreen() {
  let opds = [], editing = null;
  const outcome = createOutcome();
  const code = el("input", { id: "opd-code", type: "text", required: true, maxlength: 32, autocomplete: "off",
    autocapitalize: "none", spellcheck: "false" });
  const name = el("input", { id: "opd-name", type: "text", required: true, maxlength: 200, autocomplete: "off" });
  const backup = el("select", { id: "opd-backup" });
  const active = el("input", { id: "opd-active", type: "checkbox", checked: true });
  let categories = checks("opd-categories", "admin.opds.categories", []);
  const heading = el("h3", { id: "opd-form-title" });
  const showHeading = () => { heading.textContent = editing ? t("admin.opds.edit", { code: editing }) : t("admin.opds.new"); };
  const form = el("form", { id: "opd-form", class: "admin-form", "aria-labelledby": "opd-form-title" },
    heading,
    ...field("admin.opds.code", code, "admin.opds.code.help"),
    ...field("admin.opds.name", name),
    categories,
    ...field("admin.opds.backup", backup),
    el("label", { class: "check" }, active, " ", words("span", "admin.opds.active")),
    el("div", { class: "actions" },
      words("button", "admin.save", { type: "submit", class: "primary" }),
      words("button", "admin.opds.add", { type: "button", id: "opd-new", onclick: () => edit(null) })));
  const list = table("admin.opds.list", ["admin.opds.code", "admin.opds.name", "admin.opds.categories",
    "admin.opds.backup", "admin.opds.open", "admin.opds.status", "col.actions"]);
  const root = el("div", { class: "admin-screen", id: "admin-opds" }, form, outcome.node, list.node);

  function renderCategories(chosen) {
    const fresh = checks("opd-categories", "admin.opds.categories",
      Object.keys(CATEGORIES).map((c) => [c, categoryLabel(c)]), chosen);
    categories.replaceWith(fresh);
    categories = fresh;
  }

  function renderBackup(chosen) {
    backup.replaceChildren(el("option", { value: "" }, t("admin.none")),
      ...opds.filter((o) => o.code !== code.value).map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`)));
    backup.value = chosen ?? "";
  }

  /** Fills the form with `opd` to change it, or empties it for a new one. */
  function edit(opd, focus = true) {
    editing = opd?.code ?? null;
    showHeading();
    code.value = opd?.code ?? "";
    code.readOnly = opd !== null;
    name.value = opd?.name ?? "";
    active.checked = opd?.active ?? true;
    renderCategories(opd?.categories ?? []);
    renderBackup(opd?.backup_opd);
    outcome.clear();
    if (focus) (opd ? name : code).focus();
  }

  const row = (opd) => el("tr", { dataset: { code: opd.code, active: String(opd.active) } },
    cell(t("admin.opds.code"), el("span", { class: "number" }, opd.code)),
    cell(t("admin.opds.name"), opd.name),
    cell(t("admin.opds.categories"), opd.categories.map(categoryLabel).join(", ") || "—"),
    cell(t("admin.opds.backup"), opd.backup_opd ?? "—"),
    cell(t("admin.opds.open"), String(opd.open_tickets)),
    cell(t("admin.opds.status"), t(opd.active ? "admin.opds.active" : "admin.opds.inactive")),
    el("td", {}, el("button", { type: "button", dataset: { action: "edit" }, "aria-label": `${t("admin.edit")} ${opd.code}`,
      onclick: () => edit(opd) }, t("admin.edit"))));

  function render() {
    list.body.replaceChildren(...opds.map(row));
    const chosen = ticked(categories), backupValue = backup.value;
    renderCategories(chosen);
    renderBackup(backupValue);
    showHeading();
    outcome.render();
  }

  async function load() {
    opds = (await get("/opds")).items;
    render();
  }

  async function save(event) {
    event.preventDefault();
    const target = code.value.trim();
    const body = { name: name.value.trim(), categories: ticked(categories), backup_opd: backup.value || null, active: active.checked };
    try {
      // PUT creates or replaces: a "new" OPD whose code is taken would overwrite that OPD, so it is refused here.
      if (!editing && await get(`/opds/${encodeURIComponent(target)}`).then(() => true, (error) => {
        if (error.status === 404) return false;
        throw error;
      })) {
        outcome.refused(new Error(t("admin.opds.exists", { code: target })));
        return;
      }
      const saved = await api("PUT", `/opds/${encodeURIComponent(target)}`, { body });
      await load();
      edit(saved);
      outcome.done("admin.opds.saved", { code: saved.code });
    } catch (error) {
      outcome.refused(error);
    }
  }

  form.addEventListener("submit", save);
  code.addEventListener("change", () => renderBackup(backup.value));

  return {
    root,
    titleKey: "admin.opds.title",
    async start() {
      edit(null, false);
      await load().catch((error) => outcome.refused(error));
      $("#admin-title").focus();
    },
    stop() {},
    render,
  };
}
