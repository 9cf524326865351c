namespace Bengkulu112.Api.Streaming;

/// <summary>Timing of the live feeds (`Feeds` section, e.g. `Feeds__HeartbeatInterval=00:00:15`).</summary>
public sealed class FeedOptions
{
    public const string Section = "Feeds";

    /// <summary>An idle stream gets a `: keep-alive` comment this often, so proxies do not close it.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Ticket feeds re-read PostgreSQL this often even without a push: a lost push delays an event, never loses it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Nothing pushes alerts to API nodes (yet): the alert feed reads PostgreSQL this often.</summary>
    public TimeSpan AlertPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A person's feed checks this often that their session is still open (deactivation, sign-out end it).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events read (and held in memory) per query; a connection never buffers more than this.</summary>
    public int BatchSize { get; set; } = 100;

    public bool IsValid() =>
        HeartbeatInterval > TimeSpan.Zero && PollInterval > TimeSpan.Zero && AlertPollInterval > TimeSpan.Zero
        && SessionCheckInterval > TimeSpan.Zero
        && BatchSize is >= 1 and <= 1000;
}
