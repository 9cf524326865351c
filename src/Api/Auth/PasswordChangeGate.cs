using Bengkulu112.Api.Problems;

namespace Bengkulu112.Api.Auth;

/// <summary>
/// While an account must choose a new password (its token carries `pwd_change`), every API route but `/me`,
/// `/me/password` and `/auth/*` answers 403 with the problem type ending in `password-change-required`.
/// </summary>
public static class PasswordChangeGate
{
    public static WebApplication UsePasswordChangeGate(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.User.HasClaim(ClaimNames.PasswordChangeRequired, "true") && !IsAllowed(http.Request.Path))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Type = AccountProblems.PasswordChangeRequiredType,
                        Title = "Password change required",
                        Detail = "Choose a new password first (POST /api/v1/me/password), then refresh the session.",
                    },
                });
                return;
            }
            await next();
        });
        return app;
    }

    private static bool IsAllowed(PathString path) =>
        !path.StartsWithSegments("/api")
        || path.Equals("/api/v1/me", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/api/v1/me/", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/api/v1/me/password", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/auth", StringComparison.OrdinalIgnoreCase);
}
