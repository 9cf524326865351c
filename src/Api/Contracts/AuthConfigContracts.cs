namespace Bengkulu112.Api.Contracts;

/// <summary>
/// `GET /auth/config` (an addition to API.md): how the board offers sign-in on this deployment, and where its maps draw
/// their background from (null: no tile server, the maps show markers on a plain background).
/// </summary>
public sealed record AuthConfigResponse(bool LocalAccounts, SsoConfigResponse? Sso, MapTilesConfigResponse? MapTiles);

/// <summary>The map tile server: its URL template (`{z}`, `{x}`, `{y}`) and the credit to show (null when none is configured).</summary>
public sealed record MapTilesConfigResponse(string Url, string? Attribution);

/// <summary>
/// The provider the board signs in through: its issuer URL, the board's client id, the scopes to ask for, and the claims
/// of its access tokens that carry role, OPD, display name and username (the board shows who is signed in).
/// </summary>
public sealed record SsoConfigResponse(
    string Authority, string ClientId, string Scope, string RoleClaim, string OpdClaim, string NameClaim, string UsernameClaim);
