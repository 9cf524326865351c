// Wires the page: sign-in (local account and/or single sign-on, as GET /auth/config says), the first sign-in's password
// change, the panels each role gets, the session's renewal and end, the language toggle.
import * as accounts from "./accounts.js";
import { createAccounts } from "./accounts-admin.js";
import { ADMIN_ROUTE, createAdmin } from "./admin.js";
import { createAlerts } from "./alerts.js";
import { api, get } from "./api.js";
import { begin, can, discard, onEnded, renew, signOut } from "./auth.js";
import { createBoard } from "./board.js";
import { $, duration, flash } from "./dom.js";
import { createIntake } from "./intake.js";
import { createReportsView, isReportsRoute } from "./reports.js";
import { lendSession } from "./session-share.js";
import { createTicketView } from "./ticket.js";
import { LANGUAGES, language, onLanguageChange, setLanguage, t, translate } from "./i18n.js";
import { useTileServer } from "./map-tiles.js";
import * as sso from "./sso.js";

let config = { local_accounts: false, sso: null };
let user = null;
let panels = [];
let ticketView = null;
let reportsView = null;
let adminView = null;
// The one-time password just typed, kept in memory until the person has chosen their own (then it is the current one).
let oneTimePassword = null;

function showWho() {
  $("#who-name").textContent = user ? user.name : "";
  $("#who-role").textContent = user ? t(`role.${user.role}`) : "";
  $("#who-opd").textContent = user?.opd ? `${t("who.opd")} ${user.opd}` : "";
  $("#who-opd").hidden = !user?.opd;
}

/** Shows one of the views: "signin", "password", "workspace", "ticket", "reports" or "admin". */
function show(view) {
  $("#signin").hidden = view !== "signin";
  $("#password-change").hidden = view !== "password";
  $("#workspace").hidden = view !== "workspace";
  $("#ticket-view").hidden = view !== "ticket";
  $("#reports-view").hidden = view !== "reports";
  $("#admin-view").hidden = view !== "admin";
  $("#who").hidden = view === "signin" || view === "password";
  $("#reports-link").hidden = !user || !can.readReports(user);
}

const TICKET_ROUTE = /^#\/tickets\/([0-9a-f-]{36})$/i;

/**
 * The signed-in views follow the address: `#/tickets/{id}` is a ticket's page, `#/reports…` the reports page (for the
 * roles that may read reports), `#/admin/{screen}` an admin's screen (for admins only), anything else the workspace.
 */
function route() {
  if (!user) return;
  const match = TICKET_ROUTE.exec(location.hash);
  const reports = isReportsRoute(location.hash);
  const admin = adminView ? ADMIN_ROUTE.exec(location.hash) : null;
  if (!match) ticketView.close();
  if (!reports) reportsView?.close();
  if (!admin) adminView?.close();
  if (match) {
    show("ticket");
    ticketView.open(match[1]);
  } else if (reports && reportsView) {
    show("reports");
    reportsView.open(location.hash);
  } else if (admin) {
    show("admin");
    adminView.open(admin[1]);
  } else {
    show("workspace");
    if (reports) flash(t("reports.forbidden"));
    $("#board-title").focus();
  }
}

const setText = (selector, message) => {
  $(selector).textContent = message;
  $(selector).hidden = !message;
};

function stopPanels() {
  panels.forEach((panel) => panel.stop());
  panels = [];
  ticketView?.close();
  reportsView?.close();
  reportsView = null;
  adminView?.close();
  adminView?.show(false);
  adminView = null;
  user = null;
  flash("");
}

function showSignIn({ error = "", status = "" } = {}) {
  stopPanels();
  show("signin");
  $("#signin-form").hidden = !config.local_accounts;
  $("#sso-signin").hidden = !config.sso;
  $("#signin-or").hidden = !(config.local_accounts && config.sso);
  $("#password").value = "";
  $("#signin-status").textContent = status || (config.local_accounts || config.sso ? "" : t("signin.none"));
  setText("#signin-error", error);
  (config.local_accounts ? $("#username") : config.sso ? $("#sso-signin") : $("#signin-title")).focus();
}

function showPasswordChange(username) {
  stopPanels();
  show("password");
  $("#password-form").reset();
  $("#password-username").value = username; // for password managers: whose password this is
  $("#current-password-field").hidden = oneTimePassword !== null;
  $("#current-password").required = oneTimePassword === null;
  setText("#password-error", "");
  (oneTimePassword === null ? $("#current-password") : $("#new-password")).focus();
}

function start(signedIn) {
  user = signedIn;
  show("workspace");
  $("#workspace").dataset.role = user.role;
  showWho();
  $("#intake").hidden = !can.takeCalls(user);
  $("#alerts").hidden = !can.seeAlerts(user);
  $("#accounts").hidden = !can.keepAccounts(user);
  panels = [createBoard(user)];
  if (can.takeCalls(user)) panels.push(createIntake(user));
  if (can.seeAlerts(user)) panels.push(createAlerts());
  if (can.keepAccounts(user)) panels.push(createAccounts());
  panels.forEach((panel) => panel.start());
  ticketView = createTicketView(user);
  reportsView = can.readReports(user) ? createReportsView() : null;
  adminView = can.keepAccounts(user) ? createAdmin() : null;
  adminView?.show(true);
  route();
}

