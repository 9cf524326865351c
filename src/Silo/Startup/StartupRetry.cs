using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace Bengkulu112.Silo.Startup;

/// <summary>
/// Start-up work calls grains, and a grain may still be placed on a silo that just died and is not yet declared dead
/// (a silo starting during a fail-over), or be active twice for a moment while silos join at once and both seed it (the
/// second write meets the first one's version and drops its activation; the next attempt reads the stored state). Such
/// calls are retried for about a minute instead of failing the silo's start.
/// </summary>
public static class StartupRetry
{
    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>()
                .Handle<OrleansMessageRejectionException>().Handle<TimeoutException>()
                .Handle<InconsistentStateException>(),
            MaxRetryAttempts = 12,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(10),
            UseJitter = true,
        })
        .Build();
}
