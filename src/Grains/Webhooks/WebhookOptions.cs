namespace Bengkulu112.Webhooks;

/// <summary>How webhooks are delivered (configuration section `Webhooks`).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The name of the HttpClient that delivers (no redirects, <see cref="RequestTimeout"/>).</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>How often an idle webhook looks for new events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the first retry; each further retry waits twice as long (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after its first attempt an event is retried before it is given up and the next one is sent.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Period of the durable reminder that re-activates a webhook's dispatcher after a silo died or restarted.</summary>
    public TimeSpan BackstopPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the previous secret keeps signing deliveries (beside the new one) after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Networks (CIDR, or single addresses) that deliveries may reach although they are not public: loopback, private,
    /// link-local and the like are refused unless named here. For receivers inside an agency's own network, and tests.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Further networks deliveries must never reach, e.g. a cluster's pod and service ranges when they are public addresses.</summary>
    public List<string> BlockedNetworks { get; set; } = [];

    /// <summary>At most this many events are sent in one turn of the dispatcher before it yields to other work.</summary>
    public int BatchSize { get; set; } = 50;
}
