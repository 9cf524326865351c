using Bengkulu112.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>Turns a grain's refusal into the problem response API.md prescribes for it.</summary>
public static class FailureProblems
{
    public static IResult ToProblem(this TicketFailure failure) => failure.Kind switch
    {
        TicketFailureKind.Invalid when failure.Errors is { IsEmpty: false } errors => Problem.Validation(errors),
        TicketFailureKind.Invalid => TypedResults.Problem(failure.Detail, statusCode: StatusCodes.Status400BadRequest),
        TicketFailureKind.NotFound => Problem.NotFound(failure.Detail),
        TicketFailureKind.Forbidden => TypedResults.Problem(failure.Detail, statusCode: StatusCodes.Status403Forbidden),
        TicketFailureKind.Conflict => Conflict(failure),
        TicketFailureKind.PreconditionFailed => TypedResults.Problem(failure.Detail,
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: failure.CurrentVersion is { } v ? new Dictionary<string, object?> { ["current_version"] = v } : null),
        TicketFailureKind.IdempotencyMismatch => TypedResults.Problem(failure.Detail,
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused with a different body"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure.Kind, null),
    };

    private static ProblemHttpResult Conflict(TicketFailure failure)
    {
        var extensions = new Dictionary<string, object?>();
        if (failure.CurrentStatus is { } status)
            extensions["current_status"] = status.Code();
        return TypedResults.Problem(failure.Detail, statusCode: StatusCodes.Status409Conflict,
            title: "Not allowed in the current status", extensions: extensions);
    }

}
