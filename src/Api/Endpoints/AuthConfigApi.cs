using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Board;
using Bengkulu112.Api.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>What a sign-in page needs before anyone is signed in (an addition to API.md): anonymous, configuration only.</summary>
public static class AuthConfigApi
{
    public static RouteGroupBuilder MapAuthConfigApi(this RouteGroupBuilder api)
    {
        api.MapGet("/auth/config", Get).WithTags("Accounts").AllowAnonymous();
        return api;
    }

    private static Ok<AuthConfigResponse> Get(
        AuthSettings settings, AccountSettings accounts, SsoSettings sso, MapTileSettings tiles) =>
        TypedResults.Ok(new AuthConfigResponse(
            accounts.LocalAccounts,
            SsoAuthentication.IsConfigured(settings)
                ? new SsoConfigResponse(
                    settings.Authority!, sso.ClientId, sso.Scope, sso.RoleClaim, sso.OpdClaim, sso.NameClaim, sso.UsernameClaim)
                : null,
            tiles.IsConfigured ? new MapTilesConfigResponse(tiles.TileUrl!, tiles.TileAttribution) : null));
}
