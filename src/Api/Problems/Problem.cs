using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>Typed problem results the endpoints return.</summary>
public static class Problem
{
    public static ValidationProblem Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: "One or more fields are invalid; see errors.",
            title: "Invalid request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
