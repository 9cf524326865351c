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
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, null),
    };

    private static Dictionary<string, object?> Extension(string name, object? value) =>
        value is null ? [] : new() { [name] = value };
}
