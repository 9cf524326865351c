using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.Streaming;
using Bengkulu112.Common;
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
    private static Task<IResult> Tickets(HttpRequest request, ClaimsPrincipal user, TicketEventQueries events,
        TicketFeedDoorbell doorbell, IOptions<FeedOptions> options)
    {
        var opd = user.OpdCode();
        var source = new FeedSource<TicketChangedEvent>(FeedEventNames.TicketChanged,
            (after, limit, ct) => events.AfterAsync(after, opd, limit, ct), doorbell.Bell, options.Value.PollInterval);
        return Open(request, source, events.LatestIdAsync, options.Value);
    }

    /// <summary>Every alert raised. Nothing pushes alerts to API nodes yet, so this feed polls.</summary>
    private static Task<IResult> Alerts(HttpRequest request, AlertQueries alerts, IOptions<FeedOptions> options)
    {
        var source = new FeedSource<AlertResponse>(FeedEventNames.AlertRaised, alerts.AfterAsync, new Doorbell(),
            options.Value.AlertPollInterval);
        return Open(request, source, alerts.LatestIdAsync, options.Value);
    }

    /// <summary>A person's feed opens only while their session is open, and ends with it or with the token.</summary>
    private static async Task<IResult> Open<T>(HttpRequest request, FeedSource<T> source, Func<CancellationToken, Task<long>> latestId,
        FeedOptions options)
    {
        var errors = new FieldErrors();
        var after = LastEventId.Read(request, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        var lease = FeedLease.For(request.HttpContext, options.SessionCheckInterval);
        if (!await lease.HoldsAsync(request.HttpContext.RequestAborted))
            return AccountProblems.RefreshRefused("The session of this token has ended. Sign in again.");
        return new ServerSentEventsFeed<T>(source, after ?? await latestId(request.HttpContext.RequestAborted), lease);
    }
}
