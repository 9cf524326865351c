using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>
/// The API fixture for live feeds: served by Kestrel over real sockets (so flushing and client disconnects behave as
/// in production), with a heartbeat every second, alerts polled often and people's sessions checked every 200 ms.
/// </summary>
public sealed class FeedsApiFixture : ApiFixture
{
    protected override bool OverSockets => true;

    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Feeds:HeartbeatInterval"] = "00:00:01",
        ["Feeds:AlertPollInterval"] = "00:00:00.200",
        ["Feeds:SessionCheckInterval"] = "00:00:00.200",
    };
}

/// <summary>
/// Polling and heartbeats far apart (a minute): a ticket change that arrives within seconds can only have come
/// through the doorbell pushed on the Orleans feed stream.
/// </summary>
public sealed class PushOnlyFeedsApiFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Feeds:HeartbeatInterval"] = "00:01:00",
        ["Feeds:PollInterval"] = "00:01:00",
    };
}
