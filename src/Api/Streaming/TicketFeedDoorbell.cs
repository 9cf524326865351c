using Bengkulu112.Tickets;
using Orleans.Streams;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// One per API node: subscribes to the ticket grains' feed stream and rings <see cref="Bell"/> on every change, so
/// connected ticket feeds read PostgreSQL at once instead of at their next poll. The stream is only a push (memory
/// streams lose what a dead silo held); the events themselves are read from `ticket_events`.
/// </summary>
public sealed partial class TicketFeedDoorbell(IClusterClient client, ILogger<TicketFeedDoorbell> logger) : IHostedService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private StreamSubscriptionHandle<TicketChanged>? _subscription;
    private Task _retrying = Task.CompletedTask;

    public Doorbell Bell { get; } = new();

    /// <summary>
    /// Runs after the cluster client has connected (it is registered first), so the subscription is normally in
    /// place before the first request; if not, it is retried in the background while feeds fall back to polling.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (!await TrySubscribeAsync())
            _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        await _retrying.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_subscription is { } subscription)
        {
            try
            {
                await subscription.UnsubscribeAsync().WaitAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Left behind, the subscription only costs failed deliveries to a client that is gone.
                LogUnsubscribeFailed(logger, e);
            }
        }
        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(RetryDelay, ct);
            if (await TrySubscribeAsync())
                return;
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            var stream = client.GetStreamProvider(TicketStreams.Provider)
                .GetStream<TicketChanged>(StreamId.Create(TicketStreams.FeedNamespace, TicketStreams.FeedKey));
            _subscription = await stream.SubscribeAsync((_, _) =>
            {
                Bell.Ring();
                return Task.CompletedTask;
            });
            Bell.Ring(); // changes made while not subscribed: let readers look now rather than at their next poll
            return true;
        }
        catch (Exception e)
        {
            LogSubscribeFailed(logger, e, RetryDelay);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not subscribe to the ticket feed stream; ticket feeds poll until it works (retry in {RetryDelay})")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not unsubscribe from the ticket feed stream")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
