using System.Globalization;
using System.Threading.RateLimiting;
using Bengkulu112.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Bengkulu112.Api.RateLimiting;

/// <summary>
/// Per-client rate limiting: a token bucket per token subject — per person for signed-in people, per program for
/// programs' tokens — and per address for requests without a token. Recording and classifying a call and every ticket
/// command are never limited (<see cref="EmergencyRoutes.NeverRateLimited{T}"/>): an emergency line must not refuse
/// a call, however many come from one number — a flood is recorded and flagged by screening instead. Health probes are
/// not limited either. Sign-in attempts are also limited per client address (<see cref="LoginPolicy"/>).
/// </summary>
public static class RateLimitSetup
{
    /// <summary>The per-address limit of `POST /auth/login`.</summary>
    public const string LoginPolicy = "login-per-address";

    public static IServiceCollection AddBengkulu112RateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsExempt(http.Request)
                    ? RateLimitPartition.GetNoLimiter("exempt")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.Burst,
                        TokensPerPeriod = Math.Max(1, settings.PermitsPerMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.AddPolicy(LoginPolicy, http => RateLimitPartition.GetFixedWindowLimiter("login:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, settings.LoginAttemptsPerAddressPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static bool IsExempt(HttpRequest request) => request.Path.StartsWithSegments("/health");

    private static string ClientKey(HttpContext http) =>
        http.User.FindFirst(ClaimNames.Subject)?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + http.Connection.RemoteIpAddress;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = "Too many requests from this client; retry after the time in Retry-After.",
            },
        });
    }
}
