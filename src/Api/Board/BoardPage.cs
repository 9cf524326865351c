using Bengkulu112.Api.Auth;
using Microsoft.Net.Http.Headers;

namespace Bengkulu112.Api.Board;

/// <summary>
/// The supervisor board: plain files under `wwwroot/` (an ES-module page that talks to the public API only), served at
/// `/` without a token — the page signs the person in and sends the access token as a bearer header on every API call,
/// so only these static assets are anonymous. They are served before authorization runs; every other route keeps the fallback policy.
/// </summary>
public static class BoardPage
{
    /// <summary>Scripts, styles, images and connections from this origin only; no inline code, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of this deployment: with a single sign-on provider, the page also talks to it (discovery, token and
    /// key endpoints) and may hand forms to it — that origin only, taken from `Auth:Authority`, never a wildcard. With a
    /// map tile server, the page also shows images from that one origin (`Map:TileUrl`).
    /// </summary>
    public static string ContentSecurityPolicyFor(AuthSettings settings, MapTileSettings tiles)
    {
        var policy = SsoAuthentication.ProviderOrigin(settings) is { } provider
            ? ContentSecurityPolicy
                .Replace("connect-src 'self'", $"connect-src 'self' {provider}", StringComparison.Ordinal)
                .Replace("form-action 'self'", $"form-action 'self' {provider}", StringComparison.Ordinal)
            : ContentSecurityPolicy;
        return tiles.Origin is { } tileOrigin
            ? policy.Replace("img-src 'self' data:", $"img-src 'self' data: {tileOrigin}", StringComparison.Ordinal)
            : policy;
    }

    public static WebApplication UseBengkulu112Board(this WebApplication app)
    {
        var contentSecurityPolicy = ContentSecurityPolicyFor(app.Services.GetRequiredService<AuthSettings>(),
            app.Services.GetRequiredService<MapTileSettings>());
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.ContentSecurityPolicy = contentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidate each time (ETag/Last-Modified make that cheap): a redeployed page is never half old.
                headers.CacheControl = CacheControlHeaderValue.NoCacheString;
            },
        });
        return app;
    }
}
