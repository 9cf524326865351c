// A report opened from the board in its own tab (target _blank, rel opener) borrows the board's session: the board
// answers the report's request with its current access token by postMessage, to this origin only and only to a
// window the board itself opened. That works for every way of signing in — a single sign-on session lives in the
// board's memory alone and cannot be resumed from a cookie — and the token never touches storage. The report asks
// again to renew (the board keeps its own session renewed).
import { currentSession } from "./auth.js";

const ASK = "b112:session-request";
const ANSWER = "b112:session";
const WAIT_MS = 3000;

/** On the board: answers the requests of the report windows it opened. */
export function lendSession() {
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || event.data?.type !== ASK || !event.source) return;
    if (event.source.opener !== window) return;
    const session = currentSession();
    const answer = session && !session.mustChangePassword
      ? { type: ANSWER, token: session.token, expiresAt: session.expiresAt, user: session.user }
      : { type: ANSWER, token: null };
    event.source.postMessage(answer, location.origin);
  });
}

/** In a report window: the board's session (renewing by asking again), or null without a signed-in board behind it. */
export function borrowSession() {
  const board = window.opener;
  if (!board) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (session) => {
      clearTimeout(timer);
      window.removeEventListener("message", listen);
      resolve(session);
    };
    const listen = (event) => {
      if (event.origin !== location.origin || event.source !== board || event.data?.type !== ANSWER) return;
      const { token, expiresAt, user } = event.data;
      done(token ? { token, expiresAt, user, mustChangePassword: false, renew: borrowSession, end: null } : null);
    };
    const timer = setTimeout(() => done(null), WAIT_MS);
    window.addEventListener("message", listen);
    try {
      board.postMessage({ type: ASK }, location.origin);
    } catch {
      done(null); // the board's tab went elsewhere or was closed
    }
  });
}
