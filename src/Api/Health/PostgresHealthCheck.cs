using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bengkulu112.Api.Health;

/// <summary>Ready only while PostgreSQL answers a trivial query.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("PostgreSQL reachable");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable: " + e.Message);
        }
    }
}
