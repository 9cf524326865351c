using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bengkulu112.Api.Health;

/// <summary>
/// The readiness result, computed at most once per <see cref="Lifetime"/> however many probes arrive: `/health/ready`
/// is anonymous, and each computation asks PostgreSQL and the cluster, so a flood of probes must not become a flood
/// of queries. Concurrent probes on a stale result wait for one computation. Why a check failed goes to the log only.
/// </summary>
public sealed partial class ReadinessCache(HealthCheckService checks, TimeProvider time, ILogger<ReadinessCache> logger)
{
    public const string Tag = "ready";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Result? _last;

    private sealed record Result(HealthStatus Status, DateTimeOffset At);

    public async Task<HealthStatus> StatusAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
            return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } computedMeanwhile)
                return computedMeanwhile;
            var report = await checks.CheckHealthAsync(c => c.Tags.Contains(Tag), cancellationToken);
            foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
                LogCheckFailed(name, entry.Status, entry.Description);
            _last = new Result(report.Status, time.GetUtcNow());
            return report.Status;
        }
        finally
        {
            _gate.Release();
        }
    }

    private HealthStatus? Fresh() => _last is { } last && time.GetUtcNow() - last.At < Lifetime ? last.Status : null;

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Readiness check {Check} is {Status}: {Description}")]
    private partial void LogCheckFailed(string check, HealthStatus status, string? description);
}
