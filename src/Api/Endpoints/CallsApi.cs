using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Cluster;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Idempotency;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.RateLimiting;
using Bengkulu112.Api.Validation;
using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Calls as they reach the call takers: intake with the caller's screening, and classification.</summary>
public static class CallsApi
{
    /// <summary>Where an Idempotency-Key of `POST /calls` derives the new call's id.</summary>
    private const string RecordScope = "POST /calls";

    public static RouteGroupBuilder MapCallsApi(this RouteGroupBuilder api)
    {
        var calls = api.MapGroup("/calls").WithTags("Calls");
        calls.MapPost("/", Record).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        calls.MapGet("/{id}", Get).RequireAuthorization(Policies.CallTakerOrSupervisor);
        calls.MapPost("/{id}/classify", Classify).RequireAuthorization(Policies.CallTakerOrSupervisor).NeverRateLimited();
        return api;
    }

    /// <summary>
    /// A flagged caller's call is recorded like any other: the flag only informs (SPEC.md §2). A call without a number is
    /// recorded by its own call grain, so such calls never wait on each other (SPEC.md §7). A silo dying under the call
    /// delays its answer (<see cref="IntakeRetry"/>) instead of refusing it.
    /// </summary>
    private static async Task<Results<Created<CallResponse>, ValidationProblem, ProblemHttpResult>> Record(
        CallRequest body, HttpRequest request, ClaimsPrincipal user, IClusterClient grains, TimeProvider time,
        IOptions<JsonOptions> json)
    {
        var errors = new FieldErrors();
        var key = IdempotencyKey.From(request, errors);
        var actor = user.ToActor();
        var intake = CallValidation.ToIntake(body, actor.Name, time.GetUtcNow(), errors);
        if (intake is null)
            return Problem.Validation(errors);

        var id = key?.DeriveId(RecordScope, actor) ?? Guid.NewGuid();
        var fingerprint = IdempotencyKey.Fingerprint(body, json);
        // The same call (same id) again while its grain's silo is dying: stored once, never refused for that.
        var result = await IntakeRetry.Pipeline.ExecuteAsync(async _ => intake.CallerNumber is { } number
            ? await grains.GetGrain<ICallerGrain>(number).RecordCall(id, intake, fingerprint)
            : await grains.GetGrain<ICallGrain>(id).RecordWithoutNumber(intake, fingerprint), request.HttpContext.RequestAborted);
        if (result.Failure is { } failure)
            return failure.ToProblem();
        // A replay answers 201 with the first call, as if it had been created now (API.md: "returns the first result").
        return TypedResults.Created($"/api/v1/calls/{id}", CallResponse.From(result.Call!));
    }

    private static async Task<Results<Ok<CallResponse>, ProblemHttpResult>> Get(string id, IClusterClient grains)
    {
        if (!Guid.TryParse(id, out var callId))
            return NoSuchCall(id);
        var call = await grains.GetGrain<ICallGrain>(callId).Get();
        return call is null ? NoSuchCall(id) : TypedResults.Ok(CallResponse.From(call));
    }

    private static async Task<Results<Ok<CallResponse>, ValidationProblem, ProblemHttpResult>> Classify(
        string id, ClassifyRequest body, ClaimsPrincipal user, IClusterClient grains)
    {
        if (!Guid.TryParse(id, out var callId))
            return NoSuchCall(id);
        var (command, errors) = CallValidation.ToCommand(body);
        if (command is null)
            return Problem.Validation(errors);

        var result = await grains.GetGrain<ICallGrain>(callId).Classify(command, user.ToActor());
        if (result.Failure is { } failure)
            return failure.ToProblem();
        return TypedResults.Ok(CallResponse.From(result.Call!));
    }

    private static ProblemHttpResult NoSuchCall(string id) => Problem.NotFound($"No call with id '{id}'.");
}
