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

    /// <summary>Newest events each feed hub keeps in memory for the node's open feeds.</summary>
    public int MemoryEvents { get; set; } = 10_000;

    /// <summary>Live feeds one person may hold open on a node (tabs, screens); beyond, 429.</summary>
    public int MaxFeedsPerPerson { get; set; } = 5;

    /// <summary>Live feeds a node serves at once; beyond, 429 (a load balancer sends the client to another node).</summary>
    public int MaxFeedsPerNode { get; set; } = 2_000;

    /// <summary>
    /// The most events a `Last-Event-ID` may ask to replay; further behind, 410: the client reloads the current state
    /// (`GET /tickets`, `GET /alerts`) and opens the feed from now.
    /// </summary>
    public int MaxReplayEvents { get; set; } = 10_000;

    public bool IsValid() =>
        HeartbeatInterval > TimeSpan.Zero && PollInterval > TimeSpan.Zero && AlertPollInterval > TimeSpan.Zero
        && SessionCheckInterval > TimeSpan.Zero
        && BatchSize is >= 1 and <= 1000
        && MemoryEvents >= BatchSize && MaxFeedsPerPerson >= 1 && MaxFeedsPerNode >= MaxFeedsPerPerson && MaxReplayEvents >= 1;
}
