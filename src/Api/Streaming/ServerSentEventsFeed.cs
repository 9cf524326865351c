using System.Text.Json;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// Streams a feed as Server-Sent Events from the event after <paramref name="after"/>: first whatever PostgreSQL
/// already holds (the replay), then each new event as the doorbell rings or the poll interval passes. Events are read
/// in batches of <see cref="FeedOptions.BatchSize"/> and written before the next read, so a slow client slows only
/// itself and nothing piles up in memory. Ends when the client disconnects, the node shuts down, or the
/// <paramref name="lease"/> runs out (the token expired, the session ended); the client then reconnects, to this or
/// another node, with `Last-Event-ID` (and a fresh token).
/// </summary>
public sealed partial class ServerSentEventsFeed<T>(FeedSource<T> source, long after, FeedLease lease) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<FeedOptions>>().Value;
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<ServerSentEventsFeed<T>>>();
        // Without the stop signal an open stream would hold up a graceful shutdown until its timeout.
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted,
            services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var ct = ending.Token;

        LogOpened(logger, source.EventName, after);
        var last = after;
        try
        {
            var writer = await ServerSentEventWriter.StartAsync(http.Response, ct);
            var lastWrite = time.GetTimestamp();
            while (!ct.IsCancellationRequested && await lease.HoldsAsync(ct))
            {
                var rung = source.Bell.Next;
                var batch = await source.Read(last, options.BatchSize, ct);
                foreach (var item in batch)
                {
                    await writer.EventAsync(item.Id, source.EventName, JsonSerializer.Serialize(item.Data, json), ct);
                    last = item.Id;
                    lastWrite = time.GetTimestamp();
                }
                if (batch.Count == options.BatchSize)
                    continue;

                var idle = time.GetElapsedTime(lastWrite);
                if (idle >= options.HeartbeatInterval)
                {
                    await writer.CommentAsync("keep-alive", ct);
                    lastWrite = time.GetTimestamp();
                    idle = TimeSpan.Zero;
                }
                var wait = TimeSpan.FromTicks(Math.Min(Math.Min(source.PollInterval.Ticks, (options.HeartbeatInterval - idle).Ticks),
                    lease.UntilNextLook().Ticks));
                // Poll anyway after the wait: a lost push must only delay an event.
                await Doorbell.RungOrTimeoutAsync(rung, wait, time, ct);
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // The client went away or the node is stopping: reads and writes in flight end with an exception, which is
            // no failure.
        }
        LogClosed(logger, source.EventName, last);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {EventName} opened after event {After}")]
    private static partial void LogOpened(ILogger logger, string eventName, long after);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {EventName} closed after event {Last}")]
    private static partial void LogClosed(ILogger logger, string eventName, long last);
}
