using Bengkulu112.Api.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class ReadinessCacheTests
{
    private sealed class CountingChecks : HealthCheckService
    {
        public int Runs;
        public HealthStatus Next = HealthStatus.Healthy;

        public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Runs);
            var entry = new HealthReportEntry(Next, "PostgreSQL unreachable: db-7.internal:5432", TimeSpan.Zero, null, null);
            return Task.FromResult(new HealthReport(new Dictionary<string, HealthReportEntry> { ["postgres"] = entry }, TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task A_flood_of_probes_runs_the_checks_once_per_lifetime()
    {
        var checks = new CountingChecks();
        var time = new FakeTimeProvider();
        var cache = new ReadinessCache(checks, time, NullLogger<ReadinessCache>.Instance);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => cache.StatusAsync(CancellationToken.None)));

        Assert.All(statuses, s => Assert.Equal(HealthStatus.Healthy, s));
        Assert.Equal(1, checks.Runs);
        time.Advance(ReadinessCache.Lifetime - TimeSpan.FromMilliseconds(1));
        await cache.StatusAsync(CancellationToken.None);
        Assert.Equal(1, checks.Runs);
    }

    [Fact]
    public async Task A_change_shows_once_the_cached_result_is_stale()
    {
        var checks = new CountingChecks();
        var time = new FakeTimeProvider();
        var cache = new ReadinessCache(checks, time, NullLogger<ReadinessCache>.Instance);
        await cache.StatusAsync(CancellationToken.None);

        checks.Next = HealthStatus.Unhealthy;
        time.Advance(ReadinessCache.Lifetime);

        Assert.Equal(HealthStatus.Unhealthy, await cache.StatusAsync(CancellationToken.None));
        Assert.Equal(2, checks.Runs);
    }
}
