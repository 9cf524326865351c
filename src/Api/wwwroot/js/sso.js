// Single sign-on (SPEC.md §5): OpenID Connect authorization code + PKCE through the provider of GET /auth/config,
// done by oidc-client-ts (vendored under vendor/, served from this origin). The provider's tokens stay in memory like a
// local session's; only the PKCE verifier and state wait in sessionStorage during the round trip to the provider (the
// library removes them when the page comes back). The board's redirect URI is this origin's `/`.
import { decodePayload } from "./jwt.js";
import { load } from "./scripts.js";

const LIBRARY = "vendor/oidc-client-ts/oidc-client-ts.min.js";
const ROLES = ["calltaker", "opd", "supervisor", "admin"];

let manager = null;

/** The library's browser build defines the global `oidc`; it is loaded only where single sign-on is configured. */
const library = () => load(LIBRARY, "oidc");

const home = () => `${location.origin}/`;

async function userManager(config) {
  if (manager) return manager;
  const oidc = await library();
  manager = new oidc.UserManager({
    authority: config.authority,
    client_id: config.client_id,
    scope: config.scope,
    response_type: "code",
    redirect_uri: home(),
    post_logout_redirect_uri: home(),
    userStore: new oidc.WebStorageStateStore({ store: new oidc.InMemoryWebStorage() }),
    automaticSilentRenew: false, // auth.js renews, with the refresh token when the provider gave one
    monitorSession: false,
    loadUserInfo: false,
  });
  return manager;
}

/** Whether this page load is the provider sending the person back (with a code, or an error). */
export function isCallback() {
  const query = new URLSearchParams(location.search);
  return query.has("state") && (query.has("code") || query.has("error"));
}

/** Sends the browser to the provider's sign-in page. */
export async function start(config) {
  await (await userManager(config)).signinRedirect();
}

/** Who the API will see: the claims of the access token, read with the configured claim names (display only). */
function person(token, config) {
  const claims = decodePayload(token) ?? {};
  const roles = [].concat(claims[config.role_claim] ?? []).filter((role) => ROLES.includes(role));
  return {
    username: claims[config.username_claim] ?? claims.sub ?? "",
    name: claims[config.name_claim] ?? claims[config.username_claim] ?? claims.sub ?? "",
    role: roles.length === 1 ? roles[0] : "",
    opd: [].concat(claims[config.opd_claim] ?? [])[0] ?? null,
  };
}

function fromUser(user, config, users) {
  return {
    token: user.access_token,
    expiresAt: (user.expires_at ?? 0) * 1000,
    mustChangePassword: false,
    user: person(user.access_token, config),
    renew: user.refresh_token ? async () => fromUser(await users.signinSilent(), config, users) : null,
    end: async () => {
      const metadata = await users.metadataService.getMetadata();
      if (metadata.end_session_endpoint) await users.signoutRedirect({ id_token_hint: user.id_token });
      else await users.removeUser();
    },
  };
}

/** Completes the sign-in the provider sent the browser back from; throws when it failed or was refused. */
export async function complete(config) {
  const users = await userManager(config);
  try {
    return fromUser(await users.signinRedirectCallback(), config, users);
  } finally {
    history.replaceState(null, "", location.pathname); // the code and state are spent: not left in history
  }
}
