using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Interop;
using Bengkulu112.Api.Interop.Cap;
using Bengkulu112.Api.Interop.Conveyance;
using Bengkulu112.Api.Interop.Eido;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Streaming;
using Bengkulu112.Common;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// The emergency world's standard forms (API.md *Interoperability*, docs/interop.md): a ticket as a NENA EIDO, the
/// NENA-STA-024 EIDO WebSocket, alerts as OASIS CAP 1.2 messages and their Atom feed.
/// </summary>
public static class InteropApi
{
    public static RouteGroupBuilder MapInteropApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets/{id}/eido", Eido).RequireAuthorization(Policies.AnyRole).WithTags("Interoperability")
            .Produces<object>(StatusCodes.Status200OK, EidoRegistries.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/eido/ws", Socket).RequireAuthorization(Policies.AnyRole).WithTags("Interoperability")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/alerts/{id}/cap", Cap).RequireAuthorization(Policies.Supervisor).WithTags("Interoperability")
            .Produces<string>(StatusCodes.Status200OK, CapMessages.MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/cap/alerts.atom", Atom).RequireAuthorization(Policies.Supervisor).WithTags("Interoperability")
            .Produces<string>(StatusCodes.Status200OK, CapAtomFeed.MediaType).ProducesValidationProblem();
        return api;
    }

    /// <summary>The ticket as an EIDO, scoped exactly like `GET /tickets/{id}` (another OPD's ticket is 404).</summary>
    private static async Task<IResult> Eido(string id, HttpContext http, ClaimsPrincipal user, EidoSource eidos)
    {
        if (!Guid.TryParse(id, out var ticketId))
            return TicketHttp.NotFound(id);
        var result = await eidos.ForAsync(ticketId, user.ToActor());
        if (result.Failure is { } failure)
            return failure.ToProblem();
        TicketHttp.SetETag(http, result.Ticket!);
        return TypedResults.Text(EidoDocument.Serialize(result.Eido!), EidoRegistries.MediaType);
    }

    /// <summary>
    /// The NENA-STA-024 subscribe/notify WebSocket. Signed in with the bearer header or `?access_token=`; resumes after
    /// `?last_event_id=` (or `Last-Event-ID`) like the SSE feed.
    /// </summary>
    private static async Task<IResult> Socket(HttpContext http, ClaimsPrincipal user, IHostApplicationLifetime lifetime)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return TypedResults.Problem("This route speaks WebSocket only (subprotocol emergency-ent1.0).",
                statusCode: StatusCodes.Status400BadRequest, title: "WebSocket required");
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(ConveyanceMessages.SubProtocol))
            return Problem.Validation(new FieldErrors().Add("Sec-WebSocket-Protocol",
                $"must offer the subprotocol {ConveyanceMessages.SubProtocol}"));
        var errors = new FieldErrors();
        var after = LastEventId.Read(http.Request, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        using var socket = await http.WebSockets.AcceptWebSocketAsync(ConveyanceMessages.SubProtocol);
        var session = new EidoConveyanceSession(socket, user, user.ToActor(), after, http.RequestServices);
        await session.RunAsync(http.RequestAborted, lifetime.ApplicationStopping);
        return TypedResults.Empty;
    }

    /// <summary>The alert's current CAP message: its Alert, or the Cancel once its ticket has ended it.</summary>
    private static async Task<IResult> Cap(string id, CapAlertQueries alerts, IOptions<InteropOptions> options, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId)
            || await alerts.GetAsync(alertId, ct) is not { } row)
            return Problem.NotFound($"No alert with id {id}.");
        var latest = CapMessages.For(row, options.Value)[^1];
        return TypedResults.Text(CapMessages.Serialize(latest.Alert), CapMessages.MediaType);
    }

    /// <summary>The CAP messages of the latest `?limit=` alerts (default 50, at most 500), newest first.</summary>
    private static async Task<IResult> Atom(HttpRequest request, CapAlertQueries alerts, IOptions<InteropOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var limit = 50;
        if (request.Query["limit"].LastOrDefault() is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
            return Problem.Validation(new FieldErrors().Add("limit", "must be a whole number from 1 to 500"));
        var rows = await alerts.LatestAsync(limit, ct);
        var messages = rows.SelectMany(r => CapMessages.For(r, options.Value))
            .OrderByDescending(m => m.Sent).ThenByDescending(m => m.AlertId).ThenByDescending(m => m.IsCancel).Take(limit).ToList();
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var feed = CapAtomFeed.Build(messages, options.Value, baseUrl, time.GetUtcNow());
        return TypedResults.Text(CapMessages.Serialize(feed), CapAtomFeed.MediaType);
    }
}
