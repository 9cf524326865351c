using System.Security.Claims;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Callers;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// Callers by phone number (any of `0812…`, `62812…`, `+62812…`; a `+` in the path is sent as `%2B`). Numbers are
/// personal data: only call takers and supervisors reach these routes.
/// </summary>
public static class CallersApi
{
    public const int MaxFlagReasonLength = 500;

    public static RouteGroupBuilder MapCallersApi(this RouteGroupBuilder api)
    {
        var callers = api.MapGroup("/callers").WithTags("Callers");
        callers.MapGet("/{number}", Get).RequireAuthorization(Policies.CallTakerOrSupervisor);
        callers.MapPut("/{number}/flag", Flag).RequireAuthorization(Policies.Supervisor);
        callers.MapDelete("/{number}/flag", Unflag).RequireAuthorization(Policies.Supervisor);
        return api;
    }

    private static async Task<Results<Ok<CallerResponse>, ValidationProblem, ProblemHttpResult>> Get(
        string number, IClusterClient grains)
    {
        var errors = new FieldErrors();
        if (Normalize(number, errors) is not { } e164)
            return Problem.Validation(errors);
        var caller = await grains.GetGrain<ICallerGrain>(e164).Get();
        return caller is null ? NoSuchCaller(e164) : TypedResults.Ok(CallerResponse.From(caller));
    }

    /// <summary>A supervisor may flag a number that never called (e.g. reported by another center).</summary>
    private static async Task<Results<Ok<CallerResponse>, ValidationProblem>> Flag(
        string number, FlagRequest body, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        var errors = new FieldErrors();
        var e164 = Normalize(number, errors);
        if (string.IsNullOrWhiteSpace(body.Reason))
            errors.Add("reason", "is required");
        else if (body.Reason.Length > MaxFlagReasonLength)
            errors.Add("reason", $"must be at most {MaxFlagReasonLength} characters");
        if (e164 is null || !errors.IsEmpty)
            return Problem.Validation(errors);

        var caller = await grains.GetGrain<ICallerGrain>(e164).Flag(body.Reason!, user.Actor());
        await audit.RecordAsync(user, "caller.flag", $"caller:{e164}", new { reason = body.Reason });
        return TypedResults.Ok(CallerResponse.From(caller));
    }

    /// <summary>Clears the supervisor's flag; the automatic flag stays while the caller's prank calls reach the threshold.</summary>
    private static async Task<Results<Ok<CallerResponse>, ValidationProblem, ProblemHttpResult>> Unflag(
        string number, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        var errors = new FieldErrors();
        if (Normalize(number, errors) is not { } e164)
            return Problem.Validation(errors);
        var grain = grains.GetGrain<ICallerGrain>(e164);
        if (await grain.Get() is null)
            return NoSuchCaller(e164);
        var caller = await grain.Unflag(user.Actor());
        await audit.RecordAsync(user, "caller.unflag", $"caller:{e164}");
        return TypedResults.Ok(CallerResponse.From(caller));
    }

    private static string? Normalize(string number, FieldErrors errors)
    {
        var e164 = PhoneNumber.TryNormalize(number, out var error);
        if (e164 is null)
            errors.Add("number", error ?? "is not a phone number");
        return e164;
    }

    private static ProblemHttpResult NoSuchCaller(string e164) => Problem.NotFound($"No calls from {e164} are recorded.");
}
