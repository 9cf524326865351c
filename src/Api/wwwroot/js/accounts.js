// Local accounts (API.md "Accounts and sign-in"): username and password give a Session; its access token lives in
// memory (auth.js), the refresh token in an HttpOnly cookie the page never sees. Renewal and reload both go through
// POST /auth/refresh, which rotates that cookie.
import { api, ApiError } from "./api.js";

/** The session of auth.js for an API `Session`. */
function fromSession(answer) {
  return {
    token: answer.access_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
    mustChangePassword: answer.must_change_password === true,
    user: {
      username: answer.user.username,
      name: answer.user.display_name || answer.user.username,
      role: answer.user.role,
      opd: answer.user.opd ?? null,
    },
    renew: refresh,
    end: (ended) => api("POST", "/auth/logout", { token: ended.token }),
  };
}

/** Signs in; throws ApiError (401 wrong credentials, 429 locked out with retryAfter, 400 naming a field). */
export async function signIn(username, password) {
  return fromSession(await api("POST", "/auth/login", { body: { username, password }, anonymous: true }));
}

/**
 * A fresh session from the refresh cookie, or null when there is none (or it was revoked, expired, reused). Tabs of
 * this board share the cookie, and the server ends a session whose refresh token is used twice: a lock held across
 * the tabs lets one refresh at a time, so the next one sends the cookie the previous one received.
 */
export async function refresh() {
  const once = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return fromSession(await api("POST", "/auth/refresh", { anonymous: true }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        // Refused for now (many people behind one address): the cookie is still good, so wait as told and ask again.
        if (error instanceof ApiError && error.status === 429 && attempt < REFRESH_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(error.retryAfter ?? 1, 10) * 1000));
          continue;
        }
        throw error;
      }
    }
  };
  return navigator.locks ? navigator.locks.request("b112-refresh", once) : once();
}

const REFRESH_ATTEMPTS = 3;

/** Sets the person's own password (the first sign-in's, or a change); throws ApiError naming the refused field. */
export const changePassword = (currentPassword, newPassword) =>
  api("POST", "/me/password", { body: { current_password: currentPassword, new_password: newPassword } });
