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
        tickets.MapCommand<EscalateRequest>("/{id}/escalate", TicketTransition.Escalate, Policies.CallTakerOrSupervisor, b => (b.Opd, null));
        tickets.MapCommand<NoteRequest>("/{id}/acknowledge", TicketTransition.Acknowledge, Policies.OpdOrSupervisor, b => (null, b.Note));
        tickets.MapCommand<NoteRequest>("/{id}/on-scene", TicketTransition.OnScene, Policies.OpdOrSupervisor, b => (null, b.Note));
        tickets.MapCommand<NoteRequest>("/{id}/resolve", TicketTransition.Resolve, Policies.OpdOrSupervisor, b => (null, b.Note));
        tickets.MapCommand<ReasonRequest>("/{id}/reject", TicketTransition.Reject, Policies.Opd, b => (null, b.Reason));
        tickets.MapCommand<NoteRequest>("/{id}/close", TicketTransition.Close, Policies.CallTakerOrSupervisor, b => (null, b.Note));
        tickets.MapCommand<ReasonRequest>("/{id}/cancel", TicketTransition.Cancel, Policies.CallTakerOrSupervisor, b => (null, b.Reason));
        tickets.MapCommand<ReasonRequest>("/{id}/reopen", TicketTransition.Reopen, Policies.CallTakerOrSupervisor, b => (null, b.Reason));
        tickets.MapPost("/{id}/notes", AddNote).RequireAuthorization(Policies.AnyRole).NeverRateLimited();
        return api;
    }

    private static async Task<Results<Created<TicketResponse>, ValidationProblem, ProblemHttpResult>> Create(
        TicketCreateRequest body, HttpContext http, ClaimsPrincipal user, IClusterClient grains, IOptions<JsonOptions> json)
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

    private static async Task<Results<Ok<Page<TicketSummaryResponse>>, ValidationProblem>> List(
        HttpRequest request, ClaimsPrincipal user, TicketQueries queries)
    {
        var filter = TicketListFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        return TypedResults.Ok(await queries.ListAsync(filter with { VisibleToOpd = user.OpdCode() }));
    }

    private static async Task<Results<Ok<TicketSuggestionsResponse>, ValidationProblem>> Suggestions(
        HttpRequest request, TicketQueries queries, TimeProvider time)
    {
        var filter = TicketSuggestionFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        return TypedResults.Ok(new TicketSuggestionsResponse(await queries.SuggestAsync(filter, time.GetUtcNow())));
    }

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Get(
        string id, HttpContext http, ClaimsPrincipal user, IClusterClient grains)
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

    /// <summary>
    /// Maps a status change: <paramref name="read"/> takes the OPD (escalate only) and the note or reason from the body,
    /// which may be left out; If-Match names the version the command expects.
    /// </summary>
    private static void MapCommand<TBody>(this RouteGroupBuilder tickets, string route, TicketTransition transition,
        string policy, Func<TBody, (string? Opd, string? Text)> read) where TBody : class =>
        tickets.MapPost(route, (string id, TBody? body, HttpContext http, ClaimsPrincipal user, IClusterClient grains) =>
            {
                var (opd, text) = body is null ? (null, null) : read(body);
                return Command(id, transition, opd, text, http, user, grains);
            })
            .RequireAuthorization(policy).NeverRateLimited();

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> Command(string id, TicketTransition transition,
        string? opd, string? text, HttpContext http, ClaimsPrincipal user, IClusterClient grains)
    {
        if (!Guid.TryParse(id, out var ticketId))
            return TicketHttp.NotFound(id);
        if (!TicketHttp.TryExpectedVersion(http.Request, out var expected))
            return Refusal.PreconditionFailed("If-Match must be the ETag of a ticket version, e.g. \"3\".").ToProblem();
        var command = new TicketCommand(transition, opd, text, expected);
        return TicketHttp.Answer(http, await grains.GetGrain<ITicketGrain>(ticketId).Apply(command, user.ToActor()));
    }

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
            return failure.ToProblem(http);
        http.Response.Headers.ETag = TicketHttp.ETag(result.Version);
        return TypedResults.Created($"/api/v1/tickets/{ticketId}/timeline", TimelineEntryResponse.From(result.Entry!));
    }
}
