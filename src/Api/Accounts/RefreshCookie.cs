namespace Bengkulu112.Api.Accounts;

/// <summary>
/// The refresh token's cookie (API.md): HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
/// it), path `/api/v1/auth` (sent to the sign-in routes only), Secure when served over https, gone when the session ends.
/// </summary>
public static class RefreshCookie
{
    public const string Name = "b112_refresh";
    public const string Path = "/api/v1/auth";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var value) && value is { Length: > 0 and <= 128 } ? value : null;

    public static void Set(HttpResponse response, string token, DateTimeOffset expires) =>
        response.Cookies.Append(Name, token, Options(response.HttpContext.Request, expires));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(response.HttpContext.Request, null));

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = Path,
        Expires = expires,
        IsEssential = true,
    };
}
