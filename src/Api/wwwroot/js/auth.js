// The signed-in person's session, held in this module's memory only: the access token is never written to storage, so
// a script reading storage finds nothing and a closed tab forgets it. A session knows how to renew itself (local
// accounts: the HttpOnly refresh cookie, accounts.js; single sign-on: the provider, sso.js) and is renewed before its
// access token expires. Listeners hear of each renewal (live feeds reconnect with the fresh token) and of the end.

let session = null; // { token, expiresAt (ms), user: { username, name, role, opd }, mustChangePassword, renew, end }
let timer = null;
let renewing = null;
const renewedListeners = new Set();
const endedListeners = new Set();

// Renewed when three quarters of the token's lifetime are gone (about 4 minutes early for a 15-minute token).
const renewDelay = (lifetime) => Math.max(1000, lifetime * 0.75);

export const bearer = () => (session ? { Authorization: `Bearer ${session.token}` } : {});
export const currentSession = () => session;

/** Calls back after each renewal; answers a function that stops listening. */
export function onRenewed(listener) {
  renewedListeners.add(listener);
  return () => renewedListeners.delete(listener);
}

/** Calls back with a reason ("expired", "signed-out") when the session ends by itself or by signOut(). */
export const onEnded = (listener) => endedListeners.add(listener);

function schedule() {
  clearTimeout(timer);
  if (!session) return;
  const lifetime = session.expiresAt - Date.now();
  timer = session.renew
    ? setTimeout(renew, renewDelay(lifetime))
    : setTimeout(() => finish("expired"), Math.max(0, lifetime));
}

function finish(reason) {
  clearTimeout(timer);
  if (!session) return;
  session = null;
  endedListeners.forEach((listener) => listener(reason));
}

export function begin(next) {
  session = next;
  schedule();
}

/**
 * Renews the access token now (before expiry, or after the API answered 401). Answers true when a fresh token is in
 * place; false when the session ended (it cannot be renewed: revoked, expired, signed out elsewhere).
 */
export function renew() {
  if (!session) return Promise.resolve(false);
  if (!session.renew) {
    finish("expired");
    return Promise.resolve(false);
  }
  if (renewing) return renewing;
  const current = session;
  renewing = (async () => {
    let next = null;
    try {
      next = await current.renew();
    } catch {
      next = null;
    }
    if (session !== current) return session !== null; // signed out (or in again) meanwhile
    if (!next) {
      finish("expired");
      return false;
    }
    session = next;
    schedule();
    renewedListeners.forEach((listener) => listener());
    return true;
  })().finally(() => { renewing = null; });
  return renewing;
}

/** Forgets the session here only (a session the API refused: nothing to end elsewhere). */
export const discard = () => {
  clearTimeout(timer);
  session = null;
};

/** Ends the session here and where it was opened (revokes the refresh token, or signs out at the provider). */
export async function signOut() {
  const current = session;
  if (!current) return;
  finish("signed-out");
  try {
    await current.end?.(current);
  } catch {
    // Signed out here whatever the server says: the refresh token then expires by itself.
  }
}

export const can = {
  takeCalls: (user) => user.role === "calltaker" || user.role === "supervisor",
  seeAlerts: (user) => user.role === "supervisor",
  actAsOpd: (user) => user.role === "opd",
  keepAccounts: (user) => user.role === "admin",
  readReports: (user) => user.role === "supervisor",
};
