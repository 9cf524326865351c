using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>
/// People's accounts through the API as an admin and the board use it: create (admin program token), sign in, choose
/// the password, refresh. Clients here keep the refresh cookie by hand, so tests can replay or drop it.
/// </summary>
public static class Accounts
{
    public const string RefreshCookie = "b112_refresh";

    /// <summary>A unique username for one test (usernames are global in a fixture's database).</summary>
    public static string NewUsername(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Creates the account and answers its one-time password.</summary>
    public static async Task<string> CreateAsync(ApiFactory api, string username, string role, string? opd = null,
        string? displayName = null)
    {
        var admin = api.ClientAs("admin");
        var created = await (await admin.PostAsJsonAsync("/api/v1/users", new
        {
            username, display_name = displayName ?? $"Petugas {username}", role, opd,
        })).AssertJson(HttpStatusCode.Created);
        return created.GetProperty("initial_password").GetString()!;
    }

    /// <summary>A client of the API that sends no bearer and keeps no cookies by itself.</summary>
    public static HttpClient Anonymous(ApiFactory api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = api.ClientOptions.BaseAddress });

    public static Task<HttpResponseMessage> LoginAsync(ApiFactory api, string username, string password) =>
        Anonymous(api).PostAsJsonAsync("/api/v1/auth/login", new { username, password });

    /// <summary>The refresh token a response set, or null.</summary>
    public static string? RefreshTokenOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Where(c => c.StartsWith(RefreshCookie + "=", StringComparison.Ordinal))
                .Select(c => c[(RefreshCookie.Length + 1)..]).LastOrDefault()
            : null;

    public static Task<HttpResponseMessage> RefreshAsync(ApiFactory api, string? refreshToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
        if (refreshToken is not null)
            request.Headers.Add("Cookie", $"{RefreshCookie}={refreshToken}");
        return Anonymous(api).SendAsync(request);
    }

    public static HttpClient WithBearer(ApiFactory api, string accessToken)
    {
        var client = Anonymous(api);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A person signed in with their own password chosen: the access token and the session's refresh token.</summary>
    public sealed record SignedIn(string Username, string Password, string AccessToken, string RefreshToken, HttpClient Client);

    public static async Task<SignedIn> SignedInAsync(ApiFactory api, string role, string? opd = null, string? displayName = null)
    {
        var username = NewUsername(role);
        var initial = await CreateAsync(api, username, role, opd, displayName);
        var first = await LoginAsync(api, username, initial);
        var session = await first.AssertJson(HttpStatusCode.OK);
        var password = "Kebakaran-" + Guid.NewGuid().ToString("N")[..10];
        var change = await WithBearer(api, session.GetProperty("access_token").GetString()!)
            .PostAsJsonAsync("/api/v1/me/password", new { current_password = initial, new_password = password });
        Assert(change.StatusCode == HttpStatusCode.NoContent, $"password change: {(int)change.StatusCode}");
        var refreshed = await RefreshAsync(api, RefreshTokenOf(first));
        var fresh = await refreshed.AssertJson(HttpStatusCode.OK);
        var token = fresh.GetProperty("access_token").GetString()!;
        return new SignedIn(username, password, token, RefreshTokenOf(refreshed)!, WithBearer(api, token));
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
            throw new Xunit.Sdk.XunitException(message);
    }

    public static JsonElement Claims(string accessToken)
    {
        var payload = accessToken.Split('.')[1];
        return JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(payload)).RootElement;
    }
}
