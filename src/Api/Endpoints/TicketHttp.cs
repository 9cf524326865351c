using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Tickets;
using Microsoft.Net.Http.Headers;

namespace Bengkulu112.Api.Endpoints;

/// <summary>The HTTP side of ticket commands: ETag out, If-Match in, failures to problems.</summary>
public static class TicketHttp
{
    public static string ETag(int version) => $"\"{version}\"";

    public static void SetETag(HttpContext http, TicketDetails ticket) => http.Response.Headers.ETag = ETag(ticket.Version);

    public static IResult NotFound(string id) => Problem.NotFound($"No ticket with id {id}.");

    public static IResult Answer(HttpContext http, TicketResult result)
    {
        if (result.Failure is { } failure)
            return failure.ToProblem();
        SetETag(http, result.Ticket!);
        return TypedResults.Ok(TicketResponse.From(result.Ticket!));
    }

    public static async Task<IResult> Command(string id, TicketTransition transition, string? opd, string? text,
        HttpContext http, ClaimsPrincipal user, IClusterClient grains)
    {
        if (!Guid.TryParse(id, out var ticketId))
            return NotFound(id);
        if (!TryExpectedVersion(http.Request, out var expected))
            return TypedResults.Problem("If-Match must be the ETag of a ticket version, e.g. \"3\".",
                statusCode: StatusCodes.Status412PreconditionFailed);
        var command = new TicketCommand(transition, opd, text, expected);
        return Answer(http, await grains.GetGrain<ITicketGrain>(ticketId).Apply(command, user.ToActor()));
    }

    /// <summary>The version named by If-Match (null when absent or `*`); false when it names no version at all.</summary>
    private static bool TryExpectedVersion(HttpRequest request, out int? version)
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
