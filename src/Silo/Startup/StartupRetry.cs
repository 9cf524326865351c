using Polly;
using Polly.Retry;

namespace Bengkulu112.Silo.Startup;

/// <summary>
/// Start-up work calls grains, and a grain may still be placed on a silo that just died and is not yet declared dead
/// (a silo starting during a fail-over). Such calls are retried for about a minute instead of failing the silo's start.
/// </summary>
public static class StartupRetry
{
    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>()
                .Handle<OrleansMessageRejectionException>().Handle<TimeoutException>(),
            MaxRetryAttempts = 12,
            Delay = TimeSpan.FromMilliseconds(500),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(10),
            UseJitter = true,
        })
        .Build();
}
