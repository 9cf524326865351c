using System.Globalization;
using Bengkulu112.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>The problems of a note refused by a note limit (API.md *Note limits*).</summary>
public static class NoteLimitProblems
{
    private const string TypePrefix = AccountProblems.TypePrefix;

    public static ProblemHttpResult ToProblem(this NoteLimitRefusal refusal, HttpContext http)
    {
        if (refusal.Limit == NoteLimit.PerTicket)
        {
            return TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status409Conflict, title: "Note limit reached",
                type: TypePrefix + "note-limit-reached",
                extensions: new Dictionary<string, object?> { ["max_notes"] = refusal.Max });
        }
        var seconds = Math.Max(1, (int)Math.Ceiling((refusal.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many notes",
            type: TypePrefix + "too-many-notes",
            extensions: new Dictionary<string, object?> { ["max_notes_per_minute"] = refusal.Max });
    }
}
