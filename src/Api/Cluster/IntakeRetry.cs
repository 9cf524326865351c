using Polly;
using Polly.Retry;

namespace Bengkulu112.Api.Cluster;

/// <summary>
/// An emergency line does not refuse a call because a silo died. Recording a call is idempotent by its id (a repeat
/// answers the stored call, counted once), so when the grain call meets a silo that died and is not declared dead yet
/// (refused, rejected, or unanswered), the same call is sent again until the cluster has placed the grain on a live
/// silo: about 16 s of retries, longer than the membership takes to declare a killed silo dead, and within a client's
/// 30 s. Only then the request fails (503).
/// </summary>
public static class IntakeRetry
{
    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>()
                .Handle<OrleansMessageRejectionException>().Handle<TimeoutException>(),
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(2),
            UseJitter = true,
        })
        .Build();
}
