using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Bengkulu112.Tests.Sso;

/// <summary>One person the provider knows: password, and the claims its tokens carry (names as the provider spells them).</summary>
public sealed record ProviderUser(string Username, string Password, IReadOnlyList<(string Type, string Value)> Claims,
    string? Audience = null);

/// <summary>
/// A real OpenID Connect provider for the tests: an OpenIddict server (degraded mode: the one client, the board, is checked
/// by the handlers below instead of a store) on a loopback port, with a login page for its users. It serves discovery,
/// keys, authorization code + PKCE, refresh tokens and end session; access tokens are signed JWTs for the API's audience.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "bengkulu112-board";
    public const string Audience = "bengkulu112-api";

    private readonly WebApplication _app;
    private readonly IReadOnlyDictionary<string, ProviderUser> _users;

    /// <summary>The board's address (its redirect URI and the origin allowed to call the provider); set once the API runs.</summary>
    public Uri? Board { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The issuer URL as the API is configured with it (`Auth:Authority`).</summary>
    public string Authority => BaseAddress.ToString();

    private TestOidcProvider(WebApplication app, IEnumerable<ProviderUser> users)
    {
        _app = app;
        _users = users.ToDictionary(u => u.Username);
    }

    /// <param name="accessTokenLifetime">How long its access tokens live (OpenIddict's default, an hour, when null).</param>
    public static async Task<TestOidcProvider> StartAsync(IEnumerable<ProviderUser> users, TimeSpan? accessTokenLifetime = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestOidcProvider? provider = null;
        builder.Services.AddCors();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => o.LoginPath = "/login");
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.EnableDegradedMode();
            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            if (accessTokenLifetime is { } lifetime)
                o.SetAccessTokenLifetime(lifetime);
            o.DisableAccessTokenEncryption(); // a signed JWT the API validates with the published keys
            o.UseAspNetCore().DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough();
            // Degraded mode has no application store: the board is the one public client, its redirect URI the only one.
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (!provider!.IsBoardUri(context.RedirectUri))
                    context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is not null && !provider!.IsBoardUri(context.PostLogoutRedirectUri))
                    context.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
                return default;
            }));
        });

        var app = builder.Build();
        provider = new TestOidcProvider(app, users);
        app.UseCors(p => p.SetIsOriginAllowed(provider.IsBoardOrigin).AllowAnyHeader().AllowAnyMethod());
        app.UseAuthentication();
        app.MapGet("/login", LoginPage);
        app.MapPost("/login", new Func<HttpContext, Task<IResult>>(provider.Login));
        app.MapMethods("/connect/authorize", ["GET", "POST"], new Func<HttpContext, Task<IResult>>(provider.Authorize));
        app.MapPost("/connect/token", new Func<HttpContext, Task<IResult>>(Token));
        app.MapMethods("/connect/endsession", ["GET", "POST"], new Func<HttpContext, Task<IResult>>(EndSession));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    private bool IsBoardUri(string? uri) => Board is not null && uri == Board.ToString();

    private bool IsBoardOrigin(string origin) => Board is not null && origin == Board.GetLeftPart(UriPartial.Authority);

    private static IResult LoginPage(string? returnUrl, string? error) => Results.Content($$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>City sign-in</title></head>
        <body><main><h1>City sign-in</h1>
        {{(error is null ? "" : "<p id=\"error\" role=\"alert\">Wrong username or password.</p>")}}
        <form method="post" action="/login">
          <input type="hidden" name="returnUrl" value="{{HtmlEncoder.Default.Encode(returnUrl ?? "/")}}">
          <label for="username">Username</label><input id="username" name="username" autocomplete="username">
          <label for="password">Password</label><input id="password" name="password" type="password">
          <button id="login" type="submit">Sign in</button>
        </form></main></body></html>
        """, "text/html");

    private async Task<IResult> Login(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
            return Results.BadRequest();
        if (!_users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"].ToString())
            return Results.Redirect($"/login?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Username)], "password")));
        return Results.Redirect(returnUrl);
    }

    private async Task<IResult> Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var cookie = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!cookie.Succeeded || !_users.TryGetValue(cookie.Principal!.Identity!.Name!, out var user))
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString },
                [CookieAuthenticationDefaults.AuthenticationScheme]);

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, "city-" + user.Username));
        identity.AddClaim(new Claim(Claims.PreferredUsername, user.Username));
        foreach (var (type, value) in user.Claims)
            identity.AddClaim(new Claim(type, value));
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        principal.SetAudiences(user.Audience ?? Audience);
        principal.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return Results.BadRequest();
        // The code (or refresh token) was validated by OpenIddict; its principal, destinations included, is issued again.
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return Results.SignIn(result.Principal!, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/login" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// Signs a user in as a browser would, without one: authorization code + PKCE through the login page, then the code
    /// exchanged at the token endpoint. Answers the access token the board would get.
    /// </summary>
    public async Task<string> AccessTokenAsync(string username, string password)
    {
        if (Board is null)
            throw new InvalidOperationException("Set Board (the redirect URI) first.");
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        var verifier = Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["redirect_uri"] = Board.ToString(), ["response_type"] = "code",
            ["scope"] = "openid profile", ["state"] = "s", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var toLogin = await client.GetAsync(authorize);
        Assert(toLogin.StatusCode == HttpStatusCode.Redirect && toLogin.Headers.Location!.ToString().Contains("/login"), toLogin);
        var loggedIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = password, ["returnUrl"] = authorize,
        }));
        Assert(loggedIn.StatusCode == HttpStatusCode.Redirect, loggedIn);
        var toBoard = await client.GetAsync(loggedIn.Headers.Location);
        Assert(toBoard.StatusCode == HttpStatusCode.Redirect && toBoard.Headers.Location!.ToString().StartsWith(Board.ToString()), toBoard);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(toBoard.Headers.Location!.Query)["code"].ToString();

        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = Board.ToString(),
            ["client_id"] = ClientId, ["code_verifier"] = verifier,
        }));
        Assert(token.IsSuccessStatusCode, token);
        using var json = System.Text.Json.JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static void Assert(bool condition, HttpResponseMessage response)
    {
        if (!condition)
            throw new InvalidOperationException(
                $"The provider answered {(int)response.StatusCode} {response.Headers.Location}: {response.Content.ReadAsStringAsync().Result}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
