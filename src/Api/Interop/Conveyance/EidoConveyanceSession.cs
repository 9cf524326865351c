using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Interop.Eido;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.Streaming;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Options;
using static Bengkulu112.Api.Interop.Conveyance.ConveyanceMessages;

namespace Bengkulu112.Api.Interop.Conveyance;

/// <summary>
/// One EIDO WebSocket (NENA-STA-024 subscribe/notify). The client subscribes (`new`: every incident it may see, with a
/// snapshot of the open ones first; `single`: one incident, with its EIDO first); each committed ticket change then
/// arrives as an `event` with the incident's EIDO as it stands, read from `ticket_events` after the subscription's
/// cursor, so nothing is lost between a dropped socket and a reconnect with `?last_event_id=` (the event id is the part
/// of an event's `transactionId` before the dash). When the session ends (token expiry) every subscription gets a
/// `terminate` and the socket closes; a bad message only gets its 400-class response.
/// </summary>
public sealed partial class EidoConveyanceSession(WebSocket socket, ClaimsPrincipal user, Actor actor, long? resumeAfter,
    IServiceProvider services)
{
    private const int MaxSubscriptions = 20;
    private const int SnapshotEidosPerEvent = 10;
    private const int MaxSnapshotTickets = 1000;
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly EidoSource _eidos = services.GetRequiredService<EidoSource>();
    private readonly TicketChangeFeed _events = services.GetRequiredService<TicketChangeFeed>();
    private readonly TicketQueries _tickets = services.GetRequiredService<TicketQueries>();
    private readonly Doorbell _bell = services.GetRequiredService<TicketChangeFeed>().Bell;
    private readonly FeedOptions _feed = services.GetRequiredService<IOptions<FeedOptions>>().Value;
    private readonly InteropOptions _options = services.GetRequiredService<IOptions<InteropOptions>>().Value;
    private readonly TimeProvider _time = services.GetRequiredService<TimeProvider>();
    private readonly ILogger _logger = services.GetRequiredService<ILogger<EidoConveyanceSession>>();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<string, byte> _unacknowledged = new();

    private sealed record Subscription(string Id, Guid? Ticket, CancellationTokenSource Stop, Task Feed);

    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        using var watch = services.GetRequiredService<ISessionLifetime>().Watch(user);
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receive = ReceiveLoopAsync(receiving.Token);
        // Registrations, not pending delays: they are released with this connection, never left on the host's token.
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onEnd = watch.Ended.Register(() => ended.TrySetResult());
        using var onStop = stopping.Register(() => stopped.TrySetResult());
        var first = await Task.WhenAny(receive, ended.Task, stopped.Task);

        await StopFeedsAsync();
        if (first != receive && socket.State == WebSocketState.Open)
        {
            var (status, reason) = first == ended.Task
                ? (WebSocketCloseStatus.PolicyViolation, watch.Reason)
                : (WebSocketCloseStatus.EndpointUnavailable, "server stopping");
            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout, _time);
                foreach (var subscription in _subscriptions.Keys)
                    await SendAsync(Terminate(subscription, Guid.NewGuid().ToString("N"), reason), timeout.Token);
                await socket.CloseOutputAsync(status, reason, timeout.Token);
                await receive.WaitAsync(CloseTimeout, _time);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
                // The client is gone or does not answer the close: nothing more to tell it.
            }
            LogTerminated(_logger, actor.Name, reason);
        }
        await receiving.CancelAsync();
        await receive.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[MaxMessageBytes];
        var scratch = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var count = 0;
                var tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count < buffer.Length)
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(count), ct);
                        count += result.Count;
                    }
                    else
                    {
                        result = await socket.ReceiveAsync(scratch.AsMemory(), ct);
                        tooLarge |= result.Count > 0;
                    }
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
                        return;
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                    await SendAsync(SubscribeResponse(null, Status.TooLarge, $"a message may be at most {MaxMessageBytes} bytes"), ct);
                else if (result.MessageType != WebSocketMessageType.Text)
                    await SendAsync(SubscribeResponse(null, Status.BadRequest, "messages are JSON text"), ct);
                else
                    await HandleAsync(Parse(buffer.AsSpan(0, count)), ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away (or the session is over): the socket is done.
        }
    }

    private async Task HandleAsync(ClientMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case Refusal refusal:
                await SendAsync(SubscribeResponse(refusal.TransactionId, refusal.StatusCode, refusal.Text), ct);
                break;
            case SubscribeRequest subscribe:
                try
                {
                    await SubscribeAsync(subscribe, ct);
                }
                catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
                {
                    LogFailed(_logger, e, actor.Name);
                    await SendAsync(SubscribeResponse(subscribe.TransactionId, Status.ServerError,
                        "the subscription could not be set up; try again"), ct);
                }
                break;
            case UnsubscribeRequest unsubscribe:
                if (_subscriptions.TryRemove(unsubscribe.SubscriptionId, out var gone))
                {
                    await StopAsync(gone);
                    await SendAsync(UnsubscribeResponse(unsubscribe.TransactionId, unsubscribe.SubscriptionId, Status.Ok, "OK"), ct);
                }
                else
                    await SendAsync(UnsubscribeResponse(unsubscribe.TransactionId, unsubscribe.SubscriptionId, Status.NotFound,
                        "no such subscription on this connection"), ct);
                break;
            case EventResponse response:
                if (!_unacknowledged.TryRemove(response.TransactionId, out _))
                    LogUnknownAcknowledgement(_logger, response.TransactionId);
                break;
        }
    }

    private async Task SubscribeAsync(SubscribeRequest request, CancellationToken ct)
    {
        if (_subscriptions.Count >= MaxSubscriptions)
        {
            await SendAsync(SubscribeResponse(request.TransactionId, Status.BadRequest,
                $"at most {MaxSubscriptions} subscriptions per connection"), ct);
            return;
        }
        var id = Guid.NewGuid().ToString("N");
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (request.SubType == SubTypeSingle)
        {
            var ticket = Guid.TryParse(request.IncidentId, out var plain) ? plain : EidoIds.TicketOf(request.IncidentId!, _options.CenterDomain);
            // The cursor is taken before the EIDO is read: a change committed in between is sent again, never missed.
            var cursor = resumeAfter ?? await _events.LatestIdAsync(ct);
            var current = ticket is { } t ? await _eidos.ForAsync(t, actor) : null;
            if (current?.Eido is not { } eido)
            {
                stop.Dispose();
                await SendAsync(SubscribeResponse(request.TransactionId, Status.NotFound, "no incident with that incidentId"), ct);
                return;
            }
            await SendAsync(SubscribeResponse(request.TransactionId, Status.Ok, "OK", id), ct);
            _subscriptions[id] = new Subscription(id, ticket, stop, FeedAsync(id, ticket, cursor, [eido], stop.Token));
        }
        else
        {
            await SendAsync(SubscribeResponse(request.TransactionId, Status.Ok, "OK", id), ct);
            _subscriptions[id] = new Subscription(id, null, stop, NewFeedAsync(id, stop.Token));
        }
        LogSubscribed(_logger, actor.Name, request.SubType, id);
    }

    /// <summary>`new`: resumes after the client's last event id, or sends the open incidents first and continues from then.</summary>
    private async Task NewFeedAsync(string subscription, CancellationToken ct)
    {
        try
        {
            if (resumeAfter is { } after)
            {
                await FeedAsync(subscription, null, after, [], ct);
                return;
            }
            var cursor = await _events.LatestIdAsync(ct);
            var snapshot = new List<JsonObject>();
            TicketCursor? page = null;
            var open = TicketStatusCodes.All.Where(s => TicketStatusCodes.TryParse(s, out var v) && !TicketStateMachine.IsTerminal(v)).ToList();
            do
            {
                var filter = new TicketListFilter(open, null, null, null, null, null, null, TicketListFilter.MaxLimit, page, actor.Opd);
                var list = await _tickets.ListAsync(filter);
                foreach (var summary in list.Items)
                    if ((await _eidos.ForAsync(summary.Id, actor)).Eido is { } eido)
                        snapshot.Add(eido);
                page = list.NextCursor is { } next && TicketCursor.TryParse(next, out var p) ? p : null;
            }
            while (page is not null && snapshot.Count < MaxSnapshotTickets);
            await FeedAsync(subscription, null, cursor, snapshot, ct);
        }
        catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
        {
            await FailedAsync(subscription, e, ct);
        }
        catch (Exception) when (ct.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
            // Unsubscribed, session over or socket gone.
        }
    }

    private async Task FeedAsync(string subscription, Guid? ticket, long cursor, IReadOnlyList<JsonObject> snapshot, CancellationToken ct)
    {
        try
        {
            foreach (var (chunk, n) in snapshot.Chunk(SnapshotEidosPerEvent).Select((c, i) => (c, i)))
                await NotifyAsync(subscription, $"snapshot{n}-{subscription}", chunk, ct);
            while (!ct.IsCancellationRequested)
            {
                var rung = _bell.Next;
                var batch = await _events.AfterAsync(cursor, actor.Opd, ticket, _feed.BatchSize, ct);
                foreach (var change in batch)
                {
                    if ((await _eidos.ForAsync(change.Data.TicketId, actor)).Eido is { } eido)
                        await NotifyAsync(subscription, $"{change.Id}-{subscription}", [eido], ct);
                    cursor = change.Id;
                }
                if (batch.Count == _feed.BatchSize)
                    continue;
                // Poll anyway after the interval: a lost push only delays an event.
                await Doorbell.RungOrTimeoutAsync(rung, _feed.PollInterval, _time, ct);
            }
        }
        catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
        {
            await FailedAsync(subscription, e, ct);
        }
        catch (Exception) when (ct.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
            // Unsubscribed, session over or socket gone.
        }
    }

    /// <summary>
    /// A feed that cannot go on (PostgreSQL unreachable) says so with `terminate` rather than falling silent: the client
    /// subscribes again, with `?last_event_id=` on a new connection to lose nothing.
    /// </summary>
    private async Task FailedAsync(string subscription, Exception e, CancellationToken ct)
    {
        LogFailed(_logger, e, actor.Name);
        _subscriptions.TryRemove(subscription, out _);
        try
        {
            await SendAsync(Terminate(subscription, Guid.NewGuid().ToString("N"), "the notifier failed; subscribe again"), ct);
        }
        catch (Exception) when (ct.IsCancellationRequested || socket.State != WebSocketState.Open)
        {
        }
    }

    private Task NotifyAsync(string subscription, string transactionId, IEnumerable<JsonObject> eidos, CancellationToken ct)
    {
        _unacknowledged[transactionId] = 0;
        return SendAsync(Event(subscription, transactionId, eidos), ct);
    }

    private async Task SendAsync(JsonObject message, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString(EidoDocument.Json));
        await _send.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task StopFeedsAsync()
    {
        foreach (var subscription in _subscriptions.Values)
            await StopAsync(subscription);
    }

    private static async Task StopAsync(Subscription subscription)
    {
        await subscription.Stop.CancelAsync();
        await subscription.Feed.ContinueWith(_ => { }, TaskScheduler.Default);
        subscription.Stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "EIDO subscription {Subscription} ({SubType}) for {Actor}")]
    private static partial void LogSubscribed(ILogger logger, string actor, string subType, string subscription);

    [LoggerMessage(Level = LogLevel.Information, Message = "EIDO connection of {Actor} terminated: {Reason}")]
    private static partial void LogTerminated(ILogger logger, string actor, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EIDO subscription of {Actor} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string actor);

    [LoggerMessage(Level = LogLevel.Debug, Message = "eventResponse for unknown transaction {TransactionId}")]
    private static partial void LogUnknownAcknowledgement(ILogger logger, string transactionId);
}
