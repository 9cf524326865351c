using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Idempotency;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.RateLimiting;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Tickets: opened by call takers, worked by OPDs, followed by supervisors (API.md *Tickets*).</summary>
public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapPost("/", Create).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        tickets.MapGet("/", List).RequireAuthorization(Policies.AnyRole);
        tickets.MapGet("/suggestions", Suggestions).RequireAuthorization(Policies.CallTakerOrSupervisor);
        tickets.MapGet("/{id}", Get).RequireAuthorization(Policies.AnyRole);
        tickets.MapGet("/{id}/timeline", Timeline).RequireAuthorization(Policies.AnyRole);
        tickets.MapPost("/{id}/escalate", Escalate).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/acknowledge", Acknowledge).RequireAuthorization(Policies.OpdOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/on-scene", OnScene).RequireAuthorization(Policies.OpdOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/resolve", Resolve).RequireAuthorization(Policies.OpdOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/reject", Reject).RequireAuthorization(Policies.Opd).NeverRateLimited();
        tickets.MapPost("/{id}/close", Close).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/cancel", Cancel).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/reopen", Reopen).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        tickets.MapPost("/{id}/notes", AddNote).RequireAuthorization(Policies.AnyRole).NeverRateLimited();
        return api;
    }

    private static async Task<IResult> Create(TicketCreateRequest body, HttpContext http, ClaimsPrincipal user,
        IClusterClient grains, IOptions<JsonOptions> json)
    {
        var actor = user.ToActor();
        var errors = new FieldErrors();
        var key = IdempotencyKey.From(http.Request, errors);
        var draft = body.ToDraft();
        TicketDraftValidator.Validate(draft, errors);
        foreach (var (callId, index) in draft.CallIds.Select((c, i) => (c, i)))
        {
            if (await grains.GetGrain<ICallGrain>(callId).Get() is null)
                errors.Add($"call_ids[{index}]", $"no call with id {callId}");
        }
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var id = key?.DeriveId("POST /tickets", actor) ?? Guid.NewGuid();
        var result = await grains.GetGrain<ITicketGrain>(id).Open(draft, actor, IdempotencyKey.Fingerprint(body, json));
        if (result.Failure is { } failure)
            return failure.ToProblem();
        var ticket = result.Ticket!;
        TicketHttp.SetETag(http, ticket);
        return TypedResults.Created($"/api/v1/tickets/{ticket.Id}", TicketResponse.From(ticket));
    }

    private static async Task<IResult> List(HttpRequest request, ClaimsPrincipal user, TicketQueries queries)
    {
        var filter = TicketListFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        return TypedResults.Ok(await queries.ListAsync(filter with { VisibleToOpd = user.OpdCode() }));
    }

    private static async Task<IResult> Suggestions(HttpRequest request, TicketQueries queries, TimeProvider time)
    {
        var filter = TicketSuggestionFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        return TypedResults.Ok(new TicketSuggestionsResponse(await queries.SuggestAsync(filter, time.GetUtcNow())));
    }

    private static async Task<IResult> Get(string id, HttpContext http, ClaimsPrincipal user, IClusterClient grains)
    {
        if (!Guid.TryParse(id, out var ticketId))
            return TicketHttp.NotFound(id);
        var result = await grains.GetGrain<ITicketGrain>(ticketId).Get(user.ToActor());
        return TicketHttp.Answer(http, result);
    }

    /// <summary>With `limit` or `cursor` a page (`{ items, next_cursor }`); without, the first page as an array.</summary>
    private static async Task<IResult> Timeline(string id, string? limit, string? cursor, HttpContext http,
        ClaimsPrincipal user, IClusterClient grains)
    {
        var query = TimelineQuery.Parse(limit, cursor, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        if (!Guid.TryParse(id, out var ticketId))
            return TicketHttp.NotFound(id);
        var result = await grains.GetGrain<ITicketGrain>(ticketId).GetTimeline(user.ToActor(), query.After, query.Limit);
        if (result.Failure is { } failure)
            return failure.ToProblem();
        var items = result.Entries!.Select(TimelineEntryResponse.From).ToList();
        var next = result.NextAfter is { } after ? new TimelineCursor(after).ToString() : null;
        if (query.Paged)
            return TypedResults.Ok(new Page<TimelineEntryResponse>(items, next));
        if (next is not null)
            http.Response.Headers.Link = $"</api/v1/tickets/{ticketId}/timeline?limit={query.Limit}&cursor={next}>; rel=\"next\"";
        return TypedResults.Ok(items);
    }

    private static Task<IResult> Escalate(string id, EscalateRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Escalate, body?.Opd, null, http, user, grains);

    private static Task<IResult> Acknowledge(string id, NoteRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Acknowledge, null, body?.Note, http, user, grains);

    private static Task<IResult> OnScene(string id, NoteRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.OnScene, null, body?.Note, http, user, grains);

    private static Task<IResult> Resolve(string id, NoteRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Resolve, null, body?.Note, http, user, grains);

    private static Task<IResult> Reject(string id, ReasonRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Reject, null, body?.Reason, http, user, grains);

    private static Task<IResult> Close(string id, NoteRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Close, null, body?.Note, http, user, grains);

    private static Task<IResult> Cancel(string id, ReasonRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Cancel, null, body?.Reason, http, user, grains);

    private static Task<IResult> Reopen(string id, ReasonRequest? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
        TicketHttp.Command(id, TicketTransition.Reopen, null, body?.Reason, http, user, grains);

    private static async Task<IResult> AddNote(string id, NoteCreateRequest body, HttpContext http, ClaimsPrincipal user,
        IClusterClient grains)
    {
        var errors = new FieldErrors();
        var key = IdempotencyKey.From(http.Request, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        if (!Guid.TryParse(id, out var ticketId))
            return TicketHttp.NotFound(id);
        var result = await grains.GetGrain<ITicketGrain>(ticketId).AddNote(body.Text ?? "", user.ToActor(), key?.Value);
        if (result.Failure is { } failure)
            return failure.ToProblem();
        if (result.Limited is { } limited)
            return limited.ToProblem(http);
        http.Response.Headers.ETag = TicketHttp.ETag(result.Version);
        return TypedResults.Created($"/api/v1/tickets/{ticketId}/timeline", TimelineEntryResponse.From(result.Entry!));
    }
}
