using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bengkulu112.Api.Health;

public static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddBengkulu112Health(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: [Ready], timeout: TimeSpan.FromSeconds(3))
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>`/health/live`: the process answers. `/health/ready`: PostgreSQL reachable and the cluster joined.</summary>
    public static WebApplication MapBengkulu112Health(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteJson })
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        }));
    }
}
