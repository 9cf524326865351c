// Wires the page: sign-in with a pasted token, the panels each role gets, the language toggle.
import { createAlerts } from "./alerts.js";
import { get } from "./api.js";
import { can, signIn, signOut, storedUser } from "./auth.js";
import { createBoard } from "./board.js";
import { $, flash } from "./dom.js";
import { createIntake } from "./intake.js";
import { LANGUAGES, language, onLanguageChange, setLanguage, t, translate } from "./i18n.js";

let user = null;
let panels = [];

function showWho() {
  $("#who-role").textContent = user ? t(`role.${user.role}`) : "";
  $("#who-opd").textContent = user?.opd ? `${t("who.opd")} ${user.opd}` : "";
  $("#who-opd").hidden = !user?.opd;
  $("#who-sub").textContent = user?.sub ?? "";
}

function start(signedIn) {
  user = signedIn;
  $("#who").hidden = false;
  $("#signin").hidden = true;
  $("#workspace").hidden = false;
  $("#workspace").dataset.role = user.role;
  showWho();
  $("#intake").hidden = !can.takeCalls(user);
  $("#alerts").hidden = !can.seeAlerts(user);
  panels = [createBoard(user)];
  if (can.takeCalls(user)) panels.push(createIntake());
  if (can.seeAlerts(user)) panels.push(createAlerts());
  panels.forEach((panel) => panel.start());
}

function stop(message = "") {
  panels.forEach((panel) => panel.stop());
  panels = [];
  user = null;
  signOut();
  $("#who").hidden = true;
  $("#workspace").hidden = true;
  $("#signin").hidden = false;
  $("#token-input").value = "";
  showSignInError(message);
  flash("");
}

function showSignInError(message) {
  $("#signin-error").textContent = message;
  $("#signin-error").hidden = !message;
}

async function submitToken(event) {
  event.preventDefault();
  let candidate;
  try {
    candidate = signIn($("#token-input").value);
  } catch (error) {
    showSignInError(error.message);
    return;
  }
  // A cheap call every role may make: a token the server refuses is caught here, not by an empty board.
  try {
    await get("/opds");
  } catch (error) {
    signOut();
    showSignInError(error.status === 401 ? t("signin.rejected") : error.message);
    return;
  }
  showSignInError("");
  start(candidate);
}

translate();
document.documentElement.lang = language();
$("#signin-form").addEventListener("submit", submitToken);
$("#sign-out").addEventListener("click", () => stop());
$("#lang-toggle").addEventListener("click", () => setLanguage(LANGUAGES.find((l) => l !== language())));
$("#flash").addEventListener("click", () => flash(""));
onLanguageChange(() => {
  translate();
  showWho();
  panels.forEach((panel) => panel.render());
});
window.addEventListener("b112:unauthorized", () => { if (user) stop(t("signin.rejected")); });

const remembered = storedUser();
if (remembered) start(remembered);
else stop();
