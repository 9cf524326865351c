using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>Why a live feed (SSE stream, EIDO socket) was not opened.</summary>
public static class FeedProblems
{
    private const string TypePrefix = AccountProblems.TypePrefix;

    /// <summary>Seconds a refused client should wait before it tries to open a feed again.</summary>
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult TooManyFeeds(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many live feeds",
            type: TypePrefix + "too-many-feeds");
    }

    public static ProblemHttpResult ReplayTooLong(int maxEvents) => TypedResults.Problem(
        $"Last-Event-ID is more than {maxEvents} events behind. Reload the current state (GET /tickets, GET /alerts) and " +
        "open the feed again without Last-Event-ID.",
        statusCode: StatusCodes.Status410Gone, title: "Replay too long", type: TypePrefix + "replay-too-long");
}
