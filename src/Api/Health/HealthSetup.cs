using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bengkulu112.Api.Health;

public static class HealthSetup
{
    public static IServiceCollection AddBengkulu112Health(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [ReadinessCache.Tag], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadinessCache.Tag], timeout: TimeSpan.FromSeconds(5));
        services.AddSingleton<ReadinessCache>();
        return services;
    }

    /// <summary>
    /// `/health/live`: the process answers. `/health/ready`: PostgreSQL reachable and the cluster joined (cached for
    /// <see cref="ReadinessCache.Lifetime"/>). Both anonymous, so both answer only `{"status": …}`: no host names,
    /// silo counts or error texts for whoever probes.
    /// </summary>
    public static WebApplication MapBengkulu112Health(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/health/ready", async (ReadinessCache readiness, HttpContext http) =>
        {
            var status = await readiness.StatusAsync(http.RequestAborted);
            http.Response.StatusCode = status == HealthStatus.Healthy
                ? StatusCodes.Status200OK
                : StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.CacheControl = "no-store";
            await WriteStatus(http, status);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report) => WriteStatus(http, report.Status);

    private static Task WriteStatus(HttpContext http, HealthStatus status)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = status.ToString().ToLowerInvariant() }));
    }
}
