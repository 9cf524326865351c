// The signed-in user: a pasted JWT kept in sessionStorage (this tab only). The page reads the payload to know which
// panels to show; the API checks the signature and decides what the user may really do.
import { t } from "./i18n.js";

const STORAGE_KEY = "b112.token";

/** The payload of a JWT, or null when the text is not one. */
export function decodePayload(token) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(parts[1].length / 4) * 4, "=");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === "object" ? payload : null;
  } catch {
    return null;
  }
}

/** { token, sub, roles, role, opd, expires } of a token, or throws an Error with a message for the user. */
export function userFrom(token) {
  const payload = decodePayload(token);
  if (!payload) throw new Error(t("signin.invalid"));
  const roles = [].concat(payload.role ?? []);
  const expires = typeof payload.exp === "number" ? new Date(payload.exp * 1000) : null;
  if (expires && expires < new Date()) throw new Error(t("signin.expired"));
  // One role drives the layout; the broadest wins when a token carries several.
  const role = ["supervisor", "calltaker", "opd", "admin"].find((r) => roles.includes(r)) ?? roles[0] ?? "";
  return { token, sub: payload.sub ?? "", roles, role, opd: payload.opd ?? null, expires };
}

export function storedUser() {
  const token = sessionStorage.getItem(STORAGE_KEY);
  if (!token) return null;
  try {
    return userFrom(token);
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

export function signIn(token) {
  const user = userFrom(token.trim());
  sessionStorage.setItem(STORAGE_KEY, user.token);
  return user;
}

export const signOut = () => sessionStorage.removeItem(STORAGE_KEY);

export const bearer = () => {
  const token = sessionStorage.getItem(STORAGE_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
};

export const can = {
  takeCalls: (user) => user.roles.includes("calltaker") || user.roles.includes("supervisor"),
  seeAlerts: (user) => user.roles.includes("supervisor"),
  actAsOpd: (user) => user.roles.includes("opd"),
};
