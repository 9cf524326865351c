using System.Globalization;
using System.Threading.RateLimiting;
using Bengkulu112.Api.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Bengkulu112.Api.RateLimiting;

/// <summary>
/// Per-client rate limiting: a token bucket per token subject (per address for requests without a token). Recording a
/// call (`POST /calls`) is never limited: an emergency line must not refuse a call, however many come from one number —
/// a flood is recorded and flagged by screening instead. Health probes are not limited either.
/// </summary>
public static class RateLimitSetup
{
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
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static bool IsExempt(HttpRequest request) =>
        request.Path.StartsWithSegments("/health")
        || (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/v1/calls", StringComparison.OrdinalIgnoreCase));

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