/** Opens the workspace for a new session, or the password change it must go through first. */
async function enter(session) {
  begin(session);
  if (session.mustChangePassword) {
    showPasswordChange(session.user.username);
    return;
  }
  // A cheap call every role may make: a session the API refuses (e.g. a provider token with several roles) is caught
  // here, not by an empty board.
  try {
    await get("/opds");
  } catch (error) {
    discard();
    showSignIn({ error: error.status === 401 || error.status === 403 ? t("signin.rejected") : error.message });
    return;
  }
  start(session.user);
}

const busy = (form, on) => form.querySelectorAll("button, input").forEach((node) => { node.disabled = on; });

function signInFailure(error) {
  if (error.status === 401) return t("signin.failed");
  if (error.status === 429) return t("signin.locked", { time: duration((error.retryAfter ?? 60) * 1000) });
  return error.message;
}

async function submitSignIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const username = $("#username").value.trim(), password = $("#password").value;
  setText("#signin-error", "");
  busy(form, true);
  let session;
  try {
    session = await accounts.signIn(username, password);
  } catch (error) {
    busy(form, false);
    showSignIn({ error: signInFailure(error) });
    $("#username").value = username;
    $(username ? "#password" : "#username").focus();
    return;
  }
  busy(form, false);
  oneTimePassword = session.mustChangePassword ? password : null;
  await enter(session);
}

async function submitPassword(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const next = $("#new-password").value, again = $("#confirm-password").value;
  setText("#password-error", "");
  if (next !== again) {
    setText("#password-error", t("password.mismatch"));
    $("#confirm-password").focus();
    return;
  }
  busy(form, true);
  try {
    await accounts.changePassword(oneTimePassword ?? $("#current-password").value, next);
  } catch (error) {
    busy(form, false);
    setText("#password-error", error.message);
    $("#new-password").focus();
    return;
  }
  busy(form, false);
  oneTimePassword = null;
  form.reset();
  // The session goes on with a fresh token that no longer needs a password change; where the server ended it, the
  // person signs in with the new password.
  const fresh = await accounts.refresh().catch(() => null);
  if (fresh && !fresh.mustChangePassword) {
    await enter(fresh);
    return;
  }
  discard();
  showSignIn({ status: t("password.changed") });
}

async function startSso() {
  setText("#signin-error", "");
  try {
    await sso.start(config.sso);
  } catch (error) {
    showSignIn({ error: t("signin.sso.failed", { reason: error.message }) });
  }
}

async function boot() {
  translate();
  document.documentElement.lang = language();
  show("signin");
  $("#signin-status").textContent = t("signin.checking");
  try {
    config = await api("GET", "/auth/config", { anonymous: true });
  } catch (error) {
    showSignIn({ error: error.message });
    return;
  }
  useTileServer(config.map_tiles);
  if (config.sso && sso.isCallback()) {
    try {
      await enter(await sso.complete(config.sso));
    } catch (error) {
      showSignIn({ error: t("signin.sso.failed", { reason: error.message }) });
    }
    return;
  }
  // A reload, or a second tab: the refresh cookie resumes the session without the password.
  const resumed = config.local_accounts ? await accounts.refresh().catch(() => null) : null;
  if (resumed) await enter(resumed);
  else showSignIn();
}

$("#signin-form").addEventListener("submit", submitSignIn);
$("#password-form").addEventListener("submit", submitPassword);
$("#sso-signin").addEventListener("click", startSso);
$("#sign-out").addEventListener("click", () => signOut());
$("#lang-toggle").addEventListener("click", () => setLanguage(LANGUAGES.find((l) => l !== language())));
$("#flash").addEventListener("click", () => flash(""));
onLanguageChange(() => {
  translate();
  showWho();
  panels.forEach((panel) => panel.render());
  ticketView?.render();
  reportsView?.render();
  adminView?.render();
  // The feeds' state badges (sse.js) say their state again in the new language.
  document.querySelectorAll(".feed-state[data-state]:not([data-state=connecting])")
    .forEach((badge) => { badge.textContent = t(`feed.${badge.dataset.state}`); });
});
window.addEventListener("hashchange", route);
window.addEventListener("b112:ticket-changed", (event) => ticketView?.changed(event.detail.ticket_id, event.detail.version));
// A 401 while signed in: the access token was refused (expired early, session revoked). One renewal is tried; when it
// fails the session ends and the sign-in form comes back.
window.addEventListener("b112:unauthorized", () => { if (user) renew(); });
onEnded((reason) => {
  oneTimePassword = null;
  showSignIn(reason === "expired" ? { error: t("signin.ended") } : {});
});

lendSession(); // the printable report, opened in its own tab, works with this page's session
boot();
