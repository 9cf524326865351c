using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Bengkulu112.Api.Endpoints;

/// <summary>The HTTP side of ticket answers: ETag out, If-Match in, refusals to problems.</summary>
public static class TicketHttp
{
    public static string ETag(int version) => $"\"{version}\"";

    public static void SetETag(HttpContext http, TicketDetails ticket) => http.Response.Headers.ETag = ETag(ticket.Version);

    public static ProblemHttpResult NotFound(string id) => Problem.NotFound($"No ticket with id {id}.");

    public static Results<Ok<TicketResponse>, ProblemHttpResult> Answer(HttpContext http, TicketResult result)
    {
        if (result.Failure is { } failure)
            return failure.ToProblem();
        SetETag(http, result.Ticket!);
        return TypedResults.Ok(TicketResponse.From(result.Ticket!));
    }

    /// <summary>The version named by If-Match (null when absent or `*`); false when it names no version at all.</summary>
    public static bool TryExpectedVersion(HttpRequest request, out int? version)
    {
        version = null;
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
            return true;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count != 1)
            return false;
        var tag = tags[0];
        if (tag.Equals(EntityTagHeaderValue.Any))
            return true;
        if (!int.TryParse(tag.Tag.AsSpan().Trim('"'), out var v))
            return false;
        version = v;
        return true;
    }
}
