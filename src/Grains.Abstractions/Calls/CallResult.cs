using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Calls;

/// <summary>The call after a request, or why it was refused (reusing the ticket failure kinds and status codes).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallResult")]
public sealed record CallResult(
    [property: Id(0)] CallDetails? Call,
    [property: Id(1)] TicketFailure? Failure,
    [property: Id(2)] bool Created = false)
{
    public static CallResult Ok(CallDetails call, bool created = false) => new(call, null, created);
    public static CallResult Fail(TicketFailureKind kind, string detail, FieldErrors? errors = null, TicketStatus? current = null) =>
        new(null, new TicketFailure(kind, detail, errors, current));
}
