// Admins keep the accounts here (API.md "Accounts and sign-in"): the list, a new account (its one-time password shown
// once, on this page, to hand to the person), deactivation and reactivation, a password reset.
import { api, get, opdList, post } from "./api.js";
import { $, el, flash } from "./dom.js";
import { t } from "./i18n.js";
import { when } from "./admin-kit.js";

const ROLES = ["calltaker", "opd", "supervisor", "admin"];
const PAGE = 200;

export function createAccounts() {
  const rows = $("#account-rows"), form = $("#account-form"), secret = $("#account-secret");
  const role = $("#account-role"), opd = $("#account-opd");
  let users = [], opds = [];

  const path = (user) => `/users/${encodeURIComponent(user.username)}`;

  // The one-time password, to read out or copy now: the server never shows it again.
  const showSecret = (username, password) => secret.replaceChildren(
    el("p", {}, t("accounts.secret", { username })),
    el("code", { class: "one-time", dataset: { username } }, password),
    el("p", { class: "hint" }, t("accounts.secret.once")));

  const keep = (user) => {
    users = [...users.filter((u) => u.username !== user.username), user].sort((a, b) => a.username.localeCompare(b.username));
  };

  async function change(user, work) {
    try {
      await work();
      flash("");
    } catch (error) {
      flash(`${user.username}: ${error.message}`);
    }
    render();
  }

  const setActive = (user, active) => change(user, async () => keep(await api("PATCH", path(user), { body: { active } })));

  const reset = (user) => change(user, async () => {
    const answer = await post(`${path(user)}/reset-password`);
    showSecret(user.username, answer.initial_password);
    keep({ ...user, must_change_password: true });
  });


  const row = (user) => el("tr", { dataset: { username: user.username, active: String(user.active) } },
    el("td", { class: "number", "data-label": t("accounts.username") }, user.username),
    el("td", { "data-label": t("accounts.name") }, user.display_name),
    el("td", { "data-label": t("accounts.role") }, t(`role.${user.role}`)),
    el("td", { "data-label": t("accounts.opd") }, user.opd ?? "—"),
    el("td", { "data-label": t("accounts.status") },
      t(!user.active ? "accounts.inactive" : user.must_change_password ? "accounts.pending" : "accounts.active")),
    el("td", { "data-label": t("accounts.last") }, when(user.last_sign_in_at)),
    el("td", {}, el("div", { class: "actions" },
      el("button", { type: "button", dataset: { action: user.active ? "deactivate" : "activate" },
        "aria-label": `${t(user.active ? "accounts.deactivate" : "accounts.activate")} ${user.username}`,
        onclick: () => setActive(user, !user.active) }, t(user.active ? "accounts.deactivate" : "accounts.activate")),
      el("button", { type: "button", dataset: { action: "reset-password" },
        "aria-label": `${t("accounts.reset")} ${user.username}`, onclick: () => reset(user) }, t("accounts.reset")))));

  function renderForm() {
    const keepValue = (select, fill) => { const value = select.value; fill(); if (value) select.value = value; };
    keepValue(role, () => role.replaceChildren(...ROLES.map((r) => el("option", { value: r }, t(`role.${r}`)))));
    keepValue(opd, () => opd.replaceChildren(...opds.map((o) => el("option", { value: o.code }, `${o.code} — ${o.name}`))));
    $("#account-opd-field").hidden = role.value !== "opd";
  }

  function render() {
    renderForm();
    rows.replaceChildren(...users.map(row));
  }

  async function load() {
    const page = await get(`/users?limit=${PAGE}`);
    users = page.items;
    render();
  }

  async function create(event) {
    event.preventDefault();
    const body = {
      username: $("#account-username").value.trim(),
      display_name: $("#account-name").value.trim(),
      role: role.value,
      opd: role.value === "opd" ? opd.value : undefined,
    };
    let created;
    try {
      created = await post("/users", body);
    } catch (error) {
      flash(error.message);
      return;
    }
    flash("");
    form.reset();
    showSecret(created.username, created.initial_password);
    const { initial_password: _, ...user } = created;
    keep(user);
    render();
    $("#account-username").focus();
  }

  form.addEventListener("submit", create);
  role.addEventListener("change", renderForm);

  return {
    async start() {
      opds = await opdList();
      render();
      await load().catch((error) => flash(error.message));
    },
    stop() {
      users = [];
      rows.replaceChildren();
      secret.replaceChildren();
      form.reset();
    },
    render,
  };
}
