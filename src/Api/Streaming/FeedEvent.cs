namespace Bengkulu112.Api.Streaming;

/// <summary>One event of a feed: its id in the event table (the SSE `id:`) and what goes in `data:`.</summary>
public sealed record FeedEvent<T>(long Id, T Data);

/// <summary>Reads the events after <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
public delegate Task<IReadOnlyList<FeedEvent<T>>> FeedReader<T>(long after, int limit, CancellationToken ct);

/// <summary>What a feed streams: its SSE event name, how to read it, what wakes it and how often it polls anyway.</summary>
public sealed record FeedSource<T>(string EventName, FeedReader<T> Read, Doorbell Bell, TimeSpan PollInterval);

/// <summary>The SSE event names of API.md (webhooks use the same).</summary>
public static class FeedEventNames
{
    public const string TicketChanged = "ticket.changed";
    public const string AlertRaised = "alert.raised";
}
