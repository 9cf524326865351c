using System.Security.Claims;
using Bengkulu112.Alerts;
using Bengkulu112.Api.Alerts;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.Streaming;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// Live feeds as Server-Sent Events (API.md *live feeds*). A client that sends `Last-Event-ID` (or
/// `?last_event_id=`) gets every event after that id first, in id order; one that sends none starts from now.
/// </summary>
public static class StreamsApi
{
    public static RouteGroupBuilder MapStreamsApi(this RouteGroupBuilder api)
    {
        var streams = api.MapGroup("/stream").WithTags("Live feeds");
        streams.MapGet("/tickets", Tickets).RequireAuthorization(Policies.AnyRole)
            .Produces<TicketChangedEvent>(StatusCodes.Status200OK, ServerSentEventWriter.ContentType).ProducesValidationProblem();
        streams.MapGet("/alerts", Alerts).RequireAuthorization(Policies.Supervisor)
            .Produces<AlertResponse>(StatusCodes.Status200OK, ServerSentEventWriter.ContentType).ProducesValidationProblem();
        return api;
    }

    /// <summary>Every ticket change; an OPD user sees only changes of tickets its OPD leads or supports.</summary>
    private static Task<IResult> Tickets(HttpRequest request, ClaimsPrincipal user, TicketChangeFeed changes,
        FeedLimiter limiter, IOptions<FeedOptions> options)
    {
        var opd = user.OpdCode();
        // The node's feed hub reads the table and rings; this feed only wakes to read memory (heartbeat as a backstop).
        var source = new FeedSource<TicketChangedEvent>(FeedEventNames.TicketChanged,
            (after, limit, ct) => changes.AfterAsync(after, opd, null, limit, ct), changes.Bell, options.Value.HeartbeatInterval);
        return Open(request, user, source, changes.LatestIdAsync, limiter, options.Value);
    }

    /// <summary>Every alert raised, from the node's alert hub (which polls the table: nothing pushes alerts yet).</summary>
    private static Task<IResult> Alerts(HttpRequest request, ClaimsPrincipal user, AlertFeed alerts, FeedLimiter limiter,
        IOptions<FeedOptions> options)
    {
        var source = new FeedSource<AlertResponse>(FeedEventNames.AlertRaised, alerts.AfterAsync, alerts.Bell,
            options.Value.HeartbeatInterval);
        return Open(request, user, source, alerts.LatestIdAsync, limiter, options.Value);
    }

    /// <summary>
    /// A person's feed opens only while their session is open, and ends with it or with the token; it takes one of
    /// the person's and the node's feed slots (429 beyond), and replays at most <see cref="FeedOptions.MaxReplayEvents"/>
    /// events (410 beyond: reload the state, then open from now).
    /// </summary>
    private static async Task<IResult> Open<T>(HttpRequest request, ClaimsPrincipal user, FeedSource<T> source,
        Func<CancellationToken, Task<long>> latestId, FeedLimiter limiter, FeedOptions options)
    {
        var errors = new FieldErrors();
        var after = LastEventId.Read(request, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        var ct = request.HttpContext.RequestAborted;
        var lease = FeedLease.For(request.HttpContext, options.SessionCheckInterval);
        if (!await lease.HoldsAsync(ct))
            return AccountProblems.RefreshRefused("The session of this token has ended. Sign in again.");
        var latest = await latestId(ct);
        if (after is { } from && latest - from > options.MaxReplayEvents)
            return FeedProblems.ReplayTooLong(options.MaxReplayEvents);
        if (limiter.TryOpen(user.Actor(), out var refusal) is not { } slot)
            return FeedProblems.TooManyFeeds(request.HttpContext, refusal!);
        request.HttpContext.Response.RegisterForDispose(slot);
        return new ServerSentEventsFeed<T>(source, after ?? latest, lease);
    }
}
