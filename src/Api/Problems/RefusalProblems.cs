using System.Globalization;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>The one place a grain's <see cref="Refusal"/> becomes the problem response API.md prescribes for it.</summary>
public static class RefusalProblems
{
    public static ProblemHttpResult ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.Invalid when refusal.Errors is { IsEmpty: false } errors => Problem.InvalidFields(errors),
        RefusalKind.Invalid => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status400BadRequest),
        RefusalKind.NotFound => Problem.NotFound(refusal.Detail),
        RefusalKind.Forbidden => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status403Forbidden),
        RefusalKind.Conflict => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status409Conflict,
            title: "Not allowed in the current status", extensions: Extension("current_status", refusal.CurrentStatus?.Code())),
        RefusalKind.PreconditionFailed => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: refusal.CurrentVersion is { } version ? Extension("current_version", version) : null),
        RefusalKind.IdempotencyMismatch => TypedResults.Problem(refusal.Detail,
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused with a different body"),
        RefusalKind.NoteLimitReached => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status409Conflict,
            title: "Note limit reached", type: AccountProblems.TypePrefix + "note-limit-reached",
            extensions: Extension("max_notes", refusal.Max)),
        RefusalKind.TooManyNotes => TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many notes", type: AccountProblems.TypePrefix + "too-many-notes",
            extensions: Extension("max_notes_per_minute", refusal.Max)),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, null),
    };

    /// <summary>The problem, and a refusal's <see cref="Refusal.RetryAfter"/> as the `Retry-After` header (whole seconds).</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal, HttpContext http)
    {
        if (refusal.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return refusal.ToProblem();
    }

    private static Dictionary<string, object?> Extension(string name, object? value) =>
        value is null ? [] : new() { [name] = value };
}
