using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>Typed problem results the endpoints return.</summary>
public static class Problem
{
    private const string InvalidTitle = "Invalid request", InvalidDetail = "One or more fields are invalid; see errors.";

    public static ValidationProblem Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: InvalidDetail, title: InvalidTitle);

    /// <summary>The same answer as <see cref="Validation"/>, as a <see cref="ProblemHttpResult"/> (for refusals).</summary>
    public static ProblemHttpResult InvalidFields(FieldErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = InvalidTitle,
            Detail = InvalidDetail,
        });

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);
}
