// Calls to the public API (/api/v1) with the session's bearer token; failures become ApiError carrying the RFC 9457
// problem (and Retry-After, in seconds, when the server sent one).
import { bearer } from "./auth.js";
import { t } from "./i18n.js";

const BASE = "/api/v1";
const TIMEOUT_MS = 15000;

export class ApiError extends Error {
  constructor(status, problem, retryAfter = null) {
    super(problemMessage(status, problem));
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** The problem's detail (or title) followed by every field error, "field: message". */
export function problemMessage(status, problem) {
  if (!problem) return status ? t("error.generic", { status }) : t("error.network");
  const lines = [problem.detail || problem.title || t("error.generic", { status })];
  for (const [field, messages] of Object.entries(problem.errors ?? {}))
    for (const message of [].concat(messages)) lines.push(`${field}: ${message}`);
  return lines.join("\n");
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID()
  : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(""));

/**
 * One request. A POST that creates may pass an `idempotencyKey` (sent as Idempotency-Key), so a retried click cannot record
 * the same call twice. `anonymous` sends no token, `token` a given one instead of the session's; neither raises the
 * "unauthorized" event (sign-in and sign-out routes). Answers the parsed JSON body (null when there is none), or with
 * `accept` (another media type, e.g. "text/csv") the body's text.
 */
export async function api(method, path, { body, idempotencyKey, anonymous = false, token, accept } = {}) {
  const quiet = anonymous || token !== undefined;
  const authorization = anonymous ? {} : token !== undefined ? { Authorization: `Bearer ${token}` } : bearer();
  const headers = { Accept: accept ?? "application/json", ...authorization };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401 && !quiet) window.dispatchEvent(new CustomEvent("b112:unauthorized"));
  if (!response.ok) {
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    throw new ApiError(response.status, json, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return accept ? text : json;
}

export const get = (path) => api("GET", path);
/** A representation other than JSON (e.g. "text/csv"), as text. */
export const getText = (path, accept) => api("GET", path, { accept });
/** The OPD directory for pickers; empty when it cannot be read (the picker then offers the default only). */
export const opdList = () => get("/opds").then((list) => [].concat(list.items ?? list)).catch(() => []);
export const post = (path, body = {}, options = {}) => api("POST", path, { body, ...options });
export { newKey as idempotencyKey };
