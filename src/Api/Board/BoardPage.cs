using Microsoft.Net.Http.Headers;

namespace Bengkulu112.Api.Board;

/// <summary>
/// The supervisor board: plain files under `wwwroot/` (an ES-module page that talks to the public API only), served at
/// `/` without a token — the page asks for one and sends it as a bearer header on every API call, so only these static
/// assets are anonymous. They are served before authorization runs; every other route keeps the fallback policy.
/// </summary>
public static class BoardPage
{
    /// <summary>Scripts, styles, images and connections from this origin only; no inline code, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseBengkulu112Board(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Revalidate each time (ETag/Last-Modified make that cheap): a redeployed page is never half old.
                headers.CacheControl = CacheControlHeaderValue.NoCacheString;
            },
        });
        return app;
    }
}
