// The admin's screens beside the accounts panel, each at its own address: `#/admin/opds` (OPD directory),
// `#/admin/routing` (routing and deadlines), `#/admin/webhooks` (webhooks and their deliveries), `#/admin/audit`.
// Only an admin's page shows their links or opens them; the API refuses everyone else anyway.
import { createAuditScreen } from "./admin-audit.js";
import { createOpdScreen } from "./admin-opds.js";
import { createRoutingScreen } from "./admin-routing.js";
import { createWebhookScreen } from "./admin-webhooks.js";
import { $ } from "./dom.js";
import { t, translate } from "./i18n.js";

export const ADMIN_ROUTE = /^#\/admin\/(opds|routing|webhooks|audit)$/;

export function createAdmin() {
  const screens = { opds: createOpdScreen(), routing: createRoutingScreen(), webhooks: createWebhookScreen(),
    audit: createAuditScreen() };
  const nav = $("#admin-nav");
  let current = null;

  function render() {
    const screen = screens[current];
    $("#admin-title").textContent = screen ? t(screen.titleKey) : "";
    for (const link of nav.querySelectorAll("a")) {
      if (link.getAttribute("href") === (current ? `#/admin/${current}` : "#/")) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (screen) {
      translate(screen.root);
      screen.render();
    }
  }

  return {
    /** Shows the screen `name` (one of ADMIN_ROUTE's), reading it afresh. */
    open(name) {
      screens[current]?.stop();
      current = name;
      $("#admin-body").replaceChildren(screens[name].root);
      render();
      screens[name].start();
    },
    /** Leaves the admin screens (the workspace or a ticket is shown). */
    close() {
      screens[current]?.stop();
      current = null;
      $("#admin-body").replaceChildren();
      render();
    },
    show(visible) {
      nav.hidden = !visible;
    },
    render,
  };
}
